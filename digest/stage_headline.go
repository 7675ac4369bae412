package digest

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// A title that is no headline: a caption pointing at what follows
	// (👇, ⬇️), a question put to someone (🎤質問です), a social account's
	// page ("平和ウォッチ (@peacewatch_jp) / X").
	captionRe = regexp.MustCompile(`👇|⬇|↓|🎤|🐸|^質問|\(@\w+\)|[:：]$`)
	// Speculative titles lose to settled ones when reports join: 近く電話会談
	// か, 調整へ, 見通し, "may", "could", "reportedly", могут, возможно.
	speculativeRe = regexp.MustCompile(`(?:か|かも|も|見通し|調整へ|可能性|公算|模様)[\s　]*$|か[\s　]|[?？]|(?i:\b(?:may|might|could|reportedly|likely|expected to)\b|(?:может|могут|могли|возможно|вероятно))`)
	// A speaking head: "🇷🇺ペスコフ氏🗣️この犯罪を…".
	speechHeadRe = regexp.MustCompile(`^(?:[^\p{L}\p{N}]*)([^🗣]{2,20}?)🗣\x{FE0F}?(.+)$`)
)

// asksReader reports an English or Russian title that opens with a
// question ("What does the ruling mean? …", "Почему закрыли мост?"): an
// explainer's or a tease's, which names no event; the headline is made
// from the story's sentences instead. A Japanese title ending in ？ is
// mostly a report not yet settled (…停戦合意か？) and stays a candidate.
func asksReader(t, lang string) bool {
	if lang == "ja" {
		return false
	}
	i := strings.IndexAny(t, "?？")
	return i > 0 && wh.MatchString(t[:i])
}

// wh is a question's opening word in English and Russian.
var wh = regexp.MustCompile(`(?i)^(?:what|why|how|who|whom|whose|which|when|where|will|would|can|could|should|does|do|did|is|are|was|were|has|have|что|почему|зачем|как|кто|какой|какая|какие|каким|когда|где|куда|сколько|чем|чего|неужели|будет ли|может ли)(?:[^\p{L}]|$)`)

// isSpeculative reports a speculative title, its "=X" attribution aside
// (…近いうちに宇軍に納入の可能性=独国防相).
func isSpeculative(t string) bool {
	if i := strings.LastIndexAny(t, "=＝"); i > 0 {
		t = t[:i]
	}
	return speculativeRe.MatchString(t)
}

// titleCand is a headline candidate.
type titleCand struct {
	text        string
	item        int
	speculative bool
	broken      bool // a bracket left open on the way
	// quoted: the title is only someone's words and who said them
	// (「…」=X, "X: «…»"): it tells what was said, not what happened.
	quoted bool
}

// stageHeadline chooses the headline: the title that speaks for the whole
// story (closest to the other reports' leads), a settled one before a
// speculative one, and never an outlet's name, a caption, a cut-off
// sentence or emoji; else one made from the best opening sentence. An
// opinion-only story's headline says it is opinion.
func (d *draft) stageHeadline() {
	cands := d.titleCands()
	best := d.bestTitle(cands)
	if best < 0 {
		d.headlineFromLines()
		if d.headline == "" {
			d.headlineOfLastResort()
		}
	} else {
		c := cands[best]
		d.headline, d.headItem = c.text, c.item
		if c.speculative {
			d.settledFromLines()
		}
	}
	if d.opinionOnly && d.headline != "" && !opinionLabelRe.MatchString(d.headline) {
		d.headline = opinionLabel[d.lang] + d.headline
	}
}

// opinionLabel marks an opinion-only brief's headline.
var opinionLabel = map[string]string{"ja": "論評：", "en": "Opinion: ", "ru": "Мнение: "}

// opinionLabelRe is a title that already says it is opinion.
var opinionLabelRe = regexp.MustCompile(`(?i)^(?:社説|論説|論評|主張|コラム|寄稿|opinion|editorial|column|commentary|analysis|мнение|колонка|комментарий)\s*[:：]`)

// quotedPenalty ranks a title that only quotes below every title that
// tells the event (scores are dot products of unit vectors, at most the
// number of items) and above every speculative one.
const quotedPenalty = 1e3

