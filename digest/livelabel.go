package digest

import (
	"regexp"
	"strings"
)

// A live blog labels itself and its posts: its title carries the label
// ("Ukraine war live: …", "… – as it happened", "Онлайн-трансляция: …") and
// its summary posts open with one ("Closing summary:", "Key events:",
// "Главное к этому часу:"). The label tells the reader how the page is
// laid out, not what happened: neither headline nor fact keeps it.
var (
	liveTitleHeadRe = regexp.MustCompile(`(?i)^[^:：|]{1,50}?\blive(?: updates?| blog| coverage)?\s*[:：|]\s*|^(?:онлайн(?:-трансляция)?|прямая трансляция)\s*[:：|]\s*`)
	liveTitleTailRe = regexp.MustCompile(`(?i)\s*[–—|-]\s*(?:as it happened|live(?: updates?| blog| coverage)?|latest updates?|онлайн(?:-трансляция)?)\s*$`)
	liveHeadRe      = regexp.MustCompile(`(?i)^(?:opening summary|closing summary|summary|recap|key (?:events|points|developments)|what we know so far|the latest|главное(?: к этому часу| за день)?|коротко|итоги дня)\s*[:：]\s*`)
)

// dropLiveLabels removes a live blog's labels from a title.
func dropLiveLabels(t string) string {
	if !containsAny(t, liveHints) {
		return strings.TrimSpace(t) // the expressions are case-blind and slow; most titles hold none of their words
	}
	if h := liveTitleHeadRe.FindString(t); h != "" && len(h) < len(t) {
		t = upperFirst(t[len(h):])
	}
	if loc := liveTitleTailRe.FindStringIndex(t); loc != nil && loc[0] > 0 {
		t = t[:loc[0]]
	}
	return strings.TrimSpace(t)
}

// dropLiveHead removes a live blog's post label from a sentence's start.
func dropLiveHead(s string) string {
	if !strings.ContainsAny(s, ":：") {
		return s // every label ends in a colon
	}
	if h := liveHeadRe.FindString(s); h != "" && len(h) < len(s) {
		return upperFirst(s[len(h):])
	}
	return s
}

// liveHints are pieces of every word the live-blog title expressions match
// (live, as it happened, latest updates, онлайн, трансляция), in the cases
// titles write them.
var liveHints = []string{"live", "Live", "LIVE", "happened", "HAPPENED", "pdate", "PDATE", "нлайн", "НЛАЙН", "рансляц", "РАНСЛЯЦ"}
