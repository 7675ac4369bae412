package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"briefbot/internal/labelled"
)

// acceptsOutlet reports whether name is how the editor names the item's
// outlet in a brief of language lang.
func acceptsOutlet(it *labelled.ExpectItem, name, lang string) bool {
	f := matchForm(name)
	if want, ok := it.Outlet[lang]; ok && matchForm(want) == f {
		return true
	}
	for _, a := range it.OutletAlso {
		if matchForm(a) == f {
			return true
		}
	}
	return false
}

// opinionItem is one row of opinion/items.jsonl.
type opinionItem struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Label string `json:"label"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func loadOpinionItems(path string) ([]opinionItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open opinion items: %w", err)
	}
	defer f.Close()
	var out []opinionItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it opinionItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("decode opinion item: %w", err)
		}
		if it.Label != "opinion" && it.Label != "news" {
			return nil, fmt.Errorf("opinion item %s: label %q", it.ID, it.Label)
		}
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read opinion items: %w", err)
	}
	return out, nil
}

// flagRow is one row of flags.tsv: a headline and lead, the flags they
// must get and the ones they may get.
type flagRow struct {
	lang, headline, lead string
	want, optional       []string
}

func loadFlagRows(path string) ([]flagRow, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read flag rows: %w", err)
	}
	var out []flagRow
	for i, ln := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 || ln == "" {
			continue
		}
		c := strings.Split(ln, "\t")
		if len(c) < 5 {
			return nil, fmt.Errorf("%s:%d: want lang, headline, lead, flags, optional", path, i+1)
		}
		out = append(out, flagRow{lang: c[0], headline: c[1], lead: c[2], want: flagList(c[3]), optional: flagList(c[4])})
	}
	return out, nil
}

func flagList(s string) []string {
	if s == "-" {
		return nil
	}
	return strings.Fields(s)
}
