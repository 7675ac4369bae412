package bot

import (
	"context"
	"time"

	"briefbot"
)

// SentBatcher is an optional extension of briefbot.DeliveryStore: it records
// many successful sends in one transaction. Each row carries ID, MessageID
// and SentAt. The root contract has only MarkSent (one transaction per row:
// 7.4k claim+mark per second at best on a 2-core machine, measured with
// synchronous=NORMAL); a store that also implements SentBatcher lets
// the dispatcher group-commit the marks of concurrent workers.
type SentBatcher interface {
	MarkSentBatch(ctx context.Context, sent []*briefbot.Delivery) error
}

// markReq is one worker's mark waiting for the group commit.
type markReq struct {
	row  *briefbot.Delivery
	done chan error
}

// groupCommit applies marks in batches until reqs is closed. Every worker
// waits for its own mark before taking another row, so a batch holds at
// most Workers rows and the rows sent but not yet marked never exceed
// Workers: the duplicate bound after a kill -9 is unchanged.
func (d *Dispatcher) groupCommit(ctx context.Context, b SentBatcher, reqs <-chan markReq) {
	batch := make([]markReq, 0, d.opts.Workers)
	rows := make([]*briefbot.Delivery, 0, d.opts.Workers)
	for first := range reqs {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < cap(batch) {
			select {
			case r, ok := <-reqs:
				if !ok {
					break fill
				}
				batch = append(batch, r)
			default:
				break fill
			}
		}
		rows = rows[:0]
		for _, r := range batch {
			rows = append(rows, r.row)
		}
		mctx, cancel := d.markCtx(ctx)
		d.store.mu.Lock()
		err := b.MarkSentBatch(mctx, rows)
		d.store.mu.Unlock()
		cancel()
		for _, r := range batch {
			r.done <- err
		}
	}
}

// markSent records a sent row: through the group commit when the store
// supports it, else with MarkSent.
func (d *Dispatcher) markSent(ctx context.Context, row *briefbot.Delivery, msgID int, at time.Time, done chan error) error {
	if d.marks == nil || done == nil {
		mctx, cancel := d.markCtx(ctx)
		defer cancel()
		return d.store.MarkSent(mctx, row.ID, msgID, at)
	}
	r := *row
	r.MessageID, r.SentAt, r.State = msgID, at, briefbot.DeliverySent
	d.marks <- markReq{row: &r, done: done}
	return <-done
}
