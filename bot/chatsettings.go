package bot

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/catalog"
	"briefbot/internal/fold"
	"briefbot/internal/tgtext"
)

// settingsData prefixes the callback data of /settings buttons:
// "cfg:mode:edition", "cfg:tz:Asia/Tokyo", "cfg:tz:" (the default),
// "cfg:q:23:00-07:00", "cfg:q:none", "cfg:q:silent", "cfg:q:hold",
// "cfg:lang:ru", "cfg:pv:on", "cfg:pause:on". The longest stays far under
// 64 bytes.
const settingsData = "cfg"

// zoneChoices are the timezone buttons; any other IANA name is typed:
// /settings tz Area/City.
var zoneChoices = []string{"Asia/Tokyo", "Europe/Moscow", "Europe/London", "America/New_York", "UTC"}

// quietChoices are the quiet-hours buttons; others are typed:
// /settings quiet 23:00-07:00.
var quietChoices = []string{"none", "23:00-07:00", "22:00-08:00", "00:00-06:00"}

// languageNames are the languages the bot speaks, each by its own name:
// an endonym reads the same whatever the reader's language, so these
// labels are not in the catalogue.
var languageNames = map[string]string{briefbot.LangJA: "日本語", briefbot.LangEN: "English", briefbot.LangRU: "Русский"}

// chatSettings is the store behind /settings and /stop: Stores.Settings, or
// the chat store itself when it also keeps settings (the SQLite store
// does), so a Bot wired before settings existed gets them anyway.
func (b *Bot) chatSettings() briefbot.ChatSettingsStore {
	if b.st.Settings != nil {
		return b.st.Settings
	}
	s, _ := b.st.Chats.(briefbot.ChatSettingsStore)
	return s
}

// subscriptionMode is the mode a new subscription of the chat takes: the
// one the chat chose in /settings.
func (b *Bot) subscriptionMode(ctx context.Context, chatID int64) string {
	if st := b.chatSettings(); st != nil {
		if s, err := st.ChatSettings(ctx, chatID); err == nil && s.Mode == briefbot.ModeEdition {
			return briefbot.ModeEdition
		}
	}
	return briefbot.ModeInstant
}

// cmdSettings shows the settings, with their buttons to those who may
// change them, or applies a typed change: /settings tz Area/City,
// /settings quiet 23:00-07:00|none|silent|hold, /settings mode
// instant|edition, /settings lang ja|en|ru, /settings previews on|off|default.
func (b *Bot) cmdSettings(ctx context.Context, m *tgbotapi.Message, r reader, args string) error {
	if b.chatSettings() == nil {
		return b.reply(ctx, m.Chat.ID, r.T("settings.unavailable"), nil)
	}
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	editable, err := b.mayManage(ctx, m.Chat, m.From)
	b.logAdminCheck(m.Chat.ID, err)
	prefix := ""
	if args != "" {
		if !editable {
			return b.reply(ctx, m.Chat.ID, r.T("settings.admins_only"), nil)
		}
		key, val, _ := strings.Cut(args, " ")
		msg, err := b.applySetting(ctx, &r, m.Chat.ID, strings.ToLower(key), strings.TrimSpace(val))
		if err != nil {
			if briefbot.ErrorCode(err) == briefbot.EINVALID {
				return b.reply(ctx, m.Chat.ID, r.errorText(err)+"\n\n"+r.T("settings.usage"), nil)
			}
			return err
		}
		prefix = "✅ " + msg + "\n\n"
	}
	text, kb, err := b.settingsView(ctx, r, m.Chat.ID, editable)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, prefix+text, kb)
}

