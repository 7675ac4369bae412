package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot/internal/fold"
)

// scriptOf tells a line's language by its letters: any kana or kanji makes
// it Japanese, more Cyrillic than Latin letters Russian, else English. The
// checker judges each line by its own script, not by the brief's language,
// since a Japanese brief may quote an English block as is.
func scriptOf(s string) string {
	cyr, lat := 0, 0
	for _, r := range s {
		switch {
		case isKana(r) || isKanji(r):
			return "ja"
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.IsLetter(r) && r < 0x250:
			lat++
		}
	}
	if cyr > lat {
		return "ru"
	}
	return "en"
}

func isKana(r rune) bool {
	return unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

func isHiragana(r rune) bool { return unicode.Is(unicode.Hiragana, r) }

func isKatakana(r rune) bool { return unicode.Is(unicode.Katakana, r) || r == 'ー' }

func isKanji(r rune) bool { return unicode.Is(unicode.Han, r) || r == '々' || r == '〇' }

// closerOf pairs each opening quotation mark with its closing one.
var closerOf = map[rune]rune{
	'「': '」', '『': '』', '“': '”', '„': '“', '«': '»', '"': '"', '〝': '〟',
}

// unquote replaces every quoted span (「…」, 『…』, “…”, „…“, «…», "…") by
// repl, so that what is left is the line's own words. A closing mark with
// no opening one (an NHK sub-heading's stray ”) is kept as text; a span
// left open runs to the end of the line.
func unquote(s, repl string) string {
	var sb strings.Builder
	var stack []rune
	for _, r := range s {
		if n := len(stack); n > 0 {
			switch {
			case r == stack[n-1]:
				stack = stack[:n-1]
			case closerOf[r] != 0 && r != '"':
				stack = append(stack, closerOf[r])
			}
			continue
		}
		if c, ok := closerOf[r]; ok {
			stack = append(stack, c)
			sb.WriteString(repl)
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// trimAttribution drops the outlet a brief appends to a line taken from
// another source than the lead's: "…した。（NHK）", "… (Reuters)".
func trimAttribution(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasSuffix(s, p[1]) {
			if i := strings.LastIndex(s, p[0]); i > 0 && utf8.RuneCountInString(s[i:]) <= 30 {
				return strings.TrimSpace(s[:i])
			}
		}
	}
	return s
}

// matchForm is the form in which the checker finds one text inside
// another: folded (NFKC, lower case) with white space removed.
func matchForm(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, fold.String(s))
}

// folded is the matching form (NFKC, lower case) with spaces kept.
func folded(s string) string { return fold.String(s) }

// visibleLen counts what a reader sees as characters: runes, less the
// invisible joiners and variation selectors that build one emoji.
func visibleLen(s string) int {
	n := 0
	for _, r := range s {
		if r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) {
			continue
		}
		n++
	}
	return n
}

// abbreviations that end with a period without ending a sentence (folded).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gov": true, "sen": true, "rep": true, "st": true,
	"jr": true, "sr": true, "gen": true, "lt": true, "col": true, "prof": true, "no": true, "vs": true,
	"inc": true, "corp": true, "co": true, "u.s": true, "u.k": true, "e.g": true, "i.e": true, "mt": true,
	"г": true, "гг": true, "тыс": true, "млн": true, "млрд": true, "ул": true, "им": true, "т.е": true,
	"т.д": true, "пгт": true, "кв": true, "стр": true, "см": true, "д": true, "р": true,
}

// sentences splits a text as a careful reader counts its sentences: every
// line break ends one; inside a line 。！？ end one outside brackets, and
// . ! ? end one before a space and a capital, a digit or a quotation mark,
// unless the word before is an abbreviation or an initial. Hashtags, bare
// URLs and label lines (fewer than 8 characters of Japanese or 4 words)
// are not sentences.
func sentences(text string) []string {
	var out []string
	for ln := range strings.SplitSeq(text, "\n") {
		for _, s := range splitLine(strings.TrimSpace(ln)) {
			if isSentence(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func isSentence(s string) bool {
	if s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "http") {
		return false
	}
	if scriptOf(s) == "ja" {
		return visibleLen(s) >= 8
	}
	return len(strings.Fields(s)) >= 4
}

func splitLine(s string) []string {
	rs := []rune(s)
	var out []string
	start, depth := 0, 0
	cut := func(end int) {
		// closing marks stay with the sentence they close
		for end < len(rs) && strings.ContainsRune("」』）)”\"»’", rs[end]) {
			end++
		}
		if p := strings.TrimSpace(string(rs[start:end])); p != "" {
			out = append(out, p)
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case strings.ContainsRune("「『（(", r):
			depth++
		case strings.ContainsRune("」』）)", r):
			depth = max(depth-1, 0)
		case depth == 0 && strings.ContainsRune("。！？", r):
			cut(i + 1)
		case depth == 0 && strings.ContainsRune(".!?", r) && endsWesternSentence(rs, i):
			cut(i + 1)
		}
	}
	cut(len(rs))
	return out
}

// endsWesternSentence reports whether the . ! ? at rs[i] ends a sentence.
func endsWesternSentence(rs []rune, i int) bool {
	j := i + 1
	for j < len(rs) && strings.ContainsRune("\"”»’)", rs[j]) {
		j++
	}
	if j >= len(rs) || !unicode.IsSpace(rs[j]) {
		return false
	}
	for j < len(rs) && unicode.IsSpace(rs[j]) {
		j++
	}
	if j >= len(rs) {
		return false
	}
	next := rs[j]
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("\"“«—–-'‘", next) {
		return false
	}
	if rs[i] != '.' {
		return true
	}
	k := i
	for k > 0 && (unicode.IsLetter(rs[k-1]) || rs[k-1] == '.') {
		k--
	}
	word := strings.ToLower(string(rs[k:i]))
	if abbreviations[word] {
		return false
	}
	// an initial: one capital letter (В. Путин, J. Smith)
	return !(i-k == 1 && unicode.IsUpper(rs[k]))
}

// nounish: a character that can end a noun before a particle.
func nounish(r rune) bool {
	return isKanji(r) || isKatakana(r) || unicode.IsLetter(r) && r < 0x250 || unicode.IsDigit(r) ||
		strings.ContainsRune("）)」』】0123456789０１２３４５６７８９%％Q", r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func runeBefore(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
