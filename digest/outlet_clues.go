package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/posthtml"
)

// The places text names its outlet: a page title's site suffix, a label
// line, a byline, a dateline, and the copy naming itself.

// siteSeps end a page title before the site's name, strongest first: a bar
// is only ever the site's, a dash or colon may end a speaker's attribution
// ("… - Ушаков") and needs the name confirmed.
var (
	barSeps  = []string{" | ", "｜", " ｜ ", "|"}
	weakSeps = []string{" - ", " – ", " — ", "：", " : ", " · "}
	// "平和ウォッチ (@peacewatch_jp) / X", "Name (@handle) on X: …"
	accountRe = regexp.MustCompile(`^(.*?)\s*[(（]@([A-Za-z0-9_]{1,15})[)）]\s*(?:/|on)\s*(?:X|Twitter)\b`)
	// AFPBB appends the photo count and the section: "… 写真3枚 国際ニュース".
	photoTailRe = regexp.MustCompile(`[\s　]+(?:写真|動画)\d+(?:枚|本)(?:[\s　]+\S{1,12}ニュース)?$`)
)

// splitSite cuts a page title as links and cards show it into the
// article's own title and the site's name after it: "title | NHK",
// "title - CNN.co.jp", "title：時事ドットコム", "title - The Quiet Frontier"
// (a name the table lacks, confirmed by the host quietfrontier.substack.com),
// "平和ウォッチ (@peacewatch_jp) / X" (a post: no title, the account). A
// title that is only a label (Sputnik, Telegram) is no title, and names the
// site when it is not a platform. trustBar accepts any short name after a
// bar, as a page's own <title> has it; otherwise a name must be in the
// table or match the host.
func splitSite(s, rawURL string, trustBar bool) (title, site string) {
	s = posthtml.CollapseSpace(s)
	if s == "" || domainLike(s) {
		return "", ""
	}
	if m := accountRe.FindStringSubmatch(s); m != nil {
		return "", "@" + m[2]
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
			cand := usableName(strings.TrimSpace(s[i+len(sep):]))
			if cand == "" || utf8.RuneCountInString(cand) > 30 {
				continue
			}
			if outletNamed(cand) != nil || matchesHost(cand, rawURL) || bar && trustBar {
				cut, name = i, cand
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

// isLabel reports a line that only names an outlet of the table or a
// platform: the label a blogger writes over a quoted block ("Sputnik",
// "ロイター", "Telegram").
func isLabel(line string) bool {
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
	if m := bracketDatelineRe.FindStringSubmatch(text); m != nil && !strings.ContainsAny(m[1], "、。") {
		inner := fold(m[1])
		if n := media(m[1]); n != "" {
			return n
		}
		// The agency closes a dateline (【ワシントン共同】) or, for 新華社,
		// opens it; a Latin name stands as a word of its own (【3月13日 AFP】,
		// never the "ap" of "japan").
		for i := range outlets {
			o := &outlets[i]
			if !o.media {
				continue
			}
			for _, n := range append([]string{o.ja, o.en}, o.aliases...) {
				k := fold(n)
				if utf8.RuneCountInString(k) < 2 {
					continue
				}
				if strings.HasSuffix(inner, k) && wordEdge(inner[:len(inner)-len(k)], k, true) ||
					strings.HasPrefix(inner, k) && wordEdge(inner[len(k):], k, false) {
					return n
				}
			}
		}
	}
	for _, re := range []*regexp.Regexp{parenDatelineRe, slashDatelineRe, dashDatelineRe, capsDatelineRe} {
		if m := re.FindStringSubmatch(text); m != nil {
			if n := media(m[1]); n != "" {
				return n
			}
		}
	}
	return ""
}

// selfNamedRes find copy naming its own outlet, which only the outlet does:
// "主な内容をスプートニクがまとめた", "ロイターは…を確認できていない",
// "X could not independently verify", "told Reuters", "рассказал ТАСС".
var selfNamedRes = buildSelfNamed()

func buildSelfNamed() []*regexp.Regexp {
	var names []string
	for _, o := range outlets {
		if !o.media {
			continue
		}
		for _, n := range append([]string{o.ja, o.en, o.ru}, o.aliases...) {
			if utf8.RuneCountInString(n) >= 3 || !isASCII(n) {
				names = append(names, regexp.QuoteMeta(n))
			}
		}
	}
	alt := `(` + strings.Join(names, "|") + `)`
	return []*regexp.Regexp{
		regexp.MustCompile(alt + `が[^。]{0,30}?(?:まとめた|まとめました|入手した|入手しました)`),
		regexp.MustCompile(alt + `は[^。]{0,60}?(?:確認できていない|確認を得られていない|確認していない|確認できていません)`),
		regexp.MustCompile(alt + `の(?:取材に|インタビューに)`),
		regexp.MustCompile(`(?:^|[^\p{L}])(?:[Tt]he )?` + alt + ` (?:could not|was unable to|has not been able to) (?:independently )?(?:verify|confirm)`),
		regexp.MustCompile(`\btold ` + alt + `\b`),
		regexp.MustCompile(`(?:рассказал|рассказала|рассказали|сообщил|сообщила|сообщили|заявил|заявила) ` + alt + `(?:[^\p{L}]|$)`),
	}
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
	return !unicode.IsLetter(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// selfNamed is the outlet a text names as its own writer, or "".
func selfNamed(text string) string {
	for _, re := range selfNamedRes {
		if m := re.FindStringSubmatch(text); m != nil {
			return m[1]
		}
	}
	return ""
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
