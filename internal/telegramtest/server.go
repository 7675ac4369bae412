// Package telegramtest is a fake Telegram Bot API served over real HTTP, so
// tests and benchmarks exercise the real tgbotapi client, Telegram's error
// envelope, its HTML parse mode, its flood limits and its long polling.
package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Server. The zero value means no flood limits and the
// token "TEST:TOKEN".
type Options struct {
	// Token is the only token accepted; other tokens get 401 Unauthorized.
	Token string
	// BotUsername is the bot's username in getMe; default "briefbot_test_bot".
	BotUsername string
	// EnforceLimits applies Telegram's flood limits below to sendMessage
	// and editMessageText alike.
	EnforceLimits bool
	// GlobalPerSecond caps messages sent or edited in any sliding 1-second
	// window (default 30).
	GlobalPerSecond int
	// PrivatePerSecond is the average rate per private chat; bursts of up
	// to 3 are tolerated (default 1).
	PrivatePerSecond float64
	// GroupPerMinute caps messages per group, supergroup or channel in any
	// sliding 60-second window (default 20).
	GroupPerMinute int
	// Now is the clock for limits and dates (default time.Now), so tests can
	// drive limits deterministically.
	Now func() time.Time
	// LenientEntities keeps unknown named HTML entities such as "&foo;" as
	// literal text, as Telegram really does; by default they are rejected so
	// escaping bugs surface in tests.
	LenientEntities bool
	// ConflictPause is how long a 409 Conflict waits when another was
	// answered less than that long ago (default 3 s, as Telegram's Bot API
	// server does), so two pollers fighting see a conflict every few seconds.
	ConflictPause time.Duration
}

// privateBurst is how many messages a private chat tolerates back to back.
const privateBurst = 3

func (o Options) withDefaults() Options {
	if o.Token == "" {
		o.Token = "TEST:TOKEN"
	}
	if o.BotUsername == "" {
		o.BotUsername = "briefbot_test_bot"
	}
	if o.GlobalPerSecond <= 0 {
		o.GlobalPerSecond = 30
	}
	if o.PrivatePerSecond <= 0 {
		o.PrivatePerSecond = 1
	}
	if o.GroupPerMinute <= 0 {
		o.GroupPerMinute = 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ConflictPause <= 0 {
		o.ConflictPause = 3 * time.Second
	}
	return o
}

// Server is a fake Telegram Bot API. All methods are safe for concurrent use.
type Server struct {
	opts    Options
	bot     user
	handler http.Handler
	ts      *httptest.Server

	closeOnce sync.Once
	closed    chan struct{}

	mu sync.Mutex
	// changed is closed and replaced on every state change a waiter may be
	// interested in (new update, accepted message); waiters re-check.
	changed chan struct{}
	st      state
}

// state is everything Reset clears.
type state struct {
	chats        map[int64]*chat
	all          []*stored
	updates      []queuedUpdate
	nextUpdateID int
	polling      bool      // a long poll is parked (poll is set)
	poll         *longPoll // the parked long poll a newer one ends with 409
	nextConflict time.Time // a 409 before this (wall clock) waits ConflictPause
	webhookURL   string
	menus        map[menuKey][]BotCommand
	languages    map[int64]string // user id → language_code
	answers      []string
	answerTexts  []string // the text of each answer,  when none
	members      map[[2]int64]string
	migrate      map[int64]int64
	retryAfter   int
	stats        Stats
	global       []time.Time
	nextCallback int
}

func newState() state {
	return state{
		chats:        make(map[int64]*chat),
		nextUpdateID: 100,
		members:      make(map[[2]int64]string),
		menus:        make(map[menuKey][]BotCommand),
		languages:    make(map[int64]string),
		migrate:      make(map[int64]int64),
		retryAfter:   1,
		stats:        Stats{ByMethod: make(map[string]int)},
		nextCallback: 1,
	}
}

// New returns a started server on a loopback port.
func New(opts Options) *Server {
	s := NewHandler(opts)
	s.ts = httptest.NewServer(s.handler)
	return s
}

// NewHandler returns a server that is not listening; serve Handler() on a
// listener of your own (cmd/fakebotapi does).
func NewHandler(opts Options) *Server {
	opts = opts.withDefaults()
	s := &Server{
		opts:    opts,
		closed:  make(chan struct{}),
		changed: make(chan struct{}),
		st:      newState(),
	}
	s.bot = user{ID: botID(opts.Token), IsBot: true, FirstName: "Briefbot", Username: opts.BotUsername}
	mux := http.NewServeMux()
	mux.HandleFunc("/control/", s.serveControl)
	mux.HandleFunc("/", s.serveBotAPI)
	s.handler = mux
	return s
}

// botID takes the numeric prefix of the token, as Telegram's bot id is.
func botID(token string) int64 {
	if i := strings.IndexByte(token, ':'); i > 0 {
		if id, err := strconv.ParseInt(token[:i], 10, 64); err == nil && id > 0 {
			return id
		}
	}
	return 7000000001
}

// Handler serves the Bot API under /bot<token>/<method> and the control
// endpoints under /control/.
func (s *Server) Handler() http.Handler { return s.handler }

// URL is the base URL of a server made by New, e.g. http://127.0.0.1:PORT;
// tgbotapi's endpoint is URL()+"/bot%s/%s". Empty for NewHandler servers.
func (s *Server) URL() string {
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// Endpoint is the tgbotapi endpoint format for this server.
func (s *Server) Endpoint() string { return s.URL() + "/bot%s/%s" }

// Token is the accepted bot token.
func (s *Server) Token() string { return s.opts.Token }

// BotID is the bot's user id as returned by getMe.
func (s *Server) BotID() int64 { return s.bot.ID }

// Close releases held requests (long polls, FailTimeout) and stops a server
// made by New.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closed) })
	if s.ts != nil {
		s.ts.Close()
	}
}

// Reset forgets messages, updates, failures, limits, commands and stats;
// chats added with AddChat are forgotten too.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = newState()
	s.broadcastLocked()
}

// broadcastLocked wakes every waiter; s.mu must be held.
func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) now() time.Time { return s.opts.Now() }

// writeJSON writes v with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
