package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"briefbot"
)

func newTestFetcher(opts Options) *Fetcher {
	opts.AllowPrivate = true
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	return New(opts)
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// fetchErr asserts err is a *briefbot.FetchError and returns it.
func fetchErr(t *testing.T, err error) *briefbot.FetchError {
	t.Helper()
	var fe *briefbot.FetchError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *briefbot.FetchError", err, err)
	}
	return fe
}

func TestFetchConditionalGET(t *testing.T) {
	rss := readTestdata(t, "rss2.xml")
	const etag = `"nhk-cat6-20250605"`
	const lastMod = "Wed, 04 Jun 2025 21:10:00 GMT"
	var gotUA atomic.Value
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.Header().Set("ETag", etag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Cache-Control", "public, max-age=1800")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(rss)
	})
	f := newTestFetcher(Options{Contact: "ops@example.org"})
	ctx := context.Background()

	res, err := f.Fetch(ctx, briefbot.FetchRequest{URL: srv.URL + "/rss/cat6.xml", Language: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || len(res.Posts) != 2 || res.ETag != etag || res.LastModified != lastMod {
		t.Fatalf("first fetch: %+v", res)
	}
	if res.NextAfter != 30*time.Minute {
		t.Errorf("NextAfter = %v, want max(ttl 15m, max-age 30m)", res.NextAfter)
	}
	if ua := gotUA.Load().(string); ua != DefaultUserAgent+" contact: ops@example.org" {
		t.Errorf("User-Agent = %q", ua)
	}

	tests := []struct {
		name string
		req  briefbot.FetchRequest
	}{
		{"etag", briefbot.FetchRequest{URL: srv.URL + "/rss/cat6.xml", ETag: etag}},
		{"last-modified", briefbot.FetchRequest{URL: srv.URL + "/rss/cat6.xml", LastModified: lastMod}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := f.Fetch(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if !res.NotModified || len(res.Posts) != 0 {
				t.Fatalf("want NotModified, got %+v", res)
			}
			if res.ETag != etag {
				t.Errorf("ETag = %q", res.ETag)
			}
			if res.LastModified != tt.req.LastModified {
				t.Errorf("LastModified = %q, want the request's %q kept", res.LastModified, tt.req.LastModified)
			}
		})
	}
}

func TestFetchStatusErrors(t *testing.T) {
	date := testNow.Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantRetry  time.Duration
	}{
		{"429 seconds", http.StatusTooManyRequests, "120", 2 * time.Minute},
		{"503 http date", http.StatusServiceUnavailable, date, 90 * time.Second},
		{"429 without header", http.StatusTooManyRequests, "", 0},
		{"429 garbage header", http.StatusTooManyRequests, "soon", 0},
		{"429 absurd header capped", http.StatusTooManyRequests, "99999999", maxTTL},
		{"500", http.StatusInternalServerError, "", 0},
		{"404", http.StatusNotFound, "", 0},
		{"410 gone", http.StatusGone, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
			})
			_, err := newTestFetcher(Options{}).Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL})
			fe := fetchErr(t, err)
			if fe.StatusCode != tt.status || fe.RetryAfter != tt.wantRetry {
				t.Errorf("StatusCode, RetryAfter = %d, %v; want %d, %v", fe.StatusCode, fe.RetryAfter, tt.status, tt.wantRetry)
			}
		})
	}
}

