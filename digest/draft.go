package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot"
)

// A brief is written in stages over one draft: the candidate sentences of
// the story (this file), then its headline, lead, key facts, quote,
// background and sources (stage_*.go), then the HTML (render.go). Each
// stage reads what the earlier ones chose and fills in its own part.

// maxRanked is how many sentences of one story are ranked, and how many of
// its items (the first to join) are read for them: PageRank and the
// repeat checks are quadratic in it, and a story of 4,000 templated items
// must render in well under a second while the pipeline waits. Every
// item's lead comes first, then the second sentences and so on, so 200
// covers a story of a dozen reports whole. Later items still count among
// the sources.
const maxRanked = 200

// line is one candidate sentence of a brief.
type line struct {
	text string // as shown: cleaned, its subject put back when it had dropped it
	// own is the sentence's own words, before a subject or an attribution
	// was added: what ranking and the repeat checks compare (an added
	// "露国防省によると、" would make every claim of one post alike).
	own      string
	item     int // index into Story.Items
	pos      int // place among the item's candidate lines (0: its lead)
	seq      int // place among all the item's sentences (what follows what)
	outlet   string
	breaking bool   // the source marked it 速報/BREAKING
	mark     string // the channel's mark on the source line (🔸, ℹ, 🗨, ❗, — for a list item) or ""
	// leans: its subject is missing or points back (そのうえで, He, Он) and
	// could not be put back; it may follow only the sentence before it.
	leans   bool
	named   bool   // names who speaks or acts, outside any quotation
	speaker string // for a quotation, who speaks ("" when unknown)
	quote   bool   // someone's own words
	pure    bool   // only a quotation, without its speaker in the sentence
	claimBy string // whose claim it is when the report does not say so in it
}

// draft is a brief being written.
type draft struct {
	s     *briefbot.Story
	opt   RenderOptions
	lang  string // language of the text shown
	st    style
	items []int        // the items in the brief's language (Story.Items indexes), its sources
	langs []string     // each item's language (itemLang), read once
	read  []int        // the first maxRanked of them: the ones its lines come from
	op    map[int]bool // items that are opinion
	// opinionOnly: every item is opinion; the brief says whose view it is
	// and passes none of it off as news.
	opinionOnly bool
	lines       []line
	sentences   int               // the sentences of the items read, kept or not, those inside quotations too
	order       []int             // lines by rank, best first
	sims        [][]float64       // TF-IDF cosine between lines
	sigs        []*factSig        // paraphrase signatures, filled on demand
	grams       []map[string]bool // shingles of each line, filled on demand
	bgs         []int             // background grades, bgUnknown until asked
	speculative map[int]bool      // items with a speculative title, filled on demand
	headGrams   map[string]bool   // the headline's shingles, for headGramsOf
	headGramsOf string

	headline   string
	headItem   int // item the headline came from, -1
	headLine   int // line the headline was made from, -1 (a title's: none)
	lead       int // line index, -1
	facts      []int
	quote      int
	bg         int
	flags      string
	breaking   bool
	sources    []briefbot.Source
	sourceLine string // the 📰 line's entries, HTML
}

// newDraft gathers and ranks the candidate sentences of a story for the
// language asked (RenderOptions.Language, else the story's own).
func newDraft(s *briefbot.Story, opt RenderOptions) *draft {
	d := &draft{s: s, opt: opt, headItem: -1, headLine: -1, lead: -1, quote: -1, bg: -1, op: map[int]bool{}, speculative: map[int]bool{}}
	d.chooseItems()
	d.st = styles[d.lang]
	d.collect()
	texts := make([]string, len(d.lines))
	pos := make([]int, len(d.lines))
	for i, l := range d.lines {
		texts[i], pos[i] = l.own, l.pos
	}
	d.order, d.sims = ranking(texts, pos, d.lang, opt.Corpus)
	d.sigs = make([]*factSig, len(d.lines))
	d.grams = make([]map[string]bool, len(d.lines))
	d.bgs = make([]int, len(d.lines))
	for i := range d.bgs {
		d.bgs[i] = bgUnknown
	}
	return d
}

// itemLang is the language of one item's text.
func itemLang(it briefbot.Item) string {
	return normLang(it.Language, it.Title+"\n"+it.Text)
}

// chooseItems picks the items in the brief's language (all of them when
// none is) and tells opinion from news among those read. A huge story's
// own language is judged from its first maxRanked items: a templated flood
// is one language.
func (d *draft) chooseItems() {
	want := d.opt.Language
	if _, ok := styles[want]; !ok {
		want = "" // a language the brief is not written in: the story's own
	}
	if want == "" {
		var all strings.Builder
		for i, it := range d.s.Items {
			if i == maxRanked {
				break
			}
			all.WriteString(it.Title + "\n" + it.Text + "\n")
		}
		want = normLang(d.s.Language, all.String())
	}
	d.lang = want
	d.langs = make([]string, len(d.s.Items))
	for i, it := range d.s.Items {
		d.langs[i] = itemLang(it)
		if d.langs[i] == want {
			d.items = append(d.items, i)
		}
	}
	if len(d.items) == 0 {
		// No report in that language: the brief tells the story in the
		// language of its reports, under the language asked.
		for i := range d.s.Items {
			d.items = append(d.items, i)
		}
		if len(d.s.Items) > 0 {
			d.lang = d.langs[0]
		}
	}
	d.read = d.items[:min(len(d.items), maxRanked)]
	news := 0
	for _, i := range d.read {
		// The scheduler judged each item when it was fetched (Opinion), with
		// its title and link, which the text alone may not show.
		if d.s.Items[i].Opinion {
			d.op[i] = true
		} else {
			news++
		}
	}
	d.opinionOnly = news == 0 && len(d.read) > 0
}

