package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/catalog"
	"briefbot/internal/tgtext"
)

// groupAnonymousBot is the sender Telegram shows for anonymous group admins.
const groupAnonymousBot = 1087968824

// handle routes one update.
func (b *Bot) handle(ctx context.Context, u *update) error {
	switch {
	case u.Message != nil:
		return b.handleMessage(ctx, u)
	case u.ChannelPost != nil:
		return b.handleChannelPost(ctx, u.ChannelPost)
	case u.CallbackQuery != nil:
		return b.handleCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		return b.handleMember(ctx, u.MyChatMember)
	}
	return nil
}

// command is the command of m meant for this bot, lower case, and its
// arguments; ok is false for a message that is no command, or one for
// another bot (Message.Command() would strip any bot's name and make us
// answer commands meant for it).
func (b *Bot) command(m *tgbotapi.Message) (cmd, args string, ok bool) {
	if !m.IsCommand() {
		return "", "", false
	}
	cmd = m.CommandWithAt()
	if i := strings.IndexByte(cmd, '@'); i >= 0 {
		if !strings.EqualFold(cmd[i+1:], b.Username()) {
			return "", "", false
		}
		cmd = cmd[:i]
	}
	return strings.ToLower(cmd), strings.TrimSpace(m.CommandArguments()), true
}

// handleMessage answers a message in a private chat or a group. In groups
// the bot answers only its own commands: "/cmd@thisbot", or a bare "/cmd"
// that is one of its commands (with privacy mode on, Telegram delivers a
// bare command only when this bot was the last to write in the group);
// it never answers plain messages, unknown commands or commands for
// another bot there. In a private chat a plain message gets a short hint,
// and a post forwarded from a channel offers to subscribe that channel.
func (b *Bot) handleMessage(ctx context.Context, u *update) error {
	m := u.Message
	if m.Chat == nil {
		return nil
	}
	private := m.Chat.IsPrivate()
	if private && m.From != nil {
		b.reachable(m.From.ID)
	}
	cmd, args, ok := b.command(m)
	if !ok {
		if !private || m.IsCommand() {
			return nil
		}
		r := b.readerOf(ctx, m.Chat.ID, m.From)
		if u.origin != nil {
			return b.forwardedPost(ctx, m, r, u.origin)
		}
		return b.reply(ctx, m.Chat.ID, r.T("hint.plain"), nil)
	}
	r := b.readerOf(ctx, m.Chat.ID, m.From)
	if private && (r.set == nil || cmd == "start") {
		// A private chat takes its user's language at /start, or at its
		// first command when it skipped /start.
		if err := b.ensureChat(ctx, m.Chat); err != nil {
			return err
		}
		if err := b.adopt(ctx, m.Chat.ID, m.From, &r); err != nil {
			return err
		}
	}
	if ok, err := b.adminCommand(ctx, m, r, cmd, args); ok {
		return err
	}
	switch cmd {
	case "start":
		return b.cmdStart(ctx, m, r, args)
	case "help":
		text := b.helpText(r)
		if private && b.mayAdmin(m.From) {
			text += "\n\n" + r.T("admin.help")
		}
		return b.reply(ctx, m.Chat.ID, text, nil)
	case "subscribe":
		return b.cmdSubscribe(ctx, m, r, args, true)
	case "unsubscribe":
		return b.cmdSubscribe(ctx, m, r, args, false)
	case "today":
		return b.cmdToday(ctx, m, r, args)
	case "search":
		return b.cmdSearch(ctx, m, r, args)
	case "settings":
		return b.cmdSettings(ctx, m, r, args)
	case "pause", "resume":
		return b.cmdPause(ctx, m, r, cmd == "pause")
	case "stop":
		return b.cmdStop(ctx, m, r)
	}
	if private {
		return b.reply(ctx, m.Chat.ID, r.T("hint.unknown_command")+" "+r.T("hint.short"), nil)
	}
	return nil
}

func (b *Bot) helpText(r reader) string {
	return r.T("help.intro") + "\n\n" + r.T("help.commands") + "\n\n" + b.topicList(r)
}

// topicList lists the topics with the command that subscribes each.
func (b *Bot) topicList(r reader) string {
	topics := b.cfg().topics
	if len(topics) == 0 {
		return r.T("topics.none")
	}
	lines := []string{r.T("topics.header")}
	for _, t := range topics {
		lines = append(lines, r.T("topics.item", "Title", t.TitleIn(r.lang), "Name", t.Name))
	}
	return strings.Join(lines, "\n")
}

