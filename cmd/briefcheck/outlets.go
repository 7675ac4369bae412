package main

import (
	"regexp"
	"strings"

	"briefbot/internal/labelled"
	"briefbot/internal/urlid"
)

// outletNames are the outlets, channels and sites a reader of ja/en/ru news
// knows by name: never a headline, never a headline's tail. The checker's
// own list, written from the outlets the feeds quote and the common wires.
var outletNames = []string{
	"NHK", "NHK NEWS WEB", "共同通信", "共同", "Kyodo", "Kyodo News", "Киодо", "時事通信", "時事ドットコム", "時事",
	"Jiji", "Jiji Press", "Дзидзи Пресс", "ロイター", "ロイター通信", "Reuters", "Рейтер", "Рейтерс", "AP", "AP通信",
	"Associated Press", "The Associated Press", "Ассошиэйтед Пресс", "AFP", "AFP通信", "AFP時事", "AFPBB News",
	"Франс Пресс", "Bloomberg", "ブルームバーグ", "Блумберг", "TASS", "ТАСС", "タス", "タス通信", "РИА Новости",
	"RIA Novosti", "RIA", "RIAノーボスチ", "ノーボスチ通信", "Интерфакс", "Interfax", "INTERFAX.RU", "インタファクス",
	"インタファクス通信", "Sputnik", "Sputnik 日本", "スプートニク", "Спутник", "BBC", "BBC News", "Би-би-си", "CNN",
	"CNN.co.jp", "朝日新聞", "朝日新聞デジタル", "毎日新聞", "読売新聞", "日本経済新聞", "日経", "産経新聞", "産経ニュース",
	"東京新聞", "テレ朝news", "TBS NEWS DIG", "日テレNEWS", "FNNプライムオンライン", "Yahoo!ニュース", "47NEWS",
	"The Guardian", "The New York Times", "The Washington Post", "The Wall Street Journal", "Financial Times",
	"Al Jazeera", "The Kyiv Independent", "Kyiv Independent", "Коммерсантъ", "Известия", "РБК", "Взгляд",
	"Ведомости", "Lenta.ru", "Meduza", "Telegram", "X", "The Globe and Mail", "CityNews", "Xinhua", "新華社",
	"Синьхуа", "Yonhap", "聯合ニュース", "Euronews", "Politico", "Axios", "Fox News", "NBC News", "CBS News",
	"ABC News", "Deutsche Welle", "DW", "Радио Свобода", "RT", "ТАСС.ру",
}

// siteTailRe is the shape of a site's name at a title's end that is not in
// the list: a host, or words outlets end their names with.
var siteTailRe = regexp.MustCompile(`(?i)(\.(com|jp|ru|ca|net|org|uk|cn|co)\b|ドットコム$|ニュース$|新聞$|通信$|news$|online$|オンライン$|デジタル$|web$)`)

// tailSeps separate an article's title from its site's name.
var tailSeps = []string{" - ", " – ", " — ", " | ", "｜", "：", ": ", " / ", "／", " :: "}

var outletFolded = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range outletNames {
		m[matchForm(n)] = true
	}
	return m
}()

// isOutletName reports whether s, as a whole, names an outlet, a channel or
// a site (a host counts: it has a dot and no space).
func isOutletName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	return outletFolded[matchForm(s)] || isHost(s)
}

// isHost: a dot between letters and no space, as www3.nhk.or.jp, x.com.
var hostRe = regexp.MustCompile(`^(?i)(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$`)

func isHost(s string) bool { return hostRe.MatchString(strings.TrimSpace(s)) }

// unnamedRe are names that name nobody: a link labelled as a link or a
// source, or a source said to be unknown (出典不明, unknown, неизвестен).
var unnamedRe = regexp.MustCompile(`(?i)^(source|sources|link|ソース|出典|出所|リンク|источник|ссылка)$|不明|unknown|неизвестн`)

// checkSources judges the 📰 line: every name a reader knows, none the
// feed's own, none twice, and for labelled links the editor's name in the
// brief's language.
func checkSources(res *result, bi int, j *judged, in *input) {
	lang := j.pb.Language
	seen := map[string]bool{}
	for _, e := range j.rd.sources {
		n := strings.TrimSpace(e.name)
		switch {
		case isOwnName(n, in):
			res.add(colSrcFeed, bi, "📰 "+n, "the feed's own name")
		case n == "" || isHost(n) || unnamedRe.MatchString(n):
			res.add(colSrcHost, bi, "📰 "+n, "not a name")
		}
		if seen[matchForm(n)] {
			res.add(colSrcWrong, bi, "📰 "+n, "named twice")
		}
		seen[matchForm(n)] = true
		for _, link := range e.urls {
			if it := expectedAt(j, link); it != nil && !acceptsOutlet(it, n, lang) {
				res.add(colSrcWrong, bi, "📰 "+n, "the editor writes "+it.Outlet[lang])
				break
			}
		}
	}
	if len(j.rd.sources) == 0 {
		res.add(colSrcHost, bi, "", "no 📰 line")
	}
}

func isOwnName(n string, in *input) bool {
	f := matchForm(n)
	for _, o := range in.ownNames {
		if o != "" && matchForm(o) == f {
			return true
		}
	}
	return false
}

// expectedAt is the labelled item a source link points to.
func expectedAt(j *judged, link string) *labelled.ExpectItem {
	k := urlid.Key(link)
	for u := range j.linked {
		if u.url == k && u.exp != nil {
			return u.exp
		}
	}
	return nil
}
