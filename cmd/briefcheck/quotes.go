package main

import (
	"regexp"
	"strings"
	"unicode"

	"briefbot/internal/labelled"
)

// quoteWithoutSpeaker returns why the 🗨️ line at i leaves its speaker
// unknown, or "". A line naming a speaker outside its quotation passes; a
// bare quote passes directly after the lead (or its unmarked lines) when
// that names a speaker, and as the lead when the unmarked line after it
// does ("…はこう述べた"). For labelled quotes, the speaker's own name must
// be on the line or the line before.
func quoteWithoutSpeaker(lines []line, i int, j *judged, lang string) string {
	l := lines[i]
	var near []string
	if i > 0 && (lines[i-1].kind == kindLead || lines[i-1].kind == kindPlain) {
		near = append(near, lines[i-1].text)
	}
	if l.lead && i+1 < len(lines) && lines[i+1].kind == kindPlain {
		near = append(near, lines[i+1].text)
	}
	if q := labelledQuote(l.text, j); q != nil {
		key := q.SpeakerKeys[lang]
		if key == "" {
			return ""
		}
		if strings.Contains(folded(l.text), folded(key)) {
			return ""
		}
		for _, n := range near {
			if strings.Contains(folded(n), folded(key)) {
				return ""
			}
		}
		return "the speaker is " + q.Speaker
	}
	if speakerIn(l.text) != "" {
		return ""
	}
	for _, n := range near {
		if speakerIn(n) != "" {
			return ""
		}
	}
	return "names no speaker"
}

// labelledQuote is the fixture quote a line holds, or nil.
func labelledQuote(text string, j *judged) *labelled.ExpectSpeech {
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for i := range u.exp.Quotes {
			q := &u.exp.Quotes[i]
			if k := matchForm(q.Quote); len([]rune(k)) >= 4 && strings.Contains(f, k) {
				return q
			}
		}
	}
	return nil
}

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

// sayingRe are verbs of saying and attributions that keep a claim a claim.
var sayingRe = regexp.MustCompile(`(?i)(と主張|と述べ|と語|と発表|と明らか|と指摘|と非難|と説明|と強調|と表明|としている|とした|という|によると|によれば|によりますと|\bsaid\b|\bsays\b|\bclaim|according to|\btold\b|\bstated\b|\balleg|заявил|сообщил|по словам|по данным|утвержда|считает|сказал|отметил|назвал)`)

// claimWithoutSpeaker: a line holding a labelled claim must keep its
// speaker or a verb of saying.
func claimWithoutSpeaker(text string, j *judged, lang string) string {
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for _, c := range u.exp.Claims {
			if !strings.Contains(f, matchForm(c.Text)) {
				continue
			}
			if k := c.SpeakerKeys[lang]; k != "" && strings.Contains(folded(text), folded(k)) || sayingRe.MatchString(text) {
				return ""
			}
			return c.Speaker + "'s claim as a fact"
		}
	}
	return ""
}
