package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// A breaking mark stands alone: 【速報】, 速報：, BREAKING:, never the
	// 緊急 of 緊急会合 or the 速報 of 速報値.
	breakingRe   = regexp.MustCompile(`(?:^|[【［\[\s❗‼⚡\x{FE0F}])(?:速報|緊急|BREAKING|Breaking|СРОЧНО|Срочно|МОЛНИЯ)(?:[】］\]:：\s!！]|$)`)
	breakingHead = regexp.MustCompile(`^(?:速報|緊急|BREAKING|Breaking|СРОЧНО|Срочно|МОЛНИЯ)\s*[:：]\s*`)
	// titleMarkRe is a desk's label before a headline: 【速報】, ［独自］,
	// 速報：, BREAKING:, a wire's rubric (インタビュー：, 焦点：, 再送：),
	// possibly several; the opener may have been trimmed. Opinion rubrics
	// (社説：, コラム：) are not here: they say what the item is.
	titleMarkRe = regexp.MustCompile(`^[\s　]*(?:[【［\[]?[\s　]*(?:速報|独自|更新|詳報|続報|緊急|中継|動画|インタビュー|BREAKING(?: NEWS)?|Breaking(?: news)?|UPDATE[D1-9 ]*|Update|EXCLUSIVE|Exclusive|СРОЧНО|Срочно|МОЛНИЯ|ЭКСКЛЮЗИВ)[\s　]*[】］\]]|(?:速報|独自|緊急|インタビュー|焦点|アングル|情報(?:BOX|ＢＯＸ)|訂正|再送|BREAKING(?: NEWS)?|Breaking(?: news)?|UPDATE|Update|EXCLUSIVE|Exclusive|СРОЧНО|Срочно|МОЛНИЯ)[\s　]*[:：\-—])[\s　]*`)
	// The same labels inside a title, bracketed.
	inlineMarkRe   = regexp.MustCompile(`[【［][\s　]*(?:速報|独自|更新|詳報|続報|緊急|中継|動画)[\s　]*[】］][\s　]*`)
	closeBracketRe = regexp.MustCompile(`】[\s　]*`)
	datePhraseRe   = regexp.MustCompile(`([はが])\d{1,2}日(?:午前|午後|夜|朝)?、`)
	// placeDateRe is a day between a place and what happened there
	// (フィリピン中部に10日、台風が…): a headline reads on without it.
	placeDateRe = regexp.MustCompile(`([にで])\d{1,2}日(?:午前|午後|夜|朝|未明)?、`)
	numberingRe = regexp.MustCompile(`^(?:\d{1,2}(?:[.．)）]|　)|[・•\-–—])\s*`)
	// A bare attribution ("在北朝鮮ロシア大使館が同日、明らかにした。") only
	// makes sense under the sentence it follows.
	attributionRe = regexp.MustCompile(`^.{0,30}(?:が|は)[^。「」]{0,14}?(?:明らかにした|発表した|伝えた|報じた|語った|述べた|明らかにしました|発表しました|伝えました|語りました|述べました)。$`)
	// A sentence that starts with a particle lost its beginning (a link
	// the text was cut from).
	brokenHeadRe = regexp.MustCompile(`^(?:によると|によれば|は|が|を|に|で|と|も|の|や)[^\p{Hiragana}]`)
	// Bidirectional controls never belong in a brief: U+202E would turn a
	// headline around.
	bidiRe = regexp.MustCompile(`[\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{061C}]`)
)

// siteSuffixes is how many site names a title may end with ("… 写真3枚
// 国際ニュース：AFPBB News" has two, and a bar before them).
const siteSuffixes = 3

// marks are the channel's own signs at the start of a line.
var marks = []string{"🔸", "🔹", "ℹ️", "ℹ", "❗️", "❗", "‼️", "🗨️", "🗨", "🎥", "🎤", "📰", "⚡️", "⚡", "👉", "▶️", "■", "●", "◆", "・"}

// cleanSentence removes the marks a channel post puts around a sentence
// (🔸, ❗️, flags, numbering, 速報:, an opening connective) and trailing
// emoji; the brief adds its own.
func cleanSentence(s string) string {
	t, _ := cleanMarks(s)
	_, rest := leadingConnective(t)
	return rest
}

