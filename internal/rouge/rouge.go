// Package rouge computes ROUGE-N and ROUGE-L F1 between a candidate and a
// reference token sequence, and the tokenisers the digest benchmark uses:
// lowercased words for English, characters for Japanese.
package rouge

import (
	"strings"
	"unicode"
)

// Score is precision, recall and F1 of one comparison.
type Score struct {
	P, R, F float64
}

func f1(match, cand, ref int) Score {
	if cand == 0 || ref == 0 || match == 0 {
		return Score{}
	}
	p := float64(match) / float64(cand)
	r := float64(match) / float64(ref)
	return Score{P: p, R: r, F: 2 * p * r / (p + r)}
}

// N is ROUGE-N: n-gram overlap with counts clipped to the reference's.
func N(cand, ref []string, n int) Score {
	cg, rg := ngrams(cand, n), ngrams(ref, n)
	match := 0
	for g, c := range cg {
		match += min(c, rg[g])
	}
	return f1(match, max(len(cand)-n+1, 0), max(len(ref)-n+1, 0))
}

func ngrams(toks []string, n int) map[string]int {
	m := make(map[string]int)
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], "\x00")]++
	}
	return m
}

// L is ROUGE-L: the longest common subsequence of the two sequences.
func L(cand, ref []string) Score {
	if len(cand) == 0 || len(ref) == 0 {
		return Score{}
	}
	prev := make([]int, len(ref)+1)
	cur := make([]int, len(ref)+1)
	for i := 1; i <= len(cand); i++ {
		for j := 1; j <= len(ref); j++ {
			switch {
			case cand[i-1] == ref[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return f1(prev[len(ref)], len(cand), len(ref))
}

// Words tokenises English: lowercased runs of letters and digits; other
// characters separate tokens and are dropped.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Chars tokenises Japanese: one token per character, spaces and
// punctuation (。、「」…) dropped, as the reference figures were computed.
func Chars(s string) []string {
	var out []string
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		out = append(out, string(r))
	}
	return out
}
