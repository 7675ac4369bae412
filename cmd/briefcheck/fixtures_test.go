package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// twoFactsFloor holds an input whose briefs cannot all meet the goal of 90%
// at the share they reach, so that it cannot fall. The labelled items: six
// of their fifty long stories hold one fact beside their lead and one
// quotation (four TASS items of three paragraphs, whose quotation counts
// two sentences; Peskov's two-line channel post; Bloomberg's item, whose
// other lines are labelled not-facts). Showing the quotation as a second 🔸
// would meet this floor and break the other, 🗨️ lines not below main's.
// The held-out Monday feeds add three such stories: VOA's truce item (its
// third paragraph a "He said" with nobody named before it, its fourth a
// credit), TASS's Belgorod report and TASS's Telegram post (a quotation
// beside one fact). The fixture feeds, where reports join, meet the goal.
var twoFactsFloor = map[string]int{"items": 87}

// TestFixturesClean runs the checker on the inputs the repository holds
// (the bundled sample, the fixture feeds, the labelled items, flags.tsv)
// and fails on every rule that is not 0 and on a 🔸 floor under its goal.
func TestFixturesClean(t *testing.T) {
	p := paths{repo: filepath.Join("..", "..")}
	var results []*result
	for _, name := range inputNames {
		if !inRepo[name] {
			continue
		}
		in, err := builders[name](p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res := check(in)
		if len(res.briefs) == 0 {
			t.Errorf("%s: no brief at all", name)
		}
		results = append(results, res)
	}
	var sums []summary
	for _, r := range results {
		sums = append(sums, r.summary())
		if r.name == "flags" && len(r.briefs) < 40 {
			t.Errorf("flags: %d rows judged, want every row of flags.tsv", len(r.briefs))
		}
	}
	var sb strings.Builder
	printTable(&sb, sums, nil, "")
	t.Log("\n" + sb.String())
	for _, r := range results {
		for c := range numColumns {
			if !r.off[c] && r.count[c] > 0 {
				t.Errorf("%s: %s = %d", r.name, columnNames[c], r.count[c])
			}
		}
		floor := twoFactsFloor[r.name]
		if floor == 0 {
			floor = 90
		}
		if r.longStories > 0 && r.withFacts*100 < r.longStories*floor {
			t.Errorf("%s: %d of %d long stories have ≥ 2 🔸, want ≥ %d%%", r.name, r.withFacts, r.longStories, floor)
		}
	}
	if t.Failed() {
		var v strings.Builder
		for _, r := range results {
			printFindings(&v, r)
		}
		t.Log(v.String())
	}
}
