package bot

import (
	"strings"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/tgtext"
)

// renderSnippet renders a search snippet as Telegram HTML: the text
// escaped, each match in <b>, cut with "…" after max characters. The
// matches come from the store; one that is out of order, out of range or
// not on a character boundary is shown as plain text rather than trusted,
// since a reply Telegram refuses is lost.
func renderSnippet(text string, matches []briefbot.Span, max int) string {
	var sb strings.Builder
	n, pos := 0, 0
	// part writes text[pos:end], bold or not, and reports false once the
	// snippet is cut.
	part := func(end int, bold bool) bool {
		t := text[pos:end]
		pos = end
		if t == "" {
			return true
		}
		if bold {
			sb.WriteString("<b>")
			defer sb.WriteString("</b>")
		}
		if rest := max - n; utf8.RuneCountInString(t) > rest {
			t, _ = cutRunes(t, rest)
			sb.WriteString(tgtext.EscapeAttr(t) + "…")
			return false
		}
		n += utf8.RuneCountInString(t)
		sb.WriteString(tgtext.EscapeAttr(t))
		return true
	}
	for _, m := range matches {
		if m.Start < pos || m.End <= m.Start || m.End > len(text) || !boundary(text, m.Start) || !boundary(text, m.End) {
			continue
		}
		if !part(m.Start, false) || !part(m.End, true) {
			return strings.TrimSpace(sb.String())
		}
	}
	part(len(text), false)
	return strings.TrimSpace(sb.String())
}

// boundary reports whether byte offset i of s starts a character (or ends s).
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// cutRunes splits s after n characters (snippet.go's cut).
func cutRunes(s string, n int) (string, string) {
	i := 0
	for k := range s {
		if i == n {
			return s[:k], s[k:]
		}
		i++
	}
	return s, ""
}
