package digest

import (
	"regexp"
	"strings"
)

// Opinion in the writer's own voice: first person, belief, hope, duty,
// rhetorical questions. Matched outside quotations only, so a minister's
// 「私は…」 in a report does not count.
var opinionRes = map[string]*regexp.Regexp{
	// First person anywhere; belief, hope, duty and rhetorical questions
	// only where they end the sentence, since a report cites them mid-
	// sentence ("主導すべきだという姿勢").
	"ja": regexp.MustCompile(`私|僕|我々|われわれ|(?:べきだ|べきです|べきである|と思う|と思います|と考えます|と信じています|を願っています|だろう|でしょう|ではないか|だろうか)[。！？!?]?\s*$`),
	// Pronouns only: wire copy reports duty and belief without quotes
	// ("Kyiv must…, he said"); "I" only with a verb, since "World War I"
	// is history, not a voice.
	"en": regexp.MustCompile(`\bI (?:am|think|believe|hope|fear|know|have|was|will|would|do)\b|\bI'(?:m|ve|d|ll)\b|\b(?:[Mm]y|[Mm]e|[Ww]e|[Oo]ur)\b`),
	"ru": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:я|мы|мой|моё|моя|наш|наша|наше|по-моему|считаю)(?:[^\p{L}]|$)`),
}

// opinionHints is a cheap first pass: text without any of these has no
// opinion marker, and most reports are rejected without splitting them.
var opinionHints = map[string]*regexp.Regexp{
	"ja": regexp.MustCompile(`私|僕|我々|われわれ|べき|と思|と考え|と信じ|願って|だろう|でしょう|ではないか`),
	"en": regexp.MustCompile(`\bI\b|\bI'|\b(?:[Mm]y|[Mm]e|[Ww]e|[Oo]ur)\b`),
	"ru": regexp.MustCompile(`(?i)я|мы|мой|моё|моя|наш|по-моему|считаю`),
}

// Commentary reports whether an item's text reads as opinion rather than a
// report: at least two of its sentences, and a fifth of them, speak in the
// writer's own voice. Commentary is kept and searchable but never pushed:
// commentary is not news.
func Commentary(text, lang string) bool {
	lang = normLang(lang, text)
	re := opinionRes[lang]
	if re == nil || !opinionHints[lang].MatchString(text) {
		return false
	}
	total, marked := 0, 0
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimSpace(para)
		total += len(Sentences(para, lang))
		if strings.HasPrefix(para, "🎤") {
			continue // a question put to someone, not the writer's view
		}
		// "ルッテ🗣️我々は…": what follows the speaking-head mark is the
		// speaker's, to the end of the paragraph.
		if i := strings.Index(para, "🗣"); i >= 0 {
			para = para[:i]
		}
		for _, s := range Sentences(para, lang) {
			if re.MatchString(ownVoice(s, lang)) {
				marked++
			}
		}
	}
	return marked >= 2 && marked*5 >= total
}

// ownVoice blanks out what s quotes, leaving the writer's words.
func ownVoice(s, lang string) string {
	rs := []rune(s)
	in := protected(rs, lang)
	var b strings.Builder
	for i, r := range rs {
		if in[i] {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
