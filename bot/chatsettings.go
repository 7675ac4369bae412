package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// settingsData prefixes the callback data of /settings buttons:
// "cfg:mode:edition", "cfg:tz:Asia/Tokyo", "cfg:tz:" (the default),
// "cfg:q:23:00-07:00", "cfg:q:none". The longest stays far under 64 bytes.
const settingsData = "cfg"

// zoneChoices are the timezone buttons; any other IANA name is typed:
// /settings tz Area/City.
var zoneChoices = []string{"Asia/Tokyo", "Europe/Moscow", "Europe/London", "America/New_York", "UTC"}

// quietChoices are the quiet-hours buttons; others are typed:
// /settings quiet 23:00-07:00.
var quietChoices = []string{"none", "23:00-07:00", "22:00-08:00", "00:00-06:00"}

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

// chatReading is how the chat reads /today and /search: its timezone (its
// own, else the configured one) and its language ("" for each story's
// main one).
func (b *Bot) chatReading(ctx context.Context, chatID int64) (*time.Location, string) {
	st := b.chatSettings()
	if st == nil {
		return b.opts.Location, ""
	}
	s, err := st.ChatSettings(ctx, chatID)
	if err != nil {
		if briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
			b.log.Warn("chat settings", "chat_id", chatID, "err", err)
		}
		return b.opts.Location, ""
	}
	return s.Location(b.opts.Location), s.Language
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

// cmdSettings shows the settings with their buttons, or applies a typed
// change: /settings tz Area/City, /settings quiet 23:00-07:00,
// /settings mode instant|edition.
func (b *Bot) cmdSettings(ctx context.Context, m *tgbotapi.Message, args string) error {
	st := b.chatSettings()
	if st == nil {
		return b.reply(ctx, m.Chat.ID, "Settings are not available.", nil)
	}
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	if args != "" {
		if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
			if err != nil {
				b.log.Warn("check chat admin", "chat_id", m.Chat.ID, "err", err)
			}
			return b.reply(ctx, m.Chat.ID, "Only the group's admins can change its settings.", nil)
		}
		key, val, _ := strings.Cut(args, " ")
		msg, err := b.applySetting(ctx, m.Chat.ID, strings.ToLower(key), strings.TrimSpace(val))
		if err != nil {
			if code := briefbot.ErrorCode(err); code == briefbot.EINVALID {
				return b.reply(ctx, m.Chat.ID, tgtext.Escape(briefbot.ErrorMessage(err))+"\n\n"+settingsUsage, nil)
			}
			return err
		}
		text, kb, err := b.settingsView(ctx, m.Chat.ID)
		if err != nil {
			return err
		}
		return b.reply(ctx, m.Chat.ID, "✅ "+tgtext.Escape(msg)+"\n\n"+text, kb)
	}
	text, kb, err := b.settingsView(ctx, m.Chat.ID)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, text, kb)
}

const settingsUsage = "<code>/settings tz Area/City</code> — any IANA time zone\n" +
	"<code>/settings quiet 23:00-07:00</code> — quiet hours (<code>none</code> to remove)\n" +
	"<code>/settings mode instant</code> or <code>edition</code>"

// applySetting changes one setting and says what it did. User mistakes are
// EINVALID errors.
func (b *Bot) applySetting(ctx context.Context, chatID int64, key, val string) (string, error) {
	st := b.chatSettings()
	switch key {
	case "mode":
		mode := strings.ToLower(val)
		if mode == "editions" {
			mode = briefbot.ModeEdition
		}
		if mode != briefbot.ModeInstant && mode != briefbot.ModeEdition {
			return "", briefbot.Errorf(briefbot.EINVALID, "The mode is instant or edition.")
		}
		if err := st.SetChatMode(ctx, chatID, mode, b.opts.Now()); err != nil {
			return "", fmt.Errorf("set mode: %w", err)
		}
		if mode == briefbot.ModeEdition {
			return "Briefs now come in editions.", nil
		}
		return "Briefs now come one by one, as they are made.", nil
	case "tz", "timezone":
		tz := val
		if strings.EqualFold(tz, "default") || tz == "" {
			tz = ""
		} else if err := briefbot.ValidTimezone(tz); err != nil {
			return "", err
		}
		if err := st.SetChatTimezone(ctx, chatID, tz); err != nil {
			return "", fmt.Errorf("set timezone: %w", err)
		}
		if tz == "" {
			return "Time zone: the default, " + b.opts.Location.String() + ".", nil
		}
		return "Time zone: " + tz + ".", nil
	case "quiet":
		q, err := briefbot.ParseQuietHours(val)
		if err != nil {
			return "", err
		}
		if err := st.SetQuietHours(ctx, chatID, q); err != nil {
			return "", fmt.Errorf("set quiet hours: %w", err)
		}
		if q.None() {
			return "No quiet hours.", nil
		}
		return "Quiet hours: " + q.String() + ".", nil
	}
	return "", briefbot.Errorf(briefbot.EINVALID, "Unknown setting %q.", key)
}

