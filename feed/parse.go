package feed

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/publicsuffix"

	"briefbot"
	"briefbot/internal/posthtml"
	"briefbot/internal/tgtext"
	"briefbot/internal/urlid"
)

// maxTTL caps server pacing hints, so a hostile or mistaken feed cannot park
// itself for months.
const maxTTL = 24 * time.Hour

// Parse parses a feed body (RSS 0.9x/2.0, RSS 1.0/RDF, Atom, JSON Feed) and
// cleans its entries into posts. contentType is the HTTP Content-Type, used
// only for its charset (may be empty); now stamps FetchedAt, replaces missing
// dates and clamps future ones; language is copied to every post. Entries
// repeating an earlier key are dropped. A body that is not a feed returns
// ErrNotFeed; a feed that fails to parse returns the parser's error; one past
// the default Limits returns ErrTooComplex or is read up to its entry limit.
func Parse(r io.Reader, contentType string, now time.Time, language string) (*briefbot.FetchResult, error) {
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok {
		buf.Grow(l.Len() + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return parseBytes(buf.Bytes(), contentType, now, language, Limits{})
}

// parseBytes is Parse over a body already in memory (Fetch reads it under
// the size cap and hands it over without another copy).
func parseBytes(raw []byte, contentType string, now time.Time, language string, lim Limits) (res *briefbot.FetchResult, err error) {
	defer func() {
		// Third-party parsers meet hostile input here; a panic in one must
		// cost this feed, not the daemon.
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("parse: panic: %v", r)
		}
	}()
	body, truncated, err := limitBody(toUTF8(raw, contentType, language), lim)
	if err != nil {
		return nil, err
	}

	f, ttl, sources, err := parseFeed(body)
	if err != nil {
		// A truncated or broken tail is the usual malformation: keep the
		// entries that closed before it.
		if cut := salvage(body); cut != nil {
			if sf, sttl, ssrc, serr := parseFeed(cut); serr == nil {
				f, ttl, sources, err = sf, sttl, ssrc, nil
			}
		}
	}
	if err != nil {
		return nil, err
	}

	if max := lim.withDefaults().MaxEntries; len(f.Items) > max { // JSON: XML was cut before parsing
		f.Items, truncated = f.Items[:max], true
	}
	res = &briefbot.FetchResult{Title: cleanTitle(f.Title), NextAfter: ttl, Truncated: truncated}
	feedBase := parseAbs(f.Link, nil)
	seen := make(map[string]bool, len(f.Items))
	res.Posts = make([]briefbot.Post, 0, len(f.Items))
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		p := buildPost(it, feedBase, now, language)
		if i < len(sources) {
			p.Source = posthtml.CollapseSpace(sources[i])
		}
		if ownEntry(p.URL, feedBase) {
			p.FeedTitle = res.Title
		}
		f.Items[i] = nil // the raw entry is garbage now; a 16 MB feed is mostly entries
		if seen[p.Key] {
			continue // duplicated GUIDs within one feed: the first wins
		}
		seen[p.Key] = true
		res.Posts = append(res.Posts, p)
	}
	return res, nil
}

// parseFeed detects the format of a UTF-8 body and parses it. sources holds
// each entry's <source> title (RSS <source>, Atom <source><title>), which
// the universal feed drops, by the index of its item.
func parseFeed(body []byte) (f *gofeed.Feed, ttl time.Duration, sources []string, err error) {
	switch gofeed.DetectFeedType(bytes.NewReader(head(body, 4096))) {
	case gofeed.FeedTypeRSS:
		// Parsed natively rather than through gofeed.Parser: the universal
		// feed drops <ttl>, which politeness needs, and <source>; and the
		// image scan (an HTML parse of every item for a field unused here)
		// is off.
		rf, err := (&rss.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			return nil, 0, nil, fmt.Errorf("parse rss: %w", err)
		}
		if m, err := strconv.Atoi(strings.TrimSpace(rf.TTL)); err == nil && m > 0 {
			ttl = min(time.Duration(m)*time.Minute, maxTTL)
		}
		sources = make([]string, len(rf.Items))
		for i, it := range rf.Items {
			if it != nil && it.Source != nil {
				sources[i] = it.Source.Title
			}
		}
		if f, err = (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf); err != nil {
			return nil, 0, nil, fmt.Errorf("parse rss: %w", err)
		}
	case gofeed.FeedTypeAtom:
		// Natively too, for the entries' <source>.
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			return nil, 0, nil, fmt.Errorf("parse atom: %w", err)
		}
		sources = make([]string, len(af.Entries))
		for i, e := range af.Entries {
			if e != nil && e.Source != nil {
				sources[i] = e.Source.Title
			}
		}
		if f, err = (&gofeed.DefaultAtomTranslator{}).Translate(af); err != nil {
			return nil, 0, nil, fmt.Errorf("parse atom: %w", err)
		}
	case gofeed.FeedTypeJSON:
		jf, err := (&json.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			return nil, 0, nil, fmt.Errorf("parse json: %w", err)
		}
		if jf.Version == "" && len(jf.Items) == 0 {
			return nil, 0, nil, fmt.Errorf("%w: json without a feed version", ErrNotFeed)
		}
		jf.Items = slices.DeleteFunc(jf.Items, func(it *json.Item) bool { return it == nil })
		if f, err = (&gofeed.DefaultJSONTranslator{}).Translate(jf); err != nil {
			return nil, 0, nil, fmt.Errorf("parse json: %w", err)
		}
		for i, it := range jf.Items {
			// content_text is plain text by definition: mark it up so its
			// paragraphs survive and its "<" stay characters.
			if it.ContentHTML == "" && it.ContentText != "" && i < len(f.Items) {
				f.Items[i].Content = textToHTML(it.ContentText)
			}
		}
	default:
		return nil, 0, nil, fmt.Errorf("%w: %s", ErrNotFeed, sniff(body))
	}
	return f, ttl, sources, nil
}

