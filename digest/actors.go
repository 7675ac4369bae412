package digest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"briefbot"
)

// Actors tell related events apart when their vocabulary agrees: "Zelensky
// proposes a ceasefire" and "Putin: who negotiates with terrorists" share
// every word but one, and that one is who acts. An item's actors are the
// people its title opens with and the people of its lead sentence's
// subject; a spokesperson reporting for someone is no actor.
var (
	// A name, then (for a katakana name) the office's kanji, then the title:
	// プーチン露大統領, ショイグ安全保障会議書記, 金正恩総書記.
	jaPersonRe = regexp.MustCompile(`([\p{Katakana}ー・]{2,}\p{Han}{0,8}?|\p{Han}{2,4}?)(?:大統領|首相|氏|外相|国防相|国防長官|国務長官|財務長官|官房長官|長官|大使|総裁|事務総長|総書記|書記|特使|団長|議長|次官|国王|皇太子|主席|司令官|知事|市長|教皇|法王|理事)`)
)

// actors of an item: subj are the people who act (the name its title
// opens with, the people of its lead sentence's subject); lead is the
// matching form of its title and first sentence, where a name counts as
// mentioned (a substring: 金正恩朝鮮労働党総書記 names 金正恩 though no
// pattern cuts it out).
func actors(it briefbot.Item, lang string) (subj map[string]bool, lead string) {
	title, sents := leadSentences(it, lang)
	return actorsOf(title, firstSentence(sents, lang), lang)
}

// leadSentences are an item's title (for an untitled channel post, its
// headline line: "ウクライナ当局は…テロを画策するようになった=プーチン大統領")
// and the sentences of the start of its text.
func leadSentences(it briefbot.Item, lang string) (title string, sents []string) {
	title = cleanTitle(it.Title)
	text := it.Text
	if len(text) > 700 {
		// The first sentence is near the start; clustering is hot.
		text = strings.ToValidUTF8(text[:700], "")
	}
	if title == "" {
		line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
		if line = cleanSentence(line); utf8.RuneCountInString(line) <= 80 && !endsSentence(line, lang) {
			title = cleanTitle(line)
		}
	}
	return title, Sentences(text, lang)
}

// firstSentence is the first whole sentence of sents, its marks and
// dateline removed; "" when none is.
func firstSentence(sents []string, lang string) string {
	for _, s := range sents {
		if s = cleanSentence(s); utf8.RuneCountInString(s) >= 10 && endsSentence(s, lang) {
			return s
		}
	}
	return ""
}

// actorsOf reads the actors from a title and a first sentence.
func actorsOf(title, first, lang string) (subj map[string]bool, lead string) {
	subj = map[string]bool{}
	lead = fold(title + "\n" + first)
	if lang == "ja" {
		// The title's opening name: "ゼレンスキー大統領 ロシアに…".
		ft := fold(title)
		if m := jaPersonRe.FindStringSubmatchIndex(ft); m != nil && utf8.RuneCountInString(ft[:m[0]]) <= 1 {
			if n := personAt(ft, m); n != "" {
				subj[n] = true
			}
		}
		// Or the speaker the title is attributed to: "…=プーチン大統領",
		// "…「情報収集続ける」 木原官房長官".
		if i := strings.LastIndexAny(ft, "=＝ "); i >= 0 && len(subj) == 0 {
			_, size := utf8.DecodeRuneInString(ft[i:])
			speaker := ft[i+size:]
			if m := jaPersonRe.FindStringSubmatchIndex(speaker); m != nil && m[1] == len(speaker) && (ft[i] != ' ' || m[0] == 0) {
				if n := personAt(speaker, m); n != "" {
					subj[n] = true
				}
			}
		}
		// Or the title's subject: "…をメジンスキー団長が総括".
		if len(subj) == 0 {
			for _, m := range jaPersonRe.FindAllStringSubmatchIndex(ft, -1) {
				if r, _ := utf8.DecodeRuneInString(ft[m[1]:]); r == 'が' || r == 'は' {
					if n := personAt(ft, m); n != "" {
						subj[n] = true
					}
				}
			}
		}
		// Else the lead's subject: "ロシアのプーチン大統領は、…". A title
		// names the main actor; a lead's が may sit in a subordinate clause.
		rs := []rune(fold(first))
		if i := jaSubject(rs, protected(rs, "ja")); i > 0 && len(subj) == 0 {
			phrase := string(rs[:i])
			for _, m := range jaPersonRe.FindAllStringSubmatchIndex(phrase, -1) {
				if n := personAt(phrase, m); n != "" {
					subj[n] = true
				}
			}
		}
		return subj, lead
	}
	for _, t := range []string{title, first} {
		for _, m := range mentionsIn(enSubject(t)) {
			if m.Entity == entPerson {
				subj[m.Key] = true
			}
		}
	}
	return subj, lead
}

