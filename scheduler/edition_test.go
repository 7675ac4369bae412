package scheduler_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/digest"
	"briefbot/scheduler"
)

// editionEnv is a database with edition chats and a settable clock.
type editionEnv struct {
	t    *testing.T
	path string
	clk  *clock
	db   *db.DB
}

func newEditionEnv(t *testing.T, start time.Time) *editionEnv {
	e := &editionEnv{t: t, path: filepath.Join(t.TempDir(), "briefbot.db"), clk: newClock()}
	e.clk.t = start
	e.open()
	return e
}

func (e *editionEnv) open() {
	d, err := db.Open(context.Background(), e.path, db.Options{Now: e.clk.Now, Logger: discard()})
	if err != nil {
		e.t.Fatalf("open db: %v", err)
	}
	e.db = d
	e.t.Cleanup(func() { d.Close() })
}

// chat adds a chat in tz that switched to editions now.
func (e *editionEnv) chat(id int64, tz string, topics ...string) {
	e.t.Helper()
	ctx := context.Background()
	if err := e.db.UpsertChat(ctx, &briefbot.Chat{ID: id, Type: briefbot.ChatPrivate, Timezone: tz}); err != nil {
		e.t.Fatal(err)
	}
	for _, tp := range topics {
		if err := e.db.Subscribe(ctx, &briefbot.Subscription{ChatID: id, Topic: tp}); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := e.db.SetChatMode(ctx, id, briefbot.ModeEdition, e.clk.Now()); err != nil {
		e.t.Fatal(err)
	}
}

// story saves a briefed story of topic and fans it out now.
func (e *editionEnv) story(headline, topic string) {
	e.t.Helper()
	ctx := context.Background()
	now := e.clk.Now()
	s := &briefbot.Story{Language: "ja", Topics: []string{topic}, FirstPublished: now, FirstSeen: now, LastSeen: now,
		Items: []briefbot.Item{{Title: headline, Text: headline, Topics: []string{topic}, Published: now, FetchedAt: now, Deliver: true}}}
	if err := e.db.SaveStory(ctx, s); err != nil {
		e.t.Fatal(err)
	}
	b := &briefbot.Brief{StoryID: s.ID, Headline: headline, HTML: headline, Published: now,
		Sources: []briefbot.Source{{Outlet: "NHK", URL: "https://www3.nhk.or.jp/news/html/1.html?a=1&b=2"}}}
	if err := e.db.SaveBrief(ctx, b); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.db.EnqueueStory(ctx, s.ID); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editionEnv) editions(def *time.Location) *scheduler.Editions {
	e.t.Helper()
	ed, err := scheduler.NewEditions(e.db, scheduler.EditionOptions{Location: def, Now: e.clk.Now, Logger: discard()})
	if err != nil {
		e.t.Fatal(err)
	}
	return ed
}

func (e *editionEnv) check(ed *scheduler.Editions, want int) {
	e.t.Helper()
	n, err := ed.Check(context.Background())
	if err != nil || n != want {
		e.t.Fatalf("check at %s = %d, %v; want %d", e.clk.Now().Format(time.RFC3339), n, err, want)
	}
}

// pending claims every due ledger row: chat id → texts.
func (e *editionEnv) pending() map[int64][]string {
	e.t.Helper()
	rows, err := e.db.Claim(context.Background(), briefbot.ClaimRequest{Now: e.clk.Now(), Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.ChatID] = append(out[r.ChatID], r.HTML)
		if err := e.db.MarkSent(context.Background(), r.ID, 1, e.clk.Now()); err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

func TestEditionsInChatTimezones(t *testing.T) {
	// 20:00 UTC: 05:00 in Tokyo (next day), 23:00 in Moscow.
	e := newEditionEnv(t, time.Date(2026, 11, 20, 20, 0, 0, 0, time.UTC))
	e.chat(1, "Asia/Tokyo", "world")
	e.chat(2, "Europe/Moscow", "world")
	e.chat(3, "", "economy") // default zone UTC; other topic
	ed := e.editions(time.UTC)

	e.clk.Add(time.Hour) // 21:00 UTC
	e.story("停戦協議", "world")
	e.clk.Add(59*time.Minute + 59*time.Second) // Tokyo 06:59:59
	e.check(ed, 0)

	e.clk.Add(time.Second) // 22:00 UTC = 07:00 Tokyo
	e.check(ed, 1)
	e.check(ed, 0) // the job runs again: nothing twice
	got := e.pending()
	if len(got) != 1 || len(got[1]) != 1 {
		t.Fatalf("after Tokyo 07:00: %v", got)
	}
	tokyo := got[1][0]
	for _, want := range []string{"🗞 07:00 edition · 1 story", `06:00 <a href="https://www3.nhk.or.jp/news/html/1.html?a=1&amp;b=2">【停戦協議】</a> NHK`} {
		if !strings.Contains(tokyo, want) {
			t.Errorf("Tokyo edition lacks %q:\n%s", want, tokyo)
		}
	}

	e.clk.Add(4 * time.Hour) // 02:00 UTC = 11:00 Tokyo, 05:00 Moscow
	e.story("原油価格", "world")
	e.check(ed, 0)
	e.clk.Add(2 * time.Hour) // 04:00 UTC = 07:00 Moscow, 13:00 Tokyo (12:00 due)
	// A restart between runs: a new process, the same database.
	e.db.Close()
	e.open()
	ed = e.editions(time.UTC)
	e.check(ed, 2)
	e.check(ed, 0)
	ed = e.editions(time.UTC)
	e.check(ed, 0)

	got = e.pending()
	if len(got) != 2 || len(got[1]) != 1 || len(got[2]) != 1 {
		t.Fatalf("after Moscow 07:00: %v", got)
	}
	if m := got[2][0]; !strings.Contains(m, "🗞 07:00 edition · 2 stories") ||
		strings.Index(m, "原油価格") > strings.Index(m, "停戦協議") {
		t.Errorf("Moscow edition: want both stories since it switched, newest first:\n%s", m)
	}
	if tk := got[1][0]; !strings.Contains(tk, "🗞 12:00 edition · 1 story") || strings.Contains(tk, "停戦協議") {
		t.Errorf("Tokyo noon edition: want only the new story:\n%s", tk)
	}
	// The economy chat (UTC) had no stories of its topic: no message.
	if len(got[3]) != 0 {
		t.Errorf("economy chat got %v", got[3])
	}
}

func TestEditionTooLate(t *testing.T) {
	e := newEditionEnv(t, time.Date(2026, 11, 20, 20, 0, 0, 0, time.UTC))
	e.chat(1, "Asia/Tokyo", "world")
	e.clk.Add(time.Minute)
	e.story("停戦協議", "world")
	// Down from before 07:00 until 10:30 Tokyo: the 07:00 edition is stale.
	e.clk.Add(5*time.Hour + 29*time.Minute)
	e.check(e.editions(time.UTC), 0)
	// Noon brings the story.
	e.clk.Add(90 * time.Minute)
	e.check(e.editions(time.UTC), 1)
	if got := e.pending(); len(got[1]) != 1 || !strings.Contains(got[1][0], "12:00 edition · 1 story") {
		t.Fatalf("noon edition: %v", got)
	}
}

func TestNewEditionsRejectsEvery(t *testing.T) {
	for _, spec := range []string{"@every 1h", "61 * * * *"} {
		if _, err := scheduler.NewEditions(nil, scheduler.EditionOptions{Spec: spec}); err == nil {
			t.Errorf("NewEditions(%q): want error", spec)
		}
	}
}

// TestEditionInChatsWords: an edition's header is in its chat's language,
// a chat without one getting the words Labels gives "".
func TestEditionInChatsWords(t *testing.T) {
	e := newEditionEnv(t, time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC))
	e.chat(1, "", "world")
	e.chat(2, "", "world")
	if err := e.db.SetChatLanguage(context.Background(), 2, briefbot.LangRU); err != nil {
		t.Fatal(err)
	}
	var asked []string
	ed, err := scheduler.NewEditions(e.db, scheduler.EditionOptions{Location: time.UTC, Now: e.clk.Now, Logger: discard(),
		Labels: func(lang string) digest.EditionLabels {
			asked = append(asked, lang)
			return digest.EditionLabels{Header: func(due string, n int) string { return "[" + lang + "] " + due }}
		}})
	if err != nil {
		t.Fatal(err)
	}
	e.clk.Add(time.Minute)
	e.story("停戦協議", "world")
	e.clk.Add(59 * time.Minute) // 07:00 UTC
	e.check(ed, 2)
	got := e.pending()
	if !strings.Contains(got[1][0], "<b>[] 07:00</b>") || !strings.Contains(got[2][0], "<b>[ru] 07:00</b>") {
		t.Errorf("headers: %q, %q", got[1][0], got[2][0])
	}
	if !slices.Contains(asked, "ru") || !slices.Contains(asked, "") {
		t.Errorf("labels asked for %q", asked)
	}
}

// TestEditionTimesIn: the schedule's times over the next day in a zone.
func TestEditionTimesIn(t *testing.T) {
	ed, err := scheduler.NewEditions(nil, scheduler.EditionOptions{Spec: "0 7,12,19 * * *", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)
	for _, zone := range []string{"UTC", "Europe/Moscow", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip("no tzdata")
		}
		if got := ed.TimesIn(loc, now); !slices.Equal(got, []string{"07:00", "12:00", "19:00"}) {
			t.Errorf("%s: %v", zone, got)
		}
	}
	weekdays, err := scheduler.NewEditions(nil, scheduler.EditionOptions{Spec: "30 8 * * 1-5", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	saturday := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	if got := weekdays.TimesIn(time.UTC, saturday); len(got) != 0 {
		t.Errorf("weekday editions over a weekend day: %v", got)
	}
}
