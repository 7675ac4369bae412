package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/catalog"
)

// Channels subscribe without the config file, in either of two ways:
//
//   - An admin of the channel, with the bot an admin there, posts
//     "/subscribe world" (or /unsubscribe) in the channel. The bot deletes
//     the post, posts nothing in the channel, and confirms to the channel's
//     admins in their private chats with it, those who started it.
//   - An admin forwards a post of the channel to the bot in a private chat.
//     The bot checks with getChatMember that they administer the channel
//     and that it is an admin there itself, then offers the channel's topic
//     keyboard.
//
// channelData prefixes the buttons of that keyboard: "ch:ID:s:topic"
// subscribes the channel, "ch:ID:u:topic" unsubscribes it,
// "ch:ID:l:ja" sets the language of its briefs ("ch:ID:l:" each story's
// own), "ch:ID:m:edition" its delivery mode. Every press checks again that
// the user administers the channel.
const channelData = "ch"

// handleChannelPost answers a command posted in a channel: /subscribe and
// /unsubscribe, with or without a topic. Any other post is left alone.
func (b *Bot) handleChannelPost(ctx context.Context, m *tgbotapi.Message) error {
	if m.Chat == nil {
		return nil
	}
	cmd, args, ok := b.command(m)
	if !ok || (cmd != "subscribe" && cmd != "unsubscribe") {
		return nil
	}
	// The channel's readers must not see the command: delete it first,
	// whatever follows.
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", m.Chat.ID)
	p.AddNonZero("message_id", m.MessageID)
	if _, err := b.call(ctx, b.sendClient, "deleteMessage", p); err != nil {
		b.log.Warn("delete a channel's command", "chat_id", m.Chat.ID, "err", err)
	}
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	var done []string // what changed, as topic names; nil: nothing named
	var unknown string
	if args != "" {
		for _, word := range strings.Fields(args) {
			t, ok := b.cfg().topic(word)
			if !ok {
				unknown = word
				continue
			}
			if cmd == "subscribe" {
				r := b.readerOf(ctx, m.Chat.ID, nil)
				if err := b.subscribe(ctx, m.Chat, nil, &r, t.Name); err != nil {
					return err
				}
			} else if err := b.st.Subs.Unsubscribe(ctx, m.Chat.ID, t.Name); err != nil {
				return fmt.Errorf("unsubscribe %d %s: %w", m.Chat.ID, t.Name, err)
			}
			done = append(done, t.Name)
		}
	}
	b.log.Info("channel command", "chat_id", m.Chat.ID, "command", cmd, "topics", done)
	return b.confirmToChannelAdmins(ctx, m.Chat, cmd == "subscribe", done, unknown)
}

// confirmToChannelAdmins tells each admin of the channel who started the
// bot what a command posted there did, with the channel's keyboard.
func (b *Bot) confirmToChannelAdmins(ctx context.Context, ch *tgbotapi.Chat, sub bool, done []string, unknown string) error {
	admins, err := b.chatAdmins(ctx, ch.ID)
	if err != nil {
		return fmt.Errorf("admins of channel %d: %w", ch.ID, err)
	}
	told := 0
	for _, id := range admins {
		if c, err := b.st.Chats.Chat(ctx, id); err != nil || !c.Active {
			continue // never started the bot, or blocked it
		}
		r := b.readerOf(ctx, id, nil)
		var titles []string
		for _, name := range done {
			titles = append(titles, b.cfg().byName[name].TitleIn(r.lang))
		}
		key := "channel.subscribed"
		switch {
		case len(done) == 0:
			key = "channel.choose"
		case !sub:
			key = "channel.unsubscribed"
		}
		text := r.T(key, "Channel", channelTitle(ch), "Topics", strings.Join(titles, ", "))
		if unknown != "" {
			text += "\n" + r.T("topic.unknown", "Topic", clipRunes(unknown, 64))
		}
		view, kb, err := b.channelView(ctx, r, ch)
		if err != nil {
			return err
		}
		if err := b.reply(ctx, id, text+"\n\n"+view, kb); err != nil {
			b.log.Warn("confirm a channel's command", "chat_id", ch.ID, "user_id", id, "err", err)
			continue
		}
		told++
	}
	if told == 0 {
		b.log.Warn("channel command done, but no admin of the channel has started the bot to be told", "chat_id", ch.ID)
	}
	return nil
}

