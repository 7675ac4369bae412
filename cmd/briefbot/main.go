// Command briefbot turns news feeds into short briefs, one per story, and
// delivers them to Telegram chats. Without a bot token it runs in console
// mode and prints the briefs it would send.
//
// Usage:
//
//	briefbot run [-config config.yaml] [-once]
//	briefbot preview [-json] [-config config.yaml] FEED
//	briefbot check-config [-config config.yaml]
//	briefbot init [-config config.yaml] [-listen 127.0.0.1:9090]
//	briefbot healthcheck [-config config.yaml]
//	briefbot backup [-config config.yaml] FILE
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work in minimal images too
)

const usage = `briefbot turns news feeds into short briefs and sends them to Telegram.

Usage:
  briefbot run [-config FILE] [-once]        run the bot (console mode without a token)
  briefbot preview [-json] [-config FILE] FEED
                                             print the briefs a feed (URL or file) would make
  briefbot check-config [-config FILE]       validate a config file
  briefbot init [-config FILE] [-listen ADDR]
                                             write a starter config (and the sample feed beside it)
  briefbot healthcheck [-config FILE]        exit 0 if the running bot's /healthz answers ok
  briefbot backup [-config FILE] DEST        write a consistent copy of the database
  briefbot version

Every command reads -config config.yaml unless told otherwise.
`

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// hangups receives SIGHUP from main's first instruction on: without a
// handler the signal kills the process (exit 129), and a reload asked for
// during start-up must wait for the daemon to be ready, not stop it.
var hangups chan os.Signal

func main() {
	hangups = make(chan os.Signal, 1)
	signal.Notify(hangups, syscall.SIGHUP)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a mistake on the command line (exit status 2).
var errUsage = errors.New("usage")

// run executes one command and returns the process exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		err = runCommand(ctx, rest, stdout, stderr)
	case "preview":
		err = previewCommand(ctx, rest, stdout, stderr)
	case "check-config":
		err = checkConfigCommand(ctx, rest, stdout, stderr)
	case "init":
		err = initCommand(rest, stdout, stderr)
	case "healthcheck":
		err = healthcheckCommand(ctx, rest, stdout, stderr)
	case "backup":
		err = backupCommand(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "briefbot", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "briefbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	default:
		fmt.Fprintf(stderr, "briefbot: %v\n", err)
		return 1
	}
}

// newFlags returns a flag set that reports mistakes on stderr and does not
// exit, with the -config flag every command shares.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := fs.String("config", "config.yaml", "config file")
	return fs, cfg
}

// parseFlags parses args and maps flag errors to errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