// quoteTitle reports a title that is only a quotation with its speaker:
// 「…」=X, X「…」, "X: «…»", “…” - X.
func quoteTitle(t string) bool {
	t = strings.TrimSpace(t)
	if i := strings.LastIndexAny(t, "=＝"); i > 0 {
		t = strings.TrimSpace(t[:i])
	}
	if sp := speakerPrefix(t); sp != "" {
		t = strings.TrimSpace(t[len(sp):])
		t = strings.TrimSpace(strings.TrimLeft(t, ":："))
	}
	if i := strings.LastIndex(t, " - "); i > 0 {
		t = t[:i]
	}
	if open := strings.IndexAny(t, "「“«\""); open > 0 && utf8.RuneCountInString(t[:open]) <= maxSpeakerRunes && !strings.ContainsAny(t[:open], "、 ") {
		t = t[open:] // X「…」
	}
	return pureQuote(t)
}

// titleCands are the headline candidates the items' titles give.
func (d *draft) titleCands() []titleCand {
	var out []titleCand
	for _, ii := range d.read {
		if d.op[ii] != d.opinionOnly {
			continue
		}
		if c, ok := d.titleOf(ii); ok {
			out = append(out, c)
		}
	}
	return out
}

// titleOf makes an item's title a headline, or says it cannot be one.
func (d *draft) titleOf(ii int) (titleCand, bool) {
	it := d.s.Items[ii]
	raw := strings.TrimSpace(bidiRe.ReplaceAllString(it.Title, ""))
	if raw == "" || captionRe.MatchString(strings.TrimRight(raw, "】 　")) && !strings.HasPrefix(raw, "【") {
		return titleCand{}, false
	}
	if m := speechHeadRe.FindStringSubmatch(strings.Trim(raw, "【】")); m != nil {
		// "ペスコフ氏🗣️この犯罪を…" → "「この犯罪を…」=ペスコフ氏".
		raw = quoteHeadline(dropEmoji(m[1]), dropEmoji(m[2]), d.lang)
	}
	t := strings.TrimSpace(dropEmoji(cleanTitle(raw)))
	if t == "" || isLabel(t) || siteLike(t, it.URL) || fold(t) == fold(it.FeedName) || fold(t) == fold(it.Outlet) || captionRe.MatchString(t) || asksReader(t, d.lang) {
		return titleCand{}, false
	}
	c := titleCand{text: t, item: ii, broken: !balanced(t)}
	if l, ok := d.cutFrom(ii, t); ok {
		// A feed that cut its title mid-word: the sentence it was cut
		// from, shortened, keeping an attribution it had.
		speaker := titleSpeaker(t)
		h, _ := d.sentenceHeadline(d.lines[l].text)
		if speaker != "" && utf8.RuneCountInString(h+"="+speaker) <= headlineRunes[d.lang] {
			h += "=" + speaker
		}
		c.text = h
	} else if strings.HasSuffix(strings.TrimSpace(it.Title), "…") || strings.HasSuffix(it.Title, "...") {
		return titleCand{}, false // cut, and no sentence of the item begins with it
	}
	if n := utf8.RuneCountInString(c.text); n > headlineRunes[d.lang] {
		c.text = fitTitle(c.text, d.lang)
	}
	if n := utf8.RuneCountInString(c.text); n < minHeadlineRunes[d.lang] || n > headlineRunes[d.lang] {
		return titleCand{}, false
	}
	c.speculative = isSpeculative(c.text)
	c.quoted = quoteTitle(c.text)
	return c, true
}

// cutFrom finds the line of item ii whose opening the title is, cut
// mid-sentence ("…国際法違" for "…国際法違反のテロ行為だと非難し…"); ok
// is false for a whole title.
func (d *draft) cutFrom(ii int, title string) (int, bool) {
	t := fold(strings.TrimRight(title, "…. "))
	if i := strings.LastIndexAny(t, "=＝"); i > 0 {
		t = t[:i]
	}
	if utf8.RuneCountInString(t) < minHeadlineRunes[d.lang] {
		return -1, false
	}
	for i, l := range d.lines {
		if l.item != ii {
			continue
		}
		f := fold(l.text)
		if len(f) > len(t)+3 && strings.HasPrefix(f, t) {
			return i, true
		}
	}
	return -1, false
}

// fitTitle shortens a title too long for a headline: the main title before
// a subtitle's dash (…上方修正－データセンター投資は…) when it fits, else
// whole phrases (a title separates them with spaces, 　 or a 、 after a
// word, not after a particle) while they fit, else the title read as a
// sentence.
func fitTitle(t, lang string) string {
	limit := headlineRunes[lang]
	rs := []rune(t)
	in := protected(rs, lang)
	for _, boundary := range []func(i int) bool{
		func(i int) bool { return lang == "ja" && (rs[i] == '－' || rs[i] == '―') },
		func(i int) bool {
			return rs[i] == '　' || lang == "ja" && rs[i] == ' ' || rs[i] == '、' && !strings.ContainsRune("はがをにでとのもへや", rs[i-1])
		},
	} {
		for i := min(limit, len(rs)-1); i >= minHeadlineRunes[lang]; i-- {
			if !in[i] && boundary(i) {
				return strings.TrimSpace(string(rs[:i]))
			}
		}
	}
	h, _ := shortHeadline(t, lang)
	return h
}

