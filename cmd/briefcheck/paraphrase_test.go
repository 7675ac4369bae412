package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestParaphrase prints the repeat measure's precision and recall on the
// team's labelled pairs and holds them at the figures the package doc
// states, so that a change to the measure is seen in its numbers.
func TestParaphrase(t *testing.T) {
	pairs, err := loadPairs(filepath.Join("..", "..", "digest", "testdata", "brief", "paraphrase.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for _, p := range pairs {
		if p.same {
			same++
		}
	}
	if len(pairs) < 80 || same*2 != len(pairs) {
		t.Fatalf("%d pairs, %d same: want at least 80, half of them same", len(pairs), same)
	}
	var sb strings.Builder
	printParaphrase(&sb, pairs)
	t.Log("\n" + sb.String())
	s := scorePairs(pairs, "", repeatThreshold)
	if s.precision() < 0.31 || s.recall() < 0.15 {
		t.Errorf("at %.2f: %v; the package doc states precision 0.32, recall 0.16", repeatThreshold, s)
	}
}
