package main

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"
)

// The hostile run's goals. Memory, panics and the healthy briefs are
// asserted in both forms; the times, and every hostile fetch having ended,
// only in the full run, since CI shares its two cores.
const (
	hostileRSSGoalKB = 256 * 1024
	hostileFirstGoal = 5 * time.Second        // start → first healthy brief
	hostileLockGoal  = 500 * time.Millisecond // longest pipeline-lock hold
	// hostileWave2Goal: a calm feed's 2 later reports reach every chat
	// while a flood is being sent. Rows are served fairly, not first: in
	// a group (20 messages/min, one per 3.15 s) shared by three feeds with
	// rows due, each of the calm feed's 3 pending rows (one of its first
	// fetch, the 2 new ones) waits one turn of the other two: about
	// 3 × 3 × 3.15 s = 28 s; in arrival order they would wait behind all 50
	// of the flood's, 160 s.
	hostileWave2Goal   = 30 * time.Second
	hostilePanicsShown = 5
)

// HostileResult is what one hostile run measured.
type HostileResult struct {
	Short        bool
	Templated    int
	Chats        int
	FetchTimeout time.Duration
	// Outcomes is how each hostile feed's first fetch ended, from the log.
	Outcomes    map[string]string
	HealthyWant int // chats × healthy stories
	HealthyGot  int
	// FirstHealthy: bot start → the first healthy brief accepted anywhere;
	// Wave1: → every chat had every report of the first fetches; Wave2:
	// healthy-b served its later reports → every chat had them.
	FirstHealthy, Wave1, Wave2 time.Duration
	LockHoldMax                time.Duration
	HeldStories                int
	PeakKB                     int64
	RSSReadings                int
	Panics                     int
	PanicLines                 []string
	Sent                       int
	Measured                   time.Duration // bot start → all measured
	Exited                     bool
	Code                       int
	Took                       time.Duration
	Wall                       time.Duration
	Note                       string
}

// tally reads the healthy briefs each chat received (got: chat → story
// index → accepted at).
func (r *HostileResult) tally(got map[int64]map[int]time.Time, chats []int64, start, wave2At time.Time) {
	r.HealthyWant = len(chats) * len(healthyStories)
	r.HealthyGot = 0
	var first, last1, last2 time.Time
	complete1, complete2 := true, true
	for _, c := range chats {
		for i, s := range healthyStories {
			at, ok := got[c][i]
			switch {
			case !ok && s.wave == 1:
				complete1 = false
				continue
			case !ok:
				complete2 = false
				continue
			}
			r.HealthyGot++
			if first.IsZero() || at.Before(first) {
				first = at
			}
			if s.wave == 1 && at.After(last1) {
				last1 = at
			}
			if s.wave == 2 && at.After(last2) {
				last2 = at
			}
		}
	}
	if !first.IsZero() {
		r.FirstHealthy = first.Sub(start)
	}
	if complete1 && !last1.IsZero() {
		r.Wave1 = last1.Sub(start)
	}
	if complete2 && !last2.IsZero() && !wave2At.IsZero() {
		r.Wave2 = last2.Sub(wave2At)
	}
}

