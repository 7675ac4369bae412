package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"briefbot"
	"briefbot/config"
	"briefbot/scheduler"
)

// reloadDebounce lets an editor finish its burst of events (write, chmod,
// rename) before the file is read.
const reloadDebounce = 300 * time.Millisecond

// Reload triggers, for the logs.
const (
	triggerFile    = "file"
	triggerSIGHUP  = "sighup"
	triggerCommand = "command"
)

// reloader owns the running configuration. A reload parses the whole file
// first; only a valid file is applied, so a broken edit leaves the previous
// configuration running untouched.
type reloader struct {
	path  string // absolute
	opts  config.Options
	log   *slog.Logger
	cur   atomic.Pointer[config.Config]
	apply func(ctx context.Context, old, cfg *config.Config) error
	// notify tells the admins about a rejected reload nobody asked for
	// (file watch, SIGHUP) with a catalogue message; nil in console mode.
	notify func(ctx context.Context, id string, kv ...any)
	// onResult counts reloads for /metrics; may be nil.
	onResult func(ok bool)
	// watching is told once the file is watched; may be nil.
	watching func()

	mu  sync.Mutex // one reload at a time
	sum [sha256.Size]byte
}

func newReloader(cfg *config.Config, logger *slog.Logger, apply func(ctx context.Context, old, cfg *config.Config) error) *reloader {
	r := &reloader{
		path:  cfg.File,
		opts:  config.Options{CheckSchedule: scheduler.ValidateSchedule},
		log:   logger,
		apply: apply,
	}
	r.cur.Store(cfg)
	if data, err := os.ReadFile(cfg.File); err == nil {
		r.sum = sha256.Sum256(data)
	}
	return r
}

// config returns the configuration now running.
func (r *reloader) config() *config.Config { return r.cur.Load() }

// Reload re-reads the file and applies it even when unchanged: an admin's
// /reload also retries what a previous apply could not do.
func (r *reloader) Reload(ctx context.Context) error {
	return r.reload(ctx, triggerCommand, true)
}

func (r *reloader) reload(ctx context.Context, trigger string, force bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	data, err := os.ReadFile(r.path)
	if err != nil {
		return r.reject(ctx, trigger, briefbot.Errorf(briefbot.EINVALID, "cannot read %s: %v", r.path, errors.Unwrap(err)))
	}
	sum := sha256.Sum256(data)
	if !force && sum == r.sum {
		return nil // our own /addfeed write, or an editor touching the file
	}
	cfg, err := config.Parse(data, r.path, r.opts)
	if err != nil {
		var es config.Errors
		if errors.As(err, &es) {
			return r.reject(ctx, trigger, briefbot.Errorf(briefbot.EINVALID, "%s", err.Error()))
		}
		return r.reject(ctx, trigger, err)
	}
	old := r.cur.Load()
	if err := r.apply(ctx, old, cfg); err != nil {
		return r.reject(ctx, trigger, fmt.Errorf("apply config: %w", err))
	}
	r.cur.Store(cfg)
	r.sum = sum
	if r.onResult != nil {
		r.onResult(true)
	}
	added, removed := feedDiff(old, cfg)
	r.log.Info("config reloaded", "trigger", trigger, "feeds", len(cfg.Feeds), "topics", len(cfg.Topics),
		"feeds_added", strings.Join(added, ","), "feeds_removed", strings.Join(removed, ","))
	if keys := needsRestart(old, cfg); len(keys) > 0 {
		r.log.Warn("config changes that take effect only after a restart", "keys", strings.Join(keys, ","))
	}
	return nil
}

// reject logs a refused reload line by line (each file:line: field: message
// on its own record, so a log search finds it), tells the admins when they
// did not ask for it, and returns err with any secret scrubbed.
func (r *reloader) reject(ctx context.Context, trigger string, err error) error {
	if r.onResult != nil {
		r.onResult(false)
	}
	err = r.scrub(err)
	text := briefbot.ErrorMessage(err)
	if briefbot.ErrorCode(err) == briefbot.EINTERNAL {
		text = err.Error()
	}
	r.log.Error("config reload rejected; the previous config keeps running", "trigger", trigger, "file", r.path)
	for _, line := range strings.Split(text, "\n") {
		r.log.Error("config error", "trigger", trigger, "err", line)
	}
	if trigger != triggerCommand && r.notify != nil {
		r.notify(ctx, "notify.reload_failed", "Errors", text)
	}
	return err
}

