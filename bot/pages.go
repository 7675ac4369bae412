package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// Page sizes keep a page far below 4096 characters even with long headlines.
const (
	todayPageSize  = 10
	searchPageSize = 5
	headlineRunes  = 160
	snippetRunes   = 300
)

// todayPos is one page of /today: a day in the configured zone, a topic.
type todayPos struct {
	Topic string
	Day   string // yyyymmdd
	Page  int
}

func (p todayPos) data(page int) string {
	return fmt.Sprintf("t:%s:%s:%d", p.Topic, p.Day, page)
}

func parseTodayData(s string) (todayPos, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return todayPos{}, errors.New("bad today data")
	}
	page, err := strconv.Atoi(parts[2])
	if err != nil || page < 0 {
		return todayPos{}, errors.New("bad today page")
	}
	return todayPos{Topic: parts[0], Day: parts[1], Page: page}, nil
}

func parsePageData(s string) (string, int, error) {
	id, ps, ok := strings.Cut(s, ":")
	if !ok {
		return "", 0, errors.New("bad page data")
	}
	page, err := strconv.Atoi(ps)
	if err != nil || page < 0 {
		return "", 0, errors.New("bad page")
	}
	return id, page, nil
}

func (b *Bot) cmdToday(ctx context.Context, m *tgbotapi.Message, r reader, args string) error {
	topic := ""
	if args != "" {
		t, ok := b.cfg().topic(args)
		if !ok {
			return b.reply(ctx, m.Chat.ID, r.T("topic.unknown", "Topic", clipRunes(args, echoRunes))+"\n\n"+b.topicList(r), nil)
		}
		topic = t.Name
	}
	pos := todayPos{Topic: topic, Day: b.opts.Now().In(r.loc).Format("20060102")}
	text, kb, err := b.todayPage(ctx, r, pos)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, text, kb)
}

// todayPage renders one page of a day's briefs in the reader's zone,
// newest first, one per story in the reader's language where it has a
// brief in it.
func (b *Bot) todayPage(ctx context.Context, r reader, pos todayPos) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	from, err := time.ParseInLocation("20060102", pos.Day, r.loc)
	if err != nil {
		return "", nil, fmt.Errorf("today day %q: %w", pos.Day, err)
	}
	// AddDate, not +24h: a day with a DST change is 23 or 25 hours long.
	to := from.AddDate(0, 0, 1)
	f := briefbot.BriefFilter{From: from, To: to, Topic: pos.Topic, Language: r.briefs,
		Offset: pos.Page * todayPageSize, Limit: todayPageSize}
	briefs, total, err := b.st.Briefs.Briefs(ctx, f)
	if err != nil {
		return "", nil, fmt.Errorf("briefs of %s: %w", pos.Day, err)
	}
	pages := (total + todayPageSize - 1) / todayPageSize
	if pos.Page >= pages && pages > 0 {
		// The list shrank (retention) since the keyboard was drawn.
		pos.Page = pages - 1
		f.Offset = pos.Page * todayPageSize
		if briefs, total, err = b.st.Briefs.Briefs(ctx, f); err != nil {
			return "", nil, fmt.Errorf("briefs of %s: %w", pos.Day, err)
		}
	}
	title := ""
	if t, ok := b.cfg().byName[pos.Topic]; ok {
		title = t.TitleIn(r.lang)
	}
	date := from.Format("2006-01-02")
	if total == 0 {
		return r.T("today.header", "Date", date, "Topic", title) + "\n" + r.T("today.none"), nil, nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("today.header_count", "Date", date, "Topic", title, "Count", total) + "\n")
	for _, br := range briefs {
		line := br.Published.In(r.loc).Format("15:04") + " " + opinionMark(br.Opinion) + linked(br.Headline, firstURL(br.Sources))
		appendLine(&sb, line)
	}
	var kb *tgbotapi.InlineKeyboardMarkup
	if pages > 1 {
		data := pos.data(0)
		if len(data)+4 <= 64 {
			kb = pager(r, pos.Page, pages, func(p int) string { return pos.data(p) })
		}
	}
	return strings.TrimRight(sb.String(), "\n"), kb, nil
}

