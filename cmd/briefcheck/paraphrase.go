package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// pair is one row of the hand-labelled paraphrase file.
type pair struct {
	lang, a, b string
	same       bool
}

// loadPairs reads paraphrase.tsv: a header, then lang, label (same or
// different), a, b, note split by tabs.
func loadPairs(path string) ([]pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open paraphrase pairs: %w", err)
	}
	defer f.Close()
	var out []pair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || (cols[1] != "same" && cols[1] != "different") {
			return nil, fmt.Errorf("%s:%d: want lang, same|different, a, b", path, n+1)
		}
		out = append(out, pair{lang: cols[0], a: cols[2], b: cols[3], same: cols[1] == "same"})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read paraphrase pairs: %w", err)
	}
	return out, nil
}

// score is a detector's precision and recall on the pairs labelled same.
type score struct {
	tp, fp, fn int
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func (s score) String() string {
	return fmt.Sprintf("precision %.2f (%d/%d), recall %.2f (%d/%d)",
		s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// scorePairs scores "similarity ≥ threshold means same" on pairs of one
// language ("" for all).
func scorePairs(pairs []pair, lang string, threshold float64) score {
	var s score
	for _, p := range pairs {
		if lang != "" && p.lang != lang {
			continue
		}
		said := similarity(p.a, p.b) >= threshold
		switch {
		case said && p.same:
			s.tp++
		case said:
			s.fp++
		case p.same:
			s.fn++
		}
	}
	return s
}

// printParaphrase prints the repeat measure's precision and recall on the
// pairs at the threshold in use, per language, and a sweep around it.
func printParaphrase(w io.Writer, pairs []pair) {
	fmt.Fprintf(w, "repeated-line measure on %d hand-labelled pairs, threshold %.2f:\n", len(pairs), repeatThreshold)
	for _, lang := range []string{"", "ja", "en", "ru"} {
		name := lang
		if name == "" {
			name = "all"
		}
		fmt.Fprintf(w, "  %-3s %v\n", name, scorePairs(pairs, lang, repeatThreshold))
	}
	fmt.Fprintln(w, "  sweep (all languages):")
	for t := 0.2; t < 0.85; t += 0.1 {
		fmt.Fprintf(w, "    %.1f  %v\n", t, scorePairs(pairs, "", t))
	}
}

// printLinePairs prints how many line pairs of the pushed briefs the repeat
// measure would call the same at thresholds around the one in use: the
// check that the threshold stays quiet on real briefs.
func printLinePairs(w io.Writer, results []*result) {
	total := 0
	var at [4]int
	ths := [4]float64{0.2, 0.3, 0.4, repeatThreshold}
	for _, r := range results {
		for _, b := range r.briefs {
			if !b.Push {
				continue
			}
			lines := read(b.HTML).lines
			for i := range lines {
				for k := i + 1; k < len(lines); k++ {
					total++
					s := similarity(lines[i].text, lines[k].text)
					for t, th := range ths {
						if s >= th {
							at[t]++
						}
					}
				}
			}
		}
	}
	fmt.Fprintf(w, "line pairs of pushed briefs: %d; called the same at 0.2: %d, 0.3: %d, 0.4: %d, %.2f: %d\n\n",
		total, at[0], at[1], at[2], ths[3], at[3])
}
