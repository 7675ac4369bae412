package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"briefbot"
)

// errClosed is the error of a write after Close.
var errClosed = errors.New("database closed")

// maxWriterStmts bounds the statements kept prepared on the writer, so
// that queries built with a varying number of placeholders cannot grow it
// without end; past it, a statement is prepared for its transaction only.
const maxWriterStmts = 256

// markTimeout bounds the transaction that applies a batch of queued marks.
// It is detached from the caller that happens to run it: the batch holds
// other callers' marks too.
const markTimeout = 30 * time.Second

// writer is the one way this process writes. SQLite lets one connection
// write at a time; writers racing for its lock wait in the busy handler's
// sleeps (1 ms growing to 100 ms), which measured at a fifth of the rate of
// writers taking turns. So every write transaction takes the writer's turn
// (first come, first served, cancellable) and runs on one pinned
// connection, where statements stay prepared from one transaction to the
// next: preparing a ledger statement costs about as much as running it.
//
// Ledger marks are group-committed: a mark is queued, and whoever takes the
// turn next applies every queued mark in one transaction. While a claim or
// another write runs, the marks of the workers waiting behind it gather
// into the next commit. A caller still waits for its own mark, so a mark is
// durable when its call returns.
//
// Its zero value is ready to use.
type writer struct {
	once sync.Once
	turn chan struct{} // holding its one slot is holding the writer

	// Guarded by the turn.
	conn   *sql.Conn
	closed bool

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	markMu sync.Mutex
	marks  []*mark

	observe atomic.Pointer[func(error)] // ObserveWrites (writefail.go)
}

func (w *writer) setup() { w.once.Do(func() { w.turn = make(chan struct{}, 1) }) }

