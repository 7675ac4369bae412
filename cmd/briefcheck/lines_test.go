package main

import (
	"strings"
	"testing"

	"briefbot"
	"briefbot/internal/labelled"
	"briefbot/scheduler"
)

func TestMissingSubject(t *testing.T) {
	tests := []struct {
		line string
		want bool // missing
	}{
		// Japanese
		{"そのうえで「世界がプーチンの脅威に弱腰になれば、圧力を感じない」と述べた。", true},
		{"３日には、新たな停戦案への支持を表明した。", true},
		{"13日は、首都で記者会見を開いた。", true},
		{"黒海での停戦について「今すぐ受け入れるべきだ」と述べ、プーチン大統領に即答を求めた。", true},
		{"現時点でコメントすることはない。", true},
		{"同省は、全ての標的に命中したと主張した。", true},
		{"この橋の3カ所に爆弾が仕掛けられていた。", true},
		{"ただ、商船の護衛は今のところ議題にない。", true},
		{"プーチン大統領は、紛争の根本原因を除去する目標は取り下げないと強調した。", false},
		{"会談は約1時間40分に及んだ。", false},
		{"地元当局によりますと、この攻撃で施設の一部が損傷した。", false},
		{"JR東日本によりますと、総武線の一部区間で一時運転を見合わせました。", false},
		{"20日午後2時25分ごろ、千葉県北西部を震源とする地震があり、震度5弱を観測しました。", false},
		{"主なやり取りは次の通り。", false},
		{"兵士らは今後、国防省の医療施設で治療を受ける。", false},
		{"「クモの巣作戦」はロシアに対する自衛の手段だ。", false},
		{"ペスコフ氏：この犯罪を解決する為に必要な事はすべて行われる。", false},
		{"モスクワもそれを承知しているはずだ。", false},
		{"イリノイ州では一時、20万を超える世帯で停電した。", false},
		{"米ロ首脳の電話会談で示されたのは、露骨な計算である。", false},
		{"これまでに少なくとも9人が死亡した。", false},
		// English
		{"He said he had proposed a pause in fighting at sea.", true},
		{"It was the seventh publicly announced call between the two.", true},
		{"But critics argue cutting subsidies will hurt poorer families.", true},
		{"and backed a swap of 500 prisoners a side.", true},
		{"So far, the promoters say the experience has been positive.", false},
		{"Navy spokesperson Dmytro Pletenchuk told the Kyiv Independent the ship was hit.", false},
		{"Italy's Parmalat sued 49 banks.", false},
		// Russian
		{"Он длился более часа.", true},
		{"Об этом журналистам сообщил помощник президента Юрий Ушаков.", true},
		{"И это понятно: любой разговор о мире — угроза.", true},
		{"стороны договорились поддерживать контакты на всех уровнях.", true},
		{"Песков заявил, что сроки встречи пока не определены.", false},
		{"Антирусские силы опасаются разговора президентов.", false},
	}
	for _, tt := range tests {
		if got := missingSubject(tt.line) != ""; got != tt.want {
			t.Errorf("missingSubject(%q) = %q, want missing: %v", tt.line, missingSubject(tt.line), tt.want)
		}
	}
}

// judgeHTML checks one pushed brief on its own, without labels.
func judgeHTML(html, lang string) *result {
	in := &input{name: "t", runs: []run{{briefs: []scheduler.PreviewBrief{{
		Brief: briefbot.Brief{HTML: html, Language: lang}, Push: true}}}}}
	return check(in)
}

