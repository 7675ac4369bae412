package db

import (
	"strings"
	"unicode"

	"briefbot/internal/fold"
)

// The index and the queries fold text the one way the whole bot matches
// text (internal/fold: NFKC, then lower case); the snippet highlighter folds
// rune by rune, taking fold.Rune's fast path where NFKC leaves a rune alone.
var (
	normalize = fold.String
	foldRune  = fold.Rune
)

// isCJK reports whether r belongs to a script written without spaces. The
// prolonged sound mark and iteration marks are Common script in Unicode but
// live inside Japanese words.
func isCJK(r rune) bool {
	switch r {
	case 'ー', '々', '〆', 'ヶ', 'ゝ', 'ゞ', 'ヽ', 'ヾ':
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// segment is a maximal run of normalised text: a CJK run or a word of
// another script (Latin, Cyrillic, digits).
type segment struct {
	text string
	cjk  bool
}

// segments splits normalised text into CJK runs and words; everything else
// separates them.
func segments(s string) []segment {
	var out []segment
	var cur []rune
	curCJK := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, segment{text: string(cur), cjk: curCJK})
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case isCJK(r):
			if !curCJK {
				flush()
			}
			curCJK = true
			cur = append(cur, r)
		case isWordRune(r):
			if curCJK {
				flush()
			}
			curCJK = false
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// bigrams appends the index tokens of a CJK run: its overlapping character
// bigrams followed by its last character alone. Every character of the run
// thus starts some token, so a one-character query is a prefix query, and a
// longer one a phrase of consecutive bigrams.
func bigrams(dst []string, run string) []string {
	rs := []rune(run)
	for i := 0; i+1 < len(rs); i++ {
		dst = append(dst, string(rs[i:i+2]))
	}
	return append(dst, string(rs[len(rs)-1]))
}

// indexText returns the space-separated token form of s that is stored in
// the FTS5 columns (whose unicode61 tokenizer then splits it on spaces).
func indexText(s string) string {
	var toks []string
	for _, seg := range segments(normalize(s)) {
		if seg.cjk {
			toks = bigrams(toks, seg.text)
		} else {
			toks = append(toks, seg.text)
		}
	}
	return strings.Join(toks, " ")
}

// charsText returns the distinct CJK characters of s, space-separated, for
// the story_chars table.
func charsText(s string) string {
	seen := map[rune]bool{}
	var b strings.Builder
	for _, r := range normalize(s) {
		if isCJK(r) && !seen[r] {
			seen[r] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Query limits: anything longer is cut, never rejected.
const (
	maxQueryRunes = 200
	maxQueryWords = 8
	// Cyrillic words this long match as prefixes, so that Russian
	// inflections (Путин → Путина, Путину) match; Latin words match whole.
	prefixMinRunes = 4
)

// queryWord is one whitespace-separated word of a query: its FTS5 phrase
// and what the snippet highlighter looks for.
type queryWord struct {
	phrase string   // a quoted FTS5 string, possibly followed by *
	toks   []string // the phrase's index tokens, for matching a headline in Go
	char   string   // set for a one-character CJK word, looked up in story_chars
	norm   string   // the normalised word, separators removed
	segs   []segment
	prefix bool
}

// parseQuery turns user text into quoted FTS5 phrases, ANDed. User text never
// reaches FTS5 as syntax: every token is letters or digits only, and each
// phrase is built here and quoted, so quotes, operators, parentheses and
// stars in the input are only separators.
func parseQuery(text string) (expr string, words []queryWord) {
	rs := []rune(normalize(text))
	if len(rs) > maxQueryRunes {
		rs = rs[:maxQueryRunes]
	}
	seen := map[string]bool{}
	for _, field := range strings.FieldsFunc(string(rs), unicode.IsSpace) {
		segs := segments(field)
		if len(segs) == 0 {
			continue
		}
		var toks []string
		var normWord strings.Builder
		for i, seg := range segs {
			normWord.WriteString(seg.text)
			if !seg.cjk {
				toks = append(toks, seg.text)
				continue
			}
			if i < len(segs)-1 {
				// Something follows in the same word: the indexed run ends here
				// too, so its last-character token is part of the phrase.
				toks = bigrams(toks, seg.text)
				continue
			}
			// The last run may continue in the text: drop the trailing single
			// character token unless it is the whole run.
			toks = bigrams(toks, seg.text)
			if len([]rune(seg.text)) > 1 {
				toks = toks[:len(toks)-1]
			}
		}
		last := segs[len(segs)-1]
		n := len([]rune(last.text))
		w := queryWord{norm: normWord.String(), segs: segs, toks: toks}
		w.prefix = (last.cjk && n == 1) || (!last.cjk && n >= prefixMinRunes && isCyrillic(last.text))
		if len(segs) == 1 && last.cjk && n == 1 {
			w.char = last.text
		}
		w.phrase = `"` + strings.Join(toks, " ") + `"`
		if w.prefix {
			w.phrase += "*"
		}
		if seen[w.phrase] {
			continue
		}
		seen[w.phrase] = true
		words = append(words, w)
		if len(words) == maxQueryWords {
			break
		}
	}
	phrases := make([]string, len(words))
	for i, w := range words {
		phrases[i] = w.phrase
	}
	return strings.Join(phrases, " AND "), words
}

func isCyrillic(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return true
}

// matchExprs splits a parsed query into the story_fts expression (phrases)
// and the story_chars expression (single characters); either may be empty.
func matchExprs(words []queryWord) (fts, chars string) {
	var ph, ch []string
	for _, w := range words {
		if w.char != "" {
			ch = append(ch, `"`+w.char+`"`)
		} else {
			ph = append(ph, w.phrase)
		}
	}
	return strings.Join(ph, " AND "), strings.Join(ch, " AND ")
}