// bestTitle is the index of the candidate that speaks for the whole story:
// the one closest to the leads of the other items (a title of one angle of
// a merged story scores low with the others), a settled title before any
// speculative one, one that tells the event (米ロ首脳が電話会談 捕虜500人
// ずつの交換を支持) before one that only quotes (「長く、非常に生産的な
// 会談だった」=トランプ米大統領), a title that lost a bracket last; -1 for
// none.
func (d *draft) bestTitle(cands []titleCand) int {
	if len(cands) == 0 {
		return -1
	}
	// One document per title and per item lead (its first two lines).
	leadOf := map[int][]string{}
	for _, l := range d.lines {
		if l.pos <= 1 {
			leadOf[l.item] = append(leadOf[l.item], terms(l.text, d.lang)...)
		}
	}
	var toks [][]string
	for _, c := range cands {
		toks = append(toks, terms(c.text, d.lang))
	}
	items := slices.Sorted(maps.Keys(leadOf)) // one order every run: the sums below are of floats
	for _, it := range items {
		toks = append(toks, leadOf[it])
	}
	vs := vectors(toks, nil)
	// The sum of the leads: a title's score is its dot product with every
	// lead but its own item's, which would vouch for any title; summed
	// first, this is linear in the number of items.
	sum := vec{}
	own := map[int]vec{}
	for k, it := range items {
		v := vs[len(cands)+k]
		own[it] = v
		for t, w := range v {
			sum[t] += w
		}
	}
	best, bestScore := -1, 0.0
	for ci, c := range cands {
		sc := vs[ci].dot(sum) - vs[ci].dot(own[c.item])
		if c.broken {
			sc /= 2
		}
		if c.quoted {
			sc -= quotedPenalty // a title that tells the event first
		}
		if c.speculative {
			sc -= 1e6 // any settled title first
		}
		if best < 0 || sc > bestScore {
			best, bestScore = ci, sc
		}
	}
	return best
}

// headlineFromLines makes the headline from an opening sentence when no
// title will do: the best one that gives a whole headline (no clause cut
// off), else the best one cut. A sentence that is the headline whole is not
// shown again as the lead (sameAsHeadline); one shortened still is, in
// full, under its headline. A sentence in which the outlet names itself
// (…はAFPの取材に語った, told Reuters) tells how the copy was got, not
// the event: the 📰 line names the outlet.
func (d *draft) headlineFromLines() {
	first := ""
	for _, i := range d.order {
		l := d.lines[i]
		if l.pos > maxLeadPos || l.leans || l.pure && l.speaker == "" || selfNamed(l.text) != "" {
			continue
		}
		h, whole := d.sentenceHeadline(l.text)
		if q := d.speakerHeadline(l); q != "" {
			h, whole = q, true
		}
		if n := utf8.RuneCountInString(h); n < minHeadlineRunes[d.lang] || n > headlineRunes[d.lang] {
			continue
		}
		if whole {
			if short, ok := d.shorterHeadline(h, l); ok {
				h = short // the lead is shown under it, with its flags
			}
			d.headline, d.headItem, d.headLine = h, l.item, i
			return
		}
		if first == "" {
			first, d.headItem = h, l.item
		}
	}
	if first == "" && len(d.order) > 0 {
		l := d.lines[d.order[0]]
		first, _ = d.sentenceHeadline(l.text)
		d.headItem = l.item
	}
	d.headline = first
}

// settledFromLines replaces a speculative title (米ロ首脳、近く電話会談か)
// with a headline made from the opening sentence of a report whose title
// is settled or missing (a quoted block often has none), when one makes a
// whole headline that is itself settled: what was expected has happened.
func (d *draft) settledFromLines() {
	spec := d.headItem
	for pos := 0; pos <= 1; pos++ {
		for _, i := range d.order {
			l := d.lines[i]
			if l.pos != pos || l.leans || l.pure || l.item == spec {
				continue
			}
			if c, ok := d.titleOf(l.item); ok && c.speculative {
				continue
			}
			h, whole := d.sentenceHeadline(l.text)
			if n := utf8.RuneCountInString(h); whole && n >= minHeadlineRunes[d.lang] && n <= headlineRunes[d.lang] && !isSpeculative(h) {
				d.headline, d.headItem = h, l.item
				return
			}
		}
	}
}

