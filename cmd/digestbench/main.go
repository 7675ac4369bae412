// Command digestbench measures the digest: sentence selection quality
// (ROUGE on the shared benchmark sets, next to Lead baselines computed by the
// same code), clustering quality (pairs joined and merged on the labelled
// sets, per half, and whether three batchings agree) and speed (the seed
// post to briefs, clustering synthetic posts, a templated flood), with
// -baseline REF timing another commit's clustering in the same run.
//
//	go run -tags sqlite_fts5 ./cmd/digestbench [-quality=false] [-cluster=false] [-speed=false] [-baseline REF]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"

	"briefbot/internal/sharedtest"
)

func main() {
	doQuality := flag.Bool("quality", true, "measure ROUGE on the shared benchmark sets")
	doSpeed := flag.Bool("speed", true, "measure rendering and clustering speed")
	doCluster := flag.Bool("cluster", true, "measure clustering on the labelled sets")
	testdata := flag.String("testdata", filepath.Join("digest", "testdata"), "the digest's testdata folder (seed entries, event fixture)")
	baseline := flag.String("baseline", "", "a git commit whose clustering is timed against this tree's in the same run, runs alternating (e.g. main)")
	maxN := flag.Int("n", 20000, "largest synthetic clustering case (10k and 2×)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	memProfile := flag.String("memprofile", "", "write an allocation profile to this file at exit")
	flag.Parse()
	if v := os.Getenv(floodEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
		runFlood(n)
		return
	}
	if *memProfile != "" {
		defer func() {
			f, err := os.Create(*memProfile)
			if err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	shared := sharedtest.Dir()
	if shared == "" {
		fmt.Println("skip: ../shared is absent (set BRIEFBOT_SHARED); nothing to measure")
		return
	}
	if *doQuality {
		rows, err := quality(shared)
		if err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
		fmt.Println("ROUGE F1 ×100 (R-1/R-2/R-L); tuned on the first half")
		fmt.Printf("%-26s %-6s %-7s %-16s %-16s %-16s\n", "set", "unit", "method", "first half", "second half", "all")
		for _, r := range rows {
			fmt.Printf("%-26s %-6s %-7s %-16s %-16s %-16s\n", r.set, r.unit, r.method, r.first, r.second, r.all)
		}
		fmt.Println("oracle: the single sentence with the best ROUGE-2 (the ceiling of any one-sentence pick);")
		fmt.Println("oracle*: the same without the articles' source-citation lines (『記事名』。 朝日新聞、2007年10月7日。).")
		fmt.Println()
	}
	if *doCluster {
		if err := clusterQuality(shared, *testdata, *maxN/2); err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
	}
	if *doSpeed {
		if *baseline != "" {
			if err := compareBaseline(context.Background(), *baseline, []int{*maxN / 2, *maxN}, 5); err != nil {
				fmt.Fprintln(os.Stderr, "digestbench:", err)
				os.Exit(1)
			}
		}
		if err := speed(shared, *maxN); err != nil {
			fmt.Fprintln(os.Stderr, "digestbench:", err)
			os.Exit(1)
		}
	}
}
