// Package sentence owns where a sentence ends in Japanese, English and
// Russian text: the digest splits items into sentences with Split, and
// Telegram text is cut between sentences with Pieces. It knows the
// terminators of each script (。！？ and . ! ? …), the brackets and quotes
// inside which a terminator ends nothing (「…。…」 stays whole), the marks
// that trail a sentence (」 ” » ）), list items (1. … 2. …, а) …, • …, a
// line led by a dash), ellipses (… ... . . .), wire datelines, and the
// abbreviations and initials after which a period goes on (Mr. Smith,
// p. 55, пгт. Сосновка, В.В. Путин) or ends the sentence (in the U.S. How…,
// в 1975 г. Сейчас…), which it decides by what follows them.
package sentence

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bracketPairs maps each opener to its closer. A terminator inside a matched
// pair never ends a sentence, so 「…。…」 stays whole; unmatched openers (the
// seed has 【 without 】) are ignored rather than swallowing the line.
var bracketPairs = map[rune]rune{
	'「': '」', '『': '』', '（': '）', '(': ')', '【': '】', '“': '”', '«': '»', '〈': '〉', '《': '》', '［': '］',
}

var closerOf = func() map[rune]rune {
	m := map[rune]rune{}
	for o, c := range bracketPairs {
		m[c] = o
	}
	return m
}()

// trailing marks that belong to the sentence they follow.
func isTrailer(r rune) bool {
	switch r {
	case '」', '』', '）', ')', '】', '”', '»', '"', '\'', '’', '〉', '》', '］',
		'。', '．', '！', '？', '!', '?', '…', '.':
		return true
	}
	return false
}

// Brackets returns a copy of the paired brackets and quotes, opener →
// closer. A terminator between a matched pair never ends a sentence;
// unmatched openers (a feed's 【 without 】) are ignored rather than
// swallowing the line.
func Brackets() map[rune]rune { return maps.Clone(bracketPairs) }

// Closers returns a copy of Brackets inverted: closer → opener.
func Closers() map[rune]rune { return maps.Clone(closerOf) }

// Split splits text into whole sentences for lang: "ja", "en" or "ru";
// any other value (the language is not known) judges each terminator by its
// own script, as Pieces does. A line break always ends a Japanese sentence;
// an English or Russian line that stops mid-sentence or after an
// abbreviation continues on the next line when that starts in lowercase
// and opens no list item. Every list item is a sentence. Sentences are
// returned trimmed, never empty, and in order; together they hold every
// non-space character of text.
func Split(text, lang string) []string {
	lang = known(lang)
	lines := strings.Split(text, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if lang != "ja" {
			// Hard-wrapped prose: join while the line does not end a sentence
			// and the next begins in lowercase.
			for i+1 < len(lines) && continues(line, lines[i+1]) {
				line = strings.TrimRightFunc(line, unicode.IsSpace) + " " + strings.TrimLeftFunc(lines[i+1], unicode.IsSpace)
				i++
			}
		}
		out = splitLine(line, lang, out)
	}
	return out
}

// continues reports a hard-wrapped line: it stops mid-sentence, or after an
// abbreviation (т.е., e.g.), and the next line goes on in lower case
// without opening a list item.
func continues(line, next string) bool {
	t := []rune(strings.TrimRightFunc(line, unicode.IsSpace))
	n := strings.TrimLeftFunc(next, unicode.IsSpace)
	if len(t) == 0 || n == "" || startsItem(n) {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(n); !unicode.IsLower(first) {
		return false
	}
	last := t[len(t)-1]
	if last == '.' {
		s := stop{rs: t, t: len(t) - 1, next: len(t)}
		return s.abbr() != word
	}
	return !isTrailer(last) && last != ':'
}

// Pieces cuts text where a long message may be cut: after each line break
// and after each sentence end together with the spaces that follow it. No
// byte is lost or moved: the pieces concatenated give text back. lang is as
// for Split; with an unknown language 。！？ end sentences as in Japanese and
// . ! ? … as in English or Russian, which suits a message mixing scripts.
// Unlike Split, a line that stops mid-sentence is not joined to the next:
// a line break is always a place to cut.
func Pieces(text, lang string) []string {
	lang = known(lang)
	var out []string
	for text != "" {
		line, rest, nl := strings.Cut(text, "\n")
		rs := []rune(line)
		// off[i] is the byte offset of rs[i]; each invalid byte is one rune.
		off := make([]int, 0, len(rs)+1)
		for i := range line {
			off = append(off, i)
		}
		off = append(off, len(line))
		start := 0
		for _, end := range ends(rs, lang) {
			// The spaces after a sentence stay with it: the next piece
			// starts with its first word.
			for end < len(rs) && unicode.IsSpace(rs[end]) {
				end++
			}
			if off[end] > start {
				out = append(out, line[start:off[end]])
				start = off[end]
			}
		}
		if nl {
			out = append(out, line[start:]+"\n")
		} else if start < len(line) {
			out = append(out, line[start:])
		}
		text = rest
	}
	return out
}

// known maps a language Split has no rules of its own for to "", whose
// rules follow each terminator's script.
func known(lang string) string {
	switch lang {
	case "ja", "en", "ru":
		return lang
	}
	return ""
}

// Protected marks the runes that sit inside a matched bracket pair or a
// pair of straight double quotes: text quoted there is someone's words, and
// its terminators end no sentence of the text around it.
func Protected(rs []rune) []bool {
	type open struct {
		r rune
		i int
	}
	var stack []open
	depth := make([]int, len(rs)+1)
	// Straight double quotes pair in order when their count is even.
	var quotes []int
	for i, r := range rs {
		if r == '"' {
			quotes = append(quotes, i)
		}
	}
	if len(quotes)%2 == 1 {
		quotes = quotes[:len(quotes)-1]
	}
	for k := 0; k+1 < len(quotes); k += 2 {
		depth[quotes[k]+1]++
		depth[quotes[k+1]]--
	}
	for i, r := range rs {
		if _, ok := bracketPairs[r]; ok {
			stack = append(stack, open{r, i})
			continue
		}
		if o, ok := closerOf[r]; ok {
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].r == o {
					depth[stack[k].i+1]++
					depth[i]--
					stack = stack[:k]
					break
				}
			}
		}
	}
	in := make([]bool, len(rs))
	d := 0
	for i := range rs {
		d += depth[i]
		in[i] = d > 0
	}
	return in
}

func splitLine(line, lang string, out []string) []string {
	rs := []rune(line)
	start := 0
	for _, end := range append(ends(rs, lang), len(rs)) {
		if s := strings.TrimFunc(string(rs[start:end]), unicode.IsSpace); s != "" {
			out = append(out, s)
		}
		start = end
	}
	return out
}

// isCJKStop reports the Japanese terminators, which end a sentence wherever
// they stand outside brackets.
func isCJKStop(r rune) bool {
	switch r {
	case '。', '！', '？', '．':
		return true
	}
	return false
}

func isTerminator(r rune, lang string) bool {
	switch r {
	case '。', '！', '？', '．':
		return true
	case '!', '?':
		return true
	case '.', '…':
		return lang != "ja"
	}
	return false
}

// IsCJK reports a rune of the scripts Japanese is written in (Han,
// Hiragana, Katakana): such text needs no space after a stop, nor between
// words.
func IsCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func cyrillic(word string) bool {
	for _, r := range word {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
