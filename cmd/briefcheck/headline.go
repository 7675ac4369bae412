package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkHeadline judges the text between 【 and 】 by every headline rule.
func checkHeadline(res *result, bi int, j *judged, in *input) {
	h := j.rd.headline
	if h == "" {
		res.add(colHLength, bi, "", "no 【headline】")
		return
	}
	if n := headlineName(h); n != "" {
		res.add(colHName, bi, h, "names "+n)
	}
	if f := forbiddenIn(h, in, j); f != "" {
		res.add(colHForbidden, bi, h, "holds "+f)
	}
	if c := headlineCaption(h); c != "" {
		res.add(colHCaption, bi, h, "caption: "+c)
	}
	var texts []string
	for _, u := range j.units {
		texts = append(texts, u.text)
	}
	if c := headlineCut(h, texts); c != "" {
		res.add(colHCut, bi, h, c)
	}
	if e := headlineEmoji(h); e != "" {
		res.add(colHEmoji, bi, h, "holds "+e)
	}
	if l := headlineLength(h, j.pb.Language); l != "" {
		res.add(colHLength, bi, h, l)
	}
	if ld := j.rd.lead(); ld != nil && sameAsLead(h, ld.text) {
		res.add(colHLead, bi, h, "is the lead: "+clip(ld.text, 40))
	}
	if why := speculativeChosen(h, j); why != "" {
		res.add(colHSpeculative, bi, h, why)
	}
}

// forbiddenIn returns a string the fixture forbids in this headline.
func forbiddenIn(h string, in *input, j *judged) string {
	all := slices.Clone(in.forbidden)
	for _, u := range j.units {
		if u.exp != nil {
			all = append(all, u.exp.HeadlineForbidden...)
		}
	}
	fh := folded(h)
	for _, f := range all {
		if f != "" && strings.Contains(fh, folded(f)) {
			return f
		}
	}
	return ""
}

// speculativeChosen: the headline is speculative (by the words, or it is
// a title labelled speculative) while a report of the story in the
// brief's language has a settled title, among the reports it was made from
// (judged.sources: BBC's two O'Sullivan stories share a sentence, not a
// brief).
func speculativeChosen(h string, j *judged) string {
	why := speculative(h)
	units := j.sources()
	for _, u := range units {
		if u.status == "speculative" && u.title != "" && bare(u.title) == bare(h) {
			why = "labelled speculative"
		}
	}
	if why == "" || len(units) < 2 {
		return ""
	}
	for _, u := range units {
		if u.title == "" || u.lang != j.pb.Language || isHost(u.title) {
			continue
		}
		settled := u.status == "settled" || u.status == "" && speculative(u.title) == ""
		if settled {
			return "speculative (" + why + ") over settled " + clip(u.title, 40)
		}
	}
	return ""
}

// headlineName returns the outlet or site name the headline is or ends in,
// or "".
func headlineName(h string) string {
	if isOutletName(h) {
		return h
	}
	for _, sep := range tailSeps {
		i := strings.LastIndex(h, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(h[i+len(sep):])
		if tail != "" && (isOutletName(tail) || siteTailRe.MatchString(tail)) {
			return tail
		}
	}
	return ""
}

// captionMarks point at something below: a caption, not a headline.
var captionMarks = []string{"👇", "⬇️", "⬇", "⤵️", "⤵", "🔽", "👆", "☝️"}

// headlineCaption returns why the headline reads as a caption, or "".
func headlineCaption(h string) string {
	for _, m := range captionMarks {
		if strings.Contains(h, m) {
			return m
		}
	}
	f := folded(h)
	for _, w := range []string{"telegram", "テレグラム", "телеграм"} {
		if strings.Contains(f, w) {
			return "Telegram"
		}
	}
	if strings.HasSuffix(h, ":") || strings.HasSuffix(h, "：") {
		return "ends in a colon"
	}
	return ""
}

// jaCutEnds are the endings of a Japanese headline cut mid-clause: a topic
// or subject with no predicate, a genitive or "and" with nothing after it,
// a comma, a conjunctive form. Headline Japanese ends in other particles on
// purpose (…停戦に, …被害で, …攻撃について, …対話を): those pass.
var jaCutEnds = []string{"は", "が", "の", "と", "や", "、", "，",
	"し", "して", "され", "ており", "に対し", "による", "によると", "また", "そのうえで"}

// westernCutEnds: a headline that ends in a function word or a comma.
var westernCutEnds = map[string]bool{
	"and": true, "or": true, "the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "for": true,
	"with": true, "on": true, "at": true, "by": true, "from": true, "that": true, "as": true, "but": true,
	"и": true, "в": true, "во": true, "на": true, "с": true, "со": true, "по": true, "о": true, "об": true,
	"к": true, "за": true, "из": true, "для": true, "что": true, "а": true, "но": true, "или": true, "от": true,
}

// headlineCut returns why the headline reads as cut mid-clause, or "". A
// headline is cut when it ends in a particle, a comma, a conjunctive form,
// a function word or an ellipsis, or when it is a strict prefix of a
// sentence of one of the story's texts (the feed truncated the title).
func headlineCut(h string, texts []string) string {
	t := strings.TrimRight(h, " \u3000")
	switch {
	case strings.HasSuffix(t, "…"), strings.HasSuffix(t, "..."), strings.HasSuffix(t, ","):
		return "ends in " + string(lastRune(t))
	}
	if scriptOf(t) == "ja" {
		for _, e := range jaCutEnds {
			// a one-kana ending counts only after kanji, katakana or a digit:
			// 〜について is cut, 〜か is a title's question
			if strings.HasSuffix(t, e) && (utf8.RuneCountInString(e) > 1 || nounish(runeBefore(t, len(t)-len(e)))) {
				return "ends in " + e
			}
		}
	} else {
		ws := strings.Fields(t)
		if len(ws) > 0 && westernCutEnds[strings.ToLower(ws[len(ws)-1])] {
			return "ends in " + ws[len(ws)-1]
		}
	}
	hf := matchForm(h)
	if len([]rune(hf)) < 8 {
		return ""
	}
	for _, text := range texts {
		for _, s := range sentences(text) {
			sf := matchForm(s)
			if strings.HasPrefix(sf, hf) && len(sf) > len(hf) {
				if rest := sf[len(hf):]; strings.TrimFunc(rest, isEndPunct) != "" {
					return "prefix of " + clip(s, 40)
				}
			}
		}
	}
	return ""
}

// isEndPunct: what may follow a whole title in its text (its end mark or
// the bracket around it).
func isEndPunct(r rune) bool { return strings.ContainsRune("。．.!?！？」』”\"】）)", r) }

// headlineEmoji returns the first emoji or bidi control inside 【】, or "".
func headlineEmoji(h string) string {
	for _, r := range h {
		if isEmoji(r) || isBidi(r) {
			return string(r)
		}
	}
	return ""
}

func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, flags, emoticons
		r >= 0x2600 && r <= 0x27BF, // symbols and dingbats: ❗ ✅ ☝
		r >= 0x2B00 && r <= 0x2BFF, // ⬇ ⭐
		r == 0x2934, r == 0x2935, r == 0x2139, r == 0x203C, r == 0x2049,
		r == 0x200D, r == 0xFE0F, r == 0x20E3:
		return true
	}
	return false
}