// Failures lists the goals the run missed.
func (r *HostileResult) Failures() []string {
	var f []string
	if r.Panics > 0 {
		f = append(f, fmt.Sprintf("%d panics in the bot's log (goal 0)", r.Panics))
	}
	if r.HealthyGot < r.HealthyWant {
		f = append(f, fmt.Sprintf("%d of %d healthy briefs delivered", r.HealthyGot, r.HealthyWant))
	}
	if r.PeakKB > hostileRSSGoalKB {
		f = append(f, fmt.Sprintf("peak RSS %.1f MB > 256 MB", float64(r.PeakKB)/1024))
	}
	if r.RSSReadings == 0 {
		f = append(f, "no RSS reading of the bot")
	}
	if !r.Exited || r.Code != 0 {
		f = append(f, fmt.Sprintf("SIGTERM: exited=%v code=%d (want exit 0 within 30s)", r.Exited, r.Code))
	}
	if r.Note != "" {
		f = append(f, r.Note)
	}
	if r.Short {
		return f
	}
	if len(r.Outcomes) < len(hostileFeeds) {
		f = append(f, fmt.Sprintf("hostile fetches still running when the healthy briefs were in: done %v", keys(r.Outcomes)))
	}
	if r.FirstHealthy == 0 || r.FirstHealthy > hostileFirstGoal {
		f = append(f, fmt.Sprintf("first healthy brief after %s (goal ≤ %s)", r.FirstHealthy.Round(time.Millisecond), hostileFirstGoal))
	}
	if r.LockHoldMax > hostileLockGoal {
		f = append(f, fmt.Sprintf("pipeline lock held %s (goal ≤ %s)", r.LockHoldMax.Round(time.Millisecond), hostileLockGoal))
	}
	if r.Wave2 == 0 || r.Wave2 > hostileWave2Goal {
		f = append(f, fmt.Sprintf("a calm feed's later reports reached every chat after %s (goal ≤ %s)", r.Wave2.Round(time.Millisecond), hostileWave2Goal))
	}
	return f
}

// WriteHostileReport prints the hostile run's table.
func WriteHostileReport(w io.Writer, r *HostileResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, note) }
	form := "full"
	if r.Short {
		form = "short (times not asserted)"
	}
	row("form", form, fmt.Sprintf("%d chats; %d templated bulletins; fetch.timeout %s", r.Chats, r.Templated, r.FetchTimeout))
	names := make([]string, 0, len(r.Outcomes))
	for n := range r.Outcomes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		row("feed "+n, "", clip(r.Outcomes[n], 150))
	}
	for _, n := range hostileFeeds {
		if _, ok := r.Outcomes[n]; !ok {
			row("feed "+n, "", "still being fetched, stored or clustered when the run ended")
		}
	}
	row("peak RSS", fmt.Sprintf("%.1f MB", float64(r.PeakKB)/1024), fmt.Sprintf("bot VmHWM, %d readings every 100 ms (goal ≤ 256 MB)", r.RSSReadings))
	row("lock hold", r.LockHoldMax.Round(100*time.Microsecond).String(), fmt.Sprintf("longest hold of the pipeline lock, from /metrics (goal ≤ %s)", hostileLockGoal))
	row("first brief", r.FirstHealthy.Round(time.Millisecond).String(), fmt.Sprintf("bot start → first healthy brief accepted (goal ≤ %s)", hostileFirstGoal))
	row("first fetches", r.Wave1.Round(time.Millisecond).String(), "bot start → every chat had the 4 reports of the healthy feeds' first fetches")
	row("calm feed", r.Wave2.Round(time.Millisecond).String(), fmt.Sprintf("healthy-b's 2 later reports served → in every chat, while the flood is sent (goal ≤ %s)", hostileWave2Goal))
	row("healthy briefs", fmt.Sprintf("%d/%d", r.HealthyGot, r.HealthyWant), "chats × healthy reports received")
	row("held stories", fmt.Sprint(r.HeldStories), "stored and searchable, not pushed (fetch.max_new_stories)")
	row("panics", fmt.Sprint(r.Panics), "lines of the bot's log telling of a panic (goal 0)")
	for i, l := range r.PanicLines {
		if i == hostilePanicsShown {
			break
		}
		row("", "", clip(l, 150))
	}
	row("sent", fmt.Sprint(r.Sent), "messages the fake accepted in all")
	row("sigterm", fmt.Sprintf("exit %d", r.Code), fmt.Sprintf("exited=%v in %s", r.Exited, r.Took.Round(time.Millisecond)))
	row("wall", r.Wall.Round(time.Millisecond).String(), fmt.Sprintf("measured for %s after the bot started", r.Measured.Round(time.Millisecond)))
	tw.Flush()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
