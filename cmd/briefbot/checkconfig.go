package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"briefbot/config"
	"briefbot/feed"
)

func checkConfigCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("check-config", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	warnings := privateFeedWarnings(ctx, cfg)
	for _, w := range warnings {
		fmt.Fprintln(stderr, w)
	}
	mode := "telegram"
	if cfg.Telegram.Token == "" {
		mode = "console (no token)"
	}
	fmt.Fprintf(stdout, "%s: ok — %d feeds, %d topics, %d channels, mode %s",
		cfg.File, len(cfg.Feeds), len(cfg.Topics), len(cfg.Channels), mode)
	if n := len(warnings); n > 0 {
		fmt.Fprintf(stdout, " (%d %s above)", n, plural(n, "warning", "warnings"))
	}
	fmt.Fprintln(stdout)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// resolveWithin bounds check-config's look-ups of feed hosts: a warning is
// worth two seconds, not a hang on a broken resolver.
var resolveWithin = 2 * time.Second

// lookupNetIP resolves a feed host for the warnings; tests replace it.
var lookupNetIP = net.DefaultResolver.LookupNetIP

// localSuffixes are names only a local network resolves: mDNS (.local),
// home routers (.lan, .home.arpa) and private zones (.internal).
var localSuffixes = []string{".local", ".lan", ".internal", ".home.arpa"}

// privateFeedWarnings names the feeds the fetcher will refuse because they
// live on a private network (a self-hosted RSSHub, say) while
// fetch.allow_private_addresses is false: literal private addresses,
// localhost, local-network names, and names that resolve, within
// resolveWithin, to private addresses. A name that does not resolve in
// time is not warned about: the fetch will say what is wrong with it.
func privateFeedWarnings(ctx context.Context, cfg *config.Config) []config.FieldError {
	if cfg.Fetch.AllowPrivateAddresses {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, resolveWithin)
	defer cancel()
	why := make([]string, len(cfg.Feeds))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 16) // look-ups at a time: a config may list a thousand feeds
	for i, f := range cfg.Feeds {
		u, err := url.Parse(f.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			continue // a local file, or an error validation reported
		}
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if _, err := netip.ParseAddr(host); err == nil {
			if isPrivate(ctx, host) {
				why[i] = fmt.Sprintf("is on a private address (%s)", host)
			}
			continue
		}
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			why[i] = "is on localhost"
			continue
		}
		if !strings.Contains(host, ".") || hasAnySuffix(host, localSuffixes) {
			why[i] = fmt.Sprintf("names a host of the local network (%s)", host)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
			case <-ctx.Done():
				return
			}
			addrs, err := lookupNetIP(ctx, "ip", host)
			if err != nil {
				return
			}
			for _, a := range addrs {
				if a := a.Unmap().WithZone(""); isPrivate(ctx, a.String()) {
					why[i] = fmt.Sprintf("resolves to a private address (%s → %s)", host, a)
					return
				}
			}
		}()
	}
	wg.Wait()
	var out []config.FieldError
	for i, w := range why {
		if w != "" {
			out = append(out, cfg.Warn(fmt.Sprintf("feeds[%d].url", i),
				"%s: the bot will refuse to fetch it; set fetch.allow_private_addresses: true to allow feeds on your own network", w))
		}
	}
	return out
}

// isPrivate asks the fetcher's own rule, so that what check-config warns
// about is exactly what fetching refuses.
func isPrivate(ctx context.Context, literal string) bool {
	host := literal
	if strings.Contains(literal, ":") {
		host = "[" + literal + "]"
	}
	return errors.Is(feed.CheckURL(ctx, "http://"+host+"/", false), feed.ErrPrivateAddress)
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