// enSubject is the capitalised run a sentence opens with ("Russian
// President Vladimir Putin told…"): where an English or Russian sentence
// names who acts. Only the people of the entity table found in it count:
// "Three people were killed" names no one.
func enSubject(s string) string {
	end := 0
	for _, w := range strings.Fields(s) {
		t := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
		r, _ := utf8.DecodeRuneInString(t)
		if t == "" || !unicode.IsUpper(r) {
			break
		}
		end = strings.Index(s[end:], w) + end + len(w)
	}
	return s[:end]
}

// actorKeys are an item's actors in the entity table's keys where it knows
// them (プーチン and Putin are one actor), else as found.
func actorKeys(subj map[string]bool) []string {
	var out []string
	for a := range subj {
		k := a
		for _, m := range mentionsIn(a) {
			if m.Entity == entPerson {
				k = m.Key
			}
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// actorsAgree: two items report one event only when the same people act:
// they share an actor, or each names the other's actor (Putin's report of
// his call with Trump, and Trump's). With no actor on either side,
// the other evidence decides alone. Actors are entity keys where the table
// knows them, so that this holds across languages; a name the table lacks
// counts as named where the other's folded lead holds it.
func actorsAgree(a, b *itemFeat) bool {
	if len(a.actors) == 0 || len(b.actors) == 0 {
		return true
	}
	for _, x := range a.actors {
		if contains(b.actors, x) {
			return true
		}
	}
	return namesAny(a.actors, b) && namesAny(b.actors, a)
}

// namesAny reports whether f names one of actors.
func namesAny(actors []string, f *itemFeat) bool {
	for _, x := range actors {
		if contains(f.leadEnts, x) || strings.Contains(f.lead, x) {
			return true
		}
	}
	return false
}

// personEnd: the title matched at s[:end] ends a person's name, not an
// office or a spokesperson (大統領府, 大統領補佐官, 大統領報道官, 大統領選,
// 教皇庁).
func personEnd(s string, end int) bool {
	r, _ := utf8.DecodeRuneInString(s[end:])
	return !strings.ContainsRune("府補選令報経夫官庁", r)
}

// personAt is the name of a jaPersonRe match m in s: the katakana part of
// "ショイグ安全保障会議" (the surname of セルゲイ・ショイグ) and a kanji name
// that is the whole kanji run before its title (not the tail of
// 北朝鮮金正恩); "" when it names no one.
func personAt(s string, m []int) string {
	if !personEnd(s, m[1]) {
		return ""
	}
	name := s[m[2]:m[3]]
	if r, _ := utf8.DecodeRuneInString(name); isKatakana(r) {
		name = strings.TrimRightFunc(name, isHan)
		if i := strings.LastIndex(name, "・"); i >= 0 && i+len("・") < len(name) {
			name = name[i+len("・"):]
		}
		return name
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:m[2]]); isHan(r) {
		return ""
	}
	// 日米外相, 米国務長官: a country and an office, no one's name.
	for _, e := range mentionsIn(s) {
		if e.Entity == entCountry && e.Start < m[3] && e.End > m[2] {
			return ""
		}
	}
	return name
}
