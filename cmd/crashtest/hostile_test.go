package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"
)

// TestHostileBodies: the hostile bodies are what the adversarial run served
// (under the 16 MiB fetch.max_bytes, so limits other than size must catch
// them), and the healthy feeds list their waves.
func TestHostileBodies(t *testing.T) {
	now := time.Now()
	if b := templatedFeed(60_000, now); len(b) > 16<<20 || len(b) < 15_000_000 || bytes.Count(b, []byte("<item>")) != 60_000 {
		t.Errorf("templated feed: %d bytes, %d items; want 60,000 items in 15 MB–16 MiB", len(b), bytes.Count(b, []byte("<item>")))
	}
	if b := nestedFeed(15 << 20); len(b) > 15<<20 || bytes.Count(b, []byte("<x:ab>")) < 1_000_000 {
		t.Errorf("nested feed: %d bytes, %d elements", len(b), bytes.Count(b, []byte("<x:ab>")))
	}
	bomb, err := gzipBomb(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(bomb))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil || n < 64<<20 || len(bomb) > 1<<20 {
		t.Errorf("bomb: %d bytes expand to %d (%v)", len(bomb), n, err)
	}
	for wave, want := range map[int]int{1: 2, 2: 4} {
		if got := bytes.Count(healthyFeed(feedHealthyB, wave, now), []byte("<item>")); got != want {
			t.Errorf("healthy-b wave %d lists %d reports, want %d", wave, got, want)
		}
	}
}
