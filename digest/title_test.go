package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"【速報】千葉県北西部で震度5弱の地震 津波の心配なし", "千葉県北西部で震度5弱の地震 津波の心配なし"},
		{"【独自】防衛省、新型ミサイルの配備前倒しへ", "防衛省、新型ミサイルの配備前倒しへ"},
		{"【更新】【速報】東京株式市場 日経平均が急落", "東京株式市場 日経平均が急落"},
		{"［速報］日銀が利上げ決定", "日銀が利上げ決定"},
		{"インタビュー：半導体投資「なお拡大余地」＝東京エレクトロン社長", "半導体投資「なお拡大余地」＝東京エレクトロン社長"},
		{"焦点：米関税の余波、自動車部品各社に広がる", "米関税の余波、自動車部品各社に広がる"},
		{"再送：日銀、追加利上げを決定", "日銀、追加利上げを決定"},
		{"社説：少子化対策の財源を問う", "社説：少子化対策の財源を問う"}, // the rubric says it is opinion
		{"中東の焦点：停戦協議の行方", "中東の焦点：停戦協議の行方"},
		{"速報：ロシアとウクライナが捕虜交換", "ロシアとウクライナが捕虜交換"},
		{"BREAKING: Earthquake hits Tokyo", "Earthquake hits Tokyo"},
		{"Breaking: Fed holds rates", "Fed holds rates"},
		{"速報】露国防省、ウクライナの村を解放", "露国防省、ウクライナの村を解放"}, // opener trimmed earlier
		{"【露宇、捕虜各150人を交換 UAEが仲介=露国防省】", "露宇、捕虜各150人を交換 UAEが仲介=露国防省"},
		{"露米首脳電話会談【更新】トランプ氏が発表", "露米首脳電話会談トランプ氏が発表"},
		{"【露米首脳電話会談】トランプ氏が発表", "露米首脳電話会談 トランプ氏が発表"},
		{"日銀 金融政策決定会合 政策金利を据え置き | NHK", "日銀 金融政策決定会合 政策金利を据え置き"},
		// Site names as splitSite knows them: the outlet table, platforms,
		// aggregators, site-shaped names, a bar trusted.
		{"米ロ電話会談「情報収集続ける」　木原官房長官：時事ドットコム", "米ロ電話会談「情報収集続ける」　木原官房長官"},
		{"ロシア軍、オデーサ港を無人機攻撃　子ども含む4人負傷 写真3枚 国際ニュース：AFPBB News", "ロシア軍、オデーサ港を無人機攻撃　子ども含む4人負傷"},
		{"Zelenskyy speaks to reporters / X", "Zelenskyy speaks to reporters"},
		{"東京で大雨、交通に乱れ - Yahoo!ニュース", "東京で大雨、交通に乱れ"},
		{"東京で大雨、交通に乱れ - テレ東NEWS", "東京で大雨、交通に乱れ"},
		{"東京で大雨 | お天気ナビ", "東京で大雨"},
		// An attribution after a dash is the headline's, not a site.
		{"Путин и Трамп провели телефонный разговор — Кремль", "Путин и Трамп провели телефонный разговор — Кремль"},
		{"Путин и Трамп не обсуждали поставки оружия Украине - Ушаков", "Путин и Трамп не обсуждали поставки оружия Украине - Ушаков"},
		// Not labels: kept.
		{"国連安保理、スーダン情勢で緊急会合", "国連安保理、スーダン情勢で緊急会合"},
		{"GDP速報値、年率2.1%増", "GDP速報値、年率2.1%増"},
		{"速報", "速報"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBreakingTitle(t *testing.T) {
	at := time.Date(2026, 11, 20, 5, 32, 0, 0, time.UTC)
	text := "20日午後2時25分ごろ、千葉県北西部を震源とする地震があり、千葉県と茨城県の一部で震度5弱の揺れを観測しました。\n\n気象庁によりますと、震源の深さは約60キロ、地震の規模を示すマグニチュードは5.3と推定されています。"
	tests := []struct {
		title, head string
		bang        bool
	}{
		{"【速報】千葉県北西部で震度5弱の地震 津波の心配なし", "【千葉県北西部で震度5弱の地震 津波の心配なし】", true},
		{"BREAKING: 千葉県北西部で震度5弱の地震", "【千葉県北西部で震度5弱の地震】", true},
		{"【独自】千葉県北西部で震度5弱の地震", "【千葉県北西部で震度5弱の地震】", false},
		{"国連安保理、スーダン情勢で緊急会合", "【国連安保理、スーダン情勢で緊急会合】", false},
	}
	for _, tt := range tests {
		s := &briefbot.Story{Language: "ja", FirstPublished: at, Items: []briefbot.Item{{Outlet: "NHK",
			URL: "https://www3.nhk.or.jp/a", Title: tt.title, Text: text, Language: "ja", Published: at}}}
		b := Render(s, RenderOptions{})
		checkStyle(t, b, 0)
		lines := strings.Split(b.HTML, "\n")
		if lines[0] != tt.head {
			t.Errorf("%q: headline %q, want %q", tt.title, lines[0], tt.head)
		}
		if got := strings.HasPrefix(lines[2], "❗️"); got != tt.bang {
			t.Errorf("%q: ❗️ on the lead = %v, want %v: %q", tt.title, got, tt.bang, lines[2])
		}
	}
}

func TestFitTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		// a subtitle after a dash goes first
		{"トヨタ、北米の生産能力を増強へ－ハイブリッド車の比重を高めてメキシコ工場の生産車種も順次見直す計画", "トヨタ、北米の生産能力を増強へ"},
		{"ソニー、映画事業の分社化を検討―配信各社との提携を視野に入れつつ、音楽部門との統合案も浮上している", "ソニー、映画事業の分社化を検討"},
		// else whole phrases split by a space while they fit
		{"大阪府 新年度予算案を発表 万博の跡地開発に重点配分して観光客の誘致と雇用の確保を目指す方針", "大阪府 新年度予算案を発表"},
	}
	for _, tt := range tests {
		if got := fitTitle(tt.in, "ja"); got != tt.want {
			t.Errorf("fitTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
