package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreviewLang previews the bundled sample feed (Japanese reports, and
// the Fed story told by Reuters in English and in Japanese) as each kind
// of reader gets it: in each story's main language by default (the Fed
// story's is English, its earlier report); with -lang en the same briefs;
// with -lang ja every brief Japanese, the Fed story's built from its
// Japanese report; a language briefbot does not write is refused.
func TestPreviewLang(t *testing.T) {
	ctx := context.Background()
	sample := filepath.Join("..", "..", "examples", "sample-feed.xml")
	run := func(args ...string) []previewBrief {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := previewCommand(ctx, append(args, sample), &out, &errOut); err != nil {
			t.Fatalf("preview %v: %v\n%s", args, err, errOut.String())
		}
		var briefs []previewBrief
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var b previewBrief
			if err := json.Unmarshal([]byte(line), &b); err != nil {
				t.Fatalf("preview %v: line %q: %v", args, line, err)
			}
			briefs = append(briefs, b)
		}
		return briefs
	}
	main := run("-json")
	if len(main) == 0 {
		t.Fatal("no briefs")
	}
	langs := map[string]int{}
	for _, b := range main {
		langs[b.Language]++
	}
	if langs["ja"] == 0 || langs["en"] != 1 {
		t.Errorf("languages of the sample's briefs = %v, want Japanese ones and one English", langs)
	}
	for _, lang := range []string{"en", "ja"} {
		got := run("-json", "-lang", lang)
		if len(got) != len(main) {
			t.Fatalf("-lang %s: %d briefs, default %d; want one per story either way", lang, len(got), len(main))
		}
		for i := range main {
			switch {
			case got[i].Language == main[i].Language && got[i].HTML == main[i].HTML:
			case lang == "ja" && main[i].Language == "en" && got[i].Language == "ja" && strings.Contains(got[i].Headline, "ウォラー"):
				// The Fed story, from its Japanese report.
			default:
				t.Errorf("-lang %s, brief %d: %q in %q; default %q in %q", lang, i, got[i].Headline, got[i].Language,
					main[i].Headline, main[i].Language)
			}
		}
	}
	var errOut bytes.Buffer
	if err := previewCommand(ctx, []string{"-lang", "de", sample}, &bytes.Buffer{}, &errOut); !errors.Is(err, errUsage) ||
		!strings.Contains(errOut.String(), "ja, en or ru") {
		t.Errorf("-lang de: %v, %q; want a usage error naming ja, en or ru", err, errOut.String())
	}
}
