package digest

import "briefbot/internal/tgtext"

// A brief is Telegram HTML: its escaping is internal/tgtext's, which
// writes no &#39; or &#34;.

func escapeText(s string) string { return tgtext.Escape(s) }

func escapeAttr(s string) string { return tgtext.EscapeAttr(s) }