func (b *Bot) cmdStart(ctx context.Context, m *tgbotapi.Message, r reader, args string) error {
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	b.unhalt(m.Chat.ID)
	text := r.T("start.welcome") + " " + b.helpText(r)
	if t, ok := b.cfg().topic(args); ok && args != "" {
		// Deep link t.me/bot?start=topic: subscribe straight away.
		if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
			b.logAdminCheck(m.Chat.ID, err)
			return b.reply(ctx, m.Chat.ID, r.T("sub.admins_only"), nil)
		}
		if err := b.subscribe(ctx, m.Chat, m.From, &r, t.Name); err != nil {
			return err
		}
		text = r.T("start.subscribed", "Topic", t.TitleIn(r.lang)) + "\n\n" + b.helpText(r)
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

// subscribe subscribes the chat to topic for user. Inside a forum topic
// the subscription belongs to that topic: briefs go there rather than to
// the group's General thread. A new topic follows the delivery mode the
// chat chose in /settings, and a group or channel without a language takes
// that of the admin who subscribes it.
func (b *Bot) subscribe(ctx context.Context, c *tgbotapi.Chat, user *tgbotapi.User, r *reader, topic string) error {
	if err := b.ensureChat(ctx, c); err != nil {
		return err
	}
	if !c.IsPrivate() {
		if err := b.adopt(ctx, c.ID, user, r); err != nil {
			return err
		}
	}
	s := &briefbot.Subscription{ChatID: c.ID, Topic: topic, ThreadID: threadOf(ctx), Mode: b.subscriptionMode(ctx, c.ID)}
	if err := b.st.Subs.Subscribe(ctx, s); err != nil {
		return fmt.Errorf("subscribe %d %s: %w", c.ID, topic, err)
	}
	b.unhalt(c.ID)
	return nil
}

// subscribedTo is the set of the chat's topics.
func (b *Bot) subscribedTo(ctx context.Context, chatID int64) (map[string]bool, error) {
	subs, err := b.st.Subs.Subscriptions(ctx, chatID)
	if err != nil {
		return nil, fmt.Errorf("subscriptions %d: %w", chatID, err)
	}
	have := make(map[string]bool, len(subs))
	for _, s := range subs {
		have[s.Topic] = true
	}
	return have, nil
}

func (b *Bot) cmdSubscribe(ctx context.Context, m *tgbotapi.Message, r reader, args string, sub bool) error {
	editable, err := b.mayManage(ctx, m.Chat, m.From)
	if err != nil {
		b.logAdminCheck(m.Chat.ID, err)
	}
	if !editable && args != "" {
		return b.reply(ctx, m.Chat.ID, r.T("sub.admins_only"), nil)
	}
	if args == "" {
		// A group member sees the group's topics, without buttons that
		// would then be refused.
		text, kb, err := b.subscriptionsView(ctx, r, m.Chat.ID, editable)
		if err != nil {
			return err
		}
		return b.reply(ctx, m.Chat.ID, text, kb)
	}
	t, ok := b.cfg().topic(args)
	if !ok {
		return b.reply(ctx, m.Chat.ID, r.T("topic.unknown", "Topic", clipRunes(args, echoRunes))+"\n\n"+b.topicList(r), nil)
	}
	have, err := b.subscribedTo(ctx, m.Chat.ID)
	if err != nil {
		return err
	}
	title := t.TitleIn(r.lang)
	switch {
	case sub && have[t.Name]:
		return b.reply(ctx, m.Chat.ID, r.T("sub.already", "Topic", title), nil)
	case sub:
		if err := b.subscribe(ctx, m.Chat, m.From, &r, t.Name); err != nil {
			return err
		}
		return b.reply(ctx, m.Chat.ID, r.T("sub.done", "Topic", t.TitleIn(r.lang)), nil)
	case !have[t.Name]:
		return b.reply(ctx, m.Chat.ID, r.T("unsub.not_subscribed", "Topic", title), nil)
	}
	if err := b.st.Subs.Unsubscribe(ctx, m.Chat.ID, t.Name); err != nil {
		return fmt.Errorf("unsubscribe %d %s: %w", m.Chat.ID, t.Name, err)
	}
	return b.reply(ctx, m.Chat.ID, r.T("unsub.done", "Topic", title), nil)
}

// logAdminCheck logs a failed getChatMember; the user is then treated as
// no admin.
func (b *Bot) logAdminCheck(chatID int64, err error) {
	if err != nil {
		b.log.Warn("check chat admin", "chat_id", chatID, "err", err)
	}
}

// mayManage reports whether user may change the chat's subscriptions and
// settings: anyone in a private chat, admins in groups.
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
	return b.isChatAdmin(ctx, c.ID, u.ID)
}

// memberStatus is userID's status in the chat, by getChatMember:
// creator, administrator, member, restricted, left or kicked.
func (b *Bot) memberStatus(ctx context.Context, chatID, userID int64) (string, error) {
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", chatID)
	p.AddNonZero64("user_id", userID)
	resp, err := b.call(ctx, b.sendClient, "getChatMember", p)
	if err != nil {
		return "", err
	}
	var cm struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(resp.Result, &cm); err != nil {
		return "", fmt.Errorf("decode chat member: %w", err)
	}
	return cm.Status, nil
}