// acquire takes the turn, waiting for the holder before it.
func (w *writer) acquire(ctx context.Context) error {
	w.setup()
	select {
	case w.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if w.closed {
		w.release()
		return errClosed
	}
	return nil
}

func (w *writer) release() { <-w.turn }

// run runs fn in one transaction (BEGIN IMMEDIATE through the DSN) on the
// pinned connection, rolling back on error; a storage failure comes back as
// a *WriteError. The caller holds the turn.
func (w *writer) run(ctx context.Context, sdb *sql.DB, fn func(tx *stx) error) error {
	return w.outcome(w.runTx(ctx, sdb, fn))
}

func (w *writer) runTx(ctx context.Context, sdb *sql.DB, fn func(tx *stx) error) error {
	if w.closed {
		return errClosed
	}
	tx, err := w.begin(ctx, sdb)
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
		// database/sql discards a connection whose transaction's context
		// ended mid-way: take a new one.
		_ = w.conn.Close()
		w.conn = nil
		tx, err = w.begin(ctx, sdb)
	}
	if err != nil {
		return err
	}
	if err := fn(&stx{Tx: tx, w: w, sdb: sdb}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (w *writer) begin(ctx context.Context, sdb *sql.DB) (*sql.Tx, error) {
	if w.conn == nil {
		c, err := sdb.Conn(ctx)
		if err != nil {
			return nil, err
		}
		w.conn = c
	}
	return w.conn.BeginTx(ctx, nil)
}

// close waits for the holder, then closes the statements and the pinned
// connection; later writes fail with errClosed.
func (w *writer) close() error {
	w.setup()
	w.turn <- struct{}{}
	defer w.release()
	if w.closed {
		return nil
	}
	w.closed = true
	w.stmtMu.Lock()
	for _, st := range w.stmts {
		_ = st.Close()
	}
	w.stmts = nil
	w.stmtMu.Unlock()
	w.failMarks(errClosed)
	if w.conn == nil {
		return nil
	}
	err := w.conn.Close()
	w.conn = nil
	return err
}

// prepared returns the database-level statement for query, prepared once;
// nil when the cache is full or the statement does not prepare outside the
// writer's connection (it names a temporary table of that connection): the
// transaction then prepares it for itself.
func (w *writer) prepared(ctx context.Context, sdb *sql.DB, query string) *sql.Stmt {
	w.stmtMu.Lock()
	defer w.stmtMu.Unlock()
	if st, ok := w.stmts[query]; ok {
		return st
	}
	if len(w.stmts) >= maxWriterStmts {
		return nil
	}
	st, err := sdb.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	w.stmts[query] = st
	return st
}

// tx runs fn in one write transaction, in the writer's turn.
func (db *DB) tx(ctx context.Context, fn func(tx *stx) error) error {
	if err := db.w.acquire(ctx); err != nil {
		return err
	}
	defer db.w.release()
	return db.w.run(ctx, db.sql, fn)
}

// exec runs one write statement in the writer's turn.
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := db.tx(ctx, func(tx *stx) error {
		var err error
		res, err = tx.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// stx is a write transaction on the writer's connection. Each distinct
// statement is prepared once per connection, not once per transaction: bulk
// paths (Import, SavePosts, PrunePosts) run the same statements thousands of
// times, and the ledger runs the same few for every message.
type stx struct {
	*sql.Tx
	w     *writer
	sdb   *sql.DB
	stmts map[string]*sql.Stmt
}

func (t *stx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if base := t.w.prepared(ctx, t.sdb, query); base != nil {
		// Prepared on this connection the first time, reused afterwards.
		st = t.Tx.StmtContext(ctx, base)
	} else {
		var err error
		if st, err = t.Tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// ExecContext runs a cached statement.
func (t *stx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a cached statement.
func (t *stx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a cached statement; a preparation error surfaces
// from Scan through the uncached path.
func (t *stx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// mark is one queued ledger update of one row.
type mark struct {
	op    string // "mark sent", for errors
	id    int64
	query string
	args  []any
	err   error
	done  chan struct{}
}

// ledgerMark applies one row's ledger update through the group commit. A
// row that exists but is not changed (its state rules the update out) is
// no error; a missing row is ENOTFOUND.
func (db *DB) ledgerMark(ctx context.Context, op string, id int64, query string, args ...any) error {
	w := &db.w
	w.setup()
	m := &mark{op: op, id: id, query: query, args: args, done: make(chan struct{})}
	w.markMu.Lock()
	w.marks = append(w.marks, m)
	w.markMu.Unlock()
	select {
	case <-m.done:
		return m.err
	case w.turn <- struct{}{}:
		// Our turn: apply whatever is queued, ours included unless the
		// holder before us took it.
		db.applyMarks(w.takeMarks())
		w.release()
	case <-ctx.Done():
		if w.unqueue(m) {
			return fmt.Errorf("%s delivery %d: %w", op, id, ctx.Err())
		}
		// A holder took it: its outcome is on the way.
	}
	<-m.done
	return m.err
}

func (w *writer) takeMarks() []*mark {
	w.markMu.Lock()
	defer w.markMu.Unlock()
	b := w.marks
	w.marks = nil
	return b
}

func (w *writer) unqueue(m *mark) bool {
	w.markMu.Lock()
	defer w.markMu.Unlock()
	for i, x := range w.marks {
		if x == m {
			w.marks = append(w.marks[:i], w.marks[i+1:]...)
			return true
		}
	}
	return false
}

func (w *writer) failMarks(err error) {
	for _, m := range w.takeMarks() {
		m.err = err
		close(m.done)
	}
}

// applyMarks applies a batch of marks in one transaction and tells each
// caller its outcome. When the transaction fails, each mark is retried
// alone, so that one bad mark cannot fail the others. The caller holds the
// turn.
func (db *DB) applyMarks(batch []*mark) {
	if len(batch) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), markTimeout)
	defer cancel()
	now := ts(db.now())
	err := db.w.run(ctx, db.sql, func(tx *stx) error {
		for _, m := range batch {
			args := append(append(make([]any, 0, len(m.args)+2), m.args...), now, m.id)
			r, err := tx.ExecContext(ctx, m.query, args...)
			if err != nil {
				return err
			}
			m.err = nil
			if n, _ := r.RowsAffected(); n > 0 {
				continue
			}
			var one int
			err = tx.QueryRowContext(ctx, `SELECT 1 FROM deliveries WHERE id = ?`, m.id).Scan(&one)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				m.err = briefbot.Errorf(briefbot.ENOTFOUND, "Delivery %d not found.", m.id)
			case err != nil:
				return err
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, m := range batch {
			db.applyMarks([]*mark{m})
		}
		return
	}
	for _, m := range batch {
		if err != nil {
			m.err = fmt.Errorf("%s delivery %d: %w", m.op, m.id, err)
		}
		close(m.done)
	}
}
