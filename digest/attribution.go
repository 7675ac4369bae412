package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every line of a brief reads alone: its subject is named, a quotation
// says who speaks, and a party's claim keeps its verb of saying. A source
// sentence that leans on the one before it (そのうえで「…」と述べ, "He
// said…", "Он длился…") is completed from that sentence when the fix is
// safe (the topic put back, a pronoun replaced by the surname) and is
// otherwise shown only right after it.

var (
	// Openers that tie a sentence to the one before it.
	jaConnectiveRe = regexp.MustCompile(`^(?:(?:また|そして|さらに|一方|同時に|このほか|その上で|そのうえで|これに対し|これに対して|このため|その後|ただ|しかし|だが|なお|ただし|それでも|ただそれでも|しかしそれでも|その際|この中で|その中で)、|(?:また|さらに|一方|なお|そして|その上で|そのうえで|この中で|その中で|これに対し|これに対して)[\p{Han}\p{Katakana}「])`)
	enLeanRe       = regexp.MustCompile(`^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Also|However|Still|Yet)\b`)
	ruLeanRe       = regexp.MustCompile(`^(?:Он|Она|Они|Оно|Его|Ее|Её|Их|При этом|Также|Кроме того|Однако|Но|И|А|По его словам|По ее словам|По её словам|По их словам)(?:[^\p{L}]|$)`)
	// An anaphoric subject: 同省 (the ministry just named), 同氏, 彼.
	jaAnaphorRe = regexp.MustCompile(`^(?:同|彼|彼女|彼ら)`)
	// A pronoun speaking: "…," he said / — сказал он.
	enPronounSaysRe = regexp.MustCompile(`\b(?:he|she|they) (?:said|says|added|told|wrote|noted|stressed)\b`)
	ruPronounSaysRe = regexp.MustCompile(`(?:сказал|заявил|добавил|отметил|подчеркнул|уточнил|пояснил|написал|сообщил)[аи]?\s+(?:он|она|они)(?:[^\p{L}]|$)`)

	// Verbs of saying and sourcing phrases: a line holding one keeps its
	// speaker's voice.
	jaSayRe = regexp.MustCompile(`と(?:の|する|して|し|した|しています|している|いう|いうこと)?(?:考え|見方|認識|見解|立場|姿勢|方針|意向|考えを)?(?:を)?(?:述べ|語っ|語り|話し|明らかにし|強調し|主張し|指摘し|説明し|批判し|非難し|訴え|表明し|発表し|投稿し|伝え|答え|コメントし|警告し|呼びかけ|評価し|示し|報じ|確認し|否定し|批判|非難)|こう(?:述べ|語っ|コメントし|答え|投稿し|強調し|話し)|によると|によれば|によりますと|としている|としています|とした|という[。]|ということです|と発表|と明らかに|(?:発表|表明|主張|説明|報告|明らかに|言及|示唆|否定|約束)(?:し|した|しました|している|しています)`)
	enSayRe = regexp.MustCompile(`\b(?:said|says|told|tells|added|adds|wrote|writes|posted|stated|announced|claimed|claims|accused|accuses|insisted|argued|warned|asserted|alleged|denied|denies|noted|explained|reported|according to|called|calls|described|urged|confirmed|believes|thinks|found|finds|showed|shows)\b`)
	ruSayRe = regexp.MustCompile(`(?i)(?:заявил|заявила|заявили|заявляет|сказал|сказала|сказали|сообщил|сообщила|сообщили|сообщает|сообщают|отметил|отметила|подчеркнул|подчеркнула|уточнил|уточнила|добавил|добавила|написал|написала|пояснил|пояснила|признал|признала|назвал|назвала|назвали|обвинил|обвинила|по словам|по данным|по информации|считает|считают|полагает|полагают|свидетельствуют|показал опрос|утверждает|утверждают|уверен|уверена|как сообщалось|сообщается)`)

	// A Japanese speaker: a name or office with its title.
	jaSpeakerRe = mustGate(`(?:[\p{Katakana}ー・]{2,}|\p{Han}{1,6})(?:大統領|首相|氏|外相|国防相|防衛相|財務相|経済相|官房長官|長官|報道官|補佐官|大使|総裁|事務総長|総書記|書記|特使|団長|議長|次官|知事|市長|教皇|理事|代表|幹事長|委員長|司令官|国王|主席|首長|社長|会長|報道局長|知事)`)
	// An English or Russian name: two or more capitalised words.
	nameRunRe = regexp.MustCompile(`\p{Lu}[\p{L}.'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]+)+`)
	// A speaker named next to a verb of saying: "Zelenskyy told", "said
	// Peskov", "— сказал Лавров".
	// An office names its holder when the lead has named him ("…," the
	// minister said; — подчеркнул министр).
	enNamedSaysRe = regexp.MustCompile(`\p{Lu}[\p{L}'’\-]+\s+(?:said|says|told|wrote|added|posted|stated)\b|\b(?:said|says|told|wrote|added)\s+\p{Lu}[\p{L}'’\-]+|\bthe ` + enOffices + `\s+(?:said|says|told|wrote|added)\b|\b(?:said|says|told|wrote|added)\s+the ` + enOffices + `\b`)
	ruNamedSaysRe = regexp.MustCompile(`(?:сказал|заявил|добавил|отметил|подчеркнул|уточнил|пояснил|написал)[аи]?\s+(?:\p{Ll}+\s+){0,5}\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+(?:сказал|заявил|добавил|отметил|подчеркнул|уточнил|пояснил|написал)|(?:сказал|заявил|добавил|отметил|подчеркнул|уточнил|пояснил|написал)[аи]?\s+(?:\p{Ll}+\s+){0,2}` + ruOffices)
)

