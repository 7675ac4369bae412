package digest_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"briefbot"
	"briefbot/digest"
	"briefbot/internal/labelled"
)

// fixturePairs counts, over the hand-labelled fixture feeds clustered
// together, the pairs of reports labelled with one event that share a
// story (joined of same) and those of two events that do (merged of
// apart). A pair whose label allows the other event (may_join) counts
// neither way; opinion, which reports no event, is left out.
type fixturePairs struct {
	joined, same, merged, apart int
	split                       []string // the same-event pairs apart
	mixed                       []string // the different-event pairs together
}

func measureFixturePairs(t *testing.T) fixturePairs {
	t.Helper()
	exp, err := labelled.ReadExpect(filepath.Join("testdata", "brief", "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	label := map[string]labelled.ExpectItem{}
	for _, fx := range exp.Fixtures {
		for _, it := range fx.Items {
			label[it.URL] = it
		}
	}
	type report struct {
		story int
		lab   labelled.ExpectItem
		title string
		item  briefbot.Item
	}
	var rs []report
	for si, s := range fixtureStories(t) {
		for _, it := range s.Items {
			if l, ok := label[it.URL]; ok && l.Event != "" {
				rs = append(rs, report{si, l, it.FeedName + ": " + it.Title, it})
			}
		}
	}
	var p fixturePairs
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			a, b := rs[i], rs[j]
			together := a.story == b.story
			pair := fmt.Sprintf("%s %q / %s %q", a.lab.Event, a.title, b.lab.Event, b.title)
			switch {
			case a.lab.Event == b.lab.Event:
				p.same++
				if together {
					p.joined++
				} else {
					sc, _, ev := digest.JoinForTest(a.item, b.item)
					p.split = append(p.split, fmt.Sprintf("%s: score %.2f %s", pair, sc, ev))
				}
			case slices.Contains(a.lab.MayJoin, b.lab.Event) || slices.Contains(b.lab.MayJoin, a.lab.Event):
			default:
				p.apart++
				if together {
					p.merged++
					p.mixed = append(p.mixed, pair)
				}
			}
		}
	}
	return p
}

// The fixture feeds' reports of one event are one story, and no two
// events are: measured over pairs of labelled reports.
func TestClusterFixtureEventPairs(t *testing.T) {
	p := measureFixturePairs(t)
	t.Logf("fixture events: joined %d/%d same-event pairs (%.0f%%), merged %d/%d different-event pairs",
		p.joined, p.same, 100*float64(p.joined)/float64(p.same), p.merged, p.apart)
	for _, s := range p.split {
		t.Logf("split: %s", s)
	}
	for _, m := range p.mixed {
		t.Errorf("merged: %s", m)
	}
	// The floor is the figure measured when it was set: a change that
	// splits more of the fixture's events must say so here.
	if floor := 94; p.joined < floor {
		t.Errorf("joined %d same-event pairs, want at least %d", p.joined, floor)
	}
}
