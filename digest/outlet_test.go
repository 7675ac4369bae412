package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

// checkEach checks f on each input of a table of wanted outputs.
func checkEach(t *testing.T, name string, f func(string) string, tests map[string]string) {
	t.Helper()
	for in, want := range tests {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
		}
	}
}

func TestOutletTableConsistent(t *testing.T) {
	names, hosts, channels := map[string]string{}, map[string]string{}, map[string]string{}
	for _, o := range outlets {
		if o.ja == "" || o.en == "" || o.ru == "" {
			t.Errorf("%q lacks a name in a brief language: %+v", o.en, o)
		}
		for _, n := range append([]string{o.ja, o.en, o.ru}, o.aliases...) {
			if other, ok := names[nameKey(n)]; ok && other != o.en {
				t.Errorf("%q names both %s and %s", n, other, o.en)
			}
			names[nameKey(n)] = o.en
			if outletIndex.platform[nameKey(n)] || usableName(n) == "" {
				t.Errorf("%q (%s) is a platform or an unusable name", n, o.en)
			}
		}
		for _, h := range o.hosts {
			if h != strings.ToLower(h) || strings.HasPrefix(h, "www.") || hosts[h] != "" {
				t.Errorf("host %q of %s: lower case, no www., once", h, o.en)
			}
			hosts[h] = o.en
		}
		for _, c := range o.channels {
			if c != strings.ToLower(c) || channels[c] != "" {
				t.Errorf("channel %q of %s: lower case, once", c, o.en)
			}
			channels[c] = o.en
		}
	}
}

func TestOutletOfURL(t *testing.T) {
	tests := map[string]string{
		"https://www3.nhk.or.jp/news/html/20250605/k1.html": "NHK",
		"https://news.web.nhk/newsweb/na/na-k1":             "NHK",
		"https://jp.reuters.com/world/ukraine/x/":           "Reuters",
		"https://www.reuters.com/world/x":                   "Reuters",
		"https://t.me/sputnik_jp/123":                       "Sputnik",
		"https://t.me/s/sputnik_jp/123":                     "Sputnik",
		"https://t.me/mod_russia/5":                         "Russian Defence Ministry",
		"https://t.me/tass_agency/318842":                   "TASS",
		"https://sputniknews.jp/20250604/x.html":            "Sputnik",
		"https://www.afpbb.com/articles/-/1":                "AFP",
		"https://www.bloomberg.co.jp/news/articles/x":       "Bloomberg",
		"https://tass.ru/politika/1":                        "TASS",
		"https://ria.ru/20250604/x.html":                    "RIA Novosti",
		"https://eadaily.com/ru/news/2025/06/04/x":          "EADaily",
		"https://apnews.com/article/x":                      "AP",
		"https://www.jiji.com/jc/article?k=1":               "Jiji Press",
		"https://j.people.com.cn/n3/2025/0604/x.html":       "People's Daily",
		"https://jp.xinhuanet.com/20250604/x.html":          "Xinhua",
		"https://newsdig.tbs.co.jp/articles/-/1":            "TBS",
		"http://www.kremlin.ru/events/president/news/1":     "Kremlin",
		"https://www.golosameriki.com/a/7712.html":          "VOA",
		"https://www.rferl.org/a/abc/123.html":              "RFE/RL",
		// Sites the table lacks are named from their address, never by it.
		"https://toronto.citynews.ca/2026/03/12/x/":            "CityNews",
		"https://news.example.co.uk/a/b":                       "Example",
		"https://t.me/unknown_channel/5":                       "@unknown_channel",
		"https://x.com/peacewatch_jp/status/1900212345678901":  "@peacewatch_jp",
		"https://quietfrontier.substack.com/p/the-call":        "Quietfrontier",
		"https://www.youtube.com/@channelname/videos":          "@channelname",
		"https://www.youtube.com/watch?v=abc":                  "YouTube",
		"https://www.theglobeandmail.com/opinion/article-a-b/": "The Globe and Mail",
		"not a url": "",
	}
	checkEach(t, "Outlet", Outlet, tests)
}

func TestBrandCase(t *testing.T) {
	tests := map[string]string{"citynews": "CityNews", "tbs": "TBS", "eadaily": "EADaily", "kyivpost": "KyivPost",
		"novayagazeta": "Novayagazeta", "tokyo-np": "Tokyo-Np", "meduza": "Meduza", "nhk": "NHK"}
	checkEach(t, "brandCase", brandCase, tests)
}

