package digest

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		in, text, attr string
	}{
		{`Fed's Waller says December cut "on the table"`, `Fed's Waller says December cut "on the table"`, `Fed's Waller says December cut &quot;on the table&quot;`},
		{"AT&T <script> & co", "AT&amp;T &lt;script&gt; &amp; co", "AT&amp;T &lt;script&gt; &amp; co"},
		{"already &amp; escaped &#39; &copy;", "already &amp;amp; escaped &amp;#39; &amp;copy;", "already &amp;amp; escaped &amp;#39; &amp;copy;"},
		{"日銀「据え置き」", "日銀「据え置き」", "日銀「据え置き」"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.text {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := escapeAttr(tt.in); got != tt.attr {
			t.Errorf("escapeAttr(%q) = %q, want %q", tt.in, got, tt.attr)
		}
		// Telegram shows exactly the feed's text again.
		if got, want := VisibleLen(escapeText(tt.in)), utf8.RuneCountInString(tt.in); got != want {
			t.Errorf("VisibleLen(escapeText(%q)) = %d, want %d", tt.in, got, want)
		}
		if got := unescapeTelegram(escapeAttr(tt.in)); got != tt.in {
			t.Errorf("round trip of %q gave %q", tt.in, got)
		}
	}
}

func TestVisibleLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`<a href="https://x.test/?a=1&amp;b=&quot;2&quot;">NHK</a>`, 3},
		{"&lt;b&gt; &amp; &quot;", 7},
		{"&#39;&#x41;&#12354;", 3},
		{"&copy; &nbsp;", 13}, // Telegram decodes no other names: shown as written
		{"&broken & ;", 11},
	}
	for _, tt := range tests {
		if got := VisibleLen(tt.in); got != tt.want {
			t.Errorf("VisibleLen(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestRenderEscapesMinimally(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)
	s := &briefbot.Story{Language: "en", FirstPublished: at, Items: []briefbot.Item{{Outlet: "Reuters",
		URL: `https://www.reuters.com/a?x="1"&y=2`, Title: `Fed's Waller says December cut "on the table" as AT&T <rises>`, Language: "en", Published: at,
		Text: `Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained "on the table" as U.S. job growth slows.`}}}
	b := Render(s, RenderOptions{})
	checkStyle(t, b, 0)
	first := strings.Split(b.HTML, "\n")[0]
	if want := `【Fed's Waller says December cut "on the table" as AT&amp;T &lt;rises&gt;】`; first != want {
		t.Errorf("headline %q, want %q", first, want)
	}
	if strings.Contains(b.HTML, "&#39;") || strings.Contains(b.HTML, "&#34;") {
		t.Errorf("numeric entities in:\n%s", b.HTML)
	}
	if !strings.Contains(b.HTML, `href="https://www.reuters.com/a?x=&quot;1&quot;&amp;y=2"`) && !strings.Contains(b.HTML, `href="https://www.reuters.com/a?x=%221%22&amp;y=2"`) {
		t.Errorf("attribute not escaped:\n%s", b.HTML)
	}
}
