package labelled

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Expect is the brief fixtures' expect.json (digest/testdata/brief, whose
// README says what each field means). The digest's tests and
// cmd/briefcheck both judge briefs by it, so its layout is declared once,
// here: a label added to the file is then read by both.
type Expect struct {
	Version  int                    `json:"version"`
	Events   map[string]ExpectEvent `json:"events"` // keyed by the ID ExpectItem.Event names
	Fixtures []ExpectFixture        `json:"fixtures"`
	Repeats  []ExpectRepeat         `json:"repeats"`
}

// ExpectEvent holds the flags every brief of one event must show, whichever
// outlet's report it is told from.
type ExpectEvent struct {
	About         string   `json:"about"` // for the labeller only
	Flags         []string `json:"flags"`
	FlagsOptional []string `json:"flags_optional"` // allowed but not required: a brief is not faulted either way
}

// ExpectFixture is one fixture feed, with the labels that hold for every
// report in it (a feed's own title or author is never a source's name).
type ExpectFixture struct {
	File              string       `json:"file"` // relative to the fixtures' directory
	Format            string       `json:"format"`
	Lang              string       `json:"lang"`
	Kind              string       `json:"kind"`
	FeedTitle         string       `json:"feed_title"`
	Author            string       `json:"author"`
	HeadlineForbidden []string     `json:"headline_forbidden"`
	Items             []ExpectItem `json:"items"`
}

// ExpectItem is one report: a feed item or one source block of an
// aggregator entry. It is keyed by URL because the URL is what survives
// splitting and clustering unchanged.
type ExpectItem struct {
	URL               string            `json:"url"`
	Entry             string            `json:"entry"`
	Lang              string            `json:"lang"` // the report's own, which in an aggregator need not be the feed's
	Shape             string            `json:"shape"`
	Event             string            `json:"event"` // empty for opinion, which reports no event
	MayJoin           []string          `json:"may_join"`
	Outlet            map[string]string `json:"outlet"` // by brief language: editors name outlets differently in each
	OutletAlso        []string          `json:"outlet_also"`
	Opinion           bool              `json:"opinion"`
	Label             string            `json:"label"`
	Caption           string            `json:"caption"`
	Title             string            `json:"title"`
	TitleStatus       string            `json:"title_status"`
	Quotes            []ExpectSpeech    `json:"quotes"`
	Claims            []ExpectSpeech    `json:"claims"`
	HeadlineForbidden []string          `json:"headline_forbidden"` // on top of the fixture's
	NotFacts          []string          `json:"not_facts"`
	Note              string            `json:"note"`
}

// ExpectSpeech is a quotation (Quote) or a party's claim (Text): a brief
// must not show either without saying who spoke.
type ExpectSpeech struct {
	// Quote is only the quotation's first ten characters, enough to find
	// it in a brief that trims or rewraps it.
	Quote   string `json:"quote"`
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	// SpeakerKeys is, by brief language, the part of the speaker's name a
	// line must hold: briefs shorten and translate names.
	SpeakerKeys map[string]string `json:"speaker_keys"`
}

// ExpectRepeat is two phrasings of one fact from two sources: a brief
// showing both repeats itself in words overlap alone does not catch.
type ExpectRepeat struct {
	Lang string `json:"lang"`
	A    string `json:"a"`
	B    string `json:"b"`
	Note string `json:"note"`
}

// ReadExpect reads an expect.json. Unknown fields fail it: a misspelt
// label would otherwise be dropped and its check silently never run.
func ReadExpect(path string) (*Expect, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read expectations: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var e Expect
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("decode expectations: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("decode expectations: data after the object")
	}
	return &e, nil
}
