// Command fakebotapi serves the fake Telegram Bot API of
// briefbot/internal/telegramtest as a standalone process, for crash and
// load harnesses that run briefbot as a separate process. Besides the Bot
// API under /bot<token>/ it serves JSON control endpoints under /control/
// (stats, messages, counts, failure, migrate, retry_after, chat, update,
// reset).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"briefbot/internal/telegramtest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakebotapi:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done or SIGINT/SIGTERM arrives.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakebotapi", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8081", "address to listen on (port 0 picks one)")
	token := fs.String("token", "TEST:TOKEN", "the only bot token accepted")
	username := fs.String("username", "briefbot_test_bot", "bot username returned by getMe")
	limits := fs.Bool("limits", false, "enforce Telegram's flood limits")
	global := fs.Int("global", 30, "messages sent or edited per second overall, with -limits")
	private := fs.Float64("private", 1, "messages per second per private chat (bursts of 3), with -limits")
	group := fs.Int("group", 20, "messages per minute per group or channel, with -limits")
	retryAfter := fs.Int("retry-after", 1, "retry_after in 429s injected through /control/failure")
	lenient := fs.Bool("lenient-entities", false, "keep unknown HTML entities literally, as Telegram does")
	if err := fs.Parse(args); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv := telegramtest.NewHandler(telegramtest.Options{
		Token:            *token,
		BotUsername:      *username,
		EnforceLimits:    *limits,
		GlobalPerSecond:  *global,
		PrivatePerSecond: *private,
		GroupPerMinute:   *group,
		LenientEntities:  *lenient,
	})
	srv.SetRetryAfter(*retryAfter)

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *listen, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	// Harnesses wait for this exact line before they start the bot.
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	slog.Info("fake bot api ready", "addr", ln.Addr().String(), "limits", *limits)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Release parked long polls and held requests before waiting for them.
	srv.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	st := srv.Stats()
	slog.Info("fake bot api stopped", "requests", st.Requests, "sent", st.Sent, "rejected_429", st.Rejected429, "rejected_other", st.RejectedOther)
	return nil
}
