package digest

import "unicode"

// quoteOpeners pairs each opening quotation mark with its closer.
var quoteOpeners = map[rune]rune{'「': '」', '“': '”', '«': '»'}

// minQuote is the shortest quotation worth comparing; sharedQuoteRunes is
// how many consecutive runes two quotations must share to be the same
// words: "誰がテロリストと" is one remark reported twice, while short
// stock phrases (「遺憾だ」) say nothing about the event.
const (
	minQuote         = 6
	sharedQuoteRunes = 8
)

// quotations returns the folded quotations in s (not nested ones), each at
// least minQuote runes long.
func quotations(s string) [][]rune {
	var out [][]rune
	rs := []rune(fold(s))
	for i := 0; i < len(rs); i++ {
		closer, ok := quoteOpeners[rs[i]]
		if !ok {
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] != closer && rs[j] != '\n' {
			j++
		}
		if j < len(rs) && rs[j] == closer && j-i-1 >= minQuote {
			out = append(out, rs[i+1:j])
		}
		i = j
	}
	return out
}

// shareQuote reports whether any quotation of a and any of b share a run
// of words: sharedQuoteRunes consecutive runes, minContent of them kanji,
// katakana or letters. "誰がテロリストと" is one remark reported twice;
// "なければならない" is grammar any two quotes share.
func shareQuote(a, b [][]rune) bool {
	for _, x := range a {
		for _, y := range b {
			if sameWords(x, y) {
				return true
			}
		}
	}
	return false
}

// minContent is how many runes of a shared run must carry meaning.
const minContent = 4

// sameWords reports whether x and y share such a run (longest common
// substring by dynamic programming; quotations are short).
func sameWords(x, y []rune) bool {
	if len(x) < sharedQuoteRunes || len(y) < sharedQuoteRunes {
		return false
	}
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			if x[i-1] != y[j-1] {
				cur[j] = 0
				continue
			}
			cur[j] = prev[j-1] + 1
			if cur[j] >= sharedQuoteRunes && contentRunes(x[i-cur[j]:i]) >= minContent {
				return true
			}
		}
		prev, cur = cur, prev
	}
	return false
}

// contentRunes counts the runes of rs that are not hiragana, punctuation
// or space.
func contentRunes(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Hiragana, r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
