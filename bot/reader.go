package bot

import (
	"context"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/catalog"
	"briefbot/internal/tgtext"
)

// reader is whom the bot talks to in a chat: the language of its words,
// the language of its briefs, its time zone, and its stored settings.
type reader struct {
	lang   string // the bot's words: ja, en or ru
	briefs string // briefs, /today and /search: "" for each story's main language
	loc    *time.Location
	// set is nil for a chat not stored yet.
	set *briefbot.ChatSettings
}

// readerOf reads the chat's settings. The bot speaks the chat's language;
// a chat without one hears default_language, except a chat the bot has
// not met yet, which hears its user's language (a private chat then takes
// it for good).
func (b *Bot) readerOf(ctx context.Context, chatID int64, from *tgbotapi.User) reader {
	r := reader{lang: b.defaultLang.Load().(string), loc: b.opts.Location}
	st := b.chatSettings()
	if st == nil {
		return r
	}
	s, err := st.ChatSettings(ctx, chatID)
	switch {
	case err == nil:
		r.set, r.briefs, r.loc = s, s.Language, s.Location(b.opts.Location)
		if s.Language != "" {
			r.lang = s.Language
		}
	case briefbot.ErrorCode(err) == briefbot.ENOTFOUND:
		if from != nil && catalog.Lang(from.LanguageCode) != "" {
			r.lang = catalog.Lang(from.LanguageCode)
		}
	default:
		b.log.Warn("chat settings", "chat_id", chatID, "err", err)
	}
	return r
}

// SetDefaultLanguage changes the language the bot speaks in chats that
// have none (default_language) after a config reload; an unknown one is
// ignored.
func (b *Bot) SetDefaultLanguage(lang string) {
	if catalog.Known(lang) {
		b.defaultLang.Store(lang)
	}
}

// adopt gives a chat without a language that of user (their Telegram
// language_code): a private chat at /start or at its first command, a
// group from the admin who subscribes it, a channel from the admin who
// subscribes it by a forward. A chat that has one keeps it.
func (b *Bot) adopt(ctx context.Context, chatID int64, user *tgbotapi.User, r *reader) error {
	if (r.set != nil && r.set.Language != "") || user == nil {
		return nil
	}
	lang := catalog.Lang(user.LanguageCode)
	st := b.chatSettings()
	if lang == "" || st == nil {
		return nil
	}
	if err := st.SetChatLanguage(ctx, chatID, lang); err != nil {
		return err
	}
	r.lang, r.briefs = lang, lang
	if r.set != nil {
		r.set.Language = lang
	}
	return nil
}

// T is message id in the reader's language, as Telegram HTML.
func (r reader) T(id string, kv ...any) string { return catalog.T(r.lang, id, kv...) }

// P is message id in the reader's language, as plain text.
func (r reader) P(id string, kv ...any) string { return catalog.Plain(r.lang, id, kv...) }

// errorText is what the reader is shown of a user error, as HTML: its
// catalogue message when it has one, else its English message.
func (r reader) errorText(err error) string {
	if e := briefbot.AsError(err); e != nil && e.Key != "" {
		return r.T(e.Key, echoArgs(e.Args)...)
	}
	return tgtext.Escape(briefbot.ErrorMessage(err))
}
