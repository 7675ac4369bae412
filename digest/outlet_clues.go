package digest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/posthtml"
)

// The places text names its outlet: a page title's site suffix, a label
// line, a byline, a dateline, and the copy naming itself.

// What ends a page title before the site's name: a bar is only ever the
// site's (barSeps); a dash, colon or slash may end a speaker's attribution
// ("… - Ушаков", "…— Кремль") and needs the name confirmed (weakSeps).
var (
	barSeps  = []string{" | ", "｜", " ｜ ", "|"}
	weakSeps = []string{" - ", " – ", " — ", " － ", "：", " : ", " · ", " / ", "／"}
	// "平和ウォッチ (@peacewatch_jp) / X", "Name (@handle) on X: …"
	accountRe = regexp.MustCompile(`[(（]@([A-Za-z0-9_]{1,15})[)）]\s*(?:/|on)\s*(?:X|Twitter)\b`)
	// AFPBB appends the photo count and the section: "… 写真3枚 国際ニュース".
	photoTailRe = regexp.MustCompile(`[\s　]+(?:写真|動画)\d+(?:枚|本)(?:[\s　]+\S{1,12}ニュース)?$`)
	// siteShapedRe is a name only a site has, known or not: テレ東NEWS,
	// 〇〇新聞デジタル, ××ドットコム, example.co.jp.
	siteShapedRe = regexp.MustCompile(`^[^\s　：:]{1,12}(?:ドットコム|オンライン|デジタル|NEWS|News)$`)
)

// splitSite cuts a page title as links and cards show it into the
// article's own title and the site's name after it: "title | NHK",
// "title - CNN.co.jp", "title：時事ドットコム", "title - The Quiet Frontier"
// (a name the table lacks, confirmed by the host quietfrontier.substack.com),
// "title / X", "平和ウォッチ (@peacewatch_jp) / X" (a post: no title, the
// account). A title that is only a label (Sputnik, Telegram) is no title,
// and names the site when it is not a platform. trustBar accepts any short
// name after a bar, as a page's own <title> has it; otherwise a name must
// be the table's (an outlet or a platform), match the host or be shaped
// like a site's. The site returned is "" for a platform or an aggregator,
// which names no outlet. It is the one place that knows how titles end in
// site names: cleanTitle strips them with it.
func splitSite(s, rawURL string, trustBar bool) (title, site string) {
	s = posthtml.CollapseSpace(s)
	if s == "" || domainLike(s) {
		return "", ""
	}
	if m := accountRe.FindStringSubmatch(s); m != nil {
		return "", "@" + m[1]
	}
	if isLabel(s) {
		return "", usableName(s)
	}
	cut, name := -1, ""
	for _, seps := range [][]string{barSeps, weakSeps} {
		bar := len(seps) == len(barSeps)
		for _, sep := range seps {
			i := strings.LastIndex(s, sep)
			if i <= 0 || i < cut {
				continue
			}
			cand := strings.Join(strings.Fields(s[i+len(sep):]), " ")
			if cand == "" || utf8.RuneCountInString(cand) > 30 {
				continue
			}
			if siteLike(cand, rawURL) && (bar || !officialBody(cand)) || bar && trustBar && usableName(cand) != "" {
				cut, name = i, usableName(cand)
			}
		}
		if cut > 0 {
			break
		}
	}
	if cut > 0 {
		s = strings.TrimSpace(s[:cut])
	}
	return photoTailRe.ReplaceAllString(s, ""), name
}

// officialBody reports a body of the table that publishes but is no news
// outlet: after a dash it attributes the title's claim ("…— Кремль").
func officialBody(name string) bool {
	o := outletNamed(name)
	return o != nil && !o.media
}

// siteLike reports a name that is a site's wherever it ends a title: an
// outlet or a platform of the table, the URL's host spelled out, a domain,
// or a name shaped like a site's.
func siteLike(name, rawURL string) bool {
	return outletNamed(name) != nil || outletIndex.platform[nameKey(name)] || matchesHost(name, rawURL) ||
		domainLike(name) || siteShapedRe.MatchString(name)
}

// isLabel reports a line that only names an outlet of the table or a
// platform: the label a blogger writes over a quoted block ("Sputnik",
// "ロイター", "Telegram").
func isLabel(line string) bool {
	if len(line) > 4*maxOutletName {
		return false // no name is that long: spare the folding
	}
	k := nameKey(line)
	return k != "" && (outletIndex.byName[k] != nil || outletIndex.platform[k])
}

// labelOutlet is the outlet a label line names; "" for a platform.
func labelOutlet(line string) string {
	if o := outletNamed(line); o != nil {
		return line
	}
	return ""
}

