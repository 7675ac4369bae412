package sentence

import (
	"strings"
	"unicode"
)

// ends returns where each sentence of one line ends, as rune indexes just
// past the terminator and the marks trailing it, or at the start of a list
// item run into the line.
func ends(rs []rune, lang string) []int {
	in := Protected(rs)
	items, marks := listItems(rs, in)
	var out []int
	start := 0 // the first rune of the sentence being read
	cut := func(at int) {
		if at > start && strings.TrimSpace(string(rs[start:at])) != "" {
			out = append(out, at)
			start = at
			for start < len(rs) && unicode.IsSpace(rs[start]) {
				start++
			}
		}
	}
	for i := 0; i < len(rs); i++ {
		for len(items) > 0 && items[0] <= i {
			cut(items[0])
			items = items[1:]
		}
		if in[i] || marks != nil && marks[i] {
			continue
		}
		s := stop{rs: rs, start: start}
		switch {
		case i > 0 && in[i-1] && isCloser(rs[i]) && isCJKStop(rs[i-1]):
			// 「準備はできている。」大臣は…: the quote ends the sentence,
			// unless a particle ties it to what follows (。」と述べた).
			s.t, s.end = i-1, trail(rs, i)
			if s.afterJapaneseQuote() {
				cut(s.end)
			}
		case i > 0 && in[i-1] && isCloser(rs[i]) && isTerminator(rs[i-1], lang) && lang != "ja":
			// “Come.” Then…: the quote closes the sentence with it.
			s.t, s.end = i-1, trail(rs, i)
			if s.western() {
				cut(s.end)
			}
		case isCJKStop(rs[i]):
			if rs[i] == '．' && i+1 < len(rs) && (unicode.IsDigit(rs[i+1]) || unicode.Is(unicode.Latin, rs[i+1])) {
				continue // ２．５％, Ｎｏ．１
			}
			s.t, s.end = i, trail(rs, i+1)
			cut(s.end)
		case lang == "ja" && (rs[i] == '!' || rs[i] == '?'):
			s.t, s.end = i, trail(rs, i+1)
			cut(s.end)
		case isTerminator(rs[i], lang):
			s.t = i
			s.end = s.run()
			if s.western() {
				if s.split > 0 {
					cut(s.split)
				} else {
					cut(s.end)
				}
			}
		default:
			continue
		}
		if s.end > i {
			i = s.end - 1
		}
	}
	return out
}

// stop is one candidate sentence end: the terminator at t, the run of
// stops and closing marks up to end, and the sentence it may end, which
// began at start.
type stop struct {
	rs       []rune
	start    int
	t, end   int
	next     int  // where the text after the stop begins
	dots     int  // the periods of a spaced ellipsis (. . .), else 0
	bang     bool // the run holds ! or ?
	ellipsis bool // … or two or more periods in a row
	split    int  // a cut other than end: after the period that a spaced ellipsis follows
	detached bool // the run stands apart from the word before it
}

func isCloser(r rune) bool { return closerOf[r] != 0 || r == '"' }

// trail returns the index past the closing marks and stops from i on.
func trail(rs []rune, i int) int {
	for i < len(rs) && isTrailer(rs[i]) {
		i++
	}
	return i
}

// run reads the stops from t: a spaced ellipsis (. . . .) as one run, else
// the stops and closing marks that follow each other.
func (s *stop) run() int {
	rs, t := s.rs, s.t
	s.detached = t == s.start || t > 0 && unicode.IsSpace(rs[t-1])
	if rs[t] == '.' {
		k, n := t, 1
		for k+2 < len(rs) && rs[k+1] == ' ' && rs[k+2] == '.' {
			k += 2
			n++
		}
		if n >= 3 {
			s.dots = n
			return trail(rs, k+1)
		}
	}
	end := t
	for end < len(rs) && isTrailer(rs[end]) {
		switch rs[end] {
		case '!', '?', '！', '？':
			s.bang = true
		case '…':
			s.ellipsis = true
		case '.':
			if end > t && rs[end-1] == '.' {
				s.ellipsis = true
			}
		}
		end++
	}
	return end
}

