package digest

import (
	"regexp"
	"strings"
	"testing"

	"briefbot"
	"briefbot/internal/tgtext"
)

// The reader's view of the seed's 📰 lines and headlines, judged without the
// digest's own outlet table: a link text that is a host, the aggregator's
// own name, or the word "source" names no outlet; a headline that is only
// an outlet's or a platform's name heads nothing.
var (
	sourceLineRe = regexp.MustCompile(`(?m)^📰 (.*)$`)
	linkTextRe   = regexp.MustCompile(`<a href="[^"]*">([^<]*)</a>`)
	bareHostRe   = regexp.MustCompile(`^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$`)
	aggregators  = []string{"d1021", "w2031", "hatena", "World Wire Digest", "Сводка агентств", "国際ニュース（各社）", "Telegram Channel"}
	labelWords   = []string{"Sputnik", "Reuters", "Telegram", "Bloomberg", "AFP", "CNN", "NHK", "TASS", "AP",
		"ロイター", "スプートニク", "ブルームバーグ", "タス", "Рейтер", "ТАСС", "X", "Twitter", "YouTube"}
)

// seedSourceCounts renders stories and counts briefs whose 📰 line names a
// bare host, the aggregator or "source", briefs whose headline is an outlet
// or platform label, and briefs with a source of unknown outlet.
func seedSourceCounts(stories []*briefbot.Story) (briefs, badSource, labelHead, unnamed int, bad []string) {
	for _, s := range stories {
		b := Render(s, renderOpt)
		briefs++
		m := sourceLineRe.FindStringSubmatch(b.HTML)
		if m != nil {
			wrong := false
			for _, lt := range linkTextRe.FindAllStringSubmatch(m[1], -1) {
				name := strings.TrimSpace(tgtext.Unescape(lt[1]))
				lower := strings.ToLower(name)
				if bareHostRe.MatchString(lower) || lower == "source" || strings.Contains(lower, "t.me") {
					wrong = true
				}
				for _, a := range aggregators {
					if strings.Contains(lower, strings.ToLower(a)) {
						wrong = true
					}
				}
				for _, u := range unnamedSource {
					if name == u {
						unnamed++
					}
				}
			}
			if wrong {
				badSource++
				bad = append(bad, m[0])
			}
		}
		for _, w := range labelWords {
			if strings.EqualFold(strings.TrimSpace(b.Headline), w) {
				labelHead++
				bad = append(bad, "【"+b.Headline+"】")
			}
		}
	}
	return
}

// TestBriefSourcesNamed reads the 📰 lines and headlines of the seed's
// briefs (as one aggregator post and as one entry per source) and of the
// feed fixtures' briefs (all five feeds at once).
func TestBriefSourcesNamed(t *testing.T) {
	fixtures := func(t *testing.T, asText bool, names ...string) []briefbot.Item {
		var items []briefbot.Item
		for _, f := range names {
			for _, it := range fixtureItems(t, outletFixture{File: "feeds/" + f + ".xml", Lang: "auto"}, asText) {
				it.Topics = []string{"world"}
				it.Opinion, it.OpinionReason = Opinion(it)
				it.Deliver = !it.Opinion
				items = append(items, it)
			}
		}
		return items
	}
	for _, tc := range []struct {
		name  string
		items func(t *testing.T) []briefbot.Item // skips without ../shared for the seed
	}{
		{"seed as one post", func(t *testing.T) []briefbot.Item { return itemsOf(seedAggregated(t)) }},
		{"seed as entries", func(t *testing.T) []briefbot.Item {
			var entries []briefbot.Post
			for _, e := range seedEntries(t) {
				entries = append(entries, e.post)
			}
			return itemsOf(entries...)
		}},
		{"feed fixtures", func(t *testing.T) []briefbot.Item {
			return fixtures(t, false, "hatena-aggregator", "wire", "wire-ja", "wire-ru", "channel")
		}},
		{"aggregator fixture as text", func(t *testing.T) []briefbot.Item { return fixtures(t, true, "hatena-aggregator") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stories := Cluster(nil, tc.items(t), ClusterOptions{}).Stories
			briefs, badSource, labelHead, unnamed, bad := seedSourceCounts(stories)
			t.Logf("%s: %d briefs, %d with a host/aggregator/source in 📰, %d headed by an outlet label, %d unnamed sources",
				tc.name, briefs, badSource, labelHead, unnamed)
			if badSource+labelHead > 0 {
				t.Errorf("%s:\n%s", tc.name, strings.Join(bad, "\n"))
			}
		})
	}
}
