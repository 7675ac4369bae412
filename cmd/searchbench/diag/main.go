// Command diag times the raw search statements (temporary).
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"briefbot"
	"briefbot/db"
)

func rows(d *db.DB, q string, args ...any) ([]int64, time.Duration) {
	t := time.Now()
	r, err := d.SQL().Query(q, args...)
	if err != nil {
		panic(err)
	}
	var out []int64
	for r.Next() {
		var id int64
		r.Scan(&id)
		out = append(out, id)
	}
	r.Close()
	return out, time.Since(t)
}

func main() {
	ctx := context.Background()
	d, err := db.Open(ctx, os.Args[1], db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		panic(err)
	}
	for _, e := range []struct{ text, fts string }{
		{"北海道新聞 ヨーロッパ", `"北海 海道 道新 新聞" AND "ヨー ーロ ロッ ッパ"`},
		{"外部 ニュージーランド", `"外部" AND "ニュ ュー ージ ジー ーラ ラン ンド"`},
		{"読売新聞社 徳島銀行", `"読売 売新 新聞 聞社" AND "徳島 島銀 銀行"`},
		{"リオデジャネイロオリンピック", `"リオ オデ デジ ジャ ャネ ネイ イロ ロオ オリ リン ンピ ピッ ック"`},
		{"ニュージーランド", `"ニュ ュー ージ ジー ーラ ラン ンド"`},
		{"外部", `"外部"`},
	} {
		for range 2 {
			ids, t1 := rows(d, `SELECT rowid FROM story_fts WHERE story_fts MATCH ? ORDER BY rowid DESC LIMIT 300`, e.fts)
			var t2 time.Duration
			if len(ids) > 0 {
				_, t2 = rows(d, `SELECT rowid FROM story_fts WHERE story_fts MATCH ? AND rowid BETWEEN ? AND ?`, "{headline} : ("+e.fts+")", ids[len(ids)-1], ids[0])
			}
			var cnt int64
			t3 := time.Now()
			d.SQL().QueryRow(`SELECT count(*) FROM story_fts WHERE story_fts MATCH ?`, e.fts).Scan(&cnt)
			t4 := time.Now()
			r, _ := d.Search(ctx, briefbot.SearchQuery{Text: e.text, Limit: 10})
			fmt.Printf("%s: cands %d in %s, headline %s, count %d in %s, Search total %d in %s\n", e.text, len(ids), t1, t2, cnt, t4.Sub(t3), r.Total, time.Since(t4))
		}
	}
}
