package digest

import (
	"regexp/syntax"
	"slices"
	"testing"
)

func TestRequired(t *testing.T) {
	tests := []struct {
		expr string
		want []string // nil: no gate
	}{
		{`見逃した方のために|匿名を条件に`, []string{"見逃した方のために", "匿名を条件に"}},
		{`(?:以下|次)の(?:通り|とおり)`, []string{"以下", "次"}}, // kanji tell more than kana
		{`^原題|^(?:pr|広告)[：:\s]`, []string{"原題", "pr", "広告"}},
		{`(?:[\p{Katakana}ー]{2,}|\p{Han}{1,6})(?:大統領|氏)`, []string{"大統領", "氏"}},
		{`(?:述べ|語っ)(?:た|ました)[。」]*$`, []string{"述べ", "語っ"}},
		{`[はが]\d日`, []string{"日"}},
		{`[はが]\d`, []string{"は", "が"}},
		{`a|b*`, nil},
		{`(?i)breaking`, nil},
		{`\d+`, nil},
	}
	for _, tt := range tests {
		p, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := required(p.Simplify())
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("required(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

// The gate never refuses a line the expression matches.
func FuzzGate(f *testing.F) {
	for _, s := range []string{"主な発言は以下の通り。", "原題：X", "ペスコフ氏は述べた。", "Some information for this report provided by AP.", "なぜ…のか。"} {
		f.Add(s)
	}
	res := []*gated{fillerRes["ja"], fillerRes["en"], fillerRes["ru"], jaSpeakerRe, jaQuestionRe, intro, negExceptRe}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range res {
			if g.Regexp.MatchString(s) && !g.MatchString(s) {
				t.Errorf("%q: gate %q refuses %q", g, g.lits, s)
			}
		}
	})
}
