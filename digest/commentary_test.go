package digest

import "testing"

func TestCommentary(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             bool
	}{
		{"opinion thread", "ja",
			"アメリカ人の大半が何の知識も得ていない。私はトランプ政権に所属していません。ロシアはソ連ではないと私は信じています。攻撃が承認されたとは考えていません。", true},
		{"hope and speculation", "ja",
			"速報:電話会談が終了しました。\n\n賭け金はこれ以上高くはならないだろう。\n\n協力が勝利することを願っています。", true},
		{"wire report", "ja",
			"ロシアのプーチン大統領は4日、トランプ米大統領と電話会談を行った。両首脳はイラン問題についても協議した。", false},
		{"first person inside a quote", "ja",
			"トランプ大統領は「私の見解ではイランは決定を遅らせている」と述べた。ヒーリー国防相は「私たちは今後もそうする」と語った。", false},
		{"reported duty mid-sentence", "ja",
			"支援は欧州が主導すべきだという姿勢を強調した。私たちは、という言葉はない。会合は4日に開かれた。", false},
		{"speaking-head mark", "ja",
			"NATO事務総長ルッテ🗣️まず第一に我々は常に備えている。我々の反応は壊滅的なものになるだろう。\n\nマーク・ルッテ氏はこう語った。", false},
		{"question put to someone", "ja",
			"🎤質問です、我々は攻撃に備えているのだろうか?\n\n事務総長は備えていると答えた。", false},
		{"op-ed", "en",
			"I have covered Moscow for years. In my view the talks will fail. We should not pretend otherwise. The summit opens on Monday.", true},
		{"history is not a voice", "en",
			"World War I ended in 1918. Veterans of World War I were honoured. The ceremony was held in Paris. Leaders laid wreaths.", false},
		{"wire with quotes", "en",
			`Putin said "we will respond". Kyiv must stop, the Kremlin said. The call lasted an hour.`, false},
		{"russian column", "ru",
			"Я считаю, что переговоры провалятся. Мы видим это каждый день. Саммит открылся в понедельник.", true},
		{"russian wire", "ru",
			"Путин заявил: «Мы ответим». Переговоры продолжатся в понедельник.", false},
		{"one marked sentence is not enough", "ja",
			"会談は4日に行われた。私見では成果は乏しい。声明は5日に出される予定だ。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Commentary(tt.text, tt.lang); got != tt.want {
				t.Errorf("Commentary(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzCommentary: any text gets an answer without a panic (quotes left
// open, marks alone, mixed scripts), and a plain report sentence added to a
// text that is not commentary never makes it commentary.
func FuzzCommentary(f *testing.F) {
	for _, s := range []string{"私は「", "🗣️", "🎤", "I'm «мы", "」私は。私は。", "\n\n", ""} {
		f.Add(s, "ja")
		f.Add(s, "en")
		f.Add(s, "ru")
	}
	plain := map[string]string{"ja": "会談は4日に行われた。", "en": "The talks were held on Monday.", "ru": "Переговоры прошли в понедельник."}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if Commentary(text, lang) {
			return
		}
		l := normLang(lang, text)
		more := text + "\n\n" + plain[l]
		if normLang(lang, more) == l && Commentary(more, lang) {
			t.Fatalf("adding %q made %q commentary", plain[l], text)
		}
	})
}