// collect takes the candidate sentences, at most maxRanked: every item's
// lead first, then every item's second sentence, and so on. Items are
// split only as far as that needs.
func (d *draft) collect() {
	per := map[int][]line{}
	seen := map[string]bool{}
	for _, ii := range d.read {
		if d.op[ii] != d.opinionOnly {
			continue // a report's brief quotes no opinion
		}
		seen[fold(cleanTitle(d.s.Items[ii].Title))] = true
	}
	for pos := 0; len(d.lines) < maxRanked; pos++ {
		more := false
		for _, ii := range d.read {
			if d.op[ii] != d.opinionOnly {
				continue
			}
			ls, ok := per[ii]
			if !ok {
				ls = d.itemLines(ii)
				per[ii] = ls
			}
			if pos >= len(ls) {
				continue
			}
			more = true
			l := ls[pos]
			k := fold(l.text)
			if seen[k] {
				continue
			}
			seen[k] = true
			d.lines = append(d.lines, l)
			if len(d.lines) == maxRanked {
				break
			}
		}
		if !more {
			break
		}
	}
	// Lines are kept grouped by item and in order within it: a brief's
	// facts read in the order their source told them.
	sortLines(d.lines)
}

// sortLines orders lines by item (as the story lists them), then by place.
func sortLines(ls []line) {
	for i := 1; i < len(ls); i++ {
		for j := i; j > 0 && (ls[j].item < ls[j-1].item || ls[j].item == ls[j-1].item && ls[j].seq < ls[j-1].seq); j-- {
			ls[j], ls[j-1] = ls[j-1], ls[j]
		}
	}
}

