package digest

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/tgtext"
)

// RenderOptions tunes rendering.
type RenderOptions struct {
	Location *time.Location    // for the #tag(yymmdd) date; UTC when nil
	Hashtags map[string]string // topic name → hashtag word; falls back to the topic name
	Corpus   *Corpus           // IDF source; nil means the story's own sentences
}

// style holds the per-language choices of a brief.
type style struct {
	budget      int // visible runes a brief normally stays within
	maxSentence int // longer sentences are never shown
	minSentence int // shorter ones say too little
	attrib      func(outlet string) string
	defaultTag  string
}

var styles = map[string]style{
	"ja": {budget: 600, maxSentence: 220, minSentence: 10, defaultTag: "ニュース",
		attrib: func(o string) string { return "（" + o + "）" }},
	"en": {budget: 900, maxSentence: 400, minSentence: 25, defaultTag: "News",
		attrib: func(o string) string { return " (" + o + ")" }},
	"ru": {budget: 900, maxSentence: 400, minSentence: 25, defaultTag: "Новости",
		attrib: func(o string) string { return " (" + o + ")" }},
}

var (
	// A breaking mark stands alone: 【速報】, 速報：, BREAKING:, never the
	// 緊急 of 緊急会合 or the 速報 of 速報値.
	breakingRe   = regexp.MustCompile(`(?:^|[【［\[\s❗‼⚡\x{FE0F}])(?:速報|緊急|BREAKING|Breaking|СРОЧНО|Срочно|МОЛНИЯ)(?:[】］\]:：\s!！]|$)`)
	breakingHead = regexp.MustCompile(`^(?:速報|緊急|BREAKING|Breaking|СРОЧНО|Срочно|МОЛНИЯ)\s*[:：]\s*`)
	// titleMarkRe is a desk's label before a headline: 【速報】, ［独自］,
	// 速報：, BREAKING:, possibly several; the opener may have been trimmed.
	titleMarkRe = regexp.MustCompile(`^[\s　]*(?:[【［\[]?[\s　]*(?:速報|独自|更新|詳報|続報|緊急|中継|動画|BREAKING(?: NEWS)?|Breaking(?: news)?|UPDATE[D1-9 ]*|Update|EXCLUSIVE|Exclusive|СРОЧНО|Срочно|МОЛНИЯ|ЭКСКЛЮЗИВ)[\s　]*[】］\]]|(?:速報|独自|緊急|BREAKING(?: NEWS)?|Breaking(?: news)?|UPDATE|Update|EXCLUSIVE|Exclusive|СРОЧНО|Срочно|МОЛНИЯ)[\s　]*[:：\-—])[\s　]*`)
	// The same labels inside a title, bracketed.
	inlineMarkRe = regexp.MustCompile(`[【［][\s　]*(?:速報|独自|更新|詳報|続報|緊急|中継|動画)[\s　]*[】］][\s　]*`)
	// " | NHK", "｜時事ドットコム": the site's name after a page title.
	closeBracketRe = regexp.MustCompile(`】[\s　]*`)
	siteSuffixRe   = regexp.MustCompile(`[\s　]+[|｜][\s　]*[^|｜]{1,24}$`)
	datePhraseRe   = regexp.MustCompile(`([はが])\d{1,2}日(?:午前|午後|夜|朝)?、`)
	numberingRe    = regexp.MustCompile(`^(?:\d{1,2}[.．)）]|[・•\-–—])\s*`)
	// Lines about the post rather than the news.
	// A bare attribution ("在北朝鮮ロシア大使館が同日、明らかにした。") only
	// makes sense under the sentence it follows.
	attributionRe = regexp.MustCompile(`^.{0,24}(?:が|は)(?:同日|同じ日)?、?(?:明らかにした|発表した|伝えた|報じた|明らかにしました|発表しました|伝えました)。$`)
	metaRe        = regexp.MustCompile(`以下の(?:通り|とおり)|主な(?:内容|発言)を.{0,20}まとめた|見逃した方のために|as follows|the following`)
	// Openers that lean on the sentence before; a 🔸 line stands alone.
	connectiveHead = regexp.MustCompile(`^(?:(?:また|そして|さらに|一方|同時に|このほか|その上で|そのうえで|これに対し)、|(?:この中で|その中で)、?)`)
	// A sentence that starts with a particle lost its beginning (a link
	// the text was cut from).
	brokenHeadRe = regexp.MustCompile(`^(?:によると|によれば|は|が|を|に|で|と|も|の|や)[^\p{Hiragana}]`)
	subjectRe    = regexp.MustCompile(`[はがも]`)
)

