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

// adminHelp is added to /help for admins, in their private chat only.
const adminHelp = "🔧 <b>Admin</b>\n" +
	"/feeds — feeds, their state, ▶️ to resume a paused one\n" +
	"/stats — chats, subscriptions, deliveries\n" +
	"/reload — re-read the config file\n" +
	"/addfeed <i>URL</i> <i>topic</i> — add a feed\n" +
	"/delfeed <i>NAME</i> — remove a feed"

// errTextRunes bounds an error shown in a reply, far below a message's limit.
const errTextRunes = 3500

// adminCommand answers an admin command and reports whether cmd was one.
// For anyone but an admin in a private chat it reports false, so the command
// gets the answer of any unknown command and nothing hints that it exists.
func (b *Bot) adminCommand(ctx context.Context, m *tgbotapi.Message, cmd, args string) (bool, error) {
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
			return true, b.adminFailed(ctx, chat, "feeds", err)
		}
		for _, pg := range b.feedPages(feeds) {
			if err := b.reply(ctx, chat, pg.text, pg.kb); err != nil {
				return true, err
			}
		}
		return true, nil
	case "stats":
		st, err := a.Stats(ctx)
		if err != nil {
			return true, b.adminFailed(ctx, chat, "stats", err)
		}
		return true, b.reply(ctx, chat, statsText(st), nil)
	case "reload":
		if err := a.Reload(ctx); err != nil {
			b.log.Warn("admin reload", "user_id", m.From.ID, "err", err)
			return true, b.reply(ctx, chat, "❌ reload failed:\n<pre>"+tgtext.Escape(clipRunes(adminMessage(err), errTextRunes))+"</pre>", nil)
		}
		b.log.Info("admin reload", "user_id", m.From.ID)
		return true, b.reply(ctx, chat, "✅ config reloaded", nil)
	case "addfeed":
		fields := strings.Fields(args)
		if len(fields) != 2 {
			return true, b.reply(ctx, chat, "Usage: /addfeed <i>URL</i> <i>topic</i>\n\n"+b.topicList(), nil)
		}
		topic := strings.ToLower(fields[1])
		if _, ok := b.cfg().byName[topic]; !ok {
			return true, b.reply(ctx, chat, fmt.Sprintf("Unknown topic <b>%s</b>.\n\n%s", tgtext.Escape(fields[1]), b.topicList()), nil)
		}
		name, err := a.AddFeed(ctx, fields[0], topic)
		if err != nil {
			return true, b.adminFailed(ctx, chat, "add feed", err)
		}
		b.log.Info("admin added feed", "user_id", m.From.ID, "feed", name)
		return true, b.reply(ctx, chat, "✅ added <b>"+tgtext.Escape(name)+"</b>", nil)
	case "delfeed":
		if args == "" {
			return true, b.reply(ctx, chat, "Usage: /delfeed <i>NAME</i>", nil)
		}
		if err := a.DelFeed(ctx, args); err != nil {
			return true, b.adminFailed(ctx, chat, "delete feed", err)
		}
		b.log.Info("admin deleted feed", "user_id", m.From.ID, "feed", args)
		return true, b.reply(ctx, chat, "✅ deleted <b>"+tgtext.Escape(args)+"</b>", nil)
	}
	return false, nil
}

// mayAdmin reports whether u may use admin commands.
func (b *Bot) mayAdmin(u *tgbotapi.User) bool {
	return b.opts.Admin != nil && u != nil && b.cfg().isAdmin(u.ID)
}

// adminMessage is what an admin is shown of err: the message of a
// *briefbot.Error (config validation lines included), never the text of an
// internal error, which may carry addresses or paths meant for the log.
func adminMessage(err error) string {
	if briefbot.ErrorCode(err) == briefbot.EINTERNAL {
		return "internal error (details in the log)"
	}
	return briefbot.ErrorMessage(err)
}

func (b *Bot) adminFailed(ctx context.Context, chat int64, what string, err error) error {
	b.log.Warn("admin command", "command", what, "err", err)
	return b.reply(ctx, chat, "❌ "+tgtext.Escape(what)+": "+tgtext.Escape(clipRunes(adminMessage(err), errTextRunes)), nil)
}

// resumeButtonData is the callback data of a feed's ▶️ retry button.
func (b *Bot) resumeButtonData(name string) string {
	if d := resumeData + ":" + name; len(d) <= 64 {
		return d
	}
	return resumeRef + ":" + b.feedNames.put(name)
}

// resumeCallback handles a ▶️ retry press: it resumes the feed and redraws
// the /feeds page the button was on. It returns the callback's answer.
func (b *Bot) resumeCallback(ctx context.Context, q *tgbotapi.CallbackQuery, kind, rest string) (string, error) {
	if !b.mayAdmin(q.From) {
		return "", nil
	}
	name := rest
	if kind == resumeRef {
		var ok bool
		if name, ok = b.feedNames.get(rest); !ok {
			return "This button expired: send /feeds again.", nil
		}
	}
	if err := b.opts.Admin.ResumeFeed(ctx, name); err != nil {
		b.log.Warn("admin resume feed", "feed", name, "err", err)
		return clipRunes("❌ "+adminMessage(err), 200), nil
	}
	b.log.Info("admin resumed feed", "user_id", q.From.ID, "feed", name)
	answer := clipRunes("▶️ resumed "+name, 200)
	feeds, err := b.opts.Admin.Feeds(ctx)
	if err != nil {
		return answer, fmt.Errorf("feeds after resume: %w", err)
	}
	pages := b.feedPages(feeds)
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

// NotifyAdmins sends text, escaped, to every admin's private chat (a user's
// private chat id is the user id). Failures are logged: a notice is not
// worth failing a reload or a fetch for.
func (b *Bot) NotifyAdmins(ctx context.Context, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	for _, id := range b.cfg().admins {
		for _, part := range tgtext.SplitPlain(text, tgtext.MaxLen) {
			if err := b.reply(ctx, id, tgtext.Escape(part), nil); err != nil {
				b.log.Warn("notify admin", "user_id", id, "err", err)
				break
			}
		}
	}
}
