package main

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fakeResolver answers lookups from a table; a host mapped to nothing
// hangs until the look-up's context ends, as a broken resolver does.
func fakeResolver(t *testing.T, table map[string]string) {
	t.Helper()
	oldLookup, oldWithin := lookupNetIP, resolveWithin
	t.Cleanup(func() { lookupNetIP, resolveWithin = oldLookup, oldWithin })
	resolveWithin = 200 * time.Millisecond
	lookupNetIP = func(ctx context.Context, _, host string) ([]netip.Addr, error) {
		a, ok := table[host]
		if !ok {
			return nil, fmt.Errorf("lookup %s: no such host", host)
		}
		if a == "" {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return []netip.Addr{netip.MustParseAddr(a)}, nil
	}
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckConfigWarnsAboutPrivateFeeds: feeds the fetcher will refuse are
// warned about, each at its line and naming the key that allows them, and
// check-config still exits 0; with the key set, nothing is said.
func TestCheckConfigWarnsAboutPrivateFeeds(t *testing.T) {
	fakeResolver(t, map[string]string{
		"news.example.com":   "10.1.2.3",
		"public.example.org": "93.184.216.34",
		"slow.example.net":   "",
	})
	feeds := `topics: [{name: w}]
feeds:
  - {name: a, url: "http://127.0.0.1:1200/nhk/news", topics: [w]}
  - {name: b, url: "http://localhost:1200/x", topics: [w]}
  - {name: c, url: "http://rsshub.lan/telegram/channel/x", topics: [w]}
  - {name: d, url: "http://rsshub:1200/x", topics: [w]}
  - {name: e, url: "https://news.example.com/feed", topics: [w]}
  - {name: f, url: "https://public.example.org/feed", topics: [w]}
  - {name: g, url: "https://slow.example.net/feed", topics: [w]}
  - {name: h, url: "http://[::1]:8080/feed", topics: [w]}
  - {name: i, url: "https://8.8.8.8/feed", topics: [w]}
`
	path := writeFile(t, feeds)
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"check-config", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("check-config exited %d: %s", code, errOut.String())
	}
	const allow = ": the bot will refuse to fetch it; set fetch.allow_private_addresses: true to allow feeds on your own network"
	want := []string{
		path + ":3: feeds[0].url: warning: is on a private address (127.0.0.1)" + allow,
		path + ":4: feeds[1].url: warning: is on localhost" + allow,
		path + ":5: feeds[2].url: warning: names a host of the local network (rsshub.lan)" + allow,
		path + ":6: feeds[3].url: warning: names a host of the local network (rsshub)" + allow,
		path + ":7: feeds[4].url: warning: resolves to a private address (news.example.com → 10.1.2.3)" + allow,
		path + ":10: feeds[7].url: warning: is on a private address (::1)" + allow,
	}
	if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", errOut.String(), strings.Join(want, "\n"))
	}
	if !strings.Contains(out.String(), ": ok — 9 feeds") || !strings.Contains(out.String(), "(6 warnings above)") {
		t.Errorf("stdout = %q, want ok and the warning count", out.String())
	}

	allowed := writeFile(t, feeds+"fetch: {allow_private_addresses: true}\n")
	out, errOut = syncBuffer{}, syncBuffer{}
	if code := run(context.Background(), []string{"check-config", "-config", allowed}, &out, &errOut); code != 0 || errOut.String() != "" {
		t.Errorf("with the key set: exit %d, stderr %q; want 0 and no warning", code, errOut.String())
	}
}

// TestCheckConfigErrorsInLineOrder: every mistake, whichever pass found it,
// is listed in the order of the file's lines, a malformed channel name
// among them.
func TestCheckConfigErrorsInLineOrder(t *testing.T) {
	path := writeFile(t, `timezone: Nowhere/Land
fetch:
  per_host: many
  timeot: 5s
topics: [{name: w}]
channels:
  - {chat_id: "@", topics: [w]}
  - chat_id: abc
    topics: [nope]
log: {level: loud}
`)
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"check-config", "-config", path}, &out, &errOut); code != 1 {
		t.Fatalf("check-config exited %d, want 1: %s", code, errOut.String())
	}
	lineRE := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + `:(\d+): (\S+):`)
	var got []string
	for _, m := range lineRE.FindAllStringSubmatch(errOut.String(), -1) {
		got = append(got, m[1]+" "+m[2])
	}
	want := "1 timezone; 3 fetch.per_host; 4 fetch.timeot; 7 channels[0].chat_id; 8 channels[1].chat_id; 9 channels[1].topics[0]; 10 log.level"
	if strings.Join(got, "; ") != want {
		t.Errorf("errors in order\n got %s\nwant %s\n%s", strings.Join(got, "; "), want, errOut.String())
	}
}
