package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cue matches a sentence against a list of words and, for what a word
// cannot say, regular expressions: one anywhere, one at the end. A big
// alternation of literals is slow in RE2, and so is an expression anchored
// at the end, which RE2 tries from every position; a scan for each word and
// an end expression run on the sentence's last bytes are not.
type cue struct {
	words []cueWord
	// bounded: the words match whole words, case folded (English,
	// Russian); else anywhere as written (Japanese).
	bounded bool
	re      *regexp.Regexp // anywhere; nil for none
	// vetoed lists runes that cancel a match of re right after them.
	vetoed string
	end    *regexp.Regexp // ends in $; nil for none
}

// endBytes is how much of a sentence's end an end expression reads: the
// longest ending (ってやみません。) is 24 bytes.
const endBytes = 64

// cueWord is one word of a cue; a stem takes any ending.
type cueWord struct {
	text string
	stem bool
}

// pattern is a cue of a regular expression alone.
func pattern(re string) *cue { return &cue{re: regexp.MustCompile(re)} }

// ends is a cue of an expression anchored at the end alone.
func ends(re string) *cue { return &cue{end: regexp.MustCompile(re)} }

// literal is a cue of |-separated words (a trailing * makes a stem) and an
// optional regular expression.
func literal(bounded bool, words, re string) *cue {
	c := &cue{bounded: bounded}
	for _, w := range strings.Split(words, "|") {
		stem := strings.HasSuffix(w, "*")
		c.words = append(c.words, cueWord{text: strings.TrimSuffix(w, "*"), stem: stem})
	}
	if re != "" {
		c.re = regexp.MustCompile(re)
	}
	return c
}

// ending adds an expression anchored at the end.
func (c *cue) ending(re string) *cue {
	c.end = regexp.MustCompile(re)
	return c
}

// notAfter sets the runes that cancel a match of the cue's expression.
func (c *cue) notAfter(runes string) *cue {
	c.vetoed = runes
	return c
}

// folded is a sentence as it is and as bounded cues read it: lower case,
// straight apostrophes. Positions are compared only in Japanese, which is
// never folded.
type folded struct{ raw, lower string }

// foldCue prepares s for the cues of a language: bounded for English and
// Russian.
func foldCue(s string, bounded bool) folded {
	f := folded{raw: s, lower: s}
	if bounded {
		f.lower = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	}
	return f
}

// lastEnd is the end of the last match in s, -1 for none.
func (c *cue) lastEnd(s folded) int {
	end := c.wordsEnd(s)
	if c.re != nil {
		for _, m := range c.re.FindAllStringIndex(s.raw, -1) {
			if c.allowed(s.raw, m[0]) {
				end = max(end, m[1])
			}
		}
	}
	if c.end != nil {
		from := tailStart(s.raw)
		if m := c.end.FindStringIndex(s.raw[from:]); m != nil {
			end = max(end, from+m[1])
		}
	}
	return end
}

// match reports whether the cue is in s.
func (c *cue) match(s folded) bool {
	switch {
	case c.end != nil && c.end.MatchString(s.raw[tailStart(s.raw):]):
		return true
	case c.re != nil && c.vetoed == "" && c.re.MatchString(s.raw):
		return true
	case c.re != nil && c.vetoed != "":
		return c.lastEnd(s) >= 0
	}
	return c.wordsEnd(s) >= 0
}

// allowed reports a match of re at i that no vetoed rune precedes.
func (c *cue) allowed(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !strings.ContainsRune(c.vetoed, r)
}

// tailStart is where the last endBytes of s begin, on a rune boundary.
func tailStart(s string) int {
	i := max(len(s)-endBytes, 0)
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// wordsEnd is the end of the last word of the cue in s, -1 for none.
func (c *cue) wordsEnd(s folded) int {
	text := s.raw
	if c.bounded {
		text = s.lower
	}
	end := -1
	for _, w := range c.words {
		for from := 0; ; {
			i := strings.Index(text[from:], w.text)
			if i < 0 {
				break
			}
			i += from
			e := i + len(w.text)
			if !c.bounded || wordStart(text, i) && (w.stem || wordEnd(text, e)) {
				end = max(end, e)
			}
			from = i + 1
		}
	}
	return end
}

// wordStart and wordEnd report a word boundary before i and at e.
func wordStart(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func wordEnd(s string, e int) bool {
	r, _ := utf8.DecodeRuneInString(s[e:])
	return e == len(s) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