// marks are the channel's own signs at the start of a line.
var marks = []string{"🔸", "🔹", "ℹ️", "ℹ", "❗️", "❗", "‼️", "🗨️", "🗨", "🎥", "🎤", "📰", "⚡️", "⚡", "👉", "▶️", "■", "●", "◆", "・"}

// line is one candidate sentence of a brief.
type line struct {
	text     string
	item     int
	pos      int
	outlet   string
	breaking bool // the source marked it 速報/BREAKING
}

// Render makes the brief of a story in the house style: 【headline】, flags
// and ❗️ before the lead, 2–4 🔸 key sentences, a 🗨️ quote and an ℹ️
// background sentence when the story has them, 📰 linked sources and the
// #tag(yymmdd) line, blocks separated by blank lines. Sentences are chosen
// whole by Select's ranking over all the story's items; a line from another
// outlet than the lead's names it. All feed text is HTML-escaped; the only
// tags are <a href>. The result is at most tgtext.MaxLen after entity
// parsing. Sets StoryID, Headline, HTML, Sources, Topics, Language and
// Published.
func Render(s *briefbot.Story, opt RenderOptions) briefbot.Brief {
	var all strings.Builder
	for _, it := range s.Items {
		all.WriteString(it.Title + "\n" + it.Text + "\n")
	}
	lang := normLang(s.Language, all.String())
	st := styles[lang]
	b := briefbot.Brief{
		StoryID:   s.ID,
		Topics:    append([]string(nil), s.Topics...),
		Language:  lang,
		Published: s.FirstPublished,
	}

	lines := storyLines(s, lang, st)
	texts := make([]string, len(lines))
	pos := make([]int, len(lines))
	for i, l := range lines {
		texts[i], pos[i] = l.text, l.pos
	}
	order, sims := ranking(texts, pos, lang, opt.Corpus)

	used := map[int]bool{}
	// The lead: the best opening sentence of the headline's source, else of
	// any source; a bare quotation needs its speaker first and waits.
	pickLead := func(item int) int {
		if item >= 0 {
			// The headline's source opens with its lead, as wire copy does.
			for i, l := range lines {
				if l.item == item && l.pos <= 1 && !pureQuote(l.text) {
					return i
				}
			}
		}
		for _, i := range order {
			if lines[i].pos <= 1 && (item < 0 || lines[i].item == item) && !pureQuote(lines[i].text) {
				return i
			}
		}
		return -1
	}
	headline, headItem := pickTitle(s, lines, order, lang)
	lead := pickLead(headItem)
	if lead < 0 {
		lead = pickLead(-1)
	}
	if lead < 0 && len(order) > 0 {
		lead = order[0]
	}
	fromLead := false
	if headline == "" {
		headline, fromLead = headlineFallback(s, lines, lead, lang)
	}
	headSrc := -1
	if fromLead {
		headSrc = lead
		used[lead] = true
		lead = -1
		for _, i := range order {
			if !used[i] && sims[i][firstUsed(used)] < 0.5 {
				lead = i
				break
			}
		}
	}
	if lead >= 0 {
		used[lead] = true
	}
	b.Headline = headline

	leadOutlet := ""
	if lead >= 0 {
		leadOutlet = lines[lead].outlet
	}
	outlets := map[string]bool{}
	for _, it := range s.Items {
		outlets[it.Outlet] = true
	}
	show := func(i int) string {
		t := lines[i].text
		if len(outlets) > 1 && lines[i].outlet != "" && lines[i].outlet != leadOutlet {
			t += st.attrib(lines[i].outlet)
		}
		return escapeText(t)
	}
	grams := make([]map[string]bool, len(lines))
	gramsOf := func(i int) map[string]bool {
		if grams[i] == nil {
			grams[i] = bigrams(lines[i].text)
		}
		return grams[i]
	}
	headGrams := bigrams(headline)
	repeats := func(i int) bool {
		tail := tailGrams(lines[i].text, lang)
		for j := range used {
			if sims[i][j] >= 0.35 || overlap(gramsOf(i), gramsOf(j)) >= 0.5 || tail != nil && overlap(tail, gramsOf(j)) >= 0.9 {
				return true
			}
		}
		return overlap(gramsOf(i), headGrams) >= 0.7
	}
	visible := utf8.RuneCountInString(headline)
	if lead >= 0 {
		visible += utf8.RuneCountInString(lines[lead].text)
	}
	take := func(i int) {
		used[i] = true
		visible += utf8.RuneCountInString(lines[i].text)
	}

	var keys []int
	quote, bg := -1, -1
	// Two key facts first, then a quote and the background, then up to two
	// more facts while the brief stays a screenful.
	for _, i := range order {
		if len(keys) == 2 {
			break
		}
		if !used[i] && !repeats(i) && !isQuote(lines[i].text) && background(lines[i].text) == 0 {
			keys = append(keys, i)
			take(i)
		}
	}
	// The quote: from the lead's or the headline's source when it has one,
	// else any that ranks in the better half.
	top := max(6, len(order)/2)
	for pass := 0; pass < 2 && quote < 0; pass++ {
		for r, i := range order {
			if r >= top && pass == 1 {
				break
			}
			if pass == 0 && lines[i].item != headItem && (lead < 0 || lines[i].item != lines[lead].item) {
				continue
			}
			if !used[i] && isQuote(lines[i].text) && !repeats(i) && visible+utf8.RuneCountInString(lines[i].text) <= st.budget {
				quote = i
				take(i)
				break
			}
		}
	}
	// The setting first (先に…, Earlier…, …以来), else any mention of
	// the past; in rank order within each.
	for grade := 2; grade > 0 && bg < 0; grade-- {
		for _, i := range order {
			if !used[i] && background(lines[i].text) == grade && !repeats(i) && visible+utf8.RuneCountInString(lines[i].text) <= st.budget {
				bg = i
				take(i)
				break
			}
		}
	}
	for _, i := range order {
		if len(keys) == 4 {
			break
		}
		if !used[i] && !repeats(i) && !isQuote(lines[i].text) && visible+utf8.RuneCountInString(lines[i].text) <= st.budget {
			keys = append(keys, i)
			take(i)
		}
	}
	keys = byPosition(keys)

	b.Sources = sourcesOf(s, lang)

	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	tag := st.defaultTag
	if len(s.Topics) > 0 {
		tag = s.Topics[0]
		if h := opt.Hashtags[tag]; h != "" {
			tag = h
		}
	}
	tag = strings.Join(strings.Fields(tag), "_")
	tagLine := "#" + escapeText(tag) + "(" + s.FirstPublished.In(loc).Format("060102") + ")"

	leadLine := ""
	if lead >= 0 {
		var head strings.Builder
		head.WriteString(leadFlags(headline, lines[lead].text, 3))
		if isBreaking(s, []int{headItem, lines[lead].item}, lines[lead].text) || lines[lead].breaking || headSrc >= 0 && lines[headSrc].breaking {
			head.WriteString("❗️")
		}
		if head.Len() > 0 {
			head.WriteString(" ")
		}
		leadLine = head.String() + escapeText(lines[lead].text)
	}
	// A channel post that opens with a quote and names the speaker next
	// ("🗨️「…」" then "…が明らかにした。") keeps that order.
	quoteFirst := quote >= 0 && lead >= 0 && lines[lead].pos == 1 && lines[quote].pos == 0 &&
		lines[quote].item == lines[lead].item && pureQuote(lines[quote].text)
	if quoteFirst {
		head := strings.TrimSuffix(leadLine, escapeText(lines[lead].text))
		leadLine = strings.TrimSuffix(head, " ") + withMark("🗨️", show(quote)) + "\n\n" + escapeText(lines[lead].text)
	}
	build := func(keys []int, quote, bgLine int, sources []briefbot.Source) string {
		blocks := []string{"【" + escapeText(headline) + "】"}
		if leadLine != "" {
			blocks = append(blocks, leadLine)
		}
		if quoteFirst {
			quote = -1
		}
		if len(keys) > 0 {
			var ks []string
			for _, i := range keys {
				ks = append(ks, withMark("🔸", show(i)))
			}
			blocks = append(blocks, strings.Join(ks, "\n"))
		}
		if quote >= 0 {
			blocks = append(blocks, withMark("🗨️", show(quote)))
		}
		if bgLine >= 0 {
			blocks = append(blocks, withMark("ℹ️", show(bgLine)))
		}
		if line := sourceLine(sources); line != "" {
			blocks = append(blocks, line+"\n"+tagLine)
		} else {
			blocks = append(blocks, tagLine)
		}
		return strings.Join(blocks, "\n\n")
	}
	out := build(keys, quote, bg, b.Sources)
	// The hard cap: shed 🔸 lines first, then the quote and background,
	// then sources from the end.
	srcs := b.Sources
	for tgtext.VisibleLen(out) > tgtext.MaxLen {
		switch {
		case len(keys) > 0:
			keys = keys[:len(keys)-1]
		case quote >= 0:
			quote = -1
		case bg >= 0:
			bg = -1
		case len(srcs) > 1:
			srcs = srcs[:len(srcs)-1]
		default:
			leadLine = ""
		}
		out = build(keys, quote, bg, srcs)
		if leadLine == "" && len(srcs) <= 1 && keys == nil && quote < 0 && bg < 0 {
			break
		}
	}
	b.HTML = out
	return b
}

