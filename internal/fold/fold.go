// Package fold owns the matching form of text, the one every comparison,
// keyword filter and search index uses: Unicode NFKC, then lower case. NFKC
// maps full-width Latin and digits to ASCII (ＮＨＫ４ → NHK4), half-width
// katakana to full-width (ｶﾀｶﾅ → カタカナ) and compatibility characters to
// their plain forms (㈱ → (株), ﬁ → fi); lower case then removes case. The
// folded form is for matching only, never for what a reader sees.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String returns the matching form of s.
func String(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// Rune folds one rune the way String folds it inside any text, without
// allocating. ok is false when NFKC could change the rune or join it with a
// neighbour (it decomposes, or combines with what precedes or follows it):
// such a rune must be folded together with its context through String.
func Rune(r rune) (folded rune, ok bool) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if p := norm.NFKC.Properties(buf[:n]); p.Decomposition() != nil || !p.BoundaryBefore() || !p.BoundaryAfter() {
		return 0, false
	}
	return unicode.ToLower(r), true
}