// scrub removes bot tokens from an error meant for logs and chats: a YAML
// type error quotes the offending value, and ${TELEGRAM_BOT_TOKEN} may have
// been expanded into the wrong key.
func (r *reloader) scrub(err error) error {
	text := err.Error()
	msg := briefbot.ErrorMessage(err)
	changed := false
	for _, s := range r.secrets() {
		if s != "" && (strings.Contains(text, s) || strings.Contains(msg, s)) {
			text, msg, changed = strings.ReplaceAll(text, s, "[REDACTED]"), strings.ReplaceAll(msg, s, "[REDACTED]"), true
		}
	}
	if !changed {
		return err
	}
	if code := briefbot.ErrorCode(err); code != briefbot.EINTERNAL {
		return &briefbot.Error{Code: code, Message: msg}
	}
	return errors.New(text)
}

func (r *reloader) secrets() []string {
	s := []string{r.cur.Load().Telegram.Token, r.cur.Load().Telegram.Webhook.SecretToken}
	if v, ok := os.LookupEnv(config.TokenEnv); ok {
		s = append(s, v)
	}
	return s
}

// feedDiff names the feeds a reload adds and removes.
func feedDiff(old, cfg *config.Config) (added, removed []string) {
	was := map[string]bool{}
	for _, f := range old.Feeds {
		was[f.Name] = true
	}
	for _, f := range cfg.Feeds {
		if !was[f.Name] {
			added = append(added, f.Name)
		}
		delete(was, f.Name)
	}
	for _, f := range old.Feeds {
		if was[f.Name] {
			removed = append(removed, f.Name)
		}
	}
	return added, removed
}

// needsRestart lists the changed keys a running daemon does not pick up:
// they were used once, to build a client, a listener, a limiter.
func needsRestart(old, cfg *config.Config) []string {
	var keys []string
	for _, c := range []struct {
		key      string
		was, now any
	}{
		{"telegram", old.Telegram, cfg.Telegram},
		{"database", old.Database, cfg.Database},
		{"timezone", old.Timezone, cfg.Timezone},
		{"http", old.HTTP, cfg.HTTP},
		{"log", old.Log, cfg.Log},
		{"fetch", old.Fetch, cfg.Fetch},
		{"digest", old.Digest, cfg.Digest},
		{"delivery", old.Delivery, cfg.Delivery},
		{"search", old.Search, cfg.Search},
		{"retention", old.Retention, cfg.Retention},
	} {
		if !reflect.DeepEqual(c.was, c.now) {
			keys = append(keys, c.key)
		}
	}
	return keys
}

// watch reloads when the config file changes, until ctx ends. It watches the
// file's folder, not the file: editors and config managers replace a file by
// renaming a new one over it, which ends a watch on the old inode.
func (r *reloader) watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch config: %w", err)
	}
	defer w.Close()
	dir, base := filepath.Dir(r.path), filepath.Base(r.path)
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("watch config %s: %w", dir, err)
	}
	if r.watching != nil {
		r.watching()
	}
	// An edit saved between start-up's read of the file and now raised no
	// event: catch it up (an unchanged file is a no-op).
	_ = r.reload(ctx, triggerFile, false)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			// ..data is the symlink Kubernetes swaps to update a mounted
			// ConfigMap; the file itself never changes name.
			if name := filepath.Base(ev.Name); (name == base || name == "..data") && !ev.Has(fsnotify.Chmod) {
				timer.Reset(reloadDebounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			r.log.Warn("config watch", "err", err)
		case <-timer.C:
			_ = r.reload(ctx, triggerFile, false) // reload logs and notifies
		}
	}
}
