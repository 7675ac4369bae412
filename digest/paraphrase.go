package digest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The paraphrase detector tells whether two sentences of a story state the
// same fact in other words (侵攻目的を放棄することはない / 紛争の根本原因を
// 除去する目標は取り下げない), so that a brief never shows both. It is pure
// Go and offline: what each sentence says is reduced to a signature —
// its names (the entity tables, in any script), its quantities (1時間40分
// and "100 minutes" are one), its times, whether it denies, what act it
// reports (a call or a meeting, a hold or a hike, killed or injured), and
// its content words folded across inflections and a small lexicon of news
// synonyms. Two sentences are the same fact when nothing in their
// signatures contradicts (another number, day, country, act or polarity)
// and most of what the shorter one says is in the other.

// factSig is what one sentence states.
type factSig struct {
	nums      map[string]bool // quantities, normalised: "100min", "500", "10%"
	money     map[string]bool // sums of money in one currency's units: "1.71e+10usd"
	times     map[string]bool // when: "day12", "next-week", "thursday"
	neg       bool            // denies or negates its main claim
	past      bool            // sets the scene in the past (先に, Earlier, Ранее): another time than the news
	acts      map[string]bool // act classes with opposites (see actClasses)
	agents    map[string]bool // the countries of its subject, when it opens with one
	countries map[string]bool // every country it names
	adjs      map[string]bool // countries it names by an adjective: whose drones, whose troops
	concepts  map[string]bool // names, lexicon concepts and content words
	grams     map[string]bool // character bigrams, for near-copies
}

// conceptGroups are news words that say the same thing across wording and
// language: each line is one concept, its forms separated by "|". A
// Japanese form matches as a substring; an English or Russian form matches
// the start of a word (so "agree" finds agreed, "договор" договорились).
var conceptGroups = compileGroups(`
phone: 電話|通話|call|phone|spoke|speak|conversation|talk|разговор|звон|созвон|беседа|беседу|телефон
inperson: 対面|直接会|訪問|in person|met |meet|visit|лично|встрет|визит
meeting: 会談|会合|会議|talks|meeting|переговор|саммит|встреч
agree: 合意|一致|同意|agree|deal|договор|соглас|услов
back: 支持|後押し|back|support|endorse|поддерж
exchange: 交換|解放し合|引き渡|swap|exchange|hand over|handed over|обмен|передад|передать
prisoner: 捕虜|prisoner|captive|pow|плен|военноплен
last: 及ん|及び|続い|last|длил|продолжал
abandon: 放棄|取り下げ|譲ら|諦め|abandon|give up|drop|откаж|отступ|отказ
aim: 目的|目標|狙い|aim|goal|objective|цел|задач
date: 日程|日取り|時期|期日|date|schedule|timing|срок|дата
decide: 決まっ|固まっ|確定|決定|set|fixed|decided|определ|согласов|назнач
summit: 首脳会談|会う|summit|meeting|встреч|саммит
stall: 時間稼ぎ|時間を稼|stall|buy time|gain time|ploy|тянет|затягива
accuse: 非難|批判|accuse|criticiz|condemn|обвин|осуд|критик
depth: 深さ|深い|depth|deep|глубин
hold: 据え置|変えな|のまま|維持|kept|keep|held|hold|unchanged|сохран|оставил|без изменений
raise: 引き上げ|利上げ|raise|hike|повыс
cut: 引き下げ|利下げ|削減|減らす|cut|lower|reduce|сниз|сократ
rate: 金利|rate|borrowing cost|ставк
watch: 注視|見守|watch|monitor|следит|наблюда
inform: 知らされ|通告|通知|told|tell|inform|notif|warn|уведом|проинформир
advance: 事前|前もって|in advance|beforehand|заранее
attack: 攻撃|空爆|打撃|attack|strike|struck|raid|удар|атак
killed: 死亡|死者|死去|殺害|killed|dead|death|died|погиб|убит|смерт
injured: けが|負傷|重軽傷|injur|wound|hurt|ранен|пострада
missile: ミサイル|missile|ракет
launch: 発射|撃っ|fire|fired|launch|запуст|выпуст
drone: 無人機|ドローン|drone|uav|беспилот|бпла|дрон
shotdown: 撃墜|撃ち落と|shot down|downed|intercept|сбит|сбил|уничтож
jobs: 従業員|社員|雇用|job|staff|worker|employee|workforce|сотрудник|работник
capture: 制圧|掌握|奪還|解放|capture|seize|took control|занял|освобод|взял
village: 集落|村|village|settlement|населен|село|деревн
attend: 出席|参加|attend|took part|drew|участ|присутств
productive: 生産的|実りある|有意義|productive|fruitful|продуктив|плодотвор
power: 停電|電力|電気|power|electricity|электри|свет
restore: 復旧|回復|戻っ|restor|back on|восстанов
home: 住宅|世帯|家屋|home|house|customer|дом|жил
ready: 備え|用意|ready|prepared|готов
thanks: 謝意|感謝|謝辞|thank|gratitude|grateful|благодар|признательн
settle: 解決|終結|収拾|resolution|resolve|settlement|урегулир
reject: 一蹴|退け|拒否|拒絶|reject|dismiss|refus|отверг|отклон
propose: 提案|呼びかけ|propos|offer|предлож
ceasefire: 停戦|休戦|ceasefire|truce|перемир|прекращение огня
supply: 供与|供給|supply|deliver|постав
weapon: 武器|兵器|weapon|arms|оруж
terror: テロ|terror|террор|теракт
port: 港|port|порт
bridge: 橋|bridge|мост
traffic: 通行|traffic|движен|проезд
close: 止め|閉鎖|規制|closed|close|halt|перекр|приостанов|прекращ
blast: 爆発|blast|explosion|взрыв
contact: 接触|連絡|対話|contact|in touch|keep talking|контакт|связ
continue: 続け|継続|continue|keep|продолж|дальше
discuss: 議論|協議|話し合|discuss|обсужд|говорил
memorandum: 覚書|memorandum|меморандум
leader: 大統領|首脳|president|leader|президент|лидер
foreignminister: 外相|foreign minister|мид|министр иностранных
defenseminister: 国防相|国防担当|defense minister|defence minister|министр обороны|оборонных ведомств
country: か国|カ国|国から|countries|nations|стран|государств
tornado: 竜巻|tornado|торнадо
earthquake: 地震|震源|earthquake|quake|землетрясен
hour: 時間|hour|час
rise: 上昇|値上がり|上がっ|増加|rose|rise|rising|climb|gain|вырос|подорож
fall: 下落|値下がり|下がっ|減少|fell|fall|drop|declin|slid|упал|подешев|снизил
night: 夜|未明|night|overnight|ночь|ночью
morning: 午前|朝|morning|утр
evening: 夕方|夜|evening|вечер
`)

