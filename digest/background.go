package digest

import (
	"regexp"
	"strings"
)

// Background is a sentence about the past or the setting of the event (the
// channel's ℹ️ line). A sentence that opens with a past-time phrase (先に,
// これまでに, Earlier, Ранее) or dates a state (以来, 2023年以降, since 2022)
// is the setting; one that only mentions the past somewhere is a weaker
// candidate; the words never count inside a quotation, nor in phrases such
// as これまでの主張 (a stance restated now), "a day earlier" (the event's
// own timeline) or "earlier on Monday" / "Ранее в понедельник" / 同日先に
// (the news day itself).
var (
	// Openers, after an optional topic ("日銀は先に、…").
	bgOpenRe  = regexp.MustCompile(`^(?:[^、。「」]{1,20}?[はも]、?)?(?:先に|これまでに|これまで|以前|かつて|前回|昨年|去年|先月|\d{1,2}月(?:上旬|中旬|下旬|末|初め|初旬))|^(?:Earlier|Previously|Last (?:year|month|week)|In (?:January|February|March|April|May|June|July|August|September|October|November|December|20\d\d)|Since 20\d\d)\b|^(?:Ранее|Прежде|В прошлом|Напомним|Как сообщалось|Как ранее сообщалось|Как известно)|^(?:As previously reported|As reported earlier|It was the \w+ (?:time|call|meeting|visit)|This (?:was|is) the \w+ (?:time|call|meeting|visit))\b`)
	bgSinceRe = regexp.MustCompile(`以来|\d{1,4}年(?:\d{1,2}月)?以降|\bsince (?:20\d\d|19\d\d|the start)|\bс 20\d\d года`)
	bgWeakRe  = regexp.MustCompile(`先に|これまで|以前|昨年|去年|先月|前回|かつて|\d{1,2}月(?:上旬|中旬|下旬|末|初め|初旬)|\b(?:[Ee]arlier (?:this|in|last)|[Pp]reviously|[Ll]ast (?:year|month|week)|[Ii]n the past)\b|[Рр]анее|[Пп]режде|[Вв] прошлом`)
	// Uses of the words that are about now.
	bgNotRe = regexp.MustCompile(`これまでの(?:主張|立場|見解|方針|姿勢|考え|認識|発言)|これまで(?:通り|どおり|と同様|と同じ)|従来の|\b(?:a day|days|hours?|minutes?|a week|weeks|moments?) earlier\b|\b[Ee]arlier (?:on |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|in the day|morning|afternoon)\b|[Рр]анее (?:в (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|сегодня|в тот же день|днем|утром)|(?:この日|同日)、?先に`)
)

// background grades a sentence as the ℹ️ line: bgSetting for the setting,
// bgMention for a mention of the past, 0 for none.
func background(s string) int {
	if !bgHinted(s) {
		return 0
	}
	t := unquoted(s)
	t = bgNotRe.ReplaceAllString(t, "　")
	switch {
	case bgOpenRe.MatchString(t) || bgSinceRe.MatchString(t):
		return bgSetting
	case bgWeakRe.MatchString(t):
		return bgMention
	}
	return 0
}

// bgHints are words one of the expressions above needs; a sentence with
// none of them is no background, and most sentences are spared the
// expressions.
var bgHints = []string{"先に", "これまで", "以前", "かつて", "前回", "昨年", "去年", "先月", "月上旬", "月中旬", "月下旬", "月末", "月初", "以来", "以降",
	"earlier", "previous", "last ", "in january", "in february", "in march", "in april", "in may", "in june", "in july", "in august",
	"in september", "in october", "in november", "in december", "in 20", "since", "in the past", "as reported", "it was the", "this was the", "this is the",
	"ранее", "прежде", "в прошлом", "напомним", "сообщалось", "известно", "с 20"}

func bgHinted(s string) bool {
	low := strings.ToLower(s)
	for _, h := range bgHints {
		if strings.Contains(low, h) {
			return true
		}
	}
	return false
}

// Background grades: a sentence that sets the scene in the past, one that
// only mentions it.
const (
	bgSetting = 2
	bgMention = 1
)

// unquoted is s with the text inside 「」『』“”«» and paired straight quotes
// blanked out, so that words someone said do not grade the sentence; a
// parenthesis (（RSF）) stays. One pass: it runs on every sentence read.
func unquoted(s string) string {
	rs := []rune(s)
	in := protected(rs, "")
	depth := map[rune]int{} // open quotation marks, by opener
	open := 0
	var sb strings.Builder
	sb.Grow(len(s))
	for i, r := range rs {
		switch r {
		case '「', '『', '“', '«':
			depth[r]++
			open++
		case '」', '』', '”', '»':
			if o := closerOf[r]; depth[o] > 0 {
				depth[o]--
				open--
			}
		case '"':
			if depth['"'] == 0 {
				depth['"'], open = 1, open+1
			} else {
				depth['"'], open = 0, open-1
			}
		}
		if in[i] && open > 0 && !strings.ContainsRune("「『“«\"", r) {
			sb.WriteRune('　')
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
