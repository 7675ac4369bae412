package digest

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// country is one newsworthy country: its flag and the names it goes by.
// Katakana and English names match whole words only; Russian names match
// word prefixes (case endings); one-kanji short forms (露 米 宇…) match only
// where they clearly mean the country (see shortForm).
type country struct {
	flag  string
	names []string // Japanese and English names
	ru    []string // Russian word prefixes
	short rune     // one-kanji short form, 0 when none
}

var countries = []country{
	{"🇷🇺", []string{"ロシア", "Russia", "Russian", "Kremlin"}, []string{"Росси", "Российск", "Кремл"}, '露'},
	{"🇺🇸", []string{"アメリカ", "米国", "合衆国", "United States", "US", "U.S.", "America", "American", "White House", "ホワイトハウス"}, []string{"США", "Американ", "Вашингтон"}, '米'},
	{"🇺🇦", []string{"ウクライナ", "Ukraine", "Ukrainian", "Kyiv"}, []string{"Украин", "Киев"}, '宇'},
	{"🇨🇳", []string{"中国", "China", "Chinese", "Beijing"}, []string{"Кита", "КНР", "Пекин"}, '中'},
	{"🇰🇵", []string{"北朝鮮", "North Korea", "Pyongyang", "平壌"}, []string{"КНДР", "Пхеньян"}, '朝'},
	{"🇰🇷", []string{"韓国", "South Korea", "Seoul", "ソウル"}, []string{"Южн Коре", "Сеул"}, '韓'},
	{"🇯🇵", []string{"日本", "Japan", "Japanese", "Tokyo"}, []string{"Япони", "Токио"}, '日'},
	{"🇬🇧", []string{"イギリス", "英国", "Britain", "British", "United Kingdom", "UK", "London"}, []string{"Великобритани", "Британ", "Лондон"}, '英'},
	{"🇫🇷", []string{"フランス", "France", "French", "Paris"}, []string{"Франци", "Париж"}, '仏'},
	{"🇩🇪", []string{"ドイツ", "Germany", "German", "Berlin"}, []string{"Германи", "Берлин"}, '独'},
	{"🇮🇹", []string{"イタリア", "Italy", "Italian"}, []string{"Итали"}, '伊'},
	{"🇮🇳", []string{"インド", "India", "Indian", "New Delhi"}, []string{"Инди"}, '印'},
	{"🇮🇱", []string{"イスラエル", "Israel", "Israeli"}, []string{"Израил"}, 0},
	{"🇮🇷", []string{"イラン", "Iran", "Iranian", "Tehran"}, []string{"Иран", "Тегеран"}, 0},
	{"🇹🇷", []string{"トルコ", "Turkey", "Türkiye", "Turkish", "Ankara", "イスタンブール", "Istanbul"}, []string{"Турци", "Стамбул", "Анкар"}, 0},
	{"🇻🇦", []string{"バチカン", "ローマ教皇", "Vatican", "Pope"}, []string{"Ватикан", "Папа Римск"}, 0},
	{"🇰🇿", []string{"カザフスタン", "Kazakhstan"}, []string{"Казахстан"}, 0},
	{"🇧🇾", []string{"ベラルーシ", "Belarus"}, []string{"Белорус", "Беларус"}, 0},
	{"🇵🇱", []string{"ポーランド", "Poland", "Polish"}, []string{"Польш"}, 0},
	{"🇸🇾", []string{"シリア", "Syria", "Syrian"}, []string{"Сири"}, 0},
	{"🇮🇶", []string{"イラク", "Iraq", "Iraqi"}, []string{"Ирак"}, 0},
	{"🇸🇦", []string{"サウジアラビア", "サウジ", "Saudi Arabia", "Saudi"}, []string{"Саудовск"}, 0},
	{"🇵🇰", []string{"パキスタン", "Pakistan"}, []string{"Пакистан"}, 0},
	{"🇦🇫", []string{"アフガニスタン", "Afghanistan"}, []string{"Афганистан"}, 0},
	{"🇹🇼", []string{"台湾", "Taiwan"}, []string{"Тайван"}, 0},
	{"🇨🇦", []string{"カナダ", "Canada", "Canadian"}, []string{"Канад"}, 0},
	{"🇧🇷", []string{"ブラジル", "Brazil"}, []string{"Бразили"}, 0},
	{"🇲🇽", []string{"メキシコ", "Mexico"}, []string{"Мексик"}, 0},
	{"🇦🇺", []string{"オーストラリア", "豪州", "Australia"}, []string{"Австрали"}, 0},
	{"🇪🇬", []string{"エジプト", "Egypt"}, []string{"Египт"}, 0},
	{"🇵🇸", []string{"パレスチナ", "ガザ", "Palestine", "Palestinian", "Gaza"}, []string{"Палестин", "Газ"}, 0},
	{"🇱🇧", []string{"レバノン", "Lebanon"}, []string{"Ливан"}, 0},
	{"🇶🇦", []string{"カタール", "Qatar"}, []string{"Катар"}, 0},
	{"🇦🇪", []string{"アラブ首長国連邦", "UAE"}, []string{"ОАЭ"}, 0},
	{"🇭🇺", []string{"ハンガリー", "Hungary"}, []string{"Венгри"}, 0},
	{"🇷🇸", []string{"セルビア", "Serbia"}, []string{"Серби"}, 0},
	{"🇬🇪", []string{"ジョージア", "Georgia"}, []string{"Грузи"}, 0},
	{"🇦🇲", []string{"アルメニア", "Armenia"}, []string{"Армени"}, 0},
	{"🇦🇿", []string{"アゼルバイジャン", "Azerbaijan"}, []string{"Азербайджан"}, 0},
	{"🇸🇩", []string{"スーダン", "Sudan", "Sudanese"}, []string{"Судан"}, 0},
	{"🇾🇪", []string{"イエメン", "Yemen", "Yemeni"}, []string{"Йемен"}, 0},
	{"🇪🇹", []string{"エチオピア", "Ethiopia", "Ethiopian"}, []string{"Эфиопи"}, 0},
	{"🇳🇬", []string{"ナイジェリア", "Nigeria", "Nigerian"}, []string{"Нигери"}, 0},
	{"🇰🇪", []string{"ケニア", "Kenya", "Kenyan"}, []string{"Кени"}, 0},
	{"🇮🇩", []string{"インドネシア", "Indonesia", "Indonesian"}, []string{"Индонези"}, 0},
	{"🇹🇭", []string{"タイ", "Thailand", "Thai"}, []string{"Таиланд"}, 0},
	{"🇲🇲", []string{"ミャンマー", "Myanmar"}, []string{"Мьянм"}, 0},
	{"🇳🇿", []string{"ニュージーランド", "New Zealand"}, []string{"Зеланди"}, 0},
	{"🇦🇷", []string{"アルゼンチン", "Argentina", "Argentine"}, []string{"Аргентин"}, 0},
	{"🇨🇱", []string{"チリ", "Chile", "Chilean"}, []string{"Чили"}, 0},
	{"🇫🇮", []string{"フィンランド", "Finland"}, []string{"Финлянди"}, 0},
	{"🇸🇪", []string{"スウェーデン", "Sweden"}, []string{"Швеци"}, 0},
	{"🇳🇱", []string{"オランダ", "Netherlands", "Dutch"}, []string{"Нидерланд"}, 0},
	{"🇧🇪", []string{"ベルギー", "Belgium"}, []string{"Бельги"}, 0},
	{"🇪🇸", []string{"スペイン", "Spain", "Spanish"}, []string{"Испани"}, 0},
	{"🇬🇷", []string{"ギリシャ", "Greece", "Greek"}, []string{"Греци"}, 0},
	{"🇻🇪", []string{"ベネズエラ", "Venezuela"}, []string{"Венесуэл"}, 0},
	{"🇨🇺", []string{"キューバ", "Cuba"}, []string{"Куб"}, 0},
	{"🇿🇦", []string{"南アフリカ", "South Africa"}, []string{"ЮАР"}, 0},
	{"🇻🇳", []string{"ベトナム", "Vietnam"}, []string{"Вьетнам"}, 0},
	{"🇵🇭", []string{"フィリピン", "Philippines"}, []string{"Филиппин"}, 0},
	{"🇲🇩", []string{"モルドバ", "Moldova"}, []string{"Молдави", "Молдов"}, 0},
	{"🇷🇴", []string{"ルーマニア", "Romania"}, []string{"Румыни"}, 0},
	{"🇪🇪", []string{"エストニア", "Estonia"}, []string{"Эстони"}, 0},
	{"🇱🇻", []string{"ラトビア", "Latvia"}, []string{"Латви"}, 0},
	{"🇱🇹", []string{"リトアニア", "Lithuania"}, []string{"Литв"}, 0},
}