func TestOutletIn(t *testing.T) {
	tests := []struct{ name, ja, en, ru string }{
		{"Reuters", "ロイター", "Reuters", "Рейтер"},
		{"ロイター通信", "ロイター", "Reuters", "Рейтер"},
		{"REUTERS", "ロイター", "Reuters", "Рейтер"},
		{"(Reuters)", "ロイター", "Reuters", "Рейтер"},
		{"ТАСС", "タス通信", "TASS", "ТАСС"},
		{"/ТАСС/", "タス通信", "TASS", "ТАСС"},
		{"タス", "タス通信", "TASS", "ТАСС"},
		{"The Associated Press", "AP通信", "AP", "AP"},
		{"共同", "共同通信", "Kyodo News", "Киодо"},
		{"時事ドットコム", "時事通信", "Jiji Press", "Дзидзи Пресс"},
		{"CNN.co.jp", "CNN", "CNN", "CNN"},
		{"AFPBB News", "AFP", "AFP", "AFP"},
		{"Sputnik 日本", "Sputnik", "Sputnik", "Sputnik"},
		{"Синьхуа", "新華社", "Xinhua", "Синьхуа"},
		{"INTERFAX.RU", "インタファクス通信", "Interfax", "Интерфакс"},
		{"ＮＨＫ", "NHK", "NHK", "NHK"},
		{"The Quiet Frontier", "The Quiet Frontier", "The Quiet Frontier", "The Quiet Frontier"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"ja": tt.ja, "en": tt.en, "ru": tt.ru} {
			if got := outletIn(tt.name, lang); got != want {
				t.Errorf("outletIn(%q, %s) = %q, want %q", tt.name, lang, got, want)
			}
		}
	}
}

func TestSplitSite(t *testing.T) {
	tests := []struct {
		text, url       string
		trustBar        bool
		wantTitle, site string
	}{
		{"米ロ首脳が電話会談 捕虜500人ずつの交換で一致 | NHK", "https://www3.nhk.or.jp/a", true, "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", "NHK"},
		{"米中西部で竜巻、少なくとも9人死亡　ミズーリ州とイリノイ州 - CNN.co.jp", "https://www.cnn.co.jp/a", true, "米中西部で竜巻、少なくとも9人死亡　ミズーリ州とイリノイ州", "CNN.co.jp"},
		{"米ロ電話会談「情報収集続ける」　木原官房長官：時事ドットコム", "https://www.jiji.com/a", true, "米ロ電話会談「情報収集続ける」　木原官房長官", "時事ドットコム"},
		{"The Call and the Swamp - The Quiet Frontier", "https://quietfrontier.substack.com/p/x", true, "The Call and the Swamp", "The Quiet Frontier"},
		{"平和ウォッチ (@peacewatch_jp) / X", "https://x.com/peacewatch_jp/status/1", true, "", "@peacewatch_jp"},
		{"ロシア軍、オデーサ港を無人機攻撃　子ども含む4人負傷 写真3枚 国際ニュース：AFPBB News", "https://www.afpbb.com/a", true, "ロシア軍、オデーサ港を無人機攻撃　子ども含む4人負傷", "AFPBB News"},
		{"欧州5カ国、ウクライナ向け防空システムの共同調達を協議－関係者 - Bloomberg", "https://www.bloomberg.co.jp/a", true, "欧州5カ国、ウクライナ向け防空システムの共同調達を協議－関係者", "Bloomberg"},
		{"Trump says Putin call 'very productive', backs swap - Reuters", "https://www.reuters.com/a", false, "Trump says Putin call 'very productive', backs swap", "Reuters"},
		// A page's own bar names its site; a dash before a name neither
		// known nor the host's is the headline's attribution.
		{"東京で大雨 | お天気ナビ", "https://tenki.example/a", true, "東京で大雨", "お天気ナビ"},
		{"東京で大雨 | お天気ナビ", "https://tenki.example/a", false, "東京で大雨 | お天気ナビ", ""},
		{"Путин и Трамп не обсуждали поставки оружия Украине - Ушаков", "https://www.interfax.ru/a", false, "Путин и Трамп не обсуждали поставки оружия Украине - Ушаков", ""},
		{"社説：米ロ首脳の電話会談　捕虜交換を停戦への足がかりに", "https://mainichi.jp/a", true, "社説：米ロ首脳の電話会談　捕虜交換を停戦への足がかりに", ""},
		// Labels and hosts title nothing; a platform names no outlet.
		{"Sputnik", "https://t.me/sputnik_jp/1", true, "", "Sputnik"},
		{"Telegram", "https://t.me/tass_agency/1", true, "", ""},
		{"t.me", "https://t.me/sputnik_jp/1", true, "", ""},
		{"www3.nhk.or.jp", "https://www3.nhk.or.jp/a", true, "", ""},
		{"記事の見出し | source", "https://a.example/x", true, "記事の見出し | source", ""},
		// A platform or an aggregator ends a title and names no outlet.
		{"Zelenskyy speaks to reporters / X", "https://x.com/a", false, "Zelenskyy speaks to reporters", ""},
		{"東京で大雨、交通に乱れ - Yahoo!ニュース", "https://news.yahoo.co.jp/a", false, "東京で大雨、交通に乱れ", ""},
	}
	for _, tt := range tests {
		title, site := splitSite(tt.text, tt.url, tt.trustBar)
		if title != tt.wantTitle || site != tt.site {
			t.Errorf("splitSite(%q) = %q, %q; want %q, %q", tt.text, title, site, tt.wantTitle, tt.site)
		}
	}
}

