package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"briefbot"
)

// accept lists feed types first; */* last because many servers label feeds
// text/html or application/octet-stream.
const accept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

var errTooManyRedirects = errors.New("too many redirects")

// Fetcher fetches feeds over HTTP or from local files and parses them. It is
// safe for concurrent use; one Fetcher should serve the whole daemon so the
// per-host limit and the connection pool are shared.
type Fetcher struct {
	opts   Options
	client *http.Client
	hosts  *hostLimiter
	log    *slog.Logger
	bodies *bodyBudget
}

var _ briefbot.Fetcher = (*Fetcher)(nil)

// New returns a Fetcher with opts, zero fields set to their defaults.
func New(opts Options) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = briefbot.DefaultFetchTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = briefbot.DefaultFetchMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Contact != "" {
		opts.UserAgent += " contact: " + opts.Contact
	}
	if opts.PerHost <= 0 {
		opts.PerHost = briefbot.DefaultFetchPerHost
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxTotalBytes <= 0 {
		opts.MaxTotalBytes = briefbot.DefaultFetchMaxTotalBytes
	}

	dialer := &net.Dialer{Timeout: min(connectTimeout, opts.Timeout), KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		// No proxy: a proxy would dial on our behalf and defeat the
		// private-address check.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   min(connectTimeout, opts.Timeout),
		ResponseHeaderTimeout: opts.Timeout,
		DisableCompression:    true, // gzip is decoded here so the size cap sees the decoded bytes
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opts.PerHost,
		IdleConnTimeout:       90 * time.Second,
	}
	maxRedirects := opts.MaxRedirects
	client := &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("%w (%d)", errTooManyRedirects, maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s scheme refused", req.URL.Scheme)
			}
			return nil
		},
	}
	return &Fetcher{opts: opts, client: client, hosts: newHostLimiter(opts.PerHost), log: opts.Logger,
		bodies: newBodyBudget(opts.MaxTotalBytes, opts.MaxBytes)}
}

// Fetch fetches req.URL (http, https, file:// or a local path) and parses it.
// Every error is a *briefbot.FetchError; its cause matches ErrTooLarge,
// ErrNotFeed, ErrPrivateAddress or context.DeadlineExceeded with errors.Is.
// A 304 returns NotModified with the request's validators kept.
func (f *Fetcher) Fetch(ctx context.Context, req briefbot.FetchRequest) (*briefbot.FetchResult, error) {
	start := time.Now()

	raw := strings.TrimSpace(req.URL)
	scheme, _, hasScheme := strings.Cut(raw, "://")
	var res *briefbot.FetchResult
	var err error
	switch scheme = strings.ToLower(scheme); {
	case !hasScheme:
		// A plain path (the bundled sample feed); no URL parsing, so names
		// with '%', '?' or '#' are read as they are.
		res, err = f.fetchFile(ctx, raw, req)
	case scheme == "file":
		u, perr := url.Parse(raw)
		if perr != nil {
			return nil, &briefbot.FetchError{URL: req.URL, Err: perr}
		}
		res, err = f.fetchFile(ctx, u.Path, req)
	case scheme == "http" || scheme == "https":
		u, perr := url.Parse(raw)
		if perr != nil {
			return nil, &briefbot.FetchError{URL: req.URL, Err: perr}
		}
		res, err = f.fetchHTTP(ctx, u, req)
	default:
		err = &briefbot.FetchError{URL: req.URL, Err: fmt.Errorf("unsupported scheme %q", scheme)}
	}

	log := f.log.With(slog.String("url", req.URL), slog.Duration("duration", time.Since(start)))
	if err != nil {
		log.DebugContext(ctx, "fetch failed", slog.Any("err", err))
		return nil, err
	}
	log.DebugContext(ctx, "fetched", slog.Bool("not_modified", res.NotModified), slog.Int("posts", len(res.Posts)))
	return res, nil
}