// itemLines reads one item's sentences into candidate lines: the channel's
// marks removed, filler, questions and fragments dropped, a dropped subject
// put back, a party's claims attributed, a quotation's speaker found.
func (d *draft) itemLines(ii int) []line {
	it := d.s.Items[ii]
	lang := d.langs[ii]
	st := styles[lang]
	claimant := ""
	if hasChannelMarks(it.Text) {
		claimant = titleSpeaker(cleanTitle(it.Title))
	}
	var (
		out      []line
		seq      int
		topic    string          // the last Japanese subject named
		person   string          // the last person named (en, ru)
		namedIn  string          // the sentence that named person
		listBy   string          // the speaker a list's introduction named
		speechBy string          // a 🗣 paragraph's speaker
		quoting  string          // the author of a statement quoted in full
		prev     string          // the sentence before
		before   strings.Builder // the item's text so far
		asked    bool            // the line before was a question of an interview
	)
	interviewee := speakerPrefix(cleanTitle(it.Title)) // "Песков: сроки…"
	paras, answers := pairAnswers(strings.Split(it.Text, "\n\n"), lang, func() string {
		if interviewee != "" {
			return interviewee
		}
		// "Пресс-секретарь … Дмитрий Песков ответил на вопросы журналистов…"
		if ss := Sentences(it.Text, lang); len(ss) > 0 {
			return leadSubject(cleanSentence(ss[0]), lang)
		}
		return ""
	})

	for p, para := range paras {
		speechBy = quoting
		paraMark := ""
		raws := Sentences(para, lang)
		if answers[p] != "" {
			raws = []string{para} // one reported question and answer
		}
		for _, raw := range raws {
			if seq > 0 {
				before.WriteString(prev + "\n")
			}
			seq++
			d.sentences += 1 + innerStops(raw)
			t, mark := cleanMarks(raw)
			if quoting != "" {
				t = unwrapQuote(t)
				speechBy = quoting
			} else if by := statementBy(t, prev, lang); by != "" {
				quoting = by
				if lang != "ja" {
					prev = t
					continue // "Приводим его полностью.", "The following is the text of…": it frames, not tells
				}
			}
			prev = t
			if mark == "" && paraMark != "—" {
				mark = paraMark // a channel's line is its paragraph: its mark covers it all
			}
			paraMark = mark
			inSpeech := speechBy != ""
			if strings.Contains(raw, "🗣") {
				speechBy, inSpeech = speakerPrefix(t), false
			}
			n := utf8.RuneCountInString(t)
			if n == 0 || !hasLetter(t) {
				continue
			}
			last, _ := utf8.DecodeLastRuneInString(t)
			if last == ':' || last == '：' {
				// A list's introduction: "Ушаков — о разговоре:",
				// "Он перечислил основные итоги беседы:".
				listBy = introSpeaker(t, lang, person, topic)
				continue
			}
			if mark == "—" || numberingRe.MatchString(strings.TrimSpace(raw)) {
				// A list item is a sentence: "— беседа длилась…;".
				t = upperFirst(strings.TrimRight(t, ";,；、"))
				if !endsSentence(t, lang) {
					t += map[bool]string{true: "。", false: "."}[lang == "ja"]
				}
			} else {
				listBy = ""
			}
			answer := asked && (mark == "—" || mark == "・")
			asked = false
			if question(t) {
				asked = mark == "—" // "— Обсуждалось ли…?": the answer follows
				continue
			}
			if intro.MatchString(t) {
				listBy = introSpeaker(t, lang, person, topic)
			}
			if filler(t, lang) || last == '…' || strings.HasSuffix(t, "...") {
				continue
			}
			if answer {
				// An interview's answer is the interviewee's words, to the
				// end of its paragraph.
				if interviewee == "" {
					continue
				}
				speechBy = interviewee
				if yesNoRe.MatchString(t) {
					continue // "Нет, до этого…" answers a question the brief does not show
				}
			}
			if k := len(out) - 1; attributes(t, lang) && !(k >= 0 && out[k].pure) {
				// "ウシャコフ露大統領補佐官が記者団に明らかにした。": it
				// attributes the sentence before; shown with it. After a
				// speaking head's words it says where they were said, and
				// stands as a line of its own.
				if p := ruSurname(t); lang == "ru" && p != "" {
					person, namedIn = p, t
				}
				if k >= 0 && out[k].seq == seq-1 && !says(out[k].text, lang) {
					out[k].text += map[bool]string{true: "", false: " "}[lang == "ja"] + t
					out[k].named = true
					continue
				}
				if k < 0 || speakerPrefix(out[k].text) == "" {
					continue
				}
			}
			if n < st.minSentence || n > st.maxSentence || !endsSentence(t, lang) {
				continue // a title or a fragment the source left without an end
			}
			if lang == "ja" && brokenHeadRe.MatchString(t) || !d.opinionOnly && !inSpeech && speechBy == "" && ownFirstPerson(t, lang) {
				continue // a fragment, or the writer's own voice
			}
			l := line{text: t, own: t, item: ii, seq: seq, outlet: it.Outlet, mark: mark}
			l.breaking = len(out) == 0 && breakingRe.MatchString(string([]rune(raw)[:min(utf8.RuneCountInString(raw), 12)]))
			switch {
			case speechBy != "":
				// A speaking head's paragraph, an interview's answer: all of
				// it is the speaker's words, shown with the speaker.
				if speakerPrefix(l.text) == "" {
					if lang == "ja" {
						_, l.text = leadingConnective(l.text) // ただ、商船の… : the speaker's, not a line before
					}
					l.text = speechBy + map[bool]string{true: "：", false: ": "}[lang == "ja"] + l.text
				}
			case lang == "ja":
				topic = completeJA(&l, topic, &before)
			default:
				if p := completeEnRu(&l, lang, person, namedIn); p != person {
					person, namedIn = p, l.text
				}
			}
			l.quote = isQuote(l.text)
			l.pure = pureQuote(l.text)
			l.named = l.named || speechBy != "" || named(l.text, lang)
			if a := answers[p]; a != "" {
				// An answer reported with its question is what the
				// interview tells: a fact, its speaker named.
				l.quote, l.named, l.own = false, true, a
			}
			if l.quote {
				l.speaker = quoteSpeaker(l.text, lang)
				if l.speaker == "" && speechBy != "" {
					l.speaker = speechBy
				}
			}
			// A party's claims keep their speaker: the lines of a channel post
			// headed "…=X", the items of a list "X said:".
			by := listBy
			if by == "" && claimant != "" && (p == 0 || mark == "🔸" || mark == "❗" || mark == "🗨") {
				by = claimant // its lead and its marked lines; the rest is the channel's context
			}
			if by != "" && !l.quote {
				l.claimBy = by
			}
			out = append(out, l)
		}
	}
	// A pure quotation and the sentence after it that says "…はこう述べ
	// た" ("X said this") are one sentence: "…は「…」と述べた".
	// The other order: "…は、自身のSNSにこう投稿した。" then 🗨️「…」.
	for i := 0; i+1 < len(out); i++ {
		if lang != "ja" || !out[i+1].pure || out[i+1].seq != out[i].seq+1 {
			continue
		}
		t := out[i].text
		if m := jaThusRe.FindStringIndex(t); m != nil && !strings.ContainsAny(t, "「」") {
			out[i].text = t[:m[0]] + out[i+1].text + "と" + t[m[0]+len("こう"):]
			out[i].quote, out[i].named, out[i].own = true, true, out[i].text
			out[i].speaker = quoteSpeaker(out[i].text, lang)
			out = append(out[:i+1], out[i+2:]...)
		}
	}
	for i := 0; i+1 < len(out); i++ {
		if gap := out[i+1].seq - out[i].seq; gap < 1 || gap > maxSaidGap {
			continue
		}
		t := out[i+1].text // who said it, perhaps
		f := i             // the line its words are taken from
		words := out[i].text
		if sp := speakerPrefix(words); sp != "" && lang == "ja" {
			// A speaking head's words: "ペスコフ氏：…報告済みだ。" then
			// "…報道官が、記者団の質問にこう答えた。" After a paragraph of
			// them, who said it goes with its first sentence, the one the
			// others follow on: each of those keeps the speaking head.
			for f > 0 && speakerPrefix(out[f-1].text) == sp && out[f-1].seq == out[f].seq-1 {
				f--
			}
			words = "「" + strings.TrimRight(strings.TrimPrefix(out[f].text[len(sp):], "："), "。") + "」"
		} else if !out[i].pure {
			continue
		}
		merged := ""
		if m := jaThusRe.FindStringIndex(t); m != nil {
			merged = t[:m[0]] + words + "と" + t[m[0]+len("こう"):]
		} else if m := jaToldRe.FindStringSubmatchIndex(t); m != nil {
			// "…ピストリウス国防相が明らかにした。" → "…国防相が「…」と明らかにした。"
			merged = t[:m[2]] + words + "と" + t[m[2]:]
		}
		if merged != "" {
			out[f].text, out[f].own = merged, merged
			out[f].quote, out[f].named = true, true
			out[f].speaker = quoteSpeaker(merged, lang)
			out = append(out[:i+1], out[i+2:]...)
		}
	}
	// "…はこう答えた" with no quotation before it to take in says nothing
	// alone.
	kept := out[:0]
	for i, l := range out {
		if lang == "ja" && jaThusRe.MatchString(l.text) && !strings.ContainsAny(l.text, "「」") && (i == 0 || !out[i-1].pure) {
			continue
		}
		kept = append(kept, l)
	}
	out = kept
	// A pure quotation takes its speaker from the sentence after it when
	// that one attributes it ("…が明らかにした").
	for i := range out {
		if out[i].pure && out[i].speaker == "" && i+1 < len(out) && out[i+1].seq == out[i].seq+1 && saidThis(out[i+1].text, lang) {
			out[i].speaker = leadSubject(out[i+1].text, lang)
		}
	}
	for i := range out {
		out[i].pos = i
		if by := out[i].claimBy; by != "" && !says(out[i].text, lang) {
			out[i].text = attribute(out[i].text, by, lang)
			out[i].named, out[i].leans = true, false
		}
	}
	return out
}

