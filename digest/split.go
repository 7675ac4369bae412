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
// paragraphs outside the blocks are dropped, but a label line naming the
// next block's outlet ("Sputnik", "ロイター") and a caption pointing at it
// ("…の発表👇") are read for that block. A post without blockquotes whose
// text still carries several sources (bare link lines, labels, captions,
// 【headlines】, channel posts) is cut at those marks. Any other post
// yields one item. Boilerplate is dropped. Topics, Urgent and Deliver are
// left to the caller.
//
// An item's outlet is named as an editor names it, in the item's language
// (see outletIn). A block quoted from elsewhere: the site its cite or link
// text names, the blogger's label line, its dateline, the table of hosts,
// the copy naming itself, the cited site's own name; never the aggregator's
// name or host, so a quoted block nothing names has none. The post's own
// text: see entryOutlet.
func Split(p briefbot.Post) []briefbot.Item {
	var blocks []block
	quoting := false
	if strings.Contains(strings.ToLower(p.HTML), "<blockquote") {
		blocks = htmlBlocks(p.HTML)
		quoting = len(blocks) > 0
	}
	own := ownHosts(p.URL)
	if len(blocks) == 0 {
		text := p.Text
		if strings.TrimSpace(text) == "" && p.HTML != "" {
			// A post made without its text: read it as the feed would.
			if nodes, err := posthtml.Parse(p.HTML); err == nil {
				text = posthtml.Text(nodes...)
			}
		}
		blocks = textBlocks(text, own, p.Title)
		quoting = quotes(blocks, own)
	}
	// A blog platform's post is its blogger's: what it holds is quoted,
	// and the blog (the aggregator) is never the outlet.
	quoting = quoting || blogHost(hostOf(p.URL))
	entrySite := ""
	if len(blocks) == 1 && blocks[0].url == "" && p.Title != "" && !quoting {
		blocks[0].title, entrySite = splitSite(p.Title, p.URL, false)
		if t := blocks[0].title; strings.HasPrefix(t, "【") && strings.HasSuffix(t, "】") && strings.Count(t, "】") == 1 {
			// A channel post's title is its 【headline】.
			blocks[0].title = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "【"), "】"))
		}
	}
	var items []briefbot.Item
	for _, b := range blocks {
		if isLabel(b.title) || captionText(b.title) != "" {
			b.title = "" // 【Sputnik】 or a 👇 line heads nothing
		}
		body := strings.TrimSpace(b.text())
		if body == "" && (b.title == "" || quoting) {
			continue // a quoted title without its text quotes nothing
		}
		cited := b.url != "" && !own[hostOf(b.url)]
		u := b.url
		if u == "" {
			u = p.URL
		}
		lang := normLang(p.Language, b.title+"\n"+body)
		var name string
		if quoting || cited {
			name = quotedOutlet(b, cited, body)
		} else {
			name = entryOutlet(p, entrySite, b.dateline)
		}
		items = append(items, briefbot.Item{
			PostID:    p.ID,
			FeedName:  p.FeedName,
			Index:     len(items),
			Outlet:    outletIn(name, lang),
			URL:       u,
			Title:     b.title,
			Caption:   b.caption,
			Text:      body,
			Language:  lang,
			Published: p.Published,
			FetchedAt: p.FetchedAt,
		})
	}
	return items
}

// quotedOutlet names the outlet of a block quoted from elsewhere, or ""
// when nothing names it.
func quotedOutlet(b block, cited bool, body string) string {
	for _, n := range []string{b.site, b.label, b.dateline} {
		if n != "" {
			return n
		}
	}
	if cited {
		if o := outletAt(b.url); o != nil {
			return o.en
		}
		return siteName(b.url)
	}
	return selfNamed(body)
}

// quotes reports a text post cut into blocks quoted from elsewhere: one
// cites a link off the post's own site. A channel post cut at its own
// marks quotes nothing.
func quotes(blocks []block, own map[string]bool) bool {
	for _, b := range blocks {
		if b.url != "" && !own[hostOf(b.url)] {
			return true
		}
	}
	return false
}

// blogHosts are blog platforms: a post there is its blogger's, and what it
// holds is quoted.
var blogHosts = []string{"hatenadiary.jp", "hatenadiary.com", "hatenablog.com", "hatenablog.jp", "hateblo.jp",
	"livedoor.blog", "blog.jp", "blog.livedoor.jp", "ameblo.jp", "blogspot.com", "wordpress.com", "seesaa.net",
	"blog.fc2.com", "blog.goo.ne.jp", "exblog.jp"}

