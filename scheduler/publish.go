package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"briefbot"
	"briefbot/digest"
)

// Publish renders the briefs of every story that needs them (new, or
// changed since its briefs) and saves them, then fans out each story that
// is settled, deliverable and not yet enqueued. A story settles Settle
// after it was first seen, or Settle after its latest item's publication,
// whichever comes first, so that a late-fetched old report goes out at once
// while a fresh one waits for other outlets. Stories enqueued earlier are
// re-rendered when they gain sources or absorb another story but never
// fanned out again. A story's briefs are one in its main language and one
// in each language that chats subscribed to it read and that it has
// reports in. The first run after the renderer changed (digest.RenderVersion)
// re-renders the window's stories first, sending nothing, and judges their
// items again as opinion or news (those stored before the judgement read as
// news). Publish returns
// how many stories it enqueued; a failure with one story does not stop the
// others.
func (p *Pipeline) Publish(ctx context.Context) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()

	if !p.versionChecked {
		n, err := p.st.Stories.StaleBriefs(ctx, now.Add(-p.opts.Window), digest.RenderVersion, digest.Opinion)
		if err != nil {
			return 0, fmt.Errorf("publish: %w", err)
		}
		p.versionChecked = true
		if n > 0 {
			p.log.Info("renderer changed: re-rendering recent briefs", "stories", n, "render_version", digest.RenderVersion)
		}
	}
	unbriefed, err := p.st.Stories.UnbriefedStories(ctx)
	if err != nil {
		return 0, fmt.Errorf("publish: unbriefed stories: %w", err)
	}
	// The idle tick: every story changes through FetchFeed, which leaves it
	// unbriefed, so with nothing unbriefed and nothing left waiting by the
	// last run there is nothing to do, and the window's stories need not be
	// loaded every 30 seconds.
	if len(unbriefed) == 0 && !p.waiting {
		return 0, nil
	}
	p.waiting = true // until this run completes and knows better
	recent, err := p.st.Stories.RecentStories(ctx, now.Add(-p.opts.Window))
	if err != nil {
		return 0, fmt.Errorf("publish: recent stories: %w", err)
	}

	var errs []error
	stale := make(map[int64]bool) // stories whose current briefs failed to save
	if len(unbriefed) > 0 {
		ropt := p.renderOptions(digest.NewCorpus(storyTexts(recent, unbriefed)))
		for _, s := range unbriefed {
			if err := ctx.Err(); err != nil {
				return 0, fmt.Errorf("publish: %w", err)
			}
			wanted, err := p.st.Stories.ChatLanguages(ctx, s.Topics)
			if err != nil {
				// The main brief still serves every chat.
				errs = append(errs, fmt.Errorf("publish: languages of story %d: %w", s.ID, err))
			}
			briefs := renderBriefs(s, ropt, wanted)
			for _, b := range briefs {
				b.CreatedAt, b.UpdatedAt = now, now
			}
			if err := p.st.Stories.SaveBriefs(ctx, briefs); err != nil {
				errs = append(errs, fmt.Errorf("publish: save briefs of story %d: %w", s.ID, err))
				stale[s.ID] = true
				continue
			}
			s.BriefID = briefs[0].ID
		}
	}

	enqueued, rows, waiting := 0, 0, false
	for _, s := range candidates(recent, unbriefed) {
		if s.Enqueued || !s.Deliverable() {
			continue
		}
		if s.BriefID == 0 || stale[s.ID] || !p.settled(s, now) {
			waiting = true
			continue
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("publish: %w", err))
			waiting = true
			break
		}
		n, err := p.st.Deliveries.EnqueueStory(ctx, s.ID)
		if err != nil {
			errs = append(errs, fmt.Errorf("publish: enqueue story %d: %w", s.ID, err))
			waiting = true
			continue
		}
		s.Enqueued = true
		enqueued++
		rows += n
		p.log.Info("story enqueued", "story_id", s.ID, "brief_id", s.BriefID, "deliveries", n,
			"items", len(s.Items))
	}
	p.waiting = waiting
	if rows > 0 && p.opts.OnEnqueue != nil {
		p.opts.OnEnqueue()
	}
	if len(unbriefed) > 0 || enqueued > 0 {
		p.log.Debug("published", "rendered", len(unbriefed)-len(stale), "enqueued", enqueued, "deliveries", rows)
	}
	return enqueued, errors.Join(errs...)
}

