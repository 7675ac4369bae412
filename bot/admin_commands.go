package bot

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// Callback data of the ▶️ retry button: "fr:NAME", or "fq:ID" when the name
// does not fit Telegram's 64 bytes and waits in feedNames instead.
const (
	resumeData = "fr"
	resumeRef  = "fq"
)

// addFeedData prefixes the topic buttons of an /addfeed given no topic:
// "af:ID:topic", the URL (and name) waiting in feedNames under ID.
const addFeedData = "af"

// errTextRunes bounds an error shown in a reply, far below a message's limit.
const errTextRunes = 3500

// adminCommand answers an admin command and reports whether cmd was one.
// For anyone but an admin in a private chat it reports false, so the command
// gets the answer of any unknown command and nothing hints that it exists.
func (b *Bot) adminCommand(ctx context.Context, m *tgbotapi.Message, r reader, cmd, args string) (bool, error) {
	switch cmd {
	case "feeds", "stats", "reload", "addfeed", "delfeed":
	default:
		return false, nil
	}
	if !b.mayAdmin(m.From) || !m.Chat.IsPrivate() {
		return false, nil
	}
	a := b.opts.Admin
	chat := m.Chat.ID
	switch cmd {
	case "feeds":
		feeds, err := a.Feeds(ctx)
		if err != nil {
			return true, b.adminFailed(ctx, r, chat, "feeds", err)
		}
		for _, pg := range b.feedPages(r, feeds) {
			if err := b.reply(ctx, chat, pg.text, pg.kb); err != nil {
				return true, err
			}
		}
		return true, nil
	case "stats":
		st, err := a.Stats(ctx)
		if err != nil {
			return true, b.adminFailed(ctx, r, chat, "stats", err)
		}
		return true, b.reply(ctx, chat, b.statsText(r, st), nil)
	case "reload":
		if err := a.Reload(ctx); err != nil {
			b.log.Warn("admin reload", "user_id", m.From.ID, "err", err)
			return true, b.reply(ctx, chat, r.T("admin.reload_failed", "Errors", clipRunes(adminMessage(r, err), errTextRunes)), nil)
		}
		b.log.Info("admin reload", "user_id", m.From.ID)
		return true, b.reply(ctx, chat, r.T("admin.reloaded"), nil)
	case "addfeed":
		return true, b.cmdAddFeed(ctx, m, r, args)
	case "delfeed":
		if args == "" {
			return true, b.reply(ctx, chat, r.T("admin.delfeed_usage"), nil)
		}
		if err := a.DelFeed(ctx, args); err != nil {
			return true, b.adminFailed(ctx, r, chat, "delete feed", err)
		}
		b.log.Info("admin deleted feed", "user_id", m.From.ID, "feed", args)
		return true, b.reply(ctx, chat, r.T("admin.deleted", "Name", args), nil)
	}
	return false, nil
}

// cmdAddFeed answers /addfeed URL [topic] [name]. Without a topic the
// only configured one is taken, or the admin picks one from buttons.
func (b *Bot) cmdAddFeed(ctx context.Context, m *tgbotapi.Message, r reader, args string) error {
	chat := m.Chat.ID
	fields := strings.Fields(args)
	if len(fields) == 0 || len(fields) > 3 {
		return b.reply(ctx, chat, r.T("admin.addfeed_usage")+"\n\n"+b.topicList(r), nil)
	}
	url, name := fields[0], ""
	if len(fields) == 3 {
		name = fields[2]
	}
	topics := b.cfg().topics
	switch {
	case len(fields) >= 2:
		t, ok := b.cfg().topic(fields[1])
		if !ok {
			return b.reply(ctx, chat, r.T("topic.unknown", "Topic", clipRunes(fields[1], echoRunes))+"\n\n"+b.topicList(r), nil)
		}
		return b.addFeed(ctx, m.From, r, chat, url, t.Name, name)
	case len(topics) == 1:
		return b.addFeed(ctx, m.From, r, chat, url, topics[0].Name, "")
	case len(topics) == 0:
		return b.reply(ctx, chat, r.T("topics.none"), nil)
	}
	ref := b.feedNames.put(chat, url)
	kb, _ := b.topicKeyboard(r, nil, func(t briefbot.Topic, _ bool) string {
		return addFeedData + ":" + ref + ":" + t.Name
	})
	return b.reply(ctx, chat, r.T("admin.addfeed_topic", "URL", url), kb)
}

