package bot

import (
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// cleanSnippet rebuilds a search snippet keeping only <b>: the searcher
// promises escaped text with <b> around matches, but a reply that Telegram
// refuses is lost, so the bot does not take the promise on trust.
func cleanSnippet(s string, max int) string {
	var sb strings.Builder
	open := false
	n := 0
	z := xhtml.NewTokenizer(strings.NewReader(s))
loop:
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			break loop
		case xhtml.TextToken:
			t := string(z.Text())
			if rest := max - n; utf8.RuneCountInString(t) > rest {
				t, _ = cutRunes(t, rest)
				sb.WriteString(esc(t) + "…")
				break loop
			}
			n += utf8.RuneCountInString(t)
			sb.WriteString(esc(t))
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); string(name) == "b" && !open {
				sb.WriteString("<b>")
				open = true
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "b" && open {
				sb.WriteString("</b>")
				open = false
			}
		}
	}
	if open {
		sb.WriteString("</b>")
	}
	return strings.TrimSpace(sb.String())
}