// shortSuffix are what follows a one-kanji country form when it means the
// country: 米大統領, 露国防省, 独国防相, 宇軍.
var shortSuffix = []string{"大統領", "副大統領", "首相", "外相", "国防相", "国防省", "外務省", "国務省", "国務長官",
	"財務相", "政府", "政権", "軍", "側", "当局", "大使", "紙", "首脳", "両国", "国内", "企業", "産", "製", "・"}

var shortOf = func() map[rune]int {
	m := map[rune]int{}
	for i, c := range countries {
		if c.short != 0 {
			m[c.short] = i
		}
	}
	return m
}()

// topicSuffix after a country name makes it the setting, not an actor:
// ウクライナ情勢, イラン問題.
var topicSuffix = []string{"情勢", "問題", "危機", "紛争", "戦争", "国境", "方面"}

func isTopic(rs []rune, end int) bool {
	rest := string(rs[end:min(len(rs), end+2)])
	for _, s := range topicSuffix {
		if strings.HasPrefix(rest, s) {
			return true
		}
	}
	return false
}

// leadFlags returns the flags of the countries the lead names, then those
// only the headline names, at most max.
func leadFlags(headline, lead string, max int) string {
	f := flags(lead, max)
	seen := map[string]bool{}
	n := 0
	// Split into pairs: a substring test would find 🇦🇷 inside 🇺🇦🇷🇺.
	for _, fl := range splitFlags(f) {
		seen[fl] = true
		n++
	}
	var sb strings.Builder
	sb.WriteString(f)
	for _, fl := range splitFlags(flags(headline, max)) {
		if n >= max {
			break
		}
		if !seen[fl] {
			sb.WriteString(fl)
			seen[fl] = true
			n++
		}
	}
	return sb.String()
}