// western decides whether a run of . ! ? … ends the sentence in English,
// Russian, or text of no known language.
func (s *stop) western() bool {
	rs := s.rs
	if s.end < len(rs) && !unicode.IsSpace(rs[s.end]) {
		// 3.5, e.g.x, URLs, Jr.'s: punctuation needs a space after it,
		// though a Japanese sentence may follow one directly.
		return IsCJK(rs[s.end]) && (rs[s.t] != '.' || s.abbr() == word)
	}
	j := s.end
	for j < len(rs) && unicode.IsSpace(rs[j]) {
		j++
	}
	if j == len(rs) {
		return true
	}
	s.next = j
	nx, w := nextAt(rs, j)
	if nx == lower || nx == dashLower {
		return false // «…?» — спросил он; Yahoo! in the accounting department
	}
	switch {
	case s.bang:
		return true
	case s.dots > 0:
		if !s.detached && s.dots >= 4 {
			// compounds. . . . The: the period ends the sentence and the
			// ellipsis opens the next.
			s.split = s.t + 1
			return true
		}
		// An ellipsis standing apart marks words left out: with a fourth
		// period it ends the sentence (close . . . . Then), without it
		// the sentence goes on (really . . . I mean).
		return s.dots >= 4
	case s.ellipsis:
		return !s.detached
	}
	if s.dateline(j) {
		return false
	}
	k := s.abbr()
	var ends bool
	switch k {
	case word:
		ends = true
	case final:
		// A Russian sentence does not open with a figure: 2 ч. 30 мин.,
		// ч. 2 ст. 205 go on; nor do initials part (Смирнова О. В.).
		ends = nx != paren && nx != initial && !(nx == digit && s.cyrillicBefore())
	case title, inner, pre:
		ends = false
	case ref:
		ends = nx != digit && nx != roman && nx != paren
	case modifier:
		ends = nx == function || nx == titleNext || nx == quote || nx == digit || nx == other
	case clock:
		lw := strings.ToLower(w)
		ends = nx != paren && !weekdays[lw] && !months[lw] && !(nx == content && strings.ToUpper(w) == w)
	}
	if ends && k != word && s.openingPhrase() {
		return false // At 5 a.m. Mr. Smith went…; В 2010 г. Москва…
	}
	return ends
}

// cyrillicBefore reports a Russian word before the stop.
func (s *stop) cyrillicBefore() bool {
	b, e := tokenBefore(s.rs, s.t)
	return cyrillic(string(s.rs[b:e]))
}

// afterJapaneseQuote decides a quotation closed after 。！？: a particle
// (と, って, の…) ties it to the sentence going on; anything else starts a
// new one.
func (s *stop) afterJapaneseQuote() bool {
	rest := strings.TrimLeftFunc(string(s.rs[s.end:]), unicode.IsSpace)
	r := []rune(rest)
	if len(r) == 0 || !unicode.Is(unicode.Hiragana, r[0]) {
		return true
	}
	for _, w := range []string{"これ", "それ", "あれ", "この", "その", "あの", "こう", "そう", "しかし", "そして",
		"また", "まず", "さらに", "ただ", "なお", "もし", "だが", "だから", "ところ", "つまり", "すると"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// what follows a stop, as the rules need it.
type next uint8

const (
	other     next = iota // a symbol, an emoji, CJK
	lower                 // a lower-case word
	dashLower             // a dash, then a lower-case word: the author's words after a quote
	digit
	paren     // ( or [: a parenthesis goes on with the sentence, as in Mo. (AP)
	quote     // an opening quotation mark
	roman     // IV, XX: a number after vol. or a century
	function  // a capitalised closed-class word: The, How, Он
	titleNext // Mr., Dr., проф.: a name begins
	initial   // J. in J. R. R. Tolkien
	content   // any other capitalised word: Senate, Smith, Путин
)

func nextAt(rs []rune, j int) (next, string) {
	r := rs[j]
	switch {
	case unicode.IsLower(r):
		return lower, ""
	case unicode.IsDigit(r):
		return digit, ""
	case isDash(r):
		k := j + 1
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && k > j+1 && unicode.IsLower(rs[k]) {
			return dashLower, ""
		}
		return other, ""
	case r == '(' || r == '[':
		return paren, ""
	case isOpener(r):
		return quote, ""
	case !unicode.IsUpper(r):
		return other, ""
	}
	k := j
	for k < len(rs) && unicode.IsLetter(rs[k]) {
		k++
	}
	w := string(rs[j:k])
	dot := k < len(rs) && rs[k] == '.'
	switch {
	case dot && k-j == 1:
		return initial, w
	case dot && (enAbbr[w] == title || ruAbbr[strings.ToLower(w)] == title):
		return titleNext, w
	case fnWords[strings.ToLower(w)]:
		return function, w // It's, Let's: the word before the apostrophe
	case isRoman(w):
		return roman, w
	}
	return content, w
}

func isOpener(r rune) bool {
	_, ok := bracketPairs[r]
	return ok || strings.ContainsRune("\"'‘„‚", r)
}

func isRoman(w string) bool {
	return w != "" && strings.Trim(w, "IVXLCDM") == "" && w != "I"
}
