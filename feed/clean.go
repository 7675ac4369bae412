package feed

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxTitleRunes caps a post title; hostile feeds send 5,000-character ones.
const maxTitleRunes = 300

// maxTagDepth bounds how deep sanitised markup nests; deeper elements keep
// their text but lose their tags, so a pathological page stays renderable.
const maxTagDepth = 100

// tagAction is what the sanitiser does with an element.
type tagAction int

const (
	tagUnwrap tagAction = iota // drop the tag, keep its children
	tagKeep                    // keep the tag (allowed attributes only) and its children
	tagBlock                   // keep as <div>: block structure without the original semantics
	tagDrop                    // drop the tag and everything inside it
)

var tagActions = map[atom.Atom]tagAction{
	atom.P: tagKeep, atom.Br: tagKeep, atom.Blockquote: tagKeep, atom.Cite: tagKeep,
	atom.A: tagKeep, atom.B: tagKeep, atom.I: tagKeep, atom.Strong: tagKeep, atom.Em: tagKeep,
	atom.U: tagKeep, atom.S: tagKeep, atom.Del: tagKeep, atom.Ins: tagKeep,
	atom.Ul: tagKeep, atom.Ol: tagKeep, atom.Li: tagKeep,
	atom.H1: tagKeep, atom.H2: tagKeep, atom.H3: tagKeep, atom.H4: tagKeep, atom.H5: tagKeep, atom.H6: tagKeep,
	atom.Div: tagKeep, atom.Pre: tagKeep, atom.Code: tagKeep,
	atom.Iframe: tagKeep, // only embed cards survive; see cleaner.element

	atom.Section: tagBlock, atom.Article: tagBlock, atom.Header: tagBlock, atom.Footer: tagBlock,
	atom.Aside: tagBlock, atom.Main: tagBlock, atom.Nav: tagBlock, atom.Figure: tagBlock,
	atom.Figcaption: tagBlock, atom.Details: tagBlock, atom.Summary: tagBlock, atom.Address: tagBlock,
	atom.Center: tagBlock, atom.Table: tagBlock, atom.Tr: tagBlock, atom.Dl: tagBlock,
	atom.Dt: tagBlock, atom.Dd: tagBlock, atom.Caption: tagBlock, atom.Hr: tagBlock,

	atom.Script: tagDrop, atom.Style: tagDrop, atom.Noscript: tagDrop, atom.Form: tagDrop,
	atom.Template: tagDrop, atom.Head: tagDrop, atom.Title: tagDrop, atom.Meta: tagDrop,
	atom.Link: tagDrop, atom.Base: tagDrop, atom.Object: tagDrop, atom.Embed: tagDrop,
	atom.Applet: tagDrop, atom.Svg: tagDrop, atom.Math: tagDrop, atom.Textarea: tagDrop,
	atom.Select: tagDrop, atom.Button: tagDrop, atom.Input: tagDrop, atom.Option: tagDrop,
	atom.Audio: tagDrop, atom.Video: tagDrop, atom.Canvas: tagDrop, atom.Frame: tagDrop,
	atom.Frameset: tagDrop, atom.Noframes: tagDrop, atom.Noembed: tagDrop, atom.Img: tagDrop,
	atom.Picture: tagDrop, atom.Source: tagDrop, atom.Track: tagDrop, atom.Map: tagDrop,
	atom.Area: tagDrop, atom.Param: tagDrop, atom.Dialog: tagDrop, atom.Xmp: tagDrop,
	atom.Plaintext: tagDrop,
}

// textBlocks are the elements that start and end a paragraph of Post.Text.
var textBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Blockquote: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Div: true, atom.Pre: true,
}

var fragmentContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

// cleaned is a sanitised body and its plain text.
type cleaned struct {
	HTML string
	Text string
}

// cleanHTML sanitises an entry body and extracts its text. base resolves
// relative links; it may be nil.
func cleanHTML(body string, base *url.URL) cleaned {
	if strings.TrimSpace(body) == "" {
		return cleaned{}
	}
	nodes, err := html.ParseFragment(strings.NewReader(body), fragmentContext)
	if err != nil {
		// The tokenizer only fails on reader errors; treat the body as text.
		t := collapseSpace(body)
		return cleaned{HTML: html.EscapeString(t), Text: t}
	}
	c := &cleaner{base: base}
	for _, n := range nodes {
		c.node(n, 0)
	}
	c.flush()
	return cleaned{HTML: strings.TrimSpace(c.html.String()), Text: strings.Join(c.paras, "\n\n")}
}

// cleaner walks a parsed fragment once, writing sanitised HTML and collecting
// text paragraphs from the same decisions so the two never disagree.
type cleaner struct {
	base  *url.URL
	html  strings.Builder
	cur   strings.Builder // the paragraph being collected
	paras []string
	mute  int // >0 while inside markup whose text stays out of Post.Text
}

