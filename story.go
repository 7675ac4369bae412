package briefbot

import (
	"context"
	"time"
)

// Story is one event as reported by one or more items, possibly from several
// outlets and feeds, in one language. Its brief is rendered once it settles;
// items that join later update the stored brief but never send it again.
type Story struct {
	ID       int64
	Language string
	Topics   []string // union of its items' feed topics, in first-seen order
	Items    []Item   // in the order they joined
	// FirstPublished is the earliest item publication: it dates the tag.
	FirstPublished time.Time
	FirstSeen      time.Time // when the first item was fetched
	LastSeen       time.Time // when the latest item joined
	// Enqueued is set, in the same transaction as the delivery rows, when the
	// brief is fanned out; a story is fanned out at most once.
	Enqueued bool
	BriefID  int64 // 0 until rendered
}

// Deliverable reports whether any item of the story may cause a send;
// opinion never does.
func (s *Story) Deliverable() bool {
	for _, it := range s.Items {
		if it.Deliver && !it.Opinion {
			return true
		}
	}
	return false
}

// Opinion reports whether every item of the story is opinion: such a story
// is stored and searchable, marked 💬, and never pushed.
func (s *Story) Opinion() bool {
	for _, it := range s.Items {
		if !it.Opinion {
			return false
		}
	}
	return len(s.Items) > 0
}

// Source is one linked outlet in a brief.
type Source struct {
	Outlet string `json:"outlet"`
	URL    string `json:"url"`
}

// Brief is the rendered message for a story.
type Brief struct {
	ID        int64
	StoryID   int64
	Headline  string // plain text, without 【】
	HTML      string // Telegram HTML, escaped, ≤ 4096 characters after parsing
	Sources   []Source
	Topics    []string
	Language  string
	Published time.Time // the story's FirstPublished
	CreatedAt time.Time
	UpdatedAt time.Time
	// Opinion is set on briefs read back when every item of the story is
	// opinion: stored and searchable, never pushed, marked 💬 in lists.
	Opinion bool
}

// StoryStore keeps stories, their items and their briefs.
type StoryStore interface {
	// RecentStories returns stories whose LastSeen is at or after since, with
	// their items, oldest first: the candidates a new item may join.
	RecentStories(ctx context.Context, since time.Time) ([]*Story, error)
	// SaveStory inserts a story (ID 0) or updates one, inserting its items
	// that have no ID yet; it sets the IDs it assigns.
	SaveStory(ctx context.Context, s *Story) error
	// UnbriefedStories returns stories without a brief or whose items changed
	// since their brief was rendered, with their items.
	UnbriefedStories(ctx context.Context) ([]*Story, error)
	// SaveBrief inserts or replaces the brief of b.StoryID and indexes it for
	// search; it sets b.ID and the story's BriefID.
	SaveBrief(ctx context.Context, b *Brief) error
}

// BriefStore reads briefs for /today and editions.
type BriefStore interface {
	Brief(ctx context.Context, id int64) (*Brief, error)
	// Briefs returns briefs published in [from, to), newest first, filtered to
	// a topic when topic is not empty, paged; total counts all matches.
	Briefs(ctx context.Context, f BriefFilter) (briefs []*Brief, total int, err error)
}

// BriefFilter selects briefs by publication time and topic.
type BriefFilter struct {
	From, To time.Time
	Topic    string
	Offset   int
	Limit    int
}