// matchesHost reports a site name that spells the URL's host: "The Quiet
// Frontier" for quietfrontier.substack.com, "Kyiv Independent" for
// kyivindependent.com.
func matchesHost(name, rawURL string) bool {
	host, _ := hostAndChannel(rawURL)
	var b strings.Builder
	for _, r := range nameKey(name) {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	letters := b.String()
	if len(letters) < 3 || host == "" {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if len(label) >= 3 && (label == letters || len(label) >= 5 && strings.Contains(letters, label) || len(letters) >= 5 && strings.Contains(label, letters)) {
			return true
		}
	}
	return false
}

// bylineOutlet is the outlet of the table an entry's author or creator
// names ("The Associated Press", "Karin Lund, The Associated Press"); a
// person's name, a blogger's or anything else unknown names none.
func bylineOutlet(author string) string {
	if outletNamed(author) != nil {
		return author
	}
	for _, part := range bylineSepRe.Split(author, -1) {
		part = strings.TrimPrefix(strings.TrimSpace(part), "By ")
		if outletNamed(part) != nil {
			return part
		}
	}
	return ""
}

var bylineSepRe = regexp.MustCompile(`\s*(?:[,;|/、・]|\sand\s|\sи\s)\s*`)

// feedTitleOutlet reads the outlet a feed's own title names: a table name
// in it ("Sputnik 日本 - Telegram Channel" → Sputnik), else the title
// without the platform's decorations.
func feedTitleOutlet(title string) string {
	title = feedDecorRe.ReplaceAllString(strings.Join(strings.Fields(title), " "), "")
	if outletNamed(title) != nil {
		return title
	}
	for _, part := range feedSepRe.Split(title, -1) {
		if outletNamed(part) != nil {
			return part
		}
	}
	return usableName(title)
}

var (
	feedDecorRe = regexp.MustCompile(`(?i)\s*(?:[-|–—:]\s*)?(?:telegram channel|telegram|powered by rsshub|rss feed|rss|atom feed)\s*$`)
	feedSepRe   = regexp.MustCompile(`\s+[-|–—]\s+|[|｜：:]\s*`)
)

// Datelines sign wire copy: ［モスクワ　12日　ロイター］, 【ワシントン共同】,
// 【3月13日 AFP】, （CNN）, "KYIV, Ukraine (AP) —", "МОСКВА, 12 марта.
// /ТАСС/.", "МОСКВА, 12 мар — РИА Новости.", "Москва. 12 марта. INTERFAX.RU -".
var (
	bracketDatelineRe = regexp.MustCompile(`^[［\[【（(]([^］\]】）)\n]{1,24})[］\]】）)]`)
	parenDatelineRe   = regexp.MustCompile(`^[^()\n]{0,60}?\(([^()\n]{2,30})\)\s*(?:-{1,2}|—|–)\s`)
	slashDatelineRe   = regexp.MustCompile(`^[^/\n]{0,60}?/([^/\n]{2,20})/\.?\s`)
	dashDatelineRe    = regexp.MustCompile(`^[^—–\n]{0,60}?[—–-]\s*([^.,—–\n]{2,25}?)\.\s`)
	capsDatelineRe    = regexp.MustCompile(`^[^\n]{0,60}?\b([A-Z][A-Z.]{2,20})\s+[-—–]\s`)
)

// datelineOutlet is the news outlet a text's opening dateline names, or "".
// Official bodies never sign one: 【…露国防省】 opening a channel post
// attributes its claim.
func datelineOutlet(text string) string {
	text = strings.TrimSpace(text)
	media := func(name string) string {
		name = strings.Trim(strings.TrimSpace(name), "＝=")
		if o := outletNamed(name); o != nil && o.media {
			return name
		}
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(text); strings.ContainsRune("［[【（(", r) {
		if m := bracketDatelineRe.FindStringSubmatch(text); m != nil && !strings.ContainsAny(m[1], "、。") {
			if n := media(m[1]); n != "" {
				return n
			}
			// The agency closes a dateline (【ワシントン共同】) or, for 新華社,
			// opens it; a Latin name stands as a word of its own (【3月13日
			// AFP】, never the "ap" of "japan").
			inner := fold(m[1])
			for _, n := range datelineNames {
				if strings.HasSuffix(inner, n.folded) && wordEdge(inner[:len(inner)-len(n.folded)], n.folded, true) ||
					strings.HasPrefix(inner, n.folded) && wordEdge(inner[len(n.folded):], n.folded, false) {
					return n.name
				}
			}
		}
	}
	// The other shapes sign the copy within its first words.
	head := text
	if len(head) > datelineBytes {
		head = head[:datelineBytes]
	}
	if !strings.ContainsAny(head, ")/—–-") {
		return ""
	}
	for _, re := range []*regexp.Regexp{parenDatelineRe, slashDatelineRe, dashDatelineRe, capsDatelineRe} {
		if m := re.FindStringSubmatch(head); m != nil {
			if n := media(m[1]); n != "" {
				return n
			}
		}
	}
	return ""
}

// datelineBytes is how far into a text a dateline can reach: a place, a
// date and the outlet, about 60 characters of Cyrillic.
const datelineBytes = 200

// datelineNames are the media outlets' names a bracketed dateline may end
// or open with, in matching form.
var datelineNames = func() []struct{ name, folded string } {
	var out []struct{ name, folded string }
	for _, o := range outlets {
		if !o.media {
			continue
		}
		for _, n := range append([]string{o.ja, o.en}, o.aliases...) {
			if k := fold(n); utf8.RuneCountInString(k) >= 2 {
				out = append(out, struct{ name, folded string }{n, k})
			}
		}
	}
	return out
}()

// Copy naming its own outlet, which only the outlet's copy does:
// "主な内容をスプートニクがまとめた", "ロイターは…を確認できていない",
// "X could not independently verify", "told Reuters", "рассказал ТАСС".
// Citing another outlet ("インタファクス通信によると") is not naming oneself.
var (
	// selfTriggers are the words every such phrase holds: only the lines
	// holding one are searched for names.
	selfTriggers = []string{"まとめ", "入手", "確認", "取材", "インタビュー", "verify", "confirm", "told", "рассказал", "сообщил", "заявил"}
	// What follows the name, or precedes it.
	selfAfterRe  = regexp.MustCompile(`^(?:が[^。]{0,30}?(?:まとめた|まとめました|入手した|入手しました)|は[^。]{0,60}?(?:確認できていない|確認を得られていない|確認していない|確認できていません)|の(?:取材に|インタビューに)|\s(?:could not|was unable to|has not been able to)\s(?:independently\s)?(?:verify|confirm))`)
	selfBeforeRe = regexp.MustCompile(`(?:\btold|рассказал[аи]?|сообщил[аи]?|заявил[аи]?)\s$`)
	// selfNames are the media outlets' names long enough to search for, by
	// their first rune.
	selfNames = buildSelfNames()
)

func buildSelfNames() map[rune][]string {
	names := map[rune][]string{}
	for _, o := range outlets {
		if !o.media {
			continue
		}
		for _, n := range append([]string{o.ja, o.en, o.ru}, o.aliases...) {
			if utf8.RuneCountInString(n) >= 3 || !isASCII(n) {
				r, _ := utf8.DecodeRuneInString(n)
				names[r] = append(names[r], n)
			}
		}
	}
	return names
}

// selfNamed is the outlet a text names as its own writer, or "".
func selfNamed(text string) string {
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '。' }) {
		if !slices.ContainsFunc(selfTriggers, func(t string) bool { return strings.Contains(line, t) }) {
			continue
		}
		for i, r := range line {
			for _, n := range selfNames[r] {
				if !strings.HasPrefix(line[i:], n) {
					continue
				}
				before, after := line[:i], line[i+len(n):]
				if wordEdge(before, n, true) && wordEdge(after, n, false) &&
					(selfAfterRe.MatchString(after[:min(len(after), 240)]) || selfBeforeRe.MatchString(before[max(0, len(before)-24):])) {
					return n
				}
			}
		}
	}
	return ""
}

// wordEdge reports whether rest, the text beside a Latin name k (before it
// when before is set), leaves k a word of its own.
func wordEdge(rest, k string, before bool) bool {
	if rest == "" || !isASCII(k) {
		return true
	}
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(rest)
	} else {
		r, _ = utf8.DecodeRuneInString(rest)
	}
	// Only a letter of an alphabet joins a Latin name: in "当局者はAFPの取材
	// に" the kana beside it are another word.
	return !unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// entryOutlet names the outlet of a feed entry's own text: its <source>,
// the outlet its title ends with, its byline when the byline is an outlet
// (a Hatena author is the blogger; a reporter is no outlet), its dateline,
// the table of hosts, the feed's configured outlet, the feed's own title,
// the site's name, and last the feed's configured name.
func entryOutlet(p briefbot.Post, site, dateline string) string {
	for _, n := range []string{usableName(p.Source), site, bylineOutlet(p.Author), dateline} {
		if n != "" {
			return n
		}
	}
	if o := outletAt(p.URL); o != nil {
		return o.en
	}
	for _, n := range []string{usableName(p.FeedOutlet), feedTitleOutlet(p.FeedTitle), siteName(p.URL)} {
		if n != "" {
			return n
		}
	}
	return p.FeedName
}
