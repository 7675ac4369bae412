package digest

import "testing"

func TestShareQuote(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"one remark, two wordings",
			"プーチン大統領「誰がテロリストと交渉するのか」停戦に応じない姿勢",
			"「このような状況で何を話すのか、そもそも誰がテロリストと話し合うというのだろうか」", true},
		{"grammar alone is not the same words",
			"「ロシアにあらゆる手段で圧力をかけ、侵略を続ける能力を奪わなければならない」と述べた",
			"「最近の飛行場への攻撃には対応しなければならない」と述べた", false},
		{"English quotes",
			`Trump said it was “a good conversation, but not one that will lead to immediate peace”.`,
			`“It was a good conversation, but not one that will lead to immediate peace,” he wrote.`, true},
		{"short stock phrase", "「遺憾だ」と述べた", "「極めて遺憾だ」と語った", false},
		{"no quotes", "プーチン大統領は会談した", "プーチン大統領は会談した", false},
		{"unclosed quote is not a quotation", "「誰がテロリストと交渉するのか", "「誰がテロリストと交渉するのか」", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shareQuote(quotations(tt.a), quotations(tt.b)); got != tt.want {
				t.Errorf("shareQuote = %v, want %v (quotes %q / %q)", got, tt.want, quotations(tt.a), quotations(tt.b))
			}
		})
	}
}

func FuzzQuotations(f *testing.F) {
	for _, s := range []string{"「誰が」と", "“a”", "«б»", "「「」", "」「", ""} {
		f.Add(s, s+"「テロリストと交渉」")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		qa, qb := quotations(a), quotations(b)
		for _, q := range append(qa, qb...) {
			if len(q) < minQuote {
				t.Fatalf("quotation %q shorter than %d", string(q), minQuote)
			}
		}
		if shareQuote(qa, qb) != shareQuote(qb, qa) {
			t.Fatalf("shareQuote not symmetric for %q, %q", a, b)
		}
	})
}
