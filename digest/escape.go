package digest

import "briefbot/internal/tgtext"

// escapeText escapes feed text for a brief, which is Telegram HTML; the
// policy (no &#39; or &#34;) is internal/tgtext's. Bidirectional controls
// go: a U+202E in an outlet's name would turn the rest of the line around.
func escapeText(s string) string { return tgtext.Escape(bidiRe.ReplaceAllString(s, "")) }

// escapeAttr escapes a link address for a brief's href="…".
func escapeAttr(s string) string { return tgtext.EscapeAttr(s) }
