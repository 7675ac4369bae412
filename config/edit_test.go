package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of the edit tests")

// copyToTemp copies a testdata config into a fresh folder, as the file an
// admin command edits.
func copyToTemp(t *testing.T, name string, mode os.FileMode) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "edit", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, data, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func editOpts() Options {
	return Options{LookupEnv: env(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x"}), CheckSchedule: checkSchedule}
}

var newFeed = Feed{Name: "nhk-world", URL: "https://www3.nhk.or.jp/rss/news/cat6.xml?x=1&y=2", Topics: []string{"world"}, Language: "auto"}

func TestEditGolden(t *testing.T) {
	tests := []struct {
		name, in, golden string
		edit             func(path string) error
	}{
		{"add to block list", "block.yaml", "block.add.golden",
			func(p string) error { return AddFeed(p, newFeed, editOpts()) }},
		{"add with schedule", "block.yaml", "block.add-schedule.golden",
			func(p string) error {
				f := newFeed
				f.Schedule, f.Urgent, f.Backlog = "@every 10m", true, "all"
				return AddFeed(p, f, editOpts())
			}},
		{"remove first of block list", "block.yaml", "block.remove.golden",
			func(p string) error { return RemoveFeed(p, "d1021", editOpts()) }},
		{"remove last of block list", "block.yaml", "block.remove-last.golden",
			func(p string) error { return RemoveFeed(p, "reuters", editOpts()) }},
		{"add to flow entries", "flow.yaml", "flow.add.golden",
			func(p string) error { return AddFeed(p, newFeed, editOpts()) }},
		{"remove multi-line flow entry", "flow.yaml", "flow.remove.golden",
			func(p string) error { return RemoveFeed(p, "b", editOpts()) }},
		{"add to empty list", "empty.yaml", "empty.add.golden",
			func(p string) error { return AddFeed(p, newFeed, editOpts()) }},
		{"add without feeds key", "nofeeds.yaml", "nofeeds.add.golden",
			func(p string) error { return AddFeed(p, newFeed, editOpts()) }},
		{"add then remove again", "block.yaml", "block.yaml",
			func(p string) error {
				if err := AddFeed(p, newFeed, editOpts()); err != nil {
					return err
				}
				return RemoveFeed(p, newFeed.Name, editOpts())
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyToTemp(t, tt.in, 0o640)
			if err := tt.edit(path); err != nil {
				t.Fatalf("edit: %v", err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "edit", tt.golden)
			if *update && tt.golden != tt.in {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("edited file differs from %s:\n--- got ---\n%s\n--- want ---\n%s", golden, got, want)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("file mode not kept: %v %v", fi.Mode(), err)
			}
			if _, err := Parse(got, path, editOpts()); err != nil {
				t.Errorf("edited file does not parse: %v", err)
			}
		})
	}
}

// TestAddFeedReadsBack checks that values needing quotes (YAML keywords,
// numbers, flow indicators) come back from the file as they went in.
func TestAddFeedReadsBack(t *testing.T) {
	for _, in := range []string{"block.yaml", "flow.yaml"} {
		for _, name := range []string{"no", "1.5", "a, b", "ニュース", "x: y", "#tag", "-dash", "null", `q"uote`} {
			path := copyToTemp(t, in, 0o600)
			f := Feed{Name: name, URL: "https://example.com/a,b?[c]={d}#frag", Topics: []string{"world"}, Include: []string{"a: b", "yes"}, Outlet: name}
			if err := AddFeed(path, f, editOpts()); err != nil {
				t.Fatalf("%s: AddFeed(%q): %v", in, name, err)
			}
			cfg, err := Load(path, editOpts())
			if err != nil {
				t.Fatal(err)
			}
			got := cfg.Feeds[len(cfg.Feeds)-1]
			if got.Name != f.Name || got.URL != f.URL || !reflect.DeepEqual(got.Include, f.Include) || got.Outlet != f.Outlet {
				t.Errorf("%s: wrote %+v, read back %+v", in, f, got)
			}
		}
	}
}

func TestEditRefusals(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(path string) error
		wantErr func(error) bool
	}{
		{"unknown topic", func(p string) error {
			return AddFeed(p, Feed{Name: "x", URL: "https://x.example.com/", Topics: []string{"sports"}}, editOpts())
		}, func(err error) bool {
			var es Errors
			return errors.As(err, &es) && strings.Contains(err.Error(), `unknown topic "sports"`)
		}},
		{"duplicate name", func(p string) error {
			return AddFeed(p, Feed{Name: "reuters", URL: "https://x.example.com/", Topics: []string{"world"}}, editOpts())
		}, func(err error) bool { return strings.Contains(err.Error(), `duplicate feed name "reuters"`) }},
		{"bad schedule", func(p string) error {
			return AddFeed(p, Feed{Name: "x", URL: "https://x.example.com/", Topics: []string{"world"}, Schedule: "hourly"}, editOpts())
		}, func(err error) bool { return strings.Contains(err.Error(), "schedule") }},
		{"remove absent", func(p string) error { return RemoveFeed(p, "nope", editOpts()) },
			func(err error) bool { return errors.Is(err, ErrNoSuchFeed) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyToTemp(t, "block.yaml", 0o600)
			before, _ := os.ReadFile(path)
			err := tt.edit(path)
			if err == nil || !tt.wantErr(err) {
				t.Fatalf("got error %v", err)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Errorf("a refused edit changed the file")
			}
			if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
				t.Errorf("temporary files left behind: %v", ents)
			}
		})
	}
}

func TestEditFollowsSymlink(t *testing.T) {
	target := copyToTemp(t, "block.yaml", 0o600)
	link := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := RemoveFeed(link, "reuters", editOpts()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced by a file")
	}
	if data, _ := os.ReadFile(target); strings.Contains(string(data), "name: reuters") {
		t.Fatalf("the link's target was not edited")
	}
}

func FuzzRemoveFeed(f *testing.F) {
	for _, name := range []string{"block.yaml", "flow.yaml", "empty.yaml", "nofeeds.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "edit", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "reuters")
		f.Add(data, "a")
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		// Whatever the input, an edit either fails or yields parsable YAML.
		out, err := removeFeed(data, name)
		if err != nil {
			return
		}
		if _, err := parseDoc(out); err != nil {
			t.Fatalf("removeFeed produced invalid YAML: %v\n%s", err, out)
		}
	})
}

