package feed

import (
	"context"
	"fmt"
	"io"
	"sync"
)

// smallBody is what a fetch reads without asking the body budget: nearly
// every feed is smaller (10–300 KB), so ordinary rounds never wait.
const smallBody = 1 << 20

// bodyBudget bounds the large feed bodies in memory at once. A body that
// grows past smallBody takes a slot worth MaxBytes and keeps it until it is
// parsed (parsing costs a few times the body); with the defaults, 32 MiB of
// 16 MiB slots, two such bodies are read and parsed at a time and the others
// wait. A slot is only ever waited for by a fetch holding none, so waiting
// cannot deadlock.
type bodyBudget struct {
	slots chan struct{}
}

func newBodyBudget(total, each int64) *bodyBudget {
	return &bodyBudget{slots: make(chan struct{}, max(1, total/max(each, 1)))}
}

func (b *bodyBudget) acquire(ctx context.Context) error {
	select {
	case b.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// meteredReader reads a body, taking a budget slot once it passes smallBody.
type meteredReader struct {
	r      io.Reader
	ctx    context.Context
	budget *bodyBudget
	n      int64
	once   sync.Once
	held   bool
}

func (m *meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.n += int64(n)
	if !m.held && m.n > smallBody {
		if aerr := m.budget.acquire(m.ctx); aerr != nil {
			return n, fmt.Errorf("wait for memory to read a large body: %w", aerr)
		}
		m.held = true
	}
	return n, err
}

// release returns the slot, if one was taken; later calls do nothing.
func (m *meteredReader) release() {
	m.once.Do(func() {
		if m.held {
			<-m.budget.slots
		}
	})
}