// applySetting changes one setting and says, as HTML in the reader's
// language (the new one after a change of language), what it did. User
// mistakes are EINVALID errors.
func (b *Bot) applySetting(ctx context.Context, r *reader, chatID int64, key, val string) (string, error) {
	st := b.chatSettings()
	switch key {
	case "mode":
		mode := strings.ToLower(val)
		if mode == "editions" {
			mode = briefbot.ModeEdition
		}
		if mode != briefbot.ModeInstant && mode != briefbot.ModeEdition {
			return "", briefbot.Errorf(briefbot.EINVALID, "The mode is instant or edition.").With("error.mode")
		}
		if err := st.SetChatMode(ctx, chatID, mode, b.opts.Now()); err != nil {
			return "", fmt.Errorf("set mode: %w", err)
		}
		if mode == briefbot.ModeEdition {
			return r.T("settings.done.edition"), nil
		}
		return r.T("settings.done.instant"), nil
	case "tz", "timezone", "zone":
		tz := val
		if strings.EqualFold(tz, "default") || tz == "" {
			tz = ""
		} else if canon, err := briefbot.CanonicalTimezone(tz); err != nil {
			return "", err
		} else {
			tz = canon
		}
		if err := st.SetChatTimezone(ctx, chatID, tz); err != nil {
			return "", fmt.Errorf("set timezone: %w", err)
		}
		if tz == "" {
			return r.T("settings.done.zone_default", "Zone", b.opts.Location.String()), nil
		}
		return r.T("settings.done.zone", "Zone", tz), nil
	case "quiet", "q":
		switch strings.ToLower(val) {
		case "silent", "hold":
			silent := strings.EqualFold(val, "silent")
			if err := st.SetQuietSilent(ctx, chatID, silent); err != nil {
				return "", fmt.Errorf("set quiet silence: %w", err)
			}
			if silent {
				return r.T("settings.done.quiet_silent"), nil
			}
			return r.T("settings.done.quiet_hold"), nil
		}
		q, err := briefbot.ParseQuietHours(val)
		if err != nil {
			return "", err
		}
		if err := st.SetQuietHours(ctx, chatID, q); err != nil {
			return "", fmt.Errorf("set quiet hours: %w", err)
		}
		if q.None() {
			return r.T("settings.done.quiet_none"), nil
		}
		return r.T("settings.done.quiet", "Hours", q.String()), nil
	case "lang", "language":
		lang, ok := languageNamed(val)
		if !ok {
			return "", briefbot.Errorf(briefbot.EINVALID, "Unknown language %q: use ja, en or ru.", val).
				With("error.language", "Lang", val)
		}
		if err := st.SetChatLanguage(ctx, chatID, lang); err != nil {
			return "", fmt.Errorf("set language: %w", err)
		}
		r.lang, r.briefs = lang, lang
		return r.T("settings.done.language", "Language", languageNames[lang]), nil
	case "previews", "pv":
		var p briefbot.LinkPreviews
		switch strings.ToLower(val) {
		case "on":
			p = briefbot.PreviewsOn
		case "off":
			p = briefbot.PreviewsOff
		case "default", "":
		default:
			return "", briefbot.Errorf(briefbot.EINVALID, "Link previews are on, off or default.").With("error.previews")
		}
		if err := st.SetLinkPreviews(ctx, chatID, p); err != nil {
			return "", fmt.Errorf("set link previews: %w", err)
		}
		return r.T("settings.done.previews", "State", catalog.HTML(b.previewsState(*r, p))), nil
	case "pause":
		return b.setPaused(ctx, *r, chatID, val == "on")
	}
	return "", briefbot.Errorf(briefbot.EINVALID, "Unknown setting %q.", key).With("error.setting", "Key", key)
}

// answerText is a catalogue message fit for a callback answer: plain
// text of at most 200 characters.
func answerText(html string) string { return clipRunes(tgtext.PlainText(html), 200) }

// languageNamed finds a language by its code or its name in any of the
// bot's languages (ru, Русский, russian, ロシア語).
func languageNamed(s string) (string, bool) {
	k := fold.String(strings.TrimSpace(s))
	for _, l := range catalog.Languages {
		if k == l || k == fold.String(languageNames[l]) {
			return l, true
		}
		for _, in := range catalog.Languages {
			if k == fold.String(catalog.Plain(in, "label.language_"+l)) {
				return l, true
			}
		}
	}
	return "", false
}

// previewsState says whether previews show, and whether that is the
// configured default.
func (b *Bot) previewsState(r reader, p briefbot.LinkPreviews) string {
	state := r.T("settings.off")
	if p.Show(b.opts.LinkPreviews) {
		state = r.T("settings.on")
	}
	if p == briefbot.PreviewsDefault {
		state = r.T("settings.default", "State", catalog.HTML(state))
	}
	return state
}

