package digest

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"briefbot"
	"briefbot/internal/posthtml"
	"briefbot/internal/urlid"
)

// Split turns a post into its source items. An aggregator post (HTML with
// <blockquote>s, Hatena diary shape: a cite attribute or <cite><a>, a link
// paragraph or an embed-card iframe next to the block) yields one item per
// quoted block with that block's URL, outlet and title; the blogger's own
// paragraphs outside the blocks are dropped. A post without blockquotes whose
// text still carries several sources (bare link lines, 【headlines】, channel
// posts) is cut at those marks. Any other post yields one item. Boilerplate
// is dropped. Topics, Urgent and Deliver are left to the caller.
func Split(p briefbot.Post) []briefbot.Item {
	var blocks []block
	if strings.Contains(strings.ToLower(p.HTML), "<blockquote") {
		blocks = htmlBlocks(p.HTML)
	}
	if len(blocks) == 0 {
		text := p.Text
		if strings.TrimSpace(text) == "" && p.HTML != "" {
			// A post made without its text: read it as the feed would.
			if nodes, err := posthtml.Parse(p.HTML); err == nil {
				text = posthtml.Text(nodes...)
			}
		}
		blocks = textBlocks(text, p.URL, p.Title)
		if len(blocks) == 1 && blocks[0].url == "" && p.Title != "" {
			blocks[0].title = p.Title
		}
	}
	var items []briefbot.Item
	for _, b := range blocks {
		body := strings.TrimSpace(b.text())
		if body == "" && b.title == "" {
			continue
		}
		u := b.url
		if u == "" {
			u = p.URL
		}
		lang := normLang(p.Language, b.title+"\n"+body)
		items = append(items, briefbot.Item{
			PostID:    p.ID,
			FeedName:  p.FeedName,
			Index:     len(items),
			Outlet:    Outlet(u),
			URL:       u,
			Title:     b.title,
			Text:      body,
			Language:  lang,
			Published: p.Published,
			FetchedAt: p.FetchedAt,
		})
	}
	return items
}

// block is one source found in a post.
type block struct {
	url, title string
	paras      [][]string // paragraphs of lines
}

func (b *block) text() string {
	var ps []string
	for _, p := range b.paras {
		if len(p) > 0 {
			ps = append(ps, strings.Join(p, "\n"))
		}
	}
	return strings.Join(ps, "\n\n")
}

func (b *block) lines() int {
	n := 0
	for _, p := range b.paras {
		n += len(p)
	}
	return n
}

// addLine appends a kept line to the paragraph being built.
func (b *block) addLine(line string, newPara bool) {
	if newPara || len(b.paras) == 0 {
		b.paras = append(b.paras, nil)
	}
	b.paras[len(b.paras)-1] = append(b.paras[len(b.paras)-1], line)
}

// ---- HTML (Hatena) ----

// htmlEvent is a source mark found in an aggregator post's HTML: a quoted
// block, or a card or link paragraph that names the source of the block
// next to it.
type htmlEvent struct {
	kind       int // evBlock, evCard
	url, title string
	paras      [][]string
}

const (
	evBlock = iota
	evCard
)

