// Package db implements briefbot's stores on SQLite (mattn/go-sqlite3, built
// with -tags sqlite_fts5): posts, stories, briefs, chats, subscriptions, the
// delivery ledger and the full-text search index.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"briefbot"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// ErrNoFTS5 means the SQLite library was compiled without FTS5.
var ErrNoFTS5 = errors.New("sqlite3 built without FTS5: build briefbot with -tags sqlite_fts5")

// ErrLocked means another briefbot process holds the database.
var ErrLocked = errors.New("database is locked by another briefbot process")

// Compile-time checks that *DB implements every store of the root package.
var (
	_ briefbot.FeedStore         = (*DB)(nil)
	_ briefbot.PostStore         = (*DB)(nil)
	_ briefbot.StoryStore        = (*DB)(nil)
	_ briefbot.BriefStore        = (*DB)(nil)
	_ briefbot.ChatStore         = (*DB)(nil)
	_ briefbot.SubscriptionStore = (*DB)(nil)
	_ briefbot.DeliveryStore     = (*DB)(nil)
	_ briefbot.Searcher          = (*DB)(nil)
)

// Options tune a DB. Zero values take the defaults.
type Options struct {
	MaxAttempts int              // delivery.max_attempts, default briefbot.DefaultMaxAttempts
	Now         func() time.Time // default time.Now; used for created_at etc.
	Logger      *slog.Logger     // nil logs nothing
	NoLock      bool             // skip the single-instance lock (tests opening twice)
	// Location is the timezone of chats without their own, for quiet
	// hours; default UTC.
	Location *time.Location
	// FairPrivate and FairGroup space a chat's pending rows from one feed
	// (fair.go): the dispatcher's per-chat pace to a user and to a group or
	// channel. Zero (the default) queues rows as they come.
	FairPrivate, FairGroup time.Duration
}

// DB is briefbot's SQLite database.
type DB struct {
	sql  *sql.DB
	path string
	opts Options
	log  *slog.Logger
	now  func() time.Time
	lock *fileLock
	// rebuilding is set while stories wait in search_reindex: Search
	// answers "index rebuilding" until RebuildSearch has drained the queue.
	rebuilding atomic.Bool
	// updatesPruned is when ClaimUpdate last pruned old update ids (Unix µs).
	updatesPruned atomic.Int64
	w             writer   // every write goes through it (writer.go)
	fairDue       string   // SQL of a new row's fair due time (fair.go)
	tzs           sync.Map // timezone name → *time.Location (quiet.go)
}

// DSN returns the go-sqlite3 data source name for path with briefbot's
// pragmas; they are applied by the driver to every pooled connection.
func DSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate"
}

// Open opens (creating) the SQLite file at path with pragmas in the DSN
// (WAL, busy_timeout, foreign_keys, synchronous=NORMAL, _txlock=immediate),
// takes the single-instance lock (an flock on the file itself, see
// fileLock), checks FTS5 and applies embedded migrations. A migration that
// changed the search index's layout leaves stories queued for reindexing:
// Open returns at once, Search answers "index rebuilding", and the caller
// runs RebuildSearch in the background.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = briefbot.DefaultMaxAttempts
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	db := &DB{path: path, opts: opts, log: opts.Logger, now: opts.Now, fairDue: fairDue(opts.FairPrivate, opts.FairGroup)}
	if !opts.NoLock && path != ":memory:" {
		l, err := acquireLock(path)
		if err != nil {
			return nil, err
		}
		db.lock = l
	}
	sdb, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		db.releaseLock()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.sql = sdb
	if err := db.init(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) init(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("open %s: %w", db.path, err)
	}
	if err := checkFTS5(ctx, db.sql); err != nil {
		return err
	}
	if err := db.migrate(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", db.path, err)
	}
	return db.checkReindexQueue(ctx)
}

// OpenReadOnly opens the SQLite file at path for reading only, for tools
// that run beside the daemon (backup): no lock, no migration, no reindex,
// and no write of any kind, so a running daemon and its schema are never
// touched. The file must exist.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	sdb, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path, log: slog.New(slog.DiscardHandler), now: time.Now,
		opts: Options{MaxAttempts: briefbot.DefaultMaxAttempts}, fairDue: fairDue(0, 0)}
	if err := sdb.PingContext(ctx); err != nil {
		_ = sdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

func checkFTS5(ctx context.Context, sdb *sql.DB) error {
	var used int
	if err := sdb.QueryRowContext(ctx, `SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&used); err != nil {
		return fmt.Errorf("check fts5: %w", err)
	}
	if used == 0 {
		return ErrNoFTS5
	}
	return nil
}

// Close closes the database and releases the single-instance lock.
func (db *DB) Close() error {
	err := db.w.close()
	if db.sql != nil {
		err = errors.Join(err, db.sql.Close())
	}
	db.releaseLock()
	return err
}

func (db *DB) releaseLock() {
	if db.lock != nil {
		db.lock.release()
		db.lock = nil
	}
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.sql.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	return nil
}

// SQL returns the underlying *sql.DB for tools (searchbench) and tests.
func (db *DB) SQL() *sql.DB { return db.sql }
