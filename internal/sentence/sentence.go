// Package sentence owns where a sentence ends in Japanese, English and
// Russian text: the digest splits items into sentences with Split, and
// Telegram text is cut between sentences with Pieces. It knows the
// terminators of each script (。！？ and . ! ? …), the brackets and quotes
// inside which a terminator ends nothing (「…。…」 stays whole), the marks
// that trail a sentence (」 ” » ）), and the abbreviations and initials after
// which a period goes on (Mr., U.S., г., т.е., J. K.).
package sentence

import (
	"maps"
	"strings"
	"unicode"
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

// abbreviations that end with a period but rarely end a sentence.
var abbrevEN = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"no": true, "gen": true, "gov": true, "sen": true, "rep": true, "rev": true, "col": true, "lt": true,
	"sgt": true, "capt": true, "cmdr": true, "adm": true, "maj": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "u.s": true, "u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true, "approx": true,
	"fig": true, "est": true, "dept": true, "univ": true, "mt": true, "ft": true, "vol": true, "pp": true,
}

var abbrevRU = map[string]bool{
	"г": true, "гг": true, "т.е": true, "т.д": true, "т.п": true, "т.к": true, "т.н": true, "др": true,
	"им": true, "ул": true, "д": true, "см": true, "стр": true, "проф": true, "акад": true, "ген": true, "пр": true, "н.э": true, "вв": true,
	"ст": true, "обл": true, "пос": true, "ок": true, "прим": true,
}

// sentenceStarters let "U.S." end a sentence when a typical opener follows.
var sentenceStarters = map[string]bool{
	"The": true, "It": true, "He": true, "She": true, "They": true, "But": true, "In": true, "A": true,
	"This": true, "We": true, "That": true, "Its": true, "His": true, "Her": true, "There": true,
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
// an English or Russian line that stops mid-sentence continues on the next
// line when that starts in lowercase. Sentences are returned trimmed, never
// empty, and in order; together they hold every non-space character of text.
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

func continues(line, next string) bool {
	t := strings.TrimRightFunc(line, unicode.IsSpace)
	n := strings.TrimLeftFunc(next, unicode.IsSpace)
	if t == "" || n == "" {
		return false
	}
	last := []rune(t)
	if isTrailer(last[len(last)-1]) || last[len(last)-1] == ':' {
		return false
	}
	first := []rune(n)[0]
	return unicode.IsLower(first)
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

// ends returns the rune index just past each sentence end in one line: the
// terminator and the marks trailing it.
func ends(rs []rune, lang string) []int {
	in := Protected(rs)
	var out []int
	for i := 0; i < len(rs); i++ {
		term := i
		if lang != "ja" && !in[i] && i > 0 && (closerOf[rs[i]] != 0 || rs[i] == '"') && isTerminator(rs[i-1], lang) &&
			!(lang == "" && isCJKStop(rs[i-1])) {
			term = i - 1 // “Come.” Then…: the quote closes the sentence
		} else if in[i] || !isTerminator(rs[i], lang) {
			continue
		}
		end := i + 1
		for end < len(rs) && isTrailer(rs[end]) {
			end++
		}
		if endsHere(rs, term, end, lang) {
			out = append(out, end)
		}
		i = end - 1
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

// endsHere decides whether the terminator at i (with trailers up to end)
// ends a sentence.
func endsHere(rs []rune, i, end int, lang string) bool {
	if lang == "ja" && rs[i] != '.' || lang == "" && isCJKStop(rs[i]) {
		return true
	}
	// Western punctuation needs a space (or the end) after it: 3.5, e.g.x, URLs.
	if end < len(rs) && !unicode.IsSpace(rs[end]) {
		// A Japanese sentence may follow Western punctuation directly.
		return lang == "ja" || IsCJK(rs[end])
	}
	j := end
	for j < len(rs) && unicode.IsSpace(rs[j]) {
		j++
	}
	if j == len(rs) {
		return true
	}
	next := rs[j]
	if unicode.IsLower(next) {
		return false
	}
	if rs[i] != '.' {
		return true
	}
	// The word before the period.
	k := i
	for k > 0 && (unicode.IsLetter(rs[k-1]) || rs[k-1] == '.') {
		k--
	}
	word := string(rs[k:i])
	lw := strings.ToLower(word)
	if rl := []rune(word); len(rl) == 1 && unicode.IsUpper(rl[0]) {
		return false // an initial: J. Smith, В. Путин
	}
	if (lang == "ru" || lang == "" && cyrillic(word)) && abbrevRU[lw] {
		return false
	}
	if abbrevEN[lw] {
		if lw == "u.s" || lw == "u.k" || lw == "u.n" || lw == "e.u" || lw == "etc" || lw == "a.m" || lw == "p.m" {
			w := j
			for w < len(rs) && unicode.IsLetter(rs[w]) {
				w++
			}
			return sentenceStarters[string(rs[j:w])]
		}
		return false
	}
	if unicode.IsDigit(next) && (lw == "no" || lw == "nos") {
		return false
	}
	return true
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
