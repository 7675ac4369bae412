// Command searchbench builds a briefbot database of N generated stories
// (Japanese, English and Russian sentences recombined from the shared data)
// and measures /search on it: latency per query class, index size against
// text size, build time, and agreement with a reference scan on a sample.
//
//	go run -tags sqlite_fts5 ./cmd/searchbench -n 100000
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/internal/fold"
	"briefbot/internal/sharedtest"
)

func main() {
	n := flag.Int("n", 1_000_000, "stories to generate")
	nq := flag.Int("queries", 1000, "queries to time")
	sample := flag.Int("sample", 20000, "newest stories kept for the reference scan")
	path := flag.String("db", "", "database file (default: a temporary file, removed at exit)")
	reuse := flag.Bool("reuse", false, "skip generation when -db already holds the stories")
	shared := flag.String("shared", sharedtest.Dir(), "the shared data folder")
	seed := flag.Uint64("seed", 1, "generator seed")
	batch := flag.Int("batch", 2000, "stories per import transaction")
	compact := flag.Bool("compact", true, "also measure after db.CompactSearch (the hourly maintenance: about one segment per level)")
	optimize := flag.Bool("optimize", false, "also measure after FTS5 'optimize' (one segment)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.IntVar(&repeat, "repeat", 1, "time each query this many times and keep the fastest (filters out other processes' load on a shared machine)")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *n, *nq, *sample, *path, *reuse, *shared, *seed, *batch, *compact, *optimize); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(ctx context.Context, n, nq, sample int, path string, reuse bool, shared string, seed uint64, batch int, compact, optimize bool) error {
	if shared == "" {
		return fmt.Errorf("shared data folder not found: pass -shared")
	}
	if path == "" {
		dir, err := os.MkdirTemp("", "searchbench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}
	pools, err := loadPools(shared, rand.New(rand.NewPCG(seed, 99)))
	if err != nil {
		return err
	}
	start := time.Date(2025, 11, 26, 0, 0, 0, 0, time.UTC)
	gen := newGenerator(pools, seed, n, start)
	end := start.Add(366 * 24 * time.Hour)
	d, err := db.Open(ctx, path, db.Options{Now: func() time.Time { return end }, NoLock: true,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer d.Close()

	var have int
	_ = d.SQL().QueryRowContext(ctx, `SELECT count(*) FROM stories`).Scan(&have)
	var textBytes int64
	var firstID int64
	fmt.Printf("database %s\n", path)
	if !(reuse && have == n) {
		if have != 0 {
			return fmt.Errorf("%s already holds %d stories (use -reuse with the same -n)", path, have)
		}
		t := time.Now()
		stories := make([]*briefbot.Story, 0, batch)
		briefs := make([]*briefbot.Brief, 0, batch)
		for i := 0; i < n; i++ {
			doc := gen.doc(i)
			textBytes += int64(len(doc.text))
			stories, briefs = append(stories, doc.story), append(briefs, doc.brief)
			if len(stories) == batch || i == n-1 {
				if err := d.Import(ctx, stories, briefs); err != nil {
					return err
				}
				if firstID == 0 {
					firstID = stories[0].ID
				}
				stories, briefs = stories[:0], briefs[:0]
			}
			if (i+1)%(max(n/10, 1)) == 0 {
				el := time.Since(t)
				fmt.Printf("  built %d/%d in %s (%.0f stories/s)\n", i+1, n, el.Round(time.Second), float64(i+1)/el.Seconds())
			}
		}
		fmt.Printf("build: %d stories in %s (%.0f stories/s), text %.1f MB\n", n, time.Since(t).Round(time.Second),
			float64(n)/time.Since(t).Seconds(), mb(textBytes))
	} else {
		for i := 0; i < n; i++ {
			textBytes += int64(len(gen.doc(i).text))
		}
		_ = d.SQL().QueryRowContext(ctx, `SELECT min(id) FROM stories`).Scan(&firstID)
		fmt.Printf("reusing %d stories, text %.1f MB\n", n, mb(textBytes))
	}
	if err := sizes(ctx, d, path, textBytes); err != nil {
		return err
	}

	// Reference sample: the newest stories, regenerated (story i has id firstID+i).
	lo := max(0, n-sample)
	sampleText := make(map[int64]string, n-lo)
	var texts []string
	for i := lo; i < n; i++ {
		t := gen.doc(i).text
		sampleText[firstID+int64(i)] = fold.String(t)
		texts = append(texts, t)
	}
	qs := makeQueries(buildVocab(texts), nq, seed)

	if err := measure(ctx, d, qs, "as built (automerge)"); err != nil {
		return err
	}
	if err := correctness(ctx, d, qs, sampleText, firstID+int64(lo), firstID+int64(n-1)); err != nil {
		return err
	}
	if compact {
		t := time.Now()
		if err := d.CompactSearch(ctx); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		fmt.Printf("CompactSearch: %s\n", time.Since(t).Round(time.Millisecond))
		if err := sizes(ctx, d, path, textBytes); err != nil {
			return err
		}
		if err := measure(ctx, d, qs, "after CompactSearch"); err != nil {
			return err
		}
	}
	if optimize {
		t := time.Now()
		if _, err := d.SQL().ExecContext(ctx, `INSERT INTO story_fts (story_fts) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("optimize: %w", err)
		}
		fmt.Printf("optimize: %s\n", time.Since(t).Round(time.Millisecond))
		if err := sizes(ctx, d, path, textBytes); err != nil {
			return err
		}
		if err := measure(ctx, d, qs, "after optimize"); err != nil {
			return err
		}
	}
	return nil
}

// repeat is how many times measure runs each query (the fastest counts).
var repeat = 1

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// sizes prints the FTS5 index size (its shadow tables' payload) against the
// raw text it indexes, and the database file size.
func sizes(ctx context.Context, d *db.DB, path string, textBytes int64) error {
	var data, idx, docsize int64
	q := d.SQL()
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(length(block)), 0) FROM story_fts_data`).Scan(&data); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(length(term)) + 16 * count(*), 0) FROM story_fts_idx`).Scan(&idx); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(length(sz)) + 8 * count(*), 0) FROM story_fts_docsize`).Scan(&docsize); err != nil {
		return err
	}
	var chars int64
	if err := q.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(length(block)), 0) FROM story_chars_data) +
		(SELECT coalesce(sum(length(sz)) + 8 * count(*), 0) FROM story_chars_docsize)`).Scan(&chars); err != nil {
		return err
	}
	var pages, pageSize int64
	_ = q.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages)
	_ = q.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize)
	total := data + idx + docsize + chars
	fi, _ := os.Stat(path)
	var fileSize int64
	if fi != nil {
		fileSize = fi.Size()
	}
	segs, err := d.SearchSegments(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("index: %.1f MB (story_fts data %.1f, idx %.1f, docsize %.1f; story_chars %.1f) = %.2f× text %.1f MB; %d segments; db %.1f MB (%d pages), file %.1f MB\n",
		mb(total), mb(data), mb(idx), mb(docsize), mb(chars), float64(total)/float64(max(textBytes, 1)), mb(textBytes),
		segs, mb(pages*pageSize), pages, mb(fileSize))
	return nil
}

// measure times every query once through the public Search (10 hits with
// snippets, as /search shows them) and prints percentiles per class.
func measure(ctx context.Context, d *db.DB, qs []query, label string) error {
	type key struct{ class, freq string }
	lat := map[key][]time.Duration{}
	hits := map[key]int{}
	var all []time.Duration
	// Warm the page cache the way a running daemon would be.
	for _, q := range qs[:min(50, len(qs))] {
		if _, err := d.Search(ctx, briefbot.SearchQuery{Text: q.text, Limit: 10}); err != nil {
			return err
		}
	}
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r *briefbot.SearchResult
		el := time.Duration(1<<63 - 1)
		for range max(repeat, 1) {
			t := time.Now()
			res, err := d.Search(ctx, briefbot.SearchQuery{Text: q.text, Limit: 10})
			el = min(el, time.Since(t))
			if err != nil {
				return fmt.Errorf("query %q: %w", q.text, err)
			}
			r = res
		}
		for _, k := range []key{{q.class, q.freq}, {q.class, "all"}, {"ALL", "all"}} {
			lat[k] = append(lat[k], el)
			if r.Total > 0 {
				hits[k]++
			}
		}
		all = append(all, el)
	}
	fmt.Printf("\nlatency %s (%d queries, Search with 10 hits + snippets, fastest of %d)\n", label, len(all), max(repeat, 1))
	fmt.Printf("%-10s %-7s %5s %6s %9s %9s %9s %9s\n", "class", "freq", "n", "w/hits", "p50", "p95", "p99", "max")
	var keys []key
	for k := range lat {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].class != keys[j].class {
			return keys[i].class < keys[j].class
		}
		return keys[i].freq < keys[j].freq
	})
	for _, k := range keys {
		l := lat[k]
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
		fmt.Printf("%-10s %-7s %5d %6d %9s %9s %9s %9s\n", k.class, k.freq, len(l), hits[k],
			pct(l, 50), pct(l, 95), pct(l, 99), l[len(l)-1].Round(time.Microsecond))
	}
	// The slowest queries, to see what costs.
	type slow struct {
		q  query
		el time.Duration
	}
	var ss []slow
	for i, q := range qs {
		ss = append(ss, slow{q, all[i]})
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].el > ss[j].el })
	var worst []string
	for _, s := range ss[:min(5, len(ss))] {
		worst = append(worst, fmt.Sprintf("%q %s", truncate(s.q.text, 20), s.el.Round(time.Microsecond)))
	}
	fmt.Printf("slowest: %s\n", strings.Join(worst, ", "))
	return nil
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)].Round(time.Microsecond)
}

// correctness compares Search's candidate set with a reference scan of the
// sample (ids lo..hi). Search ranks only the newest 300 matches, so the
// comparison is on the id range both sides cover.
func correctness(ctx context.Context, d *db.DB, qs []query, sample map[int64]string, lo, hi int64) error {
	type agg struct{ n, exact, inter, ref, got int }
	res := map[string]*agg{}
	var misses []string
	for _, q := range qs {
		if q.class == "junk" {
			continue
		}
		got := map[int64]bool{}
		var minGot int64 = 1 << 62
		total := 0
		for off := 0; ; off += 50 {
			r, err := d.Search(ctx, briefbot.SearchQuery{Text: q.text, Offset: off, Limit: 50})
			if err != nil {
				return err
			}
			total = r.Total
			for _, h := range r.Hits {
				got[h.StoryID] = true
				minGot = min(minGot, h.StoryID)
			}
			if off+50 >= r.Total {
				break
			}
		}
		from := lo
		if total >= 300 { // capped: only the newest matches are candidates
			from = max(lo, minGot)
		}
		a := res[q.class]
		if a == nil {
			a = &agg{}
			res[q.class] = a
		}
		a.n++
		ref := 0
		inter := 0
		gotIn := 0
		for id := from; id <= hi; id++ {
			r := refMatch(sample[id], q.text)
			if r {
				ref++
			}
			if got[id] {
				gotIn++
				if r {
					inter++
				}
			}
		}
		if ref == inter && gotIn == inter {
			a.exact++
		} else if len(misses) < 8 {
			misses = append(misses, fmt.Sprintf("%s %q: ref %d, search %d, both %d", q.class, q.text, ref, gotIn, inter))
		}
		a.inter += inter
		a.ref += ref
		a.got += gotIn
	}
	fmt.Printf("\ncorrectness vs reference scan of the newest %d stories\n", hi-lo+1)
	fmt.Printf("%-10s %5s %8s %8s %9s\n", "class", "n", "exact", "recall", "precision")
	var classes []string
	for c := range res {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		a := res[c]
		fmt.Printf("%-10s %5d %7.1f%% %7.2f%% %8.2f%%\n", c, a.n, 100*float64(a.exact)/float64(a.n),
			100*ratio(a.inter, a.ref), 100*ratio(a.inter, a.got))
	}
	for _, m := range misses {
		fmt.Println("  differs:", m)
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
