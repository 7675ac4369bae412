package sentence

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"ja basic", "ja", "ロシア軍は村を解放した。ウクライナ軍は兵士を失った！本当か？",
			[]string{"ロシア軍は村を解放した。", "ウクライナ軍は兵士を失った！", "本当か？"}},
		{"ja quote kept whole", "ja", "ゼレンスキー大統領は「停戦を提案する。支持を得られると考えている」と述べた。次の文。",
			[]string{"ゼレンスキー大統領は「停戦を提案する。支持を得られると考えている」と述べた。", "次の文。"}},
		{"ja nested quote", "ja", "彼は「相手は『無理だ。』と言った。だが違う」と述べた。以上。",
			[]string{"彼は「相手は『無理だ。』と言った。だが違う」と述べた。", "以上。"}},
		{"ja quote ends sentence", "ja", "🗨️「相当量の長距離兵器が生産される。第1陣は数週間後だ」\nブリュッセルで明らかにした。",
			[]string{"🗨️「相当量の長距離兵器が生産される。第1陣は数週間後だ」", "ブリュッセルで明らかにした。"}},
		{"ja unbalanced 【 does not swallow", "ja", "【特別軍事作戦 6月4日の概要\n\n❗️ ロシア軍は村を解放した。次だ。",
			[]string{"【特別軍事作戦 6月4日の概要", "❗️ ロシア軍は村を解放した。", "次だ。"}},
		{"ja unmatched 「", "ja", "クレムリンの声明は教皇に感謝した」としている。同時に非難。",
			[]string{"クレムリンの声明は教皇に感謝した」としている。", "同時に非難。"}},
		{"ja parenthesis", "ja", "ロイター（東京）は報じた（抜粋。）。次。",
			[]string{"ロイター（東京）は報じた（抜粋。）。", "次。"}},
		{"ja line break", "ja", "ウシャコフ氏の主な発言は以下の通り\nプーチン大統領は伝えた。",
			[]string{"ウシャコフ氏の主な発言は以下の通り", "プーチン大統領は伝えた。"}},
		{"ja decimal", "ja", "成長率は3.5%だった。次。", []string{"成長率は3.5%だった。", "次。"}},
		{"en abbreviations", "en", "Mr. Smith met Dr. Jones in the U.S. capital. They talked.",
			[]string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"en U.S. at end", "en", "Profits rose in the U.S. The company said so.",
			[]string{"Profits rose in the U.S.", "The company said so."}},
		{"en decimals", "en", "Sales rose 3.5% to $11.1bn. Shares fell.", []string{"Sales rose 3.5% to $11.1bn.", "Shares fell."}},
		{"en quotes", "en", `He said "We are ready. Come." Then he left. “Is it over?” she asked.`,
			[]string{`He said "We are ready. Come."`, "Then he left.", "“Is it over?” she asked."}},
		{"en initials", "en", "J. K. Rowling wrote it. Fans cheered!", []string{"J. K. Rowling wrote it.", "Fans cheered!"}},
		{"en wrapped line", "en", "The minister said the talks\nwould continue. Nothing else.", []string{"The minister said the talks would continue.", "Nothing else."}},
		{"ru abbreviations", "ru", "В 2024 г. Москва выросла. Т.е. всё хорошо, т.е. отлично. В. В. Путин сказал.",
			[]string{"В 2024 г. Москва выросла.", "Т.е. всё хорошо, т.е. отлично.", "В. В. Путин сказал."}},
		{"ru guillemets", "ru", "Песков заявил: «Мы готовы. Ждём ответа». Ранее он молчал.",
			[]string{"Песков заявил: «Мы готовы. Ждём ответа».", "Ранее он молчал."}},
		{"empty", "ja", "\n\n  \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.text, tt.lang)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"ロシア軍は村を解放した。「停戦を。提案」と述べた。", "Mr. Smith. U.S. 3.5 “Hi.” he said", "«Да. Нет». т.е. г. В. Путин",
		"【見出し\n\n本文。】】「「", "a\nb\n\nc. d", "\u3000。。！？", "\"\"\".", "", "🗨️「」🔸ℹ️",
		"1. a 2. b\nа) x;\nб) y", "• 4. x • 5. y ⁃6. z", "It ended. . . . Then . . . so. . .", "Козлов Д.А. Копия. Ф.М. Достоевский",
		"МОСКВА, 12 марта. /ТАСС/. Текст. Москва. 12 мар - РИА Новости.", "At 5 a.m. Mr. X. In the U.S. How? 40 куб. м. Его",
		"１．捕虜\n２．５％「。」と。」次", "«Да?» — спросил он. — Нет. т.е.\nи т. д.",
	} {
		for _, lang := range []string{"ja", "en", "ru", ""} {
			f.Add(s, lang)
		}
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		got := Split(text, lang)
		for _, s := range got {
			if strings.TrimSpace(s) == "" {
				t.Fatalf("empty sentence in %q", got)
			}
		}
		if nonSpace(strings.Join(got, "")) != nonSpace(text) {
			t.Fatalf("characters lost or reordered: %q → %q", text, got)
		}
	})
}

