package tgtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot/internal/sentence"
)

// Split cuts Telegram HTML into messages of at most max visible characters
// (MaxLen when max ≤ 0). It cuts after a line break or a sentence end where
// it can (the sentence rules of internal/sentence, each stop judged by its
// script: a 「…。…」 quotation is never cut inside), else after a space,
// else between characters; the spaces at a cut end the earlier part. Tags
// open at a cut are closed at the end of one part and opened again at the
// start of the next, so every part is well-formed on its own. A message
// that fits is returned as it is; parts with no visible text are dropped.
func Split(s string, max int) []string {
	if max <= 0 {
		max = MaxLen
	}
	if VisibleLen(s) <= max {
		return []string{s}
	}
	var (
		parts []string
		cur   strings.Builder
		n     int      // visible characters in cur
		open  []string // raw start tags open in cur
	)
	closeAll := func() {
		for i := len(open) - 1; i >= 0; i-- {
			cur.WriteString("</" + tag(open[i]).name + ">")
		}
	}
	flush := func() {
		closeAll()
		if n > 0 && strings.TrimSpace(PlainText(cur.String())) != "" {
			parts = append(parts, cur.String())
		}
		cur.Reset()
		n = 0
		for _, t := range open {
			cur.WriteString(t)
		}
	}
	for t := range tokens(s) {
		switch t.kind {
		case startToken:
			cur.WriteString(t.raw)
			open = append(open, t.raw)
		case endToken:
			cur.WriteString(t.raw)
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case voidToken:
			cur.WriteString(t.raw)
		default:
			for _, p := range sentence.Pieces(t.text(), "") {
				for p != "" {
					l := utf8.RuneCountInString(p)
					if n+l <= max {
						cur.WriteString(Escape(p))
						n += l
						break
					}
					if n > 0 {
						flush()
						// A part never starts with the spaces it was cut at.
						p = strings.TrimLeftFunc(p, unicode.IsSpace)
						continue
					}
					// One sentence longer than a message.
					head, tail := cutWords(p, max)
					cur.WriteString(Escape(head))
					n += utf8.RuneCountInString(head)
					p = tail
				}
			}
		}
	}
	closeAll()
	if n > 0 && strings.TrimSpace(PlainText(cur.String())) != "" {
		parts = append(parts, cur.String())
	}
	return parts
}

// cutWords splits s after at most max characters: after the last space
// when one falls in the second half of them, else exactly at max.
func cutWords(s string, max int) (head, tail string) {
	cut, space, i := len(s), -1, 0
	for k, r := range s {
		if i == max {
			cut = k
			break
		}
		if unicode.IsSpace(r) && i >= max/2 {
			space = k + utf8.RuneLen(r)
		}
		i++
	}
	if cut < len(s) && space > 0 {
		cut = space
	}
	return s[:cut], s[cut:]
}

// SplitPlain is Split for plain text: parts of at most max characters, cut
// the same way, as plain text.
func SplitPlain(s string, max int) []string {
	parts := Split(Escape(s), max)
	for i, p := range parts {
		parts[i] = Unescape(p)
	}
	return parts
}
