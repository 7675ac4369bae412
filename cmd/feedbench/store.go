package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"briefbot"
	"briefbot/db"
)

// store is the second half of part (a): the parsed posts go through the same
// dedupe-and-store path the pipeline uses (SavePosts in one transaction), into
// a fresh SQLite file, then once more when every post is a duplicate. Search
// indexing (one story and brief per post, as SaveBrief indexes them) is timed
// on its own line: it is far slower and never runs on the fetch path.
func store(ctx context.Context, tw *tabwriter.Writer, posts []briefbot.Post, parse time.Duration, indexN int) error {
	dir, err := os.MkdirTemp("", "feedbench-db-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := db.Open(ctx, filepath.Join(dir, "bench.db"), db.Options{})
	if err != nil {
		return err
	}
	defer st.Close()

	start := time.Now()
	saved, err := st.SavePosts(ctx, "large", posts)
	if err != nil {
		return fmt.Errorf("save posts: %w", err)
	}
	storeDur := time.Since(start)
	start = time.Now()
	again, err := st.SavePosts(ctx, "large", posts)
	if err != nil {
		return fmt.Errorf("save duplicates: %w", err)
	}
	dupDur := time.Since(start)

	n := float64(len(posts))
	parseRate := n / parse.Seconds()
	bothRate := n / (parse + storeDur).Seconds()
	fmt.Fprintf(tw, "(a) store: dedupe + insert, one transaction\t%v for %d new posts → %.0f items/s\t\n", storeDur.Round(time.Millisecond), len(saved.New), n/storeDur.Seconds())
	fmt.Fprintf(tw, "(a) store again, all duplicates\t%v, %d new, %d updated → %.0f items/s\t\n", dupDur.Round(time.Millisecond), len(again.New), len(again.Updated), n/dupDur.Seconds())
	fmt.Fprintf(tw, "(a) parse only vs parse + dedupe + store\t%.0f vs %.0f items/s, ratio %.2f (goal ≥ 0.5)\t\n", parseRate, bothRate, bothRate/parseRate)

	if indexN > len(saved.New) {
		indexN = len(saved.New)
	}
	if indexN == 0 {
		return nil
	}
	start = time.Now()
	for _, p := range saved.New[:indexN] {
		s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: p.Published, FirstSeen: p.FetchedAt, LastSeen: p.FetchedAt,
			Items: []briefbot.Item{{PostID: p.ID, FeedName: "large", Outlet: "NHK", URL: p.URL, Title: p.Title, Text: p.Text, Language: "ja", Topics: []string{"world"}, Published: p.Published, FetchedAt: p.FetchedAt, Deliver: true}}}
		if err := st.SaveStory(ctx, s); err != nil {
			return fmt.Errorf("save story: %w", err)
		}
		b := &briefbot.Brief{StoryID: s.ID, Headline: p.Title, HTML: "【" + p.Title + "】", Topics: s.Topics, Language: "ja", Published: p.Published}
		if err := st.SaveBrief(ctx, b); err != nil {
			return fmt.Errorf("save brief: %w", err)
		}
	}
	idx := time.Since(start)
	fmt.Fprintf(tw, "(a) search indexing (story + brief + FTS rows, one tx each)\t%d stories in %v → %.0f stories/s (off the fetch path)\t\n", indexN, idx.Round(time.Millisecond), float64(indexN)/idx.Seconds())
	return nil
}
