package digest

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// names are the tokens that tell one event from another that shares its
// vocabulary: katakana runs (プーチン, レオ), kanji names before a title
// (金正恩総書記), capitalised words, and numbers of two digits or more.
var (
	kanjiNameRe = regexp.MustCompile(`(\p{Han}{2,4}?)(?:総書記|大統領|首相|外相|国防相|防衛相|財務相|長官|報道官|補佐官|書記|特使|大使|議長|知事|市長|容疑者|被告|選手|監督|氏|総裁|代表|幹事長|官房長官)`)
	numberRe    = regexp.MustCompile(`\d+(?:[.,]\d+)?`)
)

// katakanaStop are katakana words too common in news to name an event.
var katakanaStop = toSet(`ニュース コメント メディア システム グループ サービス ビジネス ポイント データ ネット インターネット オンライン テロ ドローン ミサイル`)

func names(s, lang string) map[string]bool {
	f := fold(s)
	out := map[string]bool{}
	if lang == "ja" {
		rs := []rune(f)
		for i := 0; i < len(rs); {
			if !isKatakana(rs[i]) || rs[i] == 'ー' {
				i++
				continue
			}
			j := i
			for j < len(rs) && isKatakana(rs[j]) {
				j++
			}
			if w := string(rs[i:j]); j-i >= 2 && !katakanaStop[w] {
				out[w] = true
			}
			i = j
		}
		for _, m := range kanjiNameRe.FindAllStringSubmatch(f, -1) {
			out[m[1]] = true
		}
	} else {
		// Capitalised words, except where a sentence starts.
		words := strings.Fields(s)
		for i, w := range words {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			r, _ := utf8.DecodeRuneInString(w)
			if w == "" || !unicode.IsUpper(r) {
				continue
			}
			if i > 0 {
				prev := words[i-1]
				last, _ := utf8.DecodeLastRuneInString(prev)
				if last == '.' || last == '!' || last == '?' || last == ':' {
					continue
				}
			} else {
				continue
			}
			if t := wordToken(w, lang); t != "" {
				out[t] = true
			}
		}
	}
	for _, n := range numberRe.FindAllString(f, -1) {
		if len(n) >= 2 {
			out["#"+n] = true
		}
	}
	return out
}

// sketch is a bottom-k MinHash of the character 5-grams of s: the k
// smallest distinct shingle hashes. Two sketches estimate the Jaccard
// similarity of the shingle sets, which finds near-copies of one text.
const sketchK = 32

func sketch(s string) []uint64 {
	const n = 5
	// A window of the last n runes slides over the matching form; the k
	// smallest distinct hashes are kept in a sorted slice.
	var win [n]rune
	seen := 0
	out := make([]uint64, 0, sketchK+1)
	for _, r := range fold(s) {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		if seen >= 800 {
			break
		}
		copy(win[:], win[1:])
		win[n-1] = r
		if seen++; seen < n {
			continue
		}
		h := uint64(14695981039346656037)
		for _, c := range win {
			h ^= uint64(c)
			h *= 1099511628211
		}
		// Mix so that the low values are spread over all shingles.
		h ^= h >> 33
		h *= 0xff51afd7ed558ccd
		h ^= h >> 33
		if len(out) == sketchK && h >= out[sketchK-1] {
			continue
		}
		j := sort.Search(len(out), func(k int) bool { return out[k] >= h })
		if j < len(out) && out[j] == h {
			continue
		}
		out = append(out, 0)
		copy(out[j+1:], out[j:])
		out[j] = h
		if len(out) > sketchK {
			out = out[:sketchK]
		}
	}
	if seen < n {
		return nil
	}
	return out
}

// resemblance estimates the Jaccard similarity of two sketched texts.
func resemblance(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, k, both := 0, 0, 0, 0
	for k < sketchK && (i < len(a) || j < len(b)) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			i++
		case i >= len(a) || b[j] < a[i]:
			j++
		default:
			both++
			i++
			j++
		}
		k++
	}
	return float64(both) / float64(k)
}