// withMark puts a mark before a line, with a space unless the line opens
// with a Japanese quote bracket (🔸「…」, as the channel writes it).
func withMark(mark, text string) string {
	if strings.HasPrefix(text, "「") || strings.HasPrefix(text, "『") {
		return mark + text
	}
	return mark + " " + text
}

func firstUsed(used map[int]bool) int {
	for i := range used {
		return i
	}
	return 0
}

// storyLines collects the usable sentences of every item, cleaned of the
// channel's marks, without exact repeats.
func storyLines(s *briefbot.Story, lang string, st style) []line {
	var out []line
	seen := map[string]bool{}
	// A report's brief does not quote the commentary that joined its story;
	// a story of commentary alone still gets one (it is never pushed).
	opinion := make([]bool, len(s.Items))
	news := 0
	for ii, it := range s.Items {
		if opinion[ii] = Commentary(it.Text, it.Language); !opinion[ii] {
			news++
		}
	}
	for ii, it := range s.Items {
		if opinion[ii] && news > 0 {
			continue
		}
		title := fold(cleanTitle(it.Title))
		pos := 0
		for _, raw := range Sentences(it.Text, lang) {
			t := cleanSentence(raw)
			n := utf8.RuneCountInString(t)
			if n < st.minSentence || n > st.maxSentence || !hasLetter(t) || metaRe.MatchString(t) || n <= 40 && attributionRe.MatchString(t) {
				continue
			}
			if !endsSentence(t, lang) {
				continue // a title or a fragment the source left without an end
			}
			if lang == "ja" && (brokenHeadRe.MatchString(t) || n < 30 && !subjectRe.MatchString(t) || firstPerson(t)) {
				continue // no subject: it leans on a sentence the brief may not show
			}
			last, _ := utf8.DecodeLastRuneInString(t)
			if last == ':' || last == '：' || last == '…' || strings.HasSuffix(t, "...") {
				continue // a list's introduction or a teaser is not a sentence
			}
			k := fold(t)
			if seen[k] || k == title {
				continue
			}
			seen[k] = true
			brk := pos == 0 && breakingRe.MatchString(string([]rune(raw)[:min(utf8.RuneCountInString(raw), 12)]))
			out = append(out, line{text: t, item: ii, pos: pos, outlet: it.Outlet, breaking: brk})
			pos++
		}
	}
	return out
}