// splitFlags cuts a string of flags into flags (pairs of regional indicators).
func splitFlags(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i+1 < len(rs); i += 2 {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}

// flags returns the flags of the countries text names, in order of first
// mention, at most max.
func flags(text string, max int) string {
	type hit struct{ at, c int }
	var hits []hit
	first := map[int]int{}
	note := func(at, c int) {
		if old, ok := first[c]; !ok || at < old {
			first[c] = at
		}
	}
	rs := []rune(text)
	cyrillic := false
	for _, r := range rs {
		if unicode.Is(unicode.Cyrillic, r) {
			cyrillic = true
			break
		}
	}
	for ci, c := range countries {
		for _, n := range c.names {
			from := 0
			for {
				at, ok := findWord(rs[from:], n)
				if !ok {
					break
				}
				if !isTopic(rs, from+at+len([]rune(n))) {
					note(from+at, ci)
					break
				}
				from += at + 1
			}
		}
		for _, p := range c.ru {
			if !cyrillic {
				break
			}
			if at, ok := findPrefix(rs, p); ok {
				note(at, ci)
			}
		}
	}
	for i, r := range rs {
		ci, ok := shortOf[r]
		if ok && shortForm(rs, i) {
			note(i, ci)
		}
	}
	for c, at := range first {
		hits = append(hits, hit{at, c})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].at != hits[j].at {
			return hits[i].at < hits[j].at
		}
		return hits[i].c < hits[j].c
	})
	var sb strings.Builder
	for i, h := range hits {
		if i == max {
			break
		}
		sb.WriteString(countries[h.c].flag)
	}
	return sb.String()
}

// shortForm decides whether the one-kanji form at i names its country:
// paired with another form (露米, 日米), after 訪/対/駐 (訪米, 対露), or before
// a title or institution (米大統領, 独国防相). 朝日 and dates (4日米) are not.
func shortForm(rs []rune, i int) bool {
	r := rs[i]
	var prev, next rune
	if i > 0 {
		prev = rs[i-1]
	}
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	if r == '日' && (unicode.IsDigit(prev) || prev == '朝' || prev == '毎' || prev == '本' || prev == '今' || prev == '昨' || prev == '明') {
		return false
	}
	if r == '朝' && (next == '日' || prev == '日' || unicode.IsDigit(prev) || prev == '今' || prev == '毎' || prev == '早') {
		return false // 朝日新聞, 5日朝, 今朝
	}
	if unicode.IsDigit(prev) {
		return false
	}
	if isHan(prev) && prev != '訪' && prev != '対' && prev != '駐' && prev != '在' && prev != '・' {
		if _, ok := shortOf[prev]; !ok {
			return false // part of a longer word: 欧米, 南米, 宇宙
		}
	}
	if _, ok := shortOf[next]; ok && next != r {
		return r != '日' || prev != '曜'
	}
	if _, ok := shortOf[prev]; ok && prev != r {
		return r != '日'
	}
	if r == '日' || r == '中' {
		return prev == '訪' || prev == '対'
	}
	if prev == '訪' || prev == '対' || prev == '駐' {
		return true
	}
	rest := string(rs[i+1:])
	for _, s := range shortSuffix {
		if strings.HasPrefix(rest, s) {
			return true
		}
	}
	return false
}

// findWord yields where w occurs in rs as a whole word: not inside a longer
// katakana run (ロシアゲート is not ロシア) or Latin word.
func findWord(rs []rune, w string) (int, bool) {
	wr := []rune(w)
	if len(wr) == 0 {
		return 0, false
	}
	last := wr[len(wr)-1]
	for i := 0; i+len(wr) <= len(rs); i++ {
		if rs[i] != wr[0] || string(rs[i:i+len(wr)]) != w {
			continue
		}
		end := i + len(wr)
		if isKatakana(wr[0]) && i > 0 && isKatakana(rs[i-1]) || isKatakana(last) && end < len(rs) && isKatakana(rs[end]) {
			continue
		}
		if wr[0] < 0x250 && i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])) ||
			last < 0x250 && end < len(rs) && (unicode.IsLetter(rs[end]) || unicode.IsDigit(rs[end])) {
			continue
		}
		return i, true
	}
	return 0, false
}

// findPrefix finds a Russian word that starts with p.
func findPrefix(rs []rune, p string) (int, bool) {
	pr := []rune(p)
	for i := 0; i+len(pr) <= len(rs); i++ {
		if rs[i] != pr[0] || i > 0 && unicode.IsLetter(rs[i-1]) {
			continue
		}
		if slices.Equal(rs[i:i+len(pr)], pr) {
			return i, true
		}
	}
	return 0, false
}
