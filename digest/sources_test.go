package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestSourceLineGroupsOutlets(t *testing.T) {
	tests := []struct {
		name string
		srcs []briefbot.Source
		want string
	}{
		{"repeats link as [2]", []briefbot.Source{
			{Outlet: "NHK", URL: "https://www3.nhk.or.jp/a"},
			{Outlet: "ロイター", URL: "https://jp.reuters.com/b"},
			{Outlet: "NHK", URL: "https://www3.nhk.or.jp/c"},
			{Outlet: "AT&T <news>", URL: "javascript:alert(1)"},
		}, `📰 <a href="https://www3.nhk.or.jp/a">NHK</a> <a href="https://www3.nhk.or.jp/c">[2]</a> · ` +
			`<a href="https://jp.reuters.com/b">ロイター</a> · AT&amp;T &lt;news&gt;`},
		{"one outlet whatever its spelling", []briefbot.Source{
			{Outlet: "ロイター", URL: "https://jp.reuters.com/a"},
			{Outlet: "Sputnik", URL: "https://t.me/sputnik_jp/1"},
			{Outlet: "Reuters", URL: "https://www.reuters.com/b"},
			{Outlet: "ロイター通信", URL: "https://jp.reuters.com/c"},
			{Outlet: "スプートニク", URL: "https://sputniknews.jp/d"},
		}, `📰 <a href="https://jp.reuters.com/a">ロイター</a> <a href="https://www.reuters.com/b">[2]</a> <a href="https://jp.reuters.com/c">[3]</a> · ` +
			`<a href="https://t.me/sputnik_jp/1">Sputnik</a> <a href="https://sputniknews.jp/d">[2]</a>`},
		{"unknown outlets by their name", []briefbot.Source{
			{Outlet: "The Quiet Frontier", URL: "https://quietfrontier.substack.com/p/x"},
			{Outlet: "the quiet  frontier", URL: "https://quietfrontier.substack.com/p/y"},
		}, `📰 <a href="https://quietfrontier.substack.com/p/x">The Quiet Frontier</a> <a href="https://quietfrontier.substack.com/p/y">[2]</a>`},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sourceLine(tt.srcs); got != tt.want {
				t.Errorf("sourceLine =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSourcesOf(t *testing.T) {
	item := func(outlet, url string) briefbot.Item { return briefbot.Item{Outlet: outlet, URL: url} }
	so := func(outlet, url string) briefbot.Source { return briefbot.Source{Outlet: outlet, URL: url} }
	post := "https://d1021.hatenadiary.jp/entry/2025/06/05/000000"
	tests := []struct {
		name, lang string
		items      []briefbot.Item
		want       []briefbot.Source
	}{
		{"named in the brief's language", "ja", []briefbot.Item{
			item("Reuters", "https://www.reuters.com/a"), item("ТАСС", "https://tass.ru/b"), item("NHK", "https://www3.nhk.or.jp/c?utm_source=x"),
		}, []briefbot.Source{so("ロイター", "https://www.reuters.com/a"), so("タス通信", "https://tass.ru/b"), so("NHK", "https://www3.nhk.or.jp/c")}},
		{"russian names", "ru", []briefbot.Item{item("ロイター", "https://jp.reuters.com/a"), item("共同", "https://www.47news.jp/b")},
			[]briefbot.Source{so("Рейтер", "https://jp.reuters.com/a"), so("Киодо", "https://www.47news.jp/b")}},
		{"one link once", "en", []briefbot.Item{item("Sputnik", "https://t.me/sputnik_jp/1"), item("スプートニク", "https://t.me/sputnik_jp/1")},
			[]briefbot.Source{so("Sputnik", "https://t.me/sputnik_jp/1")}},
		{"unnamed block left out beside named ones", "ja", []briefbot.Item{item("", post), item("NHK", "https://www3.nhk.or.jp/a")},
			[]briefbot.Source{so("NHK", "https://www3.nhk.or.jp/a")}},
		{"unnamed block alone", "ja", []briefbot.Item{item("", post), item("", post)},
			[]briefbot.Source{so("出典不明", post)}},
		{"stored bare host read again", "en", []briefbot.Item{item("example.com", "https://example.com/a"), item("t.me/rusjp_news", "https://t.me/rusjp_news/1"), item("www3.nhk.or.jp", "https://www3.nhk.or.jp/b")},
			[]briefbot.Source{so("Example", "https://example.com/a"), so("@rusjp_news", "https://t.me/rusjp_news/1"), so("NHK", "https://www3.nhk.or.jp/b")}},
		{"stored aggregator host unnamed", "en", []briefbot.Item{item("d1021.hatenadiary.jp", post)},
			[]briefbot.Source{so("unattributed", post)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sourcesOf(&briefbot.Story{Items: tt.items}, tt.lang)
			if len(got) != len(tt.want) {
				t.Fatalf("sourcesOf = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("source %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestMergedBriefNamesOutletOnce renders a Japanese story told by ロイター in
// Japanese and by Reuters in English: the 📰 line names Reuters once, in
// Japanese, and links its second report as [2].
func TestMergedBriefNamesOutletOnce(t *testing.T) {
	at := time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC)
	s := &briefbot.Story{ID: 1, Language: "ja", Topics: []string{"world"}, FirstPublished: at, Items: []briefbot.Item{
		{PostID: 1, Outlet: "ロイター", URL: "https://jp.reuters.com/world/ukraine/a/", Language: "ja", Published: at,
			Title: "プーチン氏、ウクライナでの目標「変えず」　トランプ氏と電話会談",
			Text:  "ロシアのプーチン大統領は12日、トランプ米大統領と電話で会談し、ウクライナでの軍事作戦の目標を変えるつもりはないと伝えた。\n\nウシャコフ大統領補佐官は記者団に対し、武器供与の停止は話題に上らなかったと述べた。"},
		{PostID: 2, Outlet: "NHK", URL: "https://www3.nhk.or.jp/news/html/b.html", Language: "ja", Published: at,
			Title: "米ロ首脳が電話会談 捕虜500人ずつの交換で一致",
			Text:  "アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談し、捕虜を500人ずつ交換することで一致しました。"},
		{PostID: 3, Outlet: "Reuters", URL: "https://www.reuters.com/world/europe/c/", Language: "ja", Published: at,
			Title: "米ロ首脳、捕虜交換を支持",
			Text:  "トランプ米大統領とロシアのプーチン大統領は12日、1時間半以上にわたり電話で会談し、捕虜の交換を支持した。"},
	}}
	b := Render(s, RenderOptions{Location: jst})
	want := `📰 <a href="https://jp.reuters.com/world/ukraine/a/">ロイター</a> <a href="https://www.reuters.com/world/europe/c/">[2]</a> · ` +
		`<a href="https://www3.nhk.or.jp/news/html/b.html">NHK</a>`
	if !strings.Contains(b.HTML, want+"\n") {
		t.Errorf("📰 line: want\n%s\nin\n%s", want, b.HTML)
	}
	if len(b.Sources) != 3 || b.Sources[2].Outlet != "ロイター" {
		t.Errorf("sources %+v", b.Sources)
	}
}
