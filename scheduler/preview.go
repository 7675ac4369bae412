package scheduler

import (
	"slices"
	"time"

	"briefbot"
	"briefbot/digest"
)

// Preview builds the briefs posts would make, without any store: every post
// is split (the feed's topics, urgency and filters applied), all items are
// clustered together and every story is rendered once: in lang when it has
// reports in it (as a chat reading lang gets it), else, and when lang is
// empty, in its main language. Nothing waits to settle and no backlog
// applies; like one fetch, it pushes at most MaxNewStories new stories. It
// backs `briefbot preview`.
func Preview(posts []briefbot.Post, f briefbot.Feed, opts PipelineOptions, lang string) []PreviewBrief {
	opts = opts.withDefaults()
	now := opts.Now()
	posts = preparePreview(posts, f, now)
	rule := itemRule{feed: f, filter: newFilter(f.Include, f.Exclude), topics: topicFilters(opts.Topics)}
	var items []briefbot.Item
	for _, post := range posts {
		items = append(items, rule.items(post)...)
	}
	stories, _ := clusterItems(nil, items, opts.Window)
	news := make(map[*briefbot.Story]bool, len(stories)) // deliverable before the cap
	for _, s := range stories {
		news[s] = s.Deliverable()
	}
	(&pushCap{max: opts.MaxNewStories}).apply(stories)
	ropt := digest.RenderOptions{
		Location: opts.Location,
		Hashtags: hashtags(opts.Topics),
		Corpus:   digest.NewCorpus(storyTexts(stories)),
	}
	briefs := make([]PreviewBrief, 0, len(stories))
	for _, s := range stories {
		ropt.Language = s.Language
		if lang != "" && slices.Contains(digest.Languages(s), lang) {
			ropt.Language = lang
		}
		pb := PreviewBrief{Brief: digest.Render(s, ropt), Push: s.Deliverable()}
		switch {
		case pb.Push:
		case news[s]:
			pb.Reason = ReasonHeld
		case s.Opinion():
			pb.Reason = ReasonOpinion + ": " + s.Items[0].OpinionReason
		}
		briefs = append(briefs, pb)
	}
	return briefs
}

// PreviewBrief is a brief Preview made, and whether the daemon would push it.
type PreviewBrief struct {
	briefbot.Brief
	// Push is false when no item of the story may cause a send: the brief is
	// stored and searchable but sent neither at once nor in an edition.
	Push bool
	// Reason says why Push is false; empty when it is true. It starts with
	// a code (ReasonOpinion) and goes on with the rule that applied, as
	// digest.Opinion gives it: "opinion: voice: 3 of 4 sentences in the
	// writer's own voice (first person, hope), 0 attributed".
	Reason string
}

// Reasons a preview gives for a brief that is not pushed.
const (
	// ReasonOpinion: every item of the story is opinion, not news.
	ReasonOpinion = "opinion"
	// ReasonHeld: the fetch made more new stories than MaxNewStories
	// (fetch.max_new_stories); this one is stored and searchable only.
	ReasonHeld = "held"
)

// preparePreview is preparePosts that keeps a post's own FetchedAt when it has
// one: a preview of a saved file should date items as the fetcher saw them.
func preparePreview(posts []briefbot.Post, f briefbot.Feed, now time.Time) []briefbot.Post {
	out := make([]briefbot.Post, len(posts))
	for i, p := range posts {
		seen := p.FetchedAt
		if seen.IsZero() {
			seen = now
		}
		out[i] = preparePosts([]briefbot.Post{p}, f, seen)[0]
	}
	return out
}