func TestFetchHostile(t *testing.T) {
	rss := readTestdata(t, "rss2.xml")
	bigFeed := bytes.Repeat([]byte("<!-- padding padding padding -->\n"), 4096) // ~135 KB
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write([]byte(`<rss version="2.0"><channel><title>bomb</title>`))
	zw.Write(bytes.Repeat([]byte(" "), 10<<20))
	zw.Close()
	var gzFeed bytes.Buffer
	zw = gzip.NewWriter(&gzFeed)
	zw.Write(rss)
	zw.Close()

	tests := []struct {
		name    string
		opts    Options
		handler http.HandlerFunc
		want    error // matched with errors.Is; nil means success
		posts   int
	}{
		{
			name: "redirect loop capped",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/loop", http.StatusFound)
			},
			want: errTooManyRedirects,
		},
		{
			name: "short redirect chain followed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/final" {
					http.Redirect(w, r, "/final", http.StatusMovedPermanently)
					return
				}
				w.Write(rss)
			},
			posts: 2,
		},
		{
			name: "slow body times out",
			opts: Options{Timeout: 300 * time.Millisecond},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(`<rss version="2.0"><channel>`))
				w.(http.Flusher).Flush()
				select { // trickle nothing until the client gives up
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			want: context.DeadlineExceeded,
		},
		{
			name: "slow headers time out",
			opts: Options{Timeout: 300 * time.Millisecond},
			handler: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			want: context.DeadlineExceeded,
		},
		{
			name: "oversize body without content-length",
			opts: Options{MaxBytes: 64 << 10},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write(bigFeed[:len(bigFeed)/2])
				w.(http.Flusher).Flush() // chunked: no Content-Length
				w.Write(bigFeed[len(bigFeed)/2:])
			},
			want: ErrTooLarge,
		},
		{
			name: "oversize content-length",
			opts: Options{MaxBytes: 64 << 10},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write(bigFeed)
			},
			want: ErrTooLarge,
		},
		{
			name: "gzip bomb",
			opts: Options{MaxBytes: 1 << 20},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(bomb.Bytes())
			},
			want: ErrTooLarge,
		},
		{
			name: "gzip decoded",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Accept-Encoding") != "gzip" {
					http.Error(w, "want gzip", http.StatusBadRequest)
					return
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gzFeed.Bytes())
			},
			posts: 2,
		},
		{
			name: "undeclared gzip sniffed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/x-gzip")
				w.Write(gzFeed.Bytes())
			},
			posts: 2,
		},
		{
			name: "html page served as a feed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Write(readTestdata(t, "htmlpage.html"))
			},
			want: ErrNotFeed,
		},
		{
			name: "EUC-JP declared only in Content-Type",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml; charset=EUC-JP")
				w.Write(encodeTo(t, japanese.EUCJP, string(rss)[len(`<?xml version="1.0" encoding="UTF-8"?>`):]))
			},
			posts: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.handler)
			res, err := newTestFetcher(tt.opts).Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL + "/feed", Language: "ja"})
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				checkInvariants(t, res)
				if len(res.Posts) != tt.posts {
					t.Fatalf("got %d posts, want %d", len(res.Posts), tt.posts)
				}
				if res.Posts[0].Title != "米ロ首脳が電話会談 ウクライナ情勢など協議" {
					t.Errorf("title = %q", res.Posts[0].Title)
				}
				return
			}
			fetchErr(t, err)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want errors.Is %v", err, tt.want)
			}
		})
	}
}

func TestFetchPrivateAddressRefused(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	f := New(Options{Timeout: 5 * time.Second}) // AllowPrivate false
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		_, err := f.Fetch(context.Background(), briefbot.FetchRequest{URL: u})
		fetchErr(t, err)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: error %v, want ErrPrivateAddress", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("server was reached %d times", hits.Load())
	}
}

func TestFetchPerHostLimit(t *testing.T) {
	rss := readTestdata(t, "rss2.xml")
	var cur, peak atomic.Int32
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
		cur.Add(-1)
		w.Write(rss)
	})
	f := newTestFetcher(Options{PerHost: 2})
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			_, err := f.Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL})
			errs <- err
		})
	}
	// Let requests pile up against the limit, then drain them.
	for deadline := time.Now().Add(5 * time.Second); cur.Load() < 2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if p := peak.Load(); p > 2 {
		t.Errorf("peak concurrency on one host = %d, want ≤ 2", p)
	}
}

