package digest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"briefbot"
)

// TestSplitGolden pins the items Split reads from HTML bodies: the Hatena
// fixtures as they are, and again with their quotes unwrapped and no text,
// which takes the plain-HTML path.
func TestSplitGolden(t *testing.T) {
	names, err := filepath.Glob("testdata/hatena/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, name := range names {
		body := readFixture(t, filepath.Base(name))
		plain := strings.NewReplacer("<blockquote", "<div", "</blockquote>", "</div>").Replace(body)
		for _, v := range []struct{ label, html string }{{"quotes", body}, {"no quotes, no text", plain}} {
			p := briefbot.Post{ID: 1, FeedName: "d1021", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
				Title: "ロシア", HTML: v.html, Language: "auto"}
			fmt.Fprintf(&sb, "== %s (%s)\n", filepath.Base(name), v.label)
			for _, it := range Split(p) {
				fmt.Fprintf(&sb, "-- item %d: %s %s\ntitle: %s\n%s\n", it.Index, it.Outlet, it.URL, it.Title, it.Text)
			}
		}
	}
	checkGolden(t, "split.txt", sb.String())
}
