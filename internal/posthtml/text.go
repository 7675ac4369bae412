// Package posthtml is the one reading of a feed entry's HTML body: its text
// (Paragraphs, Text, Line) and the shapes aggregator posts quote their
// sources in (QuoteOf, CardOf, IsCaption).
//
// Both feed/ and digest/ read the same body: feed sanitises it and stores
// the HTML and its text; digest parses the stored HTML again to split an
// aggregator post into its quoted sources, whenever it splits. Neither
// adapter may import the other, so the reading lives here, and with it the
// Hatena markup it must know to read text at all: a link card is text (the
// address it shows), the citation caption under a card is not (it repeats
// the card's host), and a quotation's own <cite> names its source rather
// than saying anything. digest takes the editorial decisions (which block
// is a source, what its title and outlet are) from these readings.
package posthtml

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Parse parses an entry body as the content of a <div>, as feeds embed it.
func Parse(body string) ([]*html.Node, error) {
	return html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
}

// silent are the elements whose content is never text a reader is meant to
// see: code, metadata, media, forms and embedded objects. A sanitiser
// drops them whole.
var silent = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Form: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Svg: true, atom.Math: true,
	atom.Textarea: true, atom.Select: true, atom.Button: true, atom.Input: true, atom.Option: true,
	atom.Audio: true, atom.Video: true, atom.Canvas: true, atom.Frame: true, atom.Frameset: true,
	atom.Noframes: true, atom.Noembed: true, atom.Img: true, atom.Picture: true, atom.Source: true,
	atom.Track: true, atom.Map: true, atom.Area: true, atom.Param: true, atom.Dialog: true,
	atom.Xmp: true, atom.Plaintext: true,
}

// Silent reports an element whose content is never text (see silent).
func Silent(a atom.Atom) bool { return silent[a] }

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Blockquote: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Div: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Nav: true, atom.Figure: true,
	atom.Figcaption: true, atom.Details: true, atom.Summary: true, atom.Address: true,
	atom.Center: true, atom.Table: true, atom.Tr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Caption: true, atom.Hr: true,
}

// Paragraphs returns the text of nodes as paragraphs of lines, in document
// order: block elements start and end a paragraph, <br> ends a line, a
// table cell is set off by a space, a link card is a paragraph of the
// address it shows, and silent elements and card captions say nothing.
// Each line has its whitespace collapsed (CollapseSpace); empty lines and
// paragraphs are left out.
func Paragraphs(nodes ...*html.Node) [][]string { return paragraphs(nodes, nil) }

// paragraphs is Paragraphs leaving out, besides, the nodes skip reports.
func paragraphs(nodes []*html.Node, skip func(*html.Node) bool) [][]string {
	var paras [][]string
	w := walker{skip: skip, emit: func(line string, newPara bool) {
		if newPara || len(paras) == 0 {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], line)
	}}
	w.walk(nodes)
	return paras
}

// Text is the plain text of nodes as a post keeps it: every line of
// Paragraphs its own paragraph, separated by blank lines.
func Text(nodes ...*html.Node) string { return join(nodes, "\n\n") }

// Line is the text of nodes on one line: a title's, a link's.
func Line(nodes ...*html.Node) string { return join(nodes, " ") }

func join(nodes []*html.Node, sep string) string {
	var sb strings.Builder
	w := walker{emit: func(line string, _ bool) {
		if sb.Len() > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(line)
	}}
	w.walk(nodes)
	return sb.String()
}

// walker reads text and hands each collapsed, non-empty line to emit, with
// newPara set on the first line of a paragraph.
type walker struct {
	emit    func(line string, newPara bool)
	skip    func(*html.Node) bool // nodes left out besides the silent ones
	line    strings.Builder
	newPara bool
}

func (w *walker) walk(nodes []*html.Node) {
	w.newPara = true
	for _, n := range nodes {
		w.node(n)
	}
	w.endLine()
}

func (w *walker) endLine() {
	if w.line.Len() == 0 {
		return
	}
	if s := CollapseSpace(w.line.String()); s != "" {
		w.emit(s, w.newPara)
		w.newPara = false
	}
	w.line.Reset()
}

func (w *walker) endPara() {
	w.endLine()
	w.newPara = true
}

func (w *walker) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.line.WriteString(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n)
		return
	default:
		return
	}
	switch {
	case silent[n.DataAtom], w.skip != nil && w.skip(n), IsCaption(n):
		return
	case n.DataAtom == atom.Br:
		w.endLine()
		return
	case n.DataAtom == atom.Iframe:
		if IsCard(n) {
			w.endPara()
			u := CardURL(Attr(n, "src"))
			if u == "" {
				u = Attr(n, "src")
			}
			w.line.WriteString(u)
			w.endPara()
		}
		return
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		w.line.WriteByte(' ')
	}
	if blocks[n.DataAtom] {
		w.endPara()
		w.children(n)
		w.endPara()
		return
	}
	w.children(n)
}

func (w *walker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

// isCollapsible reports whitespace that folds to one space. The ideographic
// space (U+3000) is kept inside a line: Japanese text uses it on purpose.
func isCollapsible(r rune) bool {
	return r != '\u3000' && (unicode.IsSpace(r) || r == '\u200b')
}

// CollapseSpace folds whitespace runs to one space, drops control
// characters and trims the ends. It also repairs invalid UTF-8, which entity
// decoding of hostile input can produce.
func CollapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == utf8.RuneError {
			r = '\uFFFD'
		}
		if isCollapsible(r) {
			space = true
			continue
		}
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			continue // control characters have no place in text
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}
