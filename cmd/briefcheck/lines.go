package main

import (
	"regexp"
	"strings"
	"unicode"
)

// jaSpeakerRe finds who speaks in a Japanese line: a title, an office or an
// organisation word followed by a particle, a colon or the line's end; a
// katakana name of three or more before は/が/も/氏; a 🗣️ mark; an upper-case
// acronym that names a body (NATO, JAXA). 同氏 and 彼 name nobody.
var jaSpeakerRe = regexp.MustCompile(`(氏|さん|大統領|首相|長官|報道官|補佐官|\p{Han}相|\p{Han}長|知事|総長|理事長|理事|議員|大臣|司令官|代表|団長|総裁|議長|社長|会長|教皇|市長|監督|書記|次官|大使|特使|首脳|当局者|当局|政府|関係者|専門家|高官|幹部|委員長|委員|[省庁軍局党紙府]|通信|政権|機構|本部|事務所|同盟|連合)(は|が|も|の|に|側|、|：|:|＝|=|）|\)|\s|$|によると|によれば|によりますと)` +
	`|\p{Katakana}[\p{Katakana}ー・]{2,}(は|が|も|氏|：|:)|[\p{Han}\p{Katakana}]側(は|が|も|によると|、)|🗣|\b(NATO|JAXA|EU|IAEA|WHO|UN|FRB|USTR|OPEC|SBU|IMF)\b`)

// enRoles and ruRoles are words that name a speaker by office or body
// (Russian as stems).
var enRoles = map[string]bool{
	"president": true, "minister": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"secretary": true, "governor": true, "official": true, "officials": true, "ministry": true, "government": true,
	"chief": true, "leader": true, "aide": true, "envoy": true, "ambassador": true, "general": true,
	"commander": true, "mayor": true, "senator": true, "lawmaker": true, "police": true, "army": true,
	"military": true, "navy": true, "agency": true, "company": true, "kremlin": true, "pentagon": true,
	"authorities": true, "prosecutor": true, "prosecutors": true, "court": true, "judge": true, "ceo": true,
	"chairman": true, "director": true, "analyst": true, "expert": true, "resident": true, "witness": true,
	"spokesmen": true, "administration": true, "embassy": true, "council": true, "lawyer": true,
	"artist": true, "magazine": true, "newspaper": true, "firm": true, "group": true, "union": true,
	"party": true, "campaigner": true, "critic": true, "researcher": true, "scientist": true, "doctor": true,
	"statement": true, "report": true, "study": true, "manager": true, "executive": true, "founder": true,
	"coach": true, "player": true, "organiser": true, "organizer": true, "spokeswomen": true, "bank": true,
}

var ruRoles = []string{"президент", "министр", "глав", "пресс-секретар", "представител", "помощник", "посол",
	"губернатор", "мид", "кремл", "ведомств", "министерств", "правительств", "власт", "спикер", "депутат",
	"генсек", "командующ", "директор", "председател", "премьер", "канцлер", "мэр", "источник", "эксперт",
	"аналитик", "лидер", "собеседник", "посольств", "штаб", "минобороны"}