// Offices that name their holder after a verb of saying.
const (
	enOffices = `(?:minister|president|prime minister|chancellor|spokesman|spokeswoman|spokesperson|governor|mayor|ambassador|envoy|aide|secretary|premier|chief|commander)`
	ruOffices = `(?:министр|президент|премьер|глава|пресс-секретарь|представитель|губернатор|мэр|посол|помощник|канцлер|спикер|генсек|командующий|дипломат)`
)

// pronouns that never name a speaker, whatever their case.
var pronounWords = toSet(`he she they it we i you он она они оно мы я вы`)

// leadingConnective splits a Japanese sentence into its opening
// connective (また、) and the rest.
func leadingConnective(s string) (conn, rest string) {
	m := jaConnectiveRe.FindString(s)
	if m == "" || len(m) >= len(s) {
		return "", s
	}
	if !strings.HasSuffix(m, "、") {
		// "また保安庁は": the connective without its comma; the kanji after it
		// belongs to the rest ("一方的" is no connective).
		_, size := utf8.DecodeLastRuneInString(m)
		m = m[:len(m)-size]
		if strings.HasPrefix(s[len(m):], "的") {
			return "", s
		}
	}
	return m, s[len(m):]
}

// jaTopic is the subject of a Japanese sentence: the words before its
// first top-level は (else が) after a noun, within the first 30 runes, from
// the last top-level 、 before it ("地元当局によりますと、港は" → 港); ""
// when it has none.
func jaTopic(s string) string {
	if t := jaMarked(s, 'は'); t != "" {
		return t
	}
	return jaMarked(s, 'が')
}

// jaMarked is the phrase a Japanese sentence marks with marker (は or が)
// as its subject, or "".
func jaMarked(s string, marker rune) string {
	rs := []rune(s)
	in := protected(rs, "ja")
	// A topic (は) may come late in a long lead; a が that late is a
	// clause's.
	window := len(rs)
	if marker == 'が' {
		window = 30
	}
	i := -1
	for k := 2; k < len(rs)-1 && k < window; k++ {
		if rs[k] == marker && !in[k] && !unicode.In(rs[k-1], unicode.Hiragana) && !strings.ContainsRune("「『（(、", rs[k-1]) {
			i = k
			break
		}
	}
	if i <= 0 {
		return ""
	}
	start := 0
	for k := i - 1; k >= 0; k-- {
		if rs[k] == '、' && !in[k] {
			start = k + 1
			break
		}
	}
	t := strings.TrimSpace(string(rs[start:i]))
	if t == "" || strings.ContainsAny(t, "「」『』") {
		return ""
	}
	return t
}

// jaTopics are every は-marked phrase at the top level of a sentence, in
// order.
func jaTopics(s string) []string {
	var out []string
	for rest := s; ; {
		t := jaMarked(rest, 'は')
		if t == "" {
			return out
		}
		out = append(out, t)
		i := strings.Index(rest, t+"は")
		if i < 0 {
			return out
		}
		rest = rest[i+len(t+"は"):]
	}
}

// anaphoric reports a subject that points back (同省, 同氏, 彼).
func anaphoric(subject string) bool { return jaAnaphorRe.MatchString(subject) }

