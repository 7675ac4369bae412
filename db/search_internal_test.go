package db

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"briefbot"
)

// TestMixedQueryChunks crosses chunk boundaries of the mixed (one-character
// plus longer words) path: every third story has the character.
func TestMixedQueryChunks(t *testing.T) {
	defer func(c, m int) { mixedChunk, mixedMaxScan = c, m }(mixedChunk, mixedMaxScan)
	mixedChunk, mixedMaxScan = 4, 1000
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "m.db"), Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var stories []*briefbot.Story
	var briefs []*briefbot.Brief
	want := map[int]bool{}
	for i := range 30 {
		text := fmt.Sprintf("外相会談 %d", i)
		if i%3 == 0 {
			text = fmt.Sprintf("露外相会談 %d", i)
			want[i] = true
		}
		at := time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)
		stories = append(stories, &briefbot.Story{Language: "ja", LastSeen: at,
			Items: []briefbot.Item{{Title: "t", Text: text, Published: at}}})
		briefs = append(briefs, &briefbot.Brief{Headline: "h", Published: at})
	}
	if err := d.Import(ctx, stories, briefs); err != nil {
		t.Fatal(err)
	}
	r, err := d.Search(ctx, briefbot.SearchQuery{Text: "露 会談", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != len(want) {
		t.Fatalf("total %d, want %d", r.Total, len(want))
	}
	for _, h := range r.Hits {
		if !want[int(h.StoryID-stories[0].ID)] {
			t.Errorf("story %d should not match", h.StoryID)
		}
	}
	// The scan bound cuts the walk short instead of reading everything.
	mixedMaxScan = 8
	r, _ = d.Search(ctx, briefbot.SearchQuery{Text: "露 会談", Limit: 50})
	if r.Total == 0 || r.Total >= len(want) {
		t.Errorf("bounded scan total %d", r.Total)
	}
}
