package digest

import (
	"net/url"
	"strings"
)

// stageSources lists the brief's sources and their 📰 line: every distinct
// link of the reports the brief is made from, in the order they joined,
// each outlet named in the brief's language (sources.go holds the naming
// rules).
func (d *draft) stageSources() {
	shown := *d.s
	shown.Items = nil
	for _, ii := range d.items {
		if d.op[ii] == d.opinionOnly { // nothing of an opinion beside reports
			shown.Items = append(shown.Items, d.s.Items[ii])
		}
	}
	d.sources = sourcesOf(&shown, d.lang)
	d.sourceLine = strings.Join(sourceLinks(d.sources), " · ")
}

// maxOutletLinks is how many reports of one outlet the 📰 line links
// (NHK [2] [3]); a feed of thousands of templated items is one outlet, not
// a line of thousands of links. Brief.Sources keeps them all.
const maxOutletLinks = 3

// maxOutlets is how many outlets the 📰 line names.
const maxOutlets = 12

// linkText is an <a> around text when rawURL is a web link, else the text.
func linkText(rawURL, text string) string {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return text
	}
	return `<a href="` + escapeAttr(rawURL) + `">` + text + `</a>`
}
