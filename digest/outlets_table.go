package digest

// outlet is one outlet as briefs name it: its name in each brief language,
// the other spellings text uses for it (bylines, datelines, link text, the
// blogger's label lines), its web hosts and its Telegram channels.
type outlet struct {
	ja, en, ru string
	aliases    []string
	// hosts are hosts or registrable domains: a subdomain of one matches
	// (www3.nhk.or.jp under nhk.or.jp).
	hosts    []string
	channels []string // t.me/<channel>, lower case
	// media is false for an official body (a ministry, the Kremlin): it
	// publishes, but never signs a dateline, so its name opening a text
	// (【…露国防省】) attributes a claim rather than the copy.
	media bool
}

// outlets is the table of outlets the feeds quote: the seed's, and the
// common Japanese, English and Russian wires, papers and broadcasters.
// Names are those each language's press uses (ロイター / Reuters / Рейтер).
var outlets = []outlet{
	// Japan
	{ja: "NHK", en: "NHK", ru: "NHK", media: true,
		aliases: []string{"NHKニュース", "NHK NEWS WEB", "NHK WORLD", "NHK WORLD-JAPAN", "NHK World-Japan", "日本放送協会", "Эн-эйч-кей"},
		hosts:   []string{"nhk.or.jp", "news.web.nhk", "nhk.jp"}},
	{ja: "共同通信", en: "Kyodo News", ru: "Киодо", media: true,
		aliases: []string{"共同", "共同通信社", "Kyodo", "Kyodo News Agency", "47NEWS", "Киодо Цусин", "Kyodo Tsushin"},
		hosts:   []string{"47news.jp", "kyodonews.net", "nordot.app"}},
	{ja: "時事通信", en: "Jiji Press", ru: "Дзидзи Пресс", media: true,
		aliases: []string{"時事", "時事通信社", "時事ドットコム", "JIJI", "Jiji", "JIJI Press", "Дзидзи"},
		hosts:   []string{"jiji.com"}},
	{ja: "朝日新聞", en: "The Asahi Shimbun", ru: "Асахи", media: true,
		aliases: []string{"朝日", "朝日新聞デジタル", "朝日新聞社", "Asahi Shimbun", "Asahi", "Асахи симбун"},
		hosts:   []string{"asahi.com"}},
	{ja: "毎日新聞", en: "The Mainichi", ru: "Майнити", media: true,
		aliases: []string{"毎日", "毎日新聞社", "Mainichi", "Mainichi Shimbun", "Майнити симбун"},
		hosts:   []string{"mainichi.jp"}},
	{ja: "読売新聞", en: "The Yomiuri Shimbun", ru: "Ёмиури", media: true,
		aliases: []string{"読売", "読売新聞オンライン", "読売新聞社", "Yomiuri", "Yomiuri Shimbun", "Ёмиури симбун"},
		hosts:   []string{"yomiuri.co.jp"}},
	{ja: "日経", en: "Nikkei", ru: "Никкэй", media: true,
		aliases: []string{"日本経済新聞", "日経新聞", "日本経済新聞社", "Nikkei Asia", "Nikkei Asian Review", "Никкей"},
		hosts:   []string{"nikkei.com"}},
	{ja: "産経新聞", en: "The Sankei Shimbun", ru: "Санкэй", media: true,
		aliases: []string{"産経", "産経ニュース", "産経新聞社", "Sankei", "Sankei Shimbun"},
		hosts:   []string{"sankei.com"}},
	{ja: "東京新聞", en: "Tokyo Shimbun", ru: "Токио симбун", media: true,
		aliases: []string{"東京新聞デジタル", "中日新聞"},
		hosts:   []string{"tokyo-np.co.jp", "chunichi.co.jp"}},
	{ja: "TBS", en: "TBS", ru: "TBS", media: true,
		aliases: []string{"TBSテレビ", "TBS NEWS DIG", "TBSニュース", "JNN"},
		hosts:   []string{"tbs.co.jp"}},
	{ja: "テレ朝", en: "TV Asahi", ru: "ТВ Асахи", media: true,
		aliases: []string{"テレビ朝日", "テレ朝news", "テレ朝NEWS", "ANN", "ANNニュース"},
		hosts:   []string{"tv-asahi.co.jp"}},
	{ja: "FNN", en: "FNN", ru: "FNN", media: true,
		aliases: []string{"FNNプライムオンライン", "FNN Prime Online", "フジテレビ", "Fuji TV"},
		hosts:   []string{"fnn.jp", "fujitv.co.jp"}},
	{ja: "日テレ", en: "NTV", ru: "NTV", media: true,
		aliases: []string{"日本テレビ", "日テレNEWS", "日テレNEWS NNN", "NNN", "Nippon TV"},
		hosts:   []string{"ntv.co.jp"}},
	{ja: "外務省", en: "Japan's Foreign Ministry", ru: "МИД Японии",
		aliases: []string{"日本外務省", "MOFA"},
		hosts:   []string{"mofa.go.jp"}},

	// Wires and papers elsewhere
	{ja: "ロイター", en: "Reuters", ru: "Рейтер", media: true,
		aliases: []string{"ロイター通信", "REUTERS", "Reuters.com", "Рейтерс", "Thomson Reuters", "トムソン・ロイター"},
		hosts:   []string{"reuters.com", "reut.rs"}},
	{ja: "AP通信", en: "AP", ru: "AP", media: true,
		aliases: []string{"Associated Press", "The Associated Press", "AP News", "Ассошиэйтед Пресс", "АП"},
		hosts:   []string{"apnews.com", "ap.org"}},
	{ja: "AFP", en: "AFP", ru: "AFP", media: true,
		aliases: []string{"AFP通信", "AFP時事", "AFPBB News", "AFPBB", "Agence France-Presse", "フランス通信", "Франс Пресс", "Франс-Пресс", "АФП"},
		hosts:   []string{"afpbb.com", "afp.com"}},
	{ja: "ブルームバーグ", en: "Bloomberg", ru: "Bloomberg", media: true,
		aliases: []string{"Bloomberg News", "ブルームバーグ通信", "Блумберг", "Bloomberg Japan"},
		hosts:   []string{"bloomberg.com", "bloomberg.co.jp", "bloom.bg"}},
	{ja: "BBC", en: "BBC", ru: "Би-би-си", media: true,
		aliases: []string{"BBC News", "BBCニュース", "BBC News Japan", "BBC Russian", "Русская служба Би-би-си"},
		hosts:   []string{"bbc.com", "bbc.co.uk"}},
	{ja: "CNN", en: "CNN", ru: "CNN", media: true,
		aliases: []string{"CNN.co.jp", "CNN International", "Си-эн-эн"},
		hosts:   []string{"cnn.com", "cnn.co.jp"}},
	{ja: "新華社", en: "Xinhua", ru: "Синьхуа", media: true,
		aliases: []string{"新華社通信", "新華通信", "新华社", "Xinhua News Agency", "新華網"},
		hosts:   []string{"xinhuanet.com", "news.cn"}},
	{ja: "人民日報", en: "People's Daily", ru: "Жэньминь жибао", media: true,
		aliases: []string{"人民網", "人民日报", "People's Daily Online", "人民網日本語版"},
		hosts:   []string{"people.com.cn", "people.cn"}},
	{ja: "聯合ニュース", en: "Yonhap", ru: "Рёнхап", media: true,
		aliases: []string{"聯合", "連合ニュース", "Yonhap News Agency", "Йонхап", "Ренхап"},
		hosts:   []string{"yna.co.kr", "yonhapnews.co.kr"}},
	{ja: "中央日報", en: "JoongAng Ilbo", ru: "Чунъан ильбо", media: true,
		aliases: []string{"JoongAng Daily", "Korea JoongAng Daily"},
		hosts:   []string{"joins.com", "joongang.co.kr"}},
	{ja: "朝鮮中央通信", en: "KCNA", ru: "ЦТАК", media: true,
		aliases: []string{"Korean Central News Agency", "Центральное телеграфное агентство Кореи", "朝鮮通信"},
		hosts:   []string{"kcna.kp"}},
	{ja: "アルジャジーラ", en: "Al Jazeera", ru: "Аль-Джазира", media: true,
		aliases: []string{"アル・ジャジーラ", "Al Jazeera English", "Aljazeera"},
		hosts:   []string{"aljazeera.com", "aljazeera.net"}},
	{ja: "ガーディアン", en: "The Guardian", ru: "The Guardian", media: true,
		aliases: []string{"Guardian", "ガーディアン紙", "英ガーディアン紙", "Гардиан"},
		hosts:   []string{"theguardian.com", "guardian.co.uk"}},
	{ja: "ニューヨーク・タイムズ", en: "The New York Times", ru: "The New York Times", media: true,
		aliases: []string{"New York Times", "NYT", "NYTimes", "ニューヨーク・タイムズ紙", "米紙ニューヨーク・タイムズ", "Нью-Йорк таймс"},
		hosts:   []string{"nytimes.com"}},
	{ja: "ワシントン・ポスト", en: "The Washington Post", ru: "The Washington Post", media: true,
		aliases: []string{"Washington Post", "WaPo", "ワシントン・ポスト紙", "Вашингтон пост"},
		hosts:   []string{"washingtonpost.com"}},
	{ja: "ウォール・ストリート・ジャーナル", en: "The Wall Street Journal", ru: "The Wall Street Journal", media: true,
		aliases: []string{"Wall Street Journal", "WSJ", "WSJ日本版", "ウォール・ストリート・ジャーナル紙", "Уолл-стрит джорнал"},
		hosts:   []string{"wsj.com"}},
	{ja: "フィナンシャル・タイムズ", en: "Financial Times", ru: "Financial Times", media: true,
		aliases: []string{"FT", "英フィナンシャル・タイムズ", "Файненшл таймс"},
		hosts:   []string{"ft.com"}},
	{ja: "ポリティコ", en: "Politico", ru: "Politico", media: true,
		aliases: []string{"POLITICO", "Politico Europe"},
		hosts:   []string{"politico.com", "politico.eu"}},
	{ja: "アクシオス", en: "Axios", ru: "Axios", media: true,
		hosts: []string{"axios.com"}},
	{ja: "ドイチェ・ヴェレ", en: "DW", ru: "DW", media: true,
		aliases: []string{"Deutsche Welle", "Дойче Велле", "ドイツ公共放送"},
		hosts:   []string{"dw.com"}},
	{ja: "フランス24", en: "France 24", ru: "France 24", media: true,
		aliases: []string{"FRANCE 24", "France24", "Франс 24"},
		hosts:   []string{"france24.com"}},
	{ja: "ユーロニュース", en: "Euronews", ru: "Euronews", media: true,
		aliases: []string{"euronews", "Евроньюс"},
		hosts:   []string{"euronews.com"}},
	{ja: "VOA", en: "VOA", ru: "Голос Америки", media: true,
		aliases: []string{"Voice of America", "VOA News", "ボイス・オブ・アメリカ", "Голос Америки"},
		hosts:   []string{"voanews.com", "golosameriki.com"}},
	{ja: "RFE/RL", en: "RFE/RL", ru: "Радио Свобода", media: true,
		aliases: []string{"Radio Free Europe/Radio Liberty", "Radio Liberty", "Radio Svoboda", "ラジオ・フリー・ヨーロッパ", "Радио Свобода"},
		hosts:   []string{"rferl.org", "svoboda.org"}},
	{ja: "CityNews", en: "CityNews", ru: "CityNews", media: true, aliases: []string{"CityNews Toronto"}},
	{ja: "キーウ・インディペンデント", en: "The Kyiv Independent", ru: "The Kyiv Independent", media: true,
		aliases: []string{"Kyiv Independent"},
		hosts:   []string{"kyivindependent.com"}},
	{ja: "グローブ・アンド・メール", en: "The Globe and Mail", ru: "The Globe and Mail", media: true,
		aliases: []string{"Globe and Mail"},
		hosts:   []string{"theglobeandmail.com"}},
	{ja: "大紀元", en: "The Epoch Times", ru: "Великая Эпоха", media: true,
		aliases: []string{"Epoch Times", "大紀元時報"},
		hosts:   []string{"epochtimes.jp", "theepochtimes.com"}},

	// Russia
	{ja: "タス通信", en: "TASS", ru: "ТАСС", media: true,
		aliases: []string{"タス", "TASS News Agency", "ИТАР-ТАСС", "ITAR-TASS", "Tass"},
		hosts:   []string{"tass.ru", "tass.com"}, channels: []string{"tass_agency"}},
	{ja: "RIAノーボスチ", en: "RIA Novosti", ru: "РИА Новости", media: true,
		aliases: []string{"ノーボスチ通信", "ノーボスチ", "RIA", "РИА", "РИА «Новости»"},
		hosts:   []string{"ria.ru"}, channels: []string{"rian_ru"}},
	{ja: "インタファクス通信", en: "Interfax", ru: "Интерфакс", media: true,
		aliases: []string{"インタファクス", "INTERFAX.RU", "Интерфакс-Россия"},
		hosts:   []string{"interfax.ru", "interfax.com"}, channels: []string{"interfaxonline"}},
	{ja: "Sputnik", en: "Sputnik", ru: "Sputnik", media: true,
		aliases: []string{"スプートニク", "Спутник", "Sputnik 日本", "Sputnik Japan", "スプートニク日本", "Sputnik News", "Sputnik International"},
		hosts:   []string{"sputniknews.jp", "sputniknews.com"}, channels: []string{"sputnik_jp", "sputnikjp"}},
	{ja: "RT", en: "RT", ru: "RT", media: true,
		aliases: []string{"Russia Today", "ロシア・トゥデイ", "Раша Тудэй"},
		hosts:   []string{"rt.com"}, channels: []string{"rt_russian"}},
	{ja: "イズベスチヤ", en: "Izvestia", ru: "Известия", media: true,
		aliases: []string{"イズベスチア", "Izvestiya"},
		hosts:   []string{"iz.ru"}},
	{ja: "コメルサント", en: "Kommersant", ru: "Коммерсантъ", media: true,
		aliases: []string{"コメルサント紙", "Коммерсант"},
		hosts:   []string{"kommersant.ru"}},
	{ja: "RBC", en: "RBC", ru: "РБК", media: true,
		aliases: []string{"RBK", "РБК-ТВ"},
		hosts:   []string{"rbc.ru"}},
	{ja: "ベドモスチ", en: "Vedomosti", ru: "Ведомости", media: true,
		aliases: []string{"ヴェドモスチ"},
		hosts:   []string{"vedomosti.ru"}},
	{ja: "ガゼータ・ルー", en: "Gazeta.Ru", ru: "Газета.Ru", media: true,
		aliases: []string{"Газета.ру", "Gazeta.ru"},
		hosts:   []string{"gazeta.ru"}},
	{ja: "レンタ・ルー", en: "Lenta.ru", ru: "Лента.ру", media: true,
		aliases: []string{"Lenta.Ru", "Лента.Ру"},
		hosts:   []string{"lenta.ru"}},
	{ja: "メドゥーザ", en: "Meduza", ru: "Медуза", media: true,
		hosts: []string{"meduza.io"}},
	{ja: "ロシースカヤ・ガゼータ", en: "Rossiyskaya Gazeta", ru: "Российская газета", media: true,
		aliases: []string{"РГ"},
		hosts:   []string{"rg.ru"}},
	{ja: "ヴズグリャド", en: "Vzglyad", ru: "Взгляд", media: true,
		aliases: []string{"VZ.RU", "Деловая газета Взгляд"},
		hosts:   []string{"vz.ru"}},
	{ja: "EADaily", en: "EADaily", ru: "EADaily", media: true,
		aliases: []string{"EurAsia Daily"},
		hosts:   []string{"eadaily.com"}},
	{ja: "露大統領府", en: "Kremlin", ru: "Кремль",
		aliases: []string{"ロシア大統領府", "クレムリン", "Kremlin.ru", "Президент России"},
		hosts:   []string{"kremlin.ru"}},
	{ja: "露国防省", en: "Russian Defence Ministry", ru: "Минобороны России",
		aliases: []string{"ロシア国防省", "Минобороны РФ", "Министерство обороны России", "Russian Defense Ministry", "Russian Ministry of Defence"},
		hosts:   []string{"mil.ru"}, channels: []string{"mod_russia"}},
	{ja: "露外務省", en: "Russian Foreign Ministry", ru: "МИД России",
		aliases: []string{"ロシア外務省", "МИД РФ", "Russian MFA"},
		hosts:   []string{"mid.ru"}, channels: []string{"mid_russia"}},
	{ja: "メドベージェフ", en: "Medvedev", ru: "Медведев",
		channels: []string{"medvedev_telegram"}},
}

