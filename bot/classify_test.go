package bot

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
)

func TestClassify(t *testing.T) {
	tg := func(code int, msg string, p tgbotapi.ResponseParameters) error {
		return &tgbotapi.Error{Code: code, Message: msg, ResponseParameters: p}
	}
	var syntax *json.SyntaxError
	_ = json.Unmarshal([]byte("<html>502 Bad Gateway</html>"), &struct{}{})
	syntaxErr := json.Unmarshal([]byte("<html>"), &syntax)
	cases := []struct {
		name string
		err  error
		kind briefbot.SendErrorKind
	}{
		{"429", tg(429, "Too Many Requests: retry after 7", tgbotapi.ResponseParameters{RetryAfter: 7}), briefbot.SendRateLimited},
		{"blocked", tg(403, "Forbidden: bot was blocked by the user", tgbotapi.ResponseParameters{}), briefbot.SendChatGone},
		{"deactivated", tg(403, "Forbidden: user is deactivated", tgbotapi.ResponseParameters{}), briefbot.SendChatGone},
		{"kicked", tg(403, "Forbidden: bot was kicked from the supergroup chat", tgbotapi.ResponseParameters{}), briefbot.SendChatGone},
		{"not found", tg(400, "Bad Request: chat not found", tgbotapi.ResponseParameters{}), briefbot.SendChatGone},
		{"migrated", tg(400, "Bad Request: group chat was upgraded to a supergroup chat", tgbotapi.ResponseParameters{MigrateToChatID: -100123}), briefbot.SendMigrated},
		{"markup", tg(400, `Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 0`, tgbotapi.ResponseParameters{}), briefbot.SendBadMarkup},
		{"too long", tg(400, "Bad Request: message is too long", tgbotapi.ResponseParameters{}), briefbot.SendTooLong},
		{"500", tg(500, "Internal Server Error", tgbotapi.ResponseParameters{}), briefbot.SendTransient},
		{"502 html", syntaxErr, briefbot.SendTransient},
		{"connection", &url.Error{Op: "Post", URL: "http://x/botT/sendMessage", Err: errors.New("connection refused")}, briefbot.SendTransient},
		{"401 token", tg(401, "Unauthorized", tgbotapi.ResponseParameters{}), briefbot.SendTransient},
		{"other 400", tg(400, "Bad Request: message text is empty", tgbotapi.ResponseParameters{}), briefbot.SendPermanent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			se := classify(c.err)
			if se.Kind != c.kind {
				t.Fatalf("kind = %d, want %d (%v)", se.Kind, c.kind, se)
			}
			if !errors.Is(se, c.err) {
				t.Error("cause not wrapped")
			}
		})
	}
	if se := classify(cases[0].err); se.RetryAfter != 7*time.Second {
		t.Errorf("retry after = %v", se.RetryAfter)
	}
	if se := classify(cases[5].err); se.MigrateTo != -100123 {
		t.Errorf("migrate to = %d", se.MigrateTo)
	}
}

func TestScrub(t *testing.T) {
	b := &Bot{opts: Options{Token: "123:SECRET"}}
	err := b.scrub(&url.Error{Op: "Post", URL: "https://api.telegram.org/bot123:SECRET/sendMessage", Err: errors.New("dial tcp: timeout")})
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("token leaked: %v", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) || strings.Contains(ue.URL, "SECRET") {
		t.Errorf("url error lost or leaking: %#v", err)
	}
}

func TestGCRA(t *testing.T) {
	t0 := time.Unix(1000, 0)
	g := gcra{interval: time.Second, burst: 2}
	var got []time.Duration
	for range 5 {
		got = append(got, g.reserve(t0, time.Time{}).Sub(t0))
	}
	want := []time.Duration{0, 0, time.Second, 2 * time.Second, 3 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("slots = %v, want %v", got, want)
		}
	}
	// A pause (retry_after) moves the next slot.
	g = gcra{interval: time.Second, burst: 1}
	if s := g.reserve(t0, t0.Add(5*time.Second)); !s.Equal(t0.Add(5 * time.Second)) {
		t.Errorf("paused slot = %v", s.Sub(t0))
	}
}

