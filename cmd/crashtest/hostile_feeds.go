package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The hostile feeds, as the adversarial run that found the bot's limits
// served them, and two healthy ones whose briefs must get through.
const (
	feedTemplated = "templated" // 60,000 items of one template, 15 MB
	feedNested    = "nested"    // 15 MB of nested namespaced elements
	feedBomb      = "bomb"      // 256 MB of zeros gzipped to 250 KB
	feedTrickle   = "trickle"   // a byte every 200 ms until fetch.timeout
	feedHealthyA  = "healthy-a" // two reports, fetched once
	feedHealthyB  = "healthy-b" // two reports, then two more while the flood is sent
)

var hostileFeeds = []string{feedTemplated, feedNested, feedBomb, feedTrickle}

// healthyStory is a report of a healthy feed and the words that find its
// brief among the messages a chat received.
type healthyStory struct {
	feed, title, body, marker string
	wave                      int // 1: in the first fetch; 2: added after it
}

var healthyStories = []healthyStory{
	{feedHealthyA, pacedStories[0].title, pacedStories[0].body, "イスタンブール", 1},
	{feedHealthyA, pacedStories[1].title, pacedStories[1].body, "植田総裁", 1},
	{feedHealthyB, pacedStories[2].title, pacedStories[2].body, "震度5弱", 1},
	{feedHealthyB, pacedStories[3].title, pacedStories[3].body, "ルラ大統領", 1},
	{feedHealthyB, pacedStories[4].title, pacedStories[4].body, "インド準備銀行", 2},
	{feedHealthyB, pacedStories[5].title, pacedStories[5].body, "ストラスブール", 2},
}

// hostileServer serves every feed of the run on one loopback listener.
type hostileServer struct {
	url  string
	srv  *http.Server
	ln   net.Listener
	now  time.Time
	body map[string][]byte // the prebuilt bodies

	mu        sync.Mutex
	wave2     bool      // healthy-b serves its second wave
	wave2At   time.Time // when it first did
	templated int       // items of the templated feed
}

// startHostileServer builds the bodies (templatedItems bulletins) and
// listens on a free loopback port.
func startHostileServer(templatedItems int) (*hostileServer, error) {
	h := &hostileServer{now: time.Now(), templated: templatedItems, body: map[string][]byte{}}
	h.body[feedTemplated] = templatedFeed(templatedItems, h.now)
	h.body[feedNested] = nestedFeed(15 << 20)
	bomb, err := gzipBomb(256 << 20)
	if err != nil {
		return nil, err
	}
	h.body[feedBomb] = bomb
	h.body[feedHealthyA] = healthyFeed(feedHealthyA, 1, h.now)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("hostile feeds: %w", err)
	}
	h.ln, h.url = ln, "http://"+ln.Addr().String()
	h.srv = &http.Server{Handler: http.HandlerFunc(h.serve), ReadHeaderTimeout: 5 * time.Second}
	go h.srv.Serve(ln)
	return h, nil
}

func (h *hostileServer) close() { _ = h.srv.Close() }

// feedURL is where the bot fetches a feed.
func (h *hostileServer) feedURL(name string) string { return h.url + "/" + name + ".xml" }

// startWave2 makes healthy-b list its two later reports from now on.
func (h *hostileServer) startWave2() {
	h.mu.Lock()
	h.wave2 = true
	h.mu.Unlock()
}

// wave2Served is when healthy-b first served its second wave (zero if not yet).
func (h *hostileServer) wave2Served() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.wave2At
}

func (h *hostileServer) serve(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	switch name {
	case feedBomb:
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(h.body[feedBomb])
	case feedTrickle:
		w.Write([]byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>trickle</title>`))
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-t.C:
				w.Write([]byte(" "))
			}
		}
	case feedHealthyB:
		h.mu.Lock()
		wave := 1
		if h.wave2 {
			wave = 2
			if h.wave2At.IsZero() {
				h.wave2At = time.Now()
			}
		}
		h.mu.Unlock()
		w.Write(healthyFeed(feedHealthyB, wave, h.now))
	default:
		b, ok := h.body[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}
}

// templatedFeed is n items of one template, numbered, all dated now:
// titles that differ only in an ordinal, which once merged into one story
// whose brief took minutes to rank.
func templatedFeed(n int, now time.Time) []byte {
	var b bytes.Buffer
	b.Grow(n * 270)
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" +
		`<rss version="2.0"><channel><title>速報</title><link>https://flood.example.jp/</link><description>flood</description>` + "\n")
	pub := now.Format(time.RFC1123Z)
	for i := range n {
		fmt.Fprintf(&b, "<item><guid>flood-%d</guid><title>%d番目の出来事が起きた</title><pubDate>%s</pubDate>"+
			"<description>%d番目の出来事が起きた。場所は%d区である。詳細はまだ分かっていない。</description></item>\n", i, i, pub, i, i%23+1)
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// nestedFeed is an RSS item holding nested namespaced elements up to size
// bytes: gofeed parsed each as a map-backed extension, recursively.
func nestedFeed(size int) []byte {
	head := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:x="urn:x"><channel><title>nested</title><item><title>n</title>`
	tail := `</item></channel></rss>`
	n := (size - len(head) - len(tail)) / len("<x:ab></x:ab>")
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(head)
	b.WriteString(strings.Repeat("<x:ab>", n))
	b.WriteString(strings.Repeat("</x:ab>", n))
	b.WriteString(tail)
	return b.Bytes()
}

// gzipBomb is an RSS prolog followed by n zero bytes, gzipped.
func gzipBomb(n int) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Write([]byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>`))
	zero := make([]byte, 1<<20)
	for range n / len(zero) {
		zw.Write(zero)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// healthyFeed lists feed's reports of waves up to wave.
func healthyFeed(feed string, wave int, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>%s</title><link>https://www3.nhk.or.jp/news/</link><description>healthy</description>
`, feed)
	for i, s := range healthyStories {
		if s.feed != feed || s.wave > wave {
			continue
		}
		at := now.Add(-time.Duration(i) * time.Minute)
		fmt.Fprintf(&b, `<item><guid isPermaLink="false">%s-%d</guid><title>%s</title>
<link>https://www3.nhk.or.jp/news/html/%s/k1001480%04d000.html</link><pubDate>%s</pubDate>
<description><![CDATA[<p>%s</p>]]></description></item>
`, feed, i, html.EscapeString(s.title), at.Format("20060102"), i, at.Format(time.RFC1123Z), s.body)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}
