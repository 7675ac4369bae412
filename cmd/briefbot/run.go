package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/config"
	"briefbot/db"
	"briefbot/digest"
	"briefbot/feed"
	"briefbot/internal/catalog"
	"briefbot/scheduler"
)

// Each step of the ordered shutdown has its own deadline, so a slow step
// never eats the time of the next. Variables only for tests.
var (
	// stopScheduler: running fetches and publishes end with their context.
	stopScheduler = 30 * time.Second
	// stopListeners: the webhook listener finishes the requests it holds.
	stopListeners = 10 * time.Second
	// stopHandlers: the bot's router gives queued updates 10 s, then
	// cancels; admin work (/addfeed fetching a feed) ends with its context.
	stopHandlers = 20 * time.Second
	// stopDispatcher: a send on the wire takes up to 15 s and its mark up to
	// 10 s more; claimed rows not yet sent are released meanwhile.
	stopDispatcher = 30 * time.Second
)

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
		if ctx.Err() != nil {
			// SIGINT or SIGTERM during start-up: an ordinary stop.
			logger.Info("stopped during start-up", "err", err)
			return nil
		}
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

	pipe    *scheduler.Pipeline
	rl      *reloader
	admin   *admin
	metrics *metrics
	bg      *background
	webhook *http.Server // nil unless telegram.webhook.listen is set
	// webhookAddr is the address the webhook listener got (tests listen on
	// port 0): a string, set once serving.
	webhookAddr atomic.Value
	// fail stops run from inside with an error (see botStopped).
	fail context.CancelCauseFunc
	// stdout is where console mode prints.
	stdout io.Writer
	// unresolved names the channels whose "@name" start-up could not
	// resolve, for the admins once the bot runs.
	unresolved []string
}

// newApp opens the database and wires every room. On error it returns the
// cause and closes the database again; nothing it starts runs before run.
func newApp(ctx context.Context, cfg *config.Config, logger *slog.Logger, stdout io.Writer) (*app, error) {
	store, err := db.Open(ctx, cfg.Database.Path, db.Options{MaxAttempts: cfg.Delivery.MaxAttempts, Logger: logger, Location: cfg.Location,
		FairPrivate: fairPrivate, FairGroup: fairGroup})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	a := &app{cfg: cfg, log: logger, metrics: newMetrics(logger), bg: &background{}, store: store, stdout: stdout}
	if err := a.wire(ctx, stdout); err != nil {
		store.Close()
		return nil, err
	}
	return a, nil
}