// shorterHeadline is a headline made from a sentence that would be the
// headline whole: its subject and main clause, short enough that the
// sentence is still worth showing as the lead (政府は、ロシアに対する…制裁
// を1年延長することを決めた → 政府、日本独自の制裁を1年延長することを決めた);
// ok is false when the story has another line to lead with, or no such
// form fits.
func (d *draft) shorterHeadline(h string, l line) (string, bool) {
	for _, o := range d.lines {
		if o.item != l.item || o.text != l.text {
			return "", false // the brief has more to show than this sentence
		}
	}
	n := utf8.RuneCountInString(h)
	short, whole := shortHeadline(h, d.lang, n*shortHeadlineTenths/10)
	if m := utf8.RuneCountInString(short); !whole || m < minHeadlineRunes[d.lang] || m >= n {
		return "", false
	}
	return short, true
}

// shortHeadlineTenths (tenths) is how long a headline made from the lead
// may be: shorter than four fifths of it, so that it does not read as the
// lead twice.
const shortHeadlineTenths = 7

// speakerHeadline is the channel's headline of a Japanese line that
// reports someone's words ("…ドミトリー・ペスコフが「この犯罪を…」と語った"):
// the words' first sentence and who said them, 「…」=ペスコフ; "" when the
// line is no such report or the headline would not fit.
func (d *draft) speakerHeadline(l line) string {
	if d.lang != "ja" || !l.quote || l.speaker == "" || speakerPrefix(l.text) != "" {
		return ""
	}
	rs := []rune(l.text)
	open := strings.IndexRune(l.text, '「')
	if open < 0 {
		return ""
	}
	i := utf8.RuneCountInString(l.text[:open])
	c := closerOf0(rs[i:])
	if c < 0 {
		return ""
	}
	sp := l.speaker
	if k := strings.LastIndex(sp, "の"); k >= 0 {
		sp = sp[k+len("の"):] // "ロシア外務省のザハロワ報道官" → "ザハロワ報道官"
	}
	h := quoteHeadline(sp, string(rs[i+1:i+c]), d.lang)
	if n := utf8.RuneCountInString(h); n > headlineRunes[d.lang] || n < minHeadlineRunes[d.lang] {
		return ""
	}
	return h
}

// headlineOfLastResort is for a story with no sentence a brief can show:
// its first title, emoji and marks removed, else its first words.
func (d *draft) headlineOfLastResort() {
	for _, ii := range d.read {
		it := d.s.Items[ii]
		for _, t := range append([]string{it.Title}, Sentences(it.Text, d.lang)...) {
			if t = dropEmoji(cleanTitle(t)); hasLetter(t) {
				d.headline, _ = shortHeadline(strings.TrimRight(t, "。．."), d.lang)
				d.headItem = ii
				return
			}
		}
	}
}

// sentenceHeadline makes a headline of a sentence: a speaking head
// "X：…" as "「…」=X", else the sentence without its date phrase,
// shortened to fit; whole is false when a clause had to be cut. Of a line
// that holds two Japanese sentences (…行方不明となっている。当局が明らか
// にした。) only the first tells the event.
func (d *draft) sentenceHeadline(s string) (string, bool) {
	if d.lang == "ja" {
		rs := []rune(s)
		in := protected(rs, "ja")
		for i, r := range rs {
			if r == '。' && !in[i] && i+1 < len(rs) {
				s = string(rs[:i])
				break
			}
		}
	}
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune("。．.!！", r) || unicode.IsSpace(r) })
	if sp := speakerPrefix(s); sp != "" && d.lang == "ja" {
		if h := quoteHeadline(sp, strings.TrimSpace(s[len(sp)+len("："):]), d.lang); utf8.RuneCountInString(h) <= headlineRunes[d.lang] {
			return h, true
		}
	}
	full := cleanTitle(s)
	if d.lang == "ja" {
		full = datePhraseRe.ReplaceAllString(full, "${1}、")
		full = placeDateRe.ReplaceAllString(full, "${1}")
	}
	return shortHeadline(full, d.lang)
}

// quoteHeadline is the channel's headline of someone's words: 「…」=X in
// Japanese, "X: …" otherwise.
func quoteHeadline(speaker, words, lang string) string {
	words = strings.TrimRight(strings.TrimSpace(words), "。．.")
	if lang == "ja" {
		if i := strings.Index(words, "。"); i > 0 {
			words = words[:i] // its first sentence
		}
		return "「" + strings.Trim(words, "「」") + "」=" + strings.TrimSpace(speaker)
	}
	return strings.TrimSpace(speaker) + ": " + words
}

// cutTitle cuts t to at most n runes at the last space or punctuation.
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
