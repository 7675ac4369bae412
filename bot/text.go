package bot

import (
	"html"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// MaxMessageRunes is Telegram's limit on a message's text after entity
// parsing.
const MaxMessageRunes = 4096

// esc escapes feed text for Telegram HTML. tgbotapi.EscapeText leaves `"`
// alone, which breaks attribute values.
func esc(s string) string { return html.EscapeString(s) }

// visibleLen counts the characters Telegram sees in an HTML message: tags
// removed, entities decoded.
func visibleLen(s string) int {
	n := 0
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return n
		case xhtml.TextToken:
			n += utf8.RuneCount(z.Text())
		}
	}
}

// PlainText turns Telegram HTML into plain text: tags dropped, entities
// decoded, a link's address kept after its text. It is the fallback when
// Telegram refuses the markup.
func PlainText(s string) string {
	var sb strings.Builder
	var href string
	var linkText strings.Builder
	inLink := false
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if inLink {
				sb.WriteString(linkSuffix(linkText.String(), href))
			}
			return sb.String()
		case xhtml.TextToken:
			t := string(z.Text())
			sb.WriteString(t)
			if inLink {
				linkText.WriteString(t)
			}
		case xhtml.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "a" {
				continue
			}
			if inLink {
				sb.WriteString(linkSuffix(linkText.String(), href))
			}
			inLink, href = true, ""
			linkText.Reset()
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "href" {
					href = string(v)
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "a" && inLink {
				sb.WriteString(linkSuffix(linkText.String(), href))
				inLink = false
			}
		}
	}
}

func linkSuffix(text, href string) string {
	if href == "" || strings.TrimSpace(text) == href {
		return ""
	}
	return " (" + href + ")"
}

// piece is an atom of SplitHTML: a tag, or a run of text ending at a line
// or sentence boundary.
type piece struct {
	tag   string // raw tag when non-empty
	start bool   // start tag (pushed on the open stack)
	end   bool   // end tag
	text  string // decoded text
}

// SplitHTML splits Telegram HTML into parts of at most max visible
// characters, cutting at line and sentence boundaries where it can and
// closing and reopening tags so that every part is well formed on its own.
func SplitHTML(s string, max int) []string {
	if max <= 0 {
		max = MaxMessageRunes
	}
	if visibleLen(s) <= max {
		return []string{s}
	}
	pieces := htmlPieces(s)
	var (
		parts []string
		cur   strings.Builder
		n     int      // visible runes in cur
		stack []string // raw start tags open in cur
	)
	openTags := func() {
		for _, t := range stack {
			cur.WriteString(t)
		}
	}
	flush := func() {
		for i := len(stack) - 1; i >= 0; i-- {
			cur.WriteString("</" + tagName(stack[i]) + ">")
		}
		if n > 0 && strings.TrimSpace(PlainText(cur.String())) != "" {
			parts = append(parts, cur.String())
		}
		cur.Reset()
		n = 0
		openTags()
	}
	for _, p := range pieces {
		switch {
		case p.start:
			cur.WriteString(p.tag)
			stack = append(stack, p.tag)
		case p.end:
			cur.WriteString(p.tag)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case p.tag != "":
			cur.WriteString(p.tag)
		default:
			text := p.text
			for text != "" {
				l := utf8.RuneCountInString(text)
				if n+l <= max {
					cur.WriteString(esc(text))
					n += l
					break
				}
				if n > 0 {
					flush()
					// A part never starts with the whitespace it was cut at.
					text = strings.TrimLeft(text, " \n")
					continue
				}
				// One sentence longer than a message: cut it by characters.
				head, tail := cutRunes(text, max)
				cur.WriteString(esc(head))
				n += max
				text = tail
			}
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		cur.WriteString("</" + tagName(stack[i]) + ">")
	}
	if n > 0 && strings.TrimSpace(PlainText(cur.String())) != "" {
		parts = append(parts, cur.String())
	}
	return parts
}

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

func tagName(raw string) string {
	raw = strings.TrimPrefix(raw, "<")
	end := strings.IndexAny(raw, " \t\n>/")
	if end < 0 {
		return raw
	}
	return strings.ToLower(raw[:end])
}

// htmlPieces tokenizes s into tags and text runs cut after line breaks and
// sentence ends (。！？ and .!? followed by a space).
func htmlPieces(s string) []piece {
	var out []piece
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return out
		case xhtml.TextToken:
			for _, t := range sentences(string(z.Text())) {
				out = append(out, piece{text: t})
			}
		case xhtml.StartTagToken:
			out = append(out, piece{tag: string(z.Raw()), start: true})
		case xhtml.EndTagToken:
			out = append(out, piece{tag: string(z.Raw()), end: true})
		case xhtml.SelfClosingTagToken:
			out = append(out, piece{tag: string(z.Raw())})
		}
	}
}

// sentences cuts text after each newline and sentence end, keeping every
// character: concatenating the result gives text back.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	pos := 0 // byte offset of rs[i]
	for i, r := range rs {
		size := utf8.RuneLen(r)
		cut := false
		switch r {
		case '\n', '。', '！', '？':
			cut = true
		case '.', '!', '?':
			cut = i+1 < len(rs) && (rs[i+1] == ' ' || rs[i+1] == '\n')
		case ' ':
			cut = i > 0 && (rs[i-1] == '.' || rs[i-1] == '!' || rs[i-1] == '?')
		}
		pos += size
		if cut {
			// ". " stays together: cut after the space, not the stop.
			if (r == '.' || r == '!' || r == '?') && i+1 < len(rs) && rs[i+1] == ' ' {
				continue
			}
			out = append(out, text[start:pos])
			start = pos
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// splitPlain is SplitHTML for plain text.
func splitPlain(s string, max int) []string {
	parts := SplitHTML(esc(s), max)
	for i, p := range parts {
		parts[i] = html.UnescapeString(p)
	}
	return parts
}
