package digest

import (
	"fmt"
	"strings"

	"briefbot"
	"briefbot/internal/urlid"
)

// unnamedSource is what the 📰 line calls the aggregator post a quoted
// block was read in when nothing names the block's outlet: never the
// aggregator's name, which is not the source.
var unnamedSource = map[string]string{"ja": "出典不明", "en": "unattributed", "ru": "источник не указан"}

// sourcesOf lists a story's sources for its brief in lang: one per distinct
// link and outlet, in the order the items joined, each named in lang (ロイター and
// Reuters are both ロイター in Japanese). A quoted block nothing named is
// left out when any source is named, and otherwise linked as unattributed.
func sourcesOf(s *briefbot.Story, lang string) []briefbot.Source {
	var named, unnamed []briefbot.Source
	seen := map[[2]string]bool{}
	for _, it := range s.Items {
		u, name := urlid.Display(it.URL), itemOutlet(it)
		// Blocks an aggregator quotes without a link of their own share its
		// post's: each outlet among them is still a source.
		if k := [2]string{u, sameOutlet(name)}; seen[k] {
			continue
		} else {
			seen[k] = true
		}
		if name != "" {
			named = append(named, briefbot.Source{Outlet: outletIn(name, lang), URL: u})
		} else if len(unnamed) == 0 {
			name := unnamedSource[lang]
			if name == "" {
				name = unnamedSource["en"]
			}
			unnamed = append(unnamed, briefbot.Source{Outlet: name, URL: u})
		}
	}
	if len(named) > 0 {
		return named
	}
	return unnamed
}

// itemOutlet is an item's outlet name. An item without one is a quoted
// block nothing named, whose link is the aggregator's post: only the table
// may name it. One stored by an earlier version may hold a bare host
// ("example.com", "t.me/channel"): it is read again from the link, the
// table's name else the site's, never a blog's (the aggregator's).
func itemOutlet(it briefbot.Item) string {
	name := it.Outlet
	if name != "" && !domainLike(name) && !strings.HasPrefix(name, "t.me/") {
		return name
	}
	if o := outletAt(it.URL); o != nil {
		return o.en
	}
	if name == "" || blogHost(hostOf(it.URL)) {
		return ""
	}
	return siteName(it.URL)
}

// sourceLine is the 📰 line of a brief: each outlet once, named as its
// first source is, in first-seen order; an outlet's further reports link as
// [2], [3] beside its name (📰 NHK [2] · ロイター, not NHK · NHK). Sources
// are one outlet when the table says so, whatever their spelling. "" when
// there are none.
func sourceLine(srcs []briefbot.Source) string {
	var order []string
	byOutlet := map[string][]briefbot.Source{}
	for _, src := range srcs {
		k := sameOutlet(src.Outlet)
		if _, ok := byOutlet[k]; !ok {
			order = append(order, k)
		}
		byOutlet[k] = append(byOutlet[k], src)
	}
	if len(order) == 0 {
		return ""
	}
	links := make([]string, 0, len(order))
	for _, k := range order {
		group := byOutlet[k]
		link := linkText(group[0].URL, escapeText(group[0].Outlet))
		for i, src := range group[1:] {
			link += " " + linkText(src.URL, fmt.Sprintf("[%d]", i+2))
		}
		links = append(links, link)
	}
	return "📰 " + strings.Join(links, " · ")
}
