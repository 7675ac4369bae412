package briefbot

import (
	"context"
	"time"
)

// Post is one entry of a feed, as parsed and cleaned by the fetcher.
type Post struct {
	ID       int64
	FeedName string
	// Key identifies the entry across fetches: its GUID when present, else
	// its canonical link, else a hash of its content. Never empty.
	Key    string
	GUID   string
	URL    string // canonical link, tracking parameters removed
	Title  string // plain text, unescaped
	HTML   string // sanitised HTML body (scripts and styles removed)
	Text   string // plain text of HTML, paragraphs separated by "\n\n"
	Author string // the entry's author or dc:creator: a byline, an outlet, a blogger
	// Source is the outlet the entry names as its origin (RSS <source>, an
	// Atom entry's <source><title>), as written; "" when none.
	Source string
	// FeedTitle is the feed's own <title> when the entry is on the feed's
	// own site (or has no link): the publisher naming itself. "" for an
	// entry a feed carries from elsewhere, where it would name the carrier.
	FeedTitle string
	// FeedOutlet is the outlet the config names for the feed's entries
	// (feeds[].outlet); set from the config before splitting, never stored.
	FeedOutlet string
	Language   string // as configured for the feed (may be LangAuto)
	Published  time.Time
	Updated    time.Time
	FetchedAt  time.Time
	// ContentHash changes when the entry is edited; a changed hash under the
	// same Key updates the stored post and never makes it new.
	ContentHash string
}

// Item is one reported source inside a post: a quoted block of an aggregator
// post, or the whole post of an ordinary feed. Items are what stories cluster.
type Item struct {
	ID       int64
	PostID   int64
	StoryID  int64
	FeedName string
	Index    int // position of the block in its post
	// Outlet is the outlet as an editor names it, in the item's language
	// (NHK, ロイター, Sputnik, CityNews, @channel); "" for a quoted block
	// nothing names.
	Outlet string
	URL    string
	Title  string // plain text; may be empty for an untitled block
	// Caption is the aggregator's line pointing at the block ("…の発表👇"),
	// without its pointer: the blogger's words, never the block's title.
	Caption  string
	Text     string // plain text, paragraphs separated by "\n\n"
	Language string
	Topics   []string
	Urgent   bool
	// Published is the post's publication time (clamped to FetchedAt when in
	// the future); FetchedAt is when this daemon first saw the post.
	Published time.Time
	FetchedAt time.Time
	// Deliver is false for items stored by the first fetch of a feed but
	// older than its backlog, and for commentary (opinion, not news): they
	// join stories but never cause a send.
	Deliver bool
}

// SavedPosts reports what SavePosts did with each post.
type SavedPosts struct {
	New     []Post // inserted, with IDs set
	Updated []Post // same key, new content hash: stored, never new again
}

// UnclusteredPost is a new post whose items were not all put in stories:
// the save of its stories failed, or the process stopped, after SavePosts.
type UnclusteredPost struct {
	Post
	// Stored lists the Index of each of its items already in a story.
	Stored []int
}

// PostStore keeps posts, deduplicated per feed by Key. Keys outlive pruned
// posts so a feed that still lists an old entry never makes it new again.
//
// Posts and the stories their items join are saved in separate
// transactions (clustering reads stories and must not hold the writer
// meanwhile), so a new post stays unclustered until MarkClustered: whatever a
// failure left between the two is found by UnclusteredPosts and clustered on
// the feed's next run.
type PostStore interface {
	// SavePosts stores a fetch's posts; the new ones are unclustered.
	SavePosts(ctx context.Context, feed string, posts []Post) (*SavedPosts, error)
	// UnclusteredPosts returns the feed's unclustered posts, oldest first.
	UnclusteredPosts(ctx context.Context, feed string) ([]UnclusteredPost, error)
	// MarkClustered records that every item of the posts is in a story.
	MarkClustered(ctx context.Context, postIDs []int64) error
	// PrunePosts deletes posts fetched before t (with their items and index
	// rows) and returns how many went.
	PrunePosts(ctx context.Context, before time.Time) (int, error)
}
