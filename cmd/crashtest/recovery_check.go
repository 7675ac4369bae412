package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"briefbot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// ledgerRow is one chat's delivery of the brief: its state and when that
// state was committed (updated_at).
type ledgerRow struct {
	state  string
	marked time.Time
}

// ledger is the brief's deliveries by chat.
type ledger map[int64]ledgerRow

func (l ledger) sent() int {
	n := 0
	for _, r := range l {
		if r.state == string(briefbot.DeliverySent) {
			n++
		}
	}
	return n
}

// lastMark is when the latest "sent" was committed.
func (l ledger) lastMark() time.Time {
	var t time.Time
	for _, r := range l {
		if r.state == string(briefbot.DeliverySent) && r.marked.After(t) {
			t = r.marked
		}
	}
	return t
}

// openStore opens a database the bot is not running on.
func openStore(ctx context.Context, path string) (*db.DB, error) {
	return db.Open(ctx, path, db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler)})
}

// readLedger reads the deliveries of a database the bot no longer runs on.
func readLedger(ctx context.Context, path string) (ledger, error) {
	store, err := openStore(ctx, path)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return queryLedger(ctx, store.SQL())
}

func queryLedger(ctx context.Context, q *sql.DB) (ledger, error) {
	rows, err := q.QueryContext(ctx, `SELECT chat_id, state, updated_at FROM deliveries`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	l := ledger{}
	for rows.Next() {
		var id, at int64
		var state string
		if err := rows.Scan(&id, &state, &at); err != nil {
			return nil, err
		}
		// One brief per chat; should a chat hold two rows, "sent" wins.
		if prev, ok := l[id]; !ok || prev.state != string(briefbot.DeliverySent) {
			l[id] = ledgerRow{state: state, marked: time.UnixMicro(at)}
		}
	}
	return l, rows.Err()
}

// RestoredDB is what the replica held at the kill.
type RestoredDB struct {
	Integrity string // PRAGMA integrity_check: "ok"
	FTS       string // FTS5 integrity-check of both search tables: "ok" or the error
	Ledger    ledger
	// The changes made through updates before the fan-out that are there.
	Subscribers, LeaversGone, Zones int
}

// readRestored checks the restored file before the bot opens it.
func readRestored(ctx context.Context, path string, chats int) (RestoredDB, error) {
	var r RestoredDB
	store, err := openStore(ctx, path)
	if err != nil {
		return r, err
	}
	defer store.Close()
	q := store.SQL()
	if err := q.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&r.Integrity); err != nil {
		return r, err
	}
	r.FTS = "ok"
	for _, table := range []string{"story_fts", "story_chars"} {
		// The table name is one of two constants.
		if _, err := q.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('integrity-check')`); err != nil {
			r.FTS = fmt.Sprintf("%s: %v", table, err)
		}
	}
	if r.Ledger, err = queryLedger(ctx, q); err != nil {
		return r, err
	}
	for id := int64(chats + 1); id <= int64(chats+newSubscribers); id++ {
		if ok, err := subscribed(ctx, store, id); err != nil {
			return r, err
		} else if ok {
			r.Subscribers++
		}
	}
	for id := int64(1); id <= leavers; id++ {
		if ok, err := subscribed(ctx, store, id); err != nil {
			return r, err
		} else if !ok {
			r.LeaversGone++
		}
	}
	for id := int64(leavers + 1); id <= leavers+zoneSetters; id++ {
		s, err := store.ChatSettings(ctx, id)
		if err != nil && briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
			return r, err
		}
		if err == nil && s.Timezone == changedZone {
			r.Zones++
		}
	}
	return r, nil
}

// zoneOf reads a restored file's integrity and one chat's time zone.
func zoneOf(ctx context.Context, path string, chat int64) (integrity, zone string, err error) {
	store, err := openStore(ctx, path)
	if err != nil {
		return "", "", err
	}
	defer store.Close()
	if err := store.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity); err != nil {
		return "", "", err
	}
	s, err := store.ChatSettings(ctx, chat)
	if err != nil {
		return integrity, "", err
	}
	return integrity, s.Timezone, nil
}

func subscribed(ctx context.Context, store *db.DB, chat int64) (bool, error) {
	subs, err := store.Subscriptions(ctx, chat)
	if err != nil {
		return false, err
	}
	for _, s := range subs {
		if s.Topic == topic {
			return true, nil
		}
	}
	return false, nil
}

// Maintenance is what the backup and the search compaction did on the live
// database beside the bot and Litestream.
type Maintenance struct {
	Backup, Compact  time.Duration
	BackupIntegrity  string // integrity_check of the copy
	BackupDeliveries int    // ledger rows in the copy
	Err              error
}

// liveMaintenance runs db.Backup (VACUUM INTO) and db.CompactSearch on the
// database the bot and Litestream are using, from this process, as
// `briefbot backup` and the hourly retention job would.
func liveMaintenance(ctx context.Context, path, dest string) (m Maintenance) {
	store, err := openStore(ctx, path)
	if err != nil {
		m.Err = err
		return m
	}
	defer store.Close()
	began := time.Now()
	if m.Err = store.Backup(ctx, dest); m.Err != nil {
		return m
	}
	m.Backup = time.Since(began)
	began = time.Now()
	if m.Err = store.CompactSearch(ctx); m.Err != nil {
		return m
	}
	m.Compact = time.Since(began)
	copied, err := openStore(ctx, dest)
	if err != nil {
		m.Err = err
		return m
	}
	defer copied.Close()
	if m.Err = copied.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&m.BackupIntegrity); m.Err != nil {
		return m
	}
	m.Err = copied.SQL().QueryRowContext(ctx, `SELECT count(*) FROM deliveries`).Scan(&m.BackupDeliveries)
	return m
}

// litestreamIntervals reads monitor-interval and sync-interval of the first
// database in a Litestream config (the defaults, 1s, when absent).
func litestreamIntervals(path string) (monitor, sync time.Duration, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var cfg struct {
		DBs []struct {
			Monitor string `yaml:"monitor-interval"`
			Replica struct {
				Sync string `yaml:"sync-interval"`
			} `yaml:"replica"`
		} `yaml:"dbs"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil || len(cfg.DBs) == 0 {
		return 0, 0, fmt.Errorf("litestream config %s: no dbs entry (%v)", path, err)
	}
	parse := func(s string) (time.Duration, error) {
		if s == "" {
			return time.Second, nil
		}
		return time.ParseDuration(s)
	}
	if monitor, err = parse(cfg.DBs[0].Monitor); err != nil {
		return 0, 0, fmt.Errorf("litestream config %s: monitor-interval: %w", path, err)
	}
	if sync, err = parse(cfg.DBs[0].Replica.Sync); err != nil {
		return 0, 0, fmt.Errorf("litestream config %s: sync-interval: %w", path, err)
	}
	return monitor, sync, nil
}

// LitestreamLog counts what Litestream said while replicating.
type LitestreamLog struct {
	Snapshots int // full snapshots written
	// Overwritten counts WAL positions lost to a checkpoint Litestream did
	// not make ("by another process"), each answered with a snapshot.
	Overwritten int
	Errors      int
}

func scanLitestreamLog(path string) LitestreamLog {
	var l LitestreamLog
	f, err := os.Open(path)
	if err != nil {
		return l
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, "by another process"):
			l.Overwritten++
		case strings.Contains(line, `msg="snapshot complete"`):
			l.Snapshots++
		case strings.Contains(line, "level=ERROR"):
			l.Errors++
		}
	}
	return l
}

// userMessage queues a user's text message in a private chat.
func (f *fakeAPI) userMessage(ctx context.Context, chat int64, text string) error {
	form := url.Values{"chat_id": {strconv.FormatInt(chat, 10)}, "user_id": {strconv.FormatInt(chat, 10)}, "text": {text}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.url+"/control/update", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := f.http.Do(req)
	if err != nil {
		return fmt.Errorf("fake /control/update: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fake /control/update: status %s", resp.Status)
	}
	return nil
}

// allMessages reads every accepted message, a page at a time.
func (f *fakeAPI) allMessages(ctx context.Context) ([]telegramtest.Message, error) {
	st, err := f.stats(ctx)
	if err != nil {
		return nil, err
	}
	const page = 5000
	var all []telegramtest.Message
	for since := 0; since < st.Sent; since += page {
		var msgs []telegramtest.Message
		if err := f.get(ctx, fmt.Sprintf("/control/messages?since=%d&limit=%d", since, page), &msgs); err != nil {
			return nil, err
		}
		all = append(all, msgs...)
	}
	return all, nil
}
