package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/scheduler"
)

// TestUnclusteredPostsRecovered makes the save of one story fail after the
// fetch's posts were stored (a trigger in the real database, as a full disk
// would): the posts' keys are taken, so the feed never offers them as new
// again, yet their items must reach stories on the feed's next run, and on a
// fresh pipeline (a restart), without the item that did get saved twice.
func TestUnclusteredPostsRecovered(t *testing.T) {
	for _, restart := range []bool{false, true} {
		name := "next run"
		if restart {
			name = "after restart"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 0 })
			e.subscribe(1, "world")
			e.fetch.set(wireURL,
				post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Minute)),
				post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0.Add(-time.Minute)))
			if _, err := e.db.SQL().ExecContext(ctx, `CREATE TRIGGER fail_rates BEFORE INSERT ON items
				WHEN NEW.title LIKE '%Central Bank%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
				t.Fatal(err)
			}
			f := feedFor("wire", wireURL, "world")
			err := e.p.FetchFeed(ctx, f)
			if err == nil || !strings.Contains(err.Error(), "disk is full") {
				t.Fatalf("fetch with a failing story save: err = %v", err)
			}
			if got := e.items(); got != 1 {
				t.Fatalf("items after the failed run = %d, want 1 (the quake)", got)
			}
			if _, err := e.db.SQL().ExecContext(ctx, `DROP TRIGGER fail_rates`); err != nil {
				t.Fatal(err)
			}
			if restart {
				e.p = scheduler.NewPipeline(e.fetch, e.stores(), scheduler.PipelineOptions{Logger: discard(), Now: e.clk.Now})
			}
			e.fetchFeed(f) // same posts: nothing new, the leftovers are clustered
			ss := e.stories()
			if len(ss) != 2 {
				t.Fatalf("stories = %d, want 2", len(ss))
			}
			for _, s := range ss {
				if len(s.Items) != 1 {
					t.Errorf("story %q has %d items, want 1", s.Items[0].Title, len(s.Items))
				}
			}
			left, err := e.db.UnclusteredPosts(ctx, "wire")
			if err != nil || len(left) != 0 {
				t.Errorf("unclustered posts after recovery = %d, %v", len(left), err)
			}
			if n := e.publish(); n != 2 {
				t.Errorf("stories enqueued = %d, want 2", n)
			}
			e.fetchFeed(f)
			if got := e.items(); got != 2 {
				t.Errorf("items after another run = %d, want 2", got)
			}
		})
	}
}

// TestUnclusteredPostsStore checks the store's side: new posts start
// unclustered, MarkClustered ends that, and the indexes of items already in
// stories are reported.
func TestUnclusteredPostsStore(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	saved, err := e.db.SavePosts(ctx, "wire", []briefbot.Post{
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0),
	})
	if err != nil || len(saved.New) != 2 {
		t.Fatalf("save: %v, %+v", err, saved)
	}
	s := &briefbot.Story{FirstSeen: t0, LastSeen: t0, Items: []briefbot.Item{{PostID: saved.New[0].ID, Index: 0, Title: "q", Published: t0, FetchedAt: t0}}}
	if err := e.db.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	left, err := e.db.UnclusteredPosts(ctx, "wire")
	if err != nil || len(left) != 2 {
		t.Fatalf("unclustered = %d, %v; want 2", len(left), err)
	}
	if left[0].Title != quake.title || len(left[0].Stored) != 1 || left[0].Stored[0] != 0 || len(left[1].Stored) != 0 {
		t.Errorf("unclustered = %+v", left)
	}
	if err := e.db.MarkClustered(ctx, []int64{saved.New[0].ID}); err != nil {
		t.Fatal(err)
	}
	if left, _ := e.db.UnclusteredPosts(ctx, "wire"); len(left) != 1 || left[0].ID != saved.New[1].ID {
		t.Errorf("unclustered after marking one = %+v", left)
	}
	if left, _ := e.db.UnclusteredPosts(ctx, "other"); len(left) != 0 {
		t.Errorf("another feed's unclustered = %d", len(left))
	}
}

// TestResplitNamesOutlets: a post split again from the database (the
// recovery after a failed story save) names its outlet as the first split
// would: from its stored <source>, else from the feed's configured outlet.
func TestResplitNamesOutlets(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 0 })
	f := feedFor("wire", wireURL, "world")
	f.Outlet = "Wire Service"
	withSource := post("r1", "https://news.example.net/markets/ecb-rates/", rates, t0.Add(-time.Minute))
	withSource.Source = "Reuters"
	plain := post("q1", "https://news.example.net/world/quake/", quake, t0.Add(-time.Minute))
	if _, err := e.db.SavePosts(ctx, "wire", []briefbot.Post{withSource, plain}); err != nil {
		t.Fatal(err)
	}
	e.fetch.set(wireURL, withSource, plain) // nothing new: both are split from the database
	e.fetchFeed(f)
	got := map[string]string{}
	for _, s := range e.stories() {
		for _, it := range s.Items {
			got[it.URL] = it.Outlet
		}
	}
	want := map[string]string{"https://news.example.net/markets/ecb-rates/": "Reuters", "https://news.example.net/world/quake/": "Wire Service"}
	for u, o := range want {
		if got[u] != o {
			t.Errorf("%s: outlet %q, want %q (all: %v)", u, got[u], o, got)
		}
	}
}
