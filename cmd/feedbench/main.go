// Command feedbench measures the feed fetcher against local servers:
//
//	(a) one large generated feed (10,000 Japanese items, ~20 MB) fetched and
//	    parsed through feed.Fetcher, reported as items/s, then stored through
//	    db.SavePosts (parse-only vs parse+dedupe+store in the same run), and
//	    search indexing timed on its own line;
//	(b) one polling round over many small feeds spread across loopback
//	    addresses 127.0.0.1–127.0.0.N, with varied latency and injected
//	    failures (500s and hangs), reported as wall time, outcome counts,
//	    per-host peak concurrency and peak RSS.
//
// Everything runs in this process (servers included), so the RSS figures are
// an upper bound for the fetcher alone. Flags shrink the run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"briefbot"
	"briefbot/feed"
)

func main() {
	var (
		items       = flag.Int("items", 10_000, "items in the large feed of part (a)")
		runs        = flag.Int("runs", 3, "fetches of the large feed in part (a)")
		feeds       = flag.Int("feeds", 1000, "small feeds in part (b)")
		hosts       = flag.Int("hosts", 50, "loopback addresses serving part (b)")
		feedItems   = flag.Int("feed-items", 20, "items per small feed")
		concurrency = flag.Int("concurrency", 32, "fetches in flight in part (b)")
		perHost     = flag.Int("per-host", 2, "feed.Options.PerHost")
		maxLatency  = flag.Duration("max-latency", 200*time.Millisecond, "upper bound of injected server latency")
		failRate    = flag.Float64("fail", 0.05, "fraction of feeds that fail (half 500s, half hangs)")
		timeout     = flag.Duration("timeout", 2*time.Second, "fetch timeout in part (b)")
		skipA       = flag.Bool("skip-large", false, "skip part (a)")
		indexN      = flag.Int("index", 2000, "stories indexed for search in part (a)")
	)
	flag.Parse()
	ctx := context.Background()

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	defer tw.Flush()
	fmt.Fprintf(tw, "measure\tvalue\t\n")

	if !*skipA {
		if err := large(ctx, tw, *items, *runs, *indexN); err != nil {
			log.Fatalf("large feed: %v", err)
		}
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
	}
	if *feeds > 0 {
		cfg := roundConfig{feeds: *feeds, hosts: *hosts, items: *feedItems, concurrency: *concurrency,
			perHost: *perHost, maxLatency: *maxLatency, failRate: *failRate, timeout: *timeout}
		if err := round(ctx, tw, cfg); err != nil {
			log.Fatalf("round: %v", err)
		}
	}
}

// large is part (a): the parse throughput of one big feed through Fetch.
func large(ctx context.Context, tw *tabwriter.Writer, items, runs, indexN int) error {
	body := japaneseRSS("large", items, 5)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(body)
	})}
	go srv.Serve(ln)
	defer srv.Close()

	// Every item is read: the entry and element limits would cut the
	// measured feed to the daemon's first 2,000 entries.
	f := feed.New(feed.Options{AllowPrivate: true, MaxBytes: 256 << 20, MaxTotalBytes: 256 << 20, Timeout: 5 * time.Minute,
		Limits: feed.Limits{MaxEntries: items, MaxElements: 100 * items}})
	url := "http://" + ln.Addr().String() + "/large.xml"
	var times []time.Duration
	var posts int
	var last []briefbot.Post
	cpu0 := cpuTime()
	for range runs {
		start := time.Now()
		res, err := f.Fetch(ctx, briefbot.FetchRequest{URL: url, Language: "ja"})
		if err != nil {
			return err
		}
		times = append(times, time.Since(start))
		posts = len(res.Posts)
		last = res.Posts
	}
	cpu := (cpuTime() - cpu0) / time.Duration(runs)
	slices.Sort(times)
	med := times[len(times)/2]
	fmt.Fprintf(tw, "(a) feed size\t%.1f MB, %d items\t\n", float64(len(body))/(1<<20), items)
	fmt.Fprintf(tw, "(a) fetch+parse, median of %d\t%v\t\n", runs, med.Round(time.Millisecond))
	fmt.Fprintf(tw, "(a) throughput\t%.0f items/s, %.1f MB/s\t\n", float64(posts)/med.Seconds(), float64(len(body))/(1<<20)/med.Seconds())
	fmt.Fprintf(tw, "(a) CPU time per fetch (user+sys, all threads)\t%v → %.0f items per CPU-second\t\n", cpu.Round(time.Millisecond), float64(posts)/cpu.Seconds())
	fmt.Fprintf(tw, "(a) peak RSS (VmHWM)\t%s\t\n", peakRSS())
	return store(ctx, tw, last, med, indexN)
}

