package digest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot"
)

// Opinion is a question of whose view a text gives. A report tells what
// someone else did or said, however strong their words; opinion is the
// writer's own: they argue, hope, judge or demand. The rule reads only the
// writer's words: quotations, dialogue lines (Q:, ――, a dash reply) and a
// text the item announces it carries whole (a statement in full, a Q&A) are
// someone else's and set aside. Then each remaining sentence is
//
//   - judged when the writer speaks in it (opinionWords lists the cues):
//     first person, the reader addressed, hope, duty, a belief the writer
//     owns, a question or an exclamation nobody in the text is asked, an
//     imperative, a reading of others' words, a channel's jeer mark (🐸);
//   - loaded when its only cue is an evaluative word (regime, 独裁者,
//     кураторы) or a stance adverb (surely, もはや, в очередной раз);
//   - attributed when it names a source (said, according to, と述べた,
//     によると, заявил, по данным), or the next sentence does (Об этом
//     заявил…). A source cancels every cue but the first person: "Kyiv
//     must…, he said" is the minister's view, "I watched the briefing" is
//     the writer's.
//
// An item is opinion when (genre) its title carries an opinion section's
// label (Opinion:, 社説, Колонка) or its link lies in one (/opinion/), or
// (voice) at least minJudged sentences, and a voiceShare of all, are judged
// and no fewer than the attributed ones, or (stance) no sentence names a
// source and at least minJudged, and a stanceShare of all, are judged or
// loaded; unless (reportLead) it opens as a plain report.
const (
	// minJudged: one aside ("I'm told", one "should") is not a column.
	minJudged = 2
	// voiceShare: a quarter of the sentences judged. Columns run at a half
	// and more; a report that quotes without quotation marks stays far below.
	voiceShare = 4
	// stanceShare: half the sentences loaded or judged, with no source at
	// all. A report always names a source; a short jeer needs none.
	stanceShare = 2
	// reportLead: an item whose first six sentences of the writer's are
	// plain report is news, whatever follows it (readers' comments under an
	// article, a closing paragraph of analysis). Opinion shows itself early:
	// in the hand-labelled items and the seed by the third sentence; six
	// leaves room for a column that opens with an anecdote.
	reportLead = 6
	// minHeadings: an explainer or a Q&A asks the reader's questions, two
	// at least, each a paragraph of its own with the answer after it. One
	// question answered at once is a columnist's opening move.
	minHeadings = 2
)

// Opinion reports whether an item is opinion rather than news, and why:
// "rule: detail", rule one of genre, voice, stance (see the constants
// above); empty for news.
func Opinion(it briefbot.Item) (bool, string) {
	lang := normLang(it.Language, it.Title+"\n"+it.Text)
	w := opinionLexicon[lang]
	if w == nil {
		return false, ""
	}
	title := strings.TrimSpace(cleanTitle(it.Title))
	if m := w.genre.FindString(title); m != "" {
		return true, fmt.Sprintf("genre: title %q", strings.TrimSpace(m))
	}
	if opinionURL.MatchString(it.URL) {
		return true, "genre: link in an opinion section"
	}
	if m := authorViewRe.FindString(it.Text); m != "" {
		return true, fmt.Sprintf("genre: the writer's own view, %q", m)
	}
	text := it.Text
	if head := strings.TrimSpace(it.Title); isSentence(head) && !strings.Contains(text, head) {
		// A title that is a sentence (a channel post's first line, not a
		// headline) is the writer's words like the rest.
		text = head + "\n" + text
	}
	v := readVoice(text, lang, w, w.transcript.MatchString(title))
	if w.source.MatchString(title) {
		v.attributed++ // the headline says whose words follow
	}
	loaded := v.judged + v.loaded
	switch {
	case v.firstCue > reportLead:
		return false, "" // a report first: what follows it is a section of it
	case v.judged >= minJudged && v.judged*voiceShare >= v.sentences && v.judged >= v.attributed:
		return true, fmt.Sprintf("voice: %d of %d sentences in the writer's voice (%s), %d attributed",
			v.judged, v.sentences, strings.Join(v.cues, ", "), v.attributed)
	case v.attributed == 0 && loaded >= minJudged && loaded*stanceShare >= v.sentences:
		cues := v.cues
		if v.loaded > 0 {
			cues = append(cues, "loaded words")
		}
		return true, fmt.Sprintf("stance: %d of %d sentences judge (%s), none attributed",
			loaded, v.sentences, strings.Join(cues, ", "))
	}
	return false, ""
}