func TestDatelineOutlet(t *testing.T) {
	tests := map[string]string{
		"［モスクワ　１２日　ロイター］ - ロシアのプーチン大統領は":                                      "ロイター",
		"【モスクワ共同】ロシアのラブロフ外相は11日":                                              "共同",
		"【キーウ時事】ウクライナのゼレンスキー大統領は":                                             "時事",
		"【3月13日 AFP】ウクライナ南部オデーサで":                                             "AFP",
		"（CNN） 米中西部ミズーリ州とイリノイ州を":                                              "CNN",
		"【新華社北京6月4日】中国外交部は":                                                   "新華社",
		"MOSCOW/WASHINGTON, March 12 (Reuters) - U.S. President Donald Trump": "Reuters",
		"POPLAR BLUFF, Mo. (AP) — A string of tornadoes":                      "AP",
		"BEIJING, June 4 (Xinhua) -- China said":                              "Xinhua",
		"МОСКВА, 12 марта. /ТАСС/. Президенты России и США":                   "ТАСС",
		"МОСКВА, 12 мар — РИА Новости. Президенты России и США":               "РИА Новости",
		"Москва. 12 марта. INTERFAX.RU - Владимир Путин и Дональд Трамп":      "INTERFAX.RU",
		// Not datelines, or not an outlet's: an official body attributes a
		// claim; a headline; a word holding a name's letters.
		"【特別軍事作戦 6月4日の概要 露国防省】": "",
		"【速報】千葉県北西部で震度5弱":       "",
		"【JAPAN】 news": "",
		"Ушаков — о телефонном разговоре Путина и Трампа:": "",
		"ロシアのプーチン大統領は4日、トランプ米大統領と電話会談を行い":                  "",
	}
	checkEach(t, "datelineOutlet", datelineOutlet, tests)
}

func TestSelfNamed(t *testing.T) {
	tests := map[string]string{
		"トランプ米大統領は、プーチン露大統領と電話会談を行った。主な内容をスプートニクがまとめた。":                   "スプートニク",
		"ロイターは被害状況について、ウクライナと米当局者の双方の推計を独自に確認できていない。":                     "ロイター",
		"The Kyiv Independent could not independently verify the claims.": "The Kyiv Independent",
		"A Ukrainian official told Reuters the strike hit a depot.":       "Reuters",
		"Об этом рассказал ТАСС источник в силовых структурах.":           "ТАСС",
		// A Latin name inside Japanese: the kana beside it are other words.
		"避難所の職員はCNNの取材に、食料が足りないと訴えた。": "CNN",
		"同社の広報担当者はBBCのインタビューに応じた。":    "BBC",
		"この情報はAFPBBNewsが独自に入手した。":     "",
		// Citing another outlet is not being it.
		"インタファクス通信によると、リャプコフ外務次官は述べた。":                   "",
		"「クモの巣作戦」をめぐり、ロイター通信は4日、アメリカ政府当局者の話として伝えました。":    "",
		"Material from Reuters was used in this report.": "",
	}
	checkEach(t, "selfNamed", selfNamed, tests)
}