// attributes reports a sentence that only says who told the one before
// ("ウシャコフ露大統領補佐官が記者団に明らかにした。", "Об этом журналистам
// сообщил помощник президента Юрий Ушаков."): it is shown with that one.
// One that says what was told (…が欠かせないと述べた) is a fact of its own.
func attributes(t, lang string) bool {
	switch lang {
	case "ja":
		return utf8.RuneCountInString(t) <= maxAttributionRunes && attributionRe.MatchString(t) && !jaToldWhatRe.MatchString(t)
	case "ru":
		return ruAttributionRe.MatchString(t)
	}
	return false
}

// jaToldWhatRe is a verb of telling after the words told: …と述べた.
var jaToldWhatRe = regexp.MustCompile(`と、?(?:明らかにした|発表した|伝えた|報じた|語った|述べた|明らかにしました|発表しました|伝えました|語りました|述べました)。$`)

// maxAttributionRunes: a longer sentence ending in 明らかにした says more
// than who told.
const maxAttributionRunes = 40

// maxSaidGap: the sentence saying who said a quotation follows it, or
// follows one more of its sentences the brief dropped (現時点でコメント
// することはない。).
const maxSaidGap = 2

// ruAttributionRe is a Russian wire's "Об этом сообщил …" sentence.
var ruAttributionRe = regexp.MustCompile(`^Об этом (?:\p{L}+ ){0,3}(?:сообщил|заявил|рассказал|сказал|говорится|пишет|сообщает|сообщили|заявили)`)

// ownFirstPerson reports a sentence in the writer's own voice: 私, "I
// have…", "мы" outside any quotation. A report never speaks so; a column
// does.
func ownFirstPerson(t, lang string) bool {
	if lang == "ja" {
		return firstPerson(t) || jaShouldRe.MatchString(tail(unquoted(t), endRunes))
	}
	own := unquoted(t)
	return firstPersonRe[lang].MatchString(own) || shouldRe[lang].MatchString(own) && !says(t, lang)
}

// jaShouldRe is a Japanese sentence that ends in the writer's "should".
var jaShouldRe = regexp.MustCompile(`べき(?:だ|である|です)?[。！]?$`)

// firstPersonRe are first-person words outside quotations, and shouldRe
// the writer's "should" ("Western capitals should stop…", "Нужно
// говорить…", 「…べきだ」 unquoted) unless someone is reported saying it
// ("Kyiv must…, he said"): a column's voice, never a fact of a report.
var (
	firstPersonRe = map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`\bI (?:am|have|had|think|believe|hope|fear|know|was|will|would|no longer|do not|don't)\b|\bI'(?:m|ve|d|ll)\b|\b(?:[Mm]y|[Oo]ur)\b`),
		"ru": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:я|мой|моя|моё|по-моему|считаю)(?:[^\p{L}]|$)`),
	}
	shouldRe = map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`\b(?:should|ought to|must)\b`),
		"ru": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:нужно|надо|следует|должн\p{L}*|пора)(?:[^\p{L}]|$)`),
	}
)

// yesNoRe is an answer that opens with yes or no.
var yesNoRe = regexp.MustCompile(`^(?:Да|Нет|Yes|No|はい|いいえ)[,、.!]`)