func TestPieces(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"japanese stops, quotes kept whole", "", "ゼレンスキー氏は「停戦を提案する。支持を得られる」と述べた。次の文。",
			[]string{"ゼレンスキー氏は「停戦を提案する。支持を得られる」と述べた。", "次の文。"}},
		{"a closing quote after 。 goes on", "", "「停戦だ。」と述べた。以上。",
			[]string{"「停戦だ。」と述べた。", "以上。"}},
		{"spaces stay with the sentence before", "", "Mr. Smith met Dr. Jones in the U.S. capital.  They talked. ",
			[]string{"Mr. Smith met Dr. Jones in the U.S. capital.  ", "They talked. "}},
		{"a Western quote closes its sentence", "", `He said "Come." Then he left.`,
			[]string{`He said "Come." `, "Then he left."}},
		{"line breaks always cut", "", "🔸 一つ目\n🔸 second line\n\n",
			[]string{"🔸 一つ目\n", "🔸 second line\n", "\n"}},
		{"Russian abbreviations without a language", "", "В 2024 г. Москва выросла. Всё.",
			[]string{"В 2024 г. Москва выросла. ", "Всё."}},
		{"mixed scripts", "", "NATO防相会合が開かれた。The talks ended. 次。",
			[]string{"NATO防相会合が開かれた。", "The talks ended. ", "次。"}},
		{"decimals and URLs", "", "Sales rose 3.5% at https://x.example/a.b today. Next.",
			[]string{"Sales rose 3.5% at https://x.example/a.b today. ", "Next."}},
		{"english rules", "en", "Profits rose in the U.S. The company said so.",
			[]string{"Profits rose in the U.S. ", "The company said so."}},
		{"list items run into a line", "en", "1. Check the tyres 2. Fill the tank",
			[]string{"1. Check the tyres ", "2. Fill the tank"}},
		{"a period, then an ellipsis opening the next sentence", "en", "It ended. . . . Then silence.",
			[]string{"It ended. ", ". . . Then silence."}},
		{"a dateline stays with the first sentence", "", "МОСКВА, 12 марта. /ТАСС/. Разговор длился час. Всё.",
			[]string{"МОСКВА, 12 марта. /ТАСС/. Разговор длился час. ", "Всё."}},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Pieces(tt.text, tt.lang); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Pieces(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzPieces(f *testing.F) {
	for _, s := range []string{
		"ロシア軍は村を解放した。「停戦を。提案」と述べた。", "Mr. Smith. U.S. 3.5 “Hi.” he said  ", "«Да. Нет». т.е. г. В. Путин",
		"【見出し\n\n本文。】】「「", "a\nb\n\nc. d\n", "\u3000。。！？", "\xff. \xfe。x", "",
		"1. a 2. b • c • d", "It ended. . . . Then . . . so. . . ", "МОСКВА, 12 марта. /ТАСС/. Текст.  ", "Козлов Д.А. Копия.",
	} {
		f.Add(s, "")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		got := Pieces(text, lang)
		if strings.Join(got, "") != text {
			t.Fatalf("pieces do not give the text back: %q → %q", text, got)
		}
		for i, p := range got {
			if p == "" {
				t.Fatalf("empty piece %d in %q", i, got)
			}
			if j := strings.IndexByte(p, '\n'); j >= 0 && j != len(p)-1 {
				t.Fatalf("piece %q runs past a line break", p)
			}
		}
	})
}