// isChatAdmin reports whether userID administers the chat.
func (b *Bot) isChatAdmin(ctx context.Context, chatID, userID int64) (bool, error) {
	status, err := b.memberStatus(ctx, chatID, userID)
	return status == "creator" || status == "administrator", err
}

// subscriptionsView is the toggle keyboard of /subscribe and /unsubscribe,
// or without editable the chat's topics alone.
func (b *Bot) subscriptionsView(ctx context.Context, r reader, chatID int64, editable bool) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	topics := b.cfg().topics
	if len(topics) == 0 {
		return r.T("topics.none"), nil, nil
	}
	have, err := b.subscribedTo(ctx, chatID)
	if err != nil {
		return "", nil, err
	}
	kb, names := b.topicKeyboard(r, have, func(t briefbot.Topic, sub bool) string {
		if sub {
			return "unsub:" + t.Name
		}
		return "sub:" + t.Name
	})
	text := r.T("sub.none")
	if len(names) > 0 {
		text = r.T("sub.yours", "Topics", catalog.HTML(strings.Join(names, ", ")))
	}
	if !editable {
		return text + "\n" + r.T("sub.readonly"), nil, nil
	}
	return text + "\n" + r.T("sub.tap"), kb, nil
}

// topicKeyboard draws a button per topic, two a row, ✅ on those in have,
// with data(topic, subscribed) as callback data; it also returns the
// subscribed topics' titles in bold.
func (b *Bot) topicKeyboard(r reader, have map[string]bool, data func(t briefbot.Topic, sub bool) string) (*tgbotapi.InlineKeyboardMarkup, []string) {
	var names []string
	var row []tgbotapi.InlineKeyboardButton
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, t := range b.cfg().topics {
		label := t.TitleIn(r.lang)
		if have[t.Name] {
			names = append(names, "<b>"+tgtext.Escape(label)+"</b>")
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, clip64(data(t, have[t.Name]))))
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &kb, names
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
		if cm.Chat.IsChannel() && cm.NewChatMember.Status == "administrator" && cm.OldChatMember.Status != "administrator" {
			b.channelAdded(ctx, &cm.Chat, &cm.From)
		}
	}
	return nil
}

func (b *Bot) handleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) (err error) {
	answer := ""
	defer func() {
		if answer == "" && unavailable(err) && q.Message != nil && q.Message.Chat != nil {
			answer = b.readerOf(ctx, q.Message.Chat.ID, q.From).P("answer.cannot_save")
		}
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
	r := b.readerOf(ctx, chat.ID, q.From)
	kind, rest, _ := strings.Cut(q.Data, ":")
	switch kind {
	case settingsData:
		answer, err = b.settingsCallback(ctx, q, r, rest)
	case stopData:
		answer, err = b.stopCallback(ctx, q, r, rest)
	case resumeData, resumeRef:
		answer, err = b.resumeCallback(ctx, q, r, kind, rest)
	case channelData:
		answer, err = b.channelCallback(ctx, q, r, rest)
	case addFeedData:
		answer, err = b.addFeedCallback(ctx, q, r, rest)
	case "sub", "unsub":
		answer, err = b.subscribeCallback(ctx, q, r, kind == "sub", rest)
	case "t":
		pg, perr := parseTodayData(rest)
		if perr != nil {
			answer = r.P("answer.outdated_today")
			return nil
		}
		text, kb, err := b.todayPage(ctx, r, pg)
		if err != nil {
			return err
		}
		return b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	case "s":
		id, page, perr := parsePageData(rest)
		if perr != nil {
			return nil
		}
		query, ok := b.searches.get(chat.ID, id)
		if !ok {
			answer = r.P("answer.search_expired")
			return nil
		}
		text, kb, err := b.searchPage(ctx, r, id, query, page)
		if err != nil {
			return err
		}
		return b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	}
	return err
}

// subscribeCallback toggles a topic from the /subscribe keyboard and
// returns the callback's answer.
func (b *Bot) subscribeCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, sub bool, name string) (string, error) {
	chat := q.Message.Chat
	if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
		return r.P("answer.admins_only"), err
	}
	t, ok := b.cfg().byName[name]
	if !ok {
		return r.P("answer.topic_gone"), nil
	}
	var answer string
	if sub {
		if err := b.subscribe(ctx, chat, q.From, &r, t.Name); err != nil {
			return "", err
		}
		answer = r.P("answer.subscribed", "Topic", t.TitleIn(r.lang))
	} else {
		if err := b.st.Subs.Unsubscribe(ctx, chat.ID, t.Name); err != nil {
			return "", fmt.Errorf("unsubscribe %d %s: %w", chat.ID, t.Name, err)
		}
		answer = r.P("answer.unsubscribed", "Topic", t.TitleIn(r.lang))
	}
	text, kb, err := b.subscriptionsView(ctx, r, chat.ID, true)
	if err != nil {
		return answer, err
	}
	return answer, b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
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