// intro is a list's introduction written as a sentence: "ウシャコフ氏の主な
// 発言は以下の通り。", "Ниже приводятся его ответы на вопросы.".
var intro = mustGate(`以下の(?:通り|とおり)|主な(?:内容|発言)|^[Нн]иже приводятся`)

// jaToldRe is a sentence that ends by naming who told: "…が明らかにした。".
var jaToldRe = regexp.MustCompile(`[がは](明らかにした|述べた|語った|発表した|伝えた|明らかにしました|述べました|語りました)。$`)

// jaThusRe is "こう" before a verb of saying: the quotation before it is
// what was said.
var jaThusRe = regexp.MustCompile(`こう(?:述べ|語っ|語り|コメントし|答え|投稿し|強調し|話し|指摘し|書い|記し|説明し|明かし)`)

// hasChannelMarks reports a text written as a Telegram channel post: lines
// opening with 🔸, 🗨️, ❗️ or ℹ️.
func hasChannelMarks(text string) bool {
	for _, m := range []string{"\n🔸", "\n🗨", "\n❗", "\nℹ"} {
		if strings.Contains("\n"+text, m) {
			return true
		}
	}
	return false
}

// completeJA decides whether a Japanese line has its subject and puts a
// dropped one back from the sentence before (or lets a noun pointed back at
// stand bare, from before: the item's text so far); it returns the topic
// the next sentence inherits. A subject is put back only before a verb of saying
// (そのうえで「…」と述べ, "ウクライナ情勢を巡っては…考えを示した"), which is
// the topic's own act: an event ("イリノイ州では…停電した") has no actor to
// put back. A quotation's speaker is its は-topic; a が inside a clause
// ("両首脳が…一致したことに関しては「…」と語った") is not who speaks.
func completeJA(l *line, topic string, before *strings.Builder) string {
	_, rest := leadingConnective(l.text)
	if t, ok := dropDemonstrative(rest, before); ok {
		rest = t
	} else {
		l.leans = true
	}
	if ana := jaAnaphorHeadRe.FindString(rest); ana != "" {
		if fixed, ok := replaceAnaphor(rest, ana, topic); ok {
			rest = fixed
		} else {
			l.leans = true
		}
	}
	l.text = rest
	wa := jaMarked(rest, 'は')
	sayer := jaSaysEnd(rest)
	switch {
	case l.leans || pureQuote(rest):
		return topic // a quotation's speaker is found around it
	case wa == "" && opensWithName(rest):
		return topic // "プーチン大統領イスタンブールでの…": a name opens it, its は lost
	case wa == "" && sayer && topic != "" && !jaNamedSubjectRe.MatchString(beforeQuote(rest)):
		l.text = withTopic(topic, rest)
		return topic
	case wa != "":
		// Of several topics ("ロシアは…との質問に対し、ザハロワ氏は、…"),
		// the one who speaks or acts is the one a next sentence leaves out.
		for _, w := range jaTopics(rest) {
			if t := shortSubject(w); t != "" && !jaPronounRe.MatchString(t) && jaSpeakerRe.MatchString(t) {
				return t
			}
		}
		if t := shortSubject(wa); t != "" && !jaPronounRe.MatchString(t) && len(mentionsIn(t)) > 0 {
			return t
		}
		return topic
	case wa == "" && topic != "" && !strings.HasPrefix(rest, topic) && jaEmbeddedSubjectOnly(rest):
		// (A sentence that opens with the topic itself lost its は: "バチ
		// カン教皇が…を確認した" is "バチカンは教皇が…".)
		// "教皇が…示したことに感謝の意を表した": the が is the embedded
		// clause's; whoever thanked is the topic named before.
		l.text = withTopic(topic, rest)
		return topic
	case jaHasSubject(rest):
		return topic
	default:
		l.leans = true
		return topic
	}
}

// jaNominalRe ends a clause turned into a noun ("…したことに",
// "…したことを受けて", "…したことについて"): a subject before it is that
// clause's, not the sentence's.
var jaNominalRe = regexp.MustCompile(`こと(?:に対して|に対し|について|から|に|を|で)`)

// jaEmbeddedSubjectOnly reports a Japanese sentence whose only subject
// marks stand inside a nominalised clause, its main clause after it having
// none: "教皇が協力する用意を示したことに感謝の意を表した" says who showed
// readiness, not who thanked. A clause that is itself the topic
// ("…したことは、…") has its subject.
func jaEmbeddedSubjectOnly(s string) bool {
	s = unquoted(s)
	if jaMarked(s, 'は') != "" {
		return false // a topic: the sentence's subject
	}
	end := -1
	for _, m := range jaNominalRe.FindAllStringIndex(s, -1) {
		if next := s[m[1]:]; strings.HasSuffix(s[m[0]:m[1]], "で") && (strings.HasPrefix(next, "す") || strings.HasPrefix(next, "し")) {
			continue // …ということです, …ことでした: the sentence's end, no clause
		}
		end = m[1]
	}
	if end < 0 {
		return false
	}
	main := strings.TrimLeft(s[end:], "、 ")
	if strings.HasPrefix(main, "は") || strings.HasPrefix(main, "も") || strings.HasPrefix(main, "が") {
		return false
	}
	return jaHasSubject(s[:end]) && !jaHasSubject(main)
}

