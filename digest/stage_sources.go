package digest

import (
	"fmt"
	"net/url"
	"strings"

	"briefbot"
	"briefbot/internal/urlid"
)

// stageSources lists the brief's sources and their 📰 line: every distinct
// link of the reports the brief is made from, in the order they joined.
// The outlets' naming rules live apart (Outlet); this stage is the one
// place a brief asks for them.
func (d *draft) stageSources() {
	seen := map[string]bool{}
	for _, ii := range d.items {
		if d.op[ii] != d.opinionOnly {
			continue // the brief shows nothing of an opinion beside reports
		}
		it := d.s.Items[ii]
		u := urlid.Display(it.URL)
		if seen[u] {
			continue
		}
		seen[u] = true
		name := it.Outlet
		if name == "" {
			name = Outlet(u)
		}
		if name == "" {
			name = "source"
		}
		d.sources = append(d.sources, briefbot.Source{Outlet: name, URL: u})
	}
	d.sourceLine = strings.Join(sourceLinks(d.sources), " · ")
}

// maxOutletLinks is how many reports of one outlet the 📰 line links
// (NHK [2] [3]); a feed of thousands of templated items is one outlet, not
// a line of thousands of links. Brief.Sources keeps them all.
const maxOutletLinks = 3

// maxOutlets is how many outlets the 📰 line names.
const maxOutlets = 12

// sourceLinks renders the 📰 line's entries: one per outlet, in first-seen
// order; a second or third report of the same outlet links as [2], [3]
// beside its name instead of repeating it (NHK [2] · ロイター, not NHK · NHK).
func sourceLinks(sources []briefbot.Source) []string {
	var order []string
	byOutlet := map[string][]briefbot.Source{}
	for _, src := range sources {
		if _, ok := byOutlet[src.Outlet]; !ok {
			if len(order) == maxOutlets {
				continue
			}
			order = append(order, src.Outlet)
		}
		if len(byOutlet[src.Outlet]) < maxOutletLinks {
			byOutlet[src.Outlet] = append(byOutlet[src.Outlet], src)
		}
	}
	links := make([]string, 0, len(order))
	for _, o := range order {
		group := byOutlet[o]
		link := sourceLink(group[0])
		for i, src := range group[1:] {
			link += " " + linkText(src.URL, fmt.Sprintf("[%d]", i+2))
		}
		links = append(links, link)
	}
	return links
}

func sourceLink(src briefbot.Source) string { return linkText(src.URL, escapeText(src.Outlet)) }

// linkText is an <a> around text when rawURL is a web link, else the text.
func linkText(rawURL, text string) string {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return text
	}
	return `<a href="` + escapeAttr(rawURL) + `">` + text + `</a>`
}