// wire builds every room around the open store.
func (a *app) wire(ctx context.Context, stdout io.Writer) error {
	cfg, logger := a.cfg, a.log
	var err error

	fetcher := feed.New(feed.Options{
		Timeout:       cfg.Fetch.Timeout.D(),
		MaxBytes:      int64(cfg.Fetch.MaxBytes),
		Contact:       cfg.Fetch.UserAgentContact,
		PerHost:       cfg.Fetch.PerHost,
		AllowPrivate:  cfg.Fetch.AllowPrivateAddresses,
		MaxTotalBytes: int64(cfg.Fetch.MaxTotalBytes),
		Logger:        logger,
	})
	counted := countingFetcher{next: fetcher, m: a.metrics}
	a.pipe = scheduler.NewPipeline(counted, scheduler.Stores{
		Feeds: a.store, Posts: a.store, Stories: a.store, Deliveries: a.store, Search: a.store,
	}, scheduler.PipelineOptions{
		Topics:         cfg.DomainTopics(),
		Location:       cfg.Location,
		Window:         cfg.Digest.Window.D(),
		Settle:         cfg.Digest.Settle.D(),
		DefaultBacklog: cfg.Fetch.Backlog.D(),
		FailPauseAfter: cfg.Fetch.FailPauseAfter,
		Logger:         logger,
		OnEnqueue:      func() { a.disp.Notify() },
		OnPause:        a.feedPaused,
		MaxNewStories:  cfg.Fetch.MaxNewStories,
		OnFlood:        a.floodNotices(a.tellAdmins),
	})
	a.sched = scheduler.New(a.pipe, scheduler.Options{
		Location:   cfg.Location,
		Retention:  cfg.Retention.Posts.D(),
		MaxFetches: cfg.Fetch.MaxParallel,
		Logger:     logger,
	})
	if err = a.sched.SetFeeds(cfg.DomainFeeds()); err != nil {
		return err
	}
	editions, err := scheduler.NewEditions(a.store, scheduler.EditionOptions{
		Spec:     cfg.Delivery.Editions,
		Location: cfg.Location,
		Logger:   logger,
		OnCreate: func() { a.disp.Notify() },
		Labels:   a.editionLabels,
	})
	if err != nil {
		return fmt.Errorf("delivery.editions: %w", err)
	}
	a.sched.AddEditions(editions)
	a.rl = newReloader(cfg, logger, a.applyConfig)
	a.rl.onResult = a.metrics.reloaded
	a.admin = &admin{
		rl: a.rl, sched: a.sched, pipe: a.pipe, store: a.store, fetcher: counted,
		bg: a.bg, log: logger, now: time.Now,
	}
	editionTimes := func(loc *time.Location) []string { return editions.TimesIn(loc, time.Now()) }

	var sender briefbot.Sender
	if cfg.Telegram.Token == "" {
		logger.Info("no telegram token: console mode, briefs are printed to stdout")
		if err = a.setUpConsoleChat(ctx, cfg); err != nil {
			return err
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
			DefaultLanguage:        cfg.DefaultLanguage,
			EditionTimes:           editionTimes,
			SearchPerUserPerMinute: cfg.Search.PerUserPerMinute,
			Logger:                 logger,
			Admin:                  a.admin,
			PaidBroadcast:          cfg.Delivery.PaidBroadcast,
			Observer:               a.metrics,
		}, bot.Stores{Chats: a.store, Subs: a.store, Briefs: a.store, Search: a.store, Settings: a.store, Updates: a.store})
		if err != nil {
			return fmt.Errorf("connect to telegram: %w", err)
		}
		sender = a.tg
		a.rl.notify = a.tg.NotifyAdminsT
		// A database first run in console mode (the starter config) has
		// the console chat: with nothing to print to, it must not take
		// briefs, or each would fail against Telegram as an unknown chat.
		if err := a.store.DeactivateChat(ctx, briefbot.ConsoleChatID, "telegram mode"); err != nil && briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
			return fmt.Errorf("console chat: %w", err)
		}
		if w := cfg.Telegram.Webhook; w.Listen != "" {
			a.webhook = &http.Server{
				Addr:              w.Listen,
				Handler:           a.tg.WebhookHandler(w.SecretToken),
				ReadHeaderTimeout: 5 * time.Second,
				ReadTimeout:       15 * time.Second,
				WriteTimeout:      15 * time.Second,
				IdleTimeout:       90 * time.Second,
				ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
			}
		}
	}
	a.unresolved = a.resolveChannels(ctx, cfg)
	if err = a.setUpChannels(ctx, nil, cfg); err != nil {
		return err
	}
	a.disp = bot.NewDispatcher(a.store, a.store, sender, bot.DispatcherOptions{
		GlobalPerSecond: cfg.Delivery.GlobalPerSecond,
		MaxAttempts:     cfg.Delivery.MaxAttempts,
		Logger:          logger,
		Observer:        a.metrics,
	})
	if cfg.HTTP.Listen != "" {
		a.health = newHealthServer(cfg.HTTP.Listen, a.store, logger, a.metrics.collectors()...)
	}
	a.watch()
	return nil
}

// setUpConsoleChat makes the built-in console chat, subscribed to every
// topic, so console mode exercises the same ledger as Telegram chats. It
// reads the first feed's language (auto: each story's main language). A
// reload calls it again for topics added since.
func (a *app) setUpConsoleChat(ctx context.Context, cfg *config.Config) error {
	if err := a.store.UpsertChat(ctx, &briefbot.Chat{ID: briefbot.ConsoleChatID, Type: briefbot.ChatConsole, Title: "console", Active: true}); err != nil {
		return fmt.Errorf("console chat: %w", err)
	}
	lang := ""
	if len(cfg.Feeds) > 0 && briefbot.ValidChatLanguage(cfg.Feeds[0].Language) == nil {
		lang = cfg.Feeds[0].Language
	}
	if err := a.store.SetChatLanguage(ctx, briefbot.ConsoleChatID, lang); err != nil {
		return fmt.Errorf("console chat: %w", err)
	}
	for _, t := range cfg.Topics {
		if err := a.store.Subscribe(ctx, &briefbot.Subscription{ChatID: briefbot.ConsoleChatID, Topic: t.Name, Mode: briefbot.ModeInstant}); err != nil {
			return fmt.Errorf("console chat: %w", err)
		}
	}
	return nil
}

