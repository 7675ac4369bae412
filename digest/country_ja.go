package digest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Japanese headlines and wire copy name countries by one character: 露米
// 首脳, 訪中, 宇軍, 独国防相, 対ロ制裁, 印パ. Most of these characters also
// start or end common words (中央, 日曜, 英語, 独自, 宇宙, 豪雨, 参加), so
// one counts only where its context says it is the country:
//
//   - paired with another (日米, 露朝, 米中, 日米韓, 日・米・豪・印);
//   - after 訪 対 駐 在 and the like (訪米, 対ロ, 駐日, 在日米軍);
//   - before an institution, a title or a region word (米大統領, 露国防省,
//     宇軍, 米中西部: the US Midwest, where 中 is no China), or a name in
//     katakana or Latin letters (米アップル, 英BBC);
//   - 露 and 宇, which start few words (露天, 宇宙: false friends), also
//     before a particle, punctuation or katakana (宇による攻撃, 露、); not
//     before other kanji, where they start surnames (宇高, 露木).
//
// A character right after a digit (4日) or inside a kanji word (欧米,
// 毎日, 単独) never counts — 年 ends a date, not a word (2006年日米) — and
// the words that would pass the rules above by accident (中西部, 中東,
// 独自, 宇宙, 日本時間…) are false friends in country.go that hide the
// character.
type shortForm struct {
	r        rune
	country  string
	prefixes string // kanji that may stand right before it: 訪 in 訪米
	suffixes bool   // whether an institution or title after it counts (not for 中 日 朝 台 パ)
	loose    bool   // whether anything but kanji after it counts (露 and 宇)
}

var shortForms = []shortForm{
	{'露', "RU", "訪対駐在親反離前元現", true, true},
	{'ロ', "RU", "訪対駐在親反離", true, false},
	{'米', "US", "訪対駐在親反離前元現全渡", true, false},
	{'宇', "UA", "訪対駐在親反", true, true},
	{'英', "GB", "訪対駐在親反離前元現全渡", true, false},
	{'仏', "FR", "訪対駐在親反前元現渡", true, false},
	{'独', "DE", "訪対駐在親反前元現渡", true, false},
	{'伊', "IT", "訪対駐在前元現", true, false},
	{'印', "IN", "訪対駐在前元現", true, false},
	{'豪', "AU", "訪対駐在前元現", true, false},
	{'加', "CA", "訪対駐在", true, false},
	{'韓', "KR", "訪対駐在親反離前元現", true, false},
	{'中', "CN", "訪対駐親反", false, false},
	{'日', "JP", "訪対駐在来離親反", false, false},
	{'朝', "KP", "訪対", false, false},
	{'台', "TW", "", false, false},
	{'パ', "PK", "", false, false},
}

// shortSuffixes after a one-character form make it the country: its
// institutions, offices, forces, media, economy and regions.
var shortSuffixes = newSuffixList(`大統領 副大統領 首相 副首相 外相 国防相 蔵相 財務相 経済相 商務相 貿易相 外務省 国防省 国務省
国防総省 国務長官 国防長官 財務長官 商務長官 通商代表 大統領府 首相府 司法省 商務省 財務省 中央 中距離 独自 連邦 連銀 中銀
政府 政権 与党 野党 議会 上院 下院 議員 大統領選 中間選挙 当局 当局者 高官 報道官 特使 代表 大使 大使館 領事館
軍 兵 艦 空軍 海軍 陸軍 海兵隊 部隊 艦隊 情報機関 紙 誌 メディア 通信 国営 放送 首脳 両国 国内 国民 世論 企業
大手 会社 親会社 子会社 産 製 系 株 市場 経済 景気 金利 関税 通商 貿易 外交 主導 側 ・ 領 領土 飛行場 基地 空港 施設 港 都市 国境
女性 男性 歌手 選手
東部 西部 南部 北部 中部 中西部 北東部 北西部 南東部 南西部 東海岸 西海岸 本土 全土 各地 領内 極東`)

// pairSuffixes after 日中 make it Japan and China rather than "daytime":
// 日中関係, 日中首脳会談 (中日, the Chunichi, is a false friend).
var pairSuffixes = newSuffixList(`関係 首脳 会談 協議 対話 外相 両国 間 友好 国交 共同 韓 経済 貿易 合意 協力 戦争 平和 条約`)

