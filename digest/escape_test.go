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

// Bidirectional controls never reach a brief, wherever they hide in a feed:
// a title, a sentence, an outlet's name.
func TestRenderDropsBidiControls(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)
	s := &briefbot.Story{Language: "en", FirstPublished: at, Items: []briefbot.Item{{Outlet: "Wire\u202eNews", URL: "https://wire.example/a",
		Title: "Storm \u202ecuts power to 200,000 homes in Illinois", Language: "en", Published: at,
		Text: "A storm cut power to more than 200,000 homes \u2066in Illinois on Thursday, the utility said.\n\nCrews worked through the night to restore\u200f electricity to the state's south."}}}
	b := Render(s, RenderOptions{})
	checkStyle(t, b, 0)
	for _, r := range "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f" {
		if strings.ContainsRune(b.HTML, r) || strings.ContainsRune(b.Headline, r) {
			t.Errorf("%U in the brief:\n%s", r, b.HTML)
		}
	}
}