// cleanMarks removes a channel's marks, flags, numbering, a dateline, a
// breaking label, a trailing credit and emoji from a sentence, and returns
// the first mark it carried ("🔸", "ℹ️"…; "" for none). The speaking head
// 🗣️ becomes "：" (ペスコフ氏🗣️… → ペスコフ氏：…).
func cleanMarks(s string) (string, string) {
	s = bidiRe.ReplaceAllString(s, "")
	s = stripDateline(strings.TrimSpace(s))
	mark := ""
	for {
		trimmed := false
		for _, m := range marks {
			if strings.HasPrefix(s, m) {
				if mark == "" {
					mark = strings.TrimSuffix(m, "\uFE0F")
				}
				s, trimmed = strings.TrimSpace(s[len(m):]), true
			}
		}
		if !trimmed {
			break
		}
	}
	for {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("「『“«\"'(（【［[", r) {
			break
		}
		if mark == "" && (r == '—' || r == '–' || r == '-') {
			mark = "—" // a dash list's item
		}
		if r == '🗨' && mark == "" {
			mark = "🗨"
		}
		s = strings.TrimSpace(s[size:])
	}
	s = stripDateline(s) // after a flag or ❗️ too
	if m := numberingRe.FindString(s); m != "" && len(m) < len(s) {
		s = s[len(m):]
	}
	s = dropLiveHead(breakingHead.ReplaceAllString(s, ""))
	s = strings.ReplaceAll(s, "🗣️", "：")
	s = strings.ReplaceAll(s, "🗣", "：")
	s = dropEmoji(s)
	return dropCredit(strings.TrimSpace(s)), mark
}

// dropEmoji removes pictographs (and their joiners and variation
// selectors) anywhere in s, and trailing symbols.
func dropEmoji(s string) string {
	s = strings.Map(func(r rune) rune {
		if isEmoji(r) || r == 0xFE0F || r == 0x200D {
			return -1
		}
		return r
	}, s)
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r)
	})
}

// isEmoji: a pictograph or a regional indicator (flags), not a letter-like
// symbol such as ℹ or ™ that text uses.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF || r == 0x2139 || r == 0x203C || r == 0x2049
}

// cleanTitle removes 【】, desk labels, the site's name (as splitSite cuts
// it, a bar trusted), emoji and bidi controls from a title.
func cleanTitle(t string) string {
	t = strings.TrimSpace(bidiRe.ReplaceAllString(t, ""))
	for {
		m := titleMarkRe.FindStringIndex(t)
		if m == nil || m[1] == 0 || m[1] == len(t) {
			break
		}
		t = t[m[1]:]
	}
	t = inlineMarkRe.ReplaceAllString(t, "")
	for range siteSuffixes {
		title, _ := splitSite(t, "", true)
		if title == "" || title == t {
			break // a label alone stays for the caller to refuse; nothing more to cut
		}
		t = title
	}
	t = dropLiveLabels(t)
	// The brief adds its own 【】; any left inside would nest or dangle.
	t = strings.TrimSpace(closeBracketRe.ReplaceAllString(strings.ReplaceAll(t, "【", ""), " "))
	return strings.TrimRightFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || r == 0xFE0F || r == '…'
	})
}

// firstPerson reports a Japanese sentence whose own voice (outside 「」)
// says 私: a commentator's opinion, not a report.
func firstPerson(s string) bool {
	in := protected([]rune(s), "ja")
	for i, r := range []rune(s) {
		if r == '私' && !in[i] {
			return true
		}
	}
	return false
}

// endsSentence reports whether s closes like a sentence of lang. A
// closing quote counts only when it closes one the sentence opened: an
// NHK sub-heading "トランプ大統領 黒海での停戦を提案”" ends in a stray ”.
func endsSentence(s, lang string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("」』）)”»\"'’", r) && !balanced(s) {
		return false
	}
	if lang == "ja" {
		return strings.ContainsRune("。！？!?」』）)”", r)
	}
	return strings.ContainsRune(".!?\"”»)'’", r)
}