// resolveChannels fills in the id of every channel the config names by
// "@name", with getChat. A name that does not resolve (a typo, a channel
// the bot is not in, Telegram unreachable) leaves that channel out of this
// set-up, never the daemon: it is logged and returned, one line each, for
// the admins. Console mode has no Telegram to ask and skips such channels.
func (a *app) resolveChannels(ctx context.Context, cfg *config.Config) (unresolved []string) {
	for i := range cfg.Channels {
		ch := &cfg.Channels[i]
		if ch.Username == "" {
			continue
		}
		field := fmt.Sprintf("channels[%d]", i)
		if a.tg == nil {
			a.log.Info("channel skipped: console mode cannot resolve an @name", "channel", ch.Username, "field", field)
			continue
		}
		id, err := a.tg.ResolveChat(ctx, ch.Username)
		if err != nil {
			a.log.Warn("channel skipped: its @name does not resolve", "channel", ch.Username, "field", field, "err", err)
			unresolved = append(unresolved, fmt.Sprintf("%s (%s): %v", ch.Username, field, err))
			continue
		}
		ch.ChatID = id
		a.log.Info("channel resolved", "channel", ch.Username, "chat_id", id)
	}
	return unresolved
}

// notifyUnresolved tells the admins which configured channels were left out.
func (a *app) notifyUnresolved(ctx context.Context, unresolved []string) {
	if a.tg == nil || len(unresolved) == 0 {
		return
	}
	a.tg.NotifyAdminsT(ctx, "notify.channels_unresolved", "Channels", strings.Join(unresolved, "\n"))
}

