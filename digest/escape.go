package digest

import "briefbot/internal/tgtext"

// escapeText escapes feed text for a brief, which is Telegram HTML; the
// policy (no &#39; or &#34;) is internal/tgtext's.
func escapeText(s string) string { return tgtext.Escape(s) }

// escapeAttr escapes a link address for a brief's href="…".
func escapeAttr(s string) string { return tgtext.EscapeAttr(s) }