// settled reports whether a story has waited long enough for other sources.
func (p *Pipeline) settled(s *briefbot.Story, now time.Time) bool {
	at := p.settleAt(s)
	return !at.IsZero() && !now.Before(at)
}

// settleAt is when a story is settled: Settle after it was first seen, or
// after its latest item's publication, whichever is earlier; zero for a
// story with neither time.
func (p *Pipeline) settleAt(s *briefbot.Story) time.Time {
	var latest time.Time
	for _, it := range s.Items {
		if it.Published.After(latest) {
			latest = it.Published
		}
	}
	var at time.Time
	for _, t := range []time.Time{s.FirstSeen, latest} {
		if !t.IsZero() && (at.IsZero() || t.Add(p.opts.Settle).Before(at)) {
			at = t.Add(p.opts.Settle)
		}
	}
	return at
}

// candidates merges the stories that may be fanned out: the recent ones, with
// the just-rendered copies taking precedence, in first-seen order.
func candidates(recent, rendered []*briefbot.Story) []*briefbot.Story {
	byID := make(map[int64]*briefbot.Story, len(rendered))
	for _, s := range rendered {
		byID[s.ID] = s
	}
	out := make([]*briefbot.Story, 0, len(recent)+len(rendered))
	seen := make(map[int64]bool, len(recent))
	for _, s := range recent {
		if r, ok := byID[s.ID]; ok {
			s = r
		}
		seen[s.ID] = true
		out = append(out, s)
	}
	for _, s := range rendered {
		if !seen[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// renderBriefs renders a story's briefs: the one in its main language
// first, then one in each language of wanted (those its chats read) that
// some of its reports are in. A chat whose language the story has no
// report in gets the main brief.
func renderBriefs(s *briefbot.Story, ropt digest.RenderOptions, wanted []string) []*briefbot.Brief {
	ropt.Language = s.Language
	main := digest.Render(s, ropt)
	out := []*briefbot.Brief{&main}
	langs := digest.Languages(s)
	for _, l := range wanted {
		if l == main.Language || !slices.Contains(langs, l) {
			continue
		}
		ropt.Language = l
		b := digest.Render(s, ropt)
		b.Language = l
		out = append(out, &b)
	}
	for _, b := range out {
		b.StoryID = s.ID
	}
	return out
}

func (p *Pipeline) renderOptions(c *digest.Corpus) digest.RenderOptions {
	return digest.RenderOptions{Location: p.opts.Location, Hashtags: p.hashtags, Corpus: c}
}

// storyTexts is one document per story for the IDF corpus: a word common to
// many events (a country's name on a busy day) weighs less than one that sets
// this event apart.
func storyTexts(lists ...[]*briefbot.Story) []string {
	seen := make(map[*briefbot.Story]bool)
	ids := make(map[int64]bool)
	var texts []string
	for _, list := range lists {
		for _, s := range list {
			if seen[s] || (s.ID != 0 && ids[s.ID]) {
				continue
			}
			seen[s] = true
			ids[s.ID] = true
			var b strings.Builder
			for _, it := range s.Items {
				b.WriteString(it.Title)
				b.WriteString("\n\n")
				b.WriteString(it.Text)
				b.WriteString("\n\n")
			}
			texts = append(texts, b.String())
		}
	}
	return texts
}

// Settling counts the stories waiting out the settle window before their
// first brief goes out, for /stats, and says when the first of them will:
// deliverable stories of the window, not yet enqueued, not yet settled.
// It also returns the settle window.
func (p *Pipeline) Settling(ctx context.Context) (n int, next time.Time, settle time.Duration, err error) {
	now := p.now()
	recent, err := p.st.Stories.RecentStories(ctx, now.Add(-p.opts.Window))
	if err != nil {
		return 0, time.Time{}, 0, fmt.Errorf("settling stories: %w", err)
	}
	for _, s := range recent {
		if s.Enqueued || !s.Deliverable() || p.settled(s, now) {
			continue
		}
		n++
		if at := p.settleAt(s); !at.IsZero() && (next.IsZero() || at.Before(next)) {
			next = at
		}
	}
	return n, next, p.opts.Settle, nil
}
