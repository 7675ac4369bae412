package digest

import (
	"strings"
	"unicode"

	textfold "briefbot/internal/fold"
	"briefbot/internal/sentence"
)

// fold is the matching form of text (NFKC and lower case, owned by
// internal/fold), for comparing, never for what is shown.
func fold(s string) string { return textfold.String(s) }

func isKatakana(r rune) bool {
	return unicode.Is(unicode.Katakana, r) || r == 'ー'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) || r == '々' }

// stopEN and stopRU are function words that carry no topic.
var stopEN = toSet(`a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your them him us me not no
has have had do does did will would can could should may might must shall said says say also
than then there here which who whom whose what when where why how all any some more most such
into over after before about up down out off just only very so too new mr mrs ms one two`)

var stopRU = toSet(`и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней
для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того
потому этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда
можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много
разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда
конечно всю между это также заявил сообщил`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// terms are the content tokens of s for weighting: words for English and
// Russian (stop words out, a crude stem), for Japanese katakana words, kanji
// bigrams (a lone kanji as itself) and Latin/digit words. Hiragana carries
// grammar, not topic, and is skipped.
func terms(s, lang string) []string {
	s = fold(s)
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		switch {
		case isKatakana(r):
			for j < len(rs) && isKatakana(rs[j]) {
				j++
			}
			if j-i >= 2 {
				out = append(out, string(rs[i:j]))
			}
		case isHan(r):
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, string(rs[i:j]))
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(rs[k:k+2]))
			}
		case unicode.IsLetter(r) && !unicode.In(r, unicode.Hiragana) || unicode.IsDigit(r):
			for j < len(rs) && (unicode.IsLetter(rs[j]) && !sentence.IsCJK(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '\'' || rs[j] == '’') {
				j++
			}
			// s is folded already: the word is only trimmed, then stemmed.
			if w := stemWord(trimWord(string(rs[i:j])), lang); w != "" {
				out = append(out, w)
			}
		}
		i = j
	}
	return out
}

// wordToken is the comparable form of one English or Russian word, the
// one rule for every matcher that compares words (terms, names, actors):
// scrubbed, then stemmed; "" for a stop word.
func wordToken(w, lang string) string { return stemWord(scrub(w), lang) }

// scrub is a word's spelling for comparing, before stemming: folded, the
// punctuation around it trimmed, a possessive 's or ’s dropped.
func scrub(w string) string { return trimWord(fold(w)) }

// trimWord is scrub for a word already folded.
func trimWord(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
}

// stemWord stems a scrubbed word: "" for a stop word, a fixed prefix for
// Russian, English plural and tense endings cut.
func stemWord(w, lang string) string {
	switch {
	case w == "" || stopEN[w] || stopRU[w]:
		return ""
	case lang == "ru" || unicode.Is(unicode.Cyrillic, []rune(w)[0]):
		// Russian inflects the ending: a fixed prefix matches case forms.
		if rs := []rune(w); len(rs) > 6 {
			return string(rs[:6])
		}
		return w
	}
	for _, suf := range []string{"ing", "ies", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			if suf == "ies" {
				return w[:len(w)-3] + "y"
			}
			if suf == "es" && !strings.HasSuffix(w, "ses") && !strings.HasSuffix(w, "xes") && !strings.HasSuffix(w, "ches") && !strings.HasSuffix(w, "shes") {
				return w[:len(w)-1]
			}
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
