package digest

import (
	"sort"
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestActors(t *testing.T) {
	tests := []struct {
		lang, title, text string
		want              string // sorted subjects, comma-separated
	}{
		{"ja", "", "ウクライナのゼレンスキー大統領は4日、ロシアのプーチン大統領との会談が実現するまでの間、停戦を実施することを提案した。", "ゼレンスキー"},
		{"ja", "プーチン大統領「誰がテロリストと交渉するのか」停戦に応じない姿勢", "ロシアのプーチン大統領は、ウクライナ側の攻撃などが激化していることについてテロ行為だと主張した。", "プーチン"},
		{"ja", "", "アメリカのトランプ大統領とロシアのプーチン大統領は4日、ウクライナ情勢などをめぐって電話会談を行いました。", "トランプ,プーチン"},
		{"ja", "", "トランプ米大統領は、プーチン露大統領と電話会談を行ったことをSNSへの投稿で明らかにした。", "トランプ"},
		{"ja", "", "ロシアのセルゲイ・ショイグ安全保障会議書記は4日、北朝鮮の首都平壌を訪問した。", "ショイグ"},
		{"ja", "金正恩氏、ロシアへの無条件の支持を約束", "北朝鮮金正恩総書記は、ショイグ書記との会談で支持を約束した。", "金正恩"},
		// The speaker a title is attributed to, in a title or an untitled
		// post's headline line.
		{"ja", "兵器、近いうちに宇軍に納入の可能性=独国防相", "ドイツの国防相は4日、兵器の納入について語った。", ""},
		{"ja", "", "ウクライナ当局はテロを画策するようになった=プーチン大統領\n\n「誰がテロリストと話し合うというのだろうか」", "プーチン"},
		{"ja", "停戦案を拒否＝ゼレンスキー大統領", "", "ゼレンスキー"},
		{"ja", "米ロ電話会談「情報収集続ける」　木原官房長官", "木原稔官房長官は13日午前の記者会見で述べた。", "木原"},
		{"ja", "日銀 金融政策決定会合 政策金利を据え置き", "", ""},
		// Spokespeople and offices report; they do not act.
		{"ja", "", "ウシャコフ大統領補佐官は、電話会談の結果について記者会見を行った。", ""},
		{"ja", "", "ロシア大統領府は4日、プーチン大統領とローマ教皇が電話で会談したと発表した。", ""},
		{"en", "Putin tells Trump Russia must respond to drone strikes", "Russian President Vladimir Putin told U.S. President Donald Trump on Wednesday that Moscow would respond.", "putin"},
		{"en", "", "Donald Trump said on Wednesday that his call with Vladimir Putin would not lead to immediate peace.", "trump"},
		{"en", "", "Kremlin aide Yuri Ushakov said the leaders agreed to stay in touch.", ""},
	}
	for _, tt := range tests {
		subj, _ := actors(briefbot.Item{Title: tt.title, Text: tt.text, Language: tt.lang}, tt.lang)
		var got []string
		for a := range subj {
			got = append(got, a)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != tt.want {
			t.Errorf("actors(%q, %q) = %v, want %q", tt.title, tt.text, got, tt.want)
		}
	}
}

// Reports sharing vocabulary but not actors stay apart; reports of one
// event told from either side's actor merge.
func TestClusterActors(t *testing.T) {
	at := time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)
	zelensky := item(1, "ja", "ゼレンスキー氏、首脳会談実現までの停戦提案", "ウクライナのゼレンスキー大統領は4日、ロシアのプーチン大統領との会談が実現するまでの間、停戦を実施することを提案した。ゼレンスキー大統領はキーウで行った記者会見で「首脳会談が実現するまでの停戦を提案する」と述べた。", at)
	putin := item(2, "ja", "プーチン大統領「誰がテロリストと交渉するのか」停戦に応じない姿勢", "ロシアのプーチン大統領は、ウクライナ側の攻撃などが激化していることについてテロ行為だと主張した上で「誰がテロリストと交渉するのか」と述べ、停戦や首脳会談に応じない姿勢を示しました。", at.Add(time.Hour))
	callT := item(3, "ja", "", "トランプ米大統領は、プーチン露大統領と電話会談を行ったことを明らかにした。電話会談は1時間15分に及んだ。両首脳はウクライナの攻撃とイラン問題について議論した。", at)
	callP := item(4, "ja", "プーチン氏、ウクライナの攻撃に「対応せざるを得ず」　トランプ氏と電話会談", "ロシアのプーチン大統領は4日、トランプ米大統領と電話会談を行い、ウクライナの攻撃に対しロシアは対応せざるを得ないと伝えた。電話会談は1時間15分に及んだ。", at.Add(time.Hour))
	react := item(5, "ja", "ゼレンスキー大統領 ロシアに対し圧力強める必要性を強調", "トランプ大統領との電話会談でプーチン大統領が報復を示唆したとされることをめぐりウクライナのゼレンスキー大統領は、4日、自身のSNSに「残念ながら、プーチンは何らおとがめがないと感じている」と投稿しました。", at.Add(2*time.Hour))
	tests := []struct {
		name  string
		items []briefbot.Item
		want  int // stories
	}{
		{"ceasefire offer vs terrorists remark", []briefbot.Item{zelensky, putin}, 2},
		{"the call told by Trump and by Putin", []briefbot.Item{callT, callP}, 1},
		{"the call and Zelensky's reaction", []briefbot.Item{callT, callP, react}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cluster(nil, tt.items, ClusterOptions{}).Stories; len(got) != tt.want {
				var ks []string
				for _, s := range got {
					var ids []string
					for _, it := range s.Items {
						ids = append(ids, string(rune('0'+it.PostID)))
					}
					ks = append(ks, strings.Join(ids, "+"))
				}
				t.Errorf("%d stories %v, want %d", len(got), ks, tt.want)
			}
		})
	}
}
