package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func post(key, hash string, fetched time.Time) briefbot.Post {
	return briefbot.Post{Key: key, GUID: key, URL: "https://example.com/" + key, Title: "t " + key,
		Text: "本文 " + key, Language: briefbot.LangJA, Published: fetched, FetchedAt: fetched, ContentHash: hash}
}

func keys(ps []briefbot.Post) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Key)
	}
	return out
}

func TestSavePostsDedupe(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	steps := []struct {
		name        string
		feed        string
		posts       []briefbot.Post
		wantNew     []string
		wantUpdated []string
	}{
		{"first fetch", "a", []briefbot.Post{post("1", "h1", t0), post("2", "h2", t0)}, []string{"1", "2"}, nil},
		{"same again", "a", []briefbot.Post{post("1", "h1", t0), post("2", "h2", t0)}, nil, nil},
		{"edited and new", "a", []briefbot.Post{post("1", "h1b", t0), post("3", "h3", t0)}, []string{"3"}, []string{"1"}},
		{"edit seen once", "a", []briefbot.Post{post("1", "h1b", t0)}, nil, nil},
		{"same key other feed", "b", []briefbot.Post{post("1", "h1", t0)}, []string{"1"}, nil},
		{"duplicate within one fetch", "c", []briefbot.Post{post("x", "h", t0), post("x", "h", t0)}, []string{"x"}, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			got, err := d.SavePosts(ctx, s.feed, s.posts)
			if err != nil {
				t.Fatal(err)
			}
			if g := keys(got.New); !equal(g, s.wantNew) {
				t.Errorf("new = %v, want %v", g, s.wantNew)
			}
			if g := keys(got.Updated); !equal(g, s.wantUpdated) {
				t.Errorf("updated = %v, want %v", g, s.wantUpdated)
			}
			for _, p := range append(got.New, got.Updated...) {
				if p.ID == 0 || p.FeedName != s.feed {
					t.Errorf("post %s: id %d feed %q", p.Key, p.ID, p.FeedName)
				}
			}
		})
	}
	if _, err := d.SavePosts(ctx, "a", []briefbot.Post{{Key: ""}}); err == nil {
		t.Error("empty key: want error")
	}
}

func TestPruneKeepsKeys(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	old, recent := t0.Add(-40*24*time.Hour), t0
	saved, err := d.SavePosts(ctx, "f", []briefbot.Post{post("old", "h", old), post("new", "h", recent)})
	if err != nil {
		t.Fatal(err)
	}
	// One story per post, both briefed and indexed, the old one delivered.
	var stories []*briefbot.Story
	var briefIDs []int64
	for _, p := range saved.New {
		s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: p.Published,
			FirstSeen: p.FetchedAt, LastSeen: p.FetchedAt,
			Items: []briefbot.Item{{PostID: p.ID, FeedName: "f", Title: "停戦 " + p.Key, Text: "停戦合意 " + p.Key,
				URL: p.URL, Outlet: "NHK", Published: p.Published, FetchedAt: p.FetchedAt, Deliver: true}}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		b := &briefbot.Brief{StoryID: s.ID, Headline: "停戦 " + p.Key, HTML: "<b>x</b>", Published: p.Published}
		if err := d.SaveBrief(ctx, b); err != nil {
			t.Fatal(err)
		}
		briefIDs = append(briefIDs, b.ID)
		stories = append(stories, s)
	}
	mustChat(t, d, 1, "world")
	if _, err := d.EnqueueStory(ctx, stories[0].ID); err != nil {
		t.Fatal(err)
	}
	ds, _ := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 10})
	for _, x := range ds {
		if err := d.MarkSent(ctx, x.ID, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	if r, _ := d.Search(ctx, briefbot.SearchQuery{Text: "停戦"}); r.Total != 2 {
		t.Fatalf("before prune: %d hits", r.Total)
	}

	n, err := d.PrunePosts(ctx, t0.Add(-30*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("prune = %d, %v", n, err)
	}
	r, err := d.Search(ctx, briefbot.SearchQuery{Text: "停戦"})
	if err != nil || r.Total != 1 || r.Hits[0].StoryID != stories[1].ID {
		t.Fatalf("after prune: %+v, %v", r, err)
	}
	if _, err := d.Brief(ctx, briefIDs[0]); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("pruned brief still there: %v", err)
	}
	if st, _ := d.DeliveryStats(ctx); st[briefbot.DeliverySent] != 0 {
		t.Errorf("sent deliveries of pruned brief kept: %v", st)
	}
	again, err := d.SavePosts(ctx, "f", []briefbot.Post{post("old", "h2", old), post("new", "h", recent)})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.New) != 0 || len(again.Updated) != 0 {
		t.Errorf("pruned key came back: new %v updated %v", keys(again.New), keys(again.Updated))
	}
	if _, err := d.Brief(ctx, briefIDs[1]); err != nil {
		t.Errorf("recent brief: %v", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
