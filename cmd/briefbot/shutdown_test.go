package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// TestShutdownDrainsDispatcher stops the daemon while sends are on the
// wire. The store must close only after the dispatcher marked them (no row
// left in sending, every message Telegram accepted marked sent, the rest
// pending); a dispatcher that overruns its own deadline leaves the store
// open rather than have it closed under it.
func TestShutdownDrainsDispatcher(t *testing.T) {
	for _, overrun := range []bool{false, true} {
		name := "drained"
		if overrun {
			name = "dispatcher overruns its deadline"
		}
		t.Run(name, func(t *testing.T) {
			const token = "123456:SHUTDOWN-TOKEN"
			tg := telegramtest.New(telegramtest.Options{Token: token})
			t.Cleanup(tg.Close)
			gate := make(chan struct{})
			inflight := make(chan struct{}, 64)
			var gateOnce sync.Once
			open := func() { gateOnce.Do(func() { close(gate) }) }
			t.Cleanup(open)
			api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/sendMessage") {
					inflight <- struct{}{}
					<-gate
				}
				tg.Handler().ServeHTTP(w, r)
			}))
			t.Cleanup(api.Close)
			feeds := newFeedServer(t)
			feeds.add("fresh-1", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p><p>双方は捕虜交換の拡大で合意したということです。</p>", time.Now().Add(-time.Minute))
			cfg, err := loadConfig(writeConfig(t, api.URL, feeds.srv.URL, token))
			if err != nil {
				t.Fatal(err)
			}
			if overrun {
				old := stopDispatcher
				stopDispatcher = 100 * time.Millisecond
				t.Cleanup(func() { stopDispatcher = old })
			}
			var logs syncBuffer
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			a, err := newApp(ctx, cfg, newLogger(cfg.Log, token, &logs), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			const chats = 20
			for i := range int64(chats) {
				id := 5000 + i
				tg.AddChat(id, "private", "reader")
				if err := a.store.UpsertChat(ctx, &briefbot.Chat{ID: id, Type: briefbot.ChatPrivate, Active: true}); err != nil {
					t.Fatal(err)
				}
				if err := a.store.Subscribe(ctx, &briefbot.Subscription{ChatID: id, Topic: "world", Mode: briefbot.ModeInstant}); err != nil {
					t.Fatal(err)
				}
			}
			runCtx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- a.run(runCtx, false) }()
			for range 4 { // some sends are on the wire
				select {
				case <-inflight:
				case <-ctx.Done():
					t.Fatalf("no sends; logs:\n%s", logs.String())
				}
			}
			stop() // SIGTERM
			if !overrun {
				open() // the sends on the wire complete during the shutdown
			}
			if err := <-done; err != nil {
				t.Fatalf("run: %v", err)
			}
			if strings.Contains(logs.String(), "database is closed") {
				t.Errorf("the store closed under a writer:\n%s", logs.String())
			}
			if overrun {
				if !strings.Contains(logs.String(), "database left open") {
					t.Errorf("no word of the store left open:\n%s", logs.String())
				}
				// The lock is still held: the store was not closed.
				if d, err := db.Open(ctx, cfg.Database.Path, quietDB()); err == nil {
					d.Close()
					t.Fatal("the store was closed while the dispatcher ran")
				}
				// The process exit drops the lock; a new process recovers
				// the rows left in sending.
				a.store.Close()
				open()
			}
			d, err := db.Open(ctx, cfg.Database.Path, quietDB())
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			st, err := d.DeliveryStats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			accepted := len(tg.AllMessages())
			if !overrun {
				if st[briefbot.DeliverySending] != 0 || st[briefbot.DeliverySent] != accepted || st[briefbot.DeliverySent]+st[briefbot.DeliveryPending] != chats {
					t.Errorf("ledger after shutdown = %v with %d accepted by Telegram; want them sent, the rest pending, none sending", st, accepted)
				}
				return
			}
			if n, err := d.RecoverSending(ctx); err != nil || n+st[briefbot.DeliverySent] < 4 {
				t.Errorf("recover = %d, %v; ledger %v", n, err, st)
			}
		})
	}
}