func TestFlightWindow(t *testing.T) {
	t0 := time.Unix(1000, 0)
	f := flight{n: 3}
	for i := range 3 {
		if w := f.acquire(t0); w != 0 {
			t.Fatalf("acquire %d waits %v", i, w)
		}
	}
	if w := f.acquire(t0); w == 0 {
		t.Fatal("fourth request admitted with three in flight")
	}
	f.release(true, t0.Add(100*time.Millisecond))
	f.release(false, t0.Add(100*time.Millisecond)) // never left: frees its place at once
	if w := f.acquire(t0.Add(200 * time.Millisecond)); w != 0 {
		t.Fatalf("place of an unsent request not freed: wait %v", w)
	}
	// Full again: the answered request frees its place a second after its answer.
	if w := f.acquire(t0.Add(300 * time.Millisecond)); w != 800*time.Millisecond {
		t.Errorf("wait = %v, want 800ms", w)
	}
	if w := f.acquire(t0.Add(1101 * time.Millisecond)); w != 0 {
		t.Errorf("not admitted after the window: %v", w)
	}
}

func TestQueryCacheBounded(t *testing.T) {
	c := newQueryCache(2)
	a := c.put(1, "a")
	c.put(1, "b")
	c.get(1, a) // a is now the most recent
	c.put(1, "c")
	if _, ok := c.get(1, a); !ok {
		t.Error("recently used entry evicted")
	}
	if len(c.byID) != 2 || c.order.Len() != 2 {
		t.Errorf("cache holds %d entries, want 2", len(c.byID))
	}
}

// TestQueryCacheIDsBoundToChat: ids are unguessable and read nothing from
// another chat, and an unknown id is simply not found.
func TestQueryCacheIDsBoundToChat(t *testing.T) {
	c := newQueryCache(64)
	seen := map[string]bool{}
	var first string
	for i := range 50 {
		id := c.put(7, "停戦")
		if seen[id] || len(id) != 11 {
			t.Fatalf("put %d: id %q repeats or is not 11 characters", i, id)
		}
		seen[id] = true
		if first == "" {
			first = id
		}
	}
	if q, ok := c.get(7, first); !ok || q != "停戦" {
		t.Errorf("owner's get = %q, %v", q, ok)
	}
	if q, ok := c.get(8, first); ok {
		t.Errorf("another chat read %q", q)
	}
	for _, id := range []string{"1", "2", "a", "", "AAAAAAAAAAA"} {
		if _, ok := c.get(7, id); ok {
			t.Errorf("made-up id %q found", id)
		}
	}
}

func TestUserLimiter(t *testing.T) {
	l := newUserLimiter(2, time.Minute)
	t0 := time.Unix(1000, 0)
	if !l.allow(1, t0) || !l.allow(1, t0.Add(time.Second)) || l.allow(1, t0.Add(2*time.Second)) {
		t.Error("third search within a minute allowed")
	}
	if !l.allow(2, t0) {
		t.Error("another user limited")
	}
	if !l.allow(1, t0.Add(61*time.Second)) {
		t.Error("not allowed again after the window")
	}
}

func TestSampledLog(t *testing.T) {
	l := &sampledLog{every: time.Minute}
	t0 := time.Unix(1000, 0)
	for _, tt := range []struct {
		at   time.Duration
		want int
	}{{0, 1}, {time.Second, 0}, {30 * time.Second, 0}, {61 * time.Second, 3}, {62 * time.Second, 0}, {5 * time.Minute, 2}} {
		if got := l.event(t0.Add(tt.at)); got != tt.want {
			t.Errorf("event at %v = %d, want %d", tt.at, got, tt.want)
		}
	}
}
