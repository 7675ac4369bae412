package scheduler

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"

	"briefbot"
)

// Edition defaults.
const (
	// DefaultEditionMaxLate is how late an edition may still be made (after
	// downtime): later, its stories wait for the next edition instead of a
	// stale one arriving just before it.
	DefaultEditionMaxLate = 3 * time.Hour
	// editionRunes is the visible length of one edition message, under
	// Telegram's 4096 with room for the page marker.
	editionRunes = 4000
	// editionSources caps the outlets linked on one line.
	editionSources = 3
)

// EditionOptions tune Editions. Zero values take the defaults.
type EditionOptions struct {
	Spec     string         // delivery.editions, a 5-field cron spec
	Location *time.Location // timezone of chats without their own; UTC when nil
	MaxLate  time.Duration
	Now      func() time.Time
	Logger   *slog.Logger // nil logs nothing
	OnCreate func()       // called after editions with messages were made (wakes the dispatcher)
}

// Editions makes the editions that fell due: at each time of Spec, in each
// chat's own timezone, a chat in edition mode gets one message (paged when
// long) listing the stories fanned out since its previous edition.
type Editions struct {
	store briefbot.EditionStore
	sched cron.Schedule
	opts  EditionOptions
	log   *slog.Logger
}

// NewEditions checks the spec and returns Editions; call Check every minute
// or so (Scheduler.AddEditions does).
func NewEditions(store briefbot.EditionStore, opts EditionOptions) (*Editions, error) {
	if opts.Spec == "" {
		opts.Spec = briefbot.DefaultEditions
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.MaxLate <= 0 {
		opts.MaxLate = DefaultEditionMaxLate
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if strings.HasPrefix(strings.TrimSpace(opts.Spec), "@every") {
		// An interval has no wall-clock time to take in each chat's zone.
		return nil, fmt.Errorf("editions: %w %q: use cron fields such as %q", ErrInvalidSchedule, opts.Spec, briefbot.DefaultEditions)
	}
	sched, err := parseSchedule(opts.Spec, opts.Location)
	if err != nil {
		return nil, fmt.Errorf("editions: %w", err)
	}
	return &Editions{store: store, sched: sched, opts: opts, log: opts.Logger}, nil
}

// LastDue returns the latest time of the schedule in loc that is at or
// before now and no older than MaxLate; zero when there is none. The
// schedule is evaluated in loc, so "0 7 * * *" means 07:00 there.
func (e *Editions) LastDue(now time.Time, loc *time.Location) time.Time {
	// Next is exclusive of its argument: start just before the window.
	t := now.Add(-e.opts.MaxLate).Add(-time.Second).In(loc)
	var due time.Time
	for {
		n := e.sched.Next(t)
		if n.IsZero() || n.After(now) {
			return due
		}
		due, t = n, n
	}
}

// Check makes every edition due at now that is not made yet and returns how
// many it made. Running it twice, or after a restart, makes nothing twice:
// the store keys editions by (chat, due time). A failure with one chat does
// not stop the others.
func (e *Editions) Check(ctx context.Context) (int, error) {
	now := e.opts.Now()
	chats, err := e.store.EditionChats(ctx)
	if err != nil {
		return 0, fmt.Errorf("editions: %w", err)
	}
	type zone struct {
		loc *time.Location
		due time.Time
	}
	zones := map[string]zone{}
	made, messages := 0, 0
	var errs []error
	for _, c := range chats {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		z, ok := zones[c.Timezone]
		if !ok {
			loc := e.opts.Location
			if c.Timezone != "" {
				if l, err := time.LoadLocation(c.Timezone); err == nil {
					loc = l
				} else {
					e.log.Warn("edition: unknown chat timezone, using the default", "chat_id", c.ChatID, "timezone", c.Timezone)
				}
			}
			z = zone{loc: loc, due: e.LastDue(now, loc)}
			zones[c.Timezone] = z
		}
		if z.due.IsZero() || !z.due.After(c.LastEdition) {
			continue
		}
		due := z.due.In(z.loc)
		created, n, err := e.store.CreateEdition(ctx, c.ChatID, due, func(briefs []*briefbot.Brief) []string {
			return RenderEdition(due, briefs)
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if created {
			made++
			messages += n
			e.log.Info("edition made", "chat_id", c.ChatID, "due_at", due, "messages", n)
		}
	}
	if messages > 0 && e.opts.OnCreate != nil {
		e.opts.OnCreate()
	}
	return made, errors.Join(errs...)
}

// AddEditions runs e.Check every minute under the scheduler's cron, from
// Start until Stop. Call it before Start.
func (s *Scheduler) AddEditions(e *Editions) {
	s.cron.Schedule(cron.Every(time.Minute), cron.FuncJob(func() {
		s.mu.Lock()
		ctx := s.ctx
		s.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		if _, err := e.Check(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("editions", "err", err)
		}
	}))
}

// RenderEdition renders an edition: the header "🗞 HH:MM edition · N
// stories" (due in the chat's zone), then one line per story, in the given
// order, "【headline】 outlet" with each outlet linked. Messages are cut
// between lines so that each stays under Telegram's limit; pages after the
// first repeat the header with their number.
func RenderEdition(due time.Time, briefs []*briefbot.Brief) []string {
	header := fmt.Sprintf("🗞 %s edition · %d stories", due.Format("15:04"), len(briefs))
	var pages []string
	var sb strings.Builder
	visible := 0
	start := func(n int) {
		sb.Reset()
		h := header
		if n > 0 {
			h += fmt.Sprintf(" · %d", n+1)
		}
		sb.WriteString("<b>" + html.EscapeString(h) + "</b>")
		visible = utf8.RuneCountInString(h)
	}
	start(0)
	lines := 0
	for _, b := range briefs {
		line, n := editionLine(b)
		if lines > 0 && visible+1+n > editionRunes {
			pages = append(pages, sb.String())
			start(len(pages))
			lines = 0
		}
		sb.WriteString("\n")
		sb.WriteString(line)
		visible += 1 + n
		lines++
	}
	return append(pages, sb.String())
}

// editionLine is one story's line and its visible length.
func editionLine(b *briefbot.Brief) (string, int) {
	headline := strings.Join(strings.Fields(b.Headline), " ")
	if r := []rune(headline); len(r) > 200 {
		headline = string(r[:199]) + "…"
	}
	var sb strings.Builder
	sb.WriteString("【" + html.EscapeString(headline) + "】")
	n := utf8.RuneCountInString(headline) + 2
	seen := map[string]bool{}
	links := 0
	for _, s := range b.Sources {
		if links == editionSources || s.URL == "" || seen[s.Outlet] {
			continue
		}
		seen[s.Outlet] = true
		outlet := s.Outlet
		if outlet == "" {
			outlet = "link"
		}
		sb.WriteString(" <a href=\"" + html.EscapeString(s.URL) + "\">" + html.EscapeString(outlet) + "</a>")
		n += 1 + utf8.RuneCountInString(outlet)
		links++
	}
	return sb.String(), n
}
