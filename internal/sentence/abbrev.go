package sentence

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbr classifies the word before the period at s.t: what kind of
// abbreviation it is in its place, or word.
func (s *stop) abbr() abbr {
	rs := s.rs
	if rs[s.t] != '.' {
		return word
	}
	b, e := tokenBefore(rs, s.t)
	tok := string(rs[b:e])
	if tok == "" || e < s.t || strings.ContainsAny(tok, "@/") {
		return word // an address, or a period after a bracket or a quote
	}
	ru := cyrillic(tok)
	k, known := word, false
	if pb, pe := tokenBefore(rs, b); pe == b-1 && pe > pb && pe-pb <= 5 && rs[pe-1] == '.' {
		// spaced: т. д., н. э., кв. м.
		k, known = lookup(string(rs[pb:pe])+tok, ru)
	}
	if r := rs[b]; !known && (e-b > 1 || !unicode.IsUpper(r)) {
		// One capital letter is an initial (В. В. Путин) even where a
		// lower-case abbreviation is spelt the same (в. for век).
		k, known = lookup(tok, ru)
	}
	initials := false
	if !known {
		k, initials = shape(tok, ru)
	}
	if initials && b == s.start {
		return title // Q. Where were you? A. At home: a letter alone is no sentence
	}
	if !ru {
		if initials && s.afterNumber(b) {
			return word // 41.4039 N, 2.1744 E.
		}
		return k
	}
	switch {
	case k == title || k == word:
		return k
	case s.afterNumber(b):
		return final // 1975 г., 2 ч., 40 куб. м., 350 руб.: units
	case k == pre && s.nameBefore(b):
		return final // Тверской обл., Ленинскому пр.
	case initials && s.surnameBefore(s.initialsStart(b)) && !surname(wordAt(rs, s.next)):
		// Козлов Д.А. Копия…: initials after a surname close the name,
		// unless a surname follows them (помощник Путина Ю. Ушаков).
		return final
	}
	return k
}

func lookup(tok string, ru bool) (abbr, bool) {
	if ru {
		k, ok := ruAbbr[strings.ToLower(tok)]
		return k, ok
	}
	if k, ok := enAbbr[tok]; ok {
		return k, true
	}
	k, ok := enAbbr[strings.ToLower(tok)]
	return k, ok
}

// shape classifies a word no table knows by its look: initials (J, Л.Н,
// F.B.I), one lower-case letter, dotted lower-case letters, or a word
// without a vowel (пгт, Blvd), which no Russian or English word is.
func shape(tok string, ru bool) (k abbr, initials bool) {
	rs := []rune(tok)
	upper, lowerOnly, dotted, vowel := true, true, false, false
	for i, r := range rs {
		switch {
		case r == '.':
			dotted = true
			if i == 0 || rs[i-1] == '.' {
				return word, false
			}
		case !unicode.IsLetter(r):
			return word, false
		default:
			if i > 0 && rs[i-1] != '.' {
				upper = false // initials are single letters
				if dotted {
					lowerOnly = false
				}
			}
			if !unicode.IsUpper(r) {
				upper = false
			}
			if !unicode.IsLower(r) {
				lowerOnly = false
			}
			if strings.ContainsRune("aeiouyAEIOUYаеёиоуыэюяАЕЁИОУЫЭЮЯ", r) {
				vowel = true
			}
		}
	}
	switch {
	case upper:
		return modifier, true
	case len(rs) == 1 && ru:
		return pre, false
	case len(rs) == 1:
		return ref, false
	case dotted && lowerOnly || !vowel && strings.ToUpper(tok) != tok:
		if ru {
			return pre, false
		}
		return modifier, false
	}
	return word, false
}

// tokenBefore returns the word that ends at i, without the quotes and
// brackets that open it.
func tokenBefore(rs []rune, i int) (b, e int) {
	e = i
	for e > 0 && unicode.IsSpace(rs[e-1]) {
		e--
	}
	b = e
	for b > 0 && !unicode.IsSpace(rs[b-1]) {
		b--
	}
	for b < e && isOpener(rs[b]) {
		b++
	}
	return b, e
}

// afterNumber reports a token that follows a number, directly or after
// other abbreviations (5 тыс. руб., 40 куб. м.): a unit of measure.
func (s *stop) afterNumber(b int) bool {
	for range 3 {
		pb, pe := tokenBefore(s.rs, b)
		if pb < s.start || pb == pe {
			return false
		}
		p := string(s.rs[pb:pe])
		if strings.ContainsAny(p[len(p)-1:], ",;:") {
			return false // д. 12, кв. 7: the number closed its own phrase
		}
		if numeric(p) {
			return true
		}
		if !strings.HasSuffix(p, ".") || strings.ContainsFunc(p[:len(p)-1], func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
			return false
		}
		b = pb
	}
	return false
}

