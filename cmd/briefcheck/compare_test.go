package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCopyChecker(t *testing.T) {
	src := t.TempDir()
	for name, body := range map[string]string{"main.go": "package main", "main_test.go": "package main", "testdata/seed.tsv": "1-2\tx"} {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dst := filepath.Join(t.TempDir(), "briefcheck")
	if err := copyChecker(src, dst); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"main.go": true, "testdata/seed.tsv": true, "main_test.go": false} {
		_, err := os.Stat(filepath.Join(dst, name))
		if got := err == nil; got != want {
			t.Errorf("%s copied: %v, want %v", name, got, want)
		}
	}
}

func TestPrintTableWithReference(t *testing.T) {
	now := summary{Input: "fixtures", Briefs: 25, Pushed: 24, LongStories: 10, WithFacts: 9, Quotes: 4,
		Counts: map[string]int{columnNames[colHName]: 3}}
	ref := map[string]summary{"fixtures": {Input: "fixtures", Briefs: 20, Pushed: 20, LongStories: 10, WithFacts: 5, Quotes: 6,
		Counts: map[string]int{columnNames[colHName]: 7}}}
	var sb strings.Builder
	printTable(&sb, []summary{now}, ref, "main")
	out := sb.String()
	for _, want := range []string{"main's in parentheses", "3 (7)", "9/10 90% (5/10 50%)", "4 (6)", "25 (24) (20/20)"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// a rule the input does not have shows as -, with or without a reference
	if !strings.Contains(out, "headline: caption") || strings.Contains(out, "0 (0)") {
		t.Errorf("rules off for the input must show -:\n%s", out)
	}
}