func TestQuoteSpeaker(t *testing.T) {
	const head = "【見出しは十二文字以上のものです】\n\n"
	tests := []struct {
		name, body, lang string
		want             int // 🗨️ without speaker
	}{
		{"ja named", "🇺🇦 ウクライナで攻撃があった。\n\n🔸 施設が損傷した。\n\n🗨️ ゼレンスキー大統領は「ロシアは時間を稼いでいる」と述べた。", "ja", 0},
		{"ja connective only", "🇺🇦 ウクライナで攻撃があった。\n\n🔸 施設が損傷した。\n\n🗨️ そのうえで「世界がプーチンの脅威に弱腰になれば」と述べた。", "ja", 1},
		{"ja 同氏 names nobody", "🇺🇦 攻撃があった。\n\n🔸 施設が損傷した。\n\n🗨️ 同氏は「許さない」と述べた。", "ja", 1},
		{"ja bare after a speaking lead", "🇺🇸 トランプ米大統領は、会談のあとSNSにこう投稿した。\n\n🗨️「前進はしているが、やるべきことはまだある」", "ja", 0},
		{"ja bare after facts", "🇺🇸 トランプ米大統領は、会談のあとSNSにこう投稿した。\n\n🔸 会談は約1時間40分に及んだ。\n\n🗨️「前進はしているが、やるべきことはまだある」", "ja", 1},
		{"ja quote lead, speaker after", "🇷🇺🗨️「キエフ政権は港を狙っている」\n\nロシア外務省のザハロワ報道官は定例会見でこう述べた。", "ja", 0},
		{"ja party as speaker", "🇷🇺 会談があった。\n\n🔸 両者が話した。\n\n🗨️「子どもたちのために」ロシア側が措置を講じていると強調した。", "ja", 0},
		{"en bare", "🇺🇸 Tornadoes hit Missouri.\n\n🔸 Nine people died.\n\n🗨️ \"From people screaming to silence in a minute.\"", "en", 1},
		{"en named", "🇺🇸 The Fed may cut.\n\n🔸 Markets rose.\n\n🗨️ \"The labor market is softening,\" Waller told a conference in Frankfurt.", "en", 0},
		{"en pronoun, a name elsewhere", "🇷🇺 Peskov spoke.\n\n🔸 No date was set.\n\n🗨️ \"The president has been informed,\" he added, when asked about Zelenskyy's offer.", "en", 1},
		{"en apposition", "🇬🇷 A ruling is due.\n\n🔸 The court met.\n\n🗨️ \"A decision is expected by mid-March,\" said one of their lawyers, Michalis Dimitrakopoulos.", "en", 0},
		{"ru named", "🇷🇺 Лавров провел переговоры.\n\n🔸 Стороны договорились.\n\n🗨️ «Мы высоко ценим позицию Пхеньяна», — сказал Лавров в начале встречи.", "ru", 0},
		{"ru pronoun, a capital after", "🇷🇺 Пожар потушен.\n\n🔸 Службы работают.\n\n🗨️ «Я на связи с главой города», — написал он в своем Telegram-канале.", "ru", 1},
		{"ru pronoun", "🇷🇺 Переговоры прошли.\n\n🔸 Стороны договорились.\n\n🗨️ «Президент проинформирован», — добавил он.", "ru", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := judgeHTML(head+tt.body+"\n\n📰 <a href=\"https://www3.nhk.or.jp/x\">NHK</a>", tt.lang)
			if got := res.count[colQuoteSpeaker]; got != tt.want {
				t.Errorf("🗨️ without speaker = %d, want %d; findings %+v", got, tt.want, res.findings)
			}
		})
	}
}

func TestFiller(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Reporting by Reuters; additional reporting by Jana Weiss", true},
		{"ロシア国防省は、出撃拠点を攻撃したと主張している。（c）AFP", true},
		{"原題：European Nations Weigh Joint Air-Defense Purchase", true},
		{"Как в Кремле отнеслись к предложению Зеленского о перемирии на море?", true},
		{"日本として新たな対応は考えているか。", true},
		{"ゼレンスキー大統領は「ロシアは本気なのか？」と述べた。", false},
		{"The Fed cut its benchmark rate by a quarter point in October.", false},
		{"Стороны договорились поддерживать контакты.", false},
	}
	for _, tt := range tests {
		if got := filler(tt.line, &judged{}) != ""; got != tt.want {
			t.Errorf("filler(%q) = %q, want %v", tt.line, filler(tt.line, &judged{}), tt.want)
		}
	}
}

func TestSameFact(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"会談はおよそ1時間40分に及び、詳細を説明した", "会談は約1時間40分に及んだ", true},
		{"The call lasted about an hour and forty minutes, Ushakov said.", "Ushakov said the call lasted about an hour and forty minutes.", true},
		{"Президенты не говорили о прекращении поставок оружия Киеву.", "Президенты не говорили о прекращении поставок оружия Украине.", true},
		{"電話会談は1時間40分に及んだ。", "電話会談は1時間15分に及んだ。", false},
		{"Oil prices rose 2% after the call.", "Oil prices rose 3% after the call.", false},
		{"Trump will meet Putin next week.", "Trump met Putin last month.", false},
		{"Лидеры обсудили меморандум.", "Лидеры не обсуждали меморандум.", false},
		{"ロシアのプーチン大統領は4日、トランプ米大統領と電話会談を行った。", "ウクライナ空軍は無人機88機を撃墜したと発表した。", false},
		// One source, two facts: the source named first is no content.
		{"プーチン露大統領とトランプ米大統領が電話で会談した。ウシャコフ露大統領補佐官が記者団に明らかにした。", "露大統領補佐官によると、会談は約1時間40分に及んだ。", false},
		{"トランプ氏は、黒海での戦闘を止めるようプーチン氏に提案したと明らかにした。", "トランプ氏によると、プーチン氏はこの提案を「検討する」と約束した。", false},
		{"По словам Ушакова, президенты не говорили о прекращении поставок оружия.", "Президенты не говорили о прекращении поставок оружия Киеву.", true},
	}
	for _, tt := range tests {
		if got := sameFact(tt.a, tt.b); got != tt.want {
			t.Errorf("sameFact(%q, %q) = %v (similarity %.2f)", tt.a, tt.b, got, similarity(tt.a, tt.b))
		}
	}
}

