package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func item(title, text string, at time.Time) briefbot.Item {
	return briefbot.Item{FeedName: "d1021", Outlet: "NHK", URL: "https://www3.nhk.or.jp/news/" + title,
		Title: title, Text: text, Language: "ja", Topics: []string{"world"}, Published: at, FetchedAt: at, Deliver: true}
}

func TestStoryRoundTrip(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	s := &briefbot.Story{Language: "ja", Topics: []string{"world", "russia"},
		FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{item("a", "本文A", t0), item("b", "本文B", t0)}}
	s.Items[1].Urgent, s.Items[1].Deliver, s.Items[1].Index = true, false, 3
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.Items[0].ID == 0 || s.Items[1].StoryID != s.ID {
		t.Fatalf("ids not set: %+v", s)
	}
	got, err := d.Story(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !equal(got.Topics, []string{"world", "russia"}) || len(got.Items) != 2 || got.Items[1].Index != 3 ||
		!got.Items[1].Urgent || got.Items[1].Deliver || got.Items[0].Title != "a" || !got.FirstPublished.Equal(t0) ||
		!equal(got.Items[0].Topics, []string{"world"}) {
		t.Errorf("round trip = %+v", got)
	}

	// Unbriefed until a brief is saved; stale again when an item joins.
	assertUnbriefed(t, d, s.ID, true)
	b := &briefbot.Brief{StoryID: s.ID, Headline: "見出し", HTML: "<b>見出し</b>", Published: t0,
		Sources: []briefbot.Source{{Outlet: "NHK", URL: "https://www3.nhk.or.jp/news/a"}}}
	if err := d.SaveBrief(ctx, b); err != nil {
		t.Fatal(err)
	}
	assertUnbriefed(t, d, s.ID, false)
	s.Items = append(s.Items, item("c", "本文C", t0.Add(time.Hour)))
	s.LastSeen = t0.Add(time.Hour)
	s.Topics = append(s.Topics, "asia")
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	assertUnbriefed(t, d, s.ID, true)
	firstID := b.ID
	b2 := &briefbot.Brief{StoryID: s.ID, Headline: "見出し2", HTML: "x", Published: t0}
	if err := d.SaveBrief(ctx, b2); err != nil {
		t.Fatal(err)
	}
	if b2.ID != firstID {
		t.Errorf("brief replaced with new id %d, want %d", b2.ID, firstID)
	}
	assertUnbriefed(t, d, s.ID, false)
	got, _ = d.Story(ctx, s.ID)
	if got.BriefID != firstID || len(got.Items) != 3 || len(got.Topics) != 3 {
		t.Errorf("after update: %+v", got)
	}
	gb, err := d.Brief(ctx, firstID)
	if err != nil || gb.Headline != "見出し2" || !equal(gb.Topics, []string{"world", "russia", "asia"}) {
		t.Errorf("brief = %+v, %v", gb, err)
	}

	// RecentStories: LastSeen ≥ since, oldest first.
	old := &briefbot.Story{Language: "en", Topics: []string{"world"}, FirstSeen: t0.Add(-48 * time.Hour),
		LastSeen: t0.Add(-48 * time.Hour), Items: []briefbot.Item{item("old", "old", t0.Add(-48*time.Hour))}}
	if err := d.SaveStory(ctx, old); err != nil {
		t.Fatal(err)
	}
	rec, err := d.RecentStories(ctx, t0.Add(-36*time.Hour))
	if err != nil || len(rec) != 1 || rec[0].ID != s.ID {
		t.Errorf("recent = %v, %v", rec, err)
	}
	rec, _ = d.RecentStories(ctx, t0.Add(-72*time.Hour))
	if len(rec) != 2 || rec[0].ID != old.ID {
		t.Errorf("recent (wide) = %v", rec)
	}
	if err := d.SaveStory(ctx, &briefbot.Story{ID: 9999}); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("update missing story: %v", err)
	}
	if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: 9999}); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("brief of missing story: %v", err)
	}
}

func assertUnbriefed(t *testing.T, d *db.DB, id int64, want bool) {
	t.Helper()
	ss, err := d.UnbriefedStories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := false
	for _, s := range ss {
		if s.ID == id {
			got = true
			if len(s.Items) == 0 {
				t.Errorf("unbriefed story without items")
			}
		}
	}
	if got != want {
		t.Errorf("story %d unbriefed = %v, want %v", id, got, want)
	}
}

func TestBriefsFilter(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	topics := [][]string{{"world"}, {"economy"}, {"world", "economy"}, {"world"}}
	var ids []int64
	for i, tp := range topics {
		at := t0.Add(time.Duration(i) * time.Hour)
		s := &briefbot.Story{Language: "ja", Topics: tp, FirstPublished: at, LastSeen: at,
			Items: []briefbot.Item{item("x", "y", at)}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		b := &briefbot.Brief{StoryID: s.ID, Headline: "h", Published: at}
		if err := d.SaveBrief(ctx, b); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	tests := []struct {
		name      string
		f         briefbot.BriefFilter
		want      []int64
		wantTotal int
	}{
		{"all", briefbot.BriefFilter{From: t0, To: t0.Add(24 * time.Hour)}, []int64{ids[3], ids[2], ids[1], ids[0]}, 4},
		{"half-open", briefbot.BriefFilter{From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)}, []int64{ids[2], ids[1]}, 2},
		{"topic", briefbot.BriefFilter{From: t0, To: t0.Add(24 * time.Hour), Topic: "economy"}, []int64{ids[2], ids[1]}, 2},
		{"paged", briefbot.BriefFilter{From: t0, To: t0.Add(24 * time.Hour), Topic: "world", Offset: 1, Limit: 1}, []int64{ids[2]}, 3},
		{"none", briefbot.BriefFilter{From: t0, To: t0.Add(24 * time.Hour), Topic: "sport"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs, total, err := d.Briefs(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, b := range bs {
				got = append(got, b.ID)
			}
			if total != tt.wantTotal || len(got) != len(tt.want) {
				t.Fatalf("got %v total %d, want %v total %d", got, total, tt.want, tt.wantTotal)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}
