package digest

import (
	"slices"
	"strings"
)

//go:generate go run ./internal/gencountries -o countries_gen.go

// The country table is the CLDR names of every ISO 3166-1 country in
// Japanese, English and Russian (countries_gen.go) and, kept by hand here,
// what CLDR does not give: the other names and abbreviations news uses
// (米国, USA, РФ), capitals standing for their governments (Moscow, 北京,
// Киев), adjectives and demonyms (Russian, российский), offices that stand
// for a government they do not name (官房長官, Pope), words that only
// qualify (日本時間, US dollar), the one-character Japanese forms
// (country_ja.go) and the false friends that hide a country word inside a
// longer one (中西部, 宇宙, New Mexico). Other cities are places
// (entities_orgs.go): talks in Istanbul do not make Turkey a party.
type countryRow struct {
	code       string
	names      string // "|"-separated, any script; Russian forms decline (see ruKey)
	adj        string
	offices    string
	qualifiers string
}

var countryForms = []countryRow{
	{code: "RU", names: "露国|ロシア連邦|Russian Federation|Moscow|モスクワ|РФ|Российская Федерация|Москва",
		adj:        "Russian|Russians|российский|россиянин|россияне|россиян",
		qualifiers: "ロシア語|モスクワ時間|Moscow time|Russian-language|русский язык"},
	{code: "US", names: "アメリカ|米国|合衆国|ジョージア州|United States of America|US|U.S.|USA|U.S.A.|America|Washington|ワシントン|США|Америка|Соединенные Штаты Америки|Вашингтон",
		adj:        "American|Americans|американский|американец|американц~",
		qualifiers: "米ドル|US dollar|U.S. dollar|доллар США"},
	{code: "UA", names: "Kyiv|Kiev|キーウ|キエフ|Киев|Київ|ВСУ",
		adj:        "Ukrainian|Ukrainians|украинский|украинец|украинц~",
		qualifiers: "ウクライナ語|Ukrainian-language|украинский язык"},
	{code: "CN", names: "中華人民共和国|PRC|People's Republic of China|mainland China|Beijing|北京|КНР|Китайская Народная Республика|Пекин",
		adj:        "Chinese|китайский|китаец|китайц~",
		qualifiers: "中国語|китайский язык"},
	{code: "KP", names: "北朝鮮|朝鮮民主主義人民共和国|North Korea|DPRK|Pyongyang|平壌|КНДР|Северная Корея|Пхеньян",
		adj: "North Korean|North Koreans|северокорейский"},
	{code: "KR", names: "韓国|大韓民国|South Korea|Republic of Korea|Korea|Seoul|ソウル|Южная Корея|Республика Корея|Сеул",
		adj:        "South Korean|South Koreans|южнокорейский",
		qualifiers: "韓国語|韓国ウォン|Korean won"},
	{code: "JP", names: "日本国|Japan|Tokyo|Япония|Токио",
		adj:        "Japanese|японский|японец|японц~",
		offices:    "官房長官|内閣官房長官|内閣官房|首相官邸|官邸|防衛省|防衛相|防衛大臣|自衛隊|陸上自衛隊|海上自衛隊|航空自衛隊|陸自|海自|空自|海上保安庁|Chief Cabinet Secretary|chief cabinet secretary",
		qualifiers: "日本時間|日本語|日本円|日本海|Japan time|Japanese yen|японская иена|японский язык"},
	{code: "GB", names: "英国|イギリス|連合王国|United Kingdom|UK|U.K.|Britain|Great Britain|Northern Ireland|北アイルランド|Северная Ирландия|London|ロンドン|Downing Street|Великобритания|Британия|Англия|Лондон|Даунинг-стрит",
		adj: "British|Briton|Britons|британский", qualifiers: "英ポンド|British pound|британский фунт"},
	{code: "FR", names: "Paris|パリ|Elysee|Élysée|Франция|Париж|Елисейский дворец",
		adj:        "French|Frenchman|французский|француз|французы",
		qualifiers: "フランス語|French-language|французский язык"},
	{code: "DE", names: "Berlin|ベルリン|Берлин|ФРГ",
		adj:        "German|Germans|немецкий|германский|немец|немц~",
		qualifiers: "ドイツ語|German-language|немецкий язык"},
	{code: "IT", names: "Rome|ローマ|Рим", adj: "Italian|Italians|итальянский"},
	{code: "IN", names: "New Delhi|ニューデリー|Нью-Дели", adj: "Indian|Indians|индийский"},
	{code: "IL", adj: "Israeli|Israelis|израильский|израильтянин|израильтяне|израильтян"},
	{code: "IR", names: "Tehran|テヘラン|Тегеран", adj: "Iranian|Iranians|иранский"},
	{code: "TR", names: "Turkey|Türkiye|Turkiye|Ankara|アンカラ|Анкара", adj: "Turkish|турецкий"},
	{code: "VA", names: "Vatican|バチカン|ローマ教皇庁|教皇庁|Holy See|Ватикан|Святой престол|Святейший престол",
		offices: "ローマ教皇|教皇|ローマ法王|Pope|pope|pontiff|Папа Римский|папа римский|понтифик"},
	{code: "KZ", names: "Astana|アスタナ|Астана", adj: "Kazakh|Kazakhstani|казахстанский|казахский"},
	{code: "BY", names: "Minsk|ミンスク|Минск|Белоруссия|Республика Беларусь", adj: "Belarusian|белорусский"},
	{code: "PL", names: "Warsaw|ワルシャワ|Варшава", adj: "Polish|польский"},
	{code: "SY", names: "Damascus|ダマスカス|Дамаск", adj: "Syrian|Syrians|сирийский"},
	{code: "IQ", names: "Baghdad|バグダッド|Багдад", adj: "Iraqi|Iraqis|иракский"},
	{code: "SA", names: "Saudi|サウジ|Riyadh|リヤド|Эр-Рияд", adj: "Saudis|саудовский"},
	{code: "PK", names: "Islamabad|イスラマバード|Исламабад", adj: "Pakistani|Pakistanis|пакистанский"},
	{code: "AF", names: "Kabul|カブール|Кабул", adj: "Afghan|Afghans|афганский"},
	{code: "TW", names: "Taipei|台北|Тайбэй|Chinese Taipei", adj: "Taiwanese|тайваньский"},
	{code: "CA", names: "Ottawa|オタワ|Оттава", adj: "Canadian|Canadians|канадский"},
	{code: "BR", names: "Brasilia|Brasília|ブラジリア|Бразилиа", adj: "Brazilian|Brazilians|бразильский"},
	{code: "MX", names: "Mexico City|メキシコ市|Мехико", adj: "Mexican|Mexicans|мексиканский"},
	{code: "AU", names: "豪州|Canberra|キャンベラ|Канберра", adj: "Australian|Australians|австралийский", qualifiers: "豪ドル|Australian dollar|австралийский доллар"},
	{code: "EG", names: "Cairo|Каир|Египт~", adj: "Egyptian|Egyptians|египетский"},
	{code: "PS", names: "パレスチナ|Palestine|ガザ|Gaza|ガザ地区|Gaza Strip|Газа|Палестина|сектор Газа", adj: "Palestinian|Palestinians|палестинский"},
	{code: "LB", names: "Beirut|ベイルート|Бейрут", adj: "Lebanese|ливанский"},
	{code: "QA", names: "Doha|ドーハ|Доха", adj: "Qatari|катарский"},
	{code: "AE", names: "UAE|U.A.E.|Abu Dhabi|アブダビ|Абу-Даби", adj: "Emirati|эмиратский"},
	{code: "HU", names: "Budapest|ブダペスト|Будапешт", adj: "Hungarian|венгерский"},
	{code: "RS", names: "Belgrade|ベオグラード|Белград", adj: "Serbian|сербский"},
	{code: "GE", names: "Tbilisi|トビリシ|Тбилиси", adj: "Georgian|грузинский"},
	{code: "AM", names: "Yerevan|エレバン|Ереван", adj: "Armenian|армянский"},
	{code: "AZ", names: "Baku|バクー|Баку", adj: "Azerbaijani|азербайджанский"},
	{code: "SD", adj: "Sudanese|суданский"},
	{code: "YE", adj: "Yemeni|йеменский"},
	{code: "ET", adj: "Ethiopian|эфиопский"},
	{code: "NG", adj: "Nigerian|нигерийский"},
	{code: "KE", adj: "Kenyan|кенийский"},
	{code: "ID", names: "Jakarta|ジャカルタ|Джакарта", adj: "Indonesian|индонезийский"},
	{code: "TH", names: "Bangkok|バンコク|Бангкок", adj: "Thai|тайский|таиландский"},
	{code: "AR", adj: "Argentine|Argentinian|аргентинский"},
	{code: "CL", adj: "Chilean|чилийский"},
	{code: "FI", names: "Helsinki|ヘルシンキ|Хельсинки", adj: "Finnish|финский"},
	{code: "SE", names: "Stockholm|ストックホルム|Стокгольм", adj: "Swedish|шведский"},
	{code: "NL", names: "Голландия", adj: "Dutch|нидерландский|голландский"},
	{code: "BE", adj: "Belgian|бельгийский"},
	{code: "ES", names: "Madrid|マドリード|Мадрид", adj: "Spanish|испанский"},
	{code: "GR", names: "Athens|アテネ|Афины", adj: "Greek|греческий"},
	{code: "VE", names: "Caracas|カラカス|Каракас", adj: "Venezuelan|венесуэльский"},
	{code: "CU", names: "Havana|ハバナ|Гавана", adj: "Cuban|кубинский"},
	{code: "ZA", names: "Pretoria|プレトリア|Претория|ЮАР|Южная Африка", adj: "South African|южноафриканский"},
	{code: "VN", names: "Hanoi|ハノイ|Хано~", adj: "Vietnamese|вьетнамский"},
	{code: "PH", names: "Manila|マニラ|Манила", adj: "Filipino|Philippine|филиппинский"},
	{code: "MD", names: "Chisinau|Chișinău|キシナウ|Кишинев", adj: "Moldovan|молдавский|молдовский"},
	{code: "RO", names: "Bucharest|ブカレスト|Бухарест", adj: "Romanian|румынский"},
	{code: "EE", names: "Tallinn|タリン|Таллин", adj: "Estonian|эстонский"},
	{code: "LV", names: "Riga|リガ|Рига", adj: "Latvian|латвийский"},
	{code: "LT", names: "Vilnius|ビリニュス|Вильнюс", adj: "Lithuanian|литовский"},
	{code: "DK", names: "Copenhagen|コペンハーゲン|Копенгаген", adj: "Danish|датский"},
	{code: "NO", adj: "Norwegian|норвежский"},
	{code: "CH", adj: "Swiss|швейцарский"},
	{code: "AT", adj: "Austrian|австрийский"},
	{code: "CZ", names: "Czech Republic|Чехия", adj: "Czech|чешский"},
	{code: "SK", adj: "Slovak|словацкий"},
	{code: "BG", adj: "Bulgarian|болгарский"},
	{code: "HR", adj: "Croatian|хорватский"},
	{code: "PT", adj: "Portuguese|португальский"},
	{code: "IE", adj: "Irish|ирландский"},
	{code: "JO", adj: "Jordanian|иорданский"},
	{code: "LY", adj: "Libyan|ливийский"},
	{code: "UZ", names: "Tashkent|タシケント|Ташкент", adj: "Uzbek|узбекский"},
	{code: "KG", adj: "Kyrgyz|киргизский"},
	{code: "TJ", adj: "Tajik|таджикский"},
	{code: "TM", adj: "Turkmen|туркменский"},
	{code: "MN", adj: "Mongolian|монгольский"},
	{code: "CO", adj: "Colombian|колумбийский"},
	{code: "CD", names: "Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|DRC|Демократическая Республика Конго|ДР Конго|ДРК"},
	{code: "CG", names: "Republic of the Congo|Congo-Brazzaville|Республика Конго"},
	{code: "CI", names: "Ivory Coast|Кот-д'Ивуар"},
	{code: "SZ", names: "Eswatini|エスワティニ|Эсватини"},
	{code: "MK", names: "North Macedonia|北マケドニア|Северная Македония"},
	{code: "CV", names: "Cabo Verde"},
	{code: "TL", names: "East Timor"},
}

