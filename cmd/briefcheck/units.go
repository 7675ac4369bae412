package main

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"briefbot"
	"briefbot/internal/labelled"
	"briefbot/internal/urlid"
)

// unit is one report the checker knows an input holds: a quoted block of an
// aggregator post, or a whole feed entry. Briefs are traced back to units
// by their sources' links and by their lines' text.
type unit struct {
	name   string // how -v names it
	url    string // urlid.Key form; "" when the input gives the block no link
	lang   string
	title  string // the article's own title, "" when unknown
	status string // settled, speculative or truncated (labelled); "" when only the words tell
	text   string
	label  string // opinion, news, or "" when unlabelled
	exp    *labelled.ExpectItem
	match  string // text in match form, for tracing lines
	count  int    // sentences, by the checker's own splitter
}

// newUnit is a report; an empty lang is told by the text's script.
func newUnit(name, rawURL, lang, title, text, label string) *unit {
	if lang == "" {
		lang = scriptOf(text)
	}
	u := &unit{name: name, lang: lang, title: strings.TrimSpace(title), text: text, label: label}
	if rawURL != "" {
		u.url = urlid.Key(rawURL)
	}
	u.match = matchForm(text)
	u.count = len(sentences(text))
	return u
}

// unitsOfPost reads a post as the reports it holds: every <blockquote> of
// its HTML (its link from cite=, else from the link or link card just
// before it; its title from its <cite>, the card's title or the link's
// text), or, without blockquotes, the post itself.
func unitsOfPost(p briefbot.Post, lang, label string) []*unit {
	var out []*unit
	if nodes, err := html.ParseFragment(strings.NewReader(p.HTML), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}); err == nil {
		var prev *html.Node
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			for ; n != nil; n = n.NextSibling {
				if n.Type != html.ElementNode {
					continue
				}
				if n.DataAtom == atom.Blockquote {
					link, title := citeOf(n)
					if link == "" && prev != nil {
						link, title = cardOrLink(prev)
					}
					out = append(out, newUnit(p.URL+" block "+strconv.Itoa(len(out)+1), link, lang, title, blockText(n), label))
				} else if n.FirstChild != nil && n.DataAtom != atom.P {
					walk(n.FirstChild)
				}
				prev = n
			}
		}
		for _, n := range nodes {
			walk(n)
		}
	}
	if len(out) == 0 {
		out = append(out, newUnit(p.URL, p.URL, lang, p.Title, p.Text, label))
	}
	return out
}

// citeOf is the block's own link and title: cite= and its <cite><a>.
func citeOf(bq *html.Node) (link, title string) {
	link = attr(bq, "cite")
	for c := range bq.Descendants() {
		if c.DataAtom == atom.Cite {
			for a := range c.Descendants() {
				if a.DataAtom == atom.A {
					if link == "" {
						link = attr(a, "href")
					}
					return link, nodeText(a)
				}
			}
		}
	}
	return link, ""
}

// cardOrLink is the link a paragraph before a bare block gives it: a link
// card's address and title, or a link and its text (a host is no title).
func cardOrLink(p *html.Node) (link, title string) {
	for c := range p.Descendants() {
		if c.DataAtom == atom.Iframe {
			if u, err := url.Parse(attr(c, "src")); err == nil && u.Query().Get("url") != "" {
				return u.Query().Get("url"), attr(c, "title")
			}
		}
	}
	for c := range p.Descendants() {
		if c.DataAtom == atom.A {
			t := nodeText(c)
			if isHost(t) {
				t = ""
			}
			return attr(c, "href"), t
		}
	}
	return "", ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// blockText is a block's text, a line per paragraph, without its <cite>.
func blockText(bq *html.Node) string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			lines = append(lines, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for ; n != nil; n = n.NextSibling {
			switch {
			case n.Type == html.TextNode:
				cur.WriteString(strings.Join(strings.Fields(n.Data), " "))
			case n.DataAtom == atom.Cite:
			case n.DataAtom == atom.Br:
				flush()
			case n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li:
				flush()
				walk(n.FirstChild)
				flush()
			default:
				walk(n.FirstChild)
			}
		}
	}
	walk(bq.FirstChild)
	flush()
	return strings.Join(lines, "\n")
}

func nodeText(n *html.Node) string {
	var sb strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}