// cleanSentence removes the marks a channel post puts around a sentence
// (🔸, ❗️, flags, numbering, 速報:) and trailing emoji; the brief adds its own.
func cleanSentence(s string) string {
	s = stripDateline(strings.TrimSpace(s))
	for {
		trimmed := false
		for _, m := range marks {
			if strings.HasPrefix(s, m) {
				s, trimmed = strings.TrimSpace(s[len(m):]), true
			}
		}
		if !trimmed {
			break
		}
	}
	for {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("「『“«\"'(（【［[", r) {
			break
		}
		s = strings.TrimSpace(s[size:])
	}
	s = stripDateline(s) // after a flag or ❗️ too
	if m := numberingRe.FindString(s); m != "" && len(m) < len(s) {
		s = s[len(m):]
	}
	s = breakingHead.ReplaceAllString(s, "")
	s = connectiveHead.ReplaceAllString(s, "")
	if rest, ok := strings.CutPrefix(s, "また"); ok {
		if r, _ := utf8.DecodeRuneInString(rest); isHan(r) || isKatakana(r) {
			s = rest // "また保安庁は" reads as "保安庁は" on its own line
		}
	}
	s = strings.ReplaceAll(s, "🗣️", "：")
	s = strings.ReplaceAll(s, "🗣", "：")
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || r == 0xFE0F || r == 0x200D
	})
	return s
}

