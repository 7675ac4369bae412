package digest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefbot/digest"
)

// sentenceTables are the hand-written boundary tables: the team's, written
// before the splitter was tuned, and the splitter's own cases for what the
// team's table does not cover. Both use the team table's format.
var sentenceTables = []struct {
	path string
	// floor is the pass rate each language must reach.
	floor float64
}{
	{filepath.Join(briefDir, "sentences.tsv"), 0.95},
	{filepath.Join("..", "internal", "sentence", "testdata", "cases.tsv"), 1},
}

// TestSentenceTables splits every case of the boundary tables with the
// digest's entry point and prints the pass rate per language; a language
// under its table's floor fails.
func TestSentenceTables(t *testing.T) {
	for _, tab := range sentenceTables {
		t.Run(filepath.Base(tab.path), func(t *testing.T) {
			b, err := os.ReadFile(tab.path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			if lines[0] != "lang\ttext\tsentences\trule" {
				t.Fatalf("header %q", lines[0])
			}
			pass, total := map[string]int{}, map[string]int{}
			for i, line := range lines[1:] {
				f := strings.Split(line, "\t")
				if len(f) != 4 {
					t.Fatalf("line %d: %d fields, want 4", i+2, len(f))
				}
				lang, text := f[0], strings.ReplaceAll(f[1], `\n`, "\n")
				want := strings.Split(f[2], " ||| ")
				got := digest.Sentences(text, lang)
				for _, ss := range [][]string{got, want} {
					for k := range ss {
						ss[k] = strings.Join(strings.Fields(ss[k]), " ")
					}
				}
				total[lang]++
				if slices.Equal(got, want) {
					pass[lang]++
					continue
				}
				t.Logf("line %d (%s, %s):\n got %q\nwant %q", i+2, lang, f[3], got, want)
			}
			for _, lang := range []string{"en", "ru", "ja"} {
				if total[lang] == 0 {
					t.Errorf("no %s cases", lang)
					continue
				}
				rate := float64(pass[lang]) / float64(total[lang])
				t.Logf("%s: %d of %d (%.1f%%)", lang, pass[lang], total[lang], 100*rate)
				if rate < tab.floor {
					t.Errorf("%s: %.1f%% of cases split right, want ≥ %.0f%%", lang, 100*rate, 100*tab.floor)
				}
			}
		})
	}
}