// topicSuffixes after a Japanese country name make it the subject matter,
// not an actor: ウクライナ情勢, イラン問題.
var topicSuffixes = newSuffixList(`情勢 問題 危機 紛争 戦争 国境 方面`)

// suffixList indexes words by their first rune: the lists are read at every
// country word.
type suffixList map[rune][]string

func newSuffixList(words string) suffixList {
	m := suffixList{}
	for _, w := range strings.Fields(words) {
		r := leadRune(w)
		m[r] = append(m[r], w)
	}
	return m
}

// startsWith reports whether s starts with one of the words.
func (l suffixList) startsWith(s string) bool {
	for _, w := range l[leadRune(s)] {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

var shortByRune = func() map[rune]shortForm {
	m := map[rune]shortForm{}
	for _, s := range shortForms {
		m[s.r] = s
	}
	return m
}()

// resolveShorts drops the one-character forms their context does not
// confirm (see shortForm).
func resolveShorts(text string, toks []tok) []tok {
	const (
		hard     = 1 << iota // part of a word or a date: 毎日, 4日
		prefixed             // after 訪, 対…: 訪米
		keep
	)
	state := make([]uint8, len(toks))
	for k, t := range toks {
		if t.short == 0 {
			continue
		}
		p := matchRune(runeBefore(text, t.start))
		switch {
		case t.start == 0 || k > 0 && toks[k-1].end == t.start || p == '年':
		case '0' <= p && p <= '9' || unicode.IsDigit(p):
			state[k] = hard
		case isHan(p):
			if strings.ContainsRune(shortByRune[t.short].prefixes, p) {
				state[k] = prefixed
			} else {
				state[k] = hard
			}
		}
	}
	for k := 0; k < len(toks); {
		if toks[k].short == 0 || state[k]&hard != 0 {
			k++
			continue
		}
		// The run of one-character forms that starts here: 日米韓, 日・米.
		j := k
		for j+1 < len(toks) && toks[j+1].short != 0 && state[j+1]&hard == 0 &&
			(toks[j+1].start == toks[j].end || text[toks[j].end:toks[j+1].start] == "・") &&
			!runHas(toks[k:j+1], toks[j+1].short) {
			j++
		}
		after := text[toks[j].end:]
		pair := j > k
		if pair && j == k+1 && runHas(toks[k:j+1], '日') && runHas(toks[k:j+1], '中') &&
			!pairSuffixes.startsWith(after) && !shortSuffixes.startsWith(after) {
			pair = false // 日中 is also "daytime"
		}
		for m := k; m <= j; m++ {
			s := shortByRune[toks[m].short]
			ok := false
			switch {
			case pair:
				// 訪米中, 来日中: visiting the US, in Japan — 中 is "during".
				ok = !(m == j && s.r == '中' && state[k]&prefixed != 0 && strings.ContainsRune("訪来在駐", runeBefore(text, toks[k].start)))
			case state[m]&prefixed != 0:
				ok = true
			default:
				rest := text[toks[m].end:]
				next := scriptOf(matchRune(leadRune(rest)))
				ok = s.suffixes && (shortSuffixes.startsWith(rest) || next == clsKata || next == clsLatin) ||
					s.loose && next != clsHan
			}
			if ok {
				state[m] |= keep
			}
		}
		k = j + 1
	}
	out := toks[:0]
	for k, t := range toks {
		if t.short == 0 || state[k]&keep != 0 {
			out = append(out, t)
		}
	}
	return out
}

// runHas reports whether one of toks is the one-character form r.
func runHas(toks []tok, r rune) bool {
	for _, t := range toks {
		if t.short == r {
			return true
		}
	}
	return false
}

func runeBefore(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func leadRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isTopicAfter: a Japanese country word followed by 情勢, 問題… (see
// topicSuffixes).
func isTopicAfter(text string, t tok) bool {
	last, _ := utf8.DecodeLastRuneInString(text[:t.end])
	return (isHan(last) || isKatakana(last)) && topicSuffixes.startsWith(text[t.end:])
}
