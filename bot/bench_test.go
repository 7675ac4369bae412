package bot_test

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// seedChats adds n private chats subscribed to world. It writes the rows in
// one transaction through SQL: 100k UpsertChat+Subscribe calls would make the
// set-up, not the fan-out, the thing measured.
func seedChats(b *testing.B, d *db.DB, n int) {
	b.Helper()
	tx, err := d.SQL().Begin()
	if err != nil {
		b.Fatal(err)
	}
	chat, err := tx.Prepare(`INSERT INTO chats (id, type, title, active) VALUES (?, 'private', '', 1)`)
	if err != nil {
		b.Fatal(err)
	}
	sub, err := tx.Prepare(`INSERT INTO subscriptions (chat_id, topic, mode) VALUES (?, 'world', 'instant')`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		id := int64(1_000_000 + i)
		if _, err := chat.Exec(id); err != nil {
			b.Fatal(err)
		}
		if _, err := sub.Exec(id); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// fanOut enqueues one brief to every seeded chat and dispatches it, timing
// from the Notify to the last row marked sent.
func fanOut(b *testing.B, fake telegramtest.Options, chats int, opts bot.DispatcherOptions) (time.Duration, *telegramtest.Server) {
	b.Helper()
	d, _ := openDB(b)
	srv := newFake(b, fake)
	sender := newBot(b, srv.URL(), d, nil)
	seedChats(b, d, chats)
	br := seedBrief(b, d, "速報", "<b>【速報】</b>\n\n🔸 一斉配信の計測。\n\n📰 <a href=\"https://www3.nhk.or.jp/\">NHK</a>", "本文", time.Now(), "world")
	n, err := d.EnqueueStory(context.Background(), br.StoryID)
	if err != nil || n != chats {
		b.Fatalf("enqueue: %d, %v", n, err)
	}
	disp := bot.NewDispatcher(d, d, sender, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- disp.Run(ctx) }()
	waitCtx, wcancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer wcancel()
	if _, err := srv.WaitSent(waitCtx, chats); err != nil {
		b.Fatal(err)
	}
	waitAllSent(b, d, chats)
	elapsed := time.Since(start)
	cancel()
	<-done
	if got := srv.Stats().Sent; got != chats {
		b.Errorf("Telegram received %d messages, want %d", got, chats)
	}
	return elapsed, srv
}

// BenchmarkFanOut100k: one brief to 100,000 chats against the unthrottled
// fake, durable ledger included (claim, HTTP, mark sent per row).
//
//	go test -tags sqlite_fts5 -run '^$' -bench FanOut100k -benchtime 1x ./bot
func BenchmarkFanOut100k(b *testing.B) {
	chats := envInt("BENCH_CHATS", 100_000)
	for b.Loop() {
		cpu0 := cpuTime()
		elapsed, _ := fanOut(b, telegramtest.Options{}, chats, bot.DispatcherOptions{
			GlobalPerSecond: 1e6, Workers: envInt("BENCH_WORKERS", 32), BatchSize: 200,
		})
		b.ReportMetric(float64(chats)/elapsed.Seconds(), "msgs/s")
		// CPU per message, fake server and set-up included: on a shared box
		// the wall rate says more about the neighbours than about the code.
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(chats), "cpu-µs/msg")
	}
}

// cpuTime is the process's user+system time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFanOutLimited: a fan-out against the fake enforcing Telegram's
// flood limits (30/s overall): the rate achieved against that ceiling and the
// number of 429s. It takes about 40 s.
//
//	go test -tags sqlite_fts5 -run '^$' -bench FanOutLimited -benchtime 1x ./bot
func BenchmarkFanOutLimited(b *testing.B) {
	const chats = 1200
	for b.Loop() {
		_, srv := fanOut(b, telegramtest.Options{EnforceLimits: true}, chats, bot.DispatcherOptions{})
		ms := srv.AllMessages()
		first, last := ms[0].At, ms[0].At
		for _, m := range ms {
			if m.At.Before(first) {
				first = m.At
			}
			if m.At.After(last) {
				last = m.At
			}
		}
		rate := float64(len(ms)-1) / last.Sub(first).Seconds()
		b.ReportMetric(rate, "msgs/s")
		b.ReportMetric(100*rate/30, "%ceiling")
		b.ReportMetric(float64(srv.Stats().Rejected429), "429s")
	}
}

// envInt reads a knob of a profiling run, e.g. BENCH_CHATS=20000
// BENCH_WORKERS=64.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// waitAllSent waits for the last marks once the messages are out; polling the
// stats all along would cost the run a third of its CPU.
func waitAllSent(b *testing.B, d *db.DB, n int) {
	for {
		st, err := d.DeliveryStats(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if st[briefbot.DeliverySent] == n {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// BenchmarkLedgerOnly: the same fan-out with a sender that does no I/O, to
// separate the ledger's cost from the HTTP round trips.
func BenchmarkLedgerOnly(b *testing.B) {
	chats := envInt("BENCH_CHATS", 100_000)
	for b.Loop() {
		d, _ := openDB(b)
		seedChats(b, d, chats)
		br := seedBrief(b, d, "速報", "<b>x</b>", "本文", time.Now(), "world")
		if _, err := d.EnqueueStory(context.Background(), br.StoryID); err != nil {
			b.Fatal(err)
		}
		var out recorder
		disp := bot.NewDispatcher(d, d, &out, bot.DispatcherOptions{GlobalPerSecond: 1e6, Workers: envInt("BENCH_WORKERS", 32), BatchSize: 200})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- disp.Run(ctx) }()
		for out.count() < chats {
			time.Sleep(5 * time.Millisecond)
		}
		waitAllSent(b, d, chats)
		b.ReportMetric(float64(chats)/time.Since(start).Seconds(), "msgs/s")
		cancel()
		<-done
	}
}
