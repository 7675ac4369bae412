package digest

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// The renderer runs its word lists (filler, verbs of saying, offices) on
// every sentence of every report, and Go's regexp tries a long alternation
// at every position of a line. Most lines hold none of the words: a gated
// expression first asks whether the line holds one of the literals every
// match must contain, and runs only then. The literals are read off the
// expression itself, so the gate never disagrees with it.

// gated is a regular expression with the literals one of which every match
// holds; lits is nil when the expression has no such set (it always runs).
type gated struct {
	*regexp.Regexp
	lits []string
}

// mustGate compiles expr and reads its gate.
func mustGate(expr string) *gated {
	re := regexp.MustCompile(expr)
	p, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err) // compiled above: cannot happen
	}
	return &gated{Regexp: re, lits: required(p.Simplify())}
}

// open reports whether s may hold a match.
func (g *gated) open(s string) bool {
	if g.lits == nil {
		return true
	}
	for _, l := range g.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// MatchString is regexp's, behind the gate.
func (g *gated) MatchString(s string) bool { return g.open(s) && g.Regexp.MatchString(s) }

// FindString is regexp's, behind the gate.
func (g *gated) FindString(s string) string {
	if !g.open(s) {
		return ""
	}
	return g.Regexp.FindString(s)
}

// FindStringIndex is regexp's, behind the gate.
func (g *gated) FindStringIndex(s string) []int {
	if !g.open(s) {
		return nil
	}
	return g.Regexp.FindStringIndex(s)
}

// FindAllStringSubmatch is regexp's, behind the gate.
func (g *gated) FindAllStringSubmatch(s string, n int) [][]string {
	if !g.open(s) {
		return nil
	}
	return g.Regexp.FindAllStringSubmatch(s, n)
}

// ReplaceAllString is regexp's, behind the gate.
func (g *gated) ReplaceAllString(s, repl string) string {
	if !g.open(s) {
		return s
	}
	return g.Regexp.ReplaceAllString(s, repl)
}

// maxClassRunes: a character class of this many runes or fewer gates by its
// runes ([はが]); a larger one gates nothing.
const maxClassRunes = 4

// required is a set of literals one of which every match of re holds, or
// nil when there is none to tell (an optional part, a large class, a
// case-folded literal).
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == maxClassRunes {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpConcat:
		// Every part matches: the most telling part's set will do.
		var best []string
		for _, sub := range re.Sub {
			if r := required(sub); r != nil && (best == nil || gateRank(r) > gateRank(best)) {
				best = r
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			r := required(sub)
			if r == nil {
				return nil
			}
			out = append(out, r...)
		}
		return out
	}
	return nil
}

// gateRank ranks a literal set: by its shortest literal (a gate of one-rune
// literals opens on nearly every line), kana of grammar counting a quarter
// of a rune (について is in every other Japanese sentence, 会見 is not),
// then by how few it has.
func gateRank(lits []string) int {
	short := 1 << 20
	for _, l := range lits {
		w := 0
		for _, r := range l {
			if unicode.In(r, unicode.Hiragana) {
				w++
			} else {
				w += 4
			}
		}
		short = min(short, w)
	}
	return short*1000 - len(lits)
}