// chatAdmins lists the human admins of a chat by getChatAdministrators.
func (b *Bot) chatAdmins(ctx context.Context, chatID int64) ([]int64, error) {
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", chatID)
	resp, err := b.call(ctx, b.sendClient, "getChatAdministrators", p)
	if err != nil {
		return nil, err
	}
	var members []struct {
		User struct {
			ID    int64 `json:"id"`
			IsBot bool  `json:"is_bot"`
		} `json:"user"`
	}
	if err := json.Unmarshal(resp.Result, &members); err != nil {
		return nil, fmt.Errorf("decode chat administrators: %w", err)
	}
	var ids []int64
	for _, m := range members {
		if !m.User.IsBot {
			ids = append(ids, m.User.ID)
		}
	}
	return ids, nil
}

// forwardedPost answers a channel's post forwarded to the bot in a private
// chat: to an admin of the channel, where the bot is an admin too, the
// channel's keyboard.
func (b *Bot) forwardedPost(ctx context.Context, m *tgbotapi.Message, r reader, ch *tgbotapi.Chat) error {
	if m.From == nil {
		return nil
	}
	text, ok, err := b.channelAccess(ctx, r, ch, m.From.ID)
	if err != nil || !ok {
		if err != nil {
			b.log.Warn("check channel admin", "chat_id", ch.ID, "err", err)
		}
		return b.reply(ctx, m.Chat.ID, text, nil)
	}
	if err := b.ensureChat(ctx, ch); err != nil {
		return err
	}
	// The channel reads what its admin reads, until they choose.
	cr := b.readerOf(ctx, ch.ID, nil)
	if err := b.adopt(ctx, ch.ID, m.From, &cr); err != nil {
		return err
	}
	view, kb, err := b.channelView(ctx, r, ch)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, view, kb)
}

// channelAccess checks that userID administers the channel and that the
// bot is an admin there; when either fails it returns what to tell the
// user instead.
func (b *Bot) channelAccess(ctx context.Context, r reader, ch *tgbotapi.Chat, userID int64) (string, bool, error) {
	name := channelTitle(ch)
	status, err := b.memberStatus(ctx, ch.ID, b.api.Self.ID)
	if err != nil {
		var te *tgbotapi.Error
		if errors.As(err, &te) && te.Code < 500 && te.Code != 429 {
			return r.T("channel.bot_missing", "Channel", name), false, nil
		}
		return r.T("channel.check_failed"), false, err
	}
	if status != "administrator" {
		return r.T("channel.bot_missing", "Channel", name), false, nil
	}
	admin, err := b.isChatAdmin(ctx, ch.ID, userID)
	if err != nil {
		return r.T("channel.check_failed"), false, err
	}
	if !admin {
		return r.T("channel.not_admin", "Channel", name), false, nil
	}
	return "", true, nil
}

// channelTitle names a channel for its admins.
func channelTitle(ch *tgbotapi.Chat) string {
	switch {
	case ch.Title != "":
		return ch.Title
	case ch.UserName != "":
		return "@" + ch.UserName
	}
	return strconv.FormatInt(ch.ID, 10)
}

// channelView is the channel's settings for its admin: its topics as
// toggles, the language of its briefs, its delivery mode.
func (b *Bot) channelView(ctx context.Context, r reader, ch *tgbotapi.Chat) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	have, err := b.subscribedTo(ctx, ch.ID)
	if err != nil {
		return "", nil, err
	}
	prefix := fmt.Sprintf("%s:%d:", channelData, ch.ID)
	kb, names := b.topicKeyboard(r, have, func(t briefbot.Topic, sub bool) string {
		if sub {
			return prefix + "u:" + t.Name
		}
		return prefix + "s:" + t.Name
	})
	cs := b.readerOf(ctx, ch.ID, nil)
	var row []tgbotapi.InlineKeyboardButton
	for _, l := range []string{briefbot.LangJA, briefbot.LangEN, briefbot.LangRU, ""} {
		label := r.P("button.briefs_main_language")
		if l != "" {
			label = languageNames[l]
		}
		if cs.set != nil && cs.set.Language == l {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, prefix+"l:"+l))
	}
	kb.InlineKeyboard = append(kb.InlineKeyboard, row)
	mode := tgbotapi.NewInlineKeyboardButtonData(r.P("button.to_editions"), prefix+"m:"+briefbot.ModeEdition)
	if cs.set != nil && cs.set.Mode == briefbot.ModeEdition {
		mode = tgbotapi.NewInlineKeyboardButtonData(r.P("button.to_instant"), prefix+"m:"+briefbot.ModeInstant)
	}
	kb.InlineKeyboard = append(kb.InlineKeyboard, tgbotapi.NewInlineKeyboardRow(mode))
	topics := r.T("channel.no_topics")
	if len(names) > 0 {
		topics = strings.Join(names, ", ")
	}
	lang := r.T("channel.main_language")
	if cs.set != nil && cs.set.Language != "" {
		lang = languageNames[cs.set.Language]
	}
	modeText := r.T("channel.instant")
	if cs.set != nil && cs.set.Mode == briefbot.ModeEdition {
		modeText = r.T("channel.editions")
	}
	text := r.T("channel.view", "Channel", channelTitle(ch), "Topics", catalog.HTML(topics), "Language", lang, "Mode", catalog.HTML(modeText))
	return text, kb, nil
}