var (
	// jaNamedSubjectRe: a speaker named as the subject (…大統領が).
	jaNamedSubjectRe = regexp.MustCompile(jaSpeakerRe.String() + `[はが]`)
	// jaAnaphorHeadRe: a sentence that opens with 同X (the X just named).
	jaAnaphorHeadRe = regexp.MustCompile(`^同(?:省|氏|国|社|庁|軍|局|相|大統領|首相|長官|報道官|政府|当局)`)
	// jaPronounRe: pronouns are no topic to put back (我々 is the speaker's).
	jaPronounRe = regexp.MustCompile(`^(?:我々|われわれ|私|僕|彼|彼女|彼ら|自分|それ|これ)`)
	// jaSubjectMarkRe: a は, が, も or こそ after a noun marks a subject;
	// so does a source ("…本部によると、") and 多く ("兵士の多くは").
	jaSubjectMarkRe = regexp.MustCompile(`[\p{Han}\p{Katakana}ー\p{Latin}\d）)」』](?:は|が|も|こそ)|こそが|多く[はが]|(?:によると|によれば|によりますと)、`)
)

// jaSaysEnd reports a Japanese sentence whose main verb is one of saying or
// showing a view, its topic's own act: it ends in one of jaSayVerbs and a
// past or continuing ending (述べた, 強調しました, 求めている, 」としています),
// closing marks aside. Suffixes are compared, not an expression tried at
// every place: it runs on every sentence.
func jaSaysEnd(s string) bool {
	s = strings.TrimRight(s, "。」")
	for _, end := range jaSayEndings {
		if stem, ok := strings.CutSuffix(s, end); ok {
			for _, v := range jaSayVerbs {
				if strings.HasSuffix(stem, v) {
					return true
				}
			}
		}
	}
	return false
}

var (
	jaSayVerbs = strings.Fields(`述べ 語っ 語り 話し 強調し 主張し 指摘し 説明し 批判し 非難し 訴え 表明し 発表し 投稿し 答え
		コメントし 警告し 呼びかけ 求め 示し 明らかにし 伝え 評価し 否定し 呈し 反論し 反発し 約束し 要求し 提案し 確認し 認め 」とし`)
	jaSayEndings = []string{"た", "ました", "ている", "ています"}
)

// beforeQuote is a Japanese sentence up to its first quotation: where
// the one who says it is named, if anywhere ("…について「…」と説明した上で
// 「プーチン大統領が…」" names Putin only inside the words said).
func beforeQuote(s string) string {
	if i := strings.Index(s, "「"); i >= 0 {
		return s[:i]
	}
	return s
}