// cleanTitle removes 【】 and decoration from a title.
func cleanTitle(t string) string {
	t = strings.TrimSpace(t)
	for {
		m := titleMarkRe.FindStringIndex(t)
		if m == nil || m[1] == 0 || m[1] == len(t) {
			break
		}
		t = t[m[1]:]
	}
	t = inlineMarkRe.ReplaceAllString(t, "")
	if m := siteSuffixRe.FindStringIndex(t); m != nil && m[0] > 0 {
		t = t[:m[0]]
	}
	// The brief adds its own 【】; any left inside would nest or dangle.
	t = strings.TrimSpace(closeBracketRe.ReplaceAllString(strings.ReplaceAll(t, "【", ""), " "))
	return strings.TrimRightFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || r == 0xFE0F || r == '…'
	})
}

// firstPerson reports a Japanese sentence whose own voice (outside 「」)
// says 私: a commentator's opinion, not a report.
func firstPerson(s string) bool {
	in := protected([]rune(s), "ja")
	for i, r := range []rune(s) {
		if r == '私' && !in[i] {
			return true
		}
	}
	return false
}

// endsSentence reports whether s closes like a sentence of lang.
func endsSentence(s, lang string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if lang == "ja" {
		return strings.ContainsRune("。！？!?」』）)”", r)
	}
	return strings.ContainsRune(".!?\"”»)'’", r)
}

