package feed

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"briefbot/internal/posthtml"
)

// maxTitleRunes caps a post title; hostile feeds send 5,000-character ones.
const maxTitleRunes = 300

// maxTagDepth bounds how deep sanitised markup nests; deeper elements keep
// their text but lose their tags, so a pathological page stays renderable.
const maxTagDepth = 100

// tagAction is what the sanitiser does with an element; elements whose
// content is never text (posthtml.Silent: scripts, media, forms) are
// dropped whole, and unknown ones unwrapped.
type tagAction int

const (
	tagUnwrap tagAction = iota // drop the tag, keep its children
	tagKeep                    // keep the tag (allowed attributes only) and its children
	tagBlock                   // keep as <div>: block structure without the original semantics
)

var tagActions = map[atom.Atom]tagAction{
	atom.P: tagKeep, atom.Br: tagKeep, atom.Blockquote: tagKeep, atom.Cite: tagKeep,
	atom.A: tagKeep, atom.B: tagKeep, atom.I: tagKeep, atom.Strong: tagKeep, atom.Em: tagKeep,
	atom.U: tagKeep, atom.S: tagKeep, atom.Del: tagKeep, atom.Ins: tagKeep,
	atom.Ul: tagKeep, atom.Ol: tagKeep, atom.Li: tagKeep,
	atom.H1: tagKeep, atom.H2: tagKeep, atom.H3: tagKeep, atom.H4: tagKeep, atom.H5: tagKeep, atom.H6: tagKeep,
	atom.Div: tagKeep, atom.Pre: tagKeep, atom.Code: tagKeep,
	atom.Iframe: tagKeep, // only link cards survive; see cleaner.element

	atom.Section: tagBlock, atom.Article: tagBlock, atom.Header: tagBlock, atom.Footer: tagBlock,
	atom.Aside: tagBlock, atom.Main: tagBlock, atom.Nav: tagBlock, atom.Figure: tagBlock,
	atom.Figcaption: tagBlock, atom.Details: tagBlock, atom.Summary: tagBlock, atom.Address: tagBlock,
	atom.Center: tagBlock, atom.Table: tagBlock, atom.Tr: tagBlock, atom.Dl: tagBlock,
	atom.Dt: tagBlock, atom.Dd: tagBlock, atom.Caption: tagBlock, atom.Hr: tagBlock,
}

// cleaned is a sanitised body and its plain text.
type cleaned struct {
	HTML string
	Text string
}

// cleanHTML sanitises an entry body and extracts its text. base resolves
// relative links; it may be nil. The body is parsed once and sanitised in
// place; the HTML is written from the sanitised tree, and the text read
// from the same tree by posthtml's walker, the one digest uses on the
// stored HTML, so the two never disagree.
func cleanHTML(body string, base *url.URL) cleaned {
	if strings.TrimSpace(body) == "" {
		return cleaned{}
	}
	nodes, err := posthtml.Parse(body)
	if err != nil {
		// The tokenizer only fails on reader errors; treat the body as text.
		t := posthtml.CollapseSpace(body)
		return cleaned{HTML: html.EscapeString(t), Text: t}
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	c := &cleaner{base: base}
	c.children(root)
	var sb strings.Builder
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		render(&sb, n, 0)
	}
	return cleaned{HTML: strings.TrimSpace(sb.String()), Text: posthtml.Text(root)}
}

// cleaner sanitises a parsed fragment in place.
type cleaner struct {
	base *url.URL
}

// children sanitises n's children; an element may replace itself with its
// own children (already sanitised) or go.
func (c *cleaner) children(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		switch ch.Type {
		case html.TextNode:
			ch.Data = stripInvisible(ch.Data)
		case html.ElementNode:
			c.element(ch)
		default:
			n.RemoveChild(ch) // comments
		}
		ch = next
	}
}

func (c *cleaner) element(n *html.Node) {
	if posthtml.Silent(n.DataAtom) {
		n.Parent.RemoveChild(n)
		return
	}
	action, ok := tagActions[n.DataAtom]
	if !ok {
		// Custom elements (<hatena-foo>) and inline ones keep their text;
		// a table cell is set off by a space.
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, n.FirstChild)
		}
		c.unwrap(n)
		return
	}
	var attrs []html.Attribute
	switch n.DataAtom {
	case atom.A:
		href, ok := c.link(posthtml.Attr(n, "href"), true)
		if !ok {
			c.unwrap(n) // a link without a safe target is just its text
			return
		}
		attrs = []html.Attribute{{Key: "href", Val: href}}
	case atom.Blockquote:
		if cite, ok := c.link(posthtml.Attr(n, "cite"), false); ok {
			attrs = []html.Attribute{{Key: "cite", Val: cite}}
		}
	case atom.Iframe:
		c.iframe(n)
		return
	}
	if action == tagBlock {
		n.Data, n.DataAtom = "div", atom.Div
	}
	n.Attr = attrs
	c.children(n)
}