func TestBylineOutlet(t *testing.T) {
	tests := map[string]string{
		"The Associated Press":             "The Associated Press",
		"Karin Lund, The Associated Press": "The Associated Press",
		"By Jana Weiss and Reuters":        "Reuters",
		"Интерфакс":                        "Интерфакс",
		"共同通信":                             "共同通信",
		"Olena Hrytsenko":                  "",
		"w2031":                            "",
		"Игорь Веденеев":                   "",
	}
	checkEach(t, "bylineOutlet", bylineOutlet, tests)
}

func TestFeedTitleOutlet(t *testing.T) {
	tests := map[string]string{
		"Sputnik 日本 - Telegram Channel": "Sputnik 日本",
		"NHKニュース":                       "NHKニュース",
		"Reuters: World News":           "Reuters",
		"Медуза — Telegram":             "Медуза",
		"Новая газета Европа":           "Новая газета Европа",
		"RSS":                           "",
	}
	checkEach(t, "feedTitleOutlet", feedTitleOutlet, tests)
}

// TestEntryOutletPrecedence checks each rule for a feed entry's own text,
// in order, with the name given in the entry's language.
func TestEntryOutletPrecedence(t *testing.T) {
	at := time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC)
	base := func(lang, url, text string) briefbot.Post {
		return briefbot.Post{ID: 1, FeedName: "wire", URL: url, Title: "A title of the report that is long enough", Text: text,
			Language: lang, Published: at, FetchedAt: at}
	}
	en := "Officials said the talks would continue next week in Geneva."
	ja := "政府は来週もジュネーブで協議を続けると発表しました。"
	ru := "Переговоры продолжатся на следующей неделе в Женеве, сообщили официальные лица."
	tests := []struct {
		name string
		p    briefbot.Post
		want string
	}{
		{"<source> first", with(base("en", "https://news.google.example/a", en), func(p *briefbot.Post) {
			p.Source, p.Author, p.FeedOutlet = "Reuters", "The Associated Press", "Wire Digest"
		}), "Reuters"},
		{"<source> named in the entry's language", with(base("ja", "https://news.google.example/a", ja), func(p *briefbot.Post) { p.Source = "Reuters" }), "ロイター"},
		{"<source> unknown kept", with(base("en", "https://news.google.example/a", en), func(p *briefbot.Post) { p.Source = "Kyiv Post" }), "Kyiv Post"},
		{"<source> 'source' is no name", with(base("en", "https://apnews.com/a", en), func(p *briefbot.Post) { p.Source = "source" }), "AP"},
		{"title suffix naming an outlet", with(base("en", "https://news.google.example/a", en), func(p *briefbot.Post) {
			p.Title = "Putin and Trump talk for two hours - Reuters"
		}), "Reuters"},
		{"creator that is an outlet", with(base("en", "https://toronto.citynews.ca/a", en), func(p *briefbot.Post) { p.Author = "Karin Lund, The Associated Press" }), "AP"},
		{"creator in Russian", with(base("ru", "https://svodka.example/a", ru), func(p *briefbot.Post) { p.Author = "Интерфакс" }), "Интерфакс"},
		{"reporter is no outlet", with(base("en", "https://kyivindependent.com/a", en), func(p *briefbot.Post) { p.Author = "Olena Hrytsenko" }), "The Kyiv Independent"},
		{"an author who is a person is no outlet", with(base("en", "https://quietfrontier.example/p/1", en), func(p *briefbot.Post) {
			p.Author, p.FeedTitle = "Jon Keller", "The Quiet Frontier"
		}), "The Quiet Frontier"},
		{"a blog platform's entry is the aggregator's: no outlet", with(base("ja", "https://w2031.hatenadiary.jp/entry/1", ja), func(p *briefbot.Post) {
			p.Author, p.FeedTitle, p.FeedOutlet = "w2031", "w2031の日記", "w2031"
		}), ""},
		{"dateline", base("en", "https://toronto.citynews.ca/a", "POPLAR BLUFF, Mo. (AP) — "+en), "AP"},
		{"dateline in Japanese", base("ja", "https://www.tokyo-np.co.jp/a", "【ワシントン共同】"+ja), "共同通信"},
		{"host table", base("ru", "https://tass.ru/politika/1", ru), "ТАСС"},
		{"host table in Japanese", base("ja", "https://www.reuters.com/a", ja), "ロイター"},
		{"configured outlet", with(base("en", "https://wire.example/a", en), func(p *briefbot.Post) {
			p.FeedOutlet, p.FeedTitle = "Wire Service", "Wire Digest"
		}), "Wire Service"},
		{"configured outlet from the table", with(base("ja", "https://wire.example/a", ja), func(p *briefbot.Post) { p.FeedOutlet = "Reuters" }), "ロイター"},
		{"feed's own title", with(base("ru", "https://novayagazeta.eu/a", ru), func(p *briefbot.Post) { p.FeedTitle = "Новая газета Европа" }), "Новая газета Европа"},
		{"site's name", base("en", "https://toronto.citynews.ca/a", en), "CityNews"},
		{"feed's configured name last", base("en", "", en), "wire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Split(tt.p)
			if len(items) != 1 {
				t.Fatalf("%d items", len(items))
			}
			if items[0].Outlet != tt.want {
				t.Errorf("outlet %q, want %q", items[0].Outlet, tt.want)
			}
		})
	}
}