// platforms are where outlets publish, not outlets: a label line naming
// one ("Telegram") says where the next block comes from, not who wrote it.
var platforms = []string{"Telegram", "テレグラム", "Телеграм", "X", "Twitter", "ツイッター", "YouTube", "ユーチューブ",
	"Facebook", "Instagram", "TikTok", "VK", "ВКонтакте", "Truth Social", "Threads", "Weibo", "note", "LINE",
	// Aggregators republish outlets' copy: their name ends a page title, and
	// names no outlet.
	"Yahoo!ニュース", "Yahoo News", "Google News", "Google ニュース", "SmartNews", "スマートニュース", "LINE NEWS", "Яндекс Новости", "Дзен"}

// notOutlets are words a page or a label uses where it has no outlet to
// name: they never name one.
var notOutlets = []string{"source", "sources", "link", "links", "出典", "引用元", "ソース", "リンク", "источник", "ссылка"}

// outletIndex maps the matching form of every name, alias, host and
// channel to its outlet. Built once; never written after.
var outletIndex = buildOutletIndex()

type outletMaps struct {
	byName, byHost, byChannel map[string]*outlet
	platform, none            map[string]bool
}

func buildOutletIndex() outletMaps {
	m := outletMaps{byName: map[string]*outlet{}, byHost: map[string]*outlet{}, byChannel: map[string]*outlet{},
		platform: map[string]bool{}, none: map[string]bool{}}
	for i := range outlets {
		o := &outlets[i]
		for _, n := range append([]string{o.ja, o.en, o.ru}, o.aliases...) {
			m.byName[nameKey(n)] = o
		}
		for _, h := range o.hosts {
			m.byHost[h] = o
		}
		for _, c := range o.channels {
			m.byChannel[c] = o
		}
	}
	for _, p := range platforms {
		m.platform[nameKey(p)] = true
	}
	for _, n := range notOutlets {
		m.none[nameKey(n)] = true
	}
	return m
}