func blogHost(host string) bool {
	for _, b := range blogHosts {
		if host == b || strings.HasSuffix(host, "."+b) {
			return true
		}
	}
	return false
}

// block is one source found in a post, with what names its outlet: the
// site its cite or link text names, the label line before it, its
// dateline; and the caption pointing at it.
type block struct {
	url, title                     string
	site, label, dateline, caption string
	paras                          [][]string // paragraphs of lines
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
// block; a card or link paragraph that cites the block next to it; the
// blogger's label line or caption over the next block.
type htmlEvent struct {
	kind  int // evBlock, evCard, evLabel, evCaption
	url   string
	text  string // a link's, cite's or card's text: the cited page's title and site; a label; a caption
	paras [][]string
}

const (
	evBlock = iota
	evCard
	evLabel
	evCaption
)

// htmlBlocks reads the quoted blocks of an aggregator post, with the link,
// title and site each one cites (the shapes are internal/posthtml's) and
// the label and caption over it; the blogger's own paragraphs are dropped.
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
				evs = append(evs, htmlEvent{kind: evBlock, url: u, text: q.Source.Text, paras: q.Paras})
			case atom.Iframe:
				if card, ok := posthtml.CardOf(c); ok {
					evs = append(evs, htmlEvent{kind: evCard, url: card.URL, text: card.Title})
				}
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li:
				if ev, ok := paraEvent(c); ok {
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
		b := block{url: ev.url}
		b.title, b.site = splitSite(ev.text, ev.url, true)
		before, after := cardBefore(evs, i), cardAfter(evs, i)
		if b.url == "" {
			// A card or link paragraph just before the block, else just after.
			j := before
			if j < 0 {
				j = after
			}
			if j >= 0 {
				b.url = evs[j].url
				b.title, b.site = fillSite(b.title, b.site, evs[j].text, b.url)
			}
		} else {
			// A block citing its link itself may still have its title and
			// site in the card or link paragraph next to it.
			for _, j := range []int{before, after} {
				if j >= 0 && urlid.SamePage(evs[j].url, b.url) {
					b.title, b.site = fillSite(b.title, b.site, evs[j].text, b.url)
				}
			}
		}
		// The label and the caption the blogger wrote over the block.
		labelled := false
		for j := i - 1; j >= 0 && evs[j].kind != evBlock; j-- {
			switch {
			case evs[j].kind == evLabel && !labelled:
				b.label, labelled = labelOutlet(evs[j].text), true
			case evs[j].kind == evCaption && b.caption == "":
				b.caption = evs[j].text
			}
		}
		for _, p := range ev.paras {
			var kept []string
			for _, l := range p {
				if isBareURL(l) || isBoilerplate(l) {
					continue
				}
				l = cleanLine(l)
				if len(b.paras) == 0 && len(kept) == 0 {
					b.dateline = datelineOutlet(l)
				}
				if l = stripDateline(l); l != "" {
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
		out = append(out, b)
	}
	return out
}

// fillSite fills what a block's own cite left empty from a card's or link's
// text.
func fillSite(title, site, text, rawURL string) (string, string) {
	t, s := splitSite(text, rawURL, true)
	return firstNonEmpty(title, t), firstNonEmpty(site, s)
}

// cardBefore is the card or link paragraph just before block i (labels and
// captions may stand between), or -1.
func cardBefore(evs []htmlEvent, i int) int {
	for j := i - 1; j >= 0; j-- {
		switch evs[j].kind {
		case evCard:
			return j
		case evBlock:
			return -1
		}
	}
	return -1
}

// cardAfter is the card just after block i unless it opens the next block,
// or -1.
func cardAfter(evs []htmlEvent, i int) int {
	if i+1 < len(evs) && evs[i+1].kind == evCard && (i+2 >= len(evs) || evs[i+2].kind != evBlock) {
		return i + 1
	}
	return -1
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

// paraEvent reads a paragraph outside the quotes that marks a source: one
// that holds a card, is (mostly) one link or is a bare URL, a label line, a
// caption.
func paraEvent(n *html.Node) (htmlEvent, bool) {
	var card *htmlEvent
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && card == nil; c = c.NextSibling {
			if cd, ok := posthtml.CardOf(c); ok {
				card = &htmlEvent{kind: evCard, url: cd.URL, text: cd.Title}
				return
			}
			walk(c)
		}
	}
	walk(n)
	if card != nil {
		return *card, true
	}
	line := posthtml.Line(n)
	if a, ok := posthtml.FirstLink(n); ok && strings.HasPrefix(a.URL, "http") &&
		utf8.RuneCountInString(a.Text)*10 >= utf8.RuneCountInString(line)*7 {
		text := a.Text
		if isBareURL(text) {
			text = ""
		}
		return htmlEvent{kind: evCard, url: a.URL, text: text}, true
	}
	switch {
	case isLabel(line):
		return htmlEvent{kind: evLabel, text: line}, true
	case captionText(line) != "":
		return htmlEvent{kind: evCaption, text: captionText(line)}, true
	case strings.HasPrefix(line, "http") && isBareURL(line):
		return htmlEvent{kind: evCard, url: line}, true
	}
	return htmlEvent{}, false
}

// captionText is a caption's text without its pointer when line points at
// what follows ("…に関するロシア側の発表👇", "Ushakov's account ⬇️"), else "".
func captionText(line string) string {
	t := strings.TrimSpace(line)
	found := false
	for {
		r, n := utf8.DecodeLastRuneInString(t)
		if n == 0 {
			break
		}
		switch {
		case r == '👇' || r == '⬇' || r == '🔽' || r == '↓' || r == '⤵':
			found = true
		case r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF || unicode.IsSpace(r):
		default:
			if !found {
				return ""
			}
			t = strings.TrimRight(t, ":：")
			if utf8.RuneCountInString(t) > maxCaption || t == "" {
				return ""
			}
			return t
		}
		t = t[:len(t)-n]
	}
	return ""
}

// maxCaption bounds a caption: a line pointing at a block is a phrase, not
// a paragraph (the captions seen run to 30 characters).
const maxCaption = 120

// ---- plain text ----

// textBlocks cuts the text of a post without blockquotes into sources. The
// cuts are the marks such pages carry: a link line (a card's remains) or a
// cite line ("見出し | NHK") ends the block before it or opens the next; a
// label line ("Sputnik", alone in its paragraph) or a caption pointing down
// ("…の発表👇") opens the next block and names its outlet or captions it,
// never titling it; a 【headline】, a short title line or a wire's dateline
// (［モスクワ　12日　ロイター］) opens a block; a channel post (flags, ❗️,
// 🗨️, 速報) opens one unless it follows its own headline; a plain paragraph
// after 🔸 bullets, a wire lead ("…は4日、") after a block of two or more
// lines, and "1. " opening a numbered list each open one. A text with fewer
// than two such marks is one block: an ordinary article. Link lines to own
// (the post's own site) cite nothing.
func textBlocks(text string, own map[string]bool, p0title string) []block {
	type line struct {
		s                   string
		newPara             bool
		alone               bool   // the whole paragraph
		dateline            string // the outlet the raw line's dateline names
		link                bool   // a URL or a bare host
		label               bool   // a label's words (a label when alone)
		caption             string // the caption it is, if one
		cite                bool   // a cite line: citeTitle, citeSite
		citeTitle, citeSite string
	}
	var lines []line
	newPara := true
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		raw := strings.TrimFunc(l, unicode.IsSpace)
		t := stripDateline(raw)
		if t == "" {
			newPara = true
			continue
		}
		if n := len(lines); n > 0 && !newPara {
			lines[n-1].alone = false
		}
		l := line{s: t, newPara: newPara, alone: newPara, dateline: datelineOutlet(raw), link: !strings.ContainsAny(t, " \t　") && (isBareURL(t) || domainLike(t)),
			label: isLabel(t), caption: captionText(t)}
		l.citeTitle, l.citeSite, l.cite = citeLine(t)
		lines = append(lines, l)
		newPara = false
	}
	isLabelLine := func(l line) bool { return l.alone && l.label }
	marks := 0
	for _, l := range lines {
		if l.link || isHeadline(l.s) || isChannelLead(l.s) || strings.HasPrefix(l.s, "🔸") || isLabelLine(l) || l.caption != "" || l.cite || l.dateline != "" {
			marks++
		}
	}
	if marks < 2 {
		b := block{}
		head := true // no line of the body yet
		for _, l := range lines {
			if l.cite {
				b.title, b.site = firstNonEmpty(b.title, l.citeTitle), firstNonEmpty(b.site, l.citeSite)
				continue
			}
			switch {
			case l.link || isBoilerplate(l.s):
				continue
			case head && isLabelLine(l):
				b.label = labelOutlet(l.s)
				continue
			case head && l.caption != "":
				b.caption = l.caption
				continue
			case head && b.title == "" && !l.label && (isHeadline(l.s) || isTitleLine(l.s) && p0title == ""):
				b.title = strings.TrimSpace(strings.Trim(l.s, "【】 "))
				continue
			}
			if s := cleanLine(l.s); s != "" {
				if head {
					b.dateline = l.dateline
				}
				b.addLine(s, l.newPara)
				head = false
			}
		}
		return []block{b}
	}

	var out []block
	cur := &block{}
	bullets := false  // the current block has had 🔸 lines
	headOnly := false // the current block has a headline and no body yet
	// flush ends the current block; one with nothing in it yet stays open,
	// keeping the link, label or caption it has for what follows.
	flush := func() {
		if cur.lines() > 0 || cur.title != "" {
			out = append(out, *cur)
			cur = &block{}
		}
		bullets, headOnly = false, false
	}
	// bodyFollows reports a block's text after line i, boilerplate aside,
	// before any mark that opens or closes a block; a 【headline】 opens a
	// block's text when headed is set.
	bodyFollows := func(i int, headed bool) bool {
		for _, l := range lines[i+1:] {
			switch {
			case isBoilerplate(l.s):
				continue
			case isHeadline(l.s):
				return headed
			case l.link || l.cite || isLabelLine(l) || l.caption != "":
				return false
			}
			return true
		}
		return false
	}
	for i, l := range lines {
		s := l.s
		if l.cite {
			title, site := l.citeTitle, l.citeSite
			// A page title naming its site ("見出し | NHK") is a cite: like
			// a link line it closes the block before it, else opens one.
			last := len(out) - 1
			switch {
			case cur.lines() > 0 && (cur.site == "" || cur.title == title):
				cur.title, cur.site = firstNonEmpty(cur.title, title), firstNonEmpty(cur.site, site)
				flush()
			case cur.lines() == 0 && cur.url == "" && cur.label == "" && last >= 0 && out[last].site == "" &&
				(out[last].url != "" && sameOutlet(Outlet(out[last].url)) == sameOutlet(site) || !bodyFollows(i, false)):
				// The block's own link line (a related article's) or its
				// closing marks (原題, 抜粋) came first.
				out[last].title, out[last].site = firstNonEmpty(out[last].title, title), site
			default:
				flush()
				cur.title, cur.site = title, site
				headOnly = true
			}
			continue
		}
		switch {
		case l.link:
			u := s
			if !strings.HasPrefix(strings.ToLower(u), "http") {
				// A bare host: the blog's own footer ends a post; another
				// is a link's text ("t.me"), which names nothing.
				if own[hostOf("https://"+u)] {
					flush()
				}
				continue
			}
			if own[hostOf(u)] {
				continue
			}
			last := len(out) - 1
			switch {
			case cur.url == "" && cur.lines() > 0:
				cur.url = u // a card after the block it cites
				flush()
			case cur.lines() == 0 && cur.url == "" && cur.label == "" && last >= 0 && out[last].url == "" && !bodyFollows(i, true):
				// The link after a block its own tags closed (#tag, 原題).
				out[last].url = u
			default:
				flush()
				cur.url = u
			}
			continue
		case isBoilerplate(s):
			if hashtagRe.MatchString(s) || origTitleRe.MatchString(s) || excerptRe.MatchString(s) {
				flush() // these close the article they follow
			}
			continue
		case isLabelLine(l):
			flush()
			cur.label = labelOutlet(s)
			continue
		case l.caption != "":
			flush()
			cur.caption = l.caption
			continue
		case isHeadline(s):
			if !(headOnly && strings.HasSuffix(s, "】") && !strings.HasPrefix(s, "【")) {
				flush()
			}
			cur.title = strings.TrimSpace(strings.Trim(s, "【】 "))
			headOnly = true
			continue
		case isTitleLine(s) && !l.label && !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, "..."):
			// A title ending in "…" is a teaser of the block it follows.
			flush()
			cur.title = s
			headOnly = true
			continue
		case l.dateline != "" && cur.lines() > 0:
			flush() // a wire dateline opens the wire's copy
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
			if cur.lines() == 0 {
				cur.dateline = l.dateline
			}
			cur.addLine(s, l.newPara)
			headOnly = false
		}
	}
	flush()
	return out
}

// citeLine reads a line that is a cited page's title naming its site
// ("見出し | NHK", "見出し - CNN.co.jp", "名前 (@handle) / X"), as a cite or a
// link leaves it in a post's text: the site must be the table's or an
// account, so a sub-heading with a dash is never taken for one.
func citeLine(s string) (title, site string, ok bool) {
	if !strings.ContainsAny(s, "|｜-–—：:·@") || utf8.RuneCountInString(s) > 150 || strings.ContainsAny(s, "。") || isLabel(s) {
		return "", "", false
	}
	title, site = splitSite(s, "", true)
	if site == "" || !strings.HasPrefix(site, "@") && outletNamed(site) == nil {
		return "", "", false
	}
	return title, site, true
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