// tail is the last n runes of s: an expression anchored at the end need
// not be tried at every place of a long sentence.
func tail(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

// endRunes is how much of a sentence's end a verb ending is looked for in.
const endRunes = 24

// opensWithName reports a Japanese sentence that starts with a person, an
// office or a body and goes on with no particle after it: the source lost
// the は ("プーチン大統領イスタンブールでの協議について…"). A name with が
// or を after it is a clause's ("レオ14世が…ことに謝意を表明した").
func opensWithName(s string) bool {
	end := -1
	if loc := jaSpeakerRe.FindStringIndex(s); loc != nil && loc[0] == 0 {
		end = loc[1]
	} else if ms := mentionsIn(s); len(ms) > 0 && ms[0].Start == 0 && (ms[0].Entity == entPerson || ms[0].Entity == entOrg || ms[0].Kind == byOffice) {
		end = ms[0].End
	}
	if end < 0 || end >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	return !unicode.In(r, unicode.Hiragana) && !strings.ContainsRune("、。「（", r)
}

// jaHasSubject reports a Japanese sentence that names its subject
// somewhere outside quotations (a long lead's が may come late).
func jaHasSubject(s string) bool {
	return jaSubjectMarkRe.MatchString(unquoted(s))
}

// completeEnRu replaces a pronoun that opens a sentence or speaks in it
// ("He said…", "…," she said, "— написала она", "But he believes…") with
// the surname of the person named before, when that is known (and, in
// Russian, of the pronoun's gender: the verb agrees with both); the line
// leans otherwise. It returns the person the next sentence inherits.
func completeEnRu(l *line, lang, person, namedIn string) string {
	nameOffice(l, lang, person, namedIn)
	t := l.text
	leanRe, saysRe, surname := enLeanRe, enPronounSaysRe, enSurname
	if lang == "ru" {
		leanRe, saysRe, surname = ruLeanRe, ruPronounSaysRe, ruSurname
	}
	if loc := saysRe.FindStringIndex(t); loc != nil {
		m := t[loc[0]:loc[1]]
		replaced := false
		for _, p := range []string{"he", "she", "он", "она"} {
			if person == "" || lang == "ru" && !ruGenderOf(p, person) {
				continue
			}
			if r := replaceWord(m, p, person); r != m {
				t, replaced = t[:loc[0]]+r+t[loc[1]:], true
				break
			}
		}
		if !replaced {
			l.leans = true
			return person
		}
		l.text = t
	}
	if lang == "en" {
		// "But he believes…": the contrast is with a line the brief may
		// not show; the sentence reads alone without it.
		if m := enConnectiveRe.FindString(t); m != "" && len(m) < len(t) {
			t = upperFirst(t[len(m):])
			l.text = t
		}
	}
	if m := leanRe.FindString(t); m != "" {
		w := strings.TrimRightFunc(m, func(r rune) bool { return !isEnRuWordRune(r) })
		switch {
		case person != "" && lang == "en" && (w == "He" || w == "She"):
			l.text = person + t[len(w):]
		case person != "" && lang == "ru" && (w == "Он" || w == "Она") && ruGenderOf(strings.ToLower(w), person):
			// "Она также отметила…" → "Набиуллина также отметила…": the
			// verb agrees with the pronoun, and so with the surname.
			l.text = person + t[len(w):]
		case person != "" && lang == "ru" && ruAccordingRe.MatchString(t) && ruGenderOf(ruAccordingRe.FindStringSubmatch(t)[1], person):
			// "По ее словам, …" → "По словам Захаровой, …".
			l.text = ruAccordingRe.ReplaceAllString(t, "По словам "+ruGenitive(person))
		default:
			l.leans = true
		}
	}
	if p := surname(l.text); p != "" {
		return p
	}
	if person == "" && lang == "ru" {
		// "…отклонил апелляцию биатлонистки Дарьи Коровиной…" then "Она
		// была отстранена…": the one person named, if only as an object.
		return ruObliquePerson(l.text)
	}
	return person
}

// ruObliqueNameRe is a first name and a surname declined as an object
// (Дарьи Коровиной, Владимиром Путиным, Сергею Лаврову).
var ruObliqueNameRe = regexp.MustCompile(`(?:^|[^\p{L}])\p{Lu}\p{Ll}+\s+(\p{Lu}\p{Ll}+)(?:[^\p{L}]|$)`)

// ruObliqueEndings turn a declined surname back into its nominative, the
// form a pronoun stands for: feminine -овой → -ова, masculine -ову, -овым
// → -ов, and the adjectival -ской → -ская, -скому → -ский.
var ruObliqueEndings = []struct{ from, to string }{
	{"овой", "ова"}, {"евой", "ева"}, {"ёвой", "ёва"}, {"иной", "ина"}, {"ыной", "ына"},
	{"ской", "ская"}, {"цкой", "цкая"}, {"скому", "ский"}, {"цкому", "цкий"}, {"ским", "ский"}, {"цким", "цкий"},
	{"овым", "ов"}, {"евым", "ев"}, {"ёвым", "ёв"}, {"иным", "ин"}, {"ыным", "ын"},
	{"ову", "ов"}, {"еву", "ев"}, {"ёву", "ёв"}, {"ину", "ин"}, {"ыну", "ын"},
}

// ruObliquePerson is the nominative surname of the first person a Russian
// sentence names in an oblique case, or "".
func ruObliquePerson(t string) string {
	for _, m := range ruObliqueNameRe.FindAllStringSubmatch(unquoted(t), -1) {
		for _, e := range ruObliqueEndings {
			if stem, ok := strings.CutSuffix(m[1], e.from); ok && utf8.RuneCountInString(stem) >= 2 {
				name := stem + e.to
				if kind, known := entityKindOf(name); known && kind != entPerson || notPerson(name) {
					break
				}
				return name
			}
		}
	}
	return ""
}

// nameOffice names the speaker a quotation gives by office alone ("…», —
// заявил губернатор.", `…," the minister said.`) when the sentence that
// named the last person gave that office too: the governor is the one
// just named. Another office, or none named before, is left as it is.
func nameOffice(l *line, lang, person, namedIn string) {
	if person == "" || strings.Contains(l.text, person) {
		return
	}
	re := ruOfficeSaysRe
	if lang == "en" {
		re = enOfficeSaysRe
	}
	m := re.FindStringSubmatchIndex(l.text)
	if m == nil {
		return
	}
	office := l.text[m[len(m)-2]:m[len(m)-1]] // the last group: the office alone
	if !strings.Contains(strings.ToLower(namedIn), office) {
		return
	}
	if lang == "en" {
		// "the governor said" → "Governor Kehoe said"
		l.text = l.text[:m[2]] + upperFirst(office) + " " + person + l.text[m[3]:]
		return
	}
	l.text = l.text[:m[3]] + " " + person + l.text[m[3]:]
}

var (
	// ruOfficeSaysRe: "— заявил губернатор." at a sentence's end.
	ruOfficeSaysRe = regexp.MustCompile(`[—–-]\s*(?:сказал|заявил|добавил|отметил|подчеркнул|уточнил|пояснил|написал|сообщил)[аи]?\s+(\p{Ll}{3,})[.!]?$`)
	// enOfficeSaysRe: `the governor said.` at a sentence's end.
	enOfficeSaysRe = regexp.MustCompile(`\b(the (\p{Ll}{4,})) (?:said|added|wrote|told reporters)[.!]?$`)
)

// enConnectiveRe is a connective opening an English sentence, which ties
// it to the one before.
var enConnectiveRe = regexp.MustCompile(`^(?:But|And|Yet|So|However,|Still,)\s+`)

// ruGenderOf reports whether a Russian pronoun (он, она, его, ее) can
// stand for a surname: a feminine one (Захарова, Кондратьева, Вербицкая)
// ends in -а or -я, a masculine one does not.
func ruGenderOf(pronoun, surname string) bool {
	r, _ := utf8.DecodeLastRuneInString(surname)
	female := r == 'а' || r == 'я'
	switch pronoun {
	case "она", "ее", "её", "she":
		return female
	case "он", "его", "he":
		return !female
	}
	return false
}

// innerStops counts the sentence ends inside a sentence the splitter keeps
// whole, a quotation's ("«…атакуют порт. Кто будет им доверять?» — задался
// вопросом Путин.", 「…だ。…」と述べた): a reader counts the sentences in
// it. A Western end is . ! ? (a closing quote may follow) before a space
// and a capital; a Japanese one 。！？ before anything but a closing mark.
func innerStops(s string) int {
	rs := []rune(s)
	n := 0
	for i, r := range rs {
		switch r {
		case '。', '！', '？':
			if i+1 < len(rs) && !strings.ContainsRune("」』）)", rs[i+1]) && !unicode.IsSpace(rs[i+1]) {
				n++
			}
		case '.', '!', '?':
			j := i + 1
			if j < len(rs) && strings.ContainsRune("»”\"", rs[j]) {
				j++
			}
			k := j
			for k < len(rs) && unicode.IsSpace(rs[k]) {
				k++
			}
			if k > j && k < len(rs) && strings.ContainsRune("«“\"", rs[k]) {
				k++
			}
			if k > j && k < len(rs) && unicode.IsUpper(rs[k]) {
				n++
			}
		}
	}
	return n
}

// ruAccordingRe is "according to him/her" opening a Russian sentence.
var ruAccordingRe = regexp.MustCompile(`^По (его|ее|её) словам`)

// ruGenitive declines a Russian surname into the genitive ("по словам
// Захаровой, Ушакова, Зеленского, Трампа"); a name that does not decline
// (Рютте, Цой) stays.
func ruGenitive(name string) string {
	for _, e := range []struct{ from, to string }{
		{"ова", "овой"}, {"ева", "евой"}, {"ина", "иной"}, {"ына", "ыной"},
		{"ская", "ской"}, {"цкая", "цкой"}, {"ский", "ского"}, {"цкий", "цкого"},
		{"ов", "ова"}, {"ев", "ева"}, {"ин", "ина"}, {"ын", "ына"},
	} {
		if stem, ok := strings.CutSuffix(name, e.from); ok {
			return stem + e.to
		}
	}
	r, _ := utf8.DecodeLastRuneInString(name)
	if strings.ContainsRune("бвгдзклмнпрстфхцчшщ", r) {
		return name + "а" // Трамп → Трампа
	}
	return name
}

// isEnRuWordRune: a rune of an English or Russian word (or an identifier).
func isEnRuWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0x400 && r <= 0x4FF
}