func (b *Bot) cmdSearch(ctx context.Context, m *tgbotapi.Message, r reader, args string) error {
	if args == "" {
		return b.reply(ctx, m.Chat.ID, r.T("search.usage"), nil)
	}
	user := m.Chat.ID
	if m.From != nil {
		user = m.From.ID
	}
	if !b.limiter.allow(user, b.opts.Now()) {
		return b.reply(ctx, m.Chat.ID, r.T("search.slow_down"), nil)
	}
	if rs := []rune(args); len(rs) > 200 {
		args = string(rs[:200])
	}
	id := b.searches.put(m.Chat.ID, args)
	text, kb, err := b.searchPage(ctx, r, id, args, 0)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, text, kb)
}

// searchPage renders one page of search results, each story's brief in
// the reader's language where it has one, dated in the reader's zone. The
// query stays on our side behind id: callback data is limited to 64 bytes.
func (b *Bot) searchPage(ctx context.Context, r reader, id, query string, page int) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	res, err := b.st.Search.Search(ctx, briefbot.SearchQuery{Text: query, Language: r.briefs,
		Offset: page * searchPageSize, Limit: searchPageSize})
	if err != nil {
		if code := briefbot.ErrorCode(err); code != briefbot.EINTERNAL {
			return r.errorText(err), nil, nil
		}
		return "", nil, fmt.Errorf("search: %w", err)
	}
	if res.Total == 0 || (len(res.Hits) == 0 && page == 0) {
		return r.T("search.nothing", "Query", query), nil, nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("search.header", "Query", query, "Count", res.Total) + "\n")
	for _, h := range res.Hits {
		line := h.Published.In(r.loc).Format("2006-01-02") + " " + opinionMark(h.Opinion) + linked(h.Headline, h.URL)
		if s := renderSnippet(h.Snippet, h.Matches, snippetRunes); s != "" {
			line += "\n" + s
		}
		appendLine(&sb, line)
	}
	pages := (res.Total + searchPageSize - 1) / searchPageSize
	var kb *tgbotapi.InlineKeyboardMarkup
	if pages > 1 {
		kb = pager(r, page, pages, func(p int) string { return fmt.Sprintf("s:%s:%d", id, p) })
	}
	return strings.TrimRight(sb.String(), "\n"), kb, nil
}

// appendLine adds a line unless it would take the message past Telegram's
// limit; pages are small, so this only guards against freak data.
func appendLine(sb *strings.Builder, line string) {
	if tgtext.VisibleLen(sb.String())+tgtext.VisibleLen(line)+1 > tgtext.MaxLen {
		return
	}
	sb.WriteString(line)
	sb.WriteString("\n")
}

// opinionMark is 💬 before the headline of a story of opinion alone (a
// column, a pundit's post): kept and searchable, never pushed as news.
func opinionMark(opinion bool) string {
	if opinion {
		return "💬 "
	}
	return ""
}

// linked renders 【headline】 as a link when there is an address.
func linked(headline, u string) string {
	h := "【" + tgtext.EscapeAttr(clipRunes(headline, headlineRunes)) + "】"
	if u == "" || !(strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) {
		return h
	}
	return `<a href="` + tgtext.EscapeAttr(u) + `">` + h + `</a>`
}

func firstURL(ss []briefbot.Source) string {
	for _, s := range ss {
		if s.URL != "" {
			return s.URL
		}
	}
	return ""
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// pager draws ◀ i/n ▶; a button that leads nowhere answers "noop".
func pager(r reader, page, pages int, data func(int) string) *tgbotapi.InlineKeyboardMarkup {
	prev, next := "noop", "noop"
	if page > 0 {
		prev = data(page - 1)
	}
	if page+1 < pages {
		next = data(page + 1)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("◀", clip64(prev)),
		tgbotapi.NewInlineKeyboardButtonData(r.P("label.page", "Page", page+1, "Pages", pages), "noop"),
		tgbotapi.NewInlineKeyboardButtonData("▶", clip64(next)),
	))
	return &kb
}
