package db

import (
	"context"
	"log/slog"
	"os"
	"strings"
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
	qs := strings.Split(os.Getenv("STAGE_Q"), ",")
	var sumOld, sumNew time.Duration
	for _, q := range qs {
		_, words := parseQuery(q)
		fts, _ := matchExprs(words)
		if fts == "" {
			continue
		}
		bo, bn, bho, bhn := time.Hour, time.Hour, time.Hour, time.Hour
		var no, nn int
		for range 5 {
			t0 := time.Now()
			a, _ := d.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ? ORDER BY rowid DESC LIMIT 300`, fts)
			t1 := time.Now()
			b, _ := d.newest(ctx, "story_fts", fts, 300)
			t2 := time.Now()
			if len(a) > 0 {
				d.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ? AND rowid BETWEEN ? AND ?`, "{headline} : ("+fts+")", a[len(a)-1], a[0])
			}
			t3 := time.Now()
			if len(b) > 0 {
				cands, byID := []*candidate{}, map[int64]*candidate{}
				for _, id := range b {
					c := &candidate{storyID: id, briefID: id}
					cands = append(cands, c)
					byID[id] = c
				}
				d.boostHeadlines(ctx, cands, byID, b, words)
			}
			t4 := time.Now()
			bo, bn, bho, bhn = min(bo, t1.Sub(t0)), min(bn, t2.Sub(t1)), min(bho, t3.Sub(t2)), min(bhn, t4.Sub(t3))
			no, nn = len(a), len(b)
		}
		sumOld += bo + bho
		sumNew += bn + bhn
		t.Logf("%-24s old %3d %9s +h %9s | new %3d %9s +h %9s", q, no, bo, bho, nn, bn, bhn)
	}
	t.Logf("sum old %s new %s", sumOld, sumNew)
}

func TestStageSearch(t *testing.T) {
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
	for _, q := range strings.Split(os.Getenv("STAGE_Q"), ",") {
		_, words := parseQuery(q)
		b := [3]time.Duration{time.Hour, time.Hour, time.Hour}
		for range 5 {
			t0 := time.Now()
			ids, _ := d.candidates(ctx, words)
			t1 := time.Now()
			cands, _ := d.rankCandidates(ctx, ids, words)
			t2 := time.Now()
			for _, c := range cands[:min(10, len(cands))] {
				d.fillHit(ctx, c, words)
			}
			t3 := time.Now()
			b = [3]time.Duration{min(b[0], t1.Sub(t0)), min(b[1], t2.Sub(t1)), min(b[2], t3.Sub(t2))}
		}
		t.Logf("%-24s cands %9s rank %9s fill %9s", q, b[0], b[1], b[2])
	}
}