// unwrap replaces n with its children, sanitised.
func (c *cleaner) unwrap(n *html.Node) {
	c.children(n)
	for ch := n.FirstChild; ch != nil; ch = n.FirstChild {
		n.RemoveChild(ch)
		n.Parent.InsertBefore(ch, n)
	}
	n.Parent.RemoveChild(n)
}

// iframe keeps link cards (Hatena's cards quote a source this way) with
// their safe src, title and class, and drops every other frame.
func (c *cleaner) iframe(n *html.Node) {
	src, ok := c.link(posthtml.Attr(n, "src"), false)
	if !posthtml.IsCard(n) || !ok {
		n.Parent.RemoveChild(n)
		return
	}
	attrs := []html.Attribute{{Key: "src", Val: src}}
	if t := stripInvisible(posthtml.Attr(n, "title")); t != "" {
		attrs = append(attrs, html.Attribute{Key: "title", Val: t})
	}
	n.Attr = append(attrs, html.Attribute{Key: "class", Val: posthtml.Attr(n, "class")})
	for ch := n.FirstChild; ch != nil; ch = n.FirstChild {
		n.RemoveChild(ch)
	}
}

// render writes a sanitised node. Tags nested deeper than maxTagDepth are
// left out, their text kept, so a pathological page stays renderable.
func render(b *strings.Builder, n *html.Node, depth int) {
	if n.Type == html.TextNode {
		b.WriteString(html.EscapeString(n.Data))
		return
	}
	emit := depth <= maxTagDepth
	if emit {
		writeStart(b, n.Data, n.Attr)
	}
	if n.DataAtom == atom.Br {
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		render(b, ch, depth+1)
	}
	if emit {
		b.WriteString("</" + n.Data + ">")
	}
}

// link resolves raw against the base and returns it when its scheme is safe
// (http, https, and mailto for anchors); javascript:, data: and the rest fail.
func (c *cleaner) link(raw string, mailto bool) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if c.base != nil {
		u = c.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "mailto":
		if !mailto {
			return "", false
		}
	case "":
		if u.Host != "" || strings.Contains(u.Path, ":") {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}

func writeStart(b *strings.Builder, name string, attrs []html.Attribute) {
	b.WriteByte('<')
	b.WriteString(name)
	for _, a := range attrs {
		b.WriteByte(' ')
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.Val))
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

// cleanTitle turns a feed title into plain text: tags stripped (scripts with
// their content), entities decoded, whitespace collapsed, length capped.
func cleanTitle(s string) string {
	if strings.ContainsAny(s, "<&") {
		if nodes, err := posthtml.Parse(s); err == nil {
			s = posthtml.Line(nodes...)
		}
	}
	return truncateRunes(posthtml.CollapseSpace(stripInvisible(s)), maxTitleRunes)
}

// stripInvisible drops the invisible format characters that reorder or hide
// text: the bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE turns
// "txt.exe" into "exe.txt" on screen, and spills into the rest of a brief),
// zero-width spaces, word joiners and interlinear annotations. It runs on
// decoded text, so &#x202E; is caught too. The zero-width joiner and non-joiner stay: emoji sequences and
// Persian or Indic words need them.
func stripInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x061C, r == 0x180E, r == 0x200B, r == 0x200E, r == 0x200F, r == 0xFEFF,
			r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069,
			r >= 0xFFF9 && r <= 0xFFFB:
			return -1
		}
		return r
	}, s)
}

// truncateRunes caps s at max runes, cutting at the last space when one falls
// in the final third (CJK titles have none, so they are cut hard), and marks
// the cut with an ellipsis.
func truncateRunes(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if i := strings.LastIndexByte(head, ' '); i > 0 && utf8.RuneCountInString(head[:i]) >= max*2/3 {
		head = head[:i]
	}
	return strings.TrimRightFunc(head, unicode.IsSpace) + "…"
}