func TestRead(t *testing.T) {
	html := "【露宇、捕虜各150人を交換】\n\n❗️🇷🇺🇺🇦 ロシアとウクライナは20日、捕虜を交換した。\n\n" +
		"🔸 解放された兵士はベラルーシにいる。\n🔸 治療を受ける。\n\n🗨️ ゼレンスキー氏は「英雄が戻った」と述べた。\n\n" +
		"ℹ️ これまでにも交換は行われてきた。\n\n📰 <a href=\"https://www3.nhk.or.jp/a\">NHK</a> · " +
		"<a href=\"https://t.me/sputnik_jp/1\">Sputnik</a> <a href=\"https://t.me/sputnik_jp/2\">[2]</a> · ロイター\n#国際(261120)"
	r := read(html)
	if r.headline != "露宇、捕虜各150人を交換" || strings.Join(r.flags, "") != "🇷🇺🇺🇦" || r.tag != "#国際(261120)" {
		t.Errorf("headline %q flags %v tag %q", r.headline, r.flags, r.tag)
	}
	var kinds []string
	for _, l := range r.lines {
		kinds = append(kinds, l.kind.String())
	}
	if got := strings.Join(kinds, " "); got != "lead 🔸 🔸 🗨️ ℹ️" {
		t.Errorf("kinds %s", got)
	}
	if r.lines[0].text != "ロシアとウクライナは20日、捕虜を交換した。" {
		t.Errorf("lead %q", r.lines[0].text)
	}
	if len(r.sources) != 3 || r.sources[1].name != "Sputnik" || len(r.sources[1].urls) != 2 || r.sources[2].name != "ロイター" {
		t.Errorf("sources %+v", r.sources)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"日銀は据え置いた。植田総裁は「見極めたい。慎重に」と述べた。\n#日銀", 2},
		{"I live in the U.S. now. Mr. Smith then left at 6 p.m. for Boston.", 2},
		{"The talks went well. Reporters asked about the date.", 2},
		{"В. В. Путин провел совещание. Президент выступил с заявлением.", 2},
		{"Sputnik\nhttps://t.me/sputnik_jp/1\n【見出し】", 0},
	}
	for _, tt := range tests {
		if got := sentences(tt.text); len(got) != tt.want {
			t.Errorf("sentences(%q) = %q, want %d", tt.text, got, tt.want)
		}
	}
}

func TestUnitsOfPost(t *testing.T) {
	html := `<p>Sputnik</p><p><a href="https://t.me/sputnik_jp/1">t.me</a></p>
<blockquote><p>【見出し】</p><p>🔸 兵士はベラルーシにいる。</p></blockquote>
<blockquote cite="https://www3.nhk.or.jp/news/a.html"><p>日銀は据え置いた。</p><cite><a href="https://www3.nhk.or.jp/news/a.html">日銀 据え置き | NHK</a></cite></blockquote>
<p><iframe class="embed-card" src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww.afpbb.com%2Farticles%2F-%2F1" title="ロシア軍、港を攻撃"></iframe><cite class="hatena-citation"><a href="https://www.afpbb.com/articles/-/1">www.afpbb.com</a></cite></p>
<blockquote><p>港湾施設が損傷した。</p></blockquote>`
	us := unitsOfPost(briefbot.Post{URL: "https://x.hatenablog.jp/entry/1", HTML: html}, "ja", "news")
	want := []struct{ url, title, text string }{
		{"https://t.me/sputnik_jp/1", "", "【見出し】\n🔸 兵士はベラルーシにいる。"},
		{"https://www3.nhk.or.jp/news/a.html", "日銀 据え置き | NHK", "日銀は据え置いた。"},
		{"https://www.afpbb.com/articles/-/1", "ロシア軍、港を攻撃", "港湾施設が損傷した。"},
	}
	if len(us) != len(want) {
		t.Fatalf("%d units, want %d", len(us), len(want))
	}
	for i, w := range want {
		if us[i].url != w.url || us[i].title != w.title || us[i].text != w.text {
			t.Errorf("unit %d = %q %q %q, want %+v", i, us[i].url, us[i].title, us[i].text, w)
		}
	}
	if plain := unitsOfPost(briefbot.Post{URL: "https://e.org/1", Title: "T", Text: "A. B."}, "en", ""); len(plain) != 1 || plain[0].title != "T" {
		t.Errorf("a post without blocks is one unit: %+v", plain)
	}
}

