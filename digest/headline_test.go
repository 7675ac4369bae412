package digest

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
)

func TestShortHeadline(t *testing.T) {
	tests := []struct {
		lang, in, want string
		cut            bool // a clause had to be cut: whole is false
	}{
		{"ja", "ウクライナのゼレンスキー大統領は、トルコのイスタンブールで行われた直接協議でロシアが提示したとする和平に関する覚書を公表し「誰にとっても真剣なものだとは受け止められないだろう」と述べた上で、プーチン大統領に対し、首脳会談の開催とともにそれまでに停戦に応じるよう求めました",
			"ゼレンスキー大統領「誰にとっても真剣なものだとは受け止められないだろう」", false},
		{"ja", "ロシアのプーチン大統領は、ウクライナはロシアとの2回目の直接協議直前にロシア西部2州への攻撃を行ったと非難し、ウクライナは和平を望んでいないとの見解を示した",
			"ロシアのプーチン大統領、ウクライナは和平を望んでいないとの見解を示した", false},
		{"ja", "ロシア軍はウクライナ各地に無人機で攻撃を行い、北部で5人が死亡するなど市民への被害が相次いでいます",
			"ロシア軍、ウクライナ各地に無人機で攻撃", false},
		{"ja", "ロシアのプーチン大統領は、アメリカのトランプ大統領との電話会談で、ウクライナによるロシア各地の軍用飛行場への攻撃に対し、報復を示唆したとされますが、内容は明らかになっていません",
			"ロシアのプーチン大統領、報復を示唆したとされる", false},
		{"ja", "日銀は、短期金利の誘導目標を0.75%程度に据え置くことを決定し、来年の春闘の動向を注視する考えを示しました",
			"日銀、短期金利の誘導目標を0.75%程度に据え置くことを決定", false},
		{"ja", "ロシア外務省のザハロワ報道官は、ロシア国内の民間人を標的としたウクライナの「テロ攻撃」に西側諸国が直接・間接に関与しているとの認識を示した",
			"ロシア外務省のザハロワ報道官、西側諸国が直接・間接に関与しているとの認識を示した", false},
		{"ja", "欧州連合（EU）の加盟国は、ロシア産液化天然ガス（LNG）の輸入を全面的に禁止する時期を、当初予定の2027年末から来年6月に前倒しすることで合意した",
			"欧州連合（EU）の加盟国、来年6月に前倒しすることで合意", false},
		// Both quotes too long with the speaker: the last clause of one alone,
		// never "…記者団に対し".
		{"ja", "米国のウィタカーNATO大使は、ブリュッセルで記者団に対し、「同盟国、特にフランスと英国がドイツや他国と共に有志連合の形成に取り組んでいることを評価する」と述べ、「安全保障の確約を現実すべく、政治的資本の投入や軍事資源の貢献において、欧州の全ての同盟国が引き続き主導的な役割を果たしてくれることを期待している」と語った",
			"「欧州の全ての同盟国が引き続き主導的な役割を果たしてくれることを期待している」", false},
		// A long setting before the topic (…上告審で、最高裁は…): the main
		// clause's actor, not the が of the relative clause in the setting.
		{"ja", "大手建設会社の下請け業者が未払いの工事代金の支払いを求めた訴訟の上告審で、最高裁第2小法廷は会社側の上告を棄却し、約3億円の支払いを命じた判決が確定しました",
			"最高裁第2小法廷、会社側の上告を棄却", false},
		{"ja", "県内の複数の自治体が共同で運営するごみ処理施設の建設計画をめぐって、知事は住民説明会を改めて開く考えを示し、着工の時期を1年遅らせると発表しました",
			"知事、住民説明会を改めて開く考えを示し、着工の時期を1年遅らせると発表", false},
		// A place ran into the subject (…南部でハリケーンが): no subject to
		// lead with; cut where the next clause has a subject of its own.
		{"ja", "メキシコ南部でハリケーンが上陸し、少なくとも12人が死亡、8人が行方不明になっていると地元政府が発表した",
			"メキシコ南部でハリケーンが上陸し、少なくとも12人が死亡", false},
		// Short enough: whole.
		{"ja", "ロシアとウクライナは、捕虜150人ずつを交換した", "ロシアとウクライナは、捕虜150人ずつを交換した", false},
		// Over the 40 characters with no structure: cut after a particle, and
		// said so (the headline stage then looks for another sentence).
		{"ja", "ロシア軍飛行場襲撃に関与したアルチョム・ティモフェエフについてドミトリー・ペスコフが語った",
			"ロシア軍飛行場襲撃に関与したアルチョム・ティモフェエフについて", true},
		{"en", "Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained \"on the table\" as U.S. job growth slows",
			"Federal Reserve Governor Christopher Waller said another interest rate cut in December remained", true},
		{"en", "Russian President Vladimir Putin told U.S. President Donald Trump on Wednesday that Moscow would have to respond to Ukraine's drone attacks on Russian airfields",
			"Russian President Vladimir Putin told U.S. President Donald Trump", false},
		{"en", "The board met.", "The board met.", false},
		{"ru", "Президент России Владимир Путин и президент США Дональд Трамп в среду провели телефонный разговор, который продолжался час и пятнадцать минут",
			"Президент России Владимир Путин и президент США Дональд Трамп провели телефонный разговор", false},
	}
	for _, tt := range tests {
		got, whole := shortHeadline(tt.in, tt.lang)
		if got != tt.want || whole == tt.cut {
			t.Errorf("shortHeadline(%q)\n got %q (whole %v)\nwant %q (whole %v)", tt.in, got, whole, tt.want, !tt.cut)
		}
		if n := utf8.RuneCountInString(got); n > headlineRunes[tt.lang] {
			t.Errorf("%q is %d runes", got, n)
		}
		if !balanced(got) || strings.HasSuffix(got, "。") || strings.HasSuffix(got, "、") {
			t.Errorf("%q is unbalanced or ends badly", got)
		}
	}
}

