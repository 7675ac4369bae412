package db

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"
)

func TestStageTiming(t *testing.T) {
	path := os.Getenv("STAGE_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	d, err := Open(ctx, path, Options{NoLock: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, q := range []string{"外部", "北海道新聞 ヨーロッパ", "ニュージーランド", "nato", "露", "путин"} {
		for range 3 {
			_, words := parseQuery(q)
			t0 := time.Now()
			ids, _ := d.candidates(ctx, words)
			t1 := time.Now()
			cands, _ := d.rankCandidates(ctx, ids, words)
			t2 := time.Now()
			for _, c := range cands[:min(10, len(cands))] {
				d.fillHit(ctx, c, words)
			}
			t3 := time.Now()
			t.Logf("%s: cands %d %s rank %s fill %s", q, len(ids), t1.Sub(t0), t2.Sub(t1), t3.Sub(t2))
		}
	}
}
