package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"briefbot"
	"briefbot/digest"
)

// Edition defaults.
const (
	// DefaultEditionMaxLate is how late an edition may still be made (after
	// downtime): later, its stories wait for the next edition instead of a
	// stale one arriving just before it.
	DefaultEditionMaxLate = 3 * time.Hour
)

// EditionOptions tune Editions. Zero values take the defaults.
type EditionOptions struct {
	Spec     string         // delivery.editions, a 5-field cron spec
	Location *time.Location // timezone of chats without their own; UTC when nil
	MaxLate  time.Duration
	Now      func() time.Time
	Logger   *slog.Logger // nil logs nothing
	OnCreate func()       // called after editions with messages were made (wakes the dispatcher)
	// Labels are the words of an edition for a chat reading lang (its
	// language, "" for a chat without one); default English.
	Labels func(lang string) digest.EditionLabels
}

// englishEdition is the edition's header in English.
func englishEdition(due string, stories int) string {
	if stories == 1 {
		return "🗞 " + due + " edition · 1 story"
	}
	return fmt.Sprintf("🗞 %s edition · %d stories", due, stories)
}

func englishLabels(string) digest.EditionLabels { return digest.EditionLabels{Header: englishEdition} }

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
	if opts.Labels == nil {
		opts.Labels = englishLabels
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
		created, n, err := e.make(ctx, c, due)
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

// make lists, renders and stores the chat's edition due at due (in the
// chat's zone), in the chat's words; the store's transaction only stores
// it.
func (e *Editions) make(ctx context.Context, c briefbot.EditionChat, due time.Time) (created bool, messages int, err error) {
	chatID := c.ChatID
	briefs, err := e.store.EditionBriefs(ctx, chatID, due)
	if err != nil {
		return false, 0, err
	}
	var pages []string
	stories := make([]int64, len(briefs))
	for i, b := range briefs {
		stories[i] = b.StoryID
	}
	if len(briefs) > 0 {
		pages = digest.RenderEdition(editionOf(due, briefs, e.opts.Labels(c.Language)))
	}
	created, err = e.store.SaveEdition(ctx, chatID, due, stories, pages)
	return created, len(pages), err
}

// editionOf is the renderer's view of an edition: its times in the zone of
// due, the chat's.
func editionOf(due time.Time, briefs []*briefbot.Brief, labels digest.EditionLabels) digest.Edition {
	ed := digest.Edition{Due: due, Labels: labels, Stories: make([]digest.EditionStory, 0, len(briefs))}
	for _, b := range briefs {
		s := digest.EditionStory{Published: b.Published.In(due.Location()), Headline: b.Headline}
		for _, src := range b.Sources {
			if s.URL == "" {
				s.URL = src.URL
			}
			s.Outlets = append(s.Outlets, src.Outlet)
		}
		ed.Stories = append(ed.Stories, s)
	}
	return ed
}

// TimesIn lists the times of the edition schedule in loc over the day
// after now, in order ("07:00"): the times a chat in that zone gets its
// editions.
func (e *Editions) TimesIn(loc *time.Location, now time.Time) []string {
	var out []string
	seen := map[string]bool{}
	end := now.Add(24 * time.Hour)
	for t := e.sched.Next(now.In(loc)); !t.IsZero() && !t.After(end) && len(out) < 48; t = e.sched.Next(t) {
		if c := t.In(loc).Format("15:04"); !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
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
