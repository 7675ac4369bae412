package main

import (
	"regexp"
	"strings"
	"unicode"
)

// checkLines judges the body lines: quotes, subjects, claims, filler, and
// pairs of lines that say the same.
func checkLines(res *result, bi int, j *judged, in *input) {
	lang := j.pb.Language
	lines := j.rd.lines
	for i, l := range lines {
		switch l.kind {
		case kindQuote:
			res.quotes++
			if why := quoteWithoutSpeaker(lines, i, j, lang); why != "" {
				res.add(colQuoteSpeaker, bi, "🗨️ "+l.text, why)
			}
		case kindLead, kindFact, kindBackground, kindPlain:
			if why := missingSubject(l.text); why != "" {
				res.add(colSubject, bi, l.kind.String()+" "+l.text, why)
			}
			if why := claimWithoutSpeaker(l.text, j, lang); why != "" {
				res.add(colClaim, bi, l.kind.String()+" "+l.text, why)
			}
			if why := filler(l.text, j); why != "" {
				res.add(colFiller, bi, l.kind.String()+" "+l.text, why)
			}
		}
	}
	if why := filler(j.rd.headline, j); why != "" && !strings.HasPrefix(why, "a question") {
		res.add(colFiller, bi, "【"+j.rd.headline+"】", why)
	}
	for a := range lines {
		for b := a + 1; b < len(lines); b++ {
			if lines[a].kind == kindOther || lines[b].kind == kindOther {
				continue
			}
			if sameFact(lines[a].text, lines[b].text) {
				res.add(colRepeat, bi, lines[a].text+" ⇔ "+lines[b].text, "same content")
			}
		}
	}
	whole := matchForm(j.pb.HTML)
	for _, rp := range in.repeats {
		if strings.Contains(whole, matchForm(rp.A)) && strings.Contains(whole, matchForm(rp.B)) {
			res.add(colRepeat, bi, rp.A+" ⇔ "+rp.B, "both fragments (fixture)")
		}
	}
	if in.events != nil {
		checkEventFlags(res, bi, j, in)
	}
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

// fillerRe are credits, adverts and notes to the reader: never a fact.
var fillerRe = regexp.MustCompile(`(?i)(reporting by|additional reporting|editing by|writing by|contributed to this report|` +
	`provided by (afp|ap|reuters)|could not (be )?independently verif|material from \w+ was used|` +
	`(^|[\s(（])\(?c\)|（c）|©|^原題|（抜粋）|\(抜粋\)|確認を得られていない|独自に確認できていない|` +
	`подписывайтесь|материал дополняется|читайте также|read more|subscribe)`)

// filler returns why a line is not a fact, or "": a labelled not-fact, a
// credit or note, or a question (outside quotations) put as a fact.
func filler(text string, j *judged) string {
	if text == "" {
		return ""
	}
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for _, nf := range u.exp.NotFacts {
			if k := matchForm(nf); k != "" && strings.Contains(f, k) {
				return "not a fact (fixture): " + nf
			}
		}
	}
	if m := fillerRe.FindString(text); m != "" {
		return "credit or note: " + strings.TrimSpace(m)
	}
	own := strings.TrimSpace(unquote(trimAttribution(text), "Q"))
	if strings.HasSuffix(own, "?") || strings.HasSuffix(own, "？") || strings.HasSuffix(own, "か。") {
		return "a question as a fact"
	}
	return ""
}
