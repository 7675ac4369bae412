package briefbot

import (
	"context"
	"time"
)

// Story is one event as reported by one or more items, possibly from several
// outlets and feeds, in one or more languages. Its briefs (one in its main
// language, more in the languages its chats read) are rendered once it
// settles; items that join later, or a story merged into it, update the
// stored briefs but never send them again.
type Story struct {
	ID int64
	// Language is the main language: that of most items, ties to the
	// earliest. The brief in it is the one a chat without a language gets.
	Language string
	Topics   []string // union of its items' feed topics, in first-seen order
	Items    []Item   // in the order they joined
	// FirstPublished is the earliest item publication: it dates the tag,
	// unless that report only expected the event (a title ending in …か).
	FirstPublished time.Time
	FirstSeen      time.Time // when the first item was fetched
	LastSeen       time.Time // when the latest item joined
	// Enqueued is set, in the same transaction as the delivery rows, when the
	// brief is fanned out; a story is fanned out at most once.
	Enqueued bool
	BriefID  int64 // the brief in the main language; 0 until rendered
}

// StoryMerge says that story From was absorbed into story Into, the older
// one: From's items, topics, deliveries and edition listings move to Into,
// and From is gone.
type StoryMerge struct{ Into, From int64 }

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
	// SaveStories applies one clustering in one transaction: each merge
	// first (see StoryMerge: a chat that had either story keeps one ledger
	// row for the survivor, so it never gets the other), then each story is
	// inserted (ID 0) or updated, its items without an ID inserted. It sets
	// the IDs it assigns. A survivor's briefs are stale until re-rendered.
	SaveStories(ctx context.Context, stories []*Story, merges []StoryMerge) error
	// UnbriefedStories returns stories without a brief or whose items changed
	// since their briefs were rendered, with their items.
	UnbriefedStories(ctx context.Context) ([]*Story, error)
	// SaveBriefs replaces the briefs of one story, the one in its main
	// language first, and indexes the story for search, in one
	// transaction; briefs in languages not given are dropped. It sets each
	// brief's ID and the story's BriefID.
	SaveBriefs(ctx context.Context, briefs []*Brief) error
	// ChatLanguages returns the languages set by the chats subscribed to
	// any of topics: the languages a story of those topics is wanted in.
	ChatLanguages(ctx context.Context, topics []string) ([]string, error)
	// StaleBriefs marks the briefs of the stories seen since since as
	// needing a new render, once per renderer version: when version is the
	// one stored it does nothing, else it stores it. It returns how many
	// stories it marked. Re-rendering sends nothing. When judge is not nil
	// the same transaction judges again every item of those stories as
	// opinion or news (items stored before the judgement existed read as
	// news) and stores the verdicts that changed; an item that becomes
	// opinion is no longer delivered, and the unsent rows of a story left
	// of opinion alone are cancelled.
	StaleBriefs(ctx context.Context, since time.Time, version int, judge OpinionJudge) (int, error)
}

// BriefStore reads briefs for /today and editions.
type BriefStore interface {
	Brief(ctx context.Context, id int64) (*Brief, error)
	// Briefs returns one brief per story published in [from, to), newest
	// first, filtered to a topic when topic is not empty, paged; total
	// counts all matching stories.
	Briefs(ctx context.Context, f BriefFilter) (briefs []*Brief, total int, err error)
}

// BriefFilter selects briefs by publication time and topic.
type BriefFilter struct {
	From, To time.Time
	Topic    string
	// Language picks each story's brief in that language where there is
	// one; otherwise, and when empty, the brief in its main language.
	Language string
	Offset   int
	Limit    int
}

// OpinionJudge tells whether an item gives its writer's own view rather
// than a report, and why (Item.Opinion, Item.OpinionReason).
type OpinionJudge func(Item) (opinion bool, reason string)
