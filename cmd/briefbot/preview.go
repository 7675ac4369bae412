package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"briefbot"
	"briefbot/config"
	"briefbot/feed"
	"briefbot/scheduler"
)

// previewBrief is one line of `preview -json`.
type previewBrief struct {
	Headline  string            `json:"headline"`
	HTML      string            `json:"html"`
	Sources   []briefbot.Source `json:"sources"`
	Published string            `json:"published"`
	Language  string            `json:"language"`
	// Push is always present: false means stored and searchable, never sent.
	Push   bool   `json:"push"`
	Reason string `json:"reason,omitempty"`
}

// previewCommand fetches one feed and prints the briefs it would make, one
// per story in its main language or in -lang, touching no database.
func previewCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("preview", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per brief per line")
	lang := fs.String("lang", "", "print each story as a chat reading `ja|en|ru` gets it (default: its main language)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: briefbot preview [-json] [-lang ja|en|ru] [-config FILE] FEED   (flags before FEED)")
		return errUsage
	}
	if err := briefbot.ValidChatLanguage(*lang); err != nil {
		fmt.Fprintf(stderr, "preview: -lang %q: use ja, en or ru\n", *lang)
		return errUsage
	}
	cfg := config.Default()
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "config" })
	if explicit || configExists(*path) {
		c, err := loadConfig(*path)
		if err != nil {
			return err
		}
		cfg = c
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
		if loc, err := time.LoadLocation(cfg.Timezone); err == nil {
			cfg.Location = loc
		}
	}
	f := previewFeed(cfg, fs.Arg(0))

	fetcher := feed.New(feed.Options{
		Timeout:      cfg.Fetch.Timeout.D(),
		MaxBytes:     int64(cfg.Fetch.MaxBytes),
		Contact:      cfg.Fetch.UserAgentContact,
		AllowPrivate: true, // the operator asked for this URL by hand
	})
	res, err := fetcher.Fetch(ctx, briefbot.FetchRequest{URL: f.URL, Language: f.Language})
	if err != nil {
		return err
	}
	briefs := scheduler.Preview(res.Posts, f, scheduler.PipelineOptions{
		Topics:        cfg.DomainTopics(),
		Location:      cfg.Location,
		Window:        cfg.Digest.Window.D(),
		MaxNewStories: cfg.Fetch.MaxNewStories,
	}, *lang)
	for _, b := range briefs {
		if *asJSON {
			line, err := json.Marshal(previewBrief{Headline: b.Headline, HTML: b.HTML, Sources: b.Sources,
				Published: b.Published.Format(time.RFC3339), Language: b.Language, Push: b.Push, Reason: b.Reason})
			if err != nil {
				return fmt.Errorf("encode brief: %w", err)
			}
			fmt.Fprintf(stdout, "%s\n", line)
		} else {
			fmt.Fprintf(stdout, "%s\n---\n", b.HTML)
		}
	}
	return nil
}

// previewFeed is the configured feed whose name or URL is arg, or an ad-hoc
// feed on the first topic.
func previewFeed(cfg *config.Config, arg string) briefbot.Feed {
	abs, _ := filepath.Abs(arg)
	for _, f := range cfg.Feeds {
		if f.Name == arg || f.URL == arg || f.URL == abs {
			return cfg.DomainFeed(f)
		}
	}
	f := briefbot.Feed{Name: "preview", URL: arg, Language: briefbot.LangAuto}
	if len(cfg.Topics) > 0 {
		f.Topics = []string{cfg.Topics[0].Name}
	} else {
		f.Topics = []string{"news"}
	}
	return f
}
