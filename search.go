package briefbot

import (
	"context"
	"time"
)

// SearchQuery is a user's search: free text, never FTS syntax.
type SearchQuery struct {
	Text   string
	Offset int
	Limit  int
}

// SearchHit is one story that matched.
type SearchHit struct {
	StoryID   int64
	BriefID   int64
	Published time.Time
	Headline  string // plain text
	// Snippet is plain text around the first match, "…" marking a cut at
	// either end; Matches are the parts of it that matched the query.
	Snippet string
	Matches []Span
	URL     string
}

// Span is a part of a text: byte offsets [Start, End), on rune boundaries,
// so that text[Start:End] is the part.
type Span struct {
	Start, End int
}

// SearchResult is one page of hits.
type SearchResult struct {
	Hits  []SearchHit
	Total int // matches among the ranked candidates, for paging
}

// Searcher answers /search.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
}

// SearchMaintainer keeps the search index quick as it grows. Every commit
// that indexes stories adds a segment, and a query seeks in each segment,
// so the retention job merges them (see db.CompactSearch).
type SearchMaintainer interface {
	CompactSearch(ctx context.Context) error
}
