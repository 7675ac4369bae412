package digest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Telegram's HTML parse mode knows only &lt; &gt; &amp; &quot; by name (and
// numeric references): html.EscapeString's &#39; and &#34; are valid but
// read badly in stored briefs and search, so text escapes the three
// characters that must be, and attributes add the quote.
var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// escapeText escapes feed text for Telegram HTML outside tags.
func escapeText(s string) string { return textEscaper.Replace(s) }

// escapeAttr escapes a value for a double-quoted Telegram HTML attribute.
func escapeAttr(s string) string { return attrEscaper.Replace(s) }

// unescapeTelegram decodes the entities Telegram decodes: the four named
// ones and numeric references. Anything else stays as written, as Telegram
// shows it.
func unescapeTelegram(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 || j > 12 {
			sb.WriteByte('&')
			s = s[1:]
			continue
		}
		ref := s[1:j]
		switch {
		case ref == "lt":
			sb.WriteByte('<')
		case ref == "gt":
			sb.WriteByte('>')
		case ref == "amp":
			sb.WriteByte('&')
		case ref == "quot":
			sb.WriteByte('"')
		case strings.HasPrefix(ref, "#x") || strings.HasPrefix(ref, "#X"):
			if n, err := strconv.ParseUint(ref[2:], 16, 32); err == nil && utf8.ValidRune(rune(n)) {
				sb.WriteRune(rune(n))
			} else {
				sb.WriteString(s[:j+1])
			}
		case strings.HasPrefix(ref, "#"):
			if n, err := strconv.ParseUint(ref[1:], 10, 32); err == nil && utf8.ValidRune(rune(n)) {
				sb.WriteRune(rune(n))
			} else {
				sb.WriteString(s[:j+1])
			}
		default:
			sb.WriteString(s[:j+1])
		}
		s = s[j+1:]
	}
}