// settingsView renders the settings message; its keyboard when editable.
// A group member sees the same words without buttons, which would only be
// refused.
func (b *Bot) settingsView(ctx context.Context, r reader, chatID int64, editable bool) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	s, err := b.chatSettings().ChatSettings(ctx, chatID)
	if err != nil {
		return "", nil, fmt.Errorf("settings of %d: %w", chatID, err)
	}
	loc := s.Location(b.opts.Location)
	times := ""
	if b.opts.EditionTimes != nil {
		times = strings.Join(b.opts.EditionTimes(loc), ", ")
	}
	lines := []string{r.T("settings.title")}
	lang := r.T("settings.language_default", "Language", languageNames[r.lang])
	if s.Language != "" {
		lang = r.T("settings.language", "Language", languageNames[s.Language])
	}
	lines = append(lines, lang)
	if s.Mode == briefbot.ModeEdition {
		lines = append(lines, r.T("settings.mode_edition", "Times", times, "Zone", loc.String()))
	} else {
		lines = append(lines, r.T("settings.mode_instant", "Times", times, "Zone", loc.String()))
	}
	if s.Timezone == "" {
		lines = append(lines, r.T("settings.zone_default", "Zone", loc.String()))
	} else {
		lines = append(lines, r.T("settings.zone", "Zone", s.Timezone))
	}
	switch {
	case s.Quiet.None():
		lines = append(lines, r.T("settings.quiet_none"))
	case s.QuietSilent:
		lines = append(lines, r.T("settings.quiet_silent", "Hours", s.Quiet.String()))
	default:
		lines = append(lines, r.T("settings.quiet_hold", "Hours", s.Quiet.String()))
	}
	lines = append(lines, r.T("settings.previews", "State", catalog.HTML(b.previewsState(r, s.LinkPreviews))))
	if s.Paused {
		lines = append(lines, r.T("settings.paused"))
	}
	text := strings.Join(lines, "\n")
	if !editable {
		return text + "\n\n" + r.T("settings.readonly"), nil, nil
	}
	return text + "\n\n" + r.T("settings.usage"), settingsKeyboard(r, s, s.LinkPreviews.Show(b.opts.LinkPreviews)), nil
}

// settingsKeyboard is the buttons of /settings, the current choices
// ticked; previews says whether the chat's briefs show link previews now.
func settingsKeyboard(r reader, s *briefbot.ChatSettings, previews bool) *tgbotapi.InlineKeyboardMarkup {
	button := func(label, data string, current bool) tgbotapi.InlineKeyboardButton {
		if current {
			label = "✅ " + label
		}
		return tgbotapi.NewInlineKeyboardButtonData(label, clip64(settingsData+":"+data))
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	flush := func(per int) {
		if len(row) >= per {
			rows = append(rows, row)
			row = nil
		}
	}
	for _, l := range catalog.Languages {
		row = append(row, button(languageNames[l], "lang:"+l, l == s.Language))
	}
	flush(1)
	if s.Mode == briefbot.ModeEdition {
		row = append(row, button(r.P("button.to_instant"), "mode:instant", false))
	} else {
		row = append(row, button(r.P("button.to_editions"), "mode:edition", false))
	}
	flush(1)
	for _, z := range zoneChoices {
		row = append(row, button(z, "tz:"+z, z == s.Timezone))
		flush(3)
	}
	row = append(row, button(r.P("button.zone_default"), "tz:", s.Timezone == ""))
	flush(1)
	cur := "none"
	if !s.Quiet.None() {
		cur = s.Quiet.Start + "-" + s.Quiet.End
	}
	for _, q := range quietChoices {
		label := "🔕 " + strings.ReplaceAll(q, "-", "–")
		if q == "none" {
			label = r.P("button.quiet_none")
		}
		row = append(row, button(label, "q:"+q, q == cur))
		flush(2)
	}
	flush(1)
	if !s.Quiet.None() {
		if s.QuietSilent {
			row = append(row, button(r.P("button.quiet_hold"), "q:hold", false))
		} else {
			row = append(row, button(r.P("button.quiet_silent"), "q:silent", false))
		}
	}
	if previews {
		row = append(row, button(r.P("button.previews_off"), "pv:off", false))
	} else {
		row = append(row, button(r.P("button.previews_on"), "pv:on", false))
	}
	flush(1)
	if s.Paused {
		row = append(row, button(r.P("button.resume"), "pause:off", false))
	} else {
		row = append(row, button(r.P("button.pause"), "pause:on", false))
	}
	flush(1)
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &kb
}

// settingsCallback applies a /settings button and redraws the message in
// place. It returns the text of the callback answer.
func (b *Bot) settingsCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, rest string) (string, error) {
	chat := q.Message.Chat
	if b.chatSettings() == nil {
		return r.P("answer.settings_unavailable"), nil
	}
	if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
		return r.P("answer.admins_only"), err
	}
	key, val, _ := strings.Cut(rest, ":")
	if err := b.ensureChat(ctx, chat); err != nil {
		return "", err
	}
	msg, err := b.applySetting(ctx, &r, chat.ID, key, val)
	if err != nil {
		if briefbot.ErrorCode(err) == briefbot.EINVALID {
			return answerText(r.errorText(err)), nil
		}
		return "", err
	}
	text, kb, err := b.settingsView(ctx, r, chat.ID, true)
	if err != nil {
		return "", err
	}
	return answerText(msg), b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
}
