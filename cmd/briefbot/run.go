package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/config"
	"briefbot/db"
	"briefbot/feed"
	"briefbot/scheduler"
)

// shutdownTimeout bounds each step of the ordered shutdown.
const shutdownTimeout = 30 * time.Second

func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("run", stderr)
	once := fs.Bool("once", false, "fetch every feed once, deliver what is due, and exit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	logger := newLogger(cfg.Log, cfg.Telegram.Token, stderr)
	a, err := newApp(ctx, cfg, logger, stdout)
	if err != nil {
		return err
	}
	return a.run(ctx, *once)
}

// app holds the wired daemon.
type app struct {
	cfg    *config.Config
	log    *slog.Logger
	store  *db.DB
	sched  *scheduler.Scheduler
	tg     *bot.Bot // nil in console mode
	disp   *bot.Dispatcher
	health *healthServer
}

// newApp opens the database and wires every room. On error everything it
// opened is closed again.
func newApp(ctx context.Context, cfg *config.Config, logger *slog.Logger, stdout io.Writer) (a *app, err error) {
	a = &app{cfg: cfg, log: logger}
	a.store, err = db.Open(ctx, cfg.Database.Path, db.Options{MaxAttempts: cfg.Delivery.MaxAttempts, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err != nil {
			a.store.Close()
		}
	}()

	fetcher := feed.New(feed.Options{
		Timeout:      cfg.Fetch.Timeout.D(),
		MaxBytes:     int64(cfg.Fetch.MaxBytes),
		Contact:      cfg.Fetch.UserAgentContact,
		PerHost:      cfg.Fetch.PerHost,
		AllowPrivate: cfg.Fetch.AllowPrivateAddresses,
		Logger:       logger,
	})
	pipeline := scheduler.NewPipeline(fetcher, scheduler.Stores{
		Feeds: a.store, Posts: a.store, Stories: a.store, Deliveries: a.store,
	}, scheduler.PipelineOptions{
		Topics:         cfg.DomainTopics(),
		Location:       cfg.Location,
		Window:         cfg.Digest.Window.D(),
		Settle:         settle(cfg.Digest.Settle.D()),
		DefaultBacklog: cfg.Fetch.Backlog.D(),
		FailPauseAfter: cfg.Fetch.FailPauseAfter,
		Logger:         logger,
		OnEnqueue:      func() { a.disp.Notify() },
	})
	a.sched = scheduler.New(pipeline, scheduler.Options{
		Location:  cfg.Location,
		Retention: cfg.Retention.Posts.D(),
		Logger:    logger,
	})
	if err = a.sched.SetFeeds(cfg.DomainFeeds()); err != nil {
		return nil, err
	}

	var sender briefbot.Sender
	if cfg.Telegram.Token == "" {
		logger.Info("no telegram token: console mode, briefs are printed to stdout")
		if err = a.setUpConsoleChat(ctx); err != nil {
			return nil, err
		}
		sender = &consoleSender{w: stdout}
	} else {
		a.tg, err = bot.New(ctx, bot.Options{
			Token:                  cfg.Telegram.Token,
			APIURL:                 cfg.Telegram.APIURL,
			Topics:                 cfg.DomainTopics(),
			Admins:                 cfg.Admins,
			Location:               cfg.Location,
			LinkPreviews:           cfg.Telegram.LinkPreviews,
			SearchPerUserPerMinute: cfg.Search.PerUserPerMinute,
			Logger:                 logger,
		}, bot.Stores{Chats: a.store, Subs: a.store, Briefs: a.store, Search: a.store})
		if err != nil {
			return nil, fmt.Errorf("connect to telegram: %w", err)
		}
		sender = a.tg
	}
	if err = a.setUpChannels(ctx); err != nil {
		return nil, err
	}
	a.disp = bot.NewDispatcher(a.store, a.store, sender, bot.DispatcherOptions{
		GlobalPerSecond: cfg.Delivery.GlobalPerSecond,
		MaxAttempts:     cfg.Delivery.MaxAttempts,
		Logger:          logger,
	})
	if cfg.HTTP.Listen != "" {
		a.health = newHealthServer(cfg.HTTP.Listen, a.store, logger)
	}
	return a, nil
}

// settle maps the config's settle (0 = send at once) to the pipeline's
// convention, where zero means "use the default" and a negative value none.
func settle(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// setUpConsoleChat makes the built-in console chat, subscribed to every
// topic, so console mode exercises the same ledger as Telegram chats.
func (a *app) setUpConsoleChat(ctx context.Context) error {
	if err := a.store.UpsertChat(ctx, &briefbot.Chat{ID: briefbot.ConsoleChatID, Type: briefbot.ChatConsole, Title: "console", Active: true}); err != nil {
		return fmt.Errorf("console chat: %w", err)
	}
	for _, t := range a.cfg.Topics {
		if err := a.store.Subscribe(ctx, &briefbot.Subscription{ChatID: briefbot.ConsoleChatID, Topic: t.Name, Mode: briefbot.ModeInstant}); err != nil {
			return fmt.Errorf("console chat: %w", err)
		}
	}
	return nil
}

// setUpChannels registers the configured channels and their topics.
func (a *app) setUpChannels(ctx context.Context) error {
	for _, ch := range a.cfg.Channels {
		if err := a.store.UpsertChat(ctx, &briefbot.Chat{ID: ch.ChatID, Type: briefbot.ChatChannel, Active: true}); err != nil {
			return fmt.Errorf("channel %d: %w", ch.ChatID, err)
		}
		mode := briefbot.ModeInstant
		if ch.Mode == "edition" {
			mode = briefbot.ModeEdition
		}
		for _, t := range ch.Topics {
			if err := a.store.Subscribe(ctx, &briefbot.Subscription{ChatID: ch.ChatID, Topic: t, Mode: mode}); err != nil {
				return fmt.Errorf("channel %d: %w", ch.ChatID, err)
			}
		}
	}
	return nil
}

// run starts every loop and, when ctx ends (SIGINT/SIGTERM) or a -once round
// is delivered, shuts down in order: scheduler (no new work), bot (no new
// commands), dispatcher (in-flight sends finished and marked), database.
func (a *app) run(ctx context.Context, once bool) error {
	defer a.store.Close()

	var wg sync.WaitGroup
	dispCtx, stopDisp := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDisp()
	dispDone := make(chan error, 1)
	go func() { dispDone <- a.disp.Run(dispCtx) }()

	botCtx, stopBot := context.WithCancel(ctx)
	defer stopBot()
	if a.tg != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.tg.Run(botCtx); err != nil && !errors.Is(err, context.Canceled) {
				a.log.Error("bot stopped", "err", err)
			}
		}()
	}
	if a.health != nil {
		if err := a.health.start(); err != nil {
			return err
		}
		defer a.health.stop()
	}

	var runErr error
	if once {
		if runErr = a.sched.RunOnce(ctx); runErr == nil {
			runErr = a.waitDelivered(ctx)
		}
	} else {
		if err := a.sched.Start(ctx); err != nil {
			return err
		}
		a.log.Info("briefbot running", "feeds", len(a.cfg.Feeds), "db", a.cfg.Database.Path)
		<-ctx.Done()
		a.log.Info("shutting down")
	}

	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := a.sched.Stop(stopCtx); err != nil {
		a.log.Warn("scheduler stop", "err", err)
	}
	stopBot()
	wg.Wait()
	stopDisp()
	select {
	case err := <-dispDone:
		if err != nil && !errors.Is(err, context.Canceled) {
			a.log.Error("dispatcher stopped", "err", err)
		}
	case <-stopCtx.Done():
		a.log.Warn("dispatcher did not stop in time; its claimed rows resume at the next start")
	}
	return runErr
}

// waitDelivered returns once the ledger has nothing pending or in flight
// (failed rows wait for their retry time and are left for the next run).
func (a *app) waitDelivered(ctx context.Context) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		st, err := a.store.DeliveryStats(ctx)
		if err != nil {
			return err
		}
		if st[briefbot.DeliveryPending] == 0 && st[briefbot.DeliverySending] == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