// firstNameCountries are country names that are also first names: they
// count unless a capitalised word follows (Chad Wolf, Jordan Bardella,
// Georgia Tech).
var firstNameCountries = []struct{ code, name string }{
	{"TD", "Chad"}, {"JO", "Jordan"}, {"GE", "Georgia"},
}

// dropCLDR are CLDR names that are common words first: ジャージー (a
// tracksuit), Того (a pronoun).
var dropCLDR = map[string]bool{"ジャージー": true, "Того": true}

// falseFriends hide the country word inside them and name nothing the
// table tracks: regions and words that start with a one-character form
// (country_ja.go; 中日 is the Chunichi, not China and Japan), and names
// that contain a country's.
var falseFriends = []string{
	// 中 is "middle", "during"; 日 "day"; 米 "rice"; 朝 "morning"…
	"中央|中旬|途中|中心|中間|中間選挙|中部|中西部|中南米|中米|南米|北米|欧米|中銀|中止|中断|中継|中小|中堅|中盤|中核",
	"中距離|中期|中長期|中将|中佐|中隊|中学|中毒|中立|中枢|中国地方|中国電力|中国新聞|中国四国|中日",
	"新米|米価|日曜|日程|日付|日時|朝日|今朝|早朝|朝刊|朝食|朝方|朝鮮|朝鮮中央通信|独自|独立|単独|独占|独裁|独特|独身|独走",
	"英語|英雄|英仏海峡|宇宙|宇都宮|宇治|宇野|宇佐美|宇部|宇和島|宇多田|露出|露呈|露骨|露天|露店|露見|露営|露払い|露地|仏教|伊藤|印象|印刷|加工|加盟|加入|加速|加担|加害|加州|豪雨|豪華|台風|台頭",
	"タイ記録|大統領官邸|ワシントン・ポスト|ワシントンポスト|コロンビア大学",
	"New Mexico|New Jersey|Washington Post|George Washington|Latin America|South America|North America|Central America",
	"Latin American|South American|North American|Central American|南アメリカ|北アメリカ|中央アメリカ",
	"Латинская Америка|Южная Америка|Северная Америка|Центральная Америка|Нью-Мексико",
	"Real Madrid|Atletico Madrid|Atlético Madrid",
}

