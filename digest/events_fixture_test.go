package digest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// eventsDir holds the hand-labelled multi-outlet fixture (see its README).
var eventsDir = filepath.Join("testdata", "events")

// fixtureReport is one line of testdata/events/reports.jsonl.
type fixtureReport struct {
	ID        string    `json:"id"`
	Event     string    `json:"event"`
	Lang      string    `json:"lang"`
	Outlet    string    `json:"outlet"`
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published"`
	Author    string    `json:"author"`
	Note      string    `json:"note"`
}

// fixtureEvent is one row of testdata/events/events.tsv.
type fixtureEvent struct {
	ID, Kind, Twin, Summary string
	Num                     int // the number in the id: odd is the tuning half, even the held-out half
}

// The labelling limits the README states.
const (
	eventSpan     = 12 * time.Hour // reports of one event
	lookalikeSpan = 36 * time.Hour // a look-alike's first report from its twin's
	minTextRunes  = 150            // stories and look-alikes; templated items are short
	maxTextRunes  = 700
)

func loadEventFixture(t testing.TB) ([]fixtureReport, map[string]fixtureEvent) {
	t.Helper()
	events := map[string]fixtureEvent{}
	b, err := os.ReadFile(filepath.Join(eventsDir, "events.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("events.tsv:%d: %d columns, want 4", i+1, len(cols))
		}
		n, err := strconv.Atoi(strings.TrimPrefix(cols[0], "e"))
		if err != nil || !strings.HasPrefix(cols[0], "e") {
			t.Fatalf("events.tsv:%d: bad event id %q", i+1, cols[0])
		}
		if _, dup := events[cols[0]]; dup {
			t.Fatalf("events.tsv:%d: event %s listed twice", i+1, cols[0])
		}
		events[cols[0]] = fixtureEvent{ID: cols[0], Kind: cols[1], Twin: cols[2], Summary: cols[3], Num: n}
	}

	f, err := os.Open(filepath.Join(eventsDir, "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reports []fixtureReport
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var r fixtureReport
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("reports.jsonl:%d: %v", line, err)
		}
		reports = append(reports, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return reports, events
}

// twinRoot is the first event of e's twin group: a story for its look-alikes,
// the group's first bulletin for templated ones.
func twinRoot(events map[string]fixtureEvent, id string) string {
	for i := 0; i < len(events) && events[id].Twin != "-"; i++ {
		id = events[id].Twin
	}
	return id
}

func TestEventFixture(t *testing.T) {
	reports, events := loadEventFixture(t)

	byEvent := map[string][]fixtureReport{}
	ids := map[string]bool{}
	for _, r := range reports {
		ev, ok := events[r.Event]
		switch {
		case !ok:
			t.Errorf("%s: event %q is not in events.tsv", r.ID, r.Event)
			continue
		case ids[r.ID]:
			t.Errorf("%s: id used twice", r.ID)
		case !strings.HasPrefix(r.ID, r.Event+"-"):
			t.Errorf("%s: id does not start with its event %s", r.ID, r.Event)
		case r.Lang != "ja" && r.Lang != "en" && r.Lang != "ru":
			t.Errorf("%s: lang %q", r.ID, r.Lang)
		case r.Title == "" || r.Text == "" || r.Published.IsZero():
			t.Errorf("%s: title, text and published are required", r.ID)
		case (r.URL == "" || r.Outlet == "") && ev.Kind != "template":
			t.Errorf("%s: only templated items may lack an outlet or a link", r.ID)
		}
		if n := utf8.RuneCountInString(r.Text); ev.Kind != "template" && (n < minTextRunes || n > maxTextRunes) {
			t.Errorf("%s: text of %d characters, want %d–%d", r.ID, n, minTextRunes, maxTextRunes)
		}
		ids[r.ID] = true
		byEvent[r.Event] = append(byEvent[r.Event], r)
	}

	firstAt := map[string]time.Time{}
	for id, ev := range events {
		rs := byEvent[id]
		if len(rs) == 0 {
			t.Errorf("%s: no report", id)
			continue
		}
		first, last := rs[0].Published, rs[0].Published
		outlets := map[string]bool{}
		for _, r := range rs {
			first, last = minTime(first, r.Published), maxTime(last, r.Published)
			outlets[r.Outlet] = true
		}
		firstAt[id] = first
		if last.Sub(first) > eventSpan {
			t.Errorf("%s: reports span %v, want ≤ %v", id, last.Sub(first), eventSpan)
		}
		switch ev.Kind {
		case "story":
			if len(rs) < 2 || len(rs) > 4 || len(outlets) != len(rs) {
				t.Errorf("%s: %d reports from %d outlets, want 2–4 from different outlets", id, len(rs), len(outlets))
			}
		case "lookalike":
			if ev.Twin == "-" {
				t.Errorf("%s: look-alike without a twin", id)
			}
		case "template":
		default:
			t.Errorf("%s: kind %q", id, ev.Kind)
		}
	}
	for id, ev := range events {
		if ev.Twin == "-" {
			continue
		}
		tw, ok := events[ev.Twin]
		if !ok || tw.Num%2 != ev.Num%2 {
			t.Errorf("%s: twin %s missing or in the other half", id, ev.Twin)
		} else if d := firstAt[id].Sub(firstAt[tw.ID]).Abs(); d > lookalikeSpan {
			t.Errorf("%s: first report %v from its twin's, want ≤ %v", id, d, lookalikeSpan)
		}
	}

	got := map[string]map[string]int{
		"first":  fixtureCounts(reports, events, func(n int) bool { return n%2 == 1 }),
		"second": fixtureCounts(reports, events, func(n int) bool { return n%2 == 0 }),
		"whole":  fixtureCounts(reports, events, func(int) bool { return true }),
	}
	// The fixture's floors: these are what make it worth measuring on.
	w := got["whole"]
	if w["stories"] < 30 || w["look-alikes"]+w["templated"] < 30 || w["multi-language events"] < 15 {
		t.Errorf("floors: %d stories, %d look-alike and templated events, %d multi-language events; want ≥ 30, ≥ 30, ≥ 15",
			w["stories"], w["look-alikes"]+w["templated"], w["multi-language events"])
	}

	readme := readmeCounts(t)
	for half, cols := range got {
		for col, n := range cols {
			want, ok := readme[half][col]
			if !ok {
				t.Errorf("README: no %q figure for the %s half", col, half)
			} else if want != n {
				t.Errorf("README: %s half %q is %d, the files give %d", half, col, want, n)
			}
		}
	}
	for half, cols := range readme {
		for col := range cols {
			if _, ok := got[half][col]; !ok {
				t.Errorf("README: unknown figure %q for half %q", col, half)
			}
		}
	}
}

// fixtureColumns are the figures the README's count tables give per half.
var fixtureColumns = []string{
	"events", "stories", "look-alikes", "templated", "multi-language events", "three-language events",
	"reports", "ja", "en", "ru", "same-event pairs", "cross-language same-event pairs",
	"different-event pairs", "look-alike pairs",
}

// fixtureCounts gives the README's figures for the events whose number keep
// accepts. Pairs are pairs of reports both in the selection.
func fixtureCounts(reports []fixtureReport, events map[string]fixtureEvent, keep func(int) bool) map[string]int {
	c := map[string]int{}
	for _, col := range fixtureColumns {
		c[col] = 0
	}
	var sel []fixtureReport
	langs := map[string]map[string]bool{}
	for _, r := range reports {
		if !keep(events[r.Event].Num) {
			continue
		}
		sel = append(sel, r)
		c[r.Lang]++
		if langs[r.Event] == nil {
			langs[r.Event] = map[string]bool{}
		}
		langs[r.Event][r.Lang] = true
	}
	kinds := map[string]string{"story": "stories", "lookalike": "look-alikes", "template": "templated"}
	for id, ev := range events {
		if !keep(ev.Num) {
			continue
		}
		c["events"]++
		c[kinds[ev.Kind]]++
		if n := len(langs[id]); n >= 2 {
			c["multi-language events"]++
			if n == 3 {
				c["three-language events"]++
			}
		}
	}
	c["reports"] = len(sel)
	for i, a := range sel {
		for _, b := range sel[i+1:] {
			switch {
			case a.Event == b.Event:
				c["same-event pairs"]++
				if a.Lang != b.Lang {
					c["cross-language same-event pairs"]++
				}
			default:
				c["different-event pairs"]++
				if twinRoot(events, a.Event) == twinRoot(events, b.Event) {
					c["look-alike pairs"]++
				}
			}
		}
	}
	return c
}

// readmeCounts reads the README's count tables: those whose header starts with
// "half"; a row's first word names the half (first, second, whole).
func readmeCounts(t *testing.T) map[string]map[string]int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(eventsDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]int{}
	var header []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case cells[0] == "half":
			header = cells
		case header == nil || strings.HasPrefix(cells[0], "---"):
		default:
			half := strings.Fields(cells[0])[0]
			if out[half] == nil {
				out[half] = map[string]int{}
			}
			for i, cell := range cells[1:] {
				n, err := strconv.Atoi(cell)
				if err != nil || i+1 >= len(header) {
					t.Fatalf("README: bad cell %q in row %q", cell, line)
				}
				out[half][header[i+1]] = n
			}
		}
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
