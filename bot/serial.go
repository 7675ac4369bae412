package bot

import (
	"context"
	"sync"
	"time"

	"briefbot"
)

// serialLedger funnels the dispatcher's ledger writes through one mutex.
// SQLite has a single writer: workers racing for it spend their time in the
// busy handler's sleeps and churn pooled connections, which measured at a
// fifth of the serialized rate. Each worker still waits for its own mark, so
// the rows sent but not yet marked never exceed Workers.
type serialLedger struct {
	mu    sync.Mutex
	store briefbot.DeliveryStore
	chats briefbot.ChatStore
}

func (s *serialLedger) Claim(ctx context.Context, now time.Time, limit int) ([]*briefbot.Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.Claim(ctx, now, limit)
}

func (s *serialLedger) MarkSent(ctx context.Context, id int64, messageID int, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.MarkSent(ctx, id, messageID, at)
}

func (s *serialLedger) MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.MarkFailed(ctx, id, errText, next)
}

func (s *serialLedger) MarkDead(ctx context.Context, id int64, errText string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.MarkDead(ctx, id, errText)
}

func (s *serialLedger) Release(ctx context.Context, id int64, next time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.Release(ctx, id, next)
}

func (s *serialLedger) RecoverSending(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.RecoverSending(ctx)
}

func (s *serialLedger) DeactivateChat(ctx context.Context, id int64, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chats.DeactivateChat(ctx, id, reason)
}

func (s *serialLedger) MigrateChat(ctx context.Context, from, to int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chats.MigrateChat(ctx, from, to)
}
