package briefbot

import (
	"context"
	"fmt"
	"time"
)

// Topic is a subject chats subscribe to. Name is the command-line form
// ([a-z0-9_-]), Title the human one, Hashtag the word used in #tag(yymmdd).
// Include and Exclude narrow what the topic takes from its feeds (plain
// keywords, case- and width-insensitive), on top of each feed's own filter.
type Topic struct {
	Name  string
	Title string
	// Titles are the title in each language it was given in (ja, en, ru);
	// empty when the config gave one title for all.
	Titles  map[string]string
	Hashtag string
	Include []string
	Exclude []string
}

// TitleIn is the topic's title for a reader of lang: its title in lang,
// else its Title, else its Name.
func (t Topic) TitleIn(lang string) string {
	if s := t.Titles[lang]; s != "" {
		return s
	}
	if t.Title != "" {
		return t.Title
	}
	return t.Name
}

// Language codes a feed may declare. LangAuto asks the digest to detect it.
const (
	LangJA   = "ja"
	LangEN   = "en"
	LangRU   = "ru"
	LangAuto = "auto"
)

// Feed is a configured source: where to fetch it and how to treat its posts.
// It comes from the config file; its runtime state lives in FeedState.
type Feed struct {
	Name     string
	URL      string // http(s) URL or local file path
	Topics   []string
	Language string // LangJA, LangEN, LangRU or LangAuto
	Schedule string // cron spec or @every descriptor
	Urgent   bool   // every lead of this feed is breaking news (❗️)
	Include  []string
	Exclude  []string
	// Backlog bounds what the first fetch of this feed delivers: items
	// published earlier than first-fetch-time minus Backlog are stored but
	// not sent. BacklogAll opts out of the rule (the bundled sample feed).
	Backlog    time.Duration
	BacklogAll bool
	// Outlet names the outlet of the feed's own entries where nothing in
	// an entry does; empty: the feed's own title does (feeds[].outlet).
	Outlet string
}

// FeedState is what the daemon remembers about a feed between fetches.
type FeedState struct {
	Name         string
	URL          string
	ETag         string
	LastModified string
	// LastFetchAt is the last attempt; LastSuccessAt the last attempt that
	// returned a parsable feed or 304. A zero LastSuccessAt means the next
	// successful fetch is the feed's first, which the backlog rule applies to.
	LastFetchAt   time.Time
	LastSuccessAt time.Time
	// NextFetchAt is the earliest time politeness (TTL, Retry-After, backoff)
	// allows the next request; a scheduled run before it is skipped.
	NextFetchAt time.Time
	Failures    int // consecutive
	LastError   string
	Paused      bool
	Items       int // posts stored for this feed
}

// FetchRequest asks for a feed, conditionally when validators are known.
type FetchRequest struct {
	URL          string
	ETag         string
	LastModified string
	Language     string // the feed's configured language, passed through to posts
}

// FetchResult is one fetched and parsed feed.
type FetchResult struct {
	NotModified  bool // 304: Posts is empty and validators unchanged
	Title        string
	ETag         string
	LastModified string
	// NextAfter is the server's own pacing hint (RSS ttl, Cache-Control
	// max-age, Expires, Retry-After); zero when it gave none.
	NextAfter time.Duration
	Posts     []Post
	// Truncated is set when the feed listed more entries than the fetcher
	// reads: the ones after that limit are not in Posts.
	Truncated bool
}

// Fetcher fetches and parses one feed. It returns posts with cleaned text and
// a stable Key; it does not decide what is new.
type Fetcher interface {
	Fetch(ctx context.Context, req FetchRequest) (*FetchResult, error)
}

// FeedStore keeps FeedState rows keyed by feed name.
type FeedStore interface {
	FeedState(ctx context.Context, name string) (*FeedState, error) // ENOTFOUND when absent
	SaveFeedState(ctx context.Context, st *FeedState) error
	ListFeedStates(ctx context.Context) ([]*FeedState, error)
}

// FetchError is a failed fetch, with what politeness needs to know: the HTTP
// status (0 for network and parse errors) and the server's Retry-After.
type FetchError struct {
	URL        string
	StatusCode int
	RetryAfter time.Duration
	Err        error
}

// Error implements error.
func (e *FetchError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("fetch %s: status %d: %v", e.URL, e.StatusCode, e.Err)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

// Unwrap returns the cause.
func (e *FetchError) Unwrap() error { return e.Err }
