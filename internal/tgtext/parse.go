package tgtext

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// kind is what a token of Telegram HTML is.
type kind int

const (
	textToken  kind = iota
	startToken      // <b>, <a href="…">
	endToken        // </b>
	voidToken       // <br/>: a tag that opens nothing
)

// token is a run of text or one tag.
type token struct {
	kind kind
	raw  string // the tag as written; for text, the text as written
	name string // a tag's lower-case name
	href string // a start tag's href, decoded
}

// text is a text token's characters, entities decoded.
func (t token) text() string { return Unescape(t.raw) }

// tokens reads Telegram HTML the way Telegram's parser does: '<' always
// opens a tag, which ends at the first '>' outside a quoted attribute value.
// A tag left open at the end of s is read as text, so nothing is lost
// however broken the markup.
func tokens(s string) iter.Seq[token] {
	return func(yield func(token) bool) {
		for s != "" {
			i := strings.IndexByte(s, '<')
			if i != 0 {
				if i < 0 {
					i = len(s)
				}
				if !yield(token{kind: textToken, raw: s[:i]}) {
					return
				}
				s = s[i:]
				continue
			}
			end := tagEnd(s)
			if end < 0 {
				yield(token{kind: textToken, raw: s})
				return
			}
			if !yield(tag(s[:end])) {
				return
			}
			s = s[end:]
		}
	}
}

// tagEnd is the index just past the '>' closing the tag s starts with, or
// -1 when it is never closed.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return -1
}

// spaces separate a tag's name and attributes.
const spaces = " \t\r\n\f\v"

// tag reads one tag: its kind, name and, for a start tag, its href.
func tag(raw string) token {
	t := token{kind: startToken, raw: raw}
	body := raw[1 : len(raw)-1]
	if rest, ok := strings.CutPrefix(body, "/"); ok {
		t.kind, body = endToken, rest
	} else if rest, ok := strings.CutSuffix(body, "/"); ok {
		t.kind, body = voidToken, rest
	}
	body = strings.TrimLeft(body, spaces)
	name, attrs := body, ""
	if i := strings.IndexAny(body, spaces); i >= 0 {
		name, attrs = body[:i], body[i:]
	}
	t.name = strings.ToLower(name)
	if t.kind == startToken && t.name == "a" {
		t.href = attr(attrs, "href")
	}
	return t
}

// attr finds a double- or single-quoted (or bare) attribute value by name.
func attr(attrs, key string) string {
	for attrs != "" {
		attrs = strings.TrimLeft(attrs, spaces)
		eq := strings.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		name := strings.ToLower(strings.TrimSpace(attrs[:eq]))
		v := strings.TrimLeft(attrs[eq+1:], spaces)
		var val string
		if v != "" && (v[0] == '"' || v[0] == '\'') {
			end := strings.IndexByte(v[1:], v[0])
			if end < 0 {
				end = len(v) - 1
			}
			val, attrs = v[1:1+end], v[min(len(v), end+2):]
		} else {
			end := strings.IndexAny(v, spaces)
			if end < 0 {
				end = len(v)
			}
			val, attrs = v[:end], v[end:]
		}
		if name == key {
			return Unescape(val)
		}
	}
	return ""
}

// VisibleLen is the length Telegram counts against MaxLen: the characters
// of s with its tags removed and its entities decoded.
func VisibleLen(s string) int {
	n := 0
	for t := range tokens(s) {
		if t.kind == textToken {
			n += visibleRunes(t.raw)
		}
	}
	return n
}

// visibleRunes counts the characters of escaped text without decoding it
// into a new string.
func visibleRunes(s string) int {
	n := 0
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return n + utf8.RuneCountInString(s)
		}
		_, size := entity(s[i:])
		n += utf8.RuneCountInString(s[:i]) + 1
		s = s[i+size:]
	}
}

// PlainText turns Telegram HTML into the text a reader sees: tags dropped,
// entities decoded, and a link's address kept after its text unless the
// text is the address. It is the fallback when Telegram refuses the markup.
func PlainText(s string) string {
	var sb, link strings.Builder
	href, inLink := "", false
	closeLink := func() {
		if inLink && href != "" && strings.TrimSpace(link.String()) != href {
			sb.WriteString(" (" + href + ")")
		}
		inLink = false
	}
	for t := range tokens(s) {
		switch {
		case t.kind == textToken:
			txt := t.text()
			sb.WriteString(txt)
			if inLink {
				link.WriteString(txt)
			}
		case t.kind == startToken && t.name == "a":
			closeLink()
			inLink, href = true, t.href
			link.Reset()
		case t.kind == endToken && t.name == "a":
			closeLink()
		}
	}
	closeLink()
	return sb.String()
}
