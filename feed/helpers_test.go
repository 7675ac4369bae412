package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"

	"briefbot"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encodeTo encodes UTF-8 text into a legacy encoding, so non-UTF-8 fixtures
// stay readable in the source.
func encodeTo(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode fixture: %v", err)
	}
	return b
}

// checkInvariants holds for every post Parse returns, whatever the input.
func checkInvariants(t testing.TB, res *briefbot.FetchResult) {
	t.Helper()
	for i, p := range res.Posts {
		if p.Key == "" {
			t.Errorf("post %d: empty key", i)
		}
		if !utf8.ValidString(p.Title) || !utf8.ValidString(p.Text) || !utf8.ValidString(p.HTML) {
			t.Errorf("post %d: invalid UTF-8", i)
		}
		if strings.Contains(strings.ToLower(p.HTML), "<script") {
			t.Errorf("post %d: script in HTML: %q", i, p.HTML)
		}
		if utf8.RuneCountInString(p.Title) > maxTitleRunes {
			t.Errorf("post %d: title of %d runes", i, utf8.RuneCountInString(p.Title))
		}
		if p.ContentHash == "" || p.FetchedAt.IsZero() || p.Published.IsZero() {
			t.Errorf("post %d: missing hash or times: %+v", i, p)
		}
		if p.Published.After(p.FetchedAt) {
			t.Errorf("post %d: published %v after fetched %v", i, p.Published, p.FetchedAt)
		}
	}
}
