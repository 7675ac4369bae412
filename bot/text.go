package bot

import "briefbot/internal/tgtext"

// Telegram text (escaping, length, the limit, splitting, the plain-text
// fallback) is internal/tgtext's. dispatcher.go, pages.go and snippet.go
// are being rewritten on another branch; until they call tgtext themselves
// these names route them there. Delete this file once nothing uses them.

// MaxMessageRunes is tgtext.MaxLen, Telegram's limit on a message.
const MaxMessageRunes = tgtext.MaxLen

// esc escapes for text and double-quoted attributes alike.
func esc(s string) string { return tgtext.EscapeAttr(s) }

func visibleLen(s string) int { return tgtext.VisibleLen(s) }

func splitPlain(s string, max int) []string { return tgtext.SplitPlain(s, max) }

// PlainText is tgtext.PlainText: the fallback when Telegram refuses markup.
func PlainText(s string) string { return tgtext.PlainText(s) }

// SplitHTML is tgtext.Split: a message too long for Telegram in parts.
func SplitHTML(s string, max int) []string { return tgtext.Split(s, max) }

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