// actClasses are acts that exclude each other when both sentences report
// one of the same class: a call is no meeting, a hold no hike.
var actClasses = map[string]string{
	"phone": "contact", "inperson": "contact",
	"rise": "move", "fall": "move",
	"hold": "rate", "raise": "rate", "cut": "rate",
	"propose": "offer", "reject": "offer",
}

// casualties: a sentence about deaths and one about injuries, or one about
// neither, tell different facts even with one number.
var casualties = []string{"killed", "injured"}

// conceptForms are the lexicon's forms by their first rune: a sentence is
// read once, each place tried only with the forms that can start there.
var conceptForms = func() map[rune][]conceptForm {
	m := map[rune][]conceptForm{}
	for gi, g := range conceptGroups {
		for _, f := range g.forms {
			r, _ := utf8.DecodeRuneInString(f.s)
			m[r] = append(m[r], conceptForm{gi, f})
		}
	}
	return m
}()

// conceptForm is one form of conceptGroups[group].
type conceptForm struct {
	group int
	form  lexForm
}

// jaLexicon holds the lexicon's Japanese forms, to tell a word it knows.
var jaLexicon = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range conceptGroups {
		for _, f := range g.forms {
			if !f.word {
				m[f.s] = true
			}
		}
	}
	return m
}()

type conceptGroup struct {
	id    string
	forms []lexForm
}

// lexForm is one form of a concept; a Latin or Cyrillic one matches at the
// start of a word only (so "cut" is not found in "execute").
type lexForm struct {
	s    string
	word bool
}

