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
func Preview(posts []briefbot.Post, f briefbot.Feed, opts PipelineOptions) []briefbot.Brief {
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
	briefs := make([]briefbot.Brief, 0, len(stories))
	for _, s := range stories {
		briefs = append(briefs, digest.Render(s, ropt))
	}
	return briefs
}

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