// numeric reports a figure: 1975, 2010–2012, $12.50, 27.10.14, +7 495,
// and the ordinals 5th, 1990-х, 4-й.
func numeric(tok string) bool {
	if i := strings.LastIndexAny(tok, "-–"); i > 0 && utf8.RuneCountInString(tok[i:]) <= 4 {
		if suffix := tok[i+1:]; suffix != "" && !strings.ContainsFunc(suffix, func(r rune) bool { return !unicode.IsLetter(r) }) {
			tok = tok[:i]
		}
	}
	tok = strings.TrimRight(tok, "stndrh")
	return strings.ContainsFunc(tok, unicode.IsDigit) &&
		!strings.ContainsFunc(tok, func(r rune) bool { return !unicode.IsDigit(r) && !strings.ContainsRune(".,:-–/$€£¥%°+№", r) })
}

// nameBefore reports a capitalised name just before b, inside the sentence
// and not its first word (which is capitalised anyway).
func (s *stop) nameBefore(b int) bool {
	pb, pe := tokenBefore(s.rs, b)
	if pb <= s.start || pe-pb < 2 || pe != b-1 {
		return false
	}
	w := s.rs[pb:pe]
	if !unicode.IsUpper(w[0]) || slices.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		return false
	}
	lw := strings.ToLower(string(w))
	return !fnWords[lw] && !prepositions[lw]
}

// surnameBefore reports a surname just before b, inside the sentence.
func (s *stop) surnameBefore(b int) bool {
	pb, pe := tokenBefore(s.rs, b)
	return pb > s.start && pe == b-1 && surname(string(s.rs[pb:pe]))
}

// surname reports a Russian word shaped like a surname: capitalised, not
// an acronym, with a surname's ending (Козлов, Смирнова, Путина,
// Зеленский, Матвиенко).
func surname(w string) bool {
	rs := []rune(w)
	if len(rs) < 4 || !unicode.IsUpper(rs[0]) || strings.ToUpper(w) == w || strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Cyrillic, r) && r != '-' }) {
		return false
	}
	for _, end := range surnameEnds {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// wordAt returns the letters from j on.
func wordAt(rs []rune, j int) string {
	k := j
	for k < len(rs) && (unicode.IsLetter(rs[k]) || rs[k] == '-') {
		k++
	}
	return string(rs[j:k])
}

// initialsStart walks back from the initials at b over the initials
// before them (И. П. Смирнов) and returns where the first begins.
func (s *stop) initialsStart(b int) int {
	for {
		pb, pe := tokenBefore(s.rs, b)
		if pb < s.start || pe != b-1 {
			return b
		}
		p := s.rs[pb:pe]
		if len(p) < 2 || p[len(p)-1] != '.' {
			return b
		}
		if _, initials := shape(string(p[:len(p)-1]), true); !initials {
			return b
		}
		b = pb
	}
}

// openingPhrase reports a sentence that so far holds only a preposition and
// a time or a number (At 5, В 2010–2012): the abbreviation after it closes
// that phrase, not the sentence, which still needs its subject and verb.
func (s *stop) openingPhrase() bool {
	b, _ := tokenBefore(s.rs, s.t)
	if b-s.start > 40 {
		return false
	}
	f := strings.Fields(string(s.rs[s.start:b]))
	if len(f) == 0 || len(f) > 5 || !prepositions[strings.ToLower(f[0])] {
		return false
	}
	for _, w := range f[1:] {
		lw := strings.ToLower(w)
		if !numeric(w) && !months[lw] && !prepositions[lw] && !strings.HasSuffix(w, ".") {
			return false
		}
	}
	return true
}

var (
	city      = `\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,2}`
	date      = `(?i:\d{1,2}\s+(?:` + monthNames() + `)|(?:` + monthNames() + `)\.?\s+\d{1,2})(?:,?\s+\d{4})?`
	agency    = `/[^/\s]+(?:\s[^/\s]+)?/`
	source    = `\s*[-—–]\s*\p{Lu}[\p{L}\-]*(?:\s\p{Lu}[\p{L}\-]*)?`
	datelineR = regexp.MustCompile(`^(?:` + city + `(?:,\s*` + date + `)?(?:` + source + `)?\.\s*)?(?:` + date + `\.\s*)?(?:` + agency + `\.)?$`)
	cityOnly  = regexp.MustCompile(`^` + city + `\.$`)
	dateFirst = regexp.MustCompile(`^` + date + `(?:\P{L}|$)`)
	dateOrTag = regexp.MustCompile(date + `|` + agency)
)

func monthNames() string {
	var m []string
	for w := range months {
		m = append(m, w)
	}
	slices.Sort(m)
	return strings.Join(m, "|")
}

// dateline reports a wire's dateline read so far (МОСКВА, 12 марта.
// /ТАСС/.; Москва. 12 марта.; МОСКВА, 12 мар - РИА Новости.): it belongs
// to the report's first sentence.
func (s *stop) dateline(j int) bool {
	if s.end-s.start > 60 || s.start > 0 && strings.TrimSpace(string(s.rs[:s.start])) != "" {
		return false
	}
	so := strings.TrimSpace(string(s.rs[s.start:s.end]))
	if cityOnly.MatchString(so) {
		return dateFirst.MatchString(string(s.rs[j:min(j+30, len(s.rs))]))
	}
	return datelineR.MatchString(so) && dateOrTag.MatchString(so)
}