func FuzzAddFeed(f *testing.F) {
	for _, name := range []string{"block.yaml", "flow.yaml", "empty.yaml", "nofeeds.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "edit", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "nhk", "https://www3.nhk.or.jp/rss/news/cat6.xml")
	}
	f.Add([]byte("feeds:\n"), "a: b", "x, [y]")
	f.Fuzz(func(t *testing.T, data []byte, name, url string) {
		if !utf8.ValidString(name) || !utf8.ValidString(url) {
			t.Skip("YAML text is UTF-8; Telegram and feed titles give valid strings")
		}
		out, err := addFeed(data, Feed{Name: name, URL: url, Topics: []string{"world"}})
		if err != nil {
			return
		}
		// Odd layouts can defeat the text edit (a key continued on a
		// less-indented line, say); edit's Parse then refuses to write.
		d, err := parseDoc(out)
		if err != nil {
			return
		}
		// The entry must read back as written, as the last of the list.
		_, seq := d.feeds()
		if seq == nil || seq.Kind != 2 /* yaml.SequenceNode */ || len(seq.Content) == 0 {
			t.Fatalf("no feeds list after addFeed:\n%s", out)
		}
		var got Feed
		if err := seq.Content[len(seq.Content)-1].Decode(&got); err != nil || got.Name != name || got.URL != url {
			t.Fatalf("last entry reads back as %+v (%v), want name %q url %q\n%s", got, err, name, url, out)
		}
	})
}
