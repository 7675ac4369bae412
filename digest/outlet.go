package digest

import (
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// outletByHost names the outlets the feeds quote most. Keys are lowercase
// hosts; a leading "www." is also tried without it.
var outletByHost = map[string]string{
	"www3.nhk.or.jp":         "NHK",
	"www.nhk.or.jp":          "NHK",
	"news.web.nhk":           "NHK",
	"jp.reuters.com":         "ロイター",
	"www.reuters.com":        "Reuters",
	"reuters.com":            "Reuters",
	"sputniknews.jp":         "Sputnik",
	"jp.sputniknews.com":     "Sputnik",
	"sputniknews.com":        "Sputnik",
	"www.afpbb.com":          "AFP",
	"www.bloomberg.co.jp":    "ブルームバーグ",
	"www.bloomberg.com":      "Bloomberg",
	"www.cnn.co.jp":          "CNN",
	"edition.cnn.com":        "CNN",
	"www.cnn.com":            "CNN",
	"www.bbc.com":            "BBC",
	"www.bbc.co.uk":          "BBC",
	"www.jiji.com":           "時事通信",
	"www.asahi.com":          "朝日新聞",
	"mainichi.jp":            "毎日新聞",
	"www.yomiuri.co.jp":      "読売新聞",
	"www.nikkei.com":         "日経",
	"www.sankei.com":         "産経新聞",
	"www.tokyo-np.co.jp":     "東京新聞",
	"www.47news.jp":          "共同通信",
	"nordot.app":             "共同通信",
	"tass.ru":                "タス",
	"tass.com":               "TASS",
	"ria.ru":                 "RIA",
	"eadaily.com":            "EADaily",
	"apnews.com":             "AP",
	"www.theguardian.com":    "Guardian",
	"www.nytimes.com":        "NYT",
	"www.washingtonpost.com": "Washington Post",
	"www.ft.com":             "FT",
	"www.aljazeera.com":      "Al Jazeera",
	"www.dw.com":             "DW",
	"www.kommersant.ru":      "Коммерсантъ",
	"www.interfax.ru":        "Интерфакс",
	"rg.ru":                  "Российская газета",
	"www.rbc.ru":             "РБК",
	"www.kremlin.ru":         "Kremlin",
	"kremlin.ru":             "Kremlin",
	"jp.yna.co.kr":           "聯合ニュース",
	"japanese.joins.com":     "中央日報",
	"www.epochtimes.jp":      "大紀元",
	"www.mofa.go.jp":         "外務省",
}

// outletByChannel names Telegram channels (t.me/<channel>).
var outletByChannel = map[string]string{
	"sputnik_jp":        "Sputnik",
	"sputnikjp":         "Sputnik",
	"rian_ru":           "RIA",
	"tass_agency":       "タス",
	"rt_russian":        "RT",
	"mod_russia":        "露国防省",
	"medvedev_telegram": "メドベージェフ",
}

// Outlet names the outlet of a URL from its host: www3.nhk.or.jp → "NHK",
// jp.reuters.com → "ロイター", t.me/sputnik_jp → "Sputnik", unknown hosts by
// their registrable domain. It returns "" for an unparsable or relative URL.
func Outlet(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host == "t.me" || host == "telegram.me" {
		ch := strings.ToLower(strings.Trim(strings.TrimPrefix(u.Path, "/s/"), "/"))
		if i := strings.IndexByte(ch, '/'); i >= 0 {
			ch = ch[:i]
		}
		if name, ok := outletByChannel[ch]; ok {
			return name
		}
		if ch != "" {
			return "t.me/" + ch
		}
		return "t.me"
	}
	if name, ok := outletByHost[host]; ok {
		return name
	}
	if name, ok := outletByHost["www."+host]; ok {
		return name
	}
	if name, ok := outletByHost[strings.TrimPrefix(host, "www.")]; ok {
		return name
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}
