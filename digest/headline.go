package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headlineRunes is how long a headline may be, in visible characters: a
// Japanese headline is a phone's line or two (the channel's own are 36 and
// 37), an English or Russian one a wire title's length.
var headlineRunes = map[string]int{"ja": 40, "en": 100, "ru": 100}

// minHeadlineRunes is how short a headline may be: fewer characters name
// no event (速報, "Update", an outlet's name).
var minHeadlineRunes = map[string]int{"ja": 12, "en": 20, "ru": 20}

var (
	// Endings a clause may be cut after, with what the headline keeps:
	// "覚書を公表し、" → "覚書を公表", "攻撃を行い、" → "攻撃".
	jaClauseEnd = regexp.MustCompile(`(\p{Han}{2})し$|を行い$|を実施し$`)
	// Endings of a last clause that a headline states plainly.
	jaPolite = []struct {
		re   *regexp.Regexp
		repl string
	}{
		{regexp.MustCompile(`を(?:行|実施し)(?:いました|ました|った|た)$`), ""},
		{regexp.MustCompile(`(\p{Han}{2})(?:しました|した|しています|している)$`), "$1"},
		{regexp.MustCompile(`([えけせてねへめれげぜでべしち])ました$`), "${1}た"},
		{regexp.MustCompile(`([てで])います$`), "${1}いる"},
		{regexp.MustCompile(`されます$`), "される"},
		{regexp.MustCompile(`ていません$`), "ていない"},
	}
	enDayRe     = regexp.MustCompile(`\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	ruDayRe     = regexp.MustCompile(`\s+в(?:о)?\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)`)
	enClauseRes = []*regexp.Regexp{
		regexp.MustCompile(`[,;]\s|\s[—–-]\s`),
		regexp.MustCompile(`\s(?:that|which|who|after|as|because|while|when|amid|despite|saying|according|following|before|since|but)\s|\s(?:что|который|которая|которые|после|когда|так как)\s`),
	}
)

// shortHeadline makes a headline of at most headlineRunes[lang] from a
// sentence (its final stop already dropped): the sentence itself when it is
// short enough; else, in Japanese, its subject with the first clause, its
// quote or its last clause ("ゼレンスキー大統領「…」"), else the sentence cut
// at its last clause boundary that fits; in English and Russian, cut at a
// clause boundary or at the last space. Never inside a bracket, never
// mid-word. whole is false when it had to cut mid-clause (after a
// particle, at a space): a headline to use only when nothing better is. A
// limit given lowers headlineRunes[lang].
func shortHeadline(s, lang string, limits ...int) (h string, whole bool) {
	limit := headlineRunes[lang]
	if limit == 0 {
		limit = headlineRunes["en"]
	}
	if len(limits) > 0 {
		limit = min(limit, limits[0])
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= limit {
		return s, true
	}
	if lang == "ja" {
		return shortHeadlineJA(s, limit)
	}
	t := enDayRe.ReplaceAllString(s, "")
	t = ruDayRe.ReplaceAllString(t, "")
	if utf8.RuneCountInString(t) <= limit {
		return t, true
	}
	rs := []rune(t)
	in := protected(rs, lang)
	// A clause boundary within the limit.
	head := string(rs[:min(limit+12, len(rs))])
	for _, re := range enClauseRes {
		best := -1
		for _, m := range re.FindAllStringIndex(head, -1) {
			at := utf8.RuneCountInString(head[:m[0]])
			if at >= 25 && at <= limit && !in[at] {
				best = m[0]
			}
		}
		if best > 0 {
			return trimHeadline(head[:best]), true
		}
	}
	// The last space that leaves no bracket open.
	for i := limit; i > limit/3; i-- {
		if unicode.IsSpace(rs[i]) && !in[i] {
			return trimHeadline(string(rs[:i])), false
		}
	}
	return trimHeadline(cutTitle(t, limit)), false
}

func trimHeadline(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:—–-、，。.", r)
	})
}

func shortHeadlineJA(s string, limit int) (string, bool) {
	rs := []rune(s)
	in := protected(rs, "ja")
	n := func(r []rune) int { return len(r) }
	subjEnd := jaSubject(rs, in)
	// The subject starts after the last 、 before its marker: what
	// precedes is where or when ("ブリュッセルでの記者会見で、マーク・
	// ルッテ事務総長が…").
	start := 0
	for i := subjEnd - 1; i > 0; i-- {
		if rs[i] == '、' && !in[i] {
			start = i + 1
			break
		}
	}
	// A place ran into the subject (フィリピン中部に台風1号が, メキシコ南部で
	// ハリケーンが): it is no actor to open with, and the sentence is
	// better cut.
	if subjEnd > 0 && jaPlaceLeadRe.MatchString(string(rs[start:subjEnd])) {
		subjEnd = -1
	}
	if subjEnd > 0 {
		subj := rs[start:subjEnd]
		in = in[start:]
		rs, subjEnd = rs[start:], subjEnd-start
		rest := rs[subjEnd+1:]
		restIn := in[subjEnd+1:]
		for len(rest) > 0 && rest[0] == '、' {
			rest, restIn = rest[1:], restIn[1:]
		}
		// What follows a contrast (…とされますが、内容は…) is not the
		// subject's doing.
		for i := 1; i+1 < len(rest); i++ {
			if rest[i+1] == '、' && !restIn[i] && (rest[i] == 'が' && rest[i-1] != 'の' || strings.HasSuffix(string(rest[:i+1]), "ものの")) {
				rest, restIn = rest[:i], restIn[:i]
				break
			}
		}
		// "ウクライナのゼレンスキー大統領" → "ゼレンスキー大統領" when room is short.
		short := subj
		for i := len(subj) - 1; i > 0; i-- {
			if subj[i] == 'の' && !in[i] && len(subj)-i-1 >= 2 {
				short = subj[i+1:]
				break
			}
		}
		subjects := [][]rune{subj}
		if len(short) < len(subj) {
			subjects = append(subjects, short)
		}
		if n(short) <= 20 {
			// The first clause, cut after a verb: "日銀、政策金利を据え置き".
			for _, sj := range subjects {
				best := ""
				for i, r := range rest {
					if r != '、' || restIn[i] {
						continue
					}
					clause := string(rest[:i])
					if !jaClauseEnd.MatchString(clause) {
						continue
					}
					clause = jaClauseEnd.ReplaceAllString(clause, "$1")
					if h := string(sj) + "、" + clause; utf8.RuneCountInString(h) <= limit && utf8.RuneCountInString(clause) >= 6 {
						best = h
					}
				}
				if best != "" {
					return best, true
				}
			}
			// What the subject said: "植田総裁「賃上げの動きを見極めたい」".
			quotes := saidQuotes(rest, restIn)
			for _, sj := range subjects {
				for _, q := range quotes {
					if n(q)+2 >= 10 && n(sj)+n(q)+2 <= limit {
						return string(sj) + "「" + string(q) + "」", true
					}
				}
			}
			// A long quote's last clause, which carries its verb: "ウィタカー
			// NATO大使「欧州の全ての同盟国が…期待している」".
			for k := len(subjects) - 1; k >= 0; k-- {
				sj := subjects[k]
				for _, q := range quotes {
					qin := protected(q, "ja")
					for c := len(q) - 1; c > 0; c-- {
						if q[c] != '、' || qin[c] {
							continue
						}
						if tail := q[c+1:]; n(tail) >= 12 && n(sj)+n(tail)+2 <= limit {
							return string(sj) + "「" + string(tail) + "」", true
						}
						break
					}
				}
			}
			// The end of the main clause, stated plainly, from a clause or
			// word boundary: "プーチン大統領、軍用飛行場への攻撃に対し、
			// 報復を示唆したとされる".
			tail := jaPlain(string(rest))
			trs := []rune(tail)
			tin := protected(trs, "ja")
			// The fuller subject first (it names the actor: "欧州連合（EU）の
			// 加盟国", not "加盟国"); for each, a tail from a clause start
			// before one from a word start, which may lose the object its
			// verb needs.
			for _, sj := range subjects {
				room := limit - n(sj) - 1
				for _, afterComma := range []bool{true, false} {
					for i := 0; i < len(trs); i++ {
						if len(trs)-i > room {
							continue
						}
						if i > 0 && (afterComma != (trs[i-1] == '、') || !jaWordStart(trs, tin, i) || !jaNounStart(trs, i)) {
							continue
						}
						if len(trs)-i >= 10 {
							return string(sj) + "、" + string(trs[i:]), true
						}
						break
					}
				}
			}
		}
	}
	// A quotation's last clause alone, its speaker left to the lead:
	// "「欧州の全ての同盟国が…期待している」".
	for _, q := range saidQuotes(rs, in) {
		qin := protected(q, "ja")
		tail := q
		for c := len(q) - 1; c > 0; c-- {
			if q[c] == '、' && !qin[c] {
				tail = q[c+1:]
				break
			}
		}
		if n := len(tail) + 2; n >= 14 && n <= limit {
			return "「" + string(tail) + "」", true
		}
	}
	// The sentence cut at its last top-level 、 after a verb, else after
	// the last particle before a word.
	for i := min(limit, len(rs)-1); i > limit/2; i-- {
		if rs[i] != '、' || in[i] {
			continue
		}
		verb := strings.ContainsRune("しきりいてれえべけちみびたず", rs[i-1]) && !strings.HasSuffix(string(rs[:i]), "対し")
		// "…6人が死亡、3人が行方不明": a noun ends its clause when the
		// next clause has a subject of its own.
		noun := isHan(rs[i-1]) && isHan(rs[i-2]) && jaOwnSubjectRe.MatchString(string(rs[i+1:]))
		if verb || noun {
			return jaClauseEnd.ReplaceAllString(string(rs[:i]), "$1"), true
		}
	}
	for i := min(limit, len(rs)-1); i > limit/2; i-- {
		if jaWordStart(rs, in, i) {
			return strings.TrimRight(string(rs[:i]), "、"), false
		}
	}
	return cutTitle(s, limit), false
}

// saidQuotes returns the insides of the top-level 「」 quotes in rest that
// are followed by と (what someone said), in order.
func saidQuotes(rest []rune, in []bool) [][]rune {
	var out [][]rune
	for i := 0; i < len(rest); i++ {
		if rest[i] != '「' || i > 0 && in[i-1] {
			continue
		}
		j := i + 1
		for j < len(rest) && in[j] {
			j++
		}
		if j < len(rest) && rest[j] == '」' && j+1 < len(rest) && rest[j+1] == 'と' {
			out = append(out, rest[i+1:j])
		}
		i = j
	}
	return out
}

// jaSubject finds the topic (は) or subject (が) marker after an early
// name, or -1. A topic that only a setting precedes (…裁判の控訴審で、
// 東京高裁は…) is the main clause's, however long the setting: a が
// inside the setting (住民などが…求めた裁判) is a relative clause's.
func jaSubject(rs []rune, in []bool) int {
	marks := func(i int, marker rune) bool {
		return rs[i] == marker && !in[i] && !unicode.In(rs[i-1], unicode.Hiragana) && !strings.ContainsRune("「『（(", rs[i-1])
	}
	for i := 2; i < len(rs)-1 && i < 30; i++ {
		if marks(i, 'は') {
			return i
		}
	}
	for i := 2; i < len(rs)-1; i++ {
		if rs[i] != '、' || in[i] || !jaSettingEnd.MatchString(string(rs[:i])) {
			continue
		}
		for j := i + 2; j < len(rs)-1 && j <= i+1+maxTopicRunes; j++ {
			if marks(j, 'は') {
				return j
			}
			if unicode.In(rs[j], unicode.Hiragana) && rs[j] != 'の' || rs[j] == '、' {
				break // a clause, not a name
			}
		}
	}
	for i := 2; i < len(rs)-1 && i < 30; i++ {
		if marks(i, 'が') {
			return i
		}
	}
	return -1
}

// jaPlaceLeadRe is a place and its particle before a noun.
var jaPlaceLeadRe = regexp.MustCompile(`^[\p{Han}\p{Katakana}ー・]+[にで][\p{Han}\p{Katakana}]`)

// jaOwnSubjectRe is a clause that opens with its own subject: a noun and が.
var jaOwnSubjectRe = regexp.MustCompile(`^[\p{Han}\p{Katakana}\dー・]+が`)

// jaSettingEnd ends a phrase that says where, when or on what ground the
// main clause happens (…控訴審で、 / …会見では、 / …を巡り、 / …によると、).
var jaSettingEnd = regexp.MustCompile(`(?:で|では|には|について|を(?:巡|めぐ)(?:り|って)|によると|によりますと)$`)

// maxTopicRunes is how long a name marked as the topic may be: a title and
// a name (ロシアのペスコフ大統領報道官, 14) with room to spare.
const maxTopicRunes = 20

// jaWordStart: a word starts at i, after a clause's 、 or a particle.
func jaWordStart(rs []rune, in []bool, i int) bool {
	if i <= 0 || i >= len(rs) || in[i] || in[i-1] && rs[i-1] != '」' {
		return false
	}
	if rs[i-1] == '、' {
		return true
	}
	return unicode.In(rs[i-1], unicode.Hiragana) && (isHan(rs[i]) || isKatakana(rs[i]) || rs[i] == '「')
}

// jaNounStart: the word at i is a noun (its run of kanji or katakana is
// followed by a particle), not a verb stem ("行ったと", "対し") that would
// open a headline mid-clause.
func jaNounStart(rs []rune, i int) bool {
	if rs[i] == '「' {
		return true
	}
	j := i
	for j < len(rs) && (isHan(rs[j]) || isKatakana(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] < 0x250 && unicode.IsLetter(rs[j]) || rs[j] == '・') {
		j++
	}
	return j > i && j < len(rs) && strings.ContainsRune("のはがをにでへともや、「（", rs[j])
}

// jaPlain states a polite or continuing ending plainly.
func jaPlain(s string) string {
	for _, p := range jaPolite {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}