// replaceWord replaces the first whole word w in s (any case) with by,
// keeping the spaces and punctuation around it.
func replaceWord(s, w, by string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if strings.EqualFold(s[i:j], w) {
			return s[:i] + by + s[j:]
		}
		i = j
	}
	return s
}

// introSpeaker is who a list's introduction says speaks: a name in it, or
// the person or subject named before when it says "He listed:".
func introSpeaker(t, lang, person, topic string) string {
	for _, m := range mentionsIn(t) {
		if m.Entity == entPerson {
			return t[m.Start:m.End]
		}
	}
	switch lang {
	case "ja":
		if s := jaTopic(t); s != "" && !anaphoric(s) {
			return s
		}
		if s := jaSpeakerRe.FindString(t); s != "" {
			return s
		}
		return topic
	case "ru":
		if ruLeanRe.MatchString(t) {
			return person
		}
	default:
		if enLeanRe.MatchString(t) {
			return person
		}
	}
	return ""
}

// saidThis: a sentence that attributes the quotation before it ("ロシア外務
// 省のザハロワ報道官は定例会見でこう述べた。", "…, Peskov said of it.").
func saidThis(s, lang string) bool {
	if lang == "ja" {
		return strings.Contains(s, "こう") || attributionRe.MatchString(s)
	}
	return false
}

// leadSubject is who a sentence's subject names: its Japanese topic, else
// the first person it names.
func leadSubject(s, lang string) string {
	if lang == "ja" {
		if t := jaTopic(s); t != "" && !anaphoric(t) {
			return shortSubject(t)
		}
	}
	for _, m := range mentionsIn(s) {
		if m.Entity == entPerson || m.Kind == byOffice {
			return s[m.Start:m.End]
		}
	}
	if lang == "ru" {
		return ruSurname(s)
	}
	return enSurname(s)
}

// quoteSpeaker is who speaks a quotation, as the sentence names them
// outside it; "" when it does not.
func quoteSpeaker(s, lang string) string {
	if p := speakerPrefix(s); p != "" {
		return p
	}
	if !named(s, lang) {
		return ""
	}
	t := unquoted(s)
	if lang == "ja" {
		if top := jaTopic(s); top != "" && !anaphoric(top) {
			return shortSubject(top)
		}
		if m := jaSpeakerRe.FindString(t); m != "" {
			return m
		}
	}
	for _, m := range mentionsIn(t) {
		if m.Entity == entPerson || m.Kind == byOffice || m.Entity == entOrg {
			return t[m.Start:m.End]
		}
	}
	if lang == "ru" {
		return ruSurname(s)
	}
	return enSurname(s)
}
