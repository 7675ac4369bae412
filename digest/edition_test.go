package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"briefbot/digest"
	"briefbot/internal/tgtext"
)

var english = digest.EditionLabels{Header: func(due string, n int) string {
	return fmt.Sprintf("🗞 %s edition · %d stories", due, n)
}}

func TestRenderEditionPages(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	due := time.Date(2026, 11, 21, 7, 0, 0, 0, tokyo)
	var stories []digest.EditionStory
	for i := range 120 {
		stories = append(stories, digest.EditionStory{
			Published: due.Add(-time.Duration(i) * time.Minute),
			Headline:  fmt.Sprintf("%d <ロシア外相>が停戦協議のため来週トルコを訪問する見通し、外務省が発表", i),
			URL:       fmt.Sprintf("https://jp.reuters.com/a?id=%d&x=1", i),
			Outlets:   []string{"ロイター", "NHK", "ロイター", "Sputnik", "TASS"},
		})
	}
	pages := digest.RenderEdition(digest.Edition{Due: due, Stories: stories, Labels: english})
	if len(pages) < 2 {
		t.Fatalf("pages = %d, want several", len(pages))
	}
	lines := 0
	for i, p := range pages {
		head := "<b>🗞 07:00 edition · 120 stories"
		if i > 0 {
			head += fmt.Sprintf(" · %d", i+1)
		}
		if !strings.HasPrefix(p, head+"</b>\n") {
			t.Errorf("page %d header: %.80s", i, p)
		}
		if strings.Contains(p, "<ロシア") {
			t.Errorf("page %d not escaped", i)
		}
		if n := tgtext.VisibleLen(p); n > tgtext.MaxLen {
			t.Errorf("page %d: %d visible characters", i, n)
		}
		lines += strings.Count(p, "\n")
	}
	if lines != 120 {
		t.Errorf("lines = %d, want 120", lines)
	}
	want := `07:00 <a href="https://jp.reuters.com/a?id=0&amp;x=1">【0 &lt;ロシア外相&gt;が停戦協議のため来週トルコを訪問する見通し、外務省が発表】</a> ロイター · NHK · Sputnik`
	if got := strings.Split(pages[0], "\n")[1]; got != want {
		t.Errorf("first line:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderEditionLine(t *testing.T) {
	due := time.Date(2026, 11, 21, 19, 0, 0, 0, time.UTC)
	russian := digest.EditionLabels{Header: func(due string, n int) string {
		return fmt.Sprintf("🗞 Выпуск %s · новостей: %d", due, n)
	}}
	tests := []struct {
		name  string
		story digest.EditionStory
		want  string
	}{
		{"no link for a non-web address", digest.EditionStory{Published: due, Headline: "AT&T", URL: "javascript:alert(1)", Outlets: []string{"NHK"}},
			"19:00 【AT&amp;T】 NHK"},
		{"no outlets", digest.EditionStory{Published: due, Headline: "停戦", URL: "https://x.example/a"},
			`19:00 <a href="https://x.example/a">【停戦】</a>`},
		{"an outlet names a story without a headline", digest.EditionStory{Published: due, URL: "https://x.example/b", Outlets: []string{"", "ТАСС", "NHK"}},
			`19:00 <a href="https://x.example/b">【ТАСС】</a> NHK`},
		{"a long headline is cut", digest.EditionStory{Published: due, Headline: strings.Repeat("長", 300), URL: "https://x.example/c"},
			`19:00 <a href="https://x.example/c">【` + strings.Repeat("長", 199) + `…】</a>`},
	}
	for _, tt := range tests {
		pages := digest.RenderEdition(digest.Edition{Due: due, Stories: []digest.EditionStory{tt.story}, Labels: russian})
		if len(pages) != 1 {
			t.Fatalf("%s: %d pages", tt.name, len(pages))
		}
		want := "<b>🗞 Выпуск 19:00 · новостей: 1</b>\n" + tt.want
		if pages[0] != want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, pages[0], want)
		}
	}
	if got := digest.RenderEdition(digest.Edition{Due: due, Labels: english}); len(got) != 1 || got[0] != "<b>🗞 19:00 edition · 0 stories</b>" {
		t.Errorf("empty edition = %q", got)
	}
}

// TestRenderEditionLimit fills a page to 4095, 4096 and 4097 visible
// characters: the last needs a second page.
func TestRenderEditionLimit(t *testing.T) {
	due := time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC)
	labels := digest.EditionLabels{Header: func(string, int) string { return "H" }}
	for _, tt := range []struct{ total, pages int }{{4095, 1}, {4096, 1}, {4097, 2}} {
		// "H", then lines of "\n07:00 【…】": 9 characters around the headline.
		var stories []digest.EditionStory
		left := tt.total - 1
		for left > 0 {
			h := min(200, left-9)
			stories = append(stories, digest.EditionStory{Published: due, Headline: strings.Repeat("x", h)})
			left -= 9 + h
		}
		if left != 0 {
			t.Fatalf("%d: bad arithmetic", tt.total)
		}
		pages := digest.RenderEdition(digest.Edition{Due: due, Stories: stories, Labels: labels})
		if len(pages) != tt.pages {
			t.Errorf("%d visible characters: %d pages, want %d", tt.total, len(pages), tt.pages)
		}
		if tt.pages == 1 && tgtext.VisibleLen(pages[0]) != tt.total {
			t.Errorf("%d: the page has %d visible characters", tt.total, tgtext.VisibleLen(pages[0]))
		}
	}
}
