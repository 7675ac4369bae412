package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"briefbot/examples"
	"briefbot/internal/telegramtest"
)

// TestInitThenRun: init on an empty folder writes a config that
// check-config accepts and that run -once uses in console mode, without a
// token, to print the sample feed's briefs.
func TestInitThenRun(t *testing.T) {
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	dir := filepath.Join(t.TempDir(), "bot") // init makes the folder too
	path := filepath.Join(dir, "config.yaml")
	var out, errOut syncBuffer
	// Port 0: the test must not depend on 9090 being free.
	if code := run(context.Background(), []string{"init", "-config", path, "-listen", "127.0.0.1:0"}, &out, &errOut); code != 0 {
		t.Fatalf("init exited %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "wrote "+path) || !strings.Contains(out.String(), "check-config -config "+path) {
		t.Errorf("init says %q; want the file and the next commands", out.String())
	}
	if feed, err := os.ReadFile(filepath.Join(dir, "sample-feed.xml")); err != nil || !bytes.Equal(feed, examples.SampleFeed) {
		t.Fatalf("sample feed beside the config: %v", err)
	}
	out = syncBuffer{}
	if code := run(context.Background(), []string{"check-config", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("check-config exited %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "ok — 1 feeds, 3 topics, 0 channels, mode console (no token)") {
		t.Errorf("check-config says %q", out.String())
	}
	out = syncBuffer{}
	if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("run -once exited %d: %s", code, errOut.String())
	}
	if n := strings.Count(out.String(), "──── brief #"); n < 5 {
		t.Fatalf("console mode printed %d briefs, want the sample's:\n%s", n, out.String())
	}
	// Each story gets its own topic's hashtag.
	for headline, tag := range map[string]string{"千葉県北西部で震度5弱の地震": "#国内(", "日銀 金融政策決定会合": "#経済(", "捕虜300人を交換": "#国際("} {
		_, brief, _ := strings.Cut(out.String(), headline)
		brief, _, _ = strings.Cut(brief, "──── brief #")
		if !strings.Contains(brief, tag) {
			t.Errorf("the brief of %s is not tagged %s:\n%s", headline, tag, brief)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "briefbot.db")); err != nil {
		t.Errorf("the database is not beside the config: %v", err)
	}
}

// TestInitNeverOverwrites: an existing config, or another file where the
// sample feed goes, is left as it is with a clear error; a sample feed left
// by an earlier init is reused.
func TestInitNeverOverwrites(t *testing.T) {
	initIn := func(dir string, extra ...string) (int, string) {
		var out, errOut syncBuffer
		code := run(context.Background(), append([]string{"init", "-config", filepath.Join(dir, "config.yaml")}, extra...), &out, &errOut)
		return code, errOut.String()
	}
	dir := t.TempDir()
	mine := []byte("feeds: []  # mine\n")
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), mine, 0o600); err != nil {
		t.Fatal(err)
	}
	code, msg := initIn(dir)
	if got, _ := os.ReadFile(filepath.Join(dir, "config.yaml")); code != 1 || !bytes.Equal(got, mine) || !strings.Contains(msg, "config.yaml already exists; init never overwrites a file") {
		t.Errorf("existing config: exit %d, %q, file now %q", code, msg, got)
	}
	if _, err := os.Stat(filepath.Join(dir, "sample-feed.xml")); err == nil {
		t.Error("init wrote the sample feed although it refused")
	}

	dir = t.TempDir()
	other := []byte("<rss>mine</rss>")
	if err := os.WriteFile(filepath.Join(dir, "sample-feed.xml"), other, 0o644); err != nil {
		t.Fatal(err)
	}
	code, msg = initIn(dir)
	if got, _ := os.ReadFile(filepath.Join(dir, "sample-feed.xml")); code != 1 || !bytes.Equal(got, other) || !strings.Contains(msg, "sample-feed.xml already exists") {
		t.Errorf("other sample-feed.xml: exit %d, %q, file now %q", code, msg, got)
	}
	if _, err := os.Stat(filepath.Join(dir, "config.yaml")); err == nil {
		t.Error("init wrote a config whose feed is not the sample")
	}

	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sample-feed.xml"), examples.SampleFeed, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, msg := initIn(dir); code != 0 {
		t.Errorf("beside an earlier sample feed: exit %d, %s", code, msg)
	}
	if code, _ := initIn(t.TempDir(), "-listen", "9090"); code != 2 {
		t.Errorf("-listen without a host: exit %d, want 2", code)
	}
}

// TestStarterConfig: the Docker image's starter listens on every interface;
// its topics are the example config's, so the sample is tagged alike.
func TestStarterConfig(t *testing.T) {
	dir := t.TempDir()
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"init", "-config", filepath.Join(dir, "config.yaml"), "-listen", "0.0.0.0:9090"}, &out, &errOut); code != 0 {
		t.Fatalf("init exited %d: %s", code, errOut.String())
	}
	starter, err := loadConfig(filepath.Join(dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if starter.HTTP.Listen != "0.0.0.0:9090" {
		t.Errorf("http.listen = %q, want 0.0.0.0:9090", starter.HTTP.Listen)
	}
	example, err := loadConfig(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if example.HTTP.Listen != "127.0.0.1:9090" {
		t.Errorf("config.example.yaml listens on %q; it keeps 127.0.0.1:9090", example.HTTP.Listen)
	}
	if !reflect.DeepEqual(starter.Topics, example.Topics) || !reflect.DeepEqual(starter.Feeds[0].Topics, example.Feeds[0].Topics) {
		t.Errorf("starter topics %v / %v differ from the example's %v / %v", starter.Topics, starter.Feeds[0].Topics, example.Topics, example.Feeds[0].Topics)
	}
}

// TestGoingLiveAfterConsoleMode: a database that ran in console mode, as
// the starter config does, then runs with a token: the console chat takes
// no more briefs, so none fails against Telegram.
func TestGoingLiveAfterConsoleMode(t *testing.T) {
	const token = "123456:LIVE-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	feeds := newFeedServer(t)
	feeds.add("one", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p>", time.Now().Add(-time.Minute))
	path := writeConfig(t, tg.URL(), feeds.srv.URL, "${BOT_TOKEN}")
	runOnce := func(tok string) string {
		t.Helper()
		t.Setenv("BOT_TOKEN", tok)
		var out, errOut syncBuffer
		if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
			t.Fatalf("run -once exited %d: %s", code, errOut.String())
		}
		return out.String()
	}
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	if out := runOnce(""); !strings.Contains(out, "──── brief #1") {
		t.Fatalf("console mode printed no brief:\n%s", out)
	}
	feeds.add("two", "日銀が政策金利を据え置き", "<p>日銀は20日の金融政策決定会合で、政策金利を0.75%で据え置きました。</p>", time.Now().Add(-time.Minute))
	runOnce(token)
	if st := tg.Stats(); st.RejectedOther != 0 {
		t.Errorf("Telegram refused %d requests (%v): the console chat still takes briefs", st.RejectedOther, st.ByMethod)
	}
}
