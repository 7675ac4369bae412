package feed

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/parsed.golden")

// TestParsedGolden pins what every fixture feed and Hatena body becomes
// (keys, links, sanitised HTML and text): a post whose HTML changes reads
// as updated, and its text feeds every brief.
func TestParsedGolden(t *testing.T) {
	var files []string
	for _, pat := range []string{"testdata/*.xml", "testdata/*.json", "../scheduler/testdata/*.xml", "../examples/*.xml"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var sb strings.Builder
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(strings.NewReader(string(b)), "", testNow, "auto")
		if err != nil {
			fmt.Fprintf(&sb, "== %s: %v\n", filepath.ToSlash(name), err)
			continue
		}
		for i, p := range res.Posts {
			fmt.Fprintf(&sb, "== %s #%d\nkey: %s\nurl: %s\ntitle: %s\n-- html\n%s\n-- text\n%s\n", filepath.ToSlash(name), i, p.Key, p.URL, p.Title, p.HTML, p.Text)
		}
	}
	hatena, err := filepath.Glob("../digest/testdata/hatena/*.html")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://d1021.hatenadiary.jp/entry/2025/06/05/000000")
	for _, name := range hatena {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c := cleanHTML(string(b), base)
		fmt.Fprintf(&sb, "== %s\n-- html\n%s\n-- text\n%s\n", filepath.ToSlash(name), c.HTML, c.Text)
	}
	path := filepath.Join("testdata", "parsed.golden")
	if *update {
		if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got := sb.String(); got != string(want) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := range max(len(wl), len(gl)) {
			var w, g string
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if w != g {
				t.Fatalf("parsed.golden differs at line %d:\nwant %q\n got %q", i+1, w, g)
			}
		}
	}
}
