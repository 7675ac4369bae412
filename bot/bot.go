// Package bot is briefbot's Telegram side: a tgbotapi client with bounded
// HTTP timeouts, a poll loop that survives bad updates and flood control,
// the command handlers and keyboards, the Sender that classifies Telegram's
// errors, and the Dispatcher that works the delivery ledger with pacing.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/catalog"
)

// sendTimeout bounds one non-polling request; tgbotapi's default client has
// no timeout at all, so a stuck connection would hang a worker forever.
const sendTimeout = 15 * time.Second

// Options configures a Bot.
type Options struct {
	Token        string // never logged, never in errors
	APIURL       string // base URL; the endpoint is APIURL + "/bot%s/%s"
	Topics       []briefbot.Topic
	Admins       []int64
	Location     *time.Location // days of /today
	LinkPreviews bool           // telegram.link_previews: a chat's default
	// DefaultLanguage is the language the bot speaks in a chat that has
	// none (default_language): ja, en or ru; default
	// briefbot.DefaultInterfaceLanguage.
	DefaultLanguage string
	// EditionTimes lists the times of delivery.editions in a chat's zone,
	// for /settings ("07:00"); nil shows none.
	EditionTimes func(loc *time.Location) []string
	// PollTimeout is the getUpdates long-poll timeout (≤ 50 s, default 50 s).
	PollTimeout time.Duration
	// ConflictConfirm is how long getUpdates must keep meeting another
	// poller (409 Conflict) before Run stops with ErrConflict (default 30 s).
	ConflictConfirm time.Duration
	// SearchPerUserPerMinute limits /search per user (default
	// briefbot.DefaultSearchPerUserPerMinute).
	SearchPerUserPerMinute int
	Logger                 *slog.Logger // nil logs nothing
	Now                    func() time.Time

	// Admin serves the admin commands (/feeds, /stats, /reload, /addfeed,
	// /delfeed) to the users in Admins; nil answers them like any unknown
	// command.
	Admin Admin
	// PaidBroadcast sends ledger messages with allow_paid_broadcast, which
	// lifts Telegram's 30 msg/s limit for a fee.
	PaidBroadcast bool
	// Observer counts updates; nil counts nothing.
	Observer Observer
}

// Stores are the services the handlers read and write.
type Stores struct {
	Chats  briefbot.ChatStore
	Subs   briefbot.SubscriptionStore
	Briefs briefbot.BriefStore
	Search briefbot.Searcher
	// Settings serves /settings and /stop; nil uses Chats when it also
	// implements briefbot.ChatSettingsStore, else both are unavailable.
	Settings briefbot.ChatSettingsStore
	// Updates remembers the updates handled, so one Telegram delivers
	// again is handled once; nil handles every delivery.
	Updates UpdateStore
}

// UpdateStore remembers which Telegram updates the bot handled, durably.
type UpdateStore interface {
	// ClaimUpdate records update id as being handled and reports whether
	// it is new: false for an update handled before, or older than every
	// update remembered.
	ClaimUpdate(ctx context.Context, id int) (bool, error)
}

// Bot talks to the Telegram Bot API: it polls updates, answers commands and
// sends ledger messages (it implements briefbot.Sender).
type Bot struct {
	api        *tgbotapi.BotAPI
	sendClient *http.Client
	pollClient *http.Client
	opts       Options
	st         Stores
	log        *slog.Logger
	obs        Observer
	settings   atomic.Pointer[settings]

	searches *queryCache
	limiter  *userLimiter
	// feedNames keeps feed names too long for a button's 64-byte callback
	// data behind short ids.
	feedNames *queryCache

	// pace spaces every message to Telegram's limits; a Dispatcher sending
	// through the Bot shares it. replies sends the answers to commands.
	pace    *pacer
	replies *replyQueue

	router   atomic.Pointer[router] // set while Run or RunWebhook runs
	cmdMu    sync.Mutex
	cmdScope map[int64]bool // admins whose chat-scoped menu is registered

	halted halts // chats stopped or paused: Send refuses their messages
	reach  reach // admins Telegram will not deliver to
	// defaultLang is Options.DefaultLanguage, as a reload last set it.
	defaultLang atomic.Value
}

var _ briefbot.Sender = (*Bot)(nil)

