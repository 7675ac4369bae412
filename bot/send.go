package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
)

// Send sends one ledger message and returns its message_id. Failures are
// *briefbot.SendError classified by what the ledger must do next. A chat
// stopped or paused since the row was claimed gets nothing: the send is
// refused as permanent (the row is dead already).
func (b *Bot) Send(ctx context.Context, m briefbot.OutMessage) (int, error) {
	if b.isHalted(m.ChatID) {
		return 0, &briefbot.SendError{Kind: briefbot.SendPermanent, Description: "chat stopped or paused"}
	}
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", m.ChatID)
	// tgbotapi 5.5 predates forum topics: message_thread_id goes in by hand.
	p.AddNonZero("message_thread_id", m.ThreadID)
	p["text"] = m.Text
	if m.HTML {
		p["parse_mode"] = tgbotapi.ModeHTML
	}
	p.AddBool("disable_web_page_preview", !m.LinkPreviews.Show(b.opts.LinkPreviews))
	p.AddBool("disable_notification", m.Silent)
	// Newer than tgbotapi 5.5 as well: lets Telegram take up to 1000 msg/s,
	// charged in Stars; the dispatcher's GlobalPerSecond is raised to match.
	p.AddBool("allow_paid_broadcast", b.opts.PaidBroadcast)
	resp, err := b.call(ctx, b.sendClient, "sendMessage", p)
	if err != nil {
		return 0, classify(err)
	}
	var msg struct {
		MessageID int `json:"message_id"`
	}
	if err := json.Unmarshal(resp.Result, &msg); err != nil {
		// Telegram accepted the message; a garbled answer must not make the
		// ledger send it again.
		return 0, nil
	}
	return msg.MessageID, nil
}

// classify maps a tgbotapi or transport error onto the ledger's policy.
func classify(err error) *briefbot.SendError {
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		// Connection errors, timeouts, a proxy's HTML page (a JSON syntax
		// error with the status lost): all worth retrying.
		return &briefbot.SendError{Kind: briefbot.SendTransient, Description: transportDescription(err), Err: err}
	}
	se := &briefbot.SendError{Code: te.Code, Description: te.Message, Err: err}
	desc := strings.ToLower(te.Message)
	switch {
	case te.Code == 429 || te.RetryAfter > 0:
		se.Kind = briefbot.SendRateLimited
		se.RetryAfter = time.Duration(te.RetryAfter) * time.Second
		if se.RetryAfter <= 0 {
			se.RetryAfter = retryAfterFromText(desc)
		}
	case te.MigrateToChatID != 0:
		se.Kind = briefbot.SendMigrated
		se.MigrateTo = te.MigrateToChatID
	case te.Code >= 500:
		se.Kind = briefbot.SendTransient
	case te.Code == 401 || te.Code == 404:
		// A revoked token or a wrong API URL fails every send alike; killing
		// rows for it would lose the whole queue.
		se.Kind = briefbot.SendTransient
	case te.Code == 403:
		se.Kind = briefbot.SendChatGone
	case strings.Contains(desc, "chat not found"), strings.Contains(desc, "user not found"),
		strings.Contains(desc, "group chat was deactivated"), strings.Contains(desc, "chat_write_forbidden"):
		se.Kind = briefbot.SendChatGone
	case strings.Contains(desc, "can't parse entities"), strings.Contains(desc, "unsupported start tag"):
		se.Kind = briefbot.SendBadMarkup
	case strings.Contains(desc, "message is too long"), strings.Contains(desc, "text is too long"):
		se.Kind = briefbot.SendTooLong
	case te.Code == 0:
		se.Kind = briefbot.SendTransient
	default:
		se.Kind = briefbot.SendPermanent
	}
	return se
}

// retryAfterFromText reads "retry after N" when parameters are missing.
func retryAfterFromText(desc string) time.Duration {
	i := strings.LastIndex(desc, "retry after ")
	if i < 0 {
		return time.Second
	}
	n, err := strconv.Atoi(strings.TrimSpace(desc[i+len("retry after "):]))
	if err != nil || n <= 0 {
		return time.Second
	}
	return time.Duration(n) * time.Second
}

func transportDescription(err error) string {
	var se *json.SyntaxError
	var ne net.Error
	switch {
	case errors.As(err, &se):
		return "non-JSON response"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	default:
		return fmt.Sprintf("transport: %T", err)
	}
}
