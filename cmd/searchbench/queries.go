package main

import (
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"briefbot/internal/fold"
)

func isCJKRune(r rune) bool {
	switch r {
	case 'ー', '々', '〆', 'ヶ', 'ゝ', 'ゞ', 'ヽ', 'ヾ':
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isKatakana(r rune) bool { return unicode.Is(unicode.Katakana, r) || r == 'ー' }

// query is one benchmark query with its class.
type query struct {
	class string
	freq  string // "common" (drawn by occurrence) or "rare" (drawn by vocabulary)
	text  string
}

// vocab collects, from sample texts, the words each query class draws from:
// occurrences (for common words) and the distinct set (for rare ones).
type vocab struct {
	occ  map[string][]string
	dist map[string][]string
	docs [][]string // per sample doc: its multi-char terms, for two-word queries
}

func buildVocab(texts []string) *vocab {
	v := &vocab{occ: map[string][]string{}, dist: map[string][]string{}}
	seen := map[string]map[string]bool{}
	add := func(class, w string) {
		v.occ[class] = append(v.occ[class], w)
		if seen[class] == nil {
			seen[class] = map[string]bool{}
		}
		if !seen[class][w] {
			seen[class][w] = true
			v.dist[class] = append(v.dist[class], w)
		}
	}
	for _, t := range texts {
		var terms []string
		for _, run := range runs(fold.String(t)) {
			rs := []rune(run)
			switch {
			case unicode.Is(unicode.Han, rs[0]) && allOf(rs, unicode.Han):
				for _, r := range rs {
					add("ja1", string(r))
				}
				if len(rs) == 2 {
					add("ja2", run)
					terms = append(terms, run)
				} else if len(rs) >= 3 && len(rs) <= 5 {
					add("ja3+", run)
					terms = append(terms, run)
				}
			case isKatakana(rs[0]) && allKatakana(rs):
				if len(rs) >= 3 {
					add("ja3+", run)
					terms = append(terms, run)
				}
			case unicode.Is(unicode.Latin, rs[0]) && len(rs) >= 3 && allOf(rs, unicode.Latin):
				add("en", run)
				if len(rs) >= 4 {
					terms = append(terms, run)
				}
			case unicode.Is(unicode.Cyrillic, rs[0]) && len(rs) >= 3 && allOf(rs, unicode.Cyrillic):
				add("ru", run)
				if len(rs) >= 4 {
					terms = append(terms, run)
				}
			}
		}
		v.docs = append(v.docs, terms)
	}
	for _, d := range v.dist {
		sort.Strings(d)
	}
	return v
}

// runs splits normalised text into maximal same-kind runs: Han, katakana,
// other CJK, or words of other scripts.
func runs(s string) []string {
	kind := func(r rune) int {
		switch {
		case unicode.Is(unicode.Han, r) || r == '々':
			return 1
		case isKatakana(r):
			return 2
		case isCJKRune(r):
			return 3
		case isWord(r):
			return 4
		}
		return 0
	}
	var out []string
	var cur []rune
	ck := 0
	for _, r := range s {
		k := kind(r)
		if k != ck && len(cur) > 0 {
			if ck != 0 {
				out = append(out, string(cur))
			}
			cur = cur[:0]
		}
		ck = k
		cur = append(cur, r)
	}
	if len(cur) > 0 && ck != 0 {
		out = append(out, string(cur))
	}
	return out
}

func allOf(rs []rune, t *unicode.RangeTable) bool {
	for _, r := range rs {
		if !unicode.Is(t, r) {
			return false
		}
	}
	return true
}

func allKatakana(rs []rune) bool {
	for _, r := range rs {
		if !isKatakana(r) {
			return false
		}
	}
	return true
}

var junkQueries = []string{
	`"`, `""`, `*`, `(`, `)`, `-`, `NEAR(a b)`, `a OR b`, `AND`, `NOT 停戦`, `"停戦`, `停戦*`, `headline:露`,
	`{body}: nato`, `^露`, `'; DROP TABLE stories; --`, "\x00", `%_%`, `🇺🇦`, `(((((((`,
}

// makeQueries draws n queries over the classes with a fixed seed.
func makeQueries(v *vocab, n int, seed uint64) []query {
	rng := rand.New(rand.NewPCG(seed, 7))
	classes := []string{"ja1", "ja2", "ja3+", "en", "ru", "two-word"}
	nJunk := n / 20
	per := (n - nJunk) / len(classes)
	var qs []query
	for _, c := range classes {
		for i := range per {
			freq := "common"
			if i%2 == 1 {
				freq = "rare"
			}
			var text string
			if c == "two-word" {
				text = twoWords(rng, v, freq)
			} else {
				text = pick(rng, v, c, freq)
			}
			if text == "" {
				continue
			}
			qs = append(qs, query{class: c, freq: freq, text: text})
		}
	}
	for i := 0; len(qs) < n; i++ {
		q := junkQueries[i%len(junkQueries)]
		if i >= len(junkQueries) {
			q = strings.Repeat(q+" ", 1+rng.IntN(30))
		}
		qs = append(qs, query{class: "junk", freq: "-", text: q})
	}
	return qs
}

func pick(rng *rand.Rand, v *vocab, class, freq string) string {
	src := v.occ[class]
	if freq == "rare" {
		src = v.dist[class]
	}
	if len(src) == 0 {
		return ""
	}
	return src[rng.IntN(len(src))]
}

func twoWords(rng *rand.Rand, v *vocab, freq string) string {
	for range 100 {
		d := v.docs[rng.IntN(len(v.docs))]
		if len(d) < 2 {
			continue
		}
		a, b := d[rng.IntN(len(d))], d[rng.IntN(len(d))]
		if a == b {
			continue
		}
		if freq == "rare" {
			// A word from one story with a word from another: mostly no hits.
			o := v.docs[rng.IntN(len(v.docs))]
			if len(o) == 0 {
				continue
			}
			b = o[rng.IntN(len(o))]
		}
		return a + " " + b
	}
	return ""
}

// refMatch is the reference semantics checked against the index: every
// whitespace-separated word occurs in the normalised text; CJK as a plain
// substring, Latin (and digits) as a whole word, Cyrillic at a word start
// (a prefix, for inflections) when 4 runes or longer, else as a whole word.
func refMatch(normText, q string) bool {
	words := strings.Fields(fold.String(q))
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			if isWord(r) || isCJKRune(r) {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		if !containsWord(normText, w) {
			return false
		}
	}
	return true
}

func containsWord(text, w string) bool {
	rs := []rune(w)
	first, last := rs[0], rs[len(rs)-1]
	needStart := !isCJKRune(first)
	needEnd := !isCJKRune(last) && (len(rs) < 4 || !unicode.Is(unicode.Cyrillic, last))
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		ok := true
		if needStart && i > 0 {
			r := lastRune(text[:i])
			ok = !(isWord(r) && !isCJKRune(r))
		}
		if ok && needEnd && i+len(w) < len(text) {
			r := []rune(text[i+len(w):])[0]
			ok = !(isWord(r) && !isCJKRune(r))
		}
		if ok {
			return true
		}
		off = i + len(string(first))
	}
}

func lastRune(s string) rune {
	rs := []rune(s[max(0, len(s)-8):])
	return rs[len(rs)-1]
}
