package digest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/feed"
	"briefbot/internal/urlid"
)

// outletFixture is what testdata/brief/expect.json says of the outlets,
// labels, captions and titles of each feed fixture's items.
type outletFixture struct {
	File      string `json:"file"`
	Lang      string `json:"lang"`
	Kind      string `json:"kind"`
	FeedTitle string `json:"feed_title"`
	Author    string `json:"author"`
	Items     []struct {
		URL        string            `json:"url"`
		Lang       string            `json:"lang"`
		Outlet     map[string]string `json:"outlet"`
		OutletAlso []string          `json:"outlet_also"`
		Label      string            `json:"label"`
		Caption    string            `json:"caption"`
		Title      string            `json:"title"`
	} `json:"items"`
}

// fixtureItems parses a feed fixture as the fetcher does and splits every
// post as the scheduler does; asText drops the HTML, as a feed giving only
// text would (the seed's shape).
func fixtureItems(t *testing.T, fx outletFixture, asText bool) []briefbot.Item {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "brief", fx.File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := feed.Parse(f, "", time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), fx.Lang)
	if err != nil {
		t.Fatal(err)
	}
	var items []briefbot.Item
	for i, p := range res.Posts {
		p.ID, p.FeedName = int64(i+1), strings.TrimSuffix(filepath.Base(fx.File), ".xml")
		if asText {
			p.HTML = ""
		}
		items = append(items, Split(p)...)
	}
	return items
}

// TestFixtureOutlets checks every item of the feed fixtures against the
// outlets the editor gave it in each language, written before tuning: as
// split, and as the 📰 line of a brief in ja, en and ru names it. Label
// lines and captions never title a block, and the blogger, the feed and the
// aggregator are never an outlet.
func TestFixtureOutlets(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "brief", "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Fixtures []outletFixture `json:"fixtures"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, fx := range doc.Fixtures {
		t.Run(filepath.Base(fx.File), func(t *testing.T) {
			items := fixtureItems(t, fx, false)
			byURL := map[string]briefbot.Item{}
			for _, it := range items {
				if _, ok := byURL[urlid.Key(it.URL)]; !ok {
					byURL[urlid.Key(it.URL)] = it
				}
				for _, bad := range []string{fx.FeedTitle, fx.Author, "source"} {
					if bad != "" && strings.EqualFold(it.Outlet, bad) {
						t.Errorf("%s: outlet %q is the feed's, the blogger's or no name", it.URL, it.Outlet)
					}
				}
				if domainLike(it.Outlet) || strings.Contains(it.Outlet, "hatena") {
					t.Errorf("%s: outlet %q is a host", it.URL, it.Outlet)
				}
				if isLabel(it.Title) || strings.ContainsAny(it.Title, "👇⬇") ||
					fx.FeedTitle != "" && strings.Contains(it.Title, fx.FeedTitle) || fx.Author != "" && strings.Contains(it.Title, fx.Author) {
					t.Errorf("%s: title %q is a label, a caption, the feed's or the blogger's", it.URL, it.Title)
				}
			}
			if len(items) != len(fx.Items) {
				t.Errorf("%d items, want %d", len(items), len(fx.Items))
			}
			for _, want := range fx.Items {
				it, ok := byURL[urlid.Key(want.URL)]
				if !ok {
					t.Errorf("no item cites %s", want.URL)
					continue
				}
				checked++
				for lang, name := range want.Outlet {
					got := outletIn(it.Outlet, lang)
					if lang == want.Lang && it.Outlet != got {
						t.Errorf("%s: split names it %q, not in its own language (%q)", want.URL, it.Outlet, got)
					}
					if got != name && !slices.Contains(want.OutletAlso, got) {
						t.Errorf("%s: outlet in %s %q, want %q (or one of %q)", want.URL, lang, got, name, want.OutletAlso)
					}
					srcs := sourcesOf(&briefbot.Story{Items: []briefbot.Item{it}}, lang)
					if len(srcs) != 1 || srcs[0].Outlet != got {
						t.Errorf("%s: 📰 sources in %s %+v, want %q", want.URL, lang, srcs, got)
					}
				}
				if want.Label != "" && it.Title == want.Label {
					t.Errorf("%s: the label %q titles the block", want.URL, want.Label)
				}
				if want.Caption != "" && it.Caption+"👇" != want.Caption {
					t.Errorf("%s: caption %q, want %q", want.URL, it.Caption, want.Caption)
				}
				if fx.Kind == "hatena-aggregator" && it.Title != want.Title {
					t.Errorf("%s: title %q, want the cited article's own %q", want.URL, it.Title, want.Title)
				}
			}
		})
	}
	if checked != 80 {
		t.Errorf("checked %d items, want the 80 the README promises", checked)
	}
}