// shortSubject trims a long subject to the name that ends it: "ロシア外務省
// のザハロワ報道官" stays, a 20-rune phrase keeps what follows its last の.
func shortSubject(s string) string {
	rs := []rune(s)
	if len(rs) <= maxSubjectRunes {
		return s
	}
	in := protected(rs, "ja")
	for i := len(rs) - 2; i > 0; i-- {
		if rs[i] == 'の' && !in[i] {
			return string(rs[i+1:])
		}
	}
	return ""
}

// maxSubjectRunes is the longest Japanese subject put back in front of a
// sentence: a name with its office and country ("ロシア外務省のザハロワ
// 報道官" is 14); longer phrases are clauses, cut to the name that ends them.
const maxSubjectRunes = 20

// withTopic puts a Japanese subject back in front of a sentence that
// dropped it: "「世界が…」と述べ、…" → "ゼレンスキー大統領は「世界が…」と述べ、…".
func withTopic(subject, rest string) string {
	if strings.HasPrefix(rest, "「") || strings.HasPrefix(rest, "『") {
		return subject + "は" + rest
	}
	return subject + "は、" + rest
}

// replaceAnaphor puts the subject named before in place of a 同X that
// points to it ("同省は…" after "ロシア国防省は…"); ok is false when the
// kinds differ.
func replaceAnaphor(s, topic, antecedent string) (string, bool) {
	kind := strings.TrimPrefix(topic, "同")
	if kind == topic || kind == "" || antecedent == "" {
		return s, false
	}
	if kind == "氏" {
		if !jaSpeakerRe.MatchString(antecedent) {
			return s, false
		}
	} else if !strings.HasSuffix(antecedent, kind) {
		return s, false
	}
	return strings.Replace(s, topic, antecedent, 1), true
}

// jaDemonstrativeRe is a demonstrative opening a Japanese sentence before
// a noun: この地震, その会合, こうした攻撃.
var jaDemonstrativeRe = regexp.MustCompile(`^(?:この|その|こうした|そうした|同様の)([\p{Han}\p{Katakana}ー]{1,8})`)

// dropDemonstrative lets a Japanese sentence that opens by pointing back
// ("この地震による津波の心配はありません。") read alone: the noun it points
// at stands bare ("地震による…") when the report named it before; ok is
// false when it did not, and the sentence leans on what a brief may not
// show.
func dropDemonstrative(s string, before *strings.Builder) (string, bool) {
	m := jaDemonstrativeRe.FindStringSubmatchIndex(s)
	if m == nil {
		return s, true
	}
	noun := s[m[2]:m[3]]
	if strings.HasPrefix(noun, "中") || strings.HasPrefix(noun, "日") || strings.HasPrefix(noun, "後") || strings.HasPrefix(noun, "上") || strings.HasPrefix(noun, "際") {
		return s, true // この中で, この日, その後, その上で, その際: connectives and dates
	}
	if !strings.Contains(before.String(), noun) {
		return s, false
	}
	return s[m[2]:], true
}

// enSurname is the surname of the person an English sentence has speak
// or act: the name next to its verb of saying ("…," Trump wrote), else the
// last word of the run of capitalised words it opens with, titles and
// places aside ("Missouri Gov. Mike Kehoe toured…" → Kehoe); "" for none.
func enSurname(s string) string {
	t := unquoted(s)
	if m := enNamedSaysRe.FindString(t); m != "" {
		for _, w := range strings.Fields(m) {
			w = strings.Trim(w, ".,;:'’")
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !pronounWords[strings.ToLower(w)] && !titleWords[strings.ToLower(w)] && !notPerson(w) {
				return w
			}
		}
	}
	m := nameRunRe.FindString(t)
	if m == "" || !strings.HasPrefix(t, m) {
		return ""
	}
	var words []string
	for _, w := range strings.Fields(m) {
		if lw := strings.Trim(strings.ToLower(w), ".,'’"); !titleWords[lw] {
			words = append(words, strings.Trim(w, ".,"))
		}
	}
	if len(words) < 2 {
		return ""
	}
	last := strings.TrimSuffix(strings.TrimSuffix(words[len(words)-1], "'s"), "’s")
	if kind, ok := entityKindOf(last); ok && kind != entPerson {
		return ""
	}
	return last
}