// addFeedCallback adds the feed an /addfeed without a topic left waiting,
// under the topic pressed.
func (b *Bot) addFeedCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, rest string) (string, error) {
	if !b.mayAdmin(q.From) {
		return "", nil
	}
	ref, topic, _ := strings.Cut(rest, ":")
	url, ok := b.feedNames.get(q.Message.Chat.ID, ref)
	if !ok {
		return r.P("answer.button_expired"), nil
	}
	if _, ok := b.cfg().byName[topic]; !ok {
		return r.P("answer.topic_gone"), nil
	}
	// The question is answered: its buttons go.
	if err := b.edit(ctx, q.Message.Chat.ID, q.Message.MessageID, r.T("admin.addfeed_adding", "URL", url), nil); err != nil {
		b.log.Warn("edit addfeed question", "err", err)
	}
	return "", b.addFeed(ctx, q.From, r, q.Message.Chat.ID, url, topic, "")
}

// addFeed adds the feed and says how it went.
func (b *Bot) addFeed(ctx context.Context, from *tgbotapi.User, r reader, chat int64, url, topic, name string) error {
	name, err := b.opts.Admin.AddFeed(ctx, url, topic, name)
	if err != nil {
		return b.adminFailed(ctx, r, chat, "add feed", err)
	}
	b.log.Info("admin added feed", "user_id", from.ID, "feed", name)
	return b.reply(ctx, chat, r.T("admin.added", "Name", name, "Topic", b.cfg().byName[topic].TitleIn(r.lang)), nil)
}

// mayAdmin reports whether u may use admin commands.
func (b *Bot) mayAdmin(u *tgbotapi.User) bool {
	return b.opts.Admin != nil && u != nil && b.cfg().isAdmin(u.ID)
}

// adminMessage is what an admin is shown of err, as plain text: the
// message of a *briefbot.Error (config validation lines included), in the
// admin's language when it has a catalogue key, never the text of an
// internal error, which may carry addresses or paths meant for the log.
func adminMessage(r reader, err error) string {
	if briefbot.ErrorCode(err) == briefbot.EINTERNAL {
		return r.P("admin.internal_error")
	}
	if e := briefbot.AsError(err); e != nil && e.Key != "" {
		return r.P(e.Key, e.Args...)
	}
	return briefbot.ErrorMessage(err)
}

func (b *Bot) adminFailed(ctx context.Context, r reader, chat int64, what string, err error) error {
	b.log.Warn("admin command", "command", what, "err", err)
	return b.reply(ctx, chat, r.T("admin.failed", "Error", clipRunes(adminMessage(r, err), errTextRunes)), nil)
}

// resumeButtonData is the callback data of a feed's ▶️ retry button.
func (b *Bot) resumeButtonData(name string) string {
	if d := resumeData + ":" + name; len(d) <= 64 {
		return d
	}
	return resumeRef + ":" + b.feedNames.put(0, name) // admins share them
}

// resumeCallback handles a ▶️ retry press: it resumes the feed and redraws
// the /feeds page the button was on. It returns the callback's answer.
func (b *Bot) resumeCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, kind, rest string) (string, error) {
	if !b.mayAdmin(q.From) {
		return "", nil
	}
	name := rest
	if kind == resumeRef {
		var ok bool
		if name, ok = b.feedNames.get(0, rest); !ok {
			return r.P("answer.button_expired"), nil
		}
	}
	if err := b.opts.Admin.ResumeFeed(ctx, name); err != nil {
		b.log.Warn("admin resume feed", "feed", name, "err", err)
		return clipRunes("❌ "+adminMessage(r, err), 200), nil
	}
	b.log.Info("admin resumed feed", "user_id", q.From.ID, "feed", name)
	answer := clipRunes(r.P("answer.feed_resumed", "Name", name), 200)
	feeds, err := b.opts.Admin.Feeds(ctx)
	if err != nil {
		return answer, fmt.Errorf("feeds after resume: %w", err)
	}
	pages := b.feedPages(r, feeds)
	pg := pages[0]
	for _, p := range pages {
		if p.has(name) {
			pg = p
			break
		}
	}
	chat := q.Message.Chat.ID
	return answer, b.edit(ctx, chat, q.Message.MessageID, pg.text, pg.kb)
}

// NotifyAdminsT sends every admin's private chat (a user's private chat id
// is the user id) the catalogue message id, filled from kv (name, value
// pairs) in the admin's language. Failures are logged: a notice is not worth
// failing a reload or a fetch for. An admin who never started the bot cannot
// be written to: they are named in the log and in /feeds.
func (b *Bot) NotifyAdminsT(ctx context.Context, id string, kv ...any) {
	b.notifyAdmins(ctx, func(r reader) string { return r.T(id, kv...) })
}

func (b *Bot) notifyAdmins(ctx context.Context, text func(reader) string) {
	for _, id := range b.cfg().admins {
		r := b.readerOf(ctx, id, nil)
		for _, part := range tgtext.Split(text(r), tgtext.MaxLen) {
			if err := b.reply(ctx, id, part, nil); err != nil {
				b.adminUnreachable(id, err)
				b.log.Warn("notify admin", "user_id", id, "err", err)
				break
			}
		}
	}
}
