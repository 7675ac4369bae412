package feed

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// rssItems is an RSS 2.0 feed of n dated items with a namespaced extension
// each, as hostile templated feeds look.
func rssItems(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>気象情報</title><link>https://weather.example.jp/</link>`)
	for i := range n {
		fmt.Fprintf(&b, "\n<item><guid>w-%d</guid><title>気象情報 第%d号</title><link>https://weather.example.jp/%d</link>"+
			"<dc:creator>気象庁</dc:creator><pubDate>Fri, 20 Nov 2026 09:%02d:00 +0900</pubDate>"+
			"<description>東京地方では午後から雨となる見込みです（第%d号）。</description></item>", i, i+1, i, i%60, i+1)
	}
	b.WriteString("\n</channel></rss>\n")
	return b.Bytes()
}

func TestLimitXML(t *testing.T) {
	lim := Limits{MaxDepth: 16, MaxElements: 500, MaxEntries: 10}
	atom := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>`)
		for i := range n {
			fmt.Fprintf(&b, `<entry><id>e%d</id><title>E%d</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry>`, i, i)
		}
		b.WriteString(`</feed>`)
		return b.Bytes()
	}
	rdf := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel>`)
		for i := range n {
			fmt.Fprintf(&b, `<item rdf:about="https://x.example/%d"><title>R%d</title><link>https://x.example/%d</link></item>`, i, i, i)
		}
		b.WriteString(`</rdf:RDF>`)
		return b.Bytes()
	}
	tests := []struct {
		name      string
		body      []byte
		err       bool
		truncated bool
		entries   int // posts Parse makes from the result
	}{
		{name: "within limits", body: rssItems(10), entries: 10},
		{name: "rss entries past the limit", body: rssItems(40), truncated: true, entries: 10},
		{name: "atom entries past the limit", body: atom(25), truncated: true, entries: 10},
		{name: "rdf entries past the limit", body: rdf(11), truncated: true, entries: 10},
		{name: "nested namespaced bomb", body: []byte(`<rss version="2.0" xmlns:x="urn:x"><channel><item><title>a</title>` +
			strings.Repeat("<x:a>", 1000) + strings.Repeat("</x:a>", 1000) + `</item></channel></rss>`), err: true},
		{name: "too many elements in few entries", body: []byte(`<rss version="2.0" xmlns:x="urn:x"><channel><item><title>a</title>` +
			strings.Repeat("<x:a/>", 600) + `</item></channel></rss>`), err: true},
		{name: "elements past the entry cut are not counted", body: append(rssItems(11)[:len(rssItems(11))-len("\n</channel></rss>\n")],
			[]byte(`<item><title>late</title>`+strings.Repeat("<x:a/>", 600)+`</item></channel></rss>`)...), truncated: true, entries: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, truncated, err := limitXML(tt.body, lim)
			if tt.err {
				if !errors.Is(err, ErrTooComplex) {
					t.Fatalf("err = %v, want ErrTooComplex", err)
				}
				res, perr := parseBytes(tt.body, "", testNow, "ja", lim)
				if !errors.Is(perr, ErrTooComplex) || res != nil {
					t.Fatalf("parse: %v, %v; want ErrTooComplex", res, perr)
				}
				return
			}
			if err != nil || truncated != tt.truncated {
				t.Fatalf("limitXML: truncated %v, err %v; want truncated %v", truncated, err, tt.truncated)
			}
			if !truncated && !bytes.Equal(out, tt.body) {
				t.Fatal("a feed within the limits was changed")
			}
			// The cut document is well-formed: gofeed reads every entry kept.
			res, err := parseBytes(tt.body, "", testNow, "ja", lim)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Posts) != tt.entries || res.Truncated != tt.truncated {
				t.Fatalf("parse: %d posts, truncated %v; want %d, %v", len(res.Posts), res.Truncated, tt.entries, tt.truncated)
			}
			checkInvariants(t, res)
		})
	}
}

func TestLimitsJSONEntries(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[`)
	for i := range 30 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"j%d","title":"J%d","content_text":"本文%d"}`, i, i, i)
	}
	b.WriteString(`]}`)
	res, err := parseBytes([]byte(b.String()), "application/feed+json", testNow, "ja", Limits{MaxEntries: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posts) != 7 || !res.Truncated || res.Posts[0].Title != "J0" {
		t.Fatalf("%d posts (first %q), truncated %v; want the first 7, truncated", len(res.Posts), res.Posts[0].Title, res.Truncated)
	}
}

// TestLimitsDefaults: the defaults keep a hostile templated feed of 60,000
// items to its first 2,000 entries.
func TestLimitsDefaults(t *testing.T) {
	res, err := Parse(bytes.NewReader(rssItems(DefaultMaxEntries+500)), "", testNow, "ja")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posts) != DefaultMaxEntries || !res.Truncated {
		t.Fatalf("%d posts, truncated %v; want %d, truncated", len(res.Posts), res.Truncated, DefaultMaxEntries)
	}
	if got := res.Posts[len(res.Posts)-1].Title; got != fmt.Sprintf("気象情報 第%d号", DefaultMaxEntries) {
		t.Errorf("last post kept %q", got)
	}
}

var lastCloser = regexp.MustCompile(`</[^<>]*>$`)

func FuzzLimitXML(f *testing.F) {
	f.Add(rssItems(3))
	f.Add([]byte(`<rss><channel><item><a><b><c><d></d></c></b></a></item><item/><item/><item/></channel></rss>`))
	f.Add([]byte(`<feed><entry/><entry><x:y xmlns:x="u"/></entry><entry/><entry>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="r"><item/><item/><item/><item/>`))
	lim := Limits{MaxDepth: 6, MaxElements: 40, MaxEntries: 2}
	f.Fuzz(func(t *testing.T, body []byte) {
		out, truncated, err := limitXML(body, lim)
		switch {
		case err != nil:
			if !errors.Is(err, ErrTooComplex) || out != nil {
				t.Fatalf("err %v with output %q", err, out)
			}
		case !truncated:
			if !bytes.Equal(out, body) {
				t.Fatal("unchanged body expected")
			}
		default:
			// A prefix of the body, then only closing tags.
			kept := out
			for !bytes.HasPrefix(body, kept) {
				loc := lastCloser.FindIndex(kept)
				if loc == nil {
					t.Fatalf("cut is not a prefix of the body and closing tags: %q", out)
				}
				kept = kept[:loc[0]]
			}
			// What was kept is within the limits: checking it again
			// changes nothing.
			again, t2, err2 := limitXML(out, lim)
			if err2 != nil || t2 || !bytes.Equal(again, out) {
				t.Fatalf("cut body fails the limits again: truncated %v, err %v", t2, err2)
			}
		}
	})
}
