package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestStripDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"［ワシントン　20日　ロイター］ - 米連邦準備理事会（FRB）のウォラー理事は20日、述べた。", "米連邦準備理事会（FRB）のウォラー理事は20日、述べた。"},
		{"[東京 20日 ロイター] -日銀は据え置いた。", "日銀は据え置いた。"},
		{"［ジュネーブ　19日］ - 米国と中国は協議した。", "米国と中国は協議した。"},
		{"【11月20日 AFP】国連安全保障理事会は19日、緊急会合を開いた。", "国連安全保障理事会は19日、緊急会合を開いた。"},
		{"【ワシントン＝共同】米政府は発表した。", "米政府は発表した。"},
		{"【シンガポール=山本花子】東南アジア諸国連合（ASEAN）は外相会議を開いた。", "東南アジア諸国連合（ASEAN）は外相会議を開いた。"},
		{"【北京＝田中一郎、李明】中国商務省は輸出規制を発表した。", "中国商務省は輸出規制を発表した。"},
		{"（CNN） 米国防総省は声明を出した。", "米国防総省は声明を出した。"},
		{"WASHINGTON, Nov 20 (Reuters) - Federal Reserve Governor Christopher Waller said on Thursday.", "Federal Reserve Governor Christopher Waller said on Thursday."},
		{"LONDON (AP) — Britain's economy grew.", "Britain's economy grew."},
		{"MOSCOW, June 4 (Reuters) -Russia said it would respond.", "Russia said it would respond."},
		{"(Bloomberg) -- Oil rose for a third day.", "Oil rose for a third day."},
		{"NEW YORK/LONDON, Nov 20 (Reuters) - Stocks fell.", "Stocks fell."},
		{"Porto Alegre (Brazil) (AFP) – Floods cut the city off on Friday.", "Floods cut the city off on Friday."},
		{"Kyiv (AFP) - Air raid sirens sounded across Ukraine.", "Air raid sirens sounded across Ukraine."},
		{"NEW YORK, May 2 (Reuters Breakingviews) - Banks look cheap.", "Banks look cheap."},
		{"Officials in Paris (France) said the AFP story was wrong.", "Officials in Paris (France) said the AFP story was wrong."},
		{"МОСКВА, 4 июня. /ТАСС/. Президент России провел разговор.", "Президент России провел разговор."},
		{"Москва. 12 марта. INTERFAX.RU - Владимир Путин и Дональд Трамп провели разговор.", "Владимир Путин и Дональд Трамп провели разговор."},
		{"КИЕВ, 12 марта. INTERFAX.RU - Украина отвергла обвинения.", "Украина отвергла обвинения."},
		{"МОСКВА, 12 мар — РИА Новости. Президенты могут провести разговор.", "Президенты могут провести разговор."},
		// Not datelines: kept as they are.
		{"【露宇、捕虜各150人を交換 UAEが仲介=露国防省】", "【露宇、捕虜各150人を交換 UAEが仲介=露国防省】"},
		{"【停戦案を拒否=ハマス幹部】ハマス幹部は声明を出した。", "【停戦案を拒否=ハマス幹部】ハマス幹部は声明を出した。"},
		{"【ガザ停戦=ハマス】", "【ガザ停戦=ハマス】"},
		{"ロイターによると、協議は続く。", "ロイターによると、協議は続く。"},
		{"The AP (Associated Press) reported it.", "The AP (Associated Press) reported it."},
		{"［ロイター］", "［ロイター］"}, // nothing after it: left for the caller to drop
	}
	for _, tt := range tests {
		if got := stripDateline(tt.in); got != tt.want {
			t.Errorf("stripDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A dateline never reaches a lead: not from HTML paragraphs, not from text
// whose first line would otherwise read as a 【headline】, not after a flag.
func TestDatelineNotInBrief(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		post briefbot.Post
		lead string
	}{
		{"reuters ja html", briefbot.Post{Language: "ja", URL: "https://jp.reuters.com/a", Title: "米FRBウォラー理事、12月利下げ「選択肢」",
			HTML: "<p>［ワシントン　20日　ロイター］ - 米連邦準備理事会（FRB）のウォラー理事は20日、12月の追加利下げは「選択肢にある」と述べた。</p><p>FRBは10月の会合で政策金利を0.25%ポイント引き下げ、3.75─4.00%としていた。</p>"},
			"米連邦準備理事会（FRB）のウォラー理事は20日"},
		{"afp ja text", briefbot.Post{Language: "ja", URL: "https://www.afpbb.com/articles/-/1", Title: "国連安保理、スーダン情勢で緊急会合",
			Text: "【11月20日 AFP】国連安全保障理事会は19日、内戦が続くスーダンの情勢を巡り緊急会合を開いた。\n\n英国が提出した停戦を求める決議案について、理事国は来週にも採決する見通し。"},
			"国連安全保障理事会は19日"},
		{"reuters en", briefbot.Post{Language: "en", URL: "https://www.reuters.com/a", Title: "Fed's Waller says December cut on the table",
			Text: "WASHINGTON, Nov 20 (Reuters) - Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained on the table.\n\nThe Fed cut its benchmark rate by a quarter of a percentage point in October, to the 3.75%-4.00% range."},
			"Federal Reserve Governor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.post.Published, tt.post.FetchedAt = at, at
			items := Split(tt.post)
			if len(items) != 1 {
				t.Fatalf("%d items", len(items))
			}
			if strings.ContainsAny(items[0].Text, "［]】") || strings.Contains(items[0].Text, "(Reuters)") {
				t.Errorf("dateline kept in item text %q", items[0].Text)
			}
			s := &briefbot.Story{Language: items[0].Language, Items: items, FirstPublished: at}
			b := Render(s, RenderOptions{})
			checkStyle(t, b, 0)
			lines := strings.Split(b.HTML, "\n")
			if len(lines) < 3 || !strings.Contains(lines[2], tt.lead) {
				t.Errorf("lead line %q, want it to hold %q:\n%s", lines[min(2, len(lines)-1)], tt.lead, b.HTML)
			}
		})
	}
}
