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
	if h := liveHeadRe.FindString(s); h != "" && len(h) < len(s) {
		return upperFirst(s[len(h):])
	}
	return s
}
