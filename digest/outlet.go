package digest

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"briefbot"
)

// nameKey is the matching form of an outlet's name: folded, wrapping
// brackets and slashes ("(Reuters)", "/ТАСС/", "【AFP】") and a closing
// colon gone, a leading "the" dropped, spaces collapsed.
func nameKey(s string) string {
	s = fold(s)
	for {
		t := strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("()（）[]［］【】/:：«»「」\"'", r)
		})
		if t == s {
			break
		}
		s = t
	}
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimPrefix(s, "the ")
}

// outletNamed finds the table outlet a name or alias stands for.
func outletNamed(name string) *outlet {
	if name == "" {
		return nil
	}
	return outletIndex.byName[nameKey(name)]
}

// outletAt finds the table outlet of a URL: by its Telegram channel, else
// by its host or the nearest parent domain listed.
func outletAt(rawURL string) *outlet {
	host, channel := hostAndChannel(rawURL)
	if host == "" {
		return nil
	}
	if channel != "" {
		return outletIndex.byChannel[channel]
	}
	for h := host; h != ""; {
		if o := outletIndex.byHost[h]; o != nil {
			return o
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok || !strings.Contains(rest, ".") {
			break
		}
		h = rest
	}
	return nil
}

// name is the outlet's name in a brief language (English for any other).
func (o *outlet) name(lang string) string {
	switch lang {
	case briefbot.LangJA:
		return o.ja
	case briefbot.LangRU:
		return o.ru
	}
	return o.en
}

// outletIn names an outlet in a brief's language: a table outlet by its
// name there (ロイター通信 → Reuters in English), any other as found.
func outletIn(name, lang string) string {
	if o := outletNamed(name); o != nil {
		return o.name(lang)
	}
	return name
}

// sameOutlet is the matching form under which two names are one outlet:
// ロイター and Reuters share it.
func sameOutlet(name string) string {
	if o := outletNamed(name); o != nil {
		return "\x00" + o.en
	}
	return nameKey(name)
}

// usableName is name when it can name an outlet: not empty, not a word such
// as "source", not a platform, not a host or URL, not a sentence.
func usableName(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if outletNamed(name) != nil {
		return name
	}
	k := nameKey(name)
	if k == "" || outletIndex.none[k] || outletIndex.platform[k] || domainLike(name) ||
		utf8.RuneCountInString(name) > maxOutletName || strings.ContainsAny(name, "。？?") {
		return ""
	}
	return name
}

// maxOutletName bounds what can be an outlet's name: the longest in the
// table is 39 characters (Центральное телеграфное агентство Кореи); a
// longer "name" is a title or a sentence.
const maxOutletName = 40

// Outlet names the outlet of a URL as a reader knows it: from the table of
// hosts and channels (www3.nhk.or.jp → NHK, t.me/sputnik_jp → Sputnik),
// else from the site's own address (citynews.ca → CityNews, t.me/channel →
// @channel). Names are English ones; outletIn gives them in another
// language. It returns "" for an unparsable or relative URL.
func Outlet(rawURL string) string {
	if o := outletAt(rawURL); o != nil {
		return o.en
	}
	return siteName(rawURL)
}

// hostAndChannel splits a URL into its lowercase host (without "www.") and,
// for a Telegram link, the channel.
func hostAndChannel(rawURL string) (host, channel string) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return "", ""
	}
	host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if host == "t.me" || host == "telegram.me" {
		channel = firstSegment(strings.TrimPrefix(u.Path, "/s/"))
	}
	return host, channel
}

func firstSegment(path string) string {
	seg, _, _ := strings.Cut(strings.Trim(path, "/"), "/")
	return strings.ToLower(seg)
}

// handleSites are platforms whose first path segment is the publisher's
// handle (on YouTube, when it starts with @).
var handleSites = map[string]bool{"t.me": true, "telegram.me": true, "x.com": true, "twitter.com": true, "threads.net": true, "instagram.com": true, "tiktok.com": true}

// siteName is a readable name for a site the table lacks: a channel's or
// an account's handle (@peacewatch_jp), else the registrable domain's label
// capitalised as a brand is (citynews.ca → CityNews, tbs.co.jp → TBS,
// eadaily.com → EADaily). Never a bare host.
func siteName(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	path := strings.TrimPrefix(u.Path, "/s/")
	if handleSites[host] || host == "youtube.com" && strings.HasPrefix(path, "/@") {
		if seg := strings.TrimPrefix(firstSegment(path), "@"); handleRe.MatchString(seg) {
			return "@" + seg
		}
	}
	if name := platformSites[host]; name != "" {
		return name
	}
	domain, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || domain == "substack.com" && host != domain {
		// substack.com hosts each newsletter on a subdomain of its own.
		domain = host
	}
	label, _, _ := strings.Cut(domain, ".")
	return brandCase(label)
}

// platformSites are named as they write themselves where no handle names
// the publisher.
var platformSites = map[string]string{"youtube.com": "YouTube", "x.com": "X", "twitter.com": "X", "t.me": "Telegram",
	"facebook.com": "Facebook", "instagram.com": "Instagram", "tiktok.com": "TikTok", "vk.com": "VK"}

var handleRe = regexp.MustCompile(`^[a-z0-9_]{2,32}$`)

// brandWords are the words news sites end their names with; the part before
// one is a word of its own (citynews → City News, written CityNews).
var brandWords = []string{"news", "times", "post", "daily", "today", "herald", "tribune", "journal", "press", "wire",
	"online", "media", "mail", "express", "insider", "monitor", "report", "review", "weekly", "independent",
	"telegraph", "guardian", "observer", "chronicle", "gazette", "world", "info", "tv", "radio", "shimbun", "nippo"}

// brandCase writes a domain label as the site's name: a short label is an
// acronym (tbs → TBS), a known last word is capitalised on its own
// (citynews → CityNews), and a short head before it stays an acronym too
// (eadaily → EADaily).
func brandCase(label string) string {
	if label == "" {
		return ""
	}
	if len(label) <= 4 && !strings.Contains(label, "-") {
		return strings.ToUpper(label)
	}
	var parts []string
	for _, p := range strings.Split(label, "-") {
		if p == "" {
			continue
		}
		head, tail := p, ""
		for _, w := range brandWords {
			if len(p) > len(w) && strings.HasSuffix(p, w) {
				head, tail = p[:len(p)-len(w)], w
				break
			}
		}
		switch {
		case tail != "" && len(head) <= 3:
			parts = append(parts, strings.ToUpper(head)+capital(tail))
		case tail != "":
			parts = append(parts, capital(head)+capital(tail))
		default:
			parts = append(parts, capital(p))
		}
	}
	return strings.Join(parts, "-")
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