// question reports a sentence that asks rather than tells: it ends in a
// question mark, or in Japanese asks with なぜ…か。 or …のか。/…だろうか。
func question(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "」』”»\"'’)）"))
	return r == '?' || r == '？' || (r == '。' && strings.HasSuffix(s, "か。") && jaQuestionRe.MatchString(unquoted(s)))
}

// jaQuestionRe is a Japanese question that ends in 。.
var jaQuestionRe = mustGate(`^(?:なぜ|どうして|何故).*か。$|(?:のか|だろうか|ではないか|でしょうか)。$`)

// pureQuote is a sentence that is only a quotation, without its speaker.
func pureQuote(s string) bool {
	f, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("「“«\"", f) && strings.ContainsRune("」”»\"", l) && closerOf0([]rune(s)) == utf8.RuneCountInString(s)-1
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// balanced reports whether every quote or bracket in t is closed.
func balanced(t string) bool {
	depth := map[rune]int{}
	for _, r := range t {
		if c, ok := bracketPairs[r]; ok {
			depth[c]++
		} else if _, ok := closerOf[r]; ok {
			if depth[r] == 0 {
				return false
			}
			depth[r]--
		}
	}
	for _, d := range depth {
		if d != 0 {
			return false
		}
	}
	return true
}

// isQuote reports a sentence that is, or mostly is, someone's own words.
func isQuote(s string) bool {
	rs := []rune(s)
	if len(rs) == 0 {
		return false
	}
	if strings.ContainsRune("「“«\"", rs[0]) {
		// 「クモの巣作戦」と呼ばれた…: a name in brackets opens the
		// sentence, not someone's words.
		if c := closerOf0(rs); c < 0 || c == len(rs)-1 || c >= 11 {
			return true
		}
	}
	inside, depth := 0, 0
	for _, r := range rs {
		switch r {
		case '「', '“', '«':
			depth++
		case '」', '”', '»':
			if depth > 0 {
				depth--
			}
		default:
			if depth > 0 {
				inside++
			}
		}
	}
	return inside >= minQuoted && inside*10 >= len(rs)*quotedTenths
}

const (
	// minQuoted: fewer quoted characters are a phrase (「検討する」), not
	// someone's words worth a 🗨️.
	minQuoted = 20
	// quotedTenths: a sentence whose words are at least this many tenths
	// someone's own is their quotation, whatever frames it.
	quotedTenths = 4
)

// closerOf0 is the index of the bracket closing rs[0], or -1.
func closerOf0(rs []rune) int {
	in := protected(rs, "")
	for i := 1; i < len(rs); i++ {
		if !in[i] {
			if _, ok := closerOf[rs[i]]; ok || rs[i] == '"' {
				return i
			}
			return -1 // never closed
		}
	}
	return -1
}

// overlap is the share of the shorter text's character bigrams found in the
// other: near-repeats across outlets differ in endings, not in substance.
func overlap(x, y map[string]bool) float64 {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return 0
	}
	n := 0
	for k := range x {
		if y[k] {
			n++
		}
	}
	return float64(n) / float64(len(x))
}

// shingles are what near-copies share: character bigrams of Japanese (a
// word is two or three kanji), word pairs of English and Russian (their
// letter pairs are common to any two sentences).
func shingles(s, lang string) map[string]bool {
	if lang == "ja" {
		return bigrams(s)
	}
	var ws []string
	for _, w := range strings.Fields(fold(s)) {
		if w = scrub(w); w != "" {
			ws = append(ws, w)
		}
	}
	m := map[string]bool{}
	for i := 0; i+1 < len(ws); i++ {
		m[ws[i]+" "+ws[i+1]] = true
	}
	return m
}

// bigrams are the character bigrams of a text's matching form.
func bigrams(s string) map[string]bool {
	rs := []rune(fold(s))
	m := map[string]bool{}
	for i := 0; i+1 < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) && !unicode.IsPunct(rs[i]) {
			m[string(rs[i:i+2])] = true
		}
	}
	return m
}