// setUpChannels registers the configured channels, their language and
// their topics. On a reload (old not nil) it also drops the subscriptions
// of topics a channel no longer lists; a channel removed from the file keeps what it had, as a
// chat that subscribed by command would. A channel whose "@name" did not
// resolve is left as it was.
func (a *app) setUpChannels(ctx context.Context, old, cfg *config.Config) error {
	for _, ch := range cfg.Channels {
		if ch.ChatID == 0 {
			continue
		}
		if err := a.store.UpsertChat(ctx, &briefbot.Chat{ID: ch.ChatID, Type: briefbot.ChatChannel, Active: true}); err != nil {
			return fmt.Errorf("channel %d: %w", ch.ChatID, err)
		}
		if err := a.store.SetChatLanguage(ctx, ch.ChatID, ch.Language); err != nil {
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
		if old == nil {
			continue
		}
		for _, was := range old.Channels {
			if was.ChatID != ch.ChatID {
				continue
			}
			for _, t := range was.Topics {
				if !slices.Contains(ch.Topics, t) {
					if err := a.store.Unsubscribe(ctx, ch.ChatID, t); err != nil {
						return fmt.Errorf("channel %d: %w", ch.ChatID, err)
					}
				}
			}
		}
	}
	return nil
}

// applyConfig puts a validated config into effect: feed jobs first (the one
// step that can refuse, and then nothing has changed), then the bot's topics
// and admins, then chats. Settings built into clients at start-up are not
// touched; the reloader logs them as needing a restart.
func (a *app) applyConfig(ctx context.Context, old, cfg *config.Config) error {
	if err := a.sched.SetFeeds(cfg.DomainFeeds()); err != nil {
		return err
	}
	a.pipe.SetTopics(cfg.DomainTopics())
	a.resumePaused(ctx, cfg)
	if a.tg != nil {
		a.tg.SetConfig(cfg.DomainTopics(), cfg.Admins)
		a.tg.SetDefaultLanguage(cfg.DefaultLanguage)
	} else if err := a.setUpConsoleChat(ctx, cfg); err != nil {
		return err
	}
	unresolved := a.resolveChannels(ctx, cfg)
	err := a.setUpChannels(ctx, old, cfg)
	a.notifyUnresolved(ctx, unresolved)
	return err
}

// resumePaused un-pauses every configured feed that failed too often: an
// admin who reloads has usually just fixed its URL or the site is back, and
// the next scheduled run tries it again.
func (a *app) resumePaused(ctx context.Context, cfg *config.Config) {
	for _, f := range cfg.Feeds {
		st, err := a.store.FeedState(ctx, f.Name)
		if err != nil || !st.Paused {
			continue
		}
		if err := a.pipe.Resume(ctx, f.Name); err != nil {
			a.log.Warn("resume paused feed", "feed", f.Name, "err", err)
			continue
		}
		a.log.Info("paused feed resumed by reload", "feed", f.Name)
	}
}

// feedPaused tells the admins, once, that a feed stopped being fetched.
func (a *app) feedPaused(st briefbot.FeedState) {
	if a.tg == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a.tg.NotifyAdminsT(ctx, "notify.feed_paused", "Name", st.Name, "Failures", st.Failures, "Error", st.LastError)
}

// editionLabels are an edition's words for a chat reading lang, from the
// message catalogue; a chat without a language reads default_language.
func (a *app) editionLabels(lang string) digest.EditionLabels {
	if lang == "" {
		lang = a.rl.config().DefaultLanguage
	}
	return digest.EditionLabels{Header: func(due string, stories int) string {
		return catalog.Plain(lang, "label.edition", "Due", due, "Count", stories)
	}}
}

// run starts every loop and, when ctx ends (SIGINT/SIGTERM) or a -once round
// is delivered, shuts down in order, each step with its own deadline:
// scheduler (no new work), webhook listener and bot (no new commands), work
// started by admin commands and the search rebuild, dispatcher (in-flight
// sends finished and marked, claimed rows released), database. The database
// is closed only once nothing that writes to it runs: a step that overran
// its deadline leaves it open for the process exit to drop (its rows stay
// in sending and are recovered at the next start).
func (a *app) run(ctx context.Context, once bool) (err error) {
	ctx, a.fail = context.WithCancelCause(ctx)
	defer func() { err = cmp.Or(err, failure(ctx)); a.fail(nil) }()
	if err := a.claimToken(ctx); err != nil || ctx.Err() != nil {
		_ = a.store.Close() // the check wrote nothing
		return err
	}
	var wg sync.WaitGroup
	dispCtx, stopDisp := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDisp()
	dispDone := make(chan error, 1)
	go func() { dispDone <- a.disp.Run(dispCtx) }()
	// botCtx ends when the shutdown starts, also after a -once round (ctx
	// itself does not end then): commands, reloads, admin work and the
	// search rebuild (resumed at the next start) stop with it.
	botCtx, stopBot := context.WithCancel(ctx)
	defer stopBot()
	a.bg.start(botCtx)
	a.bg.Go(a.rebuildSearch)

	// Whatever serve returns, the dispatcher is running: every way out goes
	// through the ordered shutdown, or in-flight rows would be cut off from
	// the database they must be marked in.
	runErr := a.serve(ctx, botCtx, once, &wg)

	idle := true // nothing that writes to the store still runs
	step := func(name string, d time.Duration, fn func(ctx context.Context) error) {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d)
		defer cancel()
		if err := fn(sctx); err != nil {
			if sctx.Err() != nil {
				idle = false
				a.log.Warn("shutdown step overran its deadline", "step", name, "deadline", d)
				return
			}
			a.log.Warn("shutdown step", "step", name, "err", err)
		}
	}
	step("scheduler", stopScheduler, a.sched.Stop)
	if a.webhook != nil {
		step("webhook listener", stopListeners, func(ctx context.Context) error {
			if err := a.webhook.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		})
	}
	if a.health != nil {
		a.health.stop()
	}
	stopBot()
	step("bot and admin work", stopHandlers, func(ctx context.Context) error {
		return waitCtx(ctx, func() { wg.Wait(); a.bg.wait() })
	})
	stopDisp()
	step("dispatcher", stopDispatcher, func(ctx context.Context) error {
		select {
		case err := <-dispDone:
			if err != nil && !errors.Is(err, context.Canceled) {
				a.log.Error("dispatcher stopped", "err", err)
			}
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	if idle {
		if err := a.store.Close(); err != nil {
			a.log.Warn("close database", "err", err)
		}
	} else {
		a.log.Warn("database left open for the exit: claimed rows resume at the next start")
	}
	return runErr
}

// waitCtx runs wait and returns when it did, or ctx's error when ctx ends
// first (wait then finishes on its own).
func waitCtx(ctx context.Context, wait func()) error {
	done := make(chan struct{})
	go func() {
		wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// rebuildSearch rebuilds the search index in the background when an
// upgrade queued it; /search answers "rebuilding" meanwhile.
func (a *app) rebuildSearch(ctx context.Context) {
	if err := a.store.RebuildSearch(ctx); err != nil && ctx.Err() == nil {
		a.log.Error("rebuild search index; the next start resumes it", "err", err)
	}
}

// serve starts the bot, the health listener, the scheduler and the reload
// triggers, then waits for ctx (or, with once, for one round to be
// delivered).
func (a *app) serve(ctx, botCtx context.Context, once bool, wg *sync.WaitGroup) error {
	if a.tg != nil && a.webhook != nil && !once {
		if err := a.startWebhook(ctx, botCtx, wg); err != nil {
			return err
		}
	} else if a.tg != nil && a.webhook == nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.tg.Run(botCtx); err != nil && !errors.Is(err, context.Canceled) {
				a.botStopped(err)
			}
		}()
	}
	a.notifyUnresolved(ctx, a.unresolved)
	if a.health != nil {
		if err := a.health.start(); err != nil {
			return err
		}
	}
	a.startReloads(botCtx, wg)
	if once {
		return a.runOnce(ctx)
	}
	if err := a.sched.Start(ctx); err != nil {
		return err
	}
	a.log.Info("briefbot running", "feeds", len(a.cfg.Feeds), "db", a.cfg.Database.Path)
	<-ctx.Done()
	a.log.Info("shutting down")
	return nil
}

// startWebhook listens on telegram.webhook.listen (failing fast when the
// address is taken), serves the bot's webhook handler there, tells Telegram
// the public URL, and runs the bot's webhook loop instead of long polling.
func (a *app) startWebhook(ctx, botCtx context.Context, wg *sync.WaitGroup) error {
	ln, err := net.Listen("tcp", a.webhook.Addr)
	if err != nil {
		return fmt.Errorf("webhook listen %s: %w", a.webhook.Addr, err)
	}
	// Until Serve and RunWebhook run, Telegram's first calls get refused
	// and are retried: nothing is lost by registering first.
	w := a.cfg.Telegram.Webhook
	if err := a.tg.SetWebhook(ctx, w.PublicURL, w.SecretToken); err != nil {
		ln.Close()
		return err
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := a.webhook.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("webhook listener", "err", err)
		}
	}()
	go func() {
		defer wg.Done()
		if err := a.tg.RunWebhook(botCtx); err != nil && !errors.Is(err, context.Canceled) {
			a.log.Error("bot stopped", "err", err)
		}
	}()
	a.webhookAddr.Store(ln.Addr().String())
	a.log.Info("webhook mode", "listen", ln.Addr().String(), "public_url", w.PublicURL)
	return nil
}

// startReloads reloads the config when its file changes or on SIGHUP, until
// ctx ends. A SIGHUP received since main installed the handler, before the
// daemon was ready to reload, is waiting in the channel and applied now.
func (a *app) startReloads(ctx context.Context, wg *sync.WaitGroup) {
	hup, own := hangups, false
	if hup == nil { // not started by main (tests)
		hup, own = make(chan os.Signal, 1), true
		signal.Notify(hup, syscall.SIGHUP)
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		if own {
			defer signal.Stop(hup)
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				_ = a.rl.reload(ctx, triggerSIGHUP, true) // logged and notified inside
			}
		}
	}()
	go func() {
		defer wg.Done()
		if err := a.rl.watch(ctx); err != nil {
			a.log.Warn("config file not watched; reload with SIGHUP or /reload", "err", err)
		}
	}()
}

// runOnce fetches every feed, delivers what is due, and when that sent
// nothing says why: on stdout in console mode, where the briefs would
// have been, else in the log.
func (a *app) runOnce(ctx context.Context) error {
	mark, err := a.markRound(ctx)
	if err != nil {
		return err
	}
	if err := a.sched.RunOnce(ctx); err != nil {
		return err
	}
	if err := a.waitDelivered(ctx); err != nil || ctx.Err() != nil {
		return err
	}
	why, err := a.whyNothingSent(ctx, mark)
	switch {
	case err != nil || why == "":
		return err
	case a.tg == nil:
		_, err = fmt.Fprintf(a.stdout, "nothing sent: %s\n", why)
		return err
	}
	a.log.Info("nothing sent", "why", why)
	return nil
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