// htmlBlocks reads the quoted blocks of an aggregator post, with the link
// and title each one cites (the shapes are internal/posthtml's); the
// blogger's own paragraphs are dropped.
func htmlBlocks(src string) []block {
	nodes, err := posthtml.Parse(src)
	if err != nil {
		return nil
	}
	var evs []htmlEvent
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Blockquote:
				q := posthtml.QuoteOf(c)
				u := q.Cite
				if u == "" {
					u = q.Source.URL
				}
				evs = append(evs, htmlEvent{kind: evBlock, url: u, title: q.Source.Text, paras: q.Paras})
			case atom.Iframe:
				if card, ok := posthtml.CardOf(c); ok {
					evs = append(evs, htmlEvent{kind: evCard, url: card.URL, title: card.Title})
				}
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li:
				if ev, ok := linkParaEvent(c); ok {
					evs = append(evs, ev)
				}
				// Other paragraphs outside quotes are the blogger's own text.
			default:
				walk(c)
			}
		}
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	walk(root)
	var out []block
	for i, ev := range evs {
		if ev.kind != evBlock {
			continue
		}
		b := block{url: ev.url, title: ev.title}
		if b.url == "" {
			// A card or link paragraph just before the block, else just after.
			for j := i - 1; j >= 0 && evs[j].kind == evCard; j-- {
				b.url, b.title = evs[j].url, firstNonEmpty(b.title, evs[j].title)
				break
			}
			if b.url == "" && i+1 < len(evs) && evs[i+1].kind == evCard && (i+2 >= len(evs) || evs[i+2].kind != evBlock) {
				b.url, b.title = evs[i+1].url, firstNonEmpty(b.title, evs[i+1].title)
			}
		}
		if b.title == "" {
			// A block citing its link itself may still have its title in
			// the card or link paragraph next to it.
			for _, j := range []int{i - 1, i + 1} {
				if j >= 0 && j < len(evs) && evs[j].kind == evCard && evs[j].title != "" && !domainLike(evs[j].title) && urlid.SamePage(evs[j].url, b.url) {
					b.title = evs[j].title
					break
				}
			}
		}
		for _, p := range ev.paras {
			var kept []string
			for _, l := range p {
				if isBareURL(l) || isBoilerplate(l) {
					continue
				}
				if l = stripDateline(cleanLine(l)); l != "" {
					kept = append(kept, l)
				}
			}
			if len(kept) > 0 {
				b.paras = append(b.paras, kept)
			}
		}
		// A channel post quoted whole opens with its own 【headline】: that
		// is the block's title (a t.me link's text is only the host), and
		// not a sentence of its body.
		if len(b.paras) > 0 {
			if first := b.paras[0][0]; strings.HasPrefix(first, "【") && strings.HasSuffix(first, "】") && !relatedRe.MatchString(first) && utf8.RuneCountInString(first) <= 122 {
				b.title = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(first, "【"), "】"))
				if b.paras[0] = b.paras[0][1:]; len(b.paras[0]) == 0 {
					b.paras = b.paras[1:]
				}
			}
		}
		if domainLike(b.title) {
			b.title = ""
		}
		out = append(out, b)
	}
	return out
}

// domainLike: a link's text that is only a host or a URL ("t.me",
// "jp.reuters.com"), which titles nothing.
func domainLike(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t != "" && (isBareURL(t) || domainRe.MatchString(t))
}

var domainRe = regexp.MustCompile(`^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$`)

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// linkParaEvent reads a paragraph that is (mostly) one link, or holds a card.
func linkParaEvent(n *html.Node) (htmlEvent, bool) {
	var card *htmlEvent
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && card == nil; c = c.NextSibling {
			if cd, ok := posthtml.CardOf(c); ok {
				card = &htmlEvent{kind: evCard, url: cd.URL, title: cd.Title}
				return
			}
			walk(c)
		}
	}
	walk(n)
	if card != nil {
		return *card, true
	}
	a, ok := posthtml.FirstLink(n)
	if !ok || !strings.HasPrefix(a.URL, "http") {
		return htmlEvent{}, false
	}
	if utf8.RuneCountInString(a.Text)*10 < utf8.RuneCountInString(posthtml.Line(n))*7 {
		return htmlEvent{}, false
	}
	title := a.Text
	if isBareURL(title) {
		title = ""
	}
	return htmlEvent{kind: evCard, url: a.URL, title: title}, true
}

// ---- plain text ----