// channelCallback applies a button of a channel's keyboard, pressed in an
// admin's private chat, and redraws the keyboard.
func (b *Bot) channelCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, rest string) (string, error) {
	idText, rest, _ := strings.Cut(rest, ":")
	op, arg, _ := strings.Cut(rest, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || q.From == nil {
		return "", nil
	}
	c, err := b.st.Chats.Chat(ctx, id)
	if err != nil {
		if briefbot.ErrorCode(err) == briefbot.ENOTFOUND {
			return r.P("answer.channel_gone"), nil
		}
		return "", err
	}
	ch := &tgbotapi.Chat{ID: id, Type: "channel", Title: c.Title}
	if text, ok, err := b.channelAccess(ctx, r, ch, q.From.ID); err != nil || !ok {
		return answerText(text), err
	}
	var answer string
	switch op {
	case "s", "u":
		t, ok := b.cfg().byName[arg]
		if !ok {
			return r.P("answer.topic_gone"), nil
		}
		if op == "s" {
			cr := b.readerOf(ctx, id, nil)
			if err := b.subscribe(ctx, ch, q.From, &cr, t.Name); err != nil {
				return "", err
			}
			answer = r.P("answer.subscribed", "Topic", t.TitleIn(r.lang))
		} else {
			if err := b.st.Subs.Unsubscribe(ctx, id, t.Name); err != nil {
				return "", fmt.Errorf("unsubscribe %d %s: %w", id, t.Name, err)
			}
			answer = r.P("answer.unsubscribed", "Topic", t.TitleIn(r.lang))
		}
		b.log.Info("channel topics changed by an admin", "chat_id", id, "user_id", q.From.ID, "topic", t.Name, "subscribed", op == "s")
	case "l":
		if err := briefbot.ValidChatLanguage(arg); err != nil {
			return "", nil
		}
		if err := b.chatSettings().SetChatLanguage(ctx, id, arg); err != nil {
			return "", fmt.Errorf("set language of channel %d: %w", id, err)
		}
	case "m":
		if arg != briefbot.ModeInstant && arg != briefbot.ModeEdition {
			return "", nil
		}
		if err := b.chatSettings().SetChatMode(ctx, id, arg, b.opts.Now()); err != nil {
			return "", fmt.Errorf("set mode of channel %d: %w", id, err)
		}
	default:
		return "", nil
	}
	view, kb, err := b.channelView(ctx, r, ch)
	if err != nil {
		return answer, err
	}
	return answer, b.edit(ctx, q.Message.Chat.ID, q.Message.MessageID, view, kb)
}

// channelAdded tells the user who made the bot an admin of a channel, if
// they started the bot, how to subscribe the channel.
func (b *Bot) channelAdded(ctx context.Context, ch *tgbotapi.Chat, by *tgbotapi.User) {
	if by == nil || by.IsBot {
		return
	}
	if c, err := b.st.Chats.Chat(ctx, by.ID); err != nil || !c.Active {
		return
	}
	r := b.readerOf(ctx, by.ID, by)
	if err := b.reply(ctx, by.ID, r.T("channel.added", "Channel", channelTitle(ch), "Bot", b.Username()), nil); err != nil {
		b.log.Warn("tell a channel's admin", "chat_id", ch.ID, "user_id", by.ID, "err", err)
	}
}
