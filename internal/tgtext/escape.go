// Package tgtext owns Telegram message text in HTML parse mode: escaping,
// the entities Telegram decodes, the length Telegram counts against its
// limit, the plain-text fallback, and cutting a long message into parts at
// line and sentence boundaries. Everything that writes Telegram HTML or
// measures it goes through here, so that one policy holds everywhere.
//
// Telegram's parser (tdlib's parse_html) treats every '<' as the start of a
// tag and every '&' that starts one of &lt; &gt; &amp; &quot; or a numeric
// reference as that character; any other '&' is shown as written. The limit
// of a message is counted in characters (Unicode code points, tdlib's
// utf8_length for bots) of the text that remains: an emoji is one, a flag
// two.
package tgtext

import "strings"

// MaxLen is the most characters Telegram accepts in one message, counted
// after entity parsing: tags removed, entities decoded.
const MaxLen = 4096

// Text escapes only the three characters Telegram's parser would read as
// markup. html.EscapeString would also turn ' and " into &#39; and &#34;:
// valid, but they read badly wherever the HTML is stored and searched, and
// a brief quotes often. Attributes add the double quote that closes them.
var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// Escape makes feed or user text safe as Telegram HTML text: & < > become
// &amp; &lt; &gt;, and nothing else changes.
func Escape(s string) string { return textEscaper.Replace(s) }

// EscapeAttr makes a value safe inside a double-quoted attribute (always
// written with double quotes, so ' needs nothing): Escape's three, and "
// as &quot;, the one name Telegram decodes for it. It is also safe as
// text, where &quot; shows as ".
func EscapeAttr(s string) string { return attrEscaper.Replace(s) }

// Unescape decodes the references Telegram decodes, as its parser does:
// &lt; &gt; &amp; &quot; (the ';' may be left out) and numeric references
// (&#39; &#x41;) of at most seven digits. Every other '&' stays as written,
// as Telegram shows it. Tags are left alone.
func Unescape(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i >= 0 {
		sb.WriteString(s[:i])
		r, n := entity(s[i:])
		sb.WriteRune(r)
		s = s[i+n:]
		i = strings.IndexByte(s, '&')
	}
	sb.WriteString(s)
	return sb.String()
}

// entity decodes the reference s starts with ('&' first) and returns the
// character and how many bytes it took; '&' and 1 when s starts none.
// Named references are case-sensitive and need no ';'; a numeric one is
// refused when it is 0, beyond Unicode, or ten bytes or longer before its
// ';', as in tdlib.
func entity(s string) (rune, int) {
	end := 1
	var r rune
	if end < len(s) && s[end] == '#' {
		end++
		hex := end < len(s) && s[end] == 'x'
		if hex {
			end++
		}
		for end < len(s) && end < 12 {
			d := digit(s[end], hex)
			if d < 0 {
				break
			}
			r = r*base(hex) + rune(d)
			end++
		}
		if r == 0 || r >= 0x10ffff || end >= 10 {
			return '&', 1
		}
		if r >= 0xd800 && r <= 0xdfff {
			r = '\uFFFD' // a lone surrogate is no character; it still takes one place
		}
	} else {
		for end < len(s) && ('a' <= s[end] && s[end] <= 'z' || 'A' <= s[end] && s[end] <= 'Z') {
			end++
		}
		switch s[1:end] {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			return '&', 1
		}
	}
	if end < len(s) && s[end] == ';' {
		end++
	}
	return r, end
}

func base(hex bool) rune {
	if hex {
		return 16
	}
	return 10
}

// digit is c's value as a digit (hexadecimal when hex), or -1.
func digit(c byte, hex bool) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case hex && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case hex && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
