package digest_test

import (
	"testing"

	"briefbot/digest"
)

// TestDeterministic clusters and renders the fixture feeds several times:
// the briefs must come out the same every time. Float sums taken in map
// order once made two near-equal sentences (one fact told by two outlets)
// swap places between runs.
func TestDeterministic(t *testing.T) {
	var first []string
	for run := range 5 {
		var got []string
		for _, s := range fixtureStories(t) {
			got = append(got, digest.Render(s, fixtureOpt).HTML)
		}
		if run == 0 {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Fatalf("run %d: %d stories, first run %d", run, len(got), len(first))
		}
		for i := range got {
			if got[i] != first[i] {
				t.Fatalf("run %d: story %d differs:\n%s\n---\n%s", run, i, first[i], got[i])
			}
		}
	}
}