// titleWords are offices, institutions and adjectives that precede a name
// and are no part of it.
var titleWords = toSet(`gov. gov governor sen. sen senator rep. rep secretary-general secretary spokesman spokeswoman
spokesperson president minister chancellor mayor general gen. gen adm. admiral col. aide envoy ambassador commander
chief director chairman chairwoman ceo king queen prince pope premier lt. sgt. dr. prof. mr. mrs. ms. foreign defense
defence prime vice deputy acting former senior top kremlin white house pentagon state department ministry navy army
air force russian ukrainian american u.s. us british german french chinese japanese israeli iranian north south
korean nato eu un the a an`)

// notPerson reports a capitalised word that cannot be the person a later
// he, she, он or она stands for: a country or body the entity tables know
// ("Egypt and Qatar said…"), or a day or month after the verb ("said
// Monday"). Such a sentence leaves the pronoun without a speaker.
func notPerson(w string) bool {
	if calendarWords[strings.ToLower(w)] {
		return true
	}
	kind, ok := entityKindOf(w)
	return ok && kind != entPerson
}

var calendarWords = toSet(`monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december`)

// entityKindOf is the kind of the entity a word names alone, if any.
func entityKindOf(w string) (entityKind, bool) {
	for _, m := range mentionsIn(w) {
		if m.Start == 0 && m.End == len(w) {
			return m.Entity, true
		}
	}
	return 0, false
}

// ruSurname is the nominative surname a Russian sentence names as the one
// who speaks: the last capitalised word of the clause after its verb of
// saying ("…сообщил помощник президента РФ Юрий Ушаков" → Ушаков), else
// of the name it opens with ("Сергей Лавров провел…"); "" for none.
func ruSurname(s string) string {
	t := unquoted(s)
	if m := ruSayVerbRe.FindStringSubmatchIndex(t); m != nil {
		loc := m[2:4]
		// "Юрий Ушаков рассказал журналистам…": the name just before the
		// verb speaks; the names after it are its objects.
		if before := strings.Fields(t[:loc[0]]); len(before) > 0 {
			w := before[len(before)-1]
			if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Cyrillic, r) && unicode.IsUpper(r) && utf8.RuneCountInString(w) > 2 &&
				!pronounWords[strings.ToLower(w)] && !strings.ContainsAny(w, ",.;:»\"") && !notPerson(w) {
				return w
			}
		}
		clause := t[loc[1]:]
		if i := strings.IndexAny(clause, ".,;:«\"—"); i >= 0 {
			clause = clause[:i]
		}
		last := ""
		for k, w := range strings.Fields(clause) {
			if k == 0 && pronounWords[strings.ToLower(w)] {
				break // "— написал он в своем Telegram-канале": he, whoever he is
			}
			if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Cyrillic, r) && unicode.IsUpper(r) && utf8.RuneCountInString(w) > 2 {
				last = w
			}
		}
		if last != "" && !pronounWords[strings.ToLower(last)] {
			return last
		}
	}
	if m := nameRunRe.FindString(t); m != "" && strings.HasPrefix(t, m) {
		ws := strings.Fields(m)
		last := strings.Trim(ws[len(ws)-1], ".,;:")
		if kind, ok := entityKindOf(last); (!ok || kind == entPerson) && !ruObliqueAdjRe.MatchString(last) {
			return last // not "Президенты России", not "Власти Свердловской"
		}
	}
	return ruSubjectName(t)
}

// ruSubjectName is the surname of a person the sentence opens with,
// titled ("Губернатор Белгородской области Вячеслав Гладков выступил…" →
// Гладков): the last name-and-surname pair, two capitalised words in a
// row, before the first past-tense verb. A sentence whose opening phrase
// holds no such pair names nobody.
func ruSubjectName(t string) string {
	ws := strings.Fields(t)
	name := ""
	for k, w := range ws {
		if ruPastVerbRe.MatchString(w) {
			break
		}
		if k > 0 && isRuCapital(ws[k-1]) && isRuCapital(w) && !notPerson(w) && !ruObliqueAdjRe.MatchString(w) {
			name = w
		}
	}
	return name
}

// ruPastVerbRe is a lower-case Russian word in the past tense (выступил,
// сообщила, провели): where a sentence's opening subject ends.
var ruPastVerbRe = regexp.MustCompile(`^\p{Ll}+(?:л|ла|ло|ли)(?:ся|сь)?[,.]?$`)

