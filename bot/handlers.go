package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// groupAnonymousBot is the sender Telegram shows for anonymous group admins.
const groupAnonymousBot = 1087968824

// handle routes one update.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) error {
	switch {
	case u.Message != nil:
		return b.handleMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		return b.handleCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		return b.handleMember(ctx, u.MyChatMember)
	}
	return nil
}

func (b *Bot) handleMessage(ctx context.Context, m *tgbotapi.Message) error {
	if m.Chat == nil || !m.IsCommand() {
		return nil
	}
	cmd := m.CommandWithAt()
	if i := strings.IndexByte(cmd, '@'); i >= 0 {
		// Message.Command() would strip another bot's name too and make us
		// answer commands meant for it.
		if !strings.EqualFold(cmd[i+1:], b.Username()) {
			return nil
		}
		cmd = cmd[:i]
	}
	args := strings.TrimSpace(m.CommandArguments())
	if ok, err := b.adminCommand(ctx, m, strings.ToLower(cmd), args); ok {
		return err
	}
	switch strings.ToLower(cmd) {
	case "start":
		return b.cmdStart(ctx, m, args)
	case "help":
		text := b.helpText()
		if m.Chat.IsPrivate() && b.mayAdmin(m.From) {
			text += "\n\n" + adminHelp
		}
		return b.reply(ctx, m.Chat.ID, text, nil)
	case "subscribe":
		return b.cmdSubscribe(ctx, m, args, true)
	case "unsubscribe":
		return b.cmdSubscribe(ctx, m, args, false)
	case "today":
		return b.cmdToday(ctx, m, args)
	case "search":
		return b.cmdSearch(ctx, m, args)
	case "settings":
		return b.cmdSettings(ctx, m, args)
	case "stop":
		return b.cmdStop(ctx, m)
	}
	if m.Chat.IsPrivate() {
		return b.reply(ctx, m.Chat.ID, "Unknown command. "+shortHelp, nil)
	}
	return nil
}

const shortHelp = "Try /subscribe, /today, /search <i>words</i> or /help."

func (b *Bot) helpText() string {
	var sb strings.Builder
	sb.WriteString("📰 <b>Briefs</b>: one short message per news story, with its sources.\n\n")
	sb.WriteString("/subscribe <i>topic</i> — get a topic's briefs (no topic: choose)\n")
	sb.WriteString("/unsubscribe <i>topic</i> — stop a topic\n")
	sb.WriteString("/today <i>[topic]</i> — today's briefs\n")
	sb.WriteString("/search <i>words</i> — search stories\n")
	sb.WriteString("/settings — instant or editions, time zone, quiet hours\n")
	sb.WriteString("/stop — unsubscribe from everything\n\n")
	sb.WriteString(b.topicList())
	return sb.String()
}

func (b *Bot) topicList() string {
	topics := b.cfg().topics
	if len(topics) == 0 {
		return "No topics are configured yet."
	}
	var sb strings.Builder
	sb.WriteString("Topics:\n")
	for _, t := range topics {
		fmt.Fprintf(&sb, "• <b>%s</b> — <code>/subscribe %s</code>\n", tgtext.Escape(topicTitle(t)), tgtext.Escape(t.Name))
	}
	return strings.TrimRight(sb.String(), "\n")
}

func topicTitle(t briefbot.Topic) string {
	if t.Title != "" {
		return t.Title
	}
	return t.Name
}

func (b *Bot) cmdStart(ctx context.Context, m *tgbotapi.Message, args string) error {
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	text := "👋 Welcome! " + b.helpText()
	if args != "" {
		// Deep link t.me/bot?start=topic: subscribe straight away.
		if t, ok := b.cfg().byName[strings.ToLower(args)]; ok {
			if err := b.subscribe(ctx, m.Chat.ID, t.Name); err != nil {
				return err
			}
			text = fmt.Sprintf("👋 Welcome! You are subscribed to <b>%s</b>.\n\n%s", tgtext.Escape(topicTitle(t)), b.helpText())
		}
	}
	return b.reply(ctx, m.Chat.ID, text, nil)
}

