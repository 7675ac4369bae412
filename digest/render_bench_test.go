package digest

import (
	"fmt"
	"testing"
	"time"

	"briefbot"
)

// templatedStory is a story of n items of a feed that fills one template,
// which clustering merges into one story: the shape that once kept the
// pipeline busy for minutes (4,000 items, an n×n table and an n³ loop).
func templatedStory(n int) *briefbot.Story {
	at := time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC)
	s := &briefbot.Story{ID: 1, Language: "en", Topics: []string{"world"}, FirstPublished: at}
	for i := range n {
		s.Items = append(s.Items, briefbot.Item{
			PostID: int64(i + 1), Outlet: "Example Wire", URL: fmt.Sprintf("https://wire.example/alerts/%d", i),
			Title:    fmt.Sprintf("Price alert %d: index moves %d points in early trade", i, i%97),
			Text:     fmt.Sprintf("The index moved %d points in early trade on Friday, the exchange said. Volume reached %d lots, against %d a day earlier. Analysts expect the session to close near %d.", i%97, 1000+i, 900+i, 5000+i%300),
			Language: "en", Published: at, FetchedAt: at,
		})
	}
	return s
}

func BenchmarkRender4000(b *testing.B) {
	s := templatedStory(4000)
	b.ReportAllocs()
	for b.Loop() {
		Render(s, RenderOptions{})
	}
}

// A story of 4,000 items still ranks at most maxRanked sentences, and its
// 📰 line names the outlet once with at most maxOutletLinks links.
func TestRenderHugeStoryBounded(t *testing.T) {
	s := templatedStory(4000)
	d := newDraft(s, RenderOptions{})
	if len(d.lines) > maxRanked {
		t.Errorf("%d sentences ranked, want at most %d", len(d.lines), maxRanked)
	}
	b := Render(s, RenderOptions{})
	checkStyle(t, b, 1) // the items say one thing: one fact beside the lead
	if len(b.Sources) != 4000 {
		t.Errorf("%d sources, want all 4000", len(b.Sources))
	}
	if n := countSubstr(b.HTML, "<a href"); n > maxOutletLinks {
		t.Errorf("%d links in the brief, want at most %d", n, maxOutletLinks)
	}
}

func countSubstr(s, sub string) int {
	n := 0
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			n++
		}
	}
	return n
}
