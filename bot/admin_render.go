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

// feedPages renders /feeds, cut into messages at feed boundaries; the
// first names the admins alerts cannot reach.
func (b *Bot) feedPages(r reader, feeds []FeedStatus) []feedPage {
	now := b.opts.Now()
	paused := 0
	for _, f := range feeds {
		if f.Paused {
			paused++
		}
	}
	head := r.T("feeds.header", "Count", len(feeds))
	if paused > 0 {
		head += " " + r.T("feeds.paused_count", "Count", paused)
	}
	ids, why := b.unreachableAdmins()
	for _, id := range ids {
		head += "\n⚠️ " + r.T(why[id], "ID", id)
	}
	if len(feeds) == 0 {
		return []feedPage{{text: head + "\n" + r.T("feeds.none")}}
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
		block := b.feedBlock(r, f, now)
		if cur.text != "" && tgtext.VisibleLen(cur.text)+2+tgtext.VisibleLen(block) > tgtext.MaxLen {
			flush()
		}
		if cur.text != "" {
			cur.text += "\n\n"
		}
		cur.text += block
		cur.names = append(cur.names, f.Name)
		if f.Paused {
			label := clipRunes(r.P("button.retry_feed", "Name", f.Name), 60)
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
func (b *Bot) feedBlock(r reader, f FeedStatus, now time.Time) string {
	icon := "🟢"
	switch {
	case f.Paused:
		icon = "⏸"
	case f.Failures > 0:
		icon = "⚠️"
	}
	topics := "—"
	if len(f.Topics) > 0 {
		topics = strings.Join(f.Topics, ", ")
	}
	lines := []string{
		icon + " <b>" + tgtext.Escape(clipRunes(f.Name, 100)) + "</b>",
		tgtext.Escape(clipRunes(f.URL, 300)),
		r.T("feeds.topics", "Topics", clipRunes(topics, 200), "Schedule", clipRunes(f.Schedule, 100)),
	}
	fetch := r.T("feeds.last_fetch", "When", b.when(r, f.LastFetchAt, now))
	if !f.LastSuccessAt.IsZero() && !f.LastSuccessAt.Equal(f.LastFetchAt) {
		fetch += " · " + r.T("feeds.last_success", "When", b.when(r, f.LastSuccessAt, now))
	}
	lines = append(lines, fetch, r.T("feeds.counts", "Items", f.Items, "Failures", f.Failures))
	if f.LastError != "" && f.Failures > 0 {
		lines = append(lines, r.T("feeds.last_error", "Error", clipRunes(f.LastError, 300)))
	}
	if f.Paused {
		lines = append(lines, r.T("feeds.next_paused"))
	} else {
		lines = append(lines, r.T("feeds.next_run", "When", b.when(r, f.NextRun, now)))
	}
	return strings.Join(lines, "\n")
}

// when is "5m ago (12:03)" or "in 10m (12:15)" in the configured zone, in
// the reader's words; the date is added when t is not today.
func (b *Bot) when(r reader, t, now time.Time) string {
	if t.IsZero() {
		return r.P("label.never")
	}
	lt, ln := t.In(b.opts.Location), now.In(b.opts.Location)
	clock := lt.Format("15:04")
	if lt.Format("20060102") != ln.Format("20060102") {
		clock = lt.Format("2006-01-02 15:04")
	}
	d := now.Sub(t)
	switch {
	case d >= 0 && d < time.Minute:
		return r.P("label.just_now", "Clock", clock)
	case d >= 0:
		return r.P("label.ago", "D", humanDuration(r, d), "Clock", clock)
	case -d < time.Minute:
		return r.P("label.now", "Clock", clock)
	default:
		return r.P("label.in", "D", humanDuration(r, -d), "Clock", clock)
	}
}

// humanDuration is a short rough duration: 45s, 12m, 3h05m, 4d, in the
// reader's units.
func humanDuration(r reader, d time.Duration) string {
	switch {
	case d < time.Minute:
		return r.P("label.seconds", "N", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return r.P("label.minutes", "N", int(d/time.Minute))
	case d < 48*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return r.P("label.hours", "N", h)
		}
		return r.P("label.hours_minutes", "H", h, "M", fmt.Sprintf("%02d", m))
	default:
		return r.P("label.days", "N", int(d/(24*time.Hour)))
	}
}

// statsText renders /stats: chats, the ledger, how long a fan-out takes,
// and why messages wait when some do.
func (b *Bot) statsText(r reader, st *AdminStats) string {
	d := st.Deliveries
	lines := []string{
		r.T("stats.title"),
		r.T("stats.chats", "Chats", st.Chats, "Active", st.ActiveChats, "Subscriptions", st.Subscriptions),
		r.T("stats.deliveries", "Pending", d[briefbot.DeliveryPending], "Sent", d[briefbot.DeliverySent],
			"Failed", d[briefbot.DeliveryFailed], "Dead", d[briefbot.DeliveryDead], "Sending", d[briefbot.DeliverySending]),
		r.T("stats.last_day", "Sent", st.SentLast24h, "Briefs", st.BriefsLast24h),
	}
	if st.GlobalPerSecond > 0 {
		secs := float64(st.Subscribers) / st.GlobalPerSecond
		lines = append(lines, r.T("stats.fanout", "Count", st.Subscribers, "Duration", fanoutDuration(r, secs),
			"Rate", trimFloat(st.GlobalPerSecond)))
	} else {
		lines = append(lines, r.T("stats.subscribers", "Count", st.Subscribers))
	}
	now := b.opts.Now()
	var waits []string
	if st.Settling > 0 {
		waits = append(waits, r.T("stats.wait_settle", "Count", st.Settling,
			"Settle", humanDuration(r, st.Settle), "In", untilText(r, st.SettleNext, now)))
	}
	if st.QuietHeld > 0 {
		waits = append(waits, r.T("stats.wait_quiet", "Count", st.QuietHeld))
	}
	if st.Retrying > 0 {
		waits = append(waits, r.T("stats.wait_retry", "Count", st.Retrying, "In", untilText(r, st.RetryNext, now)))
	}
	if st.PausedChats > 0 {
		waits = append(waits, r.T("stats.wait_paused", "Count", st.PausedChats))
	}
	if len(waits) > 0 {
		lines = append(lines, r.T("stats.waiting"))
		for _, w := range waits {
			lines = append(lines, "• "+w)
		}
	}
	return strings.Join(lines, "\n")
}

// untilText is how long until t: "about 5m", "under a second" when due.
func untilText(r reader, t, now time.Time) string {
	return fanoutDuration(r, t.Sub(now).Seconds())
}

// fanoutDuration renders a wait of secs seconds: "under a second", "about
// 34s", "about 5m20s", "about 3h05m".
func fanoutDuration(r reader, secs float64) string {
	if secs < 1 {
		return r.P("label.under_second")
	}
	d := time.Duration(secs * float64(time.Second)).Round(time.Second)
	if d >= time.Minute && d < time.Hour && d%time.Minute != 0 {
		return r.P("label.about", "D", r.P("label.minutes_seconds", "M", int(d/time.Minute), "S", fmt.Sprintf("%02d", int(d%time.Minute/time.Second))))
	}
	return r.P("label.about", "D", humanDuration(r, d))
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
