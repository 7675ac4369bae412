package digest_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/digest"
)

// briefCounts are what a reader counts over a set of briefs: stories of
// news with four sentences of news or more (filler aside), those of their
// briefs with two 🔸 or more, and the 🗨️ lines.
type briefCounts struct{ briefs, eligible, twoFacts, quotes int }

func (c briefCounts) share() float64 {
	if c.eligible == 0 {
		return 1
	}
	return float64(c.twoFacts) / float64(c.eligible)
}

func countBriefs(stories []*briefbot.Story, opt digest.RenderOptions) briefCounts {
	var c briefCounts
	for _, s := range stories {
		b := digest.Render(s, opt)
		c.briefs++
		c.quotes += strings.Count(b.HTML, "🗨️")
		if !s.Deliverable() {
			continue // opinion alone: held back, no 🔸 by design
		}
		n := 0
		for _, it := range s.Items {
			if !it.Deliver {
				continue
			}
			for _, st := range digest.Sentences(it.Text, it.Language) {
				// A line about the report (ドイツ国防省はコメントを控えた。,
				// credits, 匿名を条件に明らかにした) is no news sentence.
				if !digest.FillerForTest(st, it.Language) {
					n++
				}
			}
		}
		if n >= 4 {
			c.eligible++
			if strings.Count(b.HTML, "🔸") >= 2 {
				c.twoFacts++
			}
		}
	}
	return c
}

// minTwoFacts is the floor of briefs with two 🔸 or more among stories of
// news with four sentences or more; minQuotes are the 🗨️ lines each input
// had before the renderer was written in stages (measured with this test
// on that code: 86%, 82%, 92% and 93% of briefs had two 🔸 then), less
// one for the seed entries, whose Sputnik report of Putin's "who
// negotiates with terrorists" now shares the brief of Reuters' and NHK's
// (two briefs that quoted once each became one).
const minTwoFacts = 0.9

var minQuotes = map[string]int{"sample": 6, "fixtures": 4, "seed as one post": 10, "seed as entries": 12}

func TestBriefFloors(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	opt := digest.RenderOptions{Location: jst, Hashtags: map[string]string{"world": "国際"}}
	inputs := []struct {
		name    string
		stories func(t *testing.T) []*briefbot.Story
	}{
		{"sample", func(t *testing.T) []*briefbot.Story {
			items := pipelineItems(t, filepath.Join("..", "examples", "sample-feed.xml"), "ja", 1, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
			return digest.Cluster(nil, items, digest.ClusterOptions{}).Stories
		}},
		{"fixtures", func(t *testing.T) []*briefbot.Story { return fixtureStories(t) }},
		{"seed as one post", func(t *testing.T) []*briefbot.Story {
			return digest.Cluster(nil, digest.ItemsOfForTest(digest.SeedAggregatedForTest(t)), digest.ClusterOptions{}).Stories
		}},
		{"seed as entries", func(t *testing.T) []*briefbot.Story {
			return digest.Cluster(nil, digest.ItemsOfForTest(digest.SeedEntriesForTest(t)...), digest.ClusterOptions{}).Stories
		}},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			c := countBriefs(in.stories(t), opt)
			t.Logf("%s: %d briefs; %d of %d stories of ≥ 4 sentences have ≥ 2 🔸 (%.0f%%); %d 🗨️", in.name, c.briefs, c.twoFacts, c.eligible, 100*c.share(), c.quotes)
			if c.share() < minTwoFacts {
				t.Errorf("%.0f%% of briefs with ≥ 2 🔸, floor %.0f%%", 100*c.share(), 100*minTwoFacts)
			}
			if c.quotes < minQuotes[in.name] {
				t.Errorf("%d 🗨️ lines, floor %d", c.quotes, minQuotes[in.name])
			}
		})
	}
}