// isSentence reports a title that ends as a sentence does, not as a
// headline: 。, a full stop, a question or exclamation mark.
func isSentence(title string) bool {
	t := strings.TrimRightFunc(title, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || r == 0xFE0F
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。！？.!?", r)
}

// voice counts the sentences of an item by whose view they give.
type voice struct {
	sentences  int // the writer's sentences and the quoted ones, in order
	judged     int
	loaded     int // loaded and not judged
	attributed int
	cues       []string // kinds of judgement found, in first-seen order
	firstCue   int      // 1-based position of the first judged or loaded sentence; 0 for none
}

func (v *voice) cue(kind string) {
	if !slices.Contains(v.cues, kind) {
		v.cues = append(v.cues, kind)
	}
}

// sentenceVoice is what one sentence of the writer's says of itself.
type sentenceVoice struct {
	text       string
	first      bool   // the writer in person or to the reader: never cancelled by a source
	judgement  string // the first judgement cue found, "" for none
	loaded     bool
	attributed bool
}

// readVoice reads the sentences of text in order. wholeQuoted: the title
// says the item carries someone else's text (Full text, 一問一答), so only
// its first sentence, the frame, is the writer's.
func readVoice(text, lang string, w *opinionWords, wholeQuoted bool) voice {
	var ss []sentenceVoice
	theirs := sentenceVoice{attributed: true} // a sentence in someone else's words
	framed := false
	var lines []string
	for _, line := range strings.Split(ownWords(text), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	// An explainer asks more than one: a single question answered at once
	// ("Why does it matter? Because…") is a columnist's opening.
	var headings []int
	for k := 0; k+1 < len(lines); k++ {
		if answered(lines[k], lines[k+1], lang, w) {
			headings = append(headings, k)
		}
	}
	if len(headings) < minHeadings {
		headings = nil
	}
	for k, line := range lines {
		if framed || strings.HasPrefix(line, "🎤") || w.speaker.MatchString(line) {
			ss = append(ss, theirs) // a reply, a question put, a list of what was said
			continue
		}
		if slices.Contains(headings, k) {
			ss = append(ss, sentenceVoice{text: line}) // an explainer's heading: the reader's question
			continue
		}
		if i := strings.Index(line, "🗣"); i >= 0 {
			line = line[:i] // the speaker's words follow the speaking head
		}
		dateline := false
		if len(ss) == 0 {
			d := stripDateline(line)
			line, dateline = d, d != line // wire copy: filed by an agency
		}
		jeer := strings.HasPrefix(line, "🐸") || strings.HasPrefix(line, "🤡")
		for _, s := range Sentences(line, lang) {
			switch {
			case !hasLetter(s):
				continue // an emoji, a number: no one's view
			case !hasLetter(stripQuoteMarks(s)):
				ss = append(ss, theirs) // nothing but someone's quoted words
				continue
			}
			sv := readSentence(s, lang, w)
			if jeer && sv.judgement == "" {
				sv.judgement = "a channel's jeer mark"
			}
			sv.attributed = sv.attributed || dateline
			jeer, dateline = false, false
			ss = append(ss, sv)
			if (wholeQuoted && len(ss) == 1) || w.frame.match(foldCue(s, lang != "ja")) {
				framed = true
			}
		}
	}
	var v voice
	for i, s := range ss {
		if i+1 < len(ss) && ss[i+1].attributed && w.backref.MatchString(ss[i+1].text) {
			s.attributed = true // Об этом заявил…: the sentence before was theirs
		}
		v.sentences++
		if s.attributed {
			v.attributed++
			if !s.first {
				continue // a reported view, however strong
			}
		}
		if (s.judgement != "" || s.loaded) && v.firstCue == 0 {
			v.firstCue = v.sentences
		}
		if s.judgement != "" {
			v.judged++
			v.cue(s.judgement)
		} else if s.loaded {
			v.loaded++
		}
	}
	return v
}

// answered reports a paragraph that is one question, followed by a
// paragraph that is not: the layout of an explainer or a Q&A ("What did
// the court decide?" then the answer). The writer asks it for the reader
// and answers it at once; a columnist's rhetorical question sits inside an
// argument and waits for no answer.
func answered(line, next, lang string, w *opinionWords) bool {
	q := foldCue(line, lang != "ja")
	if !w.question.match(q) || len(Sentences(line, lang)) != 1 {
		return false
	}
	return !w.question.match(foldCue(next, lang != "ja"))
}

// readSentence finds the cues of one sentence of the writer's own words.
// The first person and the reader addressed are the writer's whatever
// source the sentence names.
func readSentence(s, lang string, w *opinionWords) sentenceVoice {
	s = strings.TrimSpace(w.house.ReplaceAllString(strings.TrimSpace(s), " "))
	body := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || r == 0xFE0F || r == 0x200D
	})
	text := foldCue(body, lang != "ja")
	source := w.said.lastEnd(text)
	sv := sentenceVoice{text: s, attributed: source >= 0}
	switch {
	case w.first.match(text) || lang == "en" && enFirstPerson(body):
		sv.first, sv.judgement = true, "first person"
		return sv
	case w.address.match(text):
		sv.first, sv.judgement = true, "address to the reader"
		return sv
	}
	// A cue stands when no source is named, or, in Japanese, whose sentence
	// ends in its main verb, when the source comes before it: 〜と述べたが、
	// 〜べきだ is the writer's demand, 〜べきだと述べた the speaker's.
	if source >= 0 && (lang != "ja" || closes(body[source:])) {
		return sv // the source's view, however strong
	}
	stands := func(c *cue) bool {
		return c != nil && c.match(text) && (source < 0 || c.lastEnd(text) > source)
	}
	for _, k := range []struct {
		c    *cue
		kind string
	}{
		{w.hope, "hope"}, {w.belief, "belief"}, {w.duty, "duty"}, {w.question, "question"},
		{w.imperative, "exclamation or imperative"}, {w.reading, "reading of others' words"},
	} {
		if stands(k.c) {
			sv.judgement = k.kind
			break
		}
	}
	sv.loaded = stands(w.stance)
	// The writer has the last word.
	sv.attributed = sv.attributed && sv.judgement == "" && !sv.loaded
	return sv
}