type roundConfig struct {
	feeds, hosts, items, concurrency, perHost int
	maxLatency, timeout                       time.Duration
	failRate                                  float64
}

// hostStats counts requests in flight on one loopback address.
type hostStats struct {
	cur, peak atomic.Int32
}

func (h *hostStats) enter() {
	n := h.cur.Add(1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
}

// round is part (b): one full polling round over many feeds and hosts.
func round(ctx context.Context, tw *tabwriter.Writer, cfg roundConfig) error {
	if cfg.hosts < 1 || cfg.hosts > 254 {
		return fmt.Errorf("hosts must be 1–254, got %d", cfg.hosts)
	}
	// A handful of distinct bodies keeps the servers' memory out of the way.
	const templates = 16
	bodies := make([][]byte, templates)
	for i := range bodies {
		bodies[i] = japaneseRSS(fmt.Sprintf("t%d", i), cfg.items, 2)
	}

	stats := make([]*hostStats, cfg.hosts)
	addrs := make([]string, cfg.hosts)
	var servers []*http.Server
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
	for h := range cfg.hosts {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", h+1))
		if err != nil {
			return fmt.Errorf("listen on 127.0.0.%d: %w", h+1, err)
		}
		st := &hostStats{}
		stats[h], addrs[h] = st, ln.Addr().String()
		srv := &http.Server{Handler: feedHandler(st, bodies, cfg)}
		servers = append(servers, srv)
		go srv.Serve(ln)
	}

	f := feed.New(feed.Options{AllowPrivate: true, PerHost: cfg.perHost, Timeout: cfg.timeout})
	type outcome struct {
		posts   int
		status  int
		timeout bool
		err     error
		took    time.Duration
	}
	results := make([]outcome, cfg.feeds)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range cfg.concurrency {
		wg.Go(func() {
			for i := range jobs {
				url := fmt.Sprintf("http://%s/feed/%d.xml", addrs[i%cfg.hosts], i)
				t0 := time.Now()
				res, err := f.Fetch(ctx, briefbot.FetchRequest{URL: url, Language: "ja"})
				o := outcome{took: time.Since(t0), err: err}
				var fe *briefbot.FetchError
				switch {
				case err == nil:
					o.posts = len(res.Posts)
				case errors.As(err, &fe):
					o.status = fe.StatusCode
					o.timeout = errors.Is(err, context.DeadlineExceeded)
				}
				results[i] = o
			}
		})
	}
	for i := range cfg.feeds {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	wall := time.Since(start)

	var ok, s500, timeouts, other, posts int
	var lat []time.Duration
	for _, o := range results {
		lat = append(lat, o.took)
		switch {
		case o.err == nil:
			ok++
			posts += o.posts
		case o.status == http.StatusInternalServerError:
			s500++
		case o.timeout:
			timeouts++
		default:
			other++
			if other <= 3 {
				log.Printf("unexpected error: %v", o.err)
			}
		}
	}
	slices.Sort(lat)
	var peak int32
	for _, s := range stats {
		peak = max(peak, s.peak.Load())
	}
	fmt.Fprintf(tw, "(b) feeds × hosts\t%d × %d (127.0.0.1–127.0.0.%d)\t\n", cfg.feeds, cfg.hosts, cfg.hosts)
	fmt.Fprintf(tw, "(b) concurrency / per-host limit\t%d / %d\t\n", cfg.concurrency, cfg.perHost)
	fmt.Fprintf(tw, "(b) wall time, one round\t%v\t\n", wall.Round(time.Millisecond))
	fmt.Fprintf(tw, "(b) ok / 500 / timeout / other\t%d / %d / %d / %d\t\n", ok, s500, timeouts, other)
	fmt.Fprintf(tw, "(b) posts parsed\t%d\t\n", posts)
	fmt.Fprintf(tw, "(b) fetch latency p50 / p95 / max\t%v / %v / %v\t\n",
		lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*95/100].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	// Counted by the server: a hung request the client has given up on
	// stays counted until the server sees its connection close, so a
	// limit of 2 can show as 3 for an instant.
	fmt.Fprintf(tw, "(b) peak in flight on one host (server's count)\t%d\t\n", peak)
	fmt.Fprintf(tw, "(b) peak RSS (VmHWM)\t%s\t\n", peakRSS())
	return nil
}

// feedHandler serves /feed/N.xml with a latency and fate fixed by N, so runs
// are repeatable: most feeds answer after 0–maxLatency, a few return 500 and
// a few hang past the client's timeout.
func feedHandler(st *hostStats, bodies [][]byte, cfg roundConfig) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st.enter()
		defer st.cur.Add(-1)
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/feed/"), "%d", &n)
		h := splitmix(uint64(n))
		fate := float64(h%10_000) / 10_000
		latency := time.Duration(0)
		if cfg.maxLatency > 0 {
			latency = time.Duration((h >> 16) % uint64(cfg.maxLatency+1))
		}
		switch {
		case fate < cfg.failRate/2:
			sleep(r.Context(), latency)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		case fate < cfg.failRate:
			sleep(r.Context(), 2*cfg.timeout) // hang until the client gives up
			return
		}
		sleep(r.Context(), latency)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(bodies[n%len(bodies)])
	})
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// peakRSS reads the process's high-water resident set from /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "n/a"
}

