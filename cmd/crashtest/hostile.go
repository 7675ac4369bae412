package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// HostileOptions configures one run of the real binary against hostile
// feeds.
type HostileOptions struct {
	// Short is the CI form: 10,000 bulletins instead of 60,000, fewer
	// chats, fetch.timeout 10 s; times are printed, not asserted.
	Short    bool
	Bins     *Binaries
	Dir      string
	Progress func(format string, args ...any)
}

// hostile run sizes.
type hostileSize struct {
	templated, private, groups int
	fetchTimeout               time.Duration
	wave2After                 time.Duration // when healthy-b's later reports appear
	wait                       time.Duration // give up after this long
}

var (
	hostileFull  = hostileSize{templated: 60_000, private: 50, groups: 10, fetchTimeout: 30 * time.Second, wave2After: 10 * time.Second, wait: 4 * time.Minute}
	hostileShort = hostileSize{templated: 10_000, private: 10, groups: 2, fetchTimeout: 10 * time.Second, wave2After: 5 * time.Second, wait: 45 * time.Second}
)

// RunHostile starts the fake Bot API, the hostile feed server and the real
// briefbot, and measures until every chat has every healthy brief and every
// hostile feed's fetch has ended (stored, or failed with its error): the
// bot's peak RSS, the longest hold of its pipeline lock (its /metrics),
// the time to the first healthy brief, and the panics in its log.
func RunHostile(ctx context.Context, opts HostileOptions) (*HostileResult, error) {
	if opts.Bins == nil || opts.Dir == "" {
		return nil, errors.New("hostile: need Bins and Dir")
	}
	size := hostileFull
	if opts.Short {
		size = hostileShort
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	start := time.Now()
	files := newWorkFiles(opts.Dir)
	cs := &children{}
	defer cs.killAll()
	res := &HostileResult{Short: opts.Short, Templated: size.templated, Chats: size.private + size.groups,
		FetchTimeout: size.fetchTimeout, Outcomes: map[string]string{}}

	feeds, err := startHostileServer(size.templated)
	if err != nil {
		return nil, err
	}
	defer feeds.close()
	fake, err := startFake(ctx, cs, opts.Bins.Fake, botToken, files.fakeLog)
	if err != nil {
		return nil, err
	}
	if err := prepareChats(ctx, files.db, size.private, size.groups); err != nil {
		return nil, err
	}
	metricsAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	if err := writeHostileConfig(files.config, fake.url, files.db, metricsAddr, feeds, size); err != nil {
		return nil, err
	}
	logf("feeds at %s (templated %.1f MB, nested %.1f MB, bomb %d KB gzipped); %d chats; fake at %s",
		feeds.url, mb(len(feeds.body[feedTemplated])), mb(len(feeds.body[feedNested])), len(feeds.body[feedBomb])>>10, res.Chats, fake.url)

	botLog := files.botLog(0, "hostile")
	botStart := time.Now()
	p, err := cs.start("briefbot run", opts.Bins.Bot, []string{"run", "-config", files.config}, botLog, nil)
	if err != nil {
		return nil, err
	}
	rs := startRSSSampler(ctx, p.cmd.Process.Pid, 100*time.Millisecond)
	wave2 := time.AfterFunc(size.wave2After, feeds.startWave2)
	defer wave2.Stop()

	chats := chatIDs(size.private, size.groups)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	lastLog := time.Now()
	for {
		got, err := healthyReceived(ctx, fake, chats)
		if err != nil {
			return nil, err
		}
		res.tally(got, chats, botStart, feeds.wave2Served())
		readOutcomes(botLog, res.Outcomes)
		healthy := res.HealthyGot == res.HealthyWant
		done := healthy && len(res.Outcomes) == len(hostileFeeds)
		switch {
		case done:
		case p.exited():
			res.Note = fmt.Sprintf("bot exited by itself: status %d (see %s)", exitCode(p.err), botLog)
		case time.Since(botStart) > size.wait && healthy:
			done = true // Failures judges the hostile fetches still running
		case time.Since(botStart) > size.wait:
			res.Note = fmt.Sprintf("gave up after %s: %d/%d healthy briefs, feeds done %v", size.wait, res.HealthyGot, res.HealthyWant, keys(res.Outcomes))
		}
		if done || res.Note != "" {
			break
		}
		if time.Since(lastLog) >= 5*time.Second {
			logf("healthy briefs %d/%d, hostile feeds done %v", res.HealthyGot, res.HealthyWant, keys(res.Outcomes))
			lastLog = time.Now()
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			rs.finish()
			return nil, ctx.Err()
		}
	}
	res.Measured = time.Since(botStart)
	if !p.exited() {
		res.LockHoldMax, res.HeldStories, err = scrapeMetrics(ctx, metricsAddr)
		if err != nil {
			res.Note = strings.TrimSpace(res.Note + " " + err.Error())
		}
	}
	rs.read()
	res.Code, res.Exited, res.Took = p.terminate(ctx)
	res.PeakKB, _, res.RSSReadings = rs.finish()
	res.Panics, res.PanicLines = countPanics(botLog)
	if st, err := fake.stats(ctx); err == nil {
		res.Sent = st.Sent
	}
	res.Wall = time.Since(start)
	logf("done: %d/%d healthy briefs, peak RSS %.1f MB, exit %d", res.HealthyGot, res.HealthyWant, float64(res.PeakKB)/1024, res.Code)
	return res, nil
}

func mb(n int) float64 { return float64(n) / (1 << 20) }

func chatIDs(private, groups int) []int64 {
	var ids []int64
	for id := int64(1); id <= int64(private); id++ {
		ids = append(ids, id)
	}
	for id := int64(-1); id >= -int64(groups); id-- {
		ids = append(ids, id)
	}
	return ids
}

// freeAddr is a loopback address nothing listens on (for http.listen).
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// healthyReceived is, per chat, when each healthy story's brief was accepted
// (by its marker), for the messages sent so far.
func healthyReceived(ctx context.Context, fake *fakeAPI, chats []int64) (map[int64]map[int]time.Time, error) {
	msgs, err := fake.allMessages(ctx)
	if err != nil {
		return nil, err
	}
	want := map[int64]bool{}
	for _, id := range chats {
		want[id] = true
	}
	got := map[int64]map[int]time.Time{}
	for _, m := range msgs {
		if !want[m.ChatID] {
			continue
		}
		for i, s := range healthyStories {
			if strings.Contains(m.Text, s.marker) {
				if got[m.ChatID] == nil {
					got[m.ChatID] = map[int]time.Time{}
				}
				if _, seen := got[m.ChatID][i]; !seen {
					got[m.ChatID][i] = m.At
				}
			}
		}
	}
	return got, nil
}

// The log lines that end a feed's fetch: stored, or failed with an error.
var (
	fetchedLine = regexp.MustCompile(`msg="feed fetched" feed=(\S+)(.*)`)
	failedLine  = regexp.MustCompile(`msg="fetch failed" feed=(\S+) err="?((?:[^"\\]|\\.)*)`)
)

// readOutcomes records, per hostile feed, how its first fetch ended.
func readOutcomes(path string, out map[string]string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := fetchedLine.FindStringSubmatch(line); m != nil && isHostile(m[1]) {
			if _, ok := out[m[1]]; !ok {
				out[m[1]] = "stored:" + m[2]
			}
		} else if m := failedLine.FindStringSubmatch(line); m != nil && isHostile(m[1]) {
			if _, ok := out[m[1]]; !ok {
				out[m[1]] = "refused: " + m[2]
			}
		}
	}
}