// textBlocks cuts the text of a post without blockquotes into sources. The
// cuts are the marks such pages carry: a link line (a card's remains) ends
// the block before it or opens the next; a 【headline】 or a short title line
// opens a block; a channel post (flags, ❗️, 🗨️, 速報) opens one unless it
// follows its own headline; a plain paragraph after 🔸 bullets, a wire lead
// ("…は4日、") after a block of two or more lines, and "1. " opening a
// numbered list each open one. A text with fewer than two such marks is one
// block: an ordinary article.
func textBlocks(text, postURL, p0title string) []block {
	type line struct {
		s       string
		newPara bool
	}
	var lines []line
	newPara := true
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := stripDateline(strings.TrimFunc(l, unicode.IsSpace))
		if t == "" {
			newPara = true
			continue
		}
		lines = append(lines, line{t, newPara})
		newPara = false
	}
	marks := 0
	for _, l := range lines {
		if isBareURL(l.s) || isHeadline(l.s) || isChannelLead(l.s) || strings.HasPrefix(l.s, "🔸") {
			marks++
		}
	}
	if marks < 2 {
		b := block{}
		for i, l := range lines {
			if isBareURL(l.s) || isBoilerplate(l.s) {
				continue
			}
			if i == 0 && (isHeadline(l.s) || isTitleLine(l.s) && p0title == "") {
				b.title = strings.TrimSpace(strings.Trim(l.s, "【】 "))
				continue
			}
			if s := cleanLine(l.s); s != "" {
				b.addLine(s, l.newPara)
			}
		}
		return []block{b}
	}

	var out []block
	cur := &block{}
	pendingURL := ""
	bullets := false  // the current block has had 🔸 lines
	headOnly := false // the current block has a headline and no body yet
	flush := func() {
		if cur.lines() > 0 || cur.title != "" {
			out = append(out, *cur)
		}
		cur = &block{url: pendingURL}
		pendingURL = ""
		bullets, headOnly = false, false
	}
	own := ownHosts(postURL)
	for _, l := range lines {
		s := l.s
		switch {
		case isBareURL(s):
			u := s
			if !strings.HasPrefix(strings.ToLower(u), "http") {
				flush() // a bare domain: the blog's own footer ends a post
				continue
			}
			if own[hostOf(u)] {
				continue
			}
			if cur.url == "" && cur.lines() > 0 {
				cur.url = u // a card after the block it cites
				flush()
			} else {
				flush()
				cur.url = u
			}
			continue
		case isBoilerplate(s):
			if hashtagRe.MatchString(s) || origTitleRe.MatchString(s) || excerptRe.MatchString(s) {
				flush() // these close the article they follow
			}
			continue
		case isHeadline(s):
			if !(headOnly && strings.HasSuffix(s, "】") && !strings.HasPrefix(s, "【")) {
				flush()
			}
			cur.title = strings.TrimSpace(strings.Trim(s, "【】 "))
			headOnly = true
			continue
		case isTitleLine(s) && !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, "..."):
			// A title ending in "…" is a teaser of the block it follows.
			flush()
			cur.title = s
			headOnly = true
			continue
		case isChannelLead(s):
			if !headOnly && cur.lines() > 0 {
				flush()
			}
		case strings.HasPrefix(s, "🔸"):
			bullets = true
		case strings.HasPrefix(s, "ℹ️"), strings.HasPrefix(s, "🗨"), strings.HasPrefix(s, "・"):
		case numberedRe.MatchString(s):
			if strings.HasPrefix(s, "1") && cur.lines() > 0 && !numberedRe.MatchString(lastLine(cur)) {
				flush()
			}
		default:
			f := fold(s)
			if bullets || !connectiveRe.MatchString(f) &&
				(cur.lines() >= 2 && strictLeadRe.MatchString(f) || afterMark(cur) && leadRe.MatchString(f)) {
				flush()
			}
		}
		if s = cleanLine(s); s != "" {
			cur.addLine(s, l.newPara)
			headOnly = false
		}
	}
	flush()
	return out
}

// afterMark: the block's last line is a channel mark line (ℹ️, 🗨️…), after
// which a dated plain paragraph is another source.
func afterMark(b *block) bool {
	l := lastLine(b)
	r, _ := utf8.DecodeRuneInString(l)
	return l != "" && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '「' && r != '('
}

func lastLine(b *block) string {
	if len(b.paras) == 0 || len(b.paras[len(b.paras)-1]) == 0 {
		return ""
	}
	p := b.paras[len(b.paras)-1]
	return p[len(p)-1]
}

func hostOf(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(pu.Hostname())
}

// ownHosts are the blog's own addresses: link lines to them cite nothing.
func ownHosts(postURL string) map[string]bool {
	m := map[string]bool{}
	if h := hostOf(postURL); h != "" {
		m[h] = true
		if i := strings.IndexByte(h, '.'); i > 0 {
			// d1021.hatenadiary.jp also publishes as d1021.hatenadiary.com
			// and d1021.hatenablog.com.
			user := h[:i]
			for _, d := range []string{"hatenadiary.jp", "hatenadiary.com", "hatenablog.com", "hatenablog.jp", "hateblo.jp"} {
				m[user+"."+d] = true
			}
		}
	}
	return m
}

// isHeadline: a channel post's 【headline】, possibly left open or closed
// on a later line (the seed has both).
func isHeadline(s string) bool {
	return strings.HasPrefix(s, "【") && !relatedRe.MatchString(s) || strings.HasSuffix(s, "】") && utf8.RuneCountInString(s) <= 80
}

// isTitleLine: a short line without closing punctuation, such as the
// subheadings wire copy carries ("ロシア 飛行場に攻撃の跡か").
func isTitleLine(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 6 || n > 45 || numberedRe.MatchString(s) || strings.HasPrefix(s, "・") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '.', '！', '!', '？', '?', ':', '：', '、', ',':
		return false
	}
	if f, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(f) && !unicode.IsDigit(f) && f != '「' && f != '“' && f != '"' && f != '«' {
		return false
	}
	return !strings.Contains(s, "。")
}

// isChannelLead: the first line of a channel post: a flag, ❗️, 🗨️, 🎥,
// 🎤 or a breaking mark.
func isChannelLead(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 0x1F1E6 && r <= 0x1F1FF { // regional indicator: a flag
		return true
	}
	for _, p := range []string{"❗", "‼", "🎥", "🎤", "⚡", "速報", "BREAKING", "緊急"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
