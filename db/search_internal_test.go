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

// TestNewestWindows checks that the windowed newest-first read returns
// exactly what ORDER BY rowid DESC LIMIT would, across window boundaries,
// for common, sparse and absent words.
func TestNewestWindows(t *testing.T) {
	defer func(w, g int64) { firstWindow, maxWindowGrowth = w, g }(firstWindow, maxWindowGrowth)
	firstWindow, maxWindowGrowth = 3, 2
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"), Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var stories []*briefbot.Story
	var briefs []*briefbot.Brief
	for i := range 60 {
		text := fmt.Sprintf("会談 %d", i)
		if i%7 == 0 {
			text += " 停戦協議"
		}
		if i == 2 {
			text += " 珍事"
		}
		at := time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)
		stories = append(stories, &briefbot.Story{Language: "ja", LastSeen: at,
			Items: []briefbot.Item{{Title: "t", Text: text, Published: at}}})
		briefs = append(briefs, &briefbot.Brief{Headline: "h", Published: at})
	}
	if err := d.Import(ctx, stories, briefs); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"会談", "停戦協議", "珍事", "不在", "露"} {
		_, words := parseQuery(q)
		fts, chars := matchExprs(words)
		table, expr := "story_fts", fts
		if fts == "" {
			table, expr = "story_chars", chars
		}
		for _, want := range []int{1, 4, 9, 100} {
			ref, err := d.rowids(ctx, `SELECT rowid FROM `+table+` WHERE `+table+` MATCH ?
				ORDER BY rowid DESC LIMIT ?`, expr, want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.newest(ctx, table, expr, want)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(ref) {
				t.Errorf("%s want %d: got %v, want %v", q, want, got, ref)
			}
		}
	}
}

// TestHeadlineHas checks the Go headline match against what the FTS5
// headline column would match.
func TestHeadlineHas(t *testing.T) {
	tests := []struct {
		headline, query string
		want            bool
	}{
		{"ウクライナ停戦協議", "停戦", true},
		{"ウクライナ停戦協議", "停戦 ウクライナ", true},
		{"ウクライナ停戦協議", "停戦 ロシア", false},
		{"ウクライナの停戦", "ナの停", true},
		{"停 戦", "停戦", false},
		{"NATO leaders meet", "nato", true},
		{"NATO leaders meet", "nat", false},
		{"Путин провёл совещание", "путин", true},
		{"Заявление Путина", "путин", true},
		{"Заявление Путина", "пути", true},
		{"ＮＡＴＯ首脳会議", "nato 首脳", true},
		{"露外相が会見", "露", false}, // one-character words are left out
		{"露外相が会見", "露 外相", true},
		{"", "停戦", false},
	}
	for _, tt := range tests {
		_, words := parseQuery(tt.query)
		if got := headlineHas(tt.headline, words); got != tt.want {
			t.Errorf("headlineHas(%q, %q) = %v, want %v", tt.headline, tt.query, got, tt.want)
		}
	}
}
