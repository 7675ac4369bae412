package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every list item is a sentence of its own, whatever ends it: a line that
// starts with a marker (1. 1) 1.) a. а) or a bullet) is one, and so is each
// further item run into the same line (1. First 2. Second, • a • b).

// isBullet reports the marks that only ever open a list item. Dashes open
// items too, but only at the start of a line: inside one they are
// punctuation.
func isBullet(r rune) bool {
	return strings.ContainsRune("•‣⁃◦▪▫●○■□◆◇►▶✓✔☑", r)
}

func isDash(r rune) bool { return r == '—' || r == '–' || r == '-' || r == '―' }

// marker is a list marker's label: its number, or its letter; style is
// the punctuation after it (".", ")" or ".)").
type marker struct {
	num    int
	letter rune
	style  string
	end    int // just past the punctuation
}

// markerAt parses a marker at rs[p:]: one to three digits or one letter,
// then ".", ")" or ".)" and a space, or the full-width "．" or "）" that
// Japanese runs into the text (１．捕虜の交換). A letter takes "." only in
// lower case, so that the initials of J. K. Rowling are not a list.
func markerAt(rs []rune, p int) (marker, bool) {
	var m marker
	q := p
	for q < len(rs) && q-p < 4 {
		d, ok := digitValue(rs[q])
		if !ok {
			break
		}
		m.num = m.num*10 + d
		q++
	}
	switch {
	case q > p && q-p <= 3:
	case q == p && q < len(rs) && unicode.IsLetter(rs[q]) && !IsCJK(rs[q]):
		m.letter = rs[q]
		q++
	default:
		return m, false
	}
	rest := string(rs[q:min(q+2, len(rs))])
	switch {
	case strings.HasPrefix(rest, ".)"):
		m.style = ".)"
	case strings.HasPrefix(rest, ")"), strings.HasPrefix(rest, "）"):
		m.style = ")"
	case strings.HasPrefix(rest, "."), strings.HasPrefix(rest, "．"):
		if m.letter != 0 && !unicode.IsLower(m.letter) {
			return m, false
		}
		m.style = "."
	default:
		return m, false
	}
	m.end = q + utf8.RuneCountInString(m.style)
	if after := rs[m.end-1]; after == '．' || after == '）' {
		// ２．５ is a number, not item 2
		return m, m.end < len(rs) && !unicode.IsDigit(rs[m.end]) && !unicode.IsSpace(rs[m.end])
	}
	if m.end >= len(rs) || !unicode.IsSpace(rs[m.end]) {
		return m, false
	}
	return m, true
}

// digitValue reads an ASCII or full-width digit.
func digitValue(r rune) (int, bool) {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0'), true
	case '０' <= r && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

// next is the label that follows m in a list: 2 after 1, b after a, б
// after а (skipping the letters Russian lists skip).
func (m marker) next() marker {
	n := marker{num: m.num + 1, style: m.style}
	if m.letter != 0 {
		n.num = 0
		n.letter = m.letter + 1
		for strings.ContainsRune("йъыьё", n.letter) {
			n.letter++
		}
	}
	return n
}

// startsItem reports a line that opens a list item: a bullet, a dash and a
// space, or a marker.
func startsItem(line string) bool {
	rs := []rune(strings.TrimLeftFunc(line, unicode.IsSpace))
	if len(rs) == 0 {
		return false
	}
	if isBullet(rs[0]) || isDash(rs[0]) && len(rs) > 1 && unicode.IsSpace(rs[1]) {
		return true
	}
	_, ok := markerAt(rs, 0)
	return ok
}

// listItems finds the list items of one line: cuts holds where each item
// after the first begins, and marks the runes of every marker's
// punctuation, which end no sentence.
func listItems(rs []rune, in []bool) (cuts []int, marks []bool) {
	p := 0
	for p < len(rs) && unicode.IsSpace(rs[p]) {
		p++
	}
	if p == len(rs) {
		return nil, nil
	}
	marks = make([]bool, len(rs))
	mark := func(q int) (marker, bool) {
		for q < len(rs) && unicode.IsSpace(rs[q]) {
			q++
		}
		m, ok := markerAt(rs, q)
		if ok {
			for k := m.end - utf8.RuneCountInString(m.style); k < m.end; k++ {
				marks[k] = true
			}
		}
		return m, ok
	}
	if b := rs[p]; isBullet(b) {
		mark(p + 1)
		for k := p + 1; k < len(rs); k++ {
			if rs[k] == b && !in[k] && unicode.IsSpace(rs[k-1]) {
				cuts = append(cuts, k)
				mark(k + 1)
			}
		}
		return cuts, marks
	}
	if isDash(rs[p]) {
		mark(p + 1)
		return nil, marks
	}
	m, ok := mark(p)
	if !ok {
		return nil, marks
	}
	// Items run into one line follow in order: 2. after 1., b. after a.
	for k := m.end; k < len(rs); k++ {
		if in[k] || !unicode.IsSpace(rs[k-1]) {
			continue
		}
		want := m.next()
		if got, ok := markerAt(rs, k); ok && got.num == want.num && got.letter == want.letter && got.style == want.style {
			cuts = append(cuts, k)
			mark(k)
			m = got
			k = got.end
		}
	}
	return cuts, marks
}
