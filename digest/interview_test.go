package digest

import (
	"strings"
	"testing"
)

func TestPairAnswers(t *testing.T) {
	tests := []struct {
		name, lang, speaker string
		paras               []string
		want                []string // the paragraphs after pairing
	}{
		{"Russian dialogue", "ru", "Песков",
			[]string{"Песков ответил на вопросы.", "— Обсуждалось ли место встречи?", "— Нет, до этого пока не дошло. Сначала должны поработать эксперты."},
			[]string{"Песков ответил на вопросы.", "На вопрос «Обсуждалось ли место встречи?» Песков ответил: «Нет, до этого пока не дошло. Сначала должны поработать эксперты»."}},
		{"a woman answers", "ru", "Захарова",
			[]string{"— Будет ли ответ?", "— Будет."},
			[]string{"На вопрос «Будет ли ответ?» Захарова ответила: «Будет»."}},
		{"Japanese ―― and 「」", "ja", "外務報道官",
			[]string{"――日本として新たな対応は考えているか。", "「現時点で具体的に申し上げることはない。引き続きG7と緊密に連携していく」"},
			[]string{"「日本として新たな対応は考えているか」との質問に、外務報道官は「現時点で具体的に申し上げることはない。引き続きG7と緊密に連携していく」と答えた。"}},
		{"English Q: and A:", "en", "Rutte",
			[]string{"Q: Will NATO escort ships?", "A: Not today."},
			[]string{"Asked “Will NATO escort ships?”, Rutte said: “Not today.”"}},
		{"no speaker: nothing joined", "ru", "",
			[]string{"— Обсуждалось ли место встречи?", "— Нет."},
			[]string{"— Обсуждалось ли место встречи?", "— Нет."}},
		{"a dash list is no interview", "ru", "Ушаков",
			[]string{"— беседа продолжалась около часа;", "— лидеры договорились поддерживать контакты."},
			[]string{"— беседа продолжалась около часа;", "— лидеры договорились поддерживать контакты."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := 0
			got, answers := pairAnswers(tt.paras, tt.lang, func() string { asked++; return tt.speaker })
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if asked > 1 {
				t.Errorf("speaker asked %d times", asked)
			}
			for i, a := range answers {
				if a == "" || !strings.Contains(got[i], strings.TrimRight(a, ".。")) {
					t.Errorf("answer %q is not in %q", a, got[i])
				}
			}
		})
	}
}

func TestStatementBy(t *testing.T) {
	tests := []struct{ lang, prev, t, want string }{
		{"ja", "", "外務省は13日、ウクライナの港湾施設への攻撃について、次の外務報道官談話を発表した。", "外務報道官"},
		{"en", "", "The following is the text of a statement issued on Friday by the G7 foreign ministers.", "G7 foreign ministers"},
		{"ru", "МИД России опубликовал заявление в связи с атакой на порт.", "Приводим его полностью.", "МИД России"},
		{"ja", "", "外務省は13日、談話を発表した。", ""},
		{"en", "", "The statement was issued on Friday by the G7 foreign ministers.", ""},
	}
	for _, tt := range tests {
		if got := statementBy(tt.t, tt.prev, tt.lang); got != tt.want {
			t.Errorf("statementBy(%q) = %q, want %q", tt.t, got, tt.want)
		}
	}
	for in, want := range map[string]string{
		`"We welcome the agreement.`:           `We welcome the agreement.`,
		`We will continue to coordinate."`:     `We will continue to coordinate.`,
		`«Мы осуждаем атаку.`:                  `Мы осуждаем атаку.`,
		`Российская сторона оставляет право».`: `Российская сторона оставляет право.`,
		`He said "yes" twice.`:                 `He said "yes" twice.`,
	} {
		if got := unwrapQuote(in); got != want {
			t.Errorf("unwrapQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJaSaysEnd(t *testing.T) {
	for s, want := range map[string]bool{
		"ゼレンスキー大統領は「…」と述べた。":         true,
		"プーチン大統領は報復を示唆したと強調しました。":    true,
		"ロシアは停戦を求めている。":              true,
		"同省は、全ての標的に命中したとしています。」":     false,
		"両首脳は支持した。":                  false,
		"トランプ大統領は「前進している」としています。":    true,
		"政府は「慎重に対応する」としたうえで、注視している。": false,
		"外務省は懸念を伝えています。":             true,
	} {
		if got := jaSaysEnd(s); got != want {
			t.Errorf("jaSaysEnd(%q) = %v, want %v", s, got, want)
		}
	}
}