func compileGroups(spec string) []conceptGroup {
	var out []conceptGroup
	for _, row := range strings.Split(strings.TrimSpace(spec), "\n") {
		id, forms, _ := strings.Cut(row, ": ")
		g := conceptGroup{id: id}
		for _, f := range strings.Split(forms, "|") {
			f = strings.ToLower(f)
			r, _ := utf8.DecodeRuneInString(f)
			g.forms = append(g.forms, lexForm{s: f, word: r < 0x80 || unicode.Is(unicode.Cyrillic, r)})
		}
		out = append(out, g)
	}
	return out
}

var (
	// Negation outside quotations: ない/なかった/ず, not/no/never/n't, не/нет;
	// a denial negates its claim. 少なくとも, "no fewer than", "не менее" do
	// not.
	enNegRe = regexp.MustCompile(`(?i)\b(?:not|never|no|none|nothing|without|den(?:y|ied|ies))\b|n't\b`)
	ruNegRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:не|нет|ни|без|никак\p{L}*)(?:[^\p{L}]|$)|отрица`)
	// Not negation: "no fewer than", "not only", "не менее", "не только".
	negExceptRe = mustGate(`\bno (?:fewer|more|less) than\b|\bnot only\b|не (?:менее|более|только)|少なくとも`)

	// Quantities. Durations become minutes; shares become percent.
	// (Matched against the text in lower case, gated: they run on every
	// line compared.)
	jaDurationRe = mustGate(`(\d+)時間(?:(\d+)分)?|(\d+)分`)
	enDurationRe = mustGate(`\b(an|one|two|three|\d+) hours?(?: and (?:a )?(\w+)(?: minutes?)?)?|\b(\d+|\w+) minutes\b|\bhalf an hour\b`)
	// Longer spans become days: "42 days" and "six weeks" are one truce.
	enDaysRe = mustGate(`\b(\d+|\w+)(?: more| further| additional)? (days?|weeks?)\b`)
	ruDaysRe = mustGate(`(\d+|\p{L}+) (д(?:ень|ня|ней)|недел\p{L}*)`)
	// Counts given in thousands or millions, with what they count ("4,2
	// тыс. частных домов", "more than 4 thousand homes"): reports round
	// them, so they meet within numberSlack when the thing counted is one.
	roundCountRe = mustGate(`(\d+(?:[.,]\d+)?)\s?(тыс\.|тысяч\p{L}*|млн|миллион\p{L}*|thousand|million)\s+(?:\p{L}+\s+)?(\p{L}{3,})`)
	ruDurationRe = mustGate(`(\d+|\p{L}+) час\p{L}*(?: (\d+|\p{L}+) минут\p{L}*)?|(\d+|\p{L}+) минут`)
	percentRe    = mustGate(`(\d+(?:[.,]\d+)?)\s*(?:%|％|パーセント|percent|процент)|(\d+)割|one in (ten|five|four|three|two)`)
	// eachRe is a number each side gives or takes: 150人ずつ, それぞれ150人,
	// 500 prisoners each, 500 a side, each hand over 500, 500-for-500, по
	// 150, 500 на 500.
	eachRe = mustGate(`(\d+)人?ずつ|それぞれ(\d+)|(\d+)(?: \p{L}+)? (?:each|a side|apiece)|\beach (?:\p{L}+ ){0,2}(\d+)|(\d+)-for-\d+|по (\d+)|(\d+) на \d+`)
	numRe  = regexp.MustCompile(`\d+(?:[.,]\d{3})*(?:\.\d+)?`)
	dayRe  = regexp.MustCompile(`(\d{1,2})日`)
)

// Number words of the three languages, for quantities written out.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
	"an": 1, "a": 1, "half": 30,
	"один": 1, "одного": 1, "два": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4, "четверо": 4, "пять": 5,
	"десять": 10, "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "тридцать": 30, "сорок": 40, "сорока": 40,
	"пятьдесят": 50, "сто": 100,
}

// Times a fact is tied to; two facts at different times are two facts.
var timeWords = compileGroups(`
next-week: 来週|next week|на следующей неделе|следующей неделе
last-week: 先週|last week|на прошлой неделе
next-month: 来月|next month|в следующем месяце
last-month: 先月|last month|в прошлом месяце
plan: 予定|予定だ|is to|will |состоится|планиру
monday: 月曜|monday|понедельник
tuesday: 火曜|tuesday|вторник
wednesday: 水曜|wednesday|сред
thursday: 木曜|thursday|четверг
friday: 金曜|friday|пятниц
saturday: 土曜|saturday|суббот
sunday: 日曜|sunday|воскресен
`)

// newFactSig reads what one sentence states.
func newFactSig(s, lang string) *factSig {
	f := factSigOf(s, lang, background(s) >= bgSetting)
	f.grams = shingles(s, lang)
	return f
}

// factSigOf is newFactSig for a sentence already graded as background,
// without its shingles (the caller has them).
func factSigOf(s, lang string, past bool) *factSig {
	f := &factSig{nums: map[string]bool{}, money: map[string]bool{}, times: map[string]bool{}, acts: map[string]bool{}, countries: map[string]bool{}, adjs: map[string]bool{}, agents: map[string]bool{}, concepts: map[string]bool{}}
	low := fold(s) // folded is lower case
	own := unquoted(low)
	f.neg = negated(own, lang)
	f.past = past
	f.quantities(low)
	f.sums(low)
	for _, g := range timeWords {
		if hasForm(low, g.forms) {
			f.times[g.id] = true
		}
	}
	for _, m := range dayRe.FindAllStringSubmatch(low, -1) {
		f.times["day"+m[1]] = true
	}
	covered := make([]bool, len(low))
	for at, r := range low {
		for _, cf := range conceptForms[r] {
			if !strings.HasPrefix(low[at:], cf.form.s) || cf.form.word && letterBefore(low, at) {
				continue
			}
			id := conceptGroups[cf.group].id
			f.concepts[id] = true
			for k := at; k < at+len(cf.form.s); k++ {
				covered[k] = true
			}
			if _, ok := actClasses[id]; ok || slices.Contains(casualties, id) {
				f.acts[id] = true
			}
		}
	}
	var names []string
	for _, m := range mentionsIn(s) {
		if m.Kind == asQualifier {
			continue
		}
		names = append(names, strings.ToLower(fold(s[m.Start:m.End])))
		f.concepts["@"+m.Key] = true
		if m.Country != "" {
			f.concepts["@"+m.Country] = true
			f.countries[m.Country] = true
			if m.Kind == byAdjective {
				f.adjs[m.Country] = true
			}
		}
	}
	if f.concepts["meeting"] && !f.concepts["phone"] {
		f.acts["inperson"] = true // talks with no phone are held in person
	}
	if f.concepts["exchange"] {
		// Two sides exchanging N each exchange 2N in all: "それぞれ150人が
		// 解放" and "計300人の捕虜を交換" are one swap; "150人ずつ" and
		// "計150人" are two.
		for _, m := range eachRe.FindAllStringSubmatch(low, -1) {
			n := strings.Join(m[1:], "") // the one group that matched
			delete(f.nums, n)
			f.nums[strconv.Itoa(2*atoi(n))] = true
		}
	}
	subjectCountries(s, lang, f.agents)
	// Content words the lexicon does not cover count as themselves; an
	// English or Russian capitalised word inside a sentence is a name.
	for _, t := range contentWords(s, low, lang) {
		if isDigitWord(strings.TrimPrefix(t, "@")) {
			continue
		}
		if i := strings.Index(low, t); i >= 0 && i < len(covered) && covered[i] {
			continue
		}
		if lang == "ja" {
			// A run holding a name is the name's ("露大統領", "トランプ"):
			// what is left of it, if anything, is a word.
			for _, n := range names {
				t = strings.ReplaceAll(t, n, "")
			}
			if utf8.RuneCountInString(t) < 2 || jaLexicon[t] {
				continue
			}
		}
		f.concepts[t] = true
	}
	for n := range f.nums {
		f.concepts["#"+n] = true
	}
	return f
}

// contentWords are the words of s (low: its folded form) for comparing
// facts: English and Russian words as terms gives them (stemmed, stop words
// out), Japanese runs of kanji and of katakana whole (記者会見 is one word,
// not three bigrams that would make any two sentences of a press
// conference alike).
func contentWords(s, low, lang string) []string {
	if lang != "ja" {
		var out []string
		for i, w := range strings.Fields(s) {
			t := wordToken(w, lang)
			if t == "" {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "«\"“(")); i > 0 && unicode.IsUpper(r) {
				t = "@" + t
			}
			out = append(out, t)
		}
		return out
	}
	var out []string
	rs := []rune(low)
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isHan(rs[i]):
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
		case isKatakana(rs[i]):
			for j < len(rs) && isKatakana(rs[j]) {
				j++
			}
		default:
			i = j
			continue
		}
		if j-i >= 2 {
			out = append(out, string(rs[i:j]))
		}
		i = j
	}
	return out
}

func isDigitWord(t string) bool {
	_, err := strconv.Atoi(t)
	return err == nil
}

// jaNegated reports Japanese negation: な before い, かっ or く (not the
// 少な of 少なくとも), ず before に, の, 、 or 。, ません, 否定, 否認. Runes are
// read once: it runs on every sentence compared.
func jaNegated(s string) bool {
	if strings.Contains(s, "ません") || strings.Contains(s, "否定") || strings.Contains(s, "否認") {
		return true
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		switch rs[i] {
		case 'な':
			if rs[i-1] != '少' && (rs[i+1] == 'い' || rs[i+1] == 'く' || rs[i+1] == 'か' && i+2 < len(rs) && rs[i+2] == 'っ') {
				return true
			}
		case 'ず':
			if strings.ContainsRune("にの、。", rs[i+1]) {
				return true
			}
		}
	}
	return false
}

// negated reports whether a sentence's own words negate.
func negated(own, lang string) bool {
	own = negExceptRe.ReplaceAllString(own, " ")
	switch lang {
	case "ja":
		return jaNegated(own)
	case "ru":
		return ruNegRe.MatchString(own)
	}
	return enNegRe.MatchString(own)
}

// quantities fills f.nums from the text in lower case.
func (f *factSig) quantities(low string) {
	rest := low
	for _, m := range jaDurationRe.FindAllStringSubmatch(low, -1) {
		if m[1] != "" {
			f.nums[strconv.Itoa(atoi(m[1])*60+atoi(m[2]))+"min"] = true
		} else {
			f.nums[m[3]+"min"] = true
		}
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	for _, m := range enDurationRe.FindAllStringSubmatch(low, -1) {
		switch {
		case m[0] == "half an hour":
			f.nums["30min"] = true
		case m[1] != "":
			f.nums[strconv.Itoa(wordNum(m[1])*60+wordNum(m[2]))+"min"] = true
		default:
			f.nums[strconv.Itoa(wordNum(m[3]))+"min"] = true
		}
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	for _, m := range ruDurationRe.FindAllStringSubmatch(low, -1) {
		switch h := wordNum(m[1]); {
		case m[1] == "":
			f.nums[strconv.Itoa(wordNum(m[3]))+"min"] = true
		case h == 0: // "около часа": an hour
			f.nums[strconv.Itoa(60+wordNum(m[2]))+"min"] = true
		default:
			f.nums[strconv.Itoa(h*60+wordNum(m[2]))+"min"] = true
		}
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	for _, m := range roundCountRe.FindAllStringSubmatch(rest, -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
		if err != nil {
			continue
		}
		if strings.HasPrefix(m[2], "млн") || strings.HasPrefix(m[2], "милл") || m[2] == "million" {
			v *= 1000
		}
		f.nums[strconv.FormatFloat(v, 'f', -1, 64)+"k:"+string([]rune(m[3])[:3])] = true
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	for _, re := range []*gated{enDaysRe, ruDaysRe} {
		for _, m := range re.FindAllStringSubmatch(rest, -1) {
			n := wordNum(m[1])
			if n == 0 {
				continue
			}
			if strings.HasPrefix(m[2], "week") || strings.HasPrefix(m[2], "недел") {
				n *= 7
			}
			f.nums[strconv.Itoa(n)+"days"] = true
			rest = strings.Replace(rest, m[0], " ", 1)
		}
	}
	for _, m := range percentRe.FindAllStringSubmatch(rest, -1) {
		switch {
		case m[1] != "":
			f.nums[strings.ReplaceAll(m[1], ",", ".")+"%"] = true
		case m[2] != "":
			f.nums[strconv.Itoa(atoi(m[2])*10)+"%"] = true
		default:
			f.nums[strconv.Itoa(100/wordNum(m[3]))+"%"] = true
		}
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	rest = dayRe.ReplaceAllString(rest, " ")
	for _, n := range numRe.FindAllString(rest, -1) {
		f.nums[strings.ReplaceAll(n, ",", "")] = true
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '-' }) {
		if v, ok := numberWords[w]; ok && v > 1 && len(w) > 2 {
			f.nums[strconv.Itoa(v)] = true
		}
	}
}

// sums fills f.money from the text in lower case: 171億ドル, 1兆3000億円,
// $17.1 billion and 17,1 млрд долларов are each one sum, in the units of
// its currency, so that one figure told in two languages meets.
func (f *factSig) sums(low string) {
	low = thousandsRe.ReplaceAllString(thousandsRe.ReplaceAllString(low, "$1$2"), "$1$2") // twice: 1,000,000
	for _, m := range jaMoneyRe.FindAllStringSubmatch(low, -1) {
		v := 0.0
		for k, mult := range []float64{1e12, 1e8, 1e4, 1} {
			if m[k+1] != "" {
				x, _ := strconv.ParseFloat(m[k+1], 64)
				v += x * mult
			}
		}
		if v > 0 {
			f.money[strconv.FormatFloat(roundFigure(v), 'g', -1, 64)+currencyOf(m[5])] = true
		}
	}
	for _, re := range []*gated{enMoneyRe, enMoneyWordRe, ruMoneyRe} {
		for _, m := range re.FindAllStringSubmatch(low, -1) {
			x, _ := strconv.ParseFloat(strings.ReplaceAll(m[2], ",", "."), 64)
			if x > 0 {
				if sc, _ := scaleAt(m[3], 0); sc > 0 {
					x *= sc
				}
				f.money[strconv.FormatFloat(roundFigure(x), 'g', -1, 64)+currencyOf(m[1]+m[4])] = true
			}
		}
	}
}

var (
	thousandsRe = regexp.MustCompile(`(\d),(\d{3})`)
	jaMoneyRe   = mustGate(`(?:(\d+(?:\.\d+)?)兆)?(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)万)?(\d+(?:\.\d+)?)?(ドル|円|ユーロ|元|ポンド|ルーブル)`)
	// Each of enMoneyRe, enMoneyWordRe and ruMoneyRe: the currency before
	// the sum, the sum, its scale, the currency after it.
	enMoneyRe     = mustGate(`(\$|€|£)\s?(\d+(?:\.\d+)?)\s*(trillion|billion|million|bn)?()`)
	enMoneyWordRe = mustGate(`()(\d+(?:\.\d+)?)\s*(trillion|billion|million)?\s*(dollars|euros|yen|roubles|rubles|pounds|yuan)`)
	ruMoneyRe     = mustGate(`()(\d+(?:[.,]\d+)?)\s*(трлн\.?|триллион\p{L}*|млрд\.?|миллиард\p{L}*|млн\.?|миллион\p{L}*|тыс\.?|тысяч\p{L}*)?\s*(долл|руб|евро|иен|юан|фунт)`)
)

// currencyOf is the code of a currency word (ドル, dollars, долл).
func currencyOf(w string) string {
	for _, c := range currencies {
		if strings.HasPrefix(w, c.word) || strings.HasPrefix(c.word, w) {
			return c.code
		}
	}
	return w
}

// wordNum is a number written in digits or words; 0 for neither.
func wordNum(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return numberWords[s]
}

// hasForm reports whether text holds one of forms.
func hasForm(text string, forms []lexForm) bool {
	for _, f := range forms {
		if len(formIndexes(text, f)) > 0 {
			return true
		}
	}
	return false
}

// formIndexes are the byte offsets where form occurs in text.
func formIndexes(text string, form lexForm) []int {
	var out []int
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], form.s)
		if i < 0 {
			break
		}
		at := off + i
		if !form.word || !letterBefore(text, at) {
			out = append(out, at)
		}
		off = at + len(form.s)
	}
	return out
}

// letterBefore: the rune before byte at is a Latin or Cyrillic letter.
func letterBefore(text string, at int) bool {
	p, _ := utf8.DecodeLastRuneInString(text[:at])
	return p >= 'a' && p <= 'z' || p >= 'а' && p <= 'я' || p == 'ё'
}

// subjectCountries adds to into the countries of the subject a sentence
// opens with: its Japanese topic, or the run of names an English or Russian
// sentence starts with ("Ukraine's air force said…", "U.S. President
// Donald Trump and Russian President Vladimir Putin spoke…").
func subjectCountries(s, lang string, into map[string]bool) {
	head := s
	if lang == "ja" {
		head = jaTopic(s)
	} else {
		run := leadingNames(s)
		// "Egypt and Qatar said Monday that Israel and Hamas had agreed…":
		// the mediators tell; who acts is the reported clause's subject.
		rest := strings.TrimSpace(s[len(strings.Join(run, " ")):])
		if m := saidThatRe.FindStringSubmatch(rest); m != nil {
			if inner := leadingNames(m[1]); len(inner) > 0 {
				run = inner
			}
		}
		head = strings.Join(run, " ")
	}
	for _, m := range mentionsIn(head) {
		if m.Country != "" && m.Kind != asQualifier && m.Kind != asTopic {
			into[m.Country] = true
		}
	}
}

// sameFact reports two sentences that state the same fact.
func sameFact(a, b *factSig) bool {
	if contradicts(a, b) {
		return false
	}
	if overlap(a.grams, b.grams) >= copyShare {
		return true
	}
	share, n := conceptShare(a, b)
	return share >= sameShare && n >= minShared
}

const (
	// copyShare: two sentences sharing this much of the shorter one's
	// character bigrams are one text edited, whatever else differs.
	copyShare = 0.8
	// sameShare: the share of the smaller signature's telling concepts
	// found in the other at which two sentences that contradict in nothing
	// say the same. On the hand-labelled pairs of
	// testdata/brief/paraphrase.tsv, pairs that pass the contradiction
	// checks are nearly all the same fact; half their concepts shared is
	// where the few that are not fall away.
	sameShare = 0.5
	// minShared: two short sentences sharing one or two words ("…と述べた"
	// about the same talks) have not yet said the same thing.
	minShared = 3
)

// contradicts: the signatures disagree on a number, a time, a country,
// the act or its polarity.
func contradicts(a, b *factSig) bool {
	if len(a.nums) > 0 && len(b.nums) > 0 && !numbersMeet(a.nums, b.nums) {
		return true
	}
	if len(a.countries) > 0 && len(b.countries) > 0 && disjoint(a.countries, b.countries) {
		return true
	}
	return opposes(a, b)
}

// opposes: the signatures disagree on polarity, time, who acts or the act
// itself. Unlike another number (150 each, 300 in all) or another country
// named, these never hold for two wordings of one fact.
func opposes(a, b *factSig) bool {
	if a.neg != b.neg || a.past != b.past {
		return true
	}
	if len(a.times) > 0 && len(b.times) > 0 && disjoint(a.times, b.times) {
		return true
	}
	if len(a.agents) > 0 && len(b.agents) > 0 && disjoint(a.agents, b.agents) {
		return true
	}
	if len(a.adjs) > 0 && len(b.adjs) > 0 && disjoint(a.adjs, b.adjs) {
		return true
	}
	for x := range a.acts {
		for y := range b.acts {
			if x != y && actClasses[x] != "" && actClasses[x] == actClasses[y] && !b.acts[x] && !a.acts[y] {
				return true
			}
		}
	}
	for _, c := range casualties {
		if a.acts[c] != b.acts[c] {
			return true
		}
	}
	return false
}

// numbersMeet reports two sets of quantities that share one: the same
// number, or the same duration or share within numberSlack ("more than an
// hour and a half" and "about an hour and forty minutes" are one call).
func numbersMeet(x, y map[string]bool) bool {
	for a := range x {
		for b := range y {
			if a == b {
				return true
			}
			ua, ub := strings.TrimLeft(a, "0123456789."), strings.TrimLeft(b, "0123456789.")
			if ua != ub || ua == "" {
				continue
			}
			va, _ := strconv.ParseFloat(strings.TrimSuffix(a, ua), 64)
			vb, _ := strconv.ParseFloat(strings.TrimSuffix(b, ub), 64)
			if d := va - vb; d*d <= numberSlack*numberSlack*max(va, vb)*max(va, vb) {
				return true
			}
		}
	}
	return false
}

// sharedMeasure reports two sentences that give the same duration or the
// same sum of money at the same time and of the same side ("lasted about
// an hour and forty minutes", "会談は約1時間40分に及んだ"; "売上高は171億
// ドルと…上回った", "売上高が21%増の171億ドルだった"): whatever else each
// says, one of them repeats that fact. A share is no such mark: a rate of
// 0.75% is held, raised to, proposed; nor is a window two sides report on
// ("過去24時間").
func sharedMeasure(a, b *factSig) bool {
	durations := func(m map[string]bool) map[string]bool {
		out := map[string]bool{}
		for k := range m {
			if strings.HasSuffix(k, "min") || strings.HasSuffix(k, "days") || strings.Contains(k, "k:") {
				out[k] = true
			}
		}
		return out
	}
	ma, mb := durations(a.nums), durations(b.nums)
	sameTime := a.past == b.past && (len(a.times) == 0 || len(b.times) == 0 || !disjoint(a.times, b.times))
	sameActor := len(a.agents) == 0 || len(b.agents) == 0 || !disjoint(a.agents, b.agents)
	sameSum := !disjoint(a.money, b.money)
	return (len(ma) > 0 && len(mb) > 0 && numbersMeet(ma, mb) || sameSum) && sameTime && sameActor
}

// numberSlack: reports round a duration or a share ("more than", "about",
// 約); counts of people or things they give exactly.
const numberSlack = 0.12

func disjoint(x, y map[string]bool) bool {
	for k := range x {
		if y[k] {
			return false
		}
	}
	return true
}

// conceptShare is the share of the smaller signature's telling concepts
// the other holds, and how many concepts they share, counting the people
// and bodies both name. Names do not make the share (facts about the same
// people differ in what they say, and one names by a title whom the other
// names by name), nor do the words every report of an event repeats (a
// call, a meeting, the leaders).
func conceptShare(a, b *factSig) (float64, int) {
	share, n, names := conceptOverlap(a, b)
	return share, n + names
}

// conceptOverlap is conceptShare with the telling concepts and the names
// both hold counted apart.
func conceptOverlap(a, b *factSig) (share float64, shared, names int) {
	tells := func(k string) bool { return !strings.HasPrefix(k, "@") && !eventWords[k] }
	count := func(m map[string]bool) int {
		n := 0
		for k := range m {
			if tells(k) {
				n++
			}
		}
		return n
	}
	x, y := a.concepts, b.concepts
	if count(x) > count(y) {
		x, y = y, x
	}
	total, n, names := 0, 0, 0
	for k := range x {
		switch {
		case tells(k):
			total++
			if y[k] {
				n++
			}
		case y[k] && strings.HasPrefix(k, "@") && !isCountryKey(k):
			names++
		}
	}
	if total == 0 {
		return 0, 0, names
	}
	return float64(n) / float64(total), n, names
}

// isCountryKey: "@RU", not "@putin" or "@nato".
func isCountryKey(k string) bool {
	return len(k) == 3 && k[1] >= 'A' && k[1] <= 'Z' && k[2] >= 'A' && k[2] <= 'Z'
}

// telling counts a signature's telling concepts: "プーチン露大統領とトラン
// プ米大統領が電話で会談した" has none beyond its names and the event.
func telling(f *factSig) int {
	n := 0
	for k := range f.concepts {
		if !strings.HasPrefix(k, "@") && !eventWords[k] {
			n++
		}
	}
	return n
}

// eventWords are concepts every report of an event shares: they tell one
// fact of it from another no more than its names do.
var eventWords = map[string]bool{"phone": true, "meeting": true, "leader": true, "country": true, "hour": true, "night": true, "morning": true, "evening": true}

// leadingNames are the capitalised words a sentence opens with, joined by
// "and", "of", "и": its subject when it is a name.
func leadingNames(s string) []string {
	var run []string
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "and" && w != "of" && w != "и" {
			break
		}
		run = append(run, w)
	}
	return run
}

// saidThatRe is a verb of saying that frames a reported clause ("said on
// Monday that …", "заявили в понедельник, что …"), the clause captured.
var saidThatRe = regexp.MustCompile(`^(?:said|say|says|announced|stated|confirmed|заявил\p{L}*|сообщил\p{L}*|сказал\p{L}*|подтвердил\p{L}*)(?:\s+[^\s,]+){0,3}?,?\s+(?:that|что)\s+(.+)`)