func isHostile(name string) bool {
	for _, h := range hostileFeeds {
		if h == name {
			return true
		}
	}
	return false
}

// countPanics counts the lines of the bot's log that tell of a panic: the
// runtime's own, or one a recover caught and logged.
func countPanics(path string) (int, []string) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.Contains(strings.ToLower(sc.Text()), "panic") {
			lines = append(lines, sc.Text())
		}
	}
	return len(lines), lines
}

// scrapeMetrics reads the longest pipeline-lock hold and the stories held
// back from the bot's /metrics.
func scrapeMetrics(ctx context.Context, addr string) (time.Duration, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, fmt.Errorf("scrape /metrics: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, 0, fmt.Errorf("scrape /metrics: %w", err)
	}
	var hold time.Duration
	held := 0
	for _, line := range strings.Split(string(body), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			continue
		}
		switch {
		case name == "briefbot_pipeline_lock_hold_max_seconds":
			hold = time.Duration(v * float64(time.Second))
		case strings.HasPrefix(name, "briefbot_stories_held_total{"):
			held += int(v)
		}
	}
	return hold, held, nil
}

// writeHostileConfig points the bot at every feed: each fetched at start
// only, but healthy-b, which is fetched every 5 s so that its later
// reports arrive while the flood is being sent.
func writeHostileConfig(path, apiURL, dbPath, metricsAddr string, feeds *hostileServer, size hostileSize) error {
	var fl strings.Builder
	for _, name := range []string{feedTemplated, feedNested, feedBomb, feedTrickle, feedHealthyA, feedHealthyB} {
		schedule := "0 0 1 1 *"
		if name == feedHealthyB {
			schedule = "@every 5s"
		}
		fmt.Fprintf(&fl, "  - {name: %s, url: %q, topics: [%s], language: ja, schedule: %q, backlog: all}\n",
			name, feeds.feedURL(name), topic, schedule)
	}
	cfg := fmt.Sprintf(`telegram:
  token: %q
  api_url: %s
  instance_check: 0s
database:
  path: %s
timezone: Asia/Tokyo
http:
  listen: %q
log:
  format: text
  level: info
topics:
  - {name: %s, title: 国際, hashtag: 国際}
feeds:
%sfetch:
  timeout: %s
  allow_private_addresses: true
digest:
  settle: 1ms
delivery:
  global_per_second: 30
`, botToken, apiURL, strconv.Quote(dbPath), metricsAddr, topic, fl.String(), size.fetchTimeout)
	return os.WriteFile(path, []byte(cfg), 0o600)
}

func keys(m map[string]string) []string {
	var out []string
	for _, h := range hostileFeeds {
		if _, ok := m[h]; ok {
			out = append(out, h)
		}
	}
	return out
}