// notNames are capitalised words that name nobody: articles, pronouns,
// connectives, weekdays and months.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an but and or in on at for with from to of as by he she it they we i you
		this that these those his her their its our my then also however still so if when while after before
		asked according there here what why how
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july
		august september october november december
		он она оно они это эта этот эти в во на по с со к ко о об и а но как так также мы я вы его её ее их
		при для из за от до после перед что когда если уже ещё еще там тогда однако`) {
		notNames[w] = true
	}
}

// speakerIn returns who the line names as speaking, outside its
// quotations (and the outlet a brief appends), or "".
func speakerIn(s string) string {
	own := unquote(trimAttribution(s), " , ")
	if scriptOf(s) == "ja" {
		own = strings.NewReplacer("同氏", "", "彼女", "", "彼ら", "", "彼", "").Replace(own)
		return jaSpeakerRe.FindString(own)
	}
	// With a verb of saying, the speaker stands in its clause ("…," he
	// added, when asked about Zelenskyy's offer: nobody); without one, any
	// name or office outside the quotation speaks ("Rutte on NATO: …").
	clauses := strings.FieldsFunc(own, func(r rune) bool { return strings.ContainsRune(",;:.—–()«»\"“”", r) })
	for i, c := range clauses {
		if !saysRe.MatchString(c) {
			continue
		}
		// "…," he wrote on his Telegram channel: a pronoun speaks, nobody
		// is named, whatever capitals follow.
		if pronounSpeaks(c) {
			continue
		}
		if w := nameIn(c); w != "" {
			return w
		}
		// "…," said one of their lawyers, Michalis Dimitrakopoulos: the name
		// in apposition.
		if i+1 < len(clauses) {
			if next := strings.Fields(clauses[i+1]); len(next) > 0 && nameIn(next[0]) != "" {
				return next[0]
			}
		}
	}
	if saysRe.MatchString(own) {
		return ""
	}
	return nameIn(own)
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "он": true, "она": true, "они": true}

// pronounSpeaks reports whether a pronoun stands right before or after the
// clause's verb of saying.
func pronounSpeaks(clause string) bool {
	ws := strings.Fields(strings.ToLower(clause))
	for k, w := range ws {
		if !saysRe.MatchString(w) {
			continue
		}
		return k > 0 && pronouns[ws[k-1]] || k+1 < len(ws) && pronouns[ws[k+1]]
	}
	return false
}

// saysRe are English and Russian verbs of saying.
var saysRe = regexp.MustCompile(`(?i)\b(said|says|say|told|tells|added|adds|wrote|writes|posted|stated|declared|according|noted|insisted|warned|replied|explained|argued|claimed|announced|tweeted|remarked)\b|` +
	`(сказал|заявил|отметил|добавил|подчеркнул|сообщил|написал|пояснил|ответил|по словам|уточнил|цитирует|считает|признал)`)

// nameIn returns the first name (a capitalised word that is no article,
// pronoun, weekday or month) or office word of s, or "".
func nameIn(s string) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\''
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		lw := strings.ToLower(w)
		if w == "" || notNames[lw] {
			continue
		}
		if enRoles[lw] || enRoles[strings.TrimSuffix(lw, "s")] {
			return w
		}
		for _, role := range ruRoles {
			if strings.HasPrefix(lw, role) {
				return w
			}
		}
		if unicode.IsUpper([]rune(w)[0]) {
			return w
		}
	}
	return ""
}

// jaOpeners are openings that lean on the line before: connectives,
// pronouns and 同- back-references. jaNotOpeners look like them but stand
// alone (これまで, それぞれ, 同盟).
var (
	jaOpeners = []string{"そのうえで", "その上で", "これに対して", "これに対し", "これに先立ち", "このため", "そのため",
		"このほか", "その後", "この中で", "また", "一方", "さらに", "ただし", "ただ", "しかし", "だが", "なお", "そして",
		"それでも", "だから", "なぜなら", "結局", "加えて", "続いて", "次いで", "彼女", "彼ら", "彼", "それ", "これ", "こうした",
		"この", "その", "あの", "こう"}
	jaNotOpeners = []string{"これまで", "それぞれ", "このまま", "その他"}
	jaSameRe     = regexp.MustCompile(`^同(氏|省|社|国|庁|日|紙|局|軍|州|市|党|時に|様に|機|船|大統領|首相|長官|報道官|知事|会議|グループ|防衛|協定|政権|議長|委員会|銀行|行|地域|村|町|部隊)`)
	enOpeners    = map[string]bool{"he": true, "she": true, "they": true, "it": true, "this": true, "that": true,
		"these": true, "those": true, "his": true, "her": true, "their": true, "its": true, "but": true, "and": true,
		"also": true, "however": true, "so": true, "yet": true, "then": true, "still": true, "instead": true,
		"moreover": true, "furthermore": true, "besides": true}
	ruOpeners = []string{"кроме того", "при этом", "об этом", "в свою очередь", "он", "она", "оно", "они", "это",
		"этот", "эта", "эти", "его", "её", "ее", "их", "им", "ему", "ей", "там", "тогда", "также", "однако", "но",
		"а", "и", "поэтому", "так", "этим"}
)

// opener returns the connective or pronoun a line opens with, or "".
func opener(s string) string {
	s = strings.TrimSpace(s)
	switch scriptOf(s) {
	case "ja":
		for _, n := range jaNotOpeners {
			if strings.HasPrefix(s, n) {
				return ""
			}
		}
		for _, o := range jaOpeners {
			if strings.HasPrefix(s, o) {
				return o
			}
		}
		return jaSameRe.FindString(s)
	case "ru":
		ls := strings.ToLower(s)
		for _, o := range ruOpeners {
			if rest, ok := strings.CutPrefix(ls, o); ok && (rest == "" || !unicode.IsLetter([]rune(rest)[0])) {
				return s[:len(o)]
			}
		}
	default:
		ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
		if len(ws) > 1 && strings.EqualFold(ws[0], "so") && ws[1] == "far" {
			return "" // "So far, …" is an adverb of time
		}
		if len(ws) > 0 && enOpeners[strings.ToLower(ws[0])] {
			return ws[0]
		}
	}
	return ""
}

// missingSubject returns why a line does not read alone, or "": it opens
// with a connective or pronoun, or (Japanese) no noun marked by は, が, も
// or では stands in its first clause, or (English, Russian) it starts in
// lower case, the tail of a sentence or a list item cut from its head.
func missingSubject(s string) string {
	s = trimAttribution(s)
	if o := opener(s); o != "" {
		return "opens with " + o
	}
	if r := []rune(s); len(r) > 0 && unicode.IsLower(r[0]) {
		return "starts in lower case: a fragment"
	}
	if scriptOf(s) == "ja" && !hasSubjectJA(s) {
		return "no subject (は/が/も) in the first clause"
	}
	return ""
}

// colonSpeakerRe: "ペスコフ氏：…", "NATO事務総長ルッテ：…" name who speaks.
var colonSpeakerRe = regexp.MustCompile(`^[^。、「」]{1,25}[：:]`)

// sourceRe: "気象庁によると、…" names who tells, which a reader takes for
// the line's subject.
var sourceRe = regexp.MustCompile(`(によると|によれば|によりますと|の発表では|の発表によると)`)

// timeTopicRe: a date or time before は is not a subject (13日は, 今月は).
var timeTopicRe = regexp.MustCompile(`([0-9０-９]+(日|月|年)|今日|昨日|明日|今週|先週|来週|今月|先月|来月|今年|昨年|去年|来年|同日|前日|翌日|当日|未明|朝|夜|午前|午後|今回)$`)

// hasSubjectJA reports whether a Japanese line has a subject in its first
// clause: a noun (kanji, katakana, Latin, a digit, a closing bracket or a
// quotation) followed by は, が or も, a place followed by では, or a
// source before によると. Not subjects: が of a verb (上がる), 最も/何も/今も,
// a time before は, こと or もの before は (hiragana before the particle).
func hasSubjectJA(s string) bool {
	t := unquote(s, "Q")
	if colonSpeakerRe.MatchString(t) {
		return true
	}
	rs := firstClause([]rune(t))
	if m := sourceRe.FindStringIndex(string(rs)); m != nil && m[0] > 0 && nounish(runeBefore(string(rs), m[0])) {
		return true
	}
	for i := 1; i < len(rs); i++ {
		r, p := rs[i], rs[i-1]
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch r {
		case 'は':
			if p == 'で' && i > 1 && nounish(rs[i-2]) {
				return true
			}
			if timeTopicRe.MatchString(string(rs[:i])) {
				continue
			}
		case 'が':
			if strings.ContainsRune("るりっられろ", next) {
				continue
			}
		case 'も':
			if strings.ContainsRune("最何今尤", p) {
				continue
			}
		default:
			continue
		}
		if nounish(p) || nounSuffixed(rs[:i]) {
			return true
		}
	}
	return false
}

// nounSuffixes follow a noun before は, が or も: 兵士らは, 子どもたちが,
// 平和こそが; a nominalised clause (…したのは) and a definition (Xとは) are
// subjects too.
var nounSuffixes = []string{"たち", "ら", "こそ", "だけ", "など", "のみ", "ばかり", "さん", "と"}

// nounSuffixed reports whether rs ends in a noun and its suffix, in the
// nominaliser の, or in a noun written kanji and one kana (やり取り, 考え).
func nounSuffixed(rs []rune) bool {
	n := len(rs)
	if n < 2 {
		return false
	}
	if rs[n-1] == 'の' {
		return true
	}
	if isHiragana(rs[n-1]) && isKanji(rs[n-2]) && !strings.ContainsRune("ただてでにをへとかやもはが", rs[n-1]) {
		return true
	}
	s := string(rs)
	for _, suf := range nounSuffixes {
		if rest, ok := strings.CutSuffix(s, suf); ok && rest != "" && nounish(lastRune(rest)) {
			return true
		}
	}
	return false
}

// jaPhraseEnds end a phrase, not a clause, before 、.
var jaPhraseEnds = []string{"について", "に対し", "に対して", "をめぐり", "を巡り", "によって", "として", "に関して",
	"にかけて", "において", "により", "より", "ため", "うえ", "受けて", "にとって", "を通じて", "に向けて",
	"ごろ", "ころ"}

// firstClause cuts a Japanese sentence at its first clause end: 。, or a
// 、 after a conjunctive form (述べ、 し、 ており、), not after a particle
// (では、 によると、) or a phrase (について、).
func firstClause(rs []rune) []rune {
	for i, r := range rs {
		if r == '。' {
			return rs[:i]
		}
		if r != '、' || i == 0 || !isHiragana(rs[i-1]) || strings.ContainsRune("はがもとにでをへのやか", rs[i-1]) {
			continue
		}
		before := string(rs[:i])
		phrase := false
		for _, e := range jaPhraseEnds {
			phrase = phrase || strings.HasSuffix(before, e)
		}
		if !phrase {
			return rs[:i]
		}
	}
	return rs
}