// New checks the token with getMe and returns a Bot ready to Run and Send.
func New(ctx context.Context, opts Options, st Stores) (*Bot, error) {
	if opts.Token == "" {
		return nil, errors.New("bot: empty token")
	}
	if opts.APIURL == "" {
		opts.APIURL = briefbot.DefaultAPIURL
	}
	opts.APIURL = strings.TrimRight(opts.APIURL, "/")
	if opts.PollTimeout <= 0 || opts.PollTimeout > 50*time.Second {
		opts.PollTimeout = 50 * time.Second
	}
	if opts.SearchPerUserPerMinute <= 0 {
		opts.SearchPerUserPerMinute = briefbot.DefaultSearchPerUserPerMinute
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if !catalog.Known(opts.DefaultLanguage) {
		opts.DefaultLanguage = briefbot.DefaultInterfaceLanguage
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	b := &Bot{
		sendClient: &http.Client{Timeout: sendTimeout, Transport: newTransport(64)},
		// The long poll holds the request for PollTimeout; give the server
		// headroom before calling the connection dead.
		pollClient: &http.Client{Timeout: opts.PollTimeout + 15*time.Second, Transport: newTransport(1)},
		opts:       opts,
		st:         st,
		log:        opts.Logger,
		obs:        opts.Observer,
		searches:   newQueryCache(1024),
		limiter:    newUserLimiter(opts.SearchPerUserPerMinute, time.Minute),
		feedNames:  newQueryCache(256),
		cmdScope:   map[int64]bool{},
	}
	if b.obs == nil {
		b.obs = nopObserver{}
	}
	b.pace = newPacer(defaultPaceLimits)
	b.replies = newReplyQueue(b.pace, func(ctx context.Context, method string, p tgbotapi.Params) error {
		_, err := b.call(ctx, b.sendClient, method, p)
		return err
	}, opts.Logger)
	b.SetConfig(opts.Topics, opts.Admins)
	b.defaultLang.Store(opts.DefaultLanguage)
	// NewBotAPIWithClient calls getMe without a context; route it through a
	// context-bound client so a cancelled start-up does not hang.
	api, err := tgbotapi.NewBotAPIWithClient(opts.Token, opts.APIURL+"/bot%s/%s",
		ctxDoer{ctx: ctx, c: b.sendClient})
	if err != nil {
		return nil, fmt.Errorf("bot: getMe: %w", b.scrub(err))
	}
	api.Client = b.sendClient
	b.api = api
	return b, nil
}

// newTransport keeps up to idle connections open to the API. The default
// transport keeps two, so concurrent dispatcher workers would open and close
// a TCP (and TLS) connection for nearly every message.
func newTransport(idle int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = idle
	t.MaxIdleConnsPerHost = idle
	t.ResponseHeaderTimeout = 0 // the client's Timeout bounds the whole call
	return t
}

// Username returns the bot's @username without the @.
func (b *Bot) Username() string { return b.api.Self.UserName }

// ctxDoer binds a context to every request of tgbotapi, whose MakeRequest
// builds requests without one.
type ctxDoer struct {
	ctx context.Context
	c   *http.Client
}

// Do implements tgbotapi.HTTPClient.
func (d ctxDoer) Do(req *http.Request) (*http.Response, error) {
	return d.c.Do(req.WithContext(d.ctx))
}

// call makes one Bot API request bound to ctx. It copies the BotAPI value so
// that each call can carry its own context-bound client without racing.
func (b *Bot) call(ctx context.Context, c *http.Client, method string, p tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	api := *b.api
	api.Client = ctxDoer{ctx: ctx, c: c}
	resp, err := api.MakeRequest(method, p)
	if err != nil {
		return resp, b.scrub(err)
	}
	return resp, nil
}

// scrub removes the token from an error: net/http's *url.Error carries the
// request URL, and tgbotapi puts the token in the URL path.
func (b *Bot) scrub(err error) error {
	if err == nil || b.opts.Token == "" {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// Rebuild rather than wrap: a wrapped original would still reveal the
		// token through Unwrap.
		inner := ue.Err
		if inner != nil && strings.Contains(inner.Error(), b.opts.Token) {
			inner = errors.New(strings.ReplaceAll(inner.Error(), b.opts.Token, "<token>"))
		}
		return &url.Error{Op: ue.Op, URL: strings.ReplaceAll(ue.URL, b.opts.Token, "<token>"), Err: inner}
	}
	if strings.Contains(err.Error(), b.opts.Token) {
		return errors.New(strings.ReplaceAll(err.Error(), b.opts.Token, "<token>"))
	}
	return err
}