func TestWrongFlags(t *testing.T) {
	tests := []struct {
		got, want, optional []string
		ok                  bool
	}{
		{[]string{"🇺🇸"}, []string{"🇺🇸"}, nil, true},
		{[]string{"🇺🇸", "🇨🇳"}, []string{"🇺🇸"}, nil, false},
		{nil, []string{"🇺🇸"}, nil, false},
		{[]string{"🇯🇵"}, nil, []string{"🇯🇵"}, true},
		{[]string{"🇷🇺", "🇺🇸", "🇯🇵"}, []string{"🇺🇸", "🇷🇺"}, []string{"🇯🇵"}, true},
	}
	for _, tt := range tests {
		if ok := wrongFlags(tt.got, tt.want, tt.optional) == ""; ok != tt.ok {
			t.Errorf("wrongFlags(%v, %v, %v) = %q", tt.got, tt.want, tt.optional, wrongFlags(tt.got, tt.want, tt.optional))
		}
	}
}

func TestSourcesAndLabels(t *testing.T) {
	mk := func(html string, push bool) scheduler.PreviewBrief {
		return scheduler.PreviewBrief{Brief: briefbot.Brief{HTML: html, Language: "ja"}, Push: push}
	}
	op := newUnit("op", "https://x.com/pundit/1", "ja", "", "戦争で潤う人たちにとって、対話ほど都合の悪いものはない。", "opinion")
	news := newUnit("news", "https://www3.nhk.or.jp/a", "ja", "", "日銀は政策金利を据え置いた。", "news")
	held := newUnit("held", "https://www3.nhk.or.jp/b", "ja", "", "竜巻で9人が死亡した。", "news")
	lost := newUnit("lost", "https://www3.nhk.or.jp/c", "ja", "", "北朝鮮がミサイルを発射した。", "news")
	in := &input{name: "t", ownNames: []string{"w2031の日記", "w2031.hatenadiary.jp"}, runs: []run{{
		units: []*unit{op, news, held, lost},
		briefs: []scheduler.PreviewBrief{
			mk("【日銀が政策金利を据え置き 市場の予想通り】\n\n🇯🇵 日銀は政策金利を据え置いた。\n\n🔸 戦争で潤う人たちにとって、対話ほど都合の悪いものはない。\n\n"+
				"📰 <a href=\"https://www3.nhk.or.jp/a\">www3.nhk.or.jp</a> · <a href=\"https://x.com/pundit/1\">w2031の日記</a> · <a href=\"https://e.org\">NHK</a> · NHK · 出典不明", true),
			mk("【米中西部で竜巻相次ぐ 少なくとも9人死亡】\n\n🇺🇸 竜巻で9人が死亡した。\n\n📰 <a href=\"https://www3.nhk.or.jp/b\">NHK</a>", false),
		},
	}}}
	res := check(in)
	for col, want := range map[column]int{colSrcHost: 2, colSrcFeed: 1, colSrcWrong: 1, colOpinionPushed: 1, colNewsHeld: 1, colNewsLost: 1} {
		if res.count[col] != want {
			t.Errorf("%s = %d, want %d", columnNames[col], res.count[col], want)
		}
	}
	if !res.off[colClaim] || !res.off[colFlags] {
		t.Errorf("rules that read labels must be off without them")
	}
}

func TestClaimWithoutSpeaker(t *testing.T) {
	u := newUnit("afp", "https://www.afpbb.com/articles/-/1", "ja", "", "", "news")
	u.exp = &labelled.ExpectItem{Claims: []labelled.ExpectSpeech{{Text: "無人艇の出撃拠点を攻撃した", Speaker: "ロシア国防省",
		SpeakerKeys: map[string]string{"ja": "国防省", "en": "Defense Ministry", "ru": "Минобороны"}}}}
	j := &judged{units: []*unit{u}}
	tests := []struct {
		line string
		want bool
	}{
		{"ウクライナ軍の無人艇の出撃拠点を攻撃した。", true},
		{"ロシア国防省は、ウクライナ軍の無人艇の出撃拠点を攻撃したと発表した。", false},
		{"ウクライナ軍の無人艇の出撃拠点を攻撃したという。", false},
		{"港湾施設が損傷した。", false},
	}
	for _, tt := range tests {
		if got := claimWithoutSpeaker(tt.line, j, "ja") != ""; got != tt.want {
			t.Errorf("claimWithoutSpeaker(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
