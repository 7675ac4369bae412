package db

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
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

// TestHeadlineHasAgreesWithFTS checks that the Go headline match and the
// FTS5 headline-column query pick the same stories, so that the boost does
// not depend on which path ranked a result.
func TestHeadlineHasAgreesWithFTS(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "h.db"), Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	headlines := []string{"ウクライナ停戦協議", "露外相が会見", "トランプ氏とプーチン氏が電話会談",
		"NATO leaders meet in The Hague", "Путин провёл совещание", "Заявление Путина",
		"ＮＡＴＯ首脳会議", "東京で大雪", "COVID-19 cases rise", "停 戦"}
	var stories []*briefbot.Story
	var briefs []*briefbot.Brief
	for i, h := range headlines {
		at := time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)
		stories = append(stories, &briefbot.Story{Language: "ja", LastSeen: at,
			Items: []briefbot.Item{{Title: "t", Text: h, Published: at}}})
		briefs = append(briefs, &briefbot.Brief{Headline: h, Published: at})
	}
	if err := d.Import(ctx, stories, briefs); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"停戦", "nato", "путин", "пути", "会談 トランプ", "covid-19", "covid 19", "首脳 nato", "大雪", "露 外相"} {
		_, words := parseQuery(q)
		fts, _ := matchExprs(words)
		in, err := d.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ?`, "{headline} : ("+fts+")")
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]bool{}
		for _, id := range storyIDs(in) {
			want[id] = true
		}
		for i, s := range stories {
			if got := headlineHas(headlines[i], words); got != want[s.ID] {
				t.Errorf("%q on %q: Go %v, FTS5 %v", q, headlines[i], got, want[s.ID])
			}
		}
	}
}

// TestReachable checks that boosting only the reachable candidates leaves
// the first need places exactly as boosting every candidate would.
func TestReachable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + rng.IntN(300)
		var all, part []*candidate
		boosted := map[int64]bool{}
		for i := range n {
			age := rng.Float64() * 60
			c := &candidate{storyID: int64(i + 1), score: math.Pow(0.5, age/recencyHalfDays)}
			all = append(all, c)
			cp := *c
			part = append(part, &cp)
			boosted[c.storyID] = rng.IntN(4) == 0
		}
		boost := func(cs []*candidate) {
			for _, c := range cs {
				if boosted[c.storyID] {
					c.score *= 1 + headlineBoost
				}
			}
		}
		need := 1 + rng.IntN(60)
		boost(all)
		sortCandidates(all)
		sortCandidates(part)
		boost(reachable(part, need))
		sortCandidates(part)
		for i := range min(need, n) {
			if all[i].storyID != part[i].storyID {
				t.Fatalf("trial %d need %d: place %d is story %d, want %d", trial, need, i, part[i].storyID, all[i].storyID)
			}
		}
	}
}