func (b *Bot) ensureChat(ctx context.Context, c *tgbotapi.Chat) error {
	title := c.Title
	if title == "" {
		title = c.UserName
	}
	if title == "" {
		title = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	err := b.st.Chats.UpsertChat(ctx, &briefbot.Chat{ID: c.ID, Type: briefbot.ChatType(c.Type), Title: title, Active: true})
	if err != nil {
		return fmt.Errorf("upsert chat %d: %w", c.ID, err)
	}
	return nil
}

func (b *Bot) subscribe(ctx context.Context, chatID int64, topic string) error {
	// Inside a forum topic the subscription belongs to that topic: briefs
	// go there rather than to the group's General thread.
	// A new topic follows the delivery mode the chat chose in /settings.
	s := &briefbot.Subscription{ChatID: chatID, Topic: topic, ThreadID: threadOf(ctx), Mode: b.subscriptionMode(ctx, chatID)}
	err := b.st.Subs.Subscribe(ctx, s)
	if err != nil {
		return fmt.Errorf("subscribe %d %s: %w", chatID, topic, err)
	}
	return nil
}

func (b *Bot) cmdSubscribe(ctx context.Context, m *tgbotapi.Message, args string, sub bool) error {
	if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
		if err != nil {
			b.log.Warn("check chat admin", "chat_id", m.Chat.ID, "err", err)
		}
		return b.reply(ctx, m.Chat.ID, "Only the group's admins can change its subscriptions.", nil)
	}
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	if args == "" {
		text, kb, err := b.subscriptionsView(ctx, m.Chat.ID)
		if err != nil {
			return err
		}
		return b.reply(ctx, m.Chat.ID, text, kb)
	}
	t, ok := b.cfg().byName[strings.ToLower(args)]
	if !ok {
		return b.reply(ctx, m.Chat.ID, fmt.Sprintf("Unknown topic <b>%s</b>.\n\n%s", tgtext.Escape(args), b.topicList()), nil)
	}
	if sub {
		if err := b.subscribe(ctx, m.Chat.ID, t.Name); err != nil {
			return err
		}
		return b.reply(ctx, m.Chat.ID, fmt.Sprintf("✅ Subscribed to <b>%s</b>.", tgtext.Escape(topicTitle(t))), nil)
	}
	if err := b.st.Subs.Unsubscribe(ctx, m.Chat.ID, t.Name); err != nil {
		return fmt.Errorf("unsubscribe %d %s: %w", m.Chat.ID, t.Name, err)
	}
	return b.reply(ctx, m.Chat.ID, fmt.Sprintf("Unsubscribed from <b>%s</b>.", tgtext.Escape(topicTitle(t))), nil)
}

// mayManage reports whether user may change the chat's subscriptions: anyone
// in a private chat, admins in groups.
func (b *Bot) mayManage(ctx context.Context, c *tgbotapi.Chat, u *tgbotapi.User) (bool, error) {
	if c.IsPrivate() || c.IsChannel() {
		return true, nil
	}
	if u == nil {
		return false, nil
	}
	if u.ID == groupAnonymousBot || b.cfg().isAdmin(u.ID) {
		return true, nil
	}
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", c.ID)
	p.AddNonZero64("user_id", u.ID)
	resp, err := b.call(ctx, b.sendClient, "getChatMember", p)
	if err != nil {
		return false, err
	}
	var cm struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(resp.Result, &cm); err != nil {
		return false, fmt.Errorf("decode chat member: %w", err)
	}
	return cm.Status == "creator" || cm.Status == "administrator", nil
}

// subscriptionsView is the toggle keyboard of /subscribe and /unsubscribe.
func (b *Bot) subscriptionsView(ctx context.Context, chatID int64) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	subs, err := b.st.Subs.Subscriptions(ctx, chatID)
	if err != nil {
		return "", nil, fmt.Errorf("subscriptions %d: %w", chatID, err)
	}
	have := map[string]bool{}
	for _, s := range subs {
		have[s.Topic] = true
	}
	var names []string
	var row []tgbotapi.InlineKeyboardButton
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, t := range b.cfg().topics {
		label, data := topicTitle(t), "sub:"+t.Name
		if have[t.Name] {
			names = append(names, tgtext.Escape(topicTitle(t)))
			label, data = "✅ "+label, "unsub:"+t.Name
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, clip64(data)))
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	text := "You are not subscribed to any topic."
	if len(names) > 0 {
		text = "Your topics: <b>" + strings.Join(names, "</b>, <b>") + "</b>."
	}
	text += "\nTap a topic to subscribe or unsubscribe."
	if len(rows) == 0 {
		return "No topics are configured yet.", nil, nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return text, &kb, nil
}

// clip64 keeps callback data within Telegram's 64 bytes.
func clip64(s string) string {
	if len(s) > 64 {
		return s[:64]
	}
	return s
}

