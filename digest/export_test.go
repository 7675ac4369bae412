package digest

import (
	"testing"

	"briefbot"
)

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
