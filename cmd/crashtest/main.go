// Command crashtest measures briefbot's crash safety: it runs the
// real daemon against the fake Bot API as separate processes, SIGKILLs the
// daemon at random moments of a fan-out to N chats, SIGTERMs it once, lets a
// last run finish, and counts per chat what the fake received: no chat may
// be lost, and duplicates may not exceed what was on the wire at the kills.
//
// Two more measurements of delivery run the same binaries without kills:
// -mode fanout delivers one brief to -chats private chats (default 100000)
// at the 1000/s paid-broadcast cap and reports msgs/s, exactly-once delivery
// and the bot's peak RSS; -mode paced runs at Telegram's 30/s against the
// fake enforcing flood limits and reports the achieved rate against the
// ceiling and the 429s; -mode storm does the same while -storm chats send
// /start and /subscribe within one second and one chat sends ten commands
// in two seconds, and reports the commands answered, how late, the 429s
// and the rate of briefs and replies before, during and after the storm.
//
// -mode hostile runs the real binary against hostile feeds (60,000
// templated bulletins, 15 MB of nested elements, a gzip bomb, a trickling
// server) and two healthy ones, and reports its peak RSS, the longest hold
// of its pipeline lock, the time to the first healthy brief, the healthy
// briefs delivered and the panics; -short is the CI form.
//
// -mode litestream proves recovery from the loss of the machine:
// it installs the pinned Litestream with go install into a cache folder,
// replicates the bot's database to a file replica with
// examples/litestream.yml, SIGKILLs the bot and Litestream together during
// a fan-out to -chats chats, restores the replica into a new folder, starts
// the bot there against the same fake and counts per chat; a copy restored
// while the old bot still runs must refuse to start.
//
// Usage (from the module root):
//
//	go run -tags sqlite_fts5 ./cmd/crashtest [-chats 10000] [-kills 20] [-seed N] [-keep]
//	go run -tags sqlite_fts5 ./cmd/crashtest -mode fanout [-chats 100000]
//	go run -tags sqlite_fts5 ./cmd/crashtest -mode paced [-private 200 -groups 20 -posts 10 -seconds 60]
//	go run -tags sqlite_fts5 ./cmd/crashtest -mode storm [-storm 200 -private 200 -posts 10]
//	go run -tags sqlite_fts5 ./cmd/crashtest -mode litestream [-chats 3000 -rate 300 -kill-at 0.6]
//	go run -tags sqlite_fts5 ./cmd/crashtest -mode hostile [-short]
//
// The exit status is 1 when a goal is missed, 2 on a harness error.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses flags, builds, measures and prints; every child process is
// gone when it returns.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("crashtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mode := fs.String("mode", "crash", "crash | fanout | paced | storm | litestream | hostile")
	short := fs.Bool("short", false, "hostile: the CI form (10,000 bulletins, 12 chats; times not asserted)")
	chats := fs.Int("chats", 10000, "private chats subscribed to the topic (fanout default 100000, litestream 3000)")
	rate := fs.Int("rate", 300, "litestream: delivery.global_per_second (paid broadcast)")
	killAt := fs.Float64("kill-at", 0.6, "litestream: share of the fan-out accepted when bot and Litestream are killed")
	cache := fs.String("cache", defaultCache(), "litestream: folder the pinned litestream is installed in")
	private := fs.Int("private", 200, "paced, storm: private chats owed briefs")
	storm := fs.Int("storm", 200, "storm: chats sending /start and /subscribe within a second")
	groups := fs.Int("groups", 20, "paced: groups (negative ids)")
	posts := fs.Int("posts", 10, fmt.Sprintf("paced, storm: feed posts, so briefs per chat (1..%d)", len(pacedStories)))
	seconds := fs.Int("seconds", 60, "paced: SIGTERM after this many seconds")
	kills := fs.Int("kills", 20, "SIGKILLs during the fan-out")
	seed := fs.Int64("seed", 0, "random seed (0: from the clock; printed for replay)")
	keep := fs.Bool("keep", false, "keep the work folder (database, config, logs)")
	timeout := fs.Duration("timeout", 30*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	switch *mode {
	case "crash", "fanout", "paced", "storm", "litestream", "hostile":
	default:
		fmt.Fprintf(stderr, "crashtest: unknown -mode %q (crash | fanout | paced | storm | litestream | hostile)\n", *mode)
		return 2
	}
	chatsSet := false
	fs.Visit(func(f *flag.Flag) { chatsSet = chatsSet || f.Name == "chats" })
	switch {
	case *mode == "fanout" && !chatsSet:
		*chats = 100000
	case *mode == "litestream" && !chatsSet:
		*chats = 3000
	}
	if *seed == 0 {
		*seed = time.Now().UnixNano() % 1_000_000_000
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	root, err := ModuleRoot()
	if err != nil {
		fmt.Fprintln(stderr, "crashtest:", err)
		return 2
	}
	dir, err := os.MkdirTemp("", "crashtest-")
	if err != nil {
		fmt.Fprintln(stderr, "crashtest:", err)
		return 2
	}
	progress := func(format string, a ...any) {
		fmt.Fprintf(stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05.000")}, a...)...)
	}
	began := time.Now()
	progress("building briefbot and fakebotapi in %s", dir)
	bins, err := Build(ctx, root, filepath.Join(dir, "bin"))
	if err != nil {
		fmt.Fprintln(stderr, "crashtest:", err)
		os.RemoveAll(dir)
		return 2
	}
	build := time.Since(began)
	switch *mode {
	case "litestream":
		progress("built in %s; installing litestream %s into %s", build.Round(time.Millisecond), litestreamVersion, *cache)
		ls, err := InstallLitestream(ctx, *cache)
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\n", err)
			os.RemoveAll(dir)
			return 2
		}
		progress("litestream at %s (cached %v, go install took %s); %d chats at %d/s", ls.Path, ls.Cached, ls.Took.Round(time.Millisecond), *chats, *rate)
		res, err := RunRecovery(ctx, RecoveryOptions{Chats: *chats, Rate: *rate, KillAt: *killAt, Bins: bins, Litestream: ls,
			Config: filepath.Join(root, "examples", "litestream.yml"), Dir: dir, Progress: progress})
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
			return 2
		}
		res.LitestreamTook, res.LitestreamCached = ls.Took, ls.Cached
		WriteRecoveryReport(stdout, res)
		return verdict(stdout, dir, *keep, res.Failures())
	case "fanout":
		progress("built in %s; fan-out to %d chats", build.Round(time.Millisecond), *chats)
		res, err := RunFanout(ctx, FanoutOptions{Chats: *chats, Bins: bins, Dir: dir, Progress: progress})
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
			return 2
		}
		WriteFanoutReport(stdout, res)
		return verdict(stdout, dir, *keep, res.Failures())
	case "hostile":
		progress("built in %s; hostile feeds (short %v)", build.Round(time.Millisecond), *short)
		res, err := RunHostile(ctx, HostileOptions{Short: *short, Bins: bins, Dir: dir, Progress: progress})
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
			return 2
		}
		WriteHostileReport(stdout, res)
		return verdict(stdout, dir, *keep, res.Failures())
	case "paced":
		progress("built in %s; paced: %d private + %d groups × %d posts for %ds", build.Round(time.Millisecond), *private, *groups, *posts, *seconds)
		res, err := RunPaced(ctx, PacedOptions{Private: *private, Groups: *groups, Posts: *posts,
			Duration: time.Duration(*seconds) * time.Second, Bins: bins, Dir: dir, Progress: progress})
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
			return 2
		}
		WritePacedReport(stdout, res)
		return verdict(stdout, dir, *keep, res.Failures())
	case "storm":
		progress("built in %s; storm: %d chats + 1 busy, while %d chats × %d posts go out", build.Round(time.Millisecond), *storm, *private, *posts)
		res, err := RunStorm(ctx, StormOptions{Subscribers: *private, Posts: *posts, Chats: *storm, Bins: bins, Dir: dir, Progress: progress})
		if err != nil {
			fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
			return 2
		}
		WriteStormReport(stdout, res)
		return verdict(stdout, dir, *keep, res.Failures())
	}
	progress("built in %s; %d chats, %d kills, seed %d", build.Round(time.Millisecond), *chats, *kills, *seed)

	res, err := Run(ctx, Options{Chats: *chats, Kills: *kills, Seed: *seed, Bins: bins, Dir: dir, Progress: progress})
	if err != nil {
		fmt.Fprintf(stderr, "crashtest: %v\nwork folder kept: %s\n", err, dir)
		return 2
	}
	WriteReport(stdout, res, build)
	return verdict(stdout, dir, *keep, res.Failures())
}

// defaultCache is where the litestream build is kept between runs.
func defaultCache() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "briefbot")
	}
	return filepath.Join(os.TempDir(), "briefbot-cache")
}

// verdict prints PASS or the failures, keeps the work folder when asked or
// when a goal was missed, and returns the exit status.
func verdict(stdout io.Writer, dir string, keep bool, failures []string) int {
	if keep || len(failures) > 0 {
		fmt.Fprintf(stdout, "work folder kept: %s\n", dir)
	} else {
		os.RemoveAll(dir)
	}
	if len(failures) > 0 {
		for _, f := range failures {
			fmt.Fprintln(stdout, "FAIL:", f)
		}
		return 1
	}
	fmt.Fprintln(stdout, "PASS")
	return 0
}
