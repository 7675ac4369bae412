package posthtml

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The shapes in which an aggregator post (a Hatena diary entry) quotes its
// sources:
//
//	<blockquote cite="URL">…<cite><a href="URL">title</a></cite></blockquote>
//	<iframe class="embed-card …" src="…/embed?url=URL" title="…"></iframe>
//	<cite class="hatena-citation"><a href="URL">www3.nhk.or.jp</a></cite>
//
// The first is Hatena's citation notation; the second a link card, whose
// title attribute is the cited article's own title; the third the caption
// Hatena writes under a card, whose text is only the cited host. A
// sanitiser may drop the caption's class, so a caption is also known by
// its place, right after a card.

// Link is an <a>: its address and its text on one line.
type Link struct {
	URL, Text string
}

// Card is a link card: the address it cites, the cited article's title,
// and the caption under it when there is one.
type Card struct {
	URL, Title string
	Caption    Link
}

// Quote is a <blockquote>: its cite attribute, the source its own <cite>
// names (a link, or plain text), and its paragraphs without that <cite>.
type Quote struct {
	Cite   string
	Source Link
	Paras  [][]string
}

// Attr is n's attribute key (no namespace), or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether a class attribute lists want.
func HasClass(class, want string) bool {
	for _, c := range strings.Fields(class) {
		if c == want {
			return true
		}
	}
	return false
}

// IsCard reports a link card: an <iframe> of class embed-card.
func IsCard(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.Iframe && HasClass(Attr(n, "class"), "embed-card")
}

// CardURL is the address a card's src cites (its url parameter) when that
// is an absolute http(s) URL, else "".
func CardURL(src string) string {
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	target := u.Query().Get("url")
	if t, err := url.Parse(target); err != nil || (t.Scheme != "http" && t.Scheme != "https") || t.Host == "" {
		return ""
	}
	return target
}

// CardOf reads a link card; ok is false when n is none or cites no web
// address.
func CardOf(n *html.Node) (c Card, ok bool) {
	if !IsCard(n) {
		return Card{}, false
	}
	c = Card{URL: CardURL(Attr(n, "src")), Title: strings.TrimSpace(Attr(n, "title"))}
	if c.URL == "" {
		return Card{}, false
	}
	if cap := nextElement(n); cap != nil && IsCaption(cap) {
		c.Caption, _ = FirstLink(cap)
	}
	return c, true
}

// IsCaption reports the caption under a link card: a <cite> of class
// hatena-citation, or any <cite> right after a card.
func IsCaption(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom != atom.Cite {
		return false
	}
	if HasClass(Attr(n, "class"), "hatena-citation") {
		return true
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	return prev != nil && IsCard(prev)
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

// FirstLink is the first <a href> in n or under it.
func FirstLink(n *html.Node) (Link, bool) {
	if a := firstLink(n); a != nil {
		return Link{URL: Attr(a, "href"), Text: Line(a)}, true
	}
	return Link{}, false
}

func firstLink(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.A && Attr(n, "href") != "" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if a := firstLink(c); a != nil {
			return a
		}
	}
	return nil
}

// QuoteOf reads a <blockquote>. Its source <cite> is one that stands
// between paragraphs (a child of the quote or of a <div> in it), not one
// inside a sentence; the first with text names the source.
func QuoteOf(n *html.Node) Quote {
	q := Quote{Cite: Attr(n, "cite")}
	source := func(c *html.Node) bool {
		if c.Type != html.ElementNode || c.DataAtom != atom.Cite {
			return false
		}
		for p := c.Parent; p != n; p = p.Parent {
			if p == nil || p.DataAtom != atom.Div {
				return false
			}
		}
		return true
	}
	var find func(*html.Node)
	find = func(p *html.Node) {
		for c := p.FirstChild; c != nil && q.Source == (Link{}); c = c.NextSibling {
			switch {
			case source(c):
				if l, ok := FirstLink(c); ok {
					q.Source = l
				} else {
					q.Source.Text = Line(c)
				}
			case c.Type == html.ElementNode && c.DataAtom == atom.Div:
				find(c)
			}
		}
	}
	find(n)
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		kids = append(kids, c)
	}
	q.Paras = paragraphs(kids, source)
	return q
}
