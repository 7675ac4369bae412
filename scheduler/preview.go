package scheduler

import (
	"time"

	"briefbot"
	"briefbot/digest"
)

// Preview builds the briefs posts would make, without any store: every post
// is split (the feed's topics, urgency and filters applied), all items are
// clustered together and every story is rendered. Nothing waits to settle and
// no backlog applies. It backs `briefbot preview`.
func Preview(posts []briefbot.Post, f briefbot.Feed, opts PipelineOptions) []PreviewBrief {
	opts = opts.withDefaults()
	now := opts.Now()
	posts = preparePreview(posts, f, now)
	rule := itemRule{feed: f, filter: newFilter(f.Include, f.Exclude), topics: topicFilters(opts.Topics)}
	var items []briefbot.Item
	for _, post := range posts {
		items = append(items, rule.items(post)...)
	}
	stories := digest.Cluster(nil, items, digest.ClusterOptions{Window: opts.Window}).Stories
	ropt := digest.RenderOptions{
		Location: opts.Location,
		Hashtags: hashtags(opts.Topics),
		Corpus:   digest.NewCorpus(storyTexts(stories)),
	}
	briefs := make([]PreviewBrief, 0, len(stories))
	for _, s := range stories {
		pb := PreviewBrief{Brief: digest.Render(s, ropt), Push: s.Deliverable()}
		if !pb.Push {
			pb.Reason = ReasonOpinion
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
	// Reason says why Push is false; empty when it is true.
	Reason string
}

// Reasons a preview gives for a brief that is not pushed.
const (
	// ReasonOpinion: every item of the story is commentary, not news.
	ReasonOpinion = "opinion"
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
