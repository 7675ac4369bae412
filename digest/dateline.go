package digest

import (
	"regexp"
	"strings"
)

// wireOutlets are the agencies whose names close a dateline.
const wireOutlets = `ロイター|AFP|AP|共同|時事|ブルームバーグ|新華社|聯合|タス|スプートニク|Sputnik|CNN|BBC|Reuters|Bloomberg|Xinhua|TASS|Yonhap|UPI|dpa|Kyodo|Jiji|AFP-JIJI|AFP=時事|ロイター=共同`

// Wire datelines: where and when the copy was filed, which a brief never
// shows. [\s　] because RE2's \s is ASCII only and Japanese wire copy pads
// with ideographic spaces.
var datelineRes = []*regexp.Regexp{
	// ［ワシントン　20日　ロイター］ - , [東京 20日 ロイター] -
	regexp.MustCompile(`^[［\[][^］\]\n]{0,40}?(?:` + wireOutlets + `)[\s　]*[］\]][\s　]*(?:[-－―—–]+[\s　]*)?`),
	// ［ジュネーブ　19日］ - : a bracketed place and day followed by a dash.
	regexp.MustCompile(`^[［\[][^］\]\n]{0,30}\d{1,2}日[^］\]\n]{0,20}[］\]][\s　]*[-－―—–]+[\s　]*`),
	// 【11月20日 AFP】, 【ワシントン＝共同】
	regexp.MustCompile(`^【[^】\n]{0,30}?(?:` + wireOutlets + `)[\s　]*】[\s　]*`),
	// 【ニューヨーク=佐藤拓也】, 【北京＝田中太郎、山田花子】: a paper's own
	// correspondent, named after the city. The city is one bare word and the
	// names hold no particle, so a channel's 【…=露外務省】 headline, whose
	// left side is a clause, stays.
	regexp.MustCompile(`^【[\p{Han}\p{Katakana}ー・]{1,10}[=＝][\p{Han}\p{Hiragana}\p{Katakana}ー・、]{1,16}】[\s　]*`),
	// （CNN） , (AP)
	regexp.MustCompile(`^[（(](?:` + wireOutlets + `|CNN\.co\.jp)[）)][\s　]*(?:[-－―—–]+[\s　]*)?`),
	// WASHINGTON, Nov 20 (Reuters) - , LONDON (AP) — , (Bloomberg) --,
	// KYIV, Ukraine (AP) — , POPLAR BLUFF, Mo. (AP) —
	regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}\s.'’\-]{1,40}(?:/\p{Lu}[\p{Lu}\s.'’\-]{1,40})?(?:,\s*\p{L}[\p{L}.]{1,9}\s+\d{1,2}(?:,\s*\d{4})?|,\s*\p{Lu}[\p{L}.]{1,14}(?:\s\p{Lu}[\p{L}.]{1,14})?)?\s*)?\((?:` + wireOutlets + `)(?:\s\p{Lu}\p{L}+)?\)\s*(?:-{1,2}|—|–)\s*`),
	// AFP's own: Viña del Mar (Chile) (AFP) – , Kyiv (AFP) - : the place
	// in its own case, the country in brackets.
	regexp.MustCompile(`^\p{Lu}[\p{L}'’\-]*(?:\s\p{L}[\p{L}'’\-]*){0,4}\s(?:\(\p{Lu}[\p{L}\s.]{1,30}\)\s)?\((?:` + wireOutlets + `)\)\s*(?:-{1,2}|—|–)\s*`),
	// Москва. 12 марта. INTERFAX.RU - , КИЕВ, 12 марта. INTERFAX.RU -
	regexp.MustCompile(`^(?:\p{Lu}[\p{L}\s\-]{1,30}[.,]\s*\d{1,2}\s+\p{Ll}+\.?\s*)?INTERFAX\.RU\s*[-—–]\s*`),
	// МОСКВА, 4 июня. /ТАСС/. , МОСКВА, 4 июн - РИА Новости.
	regexp.MustCompile(`^\p{Lu}[\p{Lu}\s\-]{1,30},\s*\d{1,2}\s+\p{Ll}+\.?\s*(?:/(?:ТАСС|ТАСС-ДОСЬЕ)/\.?|[-—–]\s*(?:РИА Новости|Интерфакс|ТАСС)\.?)\s*`),
}

// stripDateline removes a wire dateline from the start of s; s is returned
// unchanged when it has none, or when nothing would be left.
func stripDateline(s string) string {
	if !datelineHinted(s) {
		return s
	}
	for _, re := range datelineRes {
		if loc := re.FindStringIndex(s); loc != nil && loc[1] > 0 {
			if rest := strings.TrimLeft(s[loc[1]:], " 　"); rest != "" {
				return rest
			}
		}
	}
	return s
}

// datelineHinted reports a start that some dateline above could match: an
// opening bracket, or within its first characters a bracketed agency or a
// Russian agency's name. Every sentence of every item passes here, and
// nearly none holds a dateline.
func datelineHinted(s string) bool {
	if strings.HasPrefix(s, "［") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "【") ||
		strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(") {
		return true
	}
	head := s[:min(len(s), datelineHead)]
	return strings.Contains(head, "(") || strings.Contains(head, "INTERFAX") ||
		strings.Contains(head, "ТАСС") || strings.Contains(head, "РИА") || strings.Contains(head, "Интерфакс")
}

// datelineHead bounds where a dateline's agency stands: the longest form,
// "POPLAR BLUFF, Mo. (AP) —" with a two-part place, ends well before it.
const datelineHead = 160