// cpuTime is the process's user+system CPU time so far: on a shared machine
// it says what the work cost when wall time says how busy the neighbours were.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS restarts VmHWM (Linux ≥ 4.0) so part (b) reports its own peak.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

var paragraphs = []string{
	"アメリカのトランプ大統領とロシアのプーチン大統領は4日、ウクライナ情勢などをめぐって電話会談を行いました。",
	"トランプ大統領は「よい会談だったが、すぐに和平につながるようなものではなかった」としています。",
	"バチカン（ローマ教皇庁）は4日、ローマ教皇レオ14世がロシアのプーチン大統領と初めて会談したと発表した。",
	"ロシア軍はスムイ州のコンドラトフカ村及びドネツク民共和国のレドコドゥブ村を解放した。",
	"北大西洋条約機構（NATO）は5日、ブリュッセルで国防相会合を開き、防衛費の新たな目標について協議する。",
}

// japaneseRSS builds an RSS feed of n aggregator-style items, each quoting
// two sources of perQuote paragraphs (perQuote 5 gives ~2 KB per item).
func japaneseRSS(name string, n, perQuote int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>ベンチ %s</title><link>https://bench.example.jp/%s/</link><ttl>15</ttl>`+"\n", name, name)
	base := time.Date(2025, 6, 4, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>国際ニュース 第%d報 ウクライナ情勢</title><link>https://bench.example.jp/%s/news/%d.html?utm_source=rss</link>", i, name, i)
		fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s-%d</guid><pubDate>%s</pubDate><description><![CDATA[", name, i, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
		fmt.Fprintf(&b, `<blockquote cite="https://www3.nhk.or.jp/news/html/%d.html">`, i)
		for j := range perQuote {
			b.WriteString("<p>" + paragraphs[(i+j)%len(paragraphs)] + "</p>")
		}
		fmt.Fprintf(&b, `<cite><a href="https://www3.nhk.or.jp/news/html/%d.html">NHK</a></cite></blockquote><blockquote>`, i)
		for j := perQuote; j < 2*perQuote; j++ {
			b.WriteString("<p>" + paragraphs[(i+j)%len(paragraphs)] + "</p>")
		}
		b.WriteString("</blockquote>]]></description></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}
