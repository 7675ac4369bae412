package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"briefbot/internal/tgtext"
)

// summary is one input's figures, as -json prints them and -compare reads
// them back from another checkout.
type summary struct {
	Input       string         `json:"input"`
	Briefs      int            `json:"briefs"`
	Pushed      int            `json:"pushed"`
	Counts      map[string]int `json:"counts"` // by column name; absent where the column does not apply
	LongStories int            `json:"long_stories"`
	WithFacts   int            `json:"with_facts"`
	Quotes      int            `json:"quotes"`
}

func (r *result) summary() summary {
	s := summary{Input: r.name, Briefs: len(r.briefs), Pushed: r.pushed, Counts: map[string]int{},
		LongStories: r.longStories, WithFacts: r.withFacts, Quotes: r.quotes}
	for c := range numColumns {
		if !r.off[c] {
			s.Counts[columnNames[c]] = r.count[c]
		}
	}
	return s
}

func writeJSON(w io.Writer, sums []summary) error {
	enc := json.NewEncoder(w)
	for _, s := range sums {
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("encode summary: %w", err)
		}
	}
	return nil
}

// floorShare is the share of long stories whose brief has enough facts.
func (s summary) floorShare() string {
	if s.LongStories == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %.0f%%", s.WithFacts, s.LongStories, 100*float64(s.WithFacts)/float64(s.LongStories))
}

// printTable prints the reader table: a row per rule, a column per input,
// and the goal. ref, when not nil, holds another checkout's figures,
// printed after each of this run's as "now (ref)".
func printTable(w io.Writer, sums []summary, ref map[string]summary, refName string) {
	header := []string{"rule"}
	for _, s := range sums {
		header = append(header, s.Input)
	}
	header = append(header, "goal")
	rows := [][]string{header}
	cell := func(s summary, now, then string, ok bool) string {
		if _, has := ref[s.Input]; ref != nil && has && ok {
			return now + " (" + then + ")"
		}
		return now
	}
	row := func(name, goal string, f func(s summary) (now, then string, ok bool)) {
		r := []string{name}
		for _, s := range sums {
			now, then, ok := f(s)
			r = append(r, cell(s, now, then, ok))
		}
		rows = append(rows, append(r, goal))
	}
	row("briefs (pushed)", "", func(s summary) (string, string, bool) {
		o := ref[s.Input]
		return fmt.Sprintf("%d (%d)", s.Briefs, s.Pushed), fmt.Sprintf("%d/%d", o.Briefs, o.Pushed), true
	})
	for c := range numColumns {
		name := columnNames[c]
		row(name, "0", func(s summary) (string, string, bool) {
			n, on := s.Counts[name]
			if !on {
				return "-", "", false
			}
			o, was := ref[s.Input].Counts[name]
			return fmt.Sprint(n), fmt.Sprint(o), was
		})
	}
	row("floor: ≥2 🔸 of ≥4-sentence stories", "≥ 90%", func(s summary) (string, string, bool) {
		if s.Input == "flags" {
			return "-", "", false
		}
		return s.floorShare(), ref[s.Input].floorShare(), true
	})
	row("floor: 🗨️ lines", "≥ main's", func(s summary) (string, string, bool) {
		if s.Input == "flags" {
			return "-", "", false
		}
		return fmt.Sprint(s.Quotes), fmt.Sprint(ref[s.Input].Quotes), true
	})
	if ref != nil {
		fmt.Fprintf(w, "figures: this checkout (%s's in parentheses)\n", refName)
	}
	widths := make([]int, len(header))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	for ri, r := range rows {
		var sb strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-cellWidth(c))
			if i == 0 {
				sb.WriteString(c + pad)
			} else {
				sb.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
		if ri == 0 {
			fmt.Fprintln(w, strings.Repeat("-", utf8.RuneCountInString(sb.String())))
		}
	}
}

// cellWidth approximates a cell's width on a terminal: wide (East Asian)
// characters and emoji count two columns, joiners none.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F):
		case r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0x1F300 && r <= 0x1FAFF || r == '【' || r == '】'):
			n += 2
		default:
			n++
		}
	}
	return n
}

// printBriefs prints every brief of an input, pushed or not, each with
// the lines a reader would object to under it (-all).
func printBriefs(w io.Writer, r *result) {
	byBrief := map[int][]finding{}
	for _, f := range append(r.findings, r.belowFloor...) {
		byBrief[f.brief] = append(byBrief[f.brief], f)
	}
	for bi, b := range r.briefs {
		fmt.Fprintf(w, "\n=== %s, brief %d (push=%v, %s)\n%s\n", r.name, bi+1, b.Push, b.Language, tgtext.PlainText(b.HTML))
		for _, f := range byBrief[bi] {
			name := "floor: ≥2 🔸"
			if f.col >= 0 {
				name = columnNames[f.col]
			}
			fmt.Fprintf(w, "  ✗ [%s] %s\n      %s\n", name, f.why, f.text)
		}
	}
	for _, f := range byBrief[-1] {
		fmt.Fprintf(w, "\n=== %s, items\n  ✗ [%s] %s\n      %s\n", r.name, columnNames[f.col], f.why, f.text)
	}
}

// printFindings prints each offending line under its brief (-v).
func printFindings(w io.Writer, r *result) {
	byBrief := map[int][]finding{}
	var order []int
	for _, f := range r.findings {
		if _, ok := byBrief[f.brief]; !ok {
			order = append(order, f.brief)
		}
		byBrief[f.brief] = append(byBrief[f.brief], f)
	}
	for _, bi := range order {
		if bi >= 0 {
			b := r.briefs[bi]
			fmt.Fprintf(w, "\n=== %s, brief %d (push=%v, %s)\n%s\n", r.name, bi+1, b.Push, b.Language, tgtext.PlainText(b.HTML))
		} else {
			fmt.Fprintf(w, "\n=== %s, items\n", r.name)
		}
		for _, f := range byBrief[bi] {
			fmt.Fprintf(w, "  ✗ [%s] %s\n      %s\n", columnNames[f.col], f.why, f.text)
		}
	}
	for _, f := range r.belowFloor {
		b := r.briefs[f.brief]
		fmt.Fprintf(w, "\n=== %s, brief %d (push=%v, %s)\n%s\n  ✗ [floor: ≥2 🔸] %s\n", r.name, f.brief+1, b.Push, b.Language, tgtext.PlainText(b.HTML), f.why)
	}
}
