package digest

import (
	"fmt"
	"testing"

	"briefbot"
)

// FillerForTest exposes filler: a line about the report, not the news.
func FillerForTest(s, lang string) bool { return filler(s, lang) }

// SaysForTest exposes says to the external tests that read briefs.
func SaysForTest(s, lang string) bool { return says(s, lang) }

// SeedAggregatedForTest is the seed as one aggregator post (skips without
// ../shared).
func SeedAggregatedForTest(t testing.TB) briefbot.Post { return seedAggregated(t) }

// SeedEntriesForTest are the seed's hand-cut entries (skips without
// ../shared).
func SeedEntriesForTest(t testing.TB) []briefbot.Post {
	var posts []briefbot.Post
	for _, e := range seedEntries(t) {
		posts = append(posts, e.post)
	}
	return posts
}

// RenderAllForTest renders stories into one golden document.
func RenderAllForTest(stories []*briefbot.Story, opt RenderOptions) (string, []briefbot.Brief) {
	return renderAllWith(stories, opt)
}

// CheckGoldenForTest compares got with testdata/golden/name (-update
// rewrites it).
func CheckGoldenForTest(t *testing.T, name, got string) { checkGolden(t, name, got) }

// ItemsOfForTest splits posts into items as the scheduler does.
func ItemsOfForTest(posts ...briefbot.Post) []briefbot.Item { return itemsOf(posts...) }

// CheckStyleForTest holds a brief to the invariants every brief keeps.
func CheckStyleForTest(t *testing.T, b briefbot.Brief, minKeys int) { checkStyle(t, b, minKeys) }

// JoinForTest is the join test of two items, with the evidence it weighed.
func JoinForTest(a, b briefbot.Item) (float64, bool, string) {
	fa, fb := featuresOf(a), featuresOf(b)
	s, ok := joinScore(&fa, &fb)
	return s, ok, fmt.Sprintf("%+v conflict=%v", evidenceOf(&fa, &fb, true), fa.id.conflicts(&fb.id))
}