func (c *cleaner) flush() {
	if c.cur.Len() == 0 {
		return
	}
	if s := collapseSpace(c.cur.String()); s != "" {
		c.paras = append(c.paras, s)
	}
	c.cur.Reset()
}

func (c *cleaner) children(n *html.Node, depth int) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch, depth+1)
	}
}

func (c *cleaner) node(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		c.html.WriteString(html.EscapeString(n.Data))
		if c.mute == 0 {
			c.cur.WriteString(n.Data)
		}
	case html.ElementNode:
		c.element(n, depth)
	case html.DocumentNode:
		c.children(n, depth)
	}
}

func (c *cleaner) element(n *html.Node, depth int) {
	action := tagActions[n.DataAtom]
	if n.DataAtom == 0 {
		action = tagUnwrap // custom elements (<hatena-foo>) keep their text
	}
	switch action {
	case tagDrop:
		return
	case tagUnwrap:
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			c.html.WriteByte(' ')
			c.cur.WriteByte(' ')
		}
		c.children(n, depth)
		return
	}

	name := n.Data
	if action == tagBlock {
		name = "div"
	}
	var attrs []html.Attribute
	switch n.DataAtom {
	case atom.A:
		if href, ok := c.link(attr(n, "href"), true); ok {
			attrs = append(attrs, html.Attribute{Key: "href", Val: href})
		} else {
			c.children(n, depth) // a link without a safe target is just its text
			return
		}
	case atom.Blockquote:
		if cite, ok := c.link(attr(n, "cite"), false); ok {
			attrs = append(attrs, html.Attribute{Key: "cite", Val: cite})
		}
	case atom.Iframe:
		c.iframe(n)
		return
	case atom.Cite:
		if hasClass(attr(n, "class"), "hatena-citation") {
			// Hatena's caption under a link card repeats the card's host;
			// the card already left its URL in the text.
			writeStart(&c.html, "cite", nil)
			c.mute++
			c.children(n, depth)
			c.mute--
			c.html.WriteString("</cite>")
			return
		}
	}

	block := textBlocks[n.DataAtom] || action == tagBlock
	if block {
		c.flush()
	}
	emit := depth <= maxTagDepth
	if emit {
		writeStart(&c.html, name, attrs)
	}
	if n.DataAtom == atom.Br {
		c.flush()
		return
	}
	if n.DataAtom == atom.Hr {
		if emit {
			c.html.WriteString("</div>")
		}
		return
	}
	c.children(n, depth)
	if emit {
		c.html.WriteString("</" + name + ">")
	}
	if block {
		c.flush()
	}
}

// iframe keeps embed cards (Hatena's link cards quote a source this way) and
// drops every other frame. In the text a card becomes the URL it shows.
func (c *cleaner) iframe(n *html.Node) {
	class := attr(n, "class")
	if !hasClass(class, "embed-card") {
		return
	}
	src, ok := c.link(attr(n, "src"), false)
	if !ok {
		return
	}
	attrs := []html.Attribute{{Key: "src", Val: src}}
	if t := attr(n, "title"); t != "" {
		attrs = append(attrs, html.Attribute{Key: "title", Val: t})
	}
	attrs = append(attrs, html.Attribute{Key: "class", Val: class})
	writeStart(&c.html, "iframe", attrs)
	c.html.WriteString("</iframe>")

	target := src
	if u, err := url.Parse(src); err == nil {
		if inner := u.Query().Get("url"); isWebURL(inner) {
			target = inner
		}
	}
	c.flush()
	c.paras = append(c.paras, target)
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

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
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

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(class, want string) bool {
	for _, c := range strings.Fields(class) {
		if c == want {
			return true
		}
	}
	return false
}

// cleanTitle turns a feed title into plain text: tags stripped (scripts with
// their content), entities decoded, whitespace collapsed, length capped.
func cleanTitle(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = plainText(s)
	}
	return truncateRunes(collapseSpace(s), maxTitleRunes)
}

// plainText returns the text of an HTML fragment, without dropped elements.
func plainText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), fragmentContext)
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if tagActions[n.DataAtom] == tagDrop {
				return
			}
			if n.DataAtom == atom.Br || textBlocks[n.DataAtom] {
				b.WriteByte(' ')
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// isCollapsible reports whitespace that folds to one space. The ideographic
// space (U+3000) is kept inside a paragraph: Japanese text uses it on purpose.
func isCollapsible(r rune) bool {
	return r != '\u3000' && (unicode.IsSpace(r) || r == '\u200b')
}

// collapseSpace folds whitespace runs to one space and trims the ends. It also
// repairs invalid UTF-8, which entity decoding of hostile input can produce.
func collapseSpace(s string) string {
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
		if r == 0 || (r < 0x20) || (r >= 0x7f && r < 0xa0) {
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