// settingsView renders the settings message and its keyboard.
func (b *Bot) settingsView(ctx context.Context, chatID int64) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	s, err := b.chatSettings().ChatSettings(ctx, chatID)
	if err != nil {
		return "", nil, fmt.Errorf("settings of %d: %w", chatID, err)
	}
	var sb strings.Builder
	sb.WriteString("⚙️ <b>Settings</b>\n")
	if s.Mode == briefbot.ModeEdition {
		sb.WriteString("Delivery: <b>editions</b> — a few times a day, one message listing the new stories\n")
	} else {
		sb.WriteString("Delivery: <b>instant</b> — each brief as it is made\n")
	}
	zone := s.Timezone
	if zone == "" {
		zone = b.opts.Location.String() + " (default)"
	}
	fmt.Fprintf(&sb, "Time zone: <b>%s</b>\n", tgtext.Escape(zone))
	fmt.Fprintf(&sb, "Quiet hours: <b>%s</b>", tgtext.Escape(s.Quiet.String()))
	if !s.Quiet.None() {
		sb.WriteString(" — briefs wait until they end")
	}
	sb.WriteString("\n\n" + settingsUsage)

	var rows [][]tgbotapi.InlineKeyboardButton
	if s.Mode == briefbot.ModeEdition {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("⚡ Switch to instant", settingsData+":mode:instant")))
	} else {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("🗞 Switch to editions", settingsData+":mode:edition")))
	}
	var row []tgbotapi.InlineKeyboardButton
	for _, z := range zoneChoices {
		label := z
		if z == s.Timezone {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, clip64(settingsData+":tz:"+z)))
		if len(row) == 3 {
			rows = append(rows, row)
			row = nil
		}
	}
	label := "Default"
	if s.Timezone == "" {
		label = "✅ " + label
	}
	rows = append(rows, append(row, tgbotapi.NewInlineKeyboardButtonData(label, settingsData+":tz:")))
	row = nil
	cur := "none"
	if !s.Quiet.None() {
		cur = s.Quiet.Start + "-" + s.Quiet.End
	}
	for _, q := range quietChoices {
		label := "🔕 " + strings.ReplaceAll(q, "-", "–")
		if q == "none" {
			label = "🔔 No quiet hours"
		}
		if q == cur {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, settingsData+":q:"+q))
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return sb.String(), &kb, nil
}

// settingsCallback applies a /settings button and redraws the message in
// place. It returns the text of the callback answer.
func (b *Bot) settingsCallback(ctx context.Context, q *tgbotapi.CallbackQuery, rest string) (string, error) {
	chat := q.Message.Chat
	if b.chatSettings() == nil {
		return "Settings are not available.", nil
	}
	if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
		return "Only the group's admins can change settings.", err
	}
	key, val, _ := strings.Cut(rest, ":")
	if key == "q" {
		key = "quiet"
	}
	if err := b.ensureChat(ctx, chat); err != nil {
		return "", err
	}
	msg, err := b.applySetting(ctx, chat.ID, key, val)
	if err != nil {
		if briefbot.ErrorCode(err) == briefbot.EINVALID {
			return briefbot.ErrorMessage(err), nil
		}
		return "", err
	}
	text, kb, err := b.settingsView(ctx, chat.ID)
	if err != nil {
		return "", err
	}
	return msg, b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
}