func isBidi(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// Headline lengths in visible characters: the editor's Japanese headlines
// are 36–37 characters; under 12 a Japanese headline says too little to
// tell the event, over 40 it is a sentence. English and Russian words are
// about three times as long.
const (
	jaHeadlineMin, jaHeadlineMax           = 12, 40
	westernHeadlineMin, westernHeadlineMax = 20, 100
)

// headlineLength returns why the headline's length is out of range, or "".
func headlineLength(h, lang string) string {
	n := visibleLen(h)
	lo, hi := westernHeadlineMin, westernHeadlineMax
	if lang == "ja" {
		lo, hi = jaHeadlineMin, jaHeadlineMax
	}
	if n < lo || n > hi {
		return fmt.Sprintf("%d characters (%d–%d)", n, lo, hi)
	}
	return ""
}

// sameAsLead reports whether the headline is the lead sentence again: equal
// once marks, spaces and end punctuation are gone, or one holding the
// other where the shorter is at least 80% of the longer.
func sameAsLead(h, lead string) bool {
	a, b := bare(h), bare(trimAttribution(lead))
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	short, long := a, b
	if len([]rune(short)) > len([]rune(long)) {
		short, long = long, short
	}
	return strings.Contains(long, short) && len([]rune(short))*5 >= len([]rune(long))*4
}

// bare is the match form of s with punctuation, symbols and emoji gone.
func bare(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) || isEmoji(r) {
			return -1
		}
		return r
	}, matchForm(s))
}

// speculative returns the word that makes a title speculative, or "": a
// Japanese segment ending in か, も, 見通し, 調整へ, 検討, 可能性; may, might,
// could, reportedly, likely, expected to, a question mark; может, могут,
// возможно, вероятно, якобы, не исключ-.
func speculative(title string) string {
	t := strings.TrimSpace(title)
	if strings.ContainsAny(t, "?？") {
		return "?"
	}
	if scriptOf(t) == "ja" {
		for _, seg := range strings.FieldsFunc(unquote(t, "Q"), func(r rune) bool {
			return unicode.IsSpace(r) || r == '、' || r == '，' || r == '＝' || r == '='
		}) {
			for _, e := range []string{"か", "も", "見通し", "調整へ", "検討", "可能性"} {
				if strings.HasSuffix(seg, e) && !strings.HasSuffix(seg, "少なくとも") && !strings.HasSuffix(seg, "とも") {
					return e
				}
			}
		}
		return ""
	}
	f := " " + strings.Join(strings.FieldsFunc(folded(t), func(r rune) bool { return !unicode.IsLetter(r) }), " ") + " "
	for _, w := range []string{"may", "might", "could", "reportedly", "likely", "expected to", "possibly",
		"может", "могут", "возможно", "вероятно", "якобы", "не исключ"} {
		if strings.Contains(f, " "+w+" ") || (strings.HasSuffix(w, "исключ") && strings.Contains(f, " "+w)) {
			return w
		}
	}
	return ""
}
