package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sample is one reading of the fake's counters.
type sample struct {
	At     time.Time
	Sent   int
	Rej429 int
}

// statsSampler polls the fake's /control/stats at a fixed interval, so rates
// come from the fake's own counter without adding anything to the fake.
type statsSampler struct {
	mu      sync.Mutex
	samples []sample
	err     error
	stop    context.CancelFunc
	done    chan struct{}
}

func startStatsSampler(ctx context.Context, f *fakeAPI, every time.Duration) *statsSampler {
	ctx, cancel := context.WithCancel(ctx)
	s := &statsSampler{stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			st, err := f.stats(ctx)
			at := time.Now()
			s.mu.Lock()
			if err != nil && ctx.Err() == nil && s.err == nil {
				s.err = err
			}
			if err == nil {
				s.samples = append(s.samples, sample{At: at, Sent: st.Sent, Rej429: st.Rejected429})
			}
			s.mu.Unlock()
			select {
			case <-t.C:
			case <-ctx.Done():
				return
			}
		}
	}()
	return s
}

// last returns the latest sample (zero before the first).
func (s *statsSampler) last() sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.samples) == 0 {
		return sample{}
	}
	return s.samples[len(s.samples)-1]
}

// finish stops polling and returns every sample and the first error.
func (s *statsSampler) finish() ([]sample, error) {
	s.stop()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.samples, s.err
}

// rssSampler reads a process's peak resident set (VmHWM) from /proc.
type rssSampler struct {
	pid  int
	mu   sync.Mutex
	peak int64 // kB
	rss  int64 // kB, last VmRSS
	n    int
	stop context.CancelFunc
	done chan struct{}
}

func startRSSSampler(ctx context.Context, pid int, every time.Duration) *rssSampler {
	ctx, cancel := context.WithCancel(ctx)
	r := &rssSampler{pid: pid, stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			r.read()
			select {
			case <-t.C:
			case <-ctx.Done():
				return
			}
		}
	}()
	return r
}

// read takes one reading now; call it right before signalling the process.
func (r *rssSampler) read() {
	hwm, rss, err := procMem(r.pid)
	if err != nil {
		return // the process is gone or /proc is absent
	}
	r.mu.Lock()
	r.peak = max(r.peak, hwm)
	r.rss = rss
	r.n++
	r.mu.Unlock()
}

// finish stops sampling and returns the peak VmHWM and last VmRSS in kB and
// the number of readings.
func (r *rssSampler) finish() (peak, rss int64, n int) {
	r.stop()
	<-r.done
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.peak, r.rss, r.n
}

// procMem reads VmHWM and VmRSS (kB) of pid.
func procMem(pid int) (hwm, rss int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmHWM" && k != "VmRSS") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("proc status %s: %w", k, err)
		}
		if k == "VmHWM" {
			hwm = n
		} else {
			rss = n
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	if hwm == 0 {
		return 0, 0, fmt.Errorf("proc status %d: no VmHWM", pid)
	}
	return hwm, rss, nil
}

// procCPU is the user+system CPU time pid has used so far (Linux /proc).
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which may hold spaces, start at ")".
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, fmt.Errorf("proc stat %d: short", pid)
	}
	// utime and stime are fields 14 and 15 of stat, in clock ticks: 100 per
	// second on every Linux the harness targets (USER_HZ).
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("proc stat %d: bad times", pid)
	}
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// rateOver is the accepted sends per second between the first sample at or
// after from and the last sample at or before to.
func rateOver(ss []sample, from, to time.Time) (rate float64, sent int, span time.Duration) {
	a, b := -1, -1
	for i, s := range ss {
		if a < 0 && !s.At.Before(from) {
			a = i
		}
		if !s.At.After(to) {
			b = i
		}
	}
	if a < 0 || b <= a {
		return 0, 0, 0
	}
	sent, span = ss[b].Sent-ss[a].Sent, ss[b].At.Sub(ss[a].At)
	if span <= 0 {
		return 0, sent, span
	}
	return float64(sent) / span.Seconds(), sent, span
}

// firstAt is the time of the first sample where Sent reached n (zero if never).
func firstAt(ss []sample, n int) time.Time {
	for _, s := range ss {
		if s.Sent >= n {
			return s.At
		}
	}
	return time.Time{}
}
