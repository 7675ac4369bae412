// Package synth makes synthetic news posts with known events, for
// measuring clustering: digestbench's speed and over-split rows and the
// digest's batching tests read the same posts.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"briefbot"
)

// Posts makes n posts about n/4 events spread over span: each event has
// its own rare names and topic words, its reports share them plus common
// words; some reports are near-copies of another.
func Posts(n int, span time.Duration, seed uint64) ([]briefbot.Post, []int) {
	r := rand.New(rand.NewPCG(seed, 2))
	word := func() string {
		const cons, vows = "bcdfghjklmnprstvz", "aeiou"
		var sb strings.Builder
		for k := 0; k < 2+r.IntN(3); k++ {
			sb.WriteByte(cons[r.IntN(len(cons))])
			sb.WriteByte(vows[r.IntN(len(vows))])
		}
		return sb.String()
	}
	common := make([]string, 400)
	for i := range common {
		common[i] = word()
	}
	events := max(n/4, 1)
	type event struct {
		at    time.Time
		names []string
		words []string
	}
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]event, events)
	for i := range evs {
		e := event{at: start.Add(time.Duration(r.Int64N(int64(span))))}
		for k := 0; k < 3; k++ {
			w := word()
			e.names = append(e.names, strings.ToUpper(w[:1])+w[1:])
		}
		for k := 0; k < 6; k++ {
			e.words = append(e.words, word())
		}
		evs[i] = e
	}
	sentence := func(e event) string {
		var ws []string
		ws = append(ws, e.names[r.IntN(len(e.names))])
		for k := 0; k < 10; k++ {
			if r.IntN(3) == 0 {
				ws = append(ws, e.words[r.IntN(len(e.words))])
			} else {
				ws = append(ws, common[r.IntN(len(common))])
			}
		}
		ws = append(ws, e.names[r.IntN(len(e.names))])
		return strings.Join(ws, " ") + "."
	}
	posts := make([]briefbot.Post, n)
	labels := make([]int, n)
	for i := range posts {
		ei := r.IntN(events)
		e := evs[ei]
		var text []string
		if i > 0 && r.IntN(5) == 0 && labels[i-1] == ei {
			text = []string{posts[i-1].Text, sentence(e)} // a near-copy
		} else {
			for k := 0; k < 5; k++ {
				text = append(text, sentence(e))
			}
		}
		at := e.at.Add(time.Duration(r.Int64N(int64(12 * time.Hour))))
		posts[i] = briefbot.Post{ID: int64(i + 1), FeedName: fmt.Sprintf("feed%d", i%20),
			URL: fmt.Sprintf("https://example.com/%d", i), Title: sentence(e), Text: strings.Join(text, "\n\n"),
			Language: "en", Published: at, FetchedAt: at}
		labels[i] = ei
	}
	return posts, labels
}
