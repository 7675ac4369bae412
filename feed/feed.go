// Package feed fetches and parses news feeds (RSS, Atom, RDF, JSON Feed) and
// cleans their entries into briefbot.Post values. It implements
// briefbot.Fetcher with the politeness and limits a daemon polling many
// third-party servers needs: conditional GET, per-host concurrency, size and
// time caps, and refusal to dial private addresses.
package feed

import (
	"errors"
	"log/slog"
	"time"
)

// Sentinel errors callers branch on; they arrive wrapped in *briefbot.FetchError.
var (
	// ErrTooLarge means the body (before or after gzip decoding) exceeded Options.MaxBytes.
	ErrTooLarge = errors.New("feed too large")
	// ErrNotFeed means the body was not a recognisable feed (an HTML page, say).
	ErrNotFeed = errors.New("not a feed")
	// ErrPrivateAddress means the host resolved to a loopback, private or
	// link-local address and Options.AllowPrivate is false. Its text names
	// the config key, since it reaches operators in logs and alerts as is.
	ErrPrivateAddress = errors.New("private address refused (allow with fetch.allow_private_addresses: true)")
)

// Defaults applied by New to zero Options fields; Timeout, MaxBytes and
// PerHost take the root package's fetch defaults.
const (
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "briefbot/1.0 (+https://github.com/briefbot)"
	connectTimeout      = 10 * time.Second
)

// Options configures a Fetcher. Zero values take the defaults.
type Options struct {
	Timeout      time.Duration // total per fetch
	MaxBytes     int64         // cap on the body, checked while reading and after decoding
	MaxRedirects int
	UserAgent    string
	Contact      string // appended to the User-Agent as " contact: X"
	PerHost      int    // concurrent requests per host
	// AllowPrivate permits dialing loopback, private and link-local
	// addresses. Off in production so a feed URL cannot probe the LAN.
	AllowPrivate bool
	// MaxTotalBytes bounds the bodies over smallBody held at once across
	// fetches, each counted at MaxBytes (fetch.max_total_bytes).
	MaxTotalBytes int64
	// Limits bound the parse of one document (depth, elements, entries).
	Limits Limits
	Now    func() time.Time
	Logger *slog.Logger // nil logs nothing
}
