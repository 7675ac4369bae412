package scheduler

import (
	"strings"

	"briefbot"
	"briefbot/internal/fold"
)

// filter is a feed's include/exclude keyword lists, folded once. Matching is
// substring matching on folded text, so "ＮＨＫ" in a config matches "nhk" in a
// title and ｶﾀｶﾅ matches カタカナ; Japanese has no word boundaries to honour.
type filter struct {
	include []string
	exclude []string
}

func newFilter(include, exclude []string) filter {
	return filter{include: foldAll(include), exclude: foldAll(exclude)}
}

func foldAll(words []string) []string {
	var out []string
	for _, w := range words {
		if w = strings.TrimSpace(fold.String(w)); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// keep reports whether an item whose texts are parts passes: it must contain
// one of the include words (when there are any) and none of the exclude words.
// The parts are the post's title and the item's title and text, so a keyword
// in an aggregator post's title speaks for all its quoted blocks.
func (f filter) keep(parts ...string) bool {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return true
	}
	text := fold.String(strings.Join(parts, "\n"))
	for _, w := range f.exclude {
		if strings.Contains(text, w) {
			return false
		}
	}
	if len(f.include) == 0 {
		return true
	}
	for _, w := range f.include {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// topicFilters folds each topic's own include/exclude lists; topics without
// any are left out, so they take every item of their feeds.
func topicFilters(topics []briefbot.Topic) map[string]filter {
	m := map[string]filter{}
	for _, t := range topics {
		if f := newFilter(t.Include, t.Exclude); len(f.include) > 0 || len(f.exclude) > 0 {
			m[t.Name] = f
		}
	}
	return m
}
