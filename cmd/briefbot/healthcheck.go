package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// healthcheckTimeout bounds the whole check: a container health check must
// answer, not hang, when the bot does.
const healthcheckTimeout = 3 * time.Second

// healthcheckCommand asks the running bot's /healthz, at the config's
// http.listen, whether it is healthy: exit 0 when it answers 200 within
// healthcheckTimeout, else 1. It is the image's HEALTHCHECK, which has no
// curl.
func healthcheckCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("healthcheck", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	if cfg.HTTP.Listen == "" {
		return fmt.Errorf("healthcheck: http.listen is empty in %s: the bot serves no /healthz", cfg.File)
	}
	u, err := healthURL(cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("healthcheck: http.listen %q: %w", cfg.HTTP.Listen, err)
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s: %s", u, resp.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(stdout, "%s", body)
	return nil
}

// healthURL is the /healthz address to ask for a listen address: one that
// listens on every interface (0.0.0.0:9090, [::]:9090, :9090) is asked on
// loopback, from inside the same host or container.
func healthURL(listen string) (string, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", err
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