// An untitled source gets a short headline made from its lead, and the lead
// is still shown in full under it.
func TestUntitledHeadline(t *testing.T) {
	at := time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)
	lead := "ロシア軍はウクライナ各地に無人機で攻撃を行い、北部で5人が死亡するなど市民への被害が相次いでいます。"
	s := &briefbot.Story{Language: "ja", FirstPublished: at, Items: []briefbot.Item{{Outlet: "NHK", URL: "https://www3.nhk.or.jp/a", Language: "ja", Published: at,
		Text: lead + "\n\nクリメンコ内相は、このうち北部チェルニヒウ州では1歳の赤ちゃんを含む5人が死亡、6人がけがをしたと明らかにしました。"}}}
	b := Render(s, RenderOptions{})
	checkStyle(t, b, 0)
	lines := strings.Split(b.HTML, "\n")
	if lines[0] != "【ロシア軍、ウクライナ各地に無人機で攻撃】" || !strings.HasSuffix(lines[2], lead) {
		t.Errorf("headline/lead:\n%s", b.HTML)
	}
}

// A channel post quoted in a Hatena block gives its 【headline】 as the
// item's title, not as body text; a bare host as link text is no title.
func TestSplitChannelHeadline(t *testing.T) {
	p := briefbot.Post{Language: "ja", URL: "https://blog.hatenablog.jp/entry/1", HTML: `<p><a href="https://t.me/sputnik_jp/41234">t.me</a></p>
<blockquote cite="https://t.me/sputnik_jp/41234"><p>【露宇、捕虜各150人を交換 UAEが仲介=露国防省】</p><p>🇷🇺🇺🇦 ロシアとウクライナは20日、捕虜150人ずつを交換した。</p></blockquote>
<p><a href="https://t.me/sputnik_jp/41235">t.me</a></p>
<blockquote cite="https://t.me/sputnik_jp/41235"><p>🇷🇺 ロシア国防省は20日、村を解放したと発表した。</p></blockquote>`}
	items := Split(p)
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	if items[0].Title != "露宇、捕虜各150人を交換 UAEが仲介=露国防省" || strings.Contains(items[0].Text, "【") {
		t.Errorf("item 0: title %q text %q", items[0].Title, items[0].Text)
	}
	if items[1].Title != "" {
		t.Errorf("item 1 title %q, want none", items[1].Title)
	}
}

func FuzzShortHeadline(f *testing.F) {
	for _, s := range []string{
		"ロシアのプーチン大統領は、アメリカのトランプ大統領との電話会談で、報復を示唆したとされますが、内容は明らかになっていません",
		"ウクライナのゼレンスキー大統領は、覚書を公表し「誰にとっても真剣なものだとは受け止められないだろう」と述べた",
		"Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained \"on the table\" as U.S. job growth slows",
		"「」は、、「「」", "は", "",
	} {
		f.Add(s, "ja")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		if !utf8.ValidString(s) {
			return
		}
		got, _ := shortHeadline(s, lang)
		if strings.TrimSpace(s) != "" && got == "" {
			t.Fatalf("shortHeadline(%q) is empty", s)
		}
		if balanced(s) && !balanced(got) {
			t.Fatalf("shortHeadline(%q) = %q opens a bracket it does not close", s, got)
		}
		if stripDateline(s) == "" && s != "" {
			t.Fatalf("stripDateline(%q) is empty", s)
		}
	})
}

// TestSentenceHeadline: a line's first sentence only, without the day
// between a place and the event.
func TestSentenceHeadline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ネパール西部で3日、大雨による土砂崩れが起き、5人が死亡した。警察が明らかにした。", "ネパール西部で大雨による土砂崩れが起き、5人が死亡した"},
		{"九州北部に5日未明、線状降水帯が発生した。", "九州北部に線状降水帯が発生した"},
		{"首相は8日、記者団の質問に答えた。", "首相は、記者団の質問に答えた"},
	}
	d := &draft{lang: "ja"}
	for _, tt := range tests {
		if got, _ := d.sentenceHeadline(tt.in); got != tt.want {
			t.Errorf("sentenceHeadline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
