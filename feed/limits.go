package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// ErrTooComplex means an XML feed nests deeper or holds more elements than
// Limits allow. gofeed keeps every unknown element as a map-backed extension,
// parsing it recursively: a 15 MB body of nested namespaced elements took
// 1.97 GB to parse before these limits.
var ErrTooComplex = errors.New("feed too complex")

// Default parse limits. Real feeds nest 4–10 elements deep (Atom XHTML
// content a few more) and hold 5–25 elements per entry; an unknown element
// costs gofeed about 400 bytes, so 100,000 elements stay near 40 MB.
// Entries past DefaultMaxEntries are left unread, as if the feed ended there:
// feeds list their newest entries first, and a 60,000-entry document would
// otherwise cost 17 s of parsing here and thousands of stories.
const (
	DefaultMaxDepth    = 64
	DefaultMaxElements = 100_000
	DefaultMaxEntries  = 2_000
)

// Limits bound what parsing one feed document may cost. Zero fields take the
// defaults.
type Limits struct {
	MaxDepth    int // an element nested deeper fails the feed with ErrTooComplex
	MaxElements int // more elements (before the entry cut) fail it with ErrTooComplex
	MaxEntries  int // entries after this many are left unread
}

func (l Limits) withDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultMaxElements
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	return l
}

// limitBody applies lim to an XML feed (limitXML) before gofeed sees it;
// other bodies pass unchanged, and a JSON feed's entries are cut after
// parsing (encoding/json fills typed fields only, so its memory follows the
// body's size). What salvage later cuts from the result stays within lim.
func limitBody(body []byte, lim Limits) ([]byte, bool, error) {
	switch gofeed.DetectFeedType(bytes.NewReader(head(body, 4096))) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return limitXML(body, lim)
	}
	return body, false, nil
}

// limitXML checks an XML feed against lim in one streaming pass that keeps
// nothing but the open elements' names (encoding/xml's Token, configured as
// gofeed configures it, so both see the same elements). A body nesting too
// deep or holding too many elements fails with ErrTooComplex; one listing
// more than MaxEntries entries is cut before the first entry too many and
// its open elements closed, and truncated is true. A body the tokenizer
// cannot read to the end is returned as it is: gofeed stops at the same
// place, and the salvaged part comes back through here.
func limitXML(body []byte, lim Limits) (out []byte, truncated bool, err error) {
	lim = lim.withDefaults()
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var stack [][]byte // raw names of the open elements
	elements, entries := 0, 0
	for {
		off := d.InputOffset()
		tok, terr := d.Token()
		if terr != nil {
			// io.EOF, or a syntax error gofeed reports in its own words.
			return body, false, nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if len(stack) >= lim.MaxDepth {
				return nil, false, fmt.Errorf("%w: elements nested deeper than %d", ErrTooComplex, lim.MaxDepth)
			}
			if isEntry(t.Name.Local, len(stack)) {
				if entries++; entries > lim.MaxEntries {
					return closeAt(body, off, stack), true, nil
				}
			}
			if elements > lim.MaxElements {
				return nil, false, fmt.Errorf("%w: more than %d elements", ErrTooComplex, lim.MaxElements)
			}
			stack = append(stack, rawName(body, off))
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// isEntry reports whether an element at depth (0 for the root) is a feed
// entry: rss/channel/item, rdf:RDF/item, feed/entry.
func isEntry(local string, depth int) bool {
	return (local == "item" && (depth == 1 || depth == 2)) || (local == "entry" && depth == 1)
}

// closeAt cuts body at off and closes the elements still open there.
func closeAt(body []byte, off int64, stack [][]byte) []byte {
	out := make([]byte, 0, int(off)+64)
	out = append(out, body[:off]...)
	for i := len(stack) - 1; i >= 0; i-- {
		out = append(out, "</"...)
		out = append(out, stack[i]...)
		out = append(out, '>')
	}
	return out
}

// rawName is the element name as written (prefix included) in the start tag
// at or after off.
func rawName(body []byte, off int64) []byte {
	rest := body[off:]
	i := bytes.IndexByte(rest, '<')
	if i < 0 {
		return nil
	}
	rest = rest[i+1:]
	end := bytes.IndexAny(rest, " \t\r\n/>")
	if end < 0 {
		return rest
	}
	return rest[:end]
}
