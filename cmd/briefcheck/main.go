package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"briefbot/internal/sharedtest"
)

// inputNames are the inputs in table order.
var inputNames = []string{"sample", "fixtures", "items", "flags", "seed-entries", "seed-post", "bbc-100"}

// inRepo are the inputs the repository holds; the others read ../shared.
var inRepo = map[string]bool{"sample": true, "fixtures": true, "items": true, "flags": true}

var builders = map[string]func(paths) (*input, error){
	"sample": sampleInput, "fixtures": fixturesInput, "items": itemsInput, "flags": flagsInput,
	"seed-entries": seedEntriesInput, "seed-post": seedPostInput, "bbc-100": bbcInput,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := realMain(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "briefcheck:", err)
		}
		os.Exit(1)
	}
}

func realMain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("briefcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("inputs", strings.Join(inputNames, ","), "comma-separated inputs to check")
	verbose := fs.Bool("v", false, "print each offending line with its brief")
	all := fs.Bool("all", false, "print every brief, each with its offending lines (a reader's pass over the inputs)")
	asJSON := fs.Bool("json", false, "print one JSON summary per input instead of the table")
	compare := fs.String("compare", "", "also run this checker on git REF (a temporary worktree) and print both figures")
	paraphrase := fs.Bool("paraphrase", false, "print the repeat measure's precision and recall on the paraphrase pairs")
	repo := fs.String("repo", "", "the repository (default: the module root above the working directory)")
	shared := fs.String("shared", sharedtest.Dir(), "the shared folder with the seed and BBC-100")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: briefcheck [-inputs sample,fixtures,...] [-v | -all] [-json] [-compare REF] [-paraphrase]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	p := paths{repo: *repo, shared: *shared}
	if p.repo == "" {
		r, err := moduleRoot()
		if err != nil {
			return err
		}
		p.repo = r
	}
	names := strings.Split(*only, ",")
	for _, n := range names {
		if builders[n] == nil {
			return fmt.Errorf("unknown input %q (have %s)", n, strings.Join(inputNames, ", "))
		}
	}
	if *paraphrase {
		pairs, err := loadPairs(p.brief("paraphrase.tsv"))
		if err != nil {
			return err
		}
		printParaphrase(stdout, pairs)
		fmt.Fprintln(stdout)
	}
	var results []*result
	for _, n := range names {
		if !inRepo[n] && p.shared == "" {
			fmt.Fprintf(stderr, "skipping %s: ../shared is absent (set BRIEFBOT_SHARED or -shared)\n", n)
			continue
		}
		in, err := builders[n](p)
		if err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		results = append(results, check(in))
	}
	if *paraphrase {
		printLinePairs(stdout, results)
	}
	var sums []summary
	for _, r := range results {
		sums = append(sums, r.summary())
	}
	if *asJSON {
		return writeJSON(stdout, sums)
	}
	var ref map[string]summary
	if *compare != "" {
		var err error
		if ref, err = compareWith(ctx, p, *compare, names, stderr); err != nil {
			return err
		}
	}
	printTable(stdout, sums, ref, *compare)
	switch {
	case *all:
		for _, r := range results {
			printBriefs(stdout, r)
		}
	case *verbose:
		for _, r := range results {
			printFindings(stdout, r)
		}
	}
	return nil
}

// moduleRoot is the folder holding go.mod, at or above the working one.
func moduleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s (pass -repo)", wd)
		}
	}
}
