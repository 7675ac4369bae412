package bot

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// feedPage is one message of /feeds: blocks of feeds that fit in one
// message, with a ▶️ retry button for each paused feed among them.
type feedPage struct {
	text  string
	kb    *tgbotapi.InlineKeyboardMarkup
	names []string
}

func (p feedPage) has(name string) bool { return slices.Contains(p.names, name) }

// feedPages renders /feeds, cut into messages at feed boundaries.
func (b *Bot) feedPages(feeds []FeedStatus) []feedPage {
	now := b.opts.Now()
	paused := 0
	for _, f := range feeds {
		if f.Paused {
			paused++
		}
	}
	head := fmt.Sprintf("📡 <b>Feeds</b> — %d", len(feeds))
	if paused > 0 {
		head += fmt.Sprintf(" (⏸ %d paused)", paused)
	}
	if len(feeds) == 0 {
		return []feedPage{{text: head + "\nNo feeds are configured."}}
	}
	var pages []feedPage
	cur := feedPage{text: head}
	var rows [][]tgbotapi.InlineKeyboardButton
	flush := func() {
		if len(rows) > 0 {
			kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
			cur.kb = &kb
		}
		pages = append(pages, cur)
		cur, rows = feedPage{}, nil
	}
	for _, f := range feeds {
		block := b.feedBlock(f, now)
		if cur.text != "" && tgtext.VisibleLen(cur.text)+2+tgtext.VisibleLen(block) > tgtext.MaxLen {
			flush()
		}
		if cur.text != "" {
			cur.text += "\n\n"
		}
		cur.text += block
		cur.names = append(cur.names, f.Name)
		if f.Paused {
			label := clipRunes("▶️ retry "+f.Name, 60)
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(label, b.resumeButtonData(f.Name))))
		}
	}
	flush()
	return pages
}

// feedBlock is one feed: name, URL, topics and schedule, fetch times,
// counts and the last error. Every field is clipped so one block always fits
// in a message.
func (b *Bot) feedBlock(f FeedStatus, now time.Time) string {
	var sb strings.Builder
	icon := "🟢"
	switch {
	case f.Paused:
		icon = "⏸"
	case f.Failures > 0:
		icon = "⚠️"
	}
	fmt.Fprintf(&sb, "%s <b>%s</b>\n", icon, tgtext.Escape(clipRunes(f.Name, 100)))
	fmt.Fprintf(&sb, "%s\n", tgtext.Escape(clipRunes(f.URL, 300)))
	topics := "—"
	if len(f.Topics) > 0 {
		topics = strings.Join(f.Topics, ", ")
	}
	fmt.Fprintf(&sb, "topics: %s", tgtext.Escape(clipRunes(topics, 200)))
	if f.Schedule != "" {
		fmt.Fprintf(&sb, " · <code>%s</code>", tgtext.Escape(clipRunes(f.Schedule, 100)))
	}
	fmt.Fprintf(&sb, "\nlast fetch: %s", b.when(f.LastFetchAt, now))
	if !f.LastSuccessAt.IsZero() && !f.LastSuccessAt.Equal(f.LastFetchAt) {
		fmt.Fprintf(&sb, " · last success: %s", b.when(f.LastSuccessAt, now))
	}
	fmt.Fprintf(&sb, "\nitems: %d · failures: %d", f.Items, f.Failures)
	if f.LastError != "" && f.Failures > 0 {
		fmt.Fprintf(&sb, "\nlast error: <i>%s</i>", tgtext.Escape(clipRunes(f.LastError, 300)))
	}
	if f.Paused {
		sb.WriteString("\nnext run: paused")
	} else {
		fmt.Fprintf(&sb, "\nnext run: %s", b.when(f.NextRun, now))
	}
	return sb.String()
}

// when is "5m ago (12:03)" or "in 10m (12:15)" in the configured zone; the
// date is added when t is not today.
func (b *Bot) when(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	lt, ln := t.In(b.opts.Location), now.In(b.opts.Location)
	clock := lt.Format("15:04")
	if lt.Format("20060102") != ln.Format("20060102") {
		clock = lt.Format("2006-01-02 15:04")
	}
	d := now.Sub(t)
	switch {
	case d >= 0 && d < time.Minute:
		return "just now (" + clock + ")"
	case d >= 0:
		return humanDuration(d) + " ago (" + clock + ")"
	case -d < time.Minute:
		return "now (" + clock + ")"
	default:
		return "in " + humanDuration(-d) + " (" + clock + ")"
	}
}

// humanDuration is a short rough duration: 45s, 12m, 3h05m, 4d.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%02dm", h, m)
	default:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
}

// statsText renders /stats.
func statsText(st *AdminStats) string {
	var sb strings.Builder
	sb.WriteString("📊 <b>Stats</b>\n")
	fmt.Fprintf(&sb, "chats: %d (active %d) · subscriptions: %d\n", st.Chats, st.ActiveChats, st.Subscriptions)
	d := st.Deliveries
	fmt.Fprintf(&sb, "deliveries: pending %d · sent %d · failed %d · dead %d",
		d[briefbot.DeliveryPending], d[briefbot.DeliverySent], d[briefbot.DeliveryFailed], d[briefbot.DeliveryDead])
	if n := d[briefbot.DeliverySending]; n > 0 {
		fmt.Fprintf(&sb, " · sending %d", n)
	}
	fmt.Fprintf(&sb, "\nlast 24 h: %d sent · %d briefs\n", st.SentLast24h, st.BriefsLast24h)
	if st.GlobalPerSecond > 0 {
		secs := float64(st.Subscribers) / st.GlobalPerSecond
		fmt.Fprintf(&sb, "one brief reaches all %d subscribers in ≈ %s at %s msg/s",
			st.Subscribers, fanoutDuration(secs), trimFloat(st.GlobalPerSecond))
	} else {
		fmt.Fprintf(&sb, "subscribers: %d", st.Subscribers)
	}
	return sb.String()
}

// fanoutDuration renders the time a fan-out takes: "< 1s", "34s", "5m20s".
func fanoutDuration(secs float64) string {
	if secs < 1 {
		return "&lt; 1s"
	}
	return time.Duration(secs * float64(time.Second)).Round(time.Second).String()
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