// leadFlags returns the flags of the countries the lead names as a place
// or a party, then those only the headline names, at most max.
func leadFlags(headline, lead string, max int) string {
	codes := partyCountries(lead, nil)
	codes = partyCountries(headline, codes)
	var sb strings.Builder
	for i, c := range codes {
		if i == max {
			break
		}
		sb.WriteString(flagOf(c))
	}
	return sb.String()
}

// partyCountries appends to codes the countries text names as a place or a
// party (mention.party), in order of first mention, each once.
func partyCountries(text string, codes []string) []string {
	ms := mentionsIn(text)
	state := slices.ContainsFunc(ms, func(m mention) bool { return m.Entity == entPlace && usStates[m.Key] })
	for _, m := range ms {
		c := m.Country
		if c == "GE" && state && strings.EqualFold(text[m.Start:m.End], "Georgia") {
			c = "US" // "Georgia and Alabama": the state
		}
		if m.party() && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if state && !slices.Contains(codes, "US") {
		codes = append(codes, "US")
	}
	return codes
}

// usStates are the keys of the places table's US states: a state names the
// United States to any reader ("Tornadoes tear through Missouri and
// Illinois" is 🇺🇸), as a city does not name its country.
var usStates = toSet(`alaska hawaii florida texas california alabama arizona arkansas colorado connecticut delaware
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada new-hampshire north-carolina north-dakota ohio oklahoma oregon pennsylvania
rhode-island south-carolina south-dakota tennessee utah vermont virginia west-virginia wisconsin wyoming`)