func TestFetchLocalFile(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join("testdata", "hatena.xml"))
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(big, bytes.Repeat([]byte(" "), 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		url  string
		opts Options
		want error
	}{
		{"plain relative path", filepath.Join("testdata", "hatena.xml"), Options{}, nil},
		{"plain absolute path", abs, Options{}, nil},
		{"file URL", "file://" + abs, Options{}, nil},
		{"missing file", filepath.Join("testdata", "absent.xml"), Options{}, os.ErrNotExist},
		{"over the cap", big, Options{MaxBytes: 1024}, ErrTooLarge},
		{"unsupported scheme", "ftp://example.org/feed.xml", Options{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := newTestFetcher(tt.opts).Fetch(context.Background(), briefbot.FetchRequest{URL: tt.url, Language: "ja", ETag: `"ignored"`})
			if tt.name == "unsupported scheme" {
				fetchErr(t, err)
				return
			}
			if tt.want != nil {
				fetchErr(t, err)
				if !errors.Is(err, tt.want) {
					t.Errorf("error %v, want %v", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.NotModified || len(res.Posts) != 1 || res.Posts[0].Language != "ja" {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func TestFetchCanceledContext(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write(readTestdata(t, "rss2.xml")) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newTestFetcher(Options{}).Fetch(ctx, briefbot.FetchRequest{URL: srv.URL})
	fetchErr(t, err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestCacheHint(t *testing.T) {
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"max-age", http.Header{"Cache-Control": {"public, max-age=600"}}, 10 * time.Minute},
		{"no-cache wins", http.Header{"Cache-Control": {"no-cache, max-age=600"}}, 0},
		{"expires against date", http.Header{
			"Expires": {testNow.Add(time.Hour).Format(http.TimeFormat)},
			"Date":    {testNow.Add(-time.Minute).Format(http.TimeFormat)},
		}, time.Hour + time.Minute},
		{"expires in the past", http.Header{"Expires": {"Thu, 01 Jan 1970 00:00:00 GMT"}}, 0},
		{"expires garbage", http.Header{"Expires": {"-1"}}, 0},
		{"max-age capped", http.Header{"Cache-Control": {"max-age=31536000"}}, maxTTL},
		{"none", http.Header{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cacheHint(tt.header, testNow); got != tt.want {
				t.Errorf("cacheHint = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFetchBodyBudget: a body past 1 MiB waits for a slot of
// fetch.max_total_bytes; small bodies never do.
func TestFetchBodyBudget(t *testing.T) {
	rss := string(readTestdata(t, "rss2.xml"))
	i := strings.Index(rss, "<channel>") + len("<channel>")
	large := rss[:i] + "<!--" + strings.Repeat("padding ", 200_000) + "-->" + rss[i:] // 1.6 MB
	half := len(large) * 3 / 4
	unblock := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/held": // past 1 MiB, then waits
			w.Write([]byte(large[:half]))
			w.(http.Flusher).Flush()
			<-unblock
			w.Write([]byte(large[half:]))
		case "/large":
			w.Write([]byte(large))
		default:
			w.Write([]byte(rss))
		}
	})
	f := newTestFetcher(Options{MaxBytes: 4 << 20, MaxTotalBytes: 4 << 20}) // one slot
	held := make(chan error, 1)
	go func() {
		_, err := f.Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL + "/held"})
		held <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); len(f.bodies.slots) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the held body never took its slot")
		}
		time.Sleep(time.Millisecond)
	}
	if res, err := f.Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL + "/small"}); err != nil || len(res.Posts) != 2 {
		t.Fatalf("small body while the slot is held: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	_, err := f.Fetch(ctx, briefbot.FetchRequest{URL: srv.URL + "/large"})
	cancel()
	if fetchErr(t, err); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second large body: %v, want it to wait for the slot until its deadline", err)
	}
	close(unblock)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	if res, err := f.Fetch(context.Background(), briefbot.FetchRequest{URL: srv.URL + "/large"}); err != nil || len(res.Posts) != 2 {
		t.Fatalf("large body once the slot is free: %v", err)
	}
	if n := len(f.bodies.slots); n != 0 {
		t.Errorf("%d slots still held after every fetch returned", n)
	}
}