// ruObliqueAdjRe is an adjective in an oblique case (Свердловской,
// Московского): part of a region's or a body's name, never a surname in
// the nominative.
var ruObliqueAdjRe = regexp.MustCompile(`(?:ск|цк)(?:ой|ого|ому|им|их|ом)$`)

// isRuCapital reports a capitalised Cyrillic word of three letters or more.
func isRuCapital(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Cyrillic, r) && unicode.IsUpper(r) && utf8.RuneCountInString(w) > 2 && !strings.ContainsAny(w, ",.;:»\"()")
}

// ruSayVerbRe is a Russian verb of saying in the past tense, a word of its
// own (submatch 1).
var ruSayVerbRe = regexp.MustCompile(`(?:^|[^\p{L}])((?:рас)?сказал|заявил|сообщил|отметил|подчеркнул|уточнил|добавил|написал|пояснил|перечислил)[аи]?(?:[^\p{L}]|$)`)

// named reports a sentence that names who speaks, outside any quotation:
// a person or office (the tables or a title), a Japanese topic that points
// nowhere back, a "speaker：" opening, or a name next to a verb of saying.
func named(s, lang string) bool {
	var t string
	if lang != "ja" {
		t = unquoted(s)
		for _, m := range mentionsIn(t) {
			if m.Entity == entPerson || m.Kind == byOffice || m.Entity == entOrg {
				return true
			}
		}
	}
	switch lang {
	case "ja":
		// Who says a quotation is named before it.
		head := beforeQuote(s)
		if jaSpeakerRe.MatchString(head) || speakerPrefix(s) != "" {
			return true
		}
		for _, m := range mentionsIn(head) {
			if m.Entity == entPerson || m.Kind == byOffice || m.Entity == entOrg {
				return true
			}
		}
		top := jaMarked(head+"。", 'は')
		return top != "" && !anaphoric(top)
	case "ru":
		return !ruPronounSaysRe.MatchString(t) && ruNamedSaysRe.MatchString(t) || speakerPrefix(s) != ""
	default:
		if m := enNamedSaysRe.FindString(t); m != "" && !pronounWords[strings.ToLower(strings.Fields(m)[0])] {
			return true
		}
		return speakerPrefix(s) != ""
	}
}

// speakerPrefix is X of a line opening "X：" or "X: " (a channel's
// speaking head, a Russian wire's "Песков: …"): a short name, then the words.
func speakerPrefix(s string) string {
	for _, sep := range []string{"：", ": "} {
		if i := strings.Index(s, sep); i > 0 {
			head := s[:i]
			if n := utf8.RuneCountInString(head); n <= maxSpeakerRunes && !strings.ContainsAny(head, "「」“”«»\"、。,.") && n >= 2 {
				return head
			}
		}
	}
	return ""
}

// maxSpeakerRunes is the longest name a speaking head or a headline's
// "=X" gives: a name with its office ("NATO事務総長ルッテ" is 11, "露大統領
// 補佐官" 7); a longer head is a clause, not a speaker.
const maxSpeakerRunes = 24

// says reports a line that keeps a verb of saying or a source.
func says(s, lang string) bool {
	t := unquoted(s)
	switch lang {
	case "ja":
		return jaSayRe.MatchString(t) || speakerPrefix(s) != ""
	case "ru":
		return ruSayRe.MatchString(t) || speakerPrefix(s) != ""
	default:
		return enSayRe.MatchString(t) || speakerPrefix(s) != ""
	}
}

// attribute gives a party's claim its speaker, in the language's plain
// form: "露国防省によると、…", "…, Ushakov said.", "Ушаков: …".
func attribute(text, speaker, lang string) string {
	switch lang {
	case "ja":
		return speaker + "によると、" + text
	case "ru":
		return speaker + ": " + text
	default:
		if t, ok := strings.CutSuffix(text, "."); ok {
			return t + ", " + speaker + " said."
		}
		return speaker + ": " + text
	}
}

// titleSpeaker is X of a channel headline attributed "…=X": whose claims
// the lines under it are; "" when none.
func titleSpeaker(title string) string {
	i := strings.LastIndexAny(title, "=＝")
	if i < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(title[i:])
	sp := strings.TrimSpace(title[i+size:])
	if n := utf8.RuneCountInString(sp); n < 2 || n > maxSpeakerRunes || strings.ContainsAny(sp, "「」、 　") {
		return ""
	}
	return sp
}

// upperFirst capitalises a list item that starts in lower case
// ("— стороны договорились…" shown alone as "Стороны договорились…").
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[size:]
	}
	return s
}