// ownEntry reports an entry on the feed's own site (the same registrable
// domain as the feed's <link>), or one of a feed or entry without a link:
// the feed's title then names its publisher. A feed carrying other sites'
// entries (a digest, a news search) names only itself.
func ownEntry(link string, feedBase *url.URL) bool {
	if link == "" || feedBase == nil {
		return true
	}
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	return site(u.Hostname()) == site(feedBase.Hostname())
}

func site(host string) string {
	host = strings.ToLower(host)
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// salvage cuts a broken XML feed after its last complete entry and closes the
// root, or returns nil when there is nothing to keep.
func salvage(body []byte) []byte {
	h := bytes.ToLower(head(body, 4096))
	var end, closers string
	switch {
	case bytes.Contains(h, []byte("<rdf:rdf")):
		end, closers = "</item>", "</rdf:RDF>"
	case bytes.Contains(h, []byte("<rss")):
		end, closers = "</item>", "</channel></rss>"
	case bytes.Contains(h, []byte("<feed")):
		end, closers = "</entry>", "</feed>"
	default:
		return nil
	}
	i := bytes.LastIndex(body, []byte(end))
	if i < 0 {
		return nil
	}
	i += len(end)
	out := make([]byte, 0, i+len(closers))
	return append(append(out, body[:i]...), closers...)
}

func buildPost(it *gofeed.Item, feedBase *url.URL, now time.Time, language string) briefbot.Post {
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	base := feedBase
	if u := parseAbs(link, feedBase); u != nil {
		link = u.String()
		base = u
	}

	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	c := cleanHTML(body, base)

	title := cleanTitle(it.Title)
	if title == "" {
		// Untitled entries (microblog-style feeds) borrow their first paragraph.
		first, _, _ := strings.Cut(c.Text, "\n\n")
		title = truncateRunes(first, 120)
	}

	p := briefbot.Post{
		GUID:        strings.TrimSpace(it.GUID),
		Title:       title,
		HTML:        c.HTML,
		Text:        c.Text,
		Language:    language,
		FetchedAt:   now,
		ContentHash: sha256Hex(title + "\n" + c.HTML),
	}
	if link != "" {
		p.URL = urlid.Key(link)
	}
	p.Key = Key(p.GUID, p.URL, title, c.HTML)
	if a := it.Author; a != nil && a.Name != "" {
		p.Author = posthtml.CollapseSpace(a.Name)
	} else if len(it.Authors) > 0 && it.Authors[0] != nil {
		p.Author = posthtml.CollapseSpace(it.Authors[0].Name)
	}
	switch {
	case it.PublishedParsed != nil:
		p.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		p.Published = *it.UpdatedParsed
	default:
		p.Published = now
	}
	if p.Published.After(now) {
		p.Published = now
	}
	p.Published = p.Published.UTC()
	if it.UpdatedParsed != nil {
		p.Updated = *it.UpdatedParsed
		if p.Updated.After(now) {
			p.Updated = now
		}
		p.Updated = p.Updated.UTC()
	}
	return p
}

// parseAbs parses raw, resolved against base when given, and returns it
// only when the result is an absolute http(s) URL.
func parseAbs(raw string, base *url.URL) *url.URL {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// sniff names what a non-feed body looks like, for the error message.
func sniff(body []byte) string {
	h := bytes.ToLower(head(bytes.TrimSpace(body), 1024))
	switch {
	case len(h) == 0:
		return "empty body"
	case bytes.Contains(h, []byte("<html")) || bytes.Contains(h, []byte("<!doctype html")):
		return "html page"
	case h[0] == '<':
		return "xml without a feed root"
	}
	return "unrecognised content"
}

// textToHTML marks up a plain-text body: blank lines part paragraphs, single
// newlines become <br>, so the paragraph structure survives cleaning (which
// parses it again and writes the post's HTML in its own spelling).
func textToHTML(s string) string {
	var b strings.Builder
	for _, para := range blankLines.Split(strings.ReplaceAll(s, "\r\n", "\n"), -1) {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(tgtext.Escape(para), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

var blankLines = regexp.MustCompile(`\n[ \t\r]*\n\s*`)
