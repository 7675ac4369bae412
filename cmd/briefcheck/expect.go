package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// expectFile mirrors the team's hand-labelled expect.json.
type expectFile struct {
	Events   map[string]expectEvent `json:"events"`
	Fixtures []expectFixture        `json:"fixtures"`
	Repeats  []expectRepeat         `json:"repeats"`
}

type expectEvent struct {
	Flags         []string `json:"flags"`
	FlagsOptional []string `json:"flags_optional"`
}

type expectFixture struct {
	File              string       `json:"file"`
	Lang              string       `json:"lang"`
	Kind              string       `json:"kind"`
	FeedTitle         string       `json:"feed_title"`
	Author            string       `json:"author"`
	HeadlineForbidden []string     `json:"headline_forbidden"`
	Items             []expectItem `json:"items"`
}

// expectItem is one source block or feed item and what an editor does
// with it.
type expectItem struct {
	URL               string            `json:"url"`
	Entry             string            `json:"entry"`
	Lang              string            `json:"lang"`
	Event             string            `json:"event"`
	MayJoin           []string          `json:"may_join"`
	Outlet            map[string]string `json:"outlet"`
	OutletAlso        []string          `json:"outlet_also"`
	Opinion           bool              `json:"opinion"`
	Title             string            `json:"title"`
	TitleStatus       string            `json:"title_status"`
	Quotes            []expectSpeech    `json:"quotes"`
	Claims            []expectSpeech    `json:"claims"`
	HeadlineForbidden []string          `json:"headline_forbidden"`
	NotFacts          []string          `json:"not_facts"`
}

// expectSpeech is a quote (its first ten characters) or a claim (a
// fragment), with the speaker's name as it must show in each language.
type expectSpeech struct {
	Quote       string            `json:"quote"`
	Text        string            `json:"text"`
	Speaker     string            `json:"speaker"`
	SpeakerKeys map[string]string `json:"speaker_keys"`
}

type expectRepeat struct {
	Lang string `json:"lang"`
	A    string `json:"a"`
	B    string `json:"b"`
}

// acceptsOutlet reports whether name is how the editor names the item's
// outlet in a brief of language lang.
func (it *expectItem) acceptsOutlet(name, lang string) bool {
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

func loadExpect(dir string) (*expectFile, error) {
	b, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		return nil, fmt.Errorf("read expectations: %w", err)
	}
	var e expectFile
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("decode expect.json: %w", err)
	}
	return &e, nil
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
