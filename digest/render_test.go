package digest

import (
	"html"
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestRenderHostile(t *testing.T) {
	at := time.Date(2025, 6, 4, 23, 30, 0, 0, time.UTC)
	body := strings.Repeat("AT&T said <b>profits</b> rose 3.5% in the U.S. market on Tuesday. ", 80) // ≈5,000 chars
	tests := []struct {
		name  string
		title string
		text  string
	}{
		{"script title", "<script>alert(1)</script> & AT&T", "Shares of AT&T rose on Tuesday after the <script> company said \"profits\" beat forecasts. Analysts said the result was strong. The company also raised its dividend. Investors cheered the news in New York."},
		{"5000-char title", strings.Repeat("Very long headline & <tag> ", 190), "The board met on Tuesday. It approved the plan after a long debate. Critics said the plan was rushed. The vote was 7 to 2."},
		{"5000-char body", "AT&T & <friends>", body},
		{"5000-char unbroken body", "Wall of text", strings.Repeat("x", 5000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &briefbot.Story{ID: 9, Language: "en", Topics: []string{"biz"}, FirstPublished: at,
				Items: []briefbot.Item{{PostID: 1, URL: "https://example.com/a?utm_source=tg&x=\"1\"", Outlet: "example.com",
					Title: tt.title, Text: tt.text, Language: "en", Published: at}}}
			b := Render(s, RenderOptions{Location: jst, Hashtags: map[string]string{"biz": "Business"}})
			checkStyle(t, b, 0)
			if strings.Contains(b.HTML, "<script") || strings.Contains(b.HTML, "<tag>") || strings.Contains(b.HTML, "<friends>") {
				t.Errorf("raw tag reached the HTML:\n%s", b.HTML)
			}
			if strings.Contains(b.HTML, "utm_source") {
				t.Errorf("tracking parameter kept:\n%s", b.HTML)
			}
			last := b.HTML[strings.LastIndex(b.HTML, "\n")+1:]
			if last != "#Business(250605)" {
				t.Errorf("tag line %q, want #Business(250605) (JST date)", last)
			}
			// Every shown 🔸 line is a whole sentence of the item.
			for _, l := range strings.Split(b.HTML, "\n") {
				if strings.HasPrefix(l, "🔸 ") {
					sent := html.UnescapeString(strings.TrimPrefix(l, "🔸 "))
					if !strings.Contains(tt.text, sent) {
						t.Errorf("🔸 line %q is not a whole sentence of the text", sent)
					}
				}
			}
		})
	}
}

func TestRenderEnglishMerged(t *testing.T) {
	at := time.Date(2025, 6, 4, 18, 0, 0, 0, time.UTC)
	s := &briefbot.Story{ID: 1, Language: "en", Topics: []string{"world"}, FirstPublished: at, Items: []briefbot.Item{
		{PostID: 1, Outlet: "Reuters", URL: "https://www.reuters.com/world/a", Title: "Putin tells Trump Russia must respond to Ukraine's drone strikes", Language: "en", Urgent: true,
			Text: "Russian President Vladimir Putin told U.S. President Donald Trump on Wednesday that Moscow would have to respond to Ukraine's drone attacks on Russian airfields. Trump said the call lasted an hour and 15 minutes. \"It was a good conversation, but not a conversation that will lead to immediate peace,\" Trump wrote on Truth Social. The two leaders also discussed Iran's nuclear programme. Earlier, Putin accused Kyiv of terrorism over the bombing of two bridges in western Russia."},
		{PostID: 2, Outlet: "AP", URL: "https://apnews.com/article/b", Title: "Trump says Putin call won't bring immediate peace", Language: "en",
			Text: "Donald Trump said on Wednesday that his call with Vladimir Putin would not lead to immediate peace in Ukraine. Kremlin aide Yuri Ushakov said the leaders agreed to stay in touch at all levels. Ushakov said Trump told Putin the United States had not been warned of the airfield attacks."},
	}}
	b := Render(s, RenderOptions{Location: time.UTC, Hashtags: map[string]string{"world": "World"}})
	checkStyle(t, b, 2)
	for _, want := range []string{"【", "🇺🇦", "❗️", "🔸", "ℹ️ Earlier", "📰 <a href=\"https://www.reuters.com/world/a\">Reuters</a> · <a href=\"https://apnews.com/article/b\">AP</a>", "#World(250604)"} {
		if !strings.Contains(b.HTML, want) {
			t.Errorf("brief lacks %q:\n%s", want, b.HTML)
		}
	}
	if !strings.Contains(b.HTML, " (AP)") && !strings.Contains(b.HTML, " (Reuters)") {
		t.Errorf("no line names its other outlet:\n%s", b.HTML)
	}
	if len(b.Sources) != 2 || b.StoryID != 1 || b.Language != "en" || !b.Published.Equal(at) || b.Headline == "" {
		t.Errorf("brief fields %+v", b)
	}
}

func TestRenderRussian(t *testing.T) {
	at := time.Date(2025, 6, 4, 18, 0, 0, 0, time.UTC)
	s := &briefbot.Story{Language: "ru", FirstPublished: at, Items: []briefbot.Item{{Outlet: "タス", URL: "https://tass.ru/politika/1",
		Title: "Путин и Трамп провели телефонный разговор", Language: "ru",
		Text: "Президент России Владимир Путин и президент США Дональд Трамп в среду провели телефонный разговор. Об этом сообщил помощник президента Юрий Ушаков. Разговор продолжался час и 15 мин. Лидеры обсудили ситуацию вокруг Украины и Ирана. Ранее Путин заявил, что Киев превращается в террористическую организацию."}}}
	b := Render(s, RenderOptions{})
	checkStyle(t, b, 2)
	for _, want := range []string{"【Путин и Трамп провели телефонный разговор】", "🇷🇺🇺🇸", "ℹ️ Ранее", "#Новости(250604)"} {
		if !strings.Contains(b.HTML, want) {
			t.Errorf("brief lacks %q:\n%s", want, b.HTML)
		}
	}
}

func TestFlags(t *testing.T) {
	tests := []struct{ headline, lead, want string }{
		{"露米首脳電話会談 宇による露飛行場への攻撃について話し合った=トランプ氏", "トランプ米大統領は、プーチン露大統領と電話会談を行ったことを明らかにした。", "🇺🇸🇷🇺🇺🇦"},
		{"プーチン大統領、新教皇レオ14世と初の電話会談", "ローマ教皇レオ14世との電話会談で、プーチン露大統領は注意を促した。", "🇻🇦🇷🇺"},
		{"金正恩氏、ウクライナ情勢におけるロシアへの無条件の支持を約束", "北朝鮮の金正恩総書記は、ロシアのショイグ書記と会談した。", "🇰🇵🇷🇺"},
		{"欧米が支援会合", "朝日新聞によると、5日朝に会合が開かれた。", ""},
		{"ロシアゲート捏造", "宇宙開発の話。", ""},
		{"Israel strikes Iran", "Israeli jets hit targets in Iran, the U.S. said.", "🇮🇱🇮🇷🇺🇸"},
		{"Путин и Трамп", "Президент России и США обсудили Украину.", "🇷🇺🇺🇸🇺🇦"},
	}
	for _, tt := range tests {
		if got := leadFlags(tt.headline, tt.lead, 3); got != tt.want {
			t.Errorf("leadFlags(%q, %q) = %q, want %q", tt.headline, tt.lead, got, tt.want)
		}
	}
}

func TestSelect(t *testing.T) {
	sents := []string{
		"The central bank raised interest rates by half a point on Thursday.",
		"The central bank raised rates by half a point on Thursday, its biggest move in years.",
		"Inflation has stayed above target for two years.",
		"The weather in the capital was sunny.",
		"Markets fell after the rate decision, with bank shares leading losses.",
	}
	got := Select(sents, 3, "en", nil)
	if len(got) != 3 {
		t.Fatalf("Select returned %d indexes", len(got))
	}
	seen := map[int]bool{}
	for _, i := range got {
		if seen[i] || i < 0 || i >= len(sents) {
			t.Fatalf("bad indexes %v", got)
		}
		seen[i] = true
	}
	if seen[0] && seen[1] {
		t.Errorf("Select picked two sentences saying the same thing: %v", got)
	}
	if again := Select(sents, 3, "en", nil); strings.Trim(strings.Join(strings.Fields(strings.Repeat(" ", 0)), ""), "") != "" || len(again) != 3 || again[0] != got[0] || again[1] != got[1] || again[2] != got[2] {
		t.Errorf("Select is not deterministic: %v vs %v", got, again)
	}
	if Select(nil, 3, "en", nil) != nil {
		t.Error("Select of nothing is not nothing")
	}
}

func TestTailGrams(t *testing.T) {
	lead := bigrams("ゼレンスキー大統領は4日、覚書を公表し、プーチン大統領に対し、首脳会談の開催とともにそれまでに停戦に応じるよう求めました。")
	tests := []struct {
		name, lang, s string
		repeats       bool
	}{
		{"ends with the lead's clause", "ja",
			"また「協議を続けるのは無意味だ」と述べ、プーチン大統領に対し、首脳会談の開催とともにそれまでに停戦に応じるよう求めました。", true},
		{"a new last clause", "ja",
			"また「協議を続けるのは無意味だ」と述べ、高官級では停戦について結論を出すことが難しいと指摘しました。", false},
		{"a short last clause says too little to compare", "ja", "会談は4日に行われ、停戦を求めました。", false},
		{"the comma is inside a quotation", "ja", "大統領は「首脳会談の開催とともにそれまでに停戦に応じるよう求める、と伝えた」と述べた。", false},
		{"English is left alone", "en", "The talks ended, and Zelensky asked Putin to agree to a ceasefire before the summit.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tail := tailGrams(tt.s, tt.lang)
			if got := tail != nil && overlap(tail, lead) >= 0.9; got != tt.repeats {
				t.Errorf("repeats the lead = %v, want %v", got, tt.repeats)
			}
		})
	}
}
