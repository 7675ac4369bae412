package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"briefbot"
)

// testClock is a settable clock for acquire's decisions; its waits still
// run on real timers, so a waiter looks again within the real wait.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// waitQueued waits until n sends wait in the lane.
func waitQueued(t *testing.T, p *pacer, l lane, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.mu.Lock()
		got := len(p.waiting[l])
		p.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sends in lane %d, want %d", got, l, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// acquireAsync runs acquire and reports name on got once it returns.
func acquireAsync(t *testing.T, p *pacer, clk *testClock, tk *ticket, name string, got chan<- string) {
	go func() {
		if err := p.acquire(context.Background(), clk.now, tk); err != nil {
			t.Errorf("%s: acquire: %v", name, err)
		}
		got <- name
	}()
}

func TestPacerLanes(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	reply := func(chat int64) *ticket {
		return &ticket{lane: laneReply, chat: chat, kind: briefbot.ChatPrivate, rank: t0}
	}
	brief := func() *ticket { return &ticket{lane: laneBrief} }
	t.Run("a reply goes before a brief that waited longer", func(t *testing.T) {
		clk := &testClock{t: t0}
		p := newPacer(paceLimits{GlobalPerSecond: 10, PrivatePerSecond: 1, GroupPerMinute: 20})
		got := make(chan string, 2)
		// Take the global slot: the next is due in 100 ms.
		acquireAsync(t, p, clk, brief(), "first", got)
		if g := <-got; g != "first" {
			t.Fatal(g)
		}
		acquireAsync(t, p, clk, brief(), "brief", got)
		waitQueued(t, p, laneBrief, 1)
		acquireAsync(t, p, clk, reply(7), "reply", got)
		waitQueued(t, p, laneReply, 1)
		clk.advance(100 * time.Millisecond)
		if g := <-got; g != "reply" {
			t.Fatalf("served %s first, want the reply", g)
		}
		clk.advance(100 * time.Millisecond)
		if g := <-got; g != "brief" {
			t.Fatal(g)
		}
	})
	t.Run("a reply waiting for its chat leaves the slot to a brief", func(t *testing.T) {
		clk := &testClock{t: t0}
		p := newPacer(paceLimits{GlobalPerSecond: 10, PrivatePerSecond: 10, GroupPerMinute: 20})
		p.book(7, briefbot.ChatPrivate, t0)
		p.book(7, briefbot.ChatPrivate, t0) // chat 7's burst is spent: next slot in 100 ms
		got := make(chan string, 2)
		acquireAsync(t, p, clk, reply(7), "reply", got)
		waitQueued(t, p, laneReply, 1)
		acquireAsync(t, p, clk, brief(), "brief", got)
		if g := <-got; g != "brief" {
			t.Fatalf("served %s first, want the brief", g)
		}
		clk.advance(100 * time.Millisecond)
		if g := <-got; g != "reply" {
			t.Fatal(g)
		}
		if next := p.book(7, briefbot.ChatPrivate, clk.now()); !next.Equal(clk.now().Add(100 * time.Millisecond)) {
			t.Errorf("the reply did not take chat 7's slot: next slot %s", next.Sub(clk.now()))
		}
	})
	t.Run("the oldest rank first, and the free rate under paid broadcast", func(t *testing.T) {
		clk := &testClock{t: t0}
		p := newPacer(paceLimits{GlobalPerSecond: 1000, PrivatePerSecond: 1, GroupPerMinute: 20})
		got := make(chan string, 4)
		late, early := reply(1), reply(2)
		late.rank = t0.Add(time.Second)
		// Hold the gate while both queue, by a pause of everything.
		p.pauseAll(t0.Add(time.Millisecond))
		acquireAsync(t, p, clk, late, "late", got)
		waitQueued(t, p, laneReply, 1)
		acquireAsync(t, p, clk, early, "early", got)
		waitQueued(t, p, laneReply, 2)
		clk.advance(time.Millisecond)
		if g := <-got; g != "early" {
			t.Fatalf("served %s first, want the earlier rank", g)
		}
		// Replies go at 30/s even when paid broadcasts may go at 1000/s:
		// a brief takes the next global slot, 1 ms later.
		acquireAsync(t, p, clk, brief(), "brief", got)
		waitQueued(t, p, laneBrief, 1)
		clk.advance(time.Millisecond)
		if g := <-got; g != "brief" {
			t.Fatalf("served %s, want the brief within the free rate's 33 ms", g)
		}
		clk.advance(33 * time.Millisecond) // 35 ms after the first reply: past 1/30 s
		if g := <-got; g != "late" {
			t.Fatal(g)
		}
	})
}

// TestPacerAlwaysServes runs many senders through acquire at once, replies
// to a few chats (one at a time per chat, as the queue sends them) and
// briefs, with flood-control pauses and cancellations among them: every
// one is served or cancelled, none waits forever. (Replies go at the free
// 30/s: 54 of them take about two seconds.)
func TestPacerAlwaysServes(t *testing.T) {
	p := newPacer(paceLimits{GlobalPerSecond: 2000, PrivatePerSecond: 200, GroupPerMinute: 12000})
	var wg sync.WaitGroup
	var mu sync.Mutex
	served, cancelled := 0, 0
	count := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			cancelled++
			return
		}
		served++
	}
	chats := []int64{-3, -2, -1, 1, 2, 3}
	const perChat, workers, perWorker = 10, 8, 25
	for _, chat := range chats {
		wg.Go(func() {
			kind := replyKind(chat)
			for i := range perChat {
				tk := &ticket{lane: laneReply, chat: chat, kind: kind, rank: time.Now()}
				ctx, cancel := context.WithCancel(context.Background())
				if i == 4 {
					cancel()
				}
				err := p.acquire(ctx, time.Now, tk)
				cancel()
				count(err)
				if err == nil {
					p.release(true, time.Now())
				}
				if i%4 == 3 {
					now := time.Now()
					p.floodControl(chat, now.Add(20*time.Millisecond), now)
				}
			}
		})
	}
	for range workers {
		wg.Go(func() {
			for range perWorker {
				err := p.acquire(context.Background(), time.Now, &ticket{lane: laneBrief})
				count(err)
				if err == nil {
					p.release(true, time.Now())
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("senders still waiting: %d served, %d cancelled", served, cancelled)
	}
	wantServed := len(chats)*(perChat-1) + workers*perWorker
	if served != wantServed || cancelled != len(chats) {
		t.Errorf("%d served, %d cancelled; want %d and %d", served, cancelled, wantServed, len(chats))
	}
}
