package digest

import (
	"slices"
	"strings"
	"unicode"
)

// ownWords removes from text what it quotes (inside 「」, “”, «», "", ‘’ and
// brackets), keeping the marks and the line breaks, so that what remains is
// the writer's. Brackets pair across lines (a statement quoted over several
// paragraphs); straight quotes pair within a line, since an unmatched one
// would shift every pair after it. A paragraph that opens a quotation and
// does not close it is quoted whole: in English the next paragraph of the
// same quotation opens again.
func ownWords(text string) string {
	rs := []rune(text)
	masked := make([]rune, len(rs))
	for i, r := range rs {
		if r == '"' {
			r = ' '
		}
		masked[i] = r
	}
	in := protected(masked, "")
	single := singleQuoted(rs)
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && rs[end] != '\n' {
			end++
		}
		quoteLine(rs[start:end], in[start:end])
		start = end + 1
	}
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range rs {
		if (in[i] || single[i]) && r != '\n' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// quoteLine marks the straight-quoted parts of one line in in, and the
// whole line when it opens a quotation that it does not close.
func quoteLine(line []rune, in []bool) {
	var quotes []int
	for i, r := range line {
		if r == '"' {
			quotes = append(quotes, i)
		}
	}
	for k := 0; k+1 < len(quotes); k += 2 {
		for i := quotes[k] + 1; i < quotes[k+1]; i++ {
			in[i] = true
		}
	}
	if len(quotes)%2 == 1 {
		// An opening mark left over (after a space or a colon, before a
		// word) quotes to the end of the paragraph; a closing one left
		// over ("…," he said.") quotes nothing.
		q := quotes[len(quotes)-1]
		if (q == 0 || unicode.IsSpace(line[q-1]) || line[q-1] == ':') && q+1 < len(line) && !unicode.IsSpace(line[q+1]) {
			for i := q + 1; i < len(line); i++ {
				in[i] = true
			}
		}
	}
	first := 0
	for first < len(line) && unicode.IsSpace(line[first]) {
		first++
	}
	if first == len(line) {
		return
	}
	open := line[first]
	unclosed := open == '"' && len(quotes)%2 == 1
	if c, ok := bracketPairs[open]; ok && open != '（' && open != '(' && open != '【' && open != '［' {
		unclosed = !slices.Contains(line[first+1:], c)
	}
	if unclosed {
		for i := first + 1; i < len(line); i++ {
			in[i] = true
		}
	}
}

// singleQuoted marks text inside ‘…’ on one line: an apostrophe (don’t) is
// a closing mark between letters, a closing quote is not.
func singleQuoted(rs []rune) []bool {
	in := make([]bool, len(rs))
	open := -1
	for i, r := range rs {
		switch {
		case r == '\n':
			open = -1
		case r == '‘':
			open = i
		case r == '’' && open >= 0 && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])):
			for k := open + 1; k < i; k++ {
				in[k] = true
			}
			open = -1
		}
	}
	return in
}

// stripQuoteMarks drops quotation marks and brackets: a sentence with no
// letter left is nothing but someone's quoted words.
func stripQuoteMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := bracketPairs[r]; ok {
			return -1
		}
		if _, ok := closerOf[r]; ok {
			return -1
		}
		if r == '"' || r == '‘' || r == '’' {
			return -1
		}
		return r
	}, s)
}