func (b *Bot) handleMember(ctx context.Context, cm *tgbotapi.ChatMemberUpdated) error {
	switch cm.NewChatMember.Status {
	case "kicked", "left":
		reason := "bot status " + cm.NewChatMember.Status
		if err := b.st.Chats.DeactivateChat(ctx, cm.Chat.ID, reason); err != nil {
			return fmt.Errorf("deactivate chat %d: %w", cm.Chat.ID, err)
		}
		b.log.Info("chat inactive", "chat_id", cm.Chat.ID, "reason", reason)
	case "member", "administrator", "creator", "restricted":
		if err := b.ensureChat(ctx, &cm.Chat); err != nil {
			return err
		}
		b.log.Info("chat active", "chat_id", cm.Chat.ID, "status", cm.NewChatMember.Status)
	}
	return nil
}

func (b *Bot) handleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	answer := ""
	defer func() {
		// Telegram shows a spinner on the button until the query is answered.
		p := tgbotapi.Params{"callback_query_id": q.ID}
		p.AddNonEmpty("text", answer)
		if _, err := b.call(ctx, b.sendClient, "answerCallbackQuery", p); err != nil {
			b.log.Warn("answer callback query", "err", err)
		}
	}()
	if q.Message == nil || q.Message.Chat == nil {
		return nil
	}
	chat := q.Message.Chat
	kind, rest, _ := strings.Cut(q.Data, ":")
	switch kind {
	case settingsData:
		var err error
		answer, err = b.settingsCallback(ctx, q, rest)
		return err
	case stopData:
		var err error
		answer, err = b.stopCallback(ctx, q, rest)
		return err
	case resumeData, resumeRef:
		var err error
		answer, err = b.resumeCallback(ctx, q, kind, rest)
		return err
	case "sub", "unsub":
		if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
			answer = "Only the group's admins can change subscriptions."
			return err
		}
		t, ok := b.cfg().byName[rest]
		if !ok {
			answer = "This topic no longer exists."
			return nil
		}
		if kind == "sub" {
			if err := b.ensureChat(ctx, chat); err != nil {
				return err
			}
			if err := b.subscribe(ctx, chat.ID, t.Name); err != nil {
				return err
			}
			answer = "Subscribed to " + topicTitle(t)
		} else {
			if err := b.st.Subs.Unsubscribe(ctx, chat.ID, t.Name); err != nil {
				return fmt.Errorf("unsubscribe %d %s: %w", chat.ID, t.Name, err)
			}
			answer = "Unsubscribed from " + topicTitle(t)
		}
		text, kb, err := b.subscriptionsView(ctx, chat.ID)
		if err != nil {
			return err
		}
		return b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	case "t":
		pg, err := parseTodayData(rest)
		if err != nil {
			answer = "This list is outdated: send /today again."
			return nil
		}
		loc, lang := b.chatReading(ctx, chat.ID)
		text, kb, err := b.todayPage(ctx, pg, loc, lang)
		if err != nil {
			return err
		}
		return b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	case "s":
		id, page, err := parsePageData(rest)
		if err != nil {
			return nil
		}
		query, ok := b.searches.get(id)
		if !ok {
			answer = "This search expired: send /search again."
			return nil
		}
		_, lang := b.chatReading(ctx, chat.ID)
		text, kb, err := b.searchPage(ctx, id, query, page, lang)
		if err != nil {
			return err
		}
		return b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	}
	return nil
}

// reply queues an HTML message to a chat. The queue sends it ahead of the
// briefs, within Telegram's limits, and retries it (replyqueue.go).
func (b *Bot) reply(ctx context.Context, chatID int64, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	p := tgbotapi.Params{"text": text, "parse_mode": tgbotapi.ModeHTML}
	p.AddNonZero64("chat_id", chatID)
	p.AddNonZero("message_thread_id", threadOf(ctx))
	p.AddBool("disable_web_page_preview", !b.opts.LinkPreviews)
	if err := p.AddInterface("reply_markup", kb); err != nil {
		return err
	}
	b.replies.add(&reply{method: "sendMessage", chatID: chatID, params: p})
	return nil
}

// edit queues a change of a message's text and keyboard, sent like a
// reply; an unchanged message is fine.
func (b *Bot) edit(_ context.Context, chatID int64, messageID int, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	p := tgbotapi.Params{"text": text, "parse_mode": tgbotapi.ModeHTML}
	p.AddNonZero64("chat_id", chatID)
	p.AddNonZero("message_id", messageID)
	p.AddBool("disable_web_page_preview", !b.opts.LinkPreviews)
	if err := p.AddInterface("reply_markup", kb); err != nil {
		return err
	}
	b.replies.add(&reply{method: "editMessageText", chatID: chatID, params: p})
	return nil
}
