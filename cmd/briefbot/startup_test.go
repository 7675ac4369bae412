package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/db"
	"briefbot/internal/telegramtest"
)

const startupToken = "123456:STARTUP-TOKEN"

// startupConfig writes a config whose database lives in dir and returns its
// path; extra is appended as more top-level keys.
func startupConfig(t *testing.T, dir, token, apiURL, extra string) string {
	t.Helper()
	sample, err := filepath.Abs("../../examples/sample-feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`
telegram:
  token: %q
  api_url: %s
  instance_check: 0s  # 5 s a start; TestSecondInstanceRefusesToStart covers it
database:
  path: bot.db
http:
  listen: ""
topics:
  - {name: world}
feeds:
  - {name: sample, url: %s, topics: [world], backlog: all, schedule: "0 0 1 1 *"}
%s`, token, apiURL, sample, extra)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// takenAddr returns an address some listener holds for the test's life.
func takenAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// sqlExec runs statements on the database file before the daemon opens it.
func sqlExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	d, err := sql.Open("sqlite3", db.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, q := range stmts {
		if _, err := d.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestStartupErrors makes each start-up step fail in turn: the command must
// print the cause, exit 1, not panic, and leave the database unlocked.
func TestStartupErrors(t *testing.T) {
	tg := telegramtest.New(telegramtest.Options{Token: startupToken})
	t.Cleanup(tg.Close)
	// failChats makes every new chat fail to save, as a full or broken
	// disk would, in a database the daemon made.
	failChats := func(t *testing.T, dir string) {
		d, err := db.Open(context.Background(), filepath.Join(dir, "bot.db"), quietDB())
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		sqlExec(t, filepath.Join(dir, "bot.db"),
			`CREATE TRIGGER no_chats BEFORE INSERT ON chats BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
	}

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) []string // returns the run arguments
		want  []string
		// freeAfter: the daemon opened the database, so it must have
		// closed it and released the lock.
		freeAfter bool
	}{
		{
			name: "config missing",
			setup: func(t *testing.T, dir string) []string {
				return []string{"run", "-config", filepath.Join(dir, "none.yaml")}
			},
			want: []string{"read config", "no such file"},
		},
		{
			name: "database folder missing",
			setup: func(t *testing.T, dir string) []string {
				path := startupConfig(t, dir, "", tg.URL(), "")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, bytes.Replace(b, []byte("path: bot.db"), []byte("path: gone/bot.db"), 1), 0o600)
				return []string{"run", "-config", path}
			},
			want: []string{"open database", "gone/bot.db"},
		},
		{
			name: "database held by another process",
			setup: func(t *testing.T, dir string) []string {
				path := startupConfig(t, dir, "", tg.URL(), "")
				other, err := db.Open(context.Background(), filepath.Join(dir, "bot.db"), quietDB())
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { other.Close() })
				return []string{"run", "-config", path}
			},
			want: []string{"open database", "in use by another briefbot process (pid"},
		},
		{
			name: "migration fails",
			setup: func(t *testing.T, dir string) []string {
				// A file some other program made: its feeds table is not ours.
				sqlExec(t, filepath.Join(dir, "bot.db"), `CREATE TABLE feeds (x)`)
				return []string{"run", "-config", startupConfig(t, dir, "", tg.URL(), "")}
			},
			want: []string{"open database", "migrate", "0001_init.sql", "table feeds already exists"},
		},
		{
			name: "telegram refuses the token",
			setup: func(t *testing.T, dir string) []string {
				return []string{"run", "-config", startupConfig(t, dir, "999:WRONG-TOKEN", tg.URL(), "")}
			},
			want:      []string{"connect to telegram", "Unauthorized"},
			freeAfter: true,
		},
		{
			name: "telegram unreachable",
			setup: func(t *testing.T, dir string) []string {
				return []string{"run", "-config", startupConfig(t, dir, startupToken, "http://"+closedAddr(t), "")}
			},
			want:      []string{"connect to telegram", "connection refused"},
			freeAfter: true,
		},
		{
			name: "telegram host unknown",
			setup: func(t *testing.T, dir string) []string {
				return []string{"run", "-config", startupConfig(t, dir, startupToken, "http://briefbot-test.invalid", "")}
			},
			want:      []string{"connect to telegram", "briefbot-test.invalid"},
			freeAfter: true,
		},
		{
			name: "webhook address taken",
			setup: func(t *testing.T, dir string) []string {
				path := startupConfig(t, dir, startupToken, tg.URL(), "")
				b, _ := os.ReadFile(path)
				b = bytes.Replace(b, []byte("database:"), []byte(fmt.Sprintf(
					"  webhook: {listen: %q, public_url: \"https://bot.example.org/hook\", secret_token: s3cret}\ndatabase:", takenAddr(t))), 1)
				os.WriteFile(path, b, 0o600)
				return []string{"run", "-config", path}
			},
			want:      []string{"webhook listen", "address already in use"},
			freeAfter: true,
		},
		{
			name: "health address taken",
			setup: func(t *testing.T, dir string) []string {
				path := startupConfig(t, dir, startupToken, tg.URL(), "")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, bytes.Replace(b, []byte(`listen: ""`), []byte(fmt.Sprintf("listen: %q", takenAddr(t))), 1), 0o600)
				return []string{"run", "-config", path}
			},
			want:      []string{"http listen", "address already in use"},
			freeAfter: true,
		},
		{
			name: "channel setup fails",
			setup: func(t *testing.T, dir string) []string {
				failChats(t, dir)
				return []string{"run", "-config", startupConfig(t, dir, startupToken, tg.URL(),
					"channels:\n  - {chat_id: -1001234567890, topics: [world]}\n")}
			},
			want:      []string{"channel -1001234567890", "disk I/O error"},
			freeAfter: true,
		},
		{
			name: "console chat setup fails",
			setup: func(t *testing.T, dir string) []string {
				failChats(t, dir)
				return []string{"run", "-config", startupConfig(t, dir, "", tg.URL(), "")}
			},
			want:      []string{"console chat", "disk I/O error"},
			freeAfter: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := tc.setup(t, dir)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			out := stderr.String()
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
				t.Errorf("stderr shows a panic:\n%s", out)
			}
			last := lastLine(out)
			if !strings.HasPrefix(last, "briefbot: ") {
				t.Errorf("last line %q does not give the cause", last)
			}
			for _, w := range tc.want {
				if !strings.Contains(last, w) {
					t.Errorf("cause %q lacks %q", last, w)
				}
			}
			if strings.Contains(out, startupToken) {
				t.Error("stderr shows the token")
			}
			// Everything was closed again: the database is free.
			if tc.freeAfter {
				d, err := db.Open(context.Background(), filepath.Join(dir, "bot.db"), quietDB())
				if err != nil {
					t.Fatalf("database after the failed start: %v", err)
				}
				d.Close()
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func quietDB() db.Options { return db.Options{Logger: slog.New(slog.DiscardHandler)} }
