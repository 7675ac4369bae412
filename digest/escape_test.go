package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

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
