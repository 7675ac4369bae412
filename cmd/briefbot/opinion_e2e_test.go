package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
	"briefbot/scheduler"
)

// TestOpinionEndToEnd: a report and a column on the same event come in one
// fetch. The report is pushed and listed in an edition; the column is
// stored in a story of its own, searchable and marked 💬 in /today and
// /search, and sent to no one, instantly or in an edition.
func TestOpinionEndToEnd(t *testing.T) {
	const token = "123456:E2E-OPINION-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	feeds := newFeedServer(t)
	cfg, err := loadConfig(writeConfig(t, tg.URL(), feeds.srv.URL, token))
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	a, err := newApp(ctx, cfg, newLogger(cfg.Log, cfg.Telegram.Token, &logs), io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.run(runCtx, false) }()

	const instant, edition = int64(2001), int64(2002)
	tg.AddChat(instant, "private", "instant reader")
	tg.AddChat(edition, "private", "edition reader")
	wait := func(chat int64, n int) []telegramtest.Message {
		t.Helper()
		msgs, err := tg.WaitMessages(ctx, chat, n)
		if err != nil {
			t.Fatalf("waiting for %d messages in %d: %v (got %d); logs:\n%s", n, chat, err, len(tg.Messages(chat)), logs.String())
		}
		return msgs
	}
	tg.UserMessage(instant, instant, "/subscribe world")
	wait(instant, 1)
	if err := a.store.Subscribe(ctx, &briefbot.Subscription{ChatID: edition, Topic: "world", Mode: briefbot.ModeEdition}); err != nil {
		t.Fatal(err)
	}
	if err := a.store.SetChatMode(ctx, edition, briefbot.ModeEdition, time.Now()); err != nil {
		t.Fatal(err)
	}

	pub := time.Now().Add(-time.Minute)
	feeds.add("news-1", "停戦協議が再開", `<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p>`+
		`<p>双方は捕虜交換の拡大で合意したということです。</p>`, pub)
	feeds.add("column-1", "停戦協議の再開に思う", `<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開された。</p>`+
		`<p>私はこの再開を心から歓迎したい。</p><p>双方は捕虜交換だけでなく、停戦そのものに踏み込むべきだ。</p>`, pub)
	for try := 0; len(tg.Messages(instant)) < 2; try++ {
		if try == 50 {
			t.Fatalf("no brief after %d scheduler runs; logs:\n%s", try, logs.String())
		}
		if err := a.sched.RunOnce(ctx); err != nil {
			t.Fatalf("RunOnce: %v", err)
		}
		short, cancelShort := context.WithTimeout(ctx, 500*time.Millisecond)
		_, _ = tg.WaitMessages(short, instant, 2)
		cancelShort()
	}
	if err := a.sched.RunOnce(ctx); err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if err := a.waitDelivered(ctx); err != nil {
		t.Fatal(err)
	}
	if brief := wait(instant, 2)[1]; !strings.Contains(brief.Text, "捕虜交換の拡大") || strings.Contains(brief.Text, "歓迎したい") {
		t.Errorf("the instant brief is not the report alone: %q", brief.Text)
	}

	// Stored, in a story of its own.
	stories, err := a.store.RecentStories(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 2 {
		t.Fatalf("stories = %d, want 2: the column joins no story", len(stories))
	}
	for _, s := range stories {
		if len(s.Items) != 1 {
			t.Fatalf("a story of %d items", len(s.Items))
		}
		it := s.Items[0]
		column := strings.Contains(it.Text, "歓迎したい")
		if it.Opinion != column || it.Deliver == column || column != (it.OpinionReason != "") || s.Enqueued == column {
			t.Errorf("item %q: opinion %v (%q), deliver %v, story enqueued %v", it.Title, it.Opinion, it.OpinionReason, it.Deliver, s.Enqueued)
		}
	}

	// The edition lists the report only.
	ed, err := scheduler.NewEditions(a.store, scheduler.EditionOptions{Spec: "* * * * *", Location: time.UTC,
		Now: func() time.Time { return time.Now().Add(time.Minute) }})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ed.Check(ctx); err != nil || n != 1 {
		t.Fatalf("editions made = %d, %v; want 1", n, err)
	}
	a.disp.Notify()
	if page := wait(edition, 1)[0]; !strings.Contains(page.Text, "news-1.html") || strings.Contains(page.Text, "column-1.html") {
		t.Errorf("edition = %q, want the report and not the column", page.Text)
	}
	if err := a.waitDelivered(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := a.store.DeliveryStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st[briefbot.DeliverySent] != 2 {
		t.Errorf("ledger = %v, want two sent rows: the report to the instant chat, one edition page", st)
	}

	tg.UserMessage(instant, instant, "/today")
	today := wait(instant, 3)[2].Text
	if !strings.Contains(today, "💬 <a href=\"https://www3.nhk.or.jp/news/html/column-1.html") || strings.Count(today, "💬") != 1 || !strings.Contains(today, "news-1.html") {
		t.Errorf("/today should list both, the column alone marked 💬: %q", today)
	}
	tg.UserMessage(instant, instant, "/search 歓迎")
	if found := wait(instant, 4)[3].Text; !strings.Contains(found, "💬 <a href=\"https://www3.nhk.or.jp/news/html/column-1.html") {
		t.Errorf("/search 歓迎 should find the column marked 💬: %q", found)
	}
	tg.UserMessage(instant, instant, "/search 捕虜")
	if found := wait(instant, 5)[4].Text; !strings.Contains(found, "news-1.html") {
		t.Errorf("/search 捕虜 should find the report: %q", found)
	}

	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}
