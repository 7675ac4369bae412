package main

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// outletNames are the outlets, channels and sites a reader of ja/en/ru news
// knows by name: never a headline, never a headline's tail. The checker's
// own list, written from the outlets the feeds quote and the common wires.
var outletNames = []string{
	"NHK", "NHK NEWS WEB", "共同通信", "共同", "Kyodo", "Kyodo News", "Киодо", "時事通信", "時事ドットコム", "時事",
	"Jiji", "Jiji Press", "Дзидзи Пресс", "ロイター", "ロイター通信", "Reuters", "Рейтер", "Рейтерс", "AP", "AP通信",
	"Associated Press", "The Associated Press", "Ассошиэйтед Пресс", "AFP", "AFP通信", "AFP時事", "AFPBB News",
	"Франс Пресс", "Bloomberg", "ブルームバーグ", "Блумберг", "TASS", "ТАСС", "タス", "タス通信", "РИА Новости",
	"RIA Novosti", "RIA", "RIAノーボスチ", "ノーボスチ通信", "Интерфакс", "Interfax", "INTERFAX.RU", "インタファクス",
	"インタファクス通信", "Sputnik", "Sputnik 日本", "スプートニク", "Спутник", "BBC", "BBC News", "Би-би-си", "CNN",
	"CNN.co.jp", "朝日新聞", "朝日新聞デジタル", "毎日新聞", "読売新聞", "日本経済新聞", "日経", "産経新聞", "産経ニュース",
	"東京新聞", "テレ朝news", "TBS NEWS DIG", "日テレNEWS", "FNNプライムオンライン", "Yahoo!ニュース", "47NEWS",
	"The Guardian", "The New York Times", "The Washington Post", "The Wall Street Journal", "Financial Times",
	"Al Jazeera", "The Kyiv Independent", "Kyiv Independent", "Коммерсантъ", "Известия", "РБК", "Взгляд",
	"Ведомости", "Lenta.ru", "Meduza", "Telegram", "X", "The Globe and Mail", "CityNews", "Xinhua", "新華社",
	"Синьхуа", "Yonhap", "聯合ニュース", "Euronews", "Politico", "Axios", "Fox News", "NBC News", "CBS News",
	"ABC News", "Deutsche Welle", "DW", "Радио Свобода", "RT", "ТАСС.ру",
}

// siteTailRe is the shape of a site's name at a title's end that is not in
// the list: a host, or words outlets end their names with.
var siteTailRe = regexp.MustCompile(`(?i)(\.(com|jp|ru|ca|net|org|uk|cn|co)\b|ドットコム$|ニュース$|新聞$|通信$|news$|online$|オンライン$|デジタル$|web$)`)

// tailSeps separate an article's title from its site's name.
var tailSeps = []string{" - ", " – ", " — ", " | ", "｜", "：", ": ", " / ", "／", " :: "}

var outletFolded = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range outletNames {
		m[matchForm(n)] = true
	}
	return m
}()

// isOutletName reports whether s, as a whole, names an outlet, a channel or
// a site (a host counts: it has a dot and no space).
func isOutletName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	return outletFolded[matchForm(s)] || isHost(s)
}

// isHost: a dot between letters and no space, as www3.nhk.or.jp, x.com.
var hostRe = regexp.MustCompile(`^(?i)(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$`)

func isHost(s string) bool { return hostRe.MatchString(strings.TrimSpace(s)) }

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

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func runeBefore(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// nounish: a character that can end a noun before a particle.
func nounish(r rune) bool {
	return isKanji(r) || isKatakana(r) || unicode.IsLetter(r) && r < 0x250 || unicode.IsDigit(r) ||
		strings.ContainsRune("）)」』】0123456789０１２３４５６７８９%％Q", r)
}

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

func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
