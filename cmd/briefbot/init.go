package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"text/template"

	"briefbot/examples"
)

// starterFeed is the name of the sample feed init writes beside the config.
const starterFeed = "sample-feed.xml"

//go:embed starter/config.yaml
var starterText string

var starterConfig = template.Must(template.New("config.yaml").Parse(starterText))

// initCommand writes a starter config, and the sample feed it briefs, that
// check-config accepts and run uses at once in console mode. It never
// overwrites a file: an existing config is the operator's.
func initCommand(args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("init", stderr)
	listen := fs.String("listen", "127.0.0.1:9090", "http.listen of the starter config (/healthz and /metrics)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "init takes no arguments, got %q\n", fs.Args())
		return errUsage
	}
	if _, _, err := net.SplitHostPort(*listen); err != nil {
		fmt.Fprintf(stderr, "-listen must be host:port, e.g. 0.0.0.0:9090: %v\n", err)
		return errUsage
	}
	abs, err := filepath.Abs(*path)
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	var cfg bytes.Buffer
	if err := starterConfig.Execute(&cfg, struct{ Config, Listen string }{abs, *listen}); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	dir := filepath.Dir(abs)
	feed := filepath.Join(dir, starterFeed)
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("init: %s already exists; init never overwrites a file (move it away, or pass -config with another name)", abs)
	}
	// A sample feed from an earlier init is kept; another file of that
	// name is not ours to replace.
	writeFeed := true
	if old, err := os.ReadFile(feed); err == nil {
		if !bytes.Equal(old, examples.SampleFeed) {
			return fmt.Errorf("init: %s already exists; init never overwrites a file (move it away, or pass -config with another folder)", feed)
		}
		writeFeed = false
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	// The feed first: a config without its feed would fail check-config.
	if writeFeed {
		if err := writeNew(feed, examples.SampleFeed, 0o644); err != nil {
			return err
		}
	}
	if err := writeNew(abs, cfg.Bytes(), 0o600); err != nil {
		if writeFeed {
			_ = os.Remove(feed)
		}
		return err
	}
	fmt.Fprintf(stdout, `wrote %s and %s beside it.
It runs as it is, in console mode: the sample feed's briefs are printed, not sent.
  briefbot check-config -config %[1]s
  briefbot run -once -config %[1]s
Set TELEGRAM_BOT_TOKEN to send them to Telegram; the comments in the file say what to change.
`, abs, starterFeed)
	return nil
}

// writeNew creates path with data, failing if it exists (O_EXCL: also when
// another process creates it meanwhile).
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("init: %s already exists; init never overwrites a file", path)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	return nil
}