// closes reports the plain end of a Japanese sentence after its verb of
// saying (と述べ|た。, と評価し|ました。): no room for a word of the
// writer's, as there is in と評価し|たい。
func closes(tail string) bool { return plainEnd.MatchString(tail) }

var plainEnd = regexp.MustCompile(`^(?:し)?(?:た|ました|ている|ています|ていた|ていました|る|ます)?[。．]?$`)

// enNumeral lists the words after which "I" is a numeral: World War I,
// Phase I, Elizabeth I.
var enNumeral = regexp.MustCompile(`(?:War|Phase|Part|Chapter|Title|Type|Class|Stage|Level|Grade|Tier|Act|Book|Vol\.?|Volume|Section|Article|Schedule|Division|League|Formula|Elizabeth|Henry|Charles|James|George|Louis|Mary|William|Edward|Richard|Peter|Nicholas|Alexander|Napoleon|Paul|John|Benedict|Pius|Leo|Francis|Bowl)\s+$`)

// enI finds "I" as a word followed by a space, a comma or a contraction.
var enI = regexp.MustCompile(`(?:^|[^\p{L}\p{N}'’.\-])I(?:['’](?:m|ve|d|ll)\b|[ ,])`)

// enFirstPerson reports "I" as the writer's pronoun, not a numeral.
func enFirstPerson(s string) bool {
	for _, m := range enI.FindAllStringIndex(s, -1) {
		start := m[0]
		if s[start] != 'I' {
			start++
		}
		if !enNumeral.MatchString(s[:start]) {
			return true
		}
	}
	return false
}