func (f *Fetcher) fetchHTTP(ctx context.Context, u *url.URL, req briefbot.FetchRequest) (*briefbot.FetchResult, error) {
	fail := func(status int, err error) error {
		return &briefbot.FetchError{URL: req.URL, StatusCode: status, Err: err}
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(0, err)
	}
	hreq.Header.Set("User-Agent", f.opts.UserAgent)
	hreq.Header.Set("Accept", accept)
	hreq.Header.Set("Accept-Encoding", "gzip")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	// The timeout starts once a host slot is held: queueing behind a slow
	// feed on the same host is bounded by the caller's ctx, and must not eat
	// this request's budget.
	release, err := f.hosts.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, fail(0, fmt.Errorf("wait for host slot: %w", err))
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	hreq = hreq.WithContext(ctx)

	resp, err := f.client.Do(hreq)
	if err != nil {
		return nil, fail(0, err)
	}
	defer resp.Body.Close()
	now := f.opts.Now()

	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &briefbot.FetchResult{
			NotModified:  true,
			ETag:         firstNonEmpty(resp.Header.Get("ETag"), req.ETag),
			LastModified: firstNonEmpty(resp.Header.Get("Last-Modified"), req.LastModified),
			NextAfter:    cacheHint(resp.Header, now),
		}, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		return nil, &briefbot.FetchError{URL: req.URL, StatusCode: resp.StatusCode,
			RetryAfter: retryAfter(resp.Header, now), Err: fmt.Errorf("server asks to back off: %s", resp.Status)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fail(resp.StatusCode, fmt.Errorf("unexpected status %s", resp.Status))
	}

	if resp.ContentLength > f.opts.MaxBytes {
		return nil, fail(resp.StatusCode, fmt.Errorf("%w: content-length %d > %d", ErrTooLarge, resp.ContentLength, f.opts.MaxBytes))
	}
	body, release, err := f.readBody(ctx, resp.Body, resp.Header.Get("Content-Encoding"))
	defer release()
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ErrTooLarge) {
			err = fmt.Errorf("read body: %w", ctx.Err())
		}
		return nil, fail(resp.StatusCode, err)
	}
	res, err := parseBytes(body, resp.Header.Get("Content-Type"), now, req.Language, f.opts.Limits)
	if err != nil {
		return nil, fail(0, err)
	}
	res.ETag = resp.Header.Get("ETag")
	res.LastModified = resp.Header.Get("Last-Modified")
	res.NextAfter = max(res.NextAfter, cacheHint(resp.Header, now))
	return res, nil
}

func (f *Fetcher) fetchFile(ctx context.Context, path string, req briefbot.FetchRequest) (*briefbot.FetchResult, error) {
	fail := func(err error) error { return &briefbot.FetchError{URL: req.URL, Err: err} }
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return nil, fail(err)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fail(err)
	}
	defer file.Close()
	if fi, err := file.Stat(); err == nil && fi.Size() > f.opts.MaxBytes {
		return nil, fail(fmt.Errorf("%w: %d bytes > %d", ErrTooLarge, fi.Size(), f.opts.MaxBytes))
	}
	body, release, err := f.readBody(ctx, file, "")
	defer release()
	if err != nil {
		return nil, fail(err)
	}
	res, err := parseBytes(body, "", f.opts.Now(), req.Language, f.opts.Limits)
	if err != nil {
		return nil, fail(err)
	}
	return res, nil
}

// readBody reads at most MaxBytes, decoding gzip (declared, or sniffed from
// the magic bytes: .xml.gz served as-is) under the same cap, so a small
// compressed bomb fails with ErrTooLarge instead of filling memory. A body
// growing past smallBody waits for room in the fetcher's body budget
// (limits_bodies.go); release gives that room back once the body is parsed, and
// is never nil.
func (f *Fetcher) readBody(ctx context.Context, r io.Reader, contentEncoding string) (body []byte, release func(), err error) {
	m := &meteredReader{ctx: ctx, budget: f.bodies}
	r = &capReader{r: r, left: f.opts.MaxBytes}
	br := newPeekReader(r)
	enc := strings.ToLower(strings.TrimSpace(contentEncoding))
	switch {
	case enc == "gzip" || enc == "x-gzip" || br.isGzip():
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, m.release, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		m.r = &capReader{r: zr, left: f.opts.MaxBytes}
	case enc == "" || enc == "identity":
		m.r = br
	default:
		return nil, m.release, fmt.Errorf("unsupported content-encoding %q", contentEncoding)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(m); err != nil {
		return nil, m.release, err
	}
	return buf.Bytes(), m.release, nil
}

// capReader fails with ErrTooLarge once more than left bytes are read, rather
// than truncating silently as io.LimitReader would.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, fmt.Errorf("%w: more than the cap", ErrTooLarge)
	}
	return n, err
}

// peekReader exposes the first two bytes for gzip sniffing.
type peekReader struct {
	r    io.Reader
	head []byte
	err  error
}

func newPeekReader(r io.Reader) *peekReader {
	p := &peekReader{r: r, head: make([]byte, 2)}
	n, err := io.ReadFull(r, p.head)
	p.head = p.head[:n]
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		p.err = err
	}
	return p
}

func (p *peekReader) isGzip() bool {
	return len(p.head) == 2 && p.head[0] == 0x1f && p.head[1] == 0x8b
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	if p.err != nil {
		return 0, p.err
	}
	return p.r.Read(b)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
