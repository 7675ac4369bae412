package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/db"
)

// TestHealthcheck asks the live health server: ok while the database
// answers, failing once it does not, and failing when nothing listens.
func TestHealthcheck(t *testing.T) {
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "bot.db"), quietDB())
	if err != nil {
		t.Fatal(err)
	}
	addr := closedAddr(t)
	h := newHealthServer(addr, store, slog.New(slog.DiscardHandler))
	if err := h.start(); err != nil {
		t.Fatal(err)
	}
	defer h.stop()
	check := func(listen string) (int, string, string) {
		t.Helper()
		path := writeFile(t, fmt.Sprintf("http: {listen: %q}\n", listen))
		var out, errOut syncBuffer
		code := run(ctx, []string{"healthcheck", "-config", path}, &out, &errOut)
		return code, out.String(), errOut.String()
	}

	if code, out, errOut := check(addr); code != 0 || !strings.Contains(out, `"status":"ok"`) {
		t.Errorf("healthy bot: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// A bot listening on every interface is asked on loopback.
	_, port, _ := strings.Cut(addr, ":")
	if code, _, errOut := check("0.0.0.0:" + port); code != 0 {
		t.Errorf("0.0.0.0:%s: exit %d: %s", port, code, errOut)
	}
	store.Close()
	if code, _, errOut := check(addr); code != 1 || !strings.Contains(errOut, "503 Service Unavailable") {
		t.Errorf("database gone: exit %d, stderr %q; want 1 and the 503", code, errOut)
	}
	if code, _, errOut := check(closedAddr(t)); code != 1 || !strings.Contains(errOut, "connection refused") {
		t.Errorf("nothing listening: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := check(""); code != 1 || !strings.Contains(errOut, "http.listen is empty") {
		t.Errorf("no listener configured: exit %d, stderr %q", code, errOut)
	}
}

func TestHealthURL(t *testing.T) {
	for listen, want := range map[string]string{
		"127.0.0.1:9090":  "http://127.0.0.1:9090/healthz",
		"0.0.0.0:9090":    "http://127.0.0.1:9090/healthz",
		":9090":           "http://127.0.0.1:9090/healthz",
		"[::]:9090":       "http://[::1]:9090/healthz",
		"[::1]:9091":      "http://[::1]:9091/healthz",
		"bot.internal:80": "http://bot.internal:80/healthz",
	} {
		if got, err := healthURL(listen); err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", listen, got, err, want)
		}
	}
	if _, err := healthURL("9090"); err == nil {
		t.Error("healthURL(\"9090\") succeeded; want an error")
	}
}