// pureQuote is a sentence that is only a quotation, without its speaker.
func pureQuote(s string) bool {
	f, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("「“«\"", f) && strings.ContainsRune("」”»\"", l)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// pickTitle chooses the best title and its item: the one closest to the
// leads of all the story's items (a title that speaks for one angle of a
// merged story scores low with the others). "" when no item has a usable
// title.
func pickTitle(s *briefbot.Story, lines []line, order []int, lang string) (string, int) {
	type cand struct {
		title string
		item  int
	}
	var cands []cand
	for ii, it := range s.Items {
		t := cleanTitle(it.Title)
		if n := utf8.RuneCountInString(t); n >= 6 && n <= 120 {
			cands = append(cands, cand{t, ii})
		}
	}
	if len(cands) == 0 {
		return "", -1
	}
	// One document per title and per item lead (its first two sentences).
	leads := make([][]string, len(s.Items))
	for _, l := range lines {
		if l.pos <= 1 {
			leads[l.item] = append(leads[l.item], terms(l.text, lang)...)
		}
	}
	var toks [][]string
	for _, c := range cands {
		toks = append(toks, terms(c.title, lang))
	}
	toks = append(toks, leads...)
	vs := vectors(toks, nil)
	best, bestItem, bestScore := "", -1, -1.0
	for ci, c := range cands {
		sc := 0.0
		for li := range leads {
			if li != c.item { // its own lead would vouch for any title
				sc += vs[ci].dot(vs[len(cands)+li])
			}
		}
		if !balanced(c.title) {
			sc /= 2 // a title that lost a bracket on the way reads broken
		}
		if sc > bestScore {
			best, bestItem, bestScore = c.title, c.item, sc
		}
	}
	return best, bestItem
}

// balanced reports whether every quote or bracket in t is closed.
func balanced(t string) bool {
	depth := map[rune]int{}
	for _, r := range t {
		if c, ok := bracketPairs[r]; ok {
			depth[c]++
		} else if o, ok := closerOf[r]; ok {
			if depth[r] == 0 {
				return false
			}
			depth[r]--
			_ = o
		}
	}
	for _, d := range depth {
		if d != 0 {
			return false
		}
	}
	return true
}

// headlineFallback makes a headline when no title will do: the lead
// sentence shortened (its date phrase dropped) or, when it is short, the
// whole sentence (fromLead true: it is not shown again as the lead), or a
// cut title.
func headlineFallback(s *briefbot.Story, lines []line, lead int, lang string) (string, bool) {
	if lead >= 0 {
		full := cleanTitle(strings.TrimRight(lines[lead].text, "。．.!！"))
		if lang == "ja" {
			full = datePhraseRe.ReplaceAllString(full, "${1}、")
		}
		h := shortHeadline(full, lang)
		return h, h == full
	}
	for _, it := range s.Items {
		if t := cleanTitle(it.Title); t != "" {
			// Only a title too long for a headline is left: cut it at a
			// word boundary; a title is not a sentence of the story.
			return shortHeadline(t, lang), false
		}
	}
	return "…", false
}

func cutTitle(t string, n int) string {
	rs := []rune(t)
	if len(rs) <= n {
		return t
	}
	cut := n
	for i := n; i > n/2; i-- {
		if unicode.IsSpace(rs[i]) || unicode.IsPunct(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimSpace(string(rs[:cut]))
}

// isQuote reports a sentence that is, or mostly is, someone's own words.
func isQuote(s string) bool {
	rs := []rune(s)
	if len(rs) == 0 {
		return false
	}
	if strings.ContainsRune("「“«\"", rs[0]) {
		// 「クモの巣作戦」と呼ばれた…: a name in brackets opens the
		// sentence, not someone's words.
		if c := closerOf0(rs); c < 0 || c == len(rs)-1 || c >= 11 {
			return true
		}
	}
	inside, depth := 0, 0
	for _, r := range rs {
		switch r {
		case '「', '“', '«':
			depth++
		case '」', '”', '»':
			if depth > 0 {
				depth--
			}
		default:
			if depth > 0 {
				inside++
			}
		}
	}
	return inside >= 20 && inside*10 >= len(rs)*5
}

// isBreaking: an urgent feed, a breaking label on the raw title of the
// headline's or the lead's source (cleanTitle has dropped it from the
// headline), or a breaking mark opening the lead.
// closerOf0 is the index of the bracket closing rs[0], or -1.
func closerOf0(rs []rune) int {
	in := protected(rs, "")
	for i := 1; i < len(rs); i++ {
		if !in[i] {
			if _, ok := closerOf[rs[i]]; ok || rs[i] == '"' {
				return i
			}
			return -1 // never closed
		}
	}
	return -1
}

func isBreaking(s *briefbot.Story, items []int, lead string) bool {
	for _, it := range s.Items {
		if it.Urgent {
			return true
		}
	}
	for _, i := range items {
		if i >= 0 && i < len(s.Items) && breakingRe.MatchString(strings.TrimSpace(s.Items[i].Title)) {
			return true
		}
	}
	return breakingRe.MatchString(lead)
}

// overlap is the share of the shorter text's character bigrams found in the
// other: near-repeats across outlets differ in endings, not in substance.
// tailGrams are the bigrams of a Japanese sentence's last clause (after its
// last 、 outside brackets) when that clause is long enough to say
// something: a sentence that ends by repeating what the brief already says
// ("…と指摘し、プーチン大統領に対し、…停戦に応じるよう求めました") reads
// as a repeat, whatever it adds first. nil otherwise.
func tailGrams(s, lang string) map[string]bool {
	if lang != "ja" {
		return nil
	}
	rs := []rune(s)
	in := protected(rs, lang)
	for i := len(rs) - 1; i > 0; i-- {
		if rs[i] == '、' && !in[i] {
			if tail := rs[i+1:]; len(tail) >= minTailClause {
				return bigrams(string(tail))
			}
			return nil
		}
	}
	return nil
}

// minTailClause is the shortest last clause tailGrams compares, in runes.
const minTailClause = 15

func overlap(x, y map[string]bool) float64 {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return 0
	}
	n := 0
	for k := range x {
		if y[k] {
			n++
		}
	}
	return float64(n) / float64(len(x))
}

// bigrams are the character bigrams of a text's matching form.
func bigrams(s string) map[string]bool {
	rs := []rune(fold(s))
	m := map[string]bool{}
	for i := 0; i+1 < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) && !unicode.IsPunct(rs[i]) {
			m[string(rs[i:i+2])] = true
		}
	}
	return m
}

// linkText is an <a> around text when rawURL is a web link, else the text.
func linkText(rawURL, text string) string {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return text
	}
	return `<a href="` + escapeAttr(rawURL) + `">` + text + `</a>`
}