func with(p briefbot.Post, f func(*briefbot.Post)) briefbot.Post {
	f(&p)
	return p
}

// TestQuotedOutletPrecedence checks each rule for a block an aggregator
// post quotes, in order; never the aggregator's own name or host.
func TestQuotedOutletPrecedence(t *testing.T) {
	ja := "<p>ロシアのプーチン大統領は12日、トランプ米大統領と電話で会談した。</p>"
	ru := "<p>Президенты России и США провели телефонный разговор.</p>"
	tests := []struct {
		name, html, want string
	}{
		{"cite text names the outlet", `<p>Bloomberg</p><blockquote cite="https://www.reuters.com/a">` + ja +
			`<cite><a href="https://www.reuters.com/a">見出し | ロイター通信</a></cite></blockquote>`, "ロイター"},
		{"cite text names one the table lacks", `<blockquote cite="https://quietfrontier.substack.com/p/x">` + ja +
			`<cite><a href="https://quietfrontier.substack.com/p/x">The Call - The Quiet Frontier</a></cite></blockquote>`, "The Quiet Frontier"},
		{"card caption is a host: the host table", `<p><iframe class="embed-card embed-webcard" src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww3.nhk.or.jp%2Fnews%2Fa.html" title="見出し"></iframe>` +
			`<cite class="hatena-citation"><a href="https://www3.nhk.or.jp/news/a.html">www3.nhk.or.jp</a></cite></p><blockquote>` + ja + `</blockquote>`, "NHK"},
		{"label line", `<p>Sputnik</p><p><a href="https://t.me/s/unknown_jp/1">t.me</a></p><blockquote>` + ja + `</blockquote>`, "Sputnik"},
		{"label in Russian block", `<p>ТАСС</p><blockquote cite="https://t.me/some_channel/5">` + ru + `</blockquote>`, "ТАСС"},
		{"platform label: the channel table", `<p>Telegram</p><p>説明（ロシア語）👇</p><blockquote cite="https://t.me/tass_agency/1">` + ru + `</blockquote>`, "ТАСС"},
		{"dateline", `<blockquote cite="https://toronto.citynews.ca/a"><p>POPLAR BLUFF, Mo. (AP) — A string of tornadoes tore through Missouri overnight.</p></blockquote>`, "AP"},
		{"host table", `<blockquote cite="https://jp.reuters.com/a">` + ja + `</blockquote>`, "ロイター"},
		{"site's name", `<blockquote cite="https://toronto.citynews.ca/a">` + ja + `</blockquote>`, "CityNews"},
		{"account", `<blockquote cite="https://x.com/peacewatch_jp/status/1">` + ja + `</blockquote>`, "@peacewatch_jp"},
		{"copy naming itself", `<blockquote>` + ja + `<p>主な内容をスプートニクがまとめた。</p></blockquote>`, "Sputnik"},
		{"nothing names it", `<blockquote>` + ja + `</blockquote>`, ""},
		{"a link to the blog itself names nothing", `<blockquote cite="https://d1021.hatenadiary.jp/entry/2025/06/04/1">` + ja + `</blockquote>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := briefbot.Post{ID: 1, FeedName: "d1021", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
				Title: "ロシア", HTML: tt.html, Author: "d1021", FeedTitle: "d1021の日記", FeedOutlet: "NHK", Language: "auto"}
			items := Split(p)
			if len(items) != 1 {
				t.Fatalf("%d items: %+v", len(items), items)
			}
			if items[0].Outlet != tt.want {
				t.Errorf("outlet %q, want %q", items[0].Outlet, tt.want)
			}
		})
	}
}
