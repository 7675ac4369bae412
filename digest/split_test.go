package digest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"briefbot"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hatena", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSplitHatena(t *testing.T) {
	at := time.Date(2025, 6, 4, 15, 0, 0, 0, time.UTC)
	type want struct {
		outlet, url, titlePrefix string
		contains, absent         []string
	}
	tests := []struct {
		fixture string
		want    []want
	}{
		{"cite.html", []want{
			{"NHK", "https://www3.nhk.or.jp/news/html/20250605/k10014826006000.html", "米ロ首脳が電話会談",
				[]string{"1時間15分", "\n\n"}, []string{"関連記事", "https://", "私見", "🐸"}},
			{"ロイター", "https://jp.reuters.com/world/ukraine/putin-trump-call-2025-06-04/", "プーチン氏、ウクライナ",
				[]string{"対応せざるを得ない"}, []string{"原題", "抜粋", "挑発に乗らない", "🐸", "#ロシア"}},
		}},
		{"card.html", []want{
			{"ブルームバーグ", "https://www.bloomberg.co.jp/news/articles/2025-06-04/SXAB12T0AFB400", "米国、戦後ウクライナ",
				[]string{"防空支援を拒んでいる", "コメントを避けた。\nホワイトハウス"}, []string{"ひとこと"}},
			{"Sputnik", "https://t.me/sputnik_jp/90107", "",
				[]string{"ピストリウス国防相"}, []string{"#独", "ひとこと"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p := briefbot.Post{ID: 7, FeedName: "d1021", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
				HTML: readFixture(t, tt.fixture), Text: "fallback text that must not be used", Language: "auto",
				Published: at, FetchedAt: at.Add(time.Minute)}
			items := Split(p)
			if len(items) != len(tt.want) {
				t.Fatalf("got %d items, want %d: %+v", len(items), len(tt.want), items)
			}
			for i, w := range tt.want {
				it := items[i]
				if it.Outlet != w.outlet || it.URL != w.url {
					t.Errorf("item %d: outlet/url = %q %q, want %q %q", i, it.Outlet, it.URL, w.outlet, w.url)
				}
				if !strings.HasPrefix(it.Title, w.titlePrefix) {
					t.Errorf("item %d: title %q, want prefix %q", i, it.Title, w.titlePrefix)
				}
				for _, s := range w.contains {
					if !strings.Contains(it.Text, s) {
						t.Errorf("item %d: text lacks %q:\n%s", i, s, it.Text)
					}
				}
				for _, s := range w.absent {
					if strings.Contains(it.Text, s) {
						t.Errorf("item %d: text keeps %q:\n%s", i, s, it.Text)
					}
				}
				if it.PostID != 7 || it.FeedName != "d1021" || it.Index != i || it.Language != "ja" ||
					!it.Published.Equal(at) || !it.FetchedAt.Equal(at.Add(time.Minute)) {
					t.Errorf("item %d: metadata %+v", i, it)
				}
			}
		})
	}
}

func TestSplitOrdinaryPost(t *testing.T) {
	p := briefbot.Post{ID: 3, FeedName: "bbc", URL: "https://www.bbc.com/news/articles/c0000000?utm_source=x",
		Title: "Putin and Trump hold call", Language: "auto",
		HTML: "<p>Putin and Trump spoke for over an hour on Wednesday.</p><p>The Kremlin said the talks were useful.</p>",
		Text: "Putin and Trump spoke for over an hour on Wednesday.\n\nThe Kremlin said the talks were useful."}
	items := Split(p)
	if len(items) != 1 {
		t.Fatalf("got %d items, want 1", len(items))
	}
	it := items[0]
	if it.Outlet != "BBC" || it.Title != p.Title || it.Text != p.Text || it.Language != "en" || it.URL != p.URL {
		t.Errorf("item %+v", it)
	}
}

func TestSplitSeedAggregated(t *testing.T) {
	items := Split(seedAggregated(t))
	if len(items) < 20 {
		t.Fatalf("the seed yields %d items; it quotes far more sources", len(items))
	}
	var eadaily bool
	for _, it := range items {
		for _, bad := range []string{"🐸", "愚か者の戯言", "#ロシア(", "#露朝", "d1021.hatenadiary", "原題", "(抜粋)", "https://"} {
			if strings.Contains(it.Text, bad) {
				t.Errorf("item %d keeps boilerplate %q", it.Index, bad)
			}
		}
		if it.Outlet == "EADaily" {
			eadaily = true
			if !strings.Contains(it.Text, "ウシャコフ") {
				t.Errorf("the EADaily link is attached to the wrong block: %q", it.Text[:60])
			}
		}
		if it.Language != "ja" {
			t.Errorf("item %d language %q", it.Index, it.Language)
		}
	}
	if !eadaily {
		t.Error("no item carries the EADaily link left in the text")
	}
	// The 👇 caption over the retired officer's letter points at it: the
	// blogger's words, not the letter's title.
	var captioned bool
	for _, it := range items {
		if it.Caption == "プーチン大統領トランプ大統領の電話会談に関するロシア側の発表" {
			captioned = true
			if it.Title != "" || !strings.HasPrefix(it.Text, "1. アメリカ人の大半が") {
				t.Errorf("the captioned block: title %q, text %.40q", it.Title, it.Text)
			}
		}
		if strings.Contains(it.Title, "👇") || strings.Contains(it.Text, "👇") {
			t.Errorf("item %d keeps the caption: %q", it.Index, it.Title)
		}
		if strings.Contains(it.Outlet, "d1021") || strings.Contains(it.Outlet, "hatena") {
			t.Errorf("item %d named after the aggregator: %q", it.Index, it.Outlet)
		}
	}
	if !captioned {
		t.Error("no item carries the seed's 👇 caption")
	}
}

// TestSplitMarks reads the marks a blogger puts around quoted blocks, in
// the Hatena HTML shapes and in plain text (the seed's shape): a label line
// names the next block's outlet and never titles it, a 👇 caption points at
// the next block and is kept apart, link lines and cites give a block its
// link, title and outlet.
func TestSplitMarks(t *testing.T) {
	type want struct{ outlet, url, title, caption, textHas string }
	ja1 := "ロシアのプーチン大統領は12日、トランプ米大統領と電話で会談した。"
	ja2 := "ウクライナ空軍は、ロシア軍が無人機103機を発射したと発表しました。"
	tests := []struct {
		name, html, text string
		want             []want
	}{
		{name: "label, link paragraph, bare block",
			html: `<p>Sputnik</p><p><a href="https://t.me/sputnik_jp/1">t.me</a></p><blockquote><p>【米ロ首脳が電話会談】</p><p>` + ja1 + `</p></blockquote>`,
			want: []want{{"Sputnik", "https://t.me/sputnik_jp/1", "米ロ首脳が電話会談", "", ja1}}},
		{name: "label over a cited block, cite names the article",
			html: `<p>Reuters</p><blockquote cite="https://www.reuters.com/a/"><p>` + ja1 + `</p><cite><a href="https://www.reuters.com/a/">Trump, Putin talk | Reuters</a></cite></blockquote>`,
			want: []want{{"ロイター", "https://www.reuters.com/a/", "Trump, Putin talk", "", ja1}}},
		{name: "platform label and caption over a channel's block",
			html: `<p>Telegram</p><p>ウシャコフ補佐官の説明（ロシア語）👇</p><blockquote cite="https://t.me/tass_agency/9"><p>Ушаков — о разговоре Путина и Трампа.</p></blockquote>`,
			want: []want{{"ТАСС", "https://t.me/tass_agency/9", "", "ウシャコフ補佐官の説明（ロシア語）", "Ушаков"}}},
		{name: "label over a card: the card's title is the article's, its caption only a host",
			html: `<p>Bloomberg</p><p><iframe class="embed-card embed-webcard" src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww.bloomberg.co.jp%2Fnews%2Fa" title="欧州5カ国が防空システムを協議－関係者 - Bloomberg"></iframe><cite class="hatena-citation"><a href="https://www.bloomberg.co.jp/news/a">www.bloomberg.co.jp</a></cite></p><blockquote><p>` + ja2 + `</p></blockquote>`,
			want: []want{{"ブルームバーグ", "https://www.bloomberg.co.jp/news/a", "欧州5カ国が防空システムを協議－関係者", "", ja2}}},
		{name: "a link whose text is a label titles nothing",
			html: `<p><a href="https://t.me/sputnik_jp/2">Sputnik</a></p><blockquote><p>` + ja2 + `</p></blockquote>`,
			want: []want{{"Sputnik", "https://t.me/sputnik_jp/2", "", "", ja2}}},
		{name: "bare URL paragraph after a bare block",
			html: `<blockquote><p>` + ja2 + `</p></blockquote><p>https://www3.nhk.or.jp/news/b.html</p>`,
			want: []want{{"NHK", "https://www3.nhk.or.jp/news/b.html", "", "", ja2}}},
		{name: "text: label lines, caption, URL lines before and after",
			text: "Sputnik\n\nhttps://t.me/sputnik_jp/3\n\n【米ロ首脳が電話会談】\n\n🇷🇺🇺🇸 " + ja1 + "\n\n🔸 会談は約1時間40分に及んだ。\n\n" +
				"Telegram\n\n説明（ロシア語）👇\n\nУшаков — о разговоре Путина и Трампа.\n\nhttps://t.me/tass_agency/9\n\n" +
				"NHK\n\n" + ja2 + "\n\n#ウクライナ(260313)",
			want: []want{
				{"Sputnik", "https://t.me/sputnik_jp/3", "米ロ首脳が電話会談", "", "会談は約1時間40分"},
				{"ТАСС", "https://t.me/tass_agency/9", "", "説明（ロシア語）", "Ушаков"},
				{"NHK", "https://w2031.hatenadiary.jp/entry/1", "", "", ja2},
			}},
		{name: "text: cites after blocks and before one, a link's bare host",
			text: ja2 + "\n\n黒海での停戦を要求 | NHK\n\n見出し、目標「変えず」 | ロイター\n\n" + ja1 + "\n\nt.me\n\n" +
				"MOSCOW, March 12 (Reuters) - Putin and Trump spoke by phone for more than an hour and a half on Thursday.",
			want: []want{
				{"NHK", "https://w2031.hatenadiary.jp/entry/1", "黒海での停戦を要求", "", ja2},
				{"ロイター", "https://w2031.hatenadiary.jp/entry/1", "見出し、目標「変えず」", "", ja1},
				{"Reuters", "https://w2031.hatenadiary.jp/entry/1", "", "", "Putin and Trump spoke"},
			}},
		{name: "text: a label inside a paragraph is text",
			text: "NHK\nは12日、新しい番組を発表しました。\n\n" + ja2,
			want: []want{{"", "https://w2031.hatenadiary.jp/entry/1", "", "", "NHK\nは12日"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Split(briefbot.Post{ID: 1, FeedName: "w2031", URL: "https://w2031.hatenadiary.jp/entry/1", Title: "2026-03-13",
				HTML: tt.html, Text: tt.text, Author: "w2031", FeedTitle: "w2031の日記", Language: "auto"})
			if len(items) != len(tt.want) {
				for _, it := range items {
					t.Logf("item %q %q %q %q", it.Outlet, it.URL, it.Title, it.Text)
				}
				t.Fatalf("%d items, want %d", len(items), len(tt.want))
			}
			for i, w := range tt.want {
				it := items[i]
				if it.Outlet != w.outlet || it.URL != w.url || it.Title != w.title || it.Caption != w.caption || !strings.Contains(it.Text, w.textHas) {
					t.Errorf("item %d = outlet %q url %q title %q caption %q text %q\nwant %+v", i, it.Outlet, it.URL, it.Title, it.Caption, it.Text, w)
				}
			}
		})
	}
}

// FuzzSplitHTML splits arbitrary bodies as an aggregator's post and as a
// feed's entry: every item says something, is numbered in order, is named
// by something other than a host, "source" or the aggregator, and is never
// titled by a label or a caption; the same post always splits the same.
func FuzzSplitHTML(f *testing.F) {
	for _, s := range []string{"<blockquote cite=\"https://t.me/sputnik_jp/1\"><p>a。</p></blockquote>",
		"<p><iframe class=\"embed-card\" src=\"x?url=%%\"></iframe></p><blockquote>b</blockquote>", "<blockquote><cite>", "",
		"<p>Sputnik</p><p><a href=\"https://t.me/x/1\">Sputnik</a></p><blockquote><p>【見出し】</p><p>本文。</p></blockquote>",
		"<p>Telegram</p><p>説明👇</p><blockquote cite=\"https://t.me/tass_agency/1\"><p>Текст.</p><cite><a href=\"https://x.com/a\">a (@a) / X</a></cite></blockquote>",
		"Reuters\n\nhttps://www.reuters.com/a\n\n本文。\n\n見出し | NHK\n\n発表👇\n\n1. 私は\n\nt.me\n\nd1021.hatenadiary.jp",
		"［モスクワ　１２日　ロイター］ - 本文。\n\nMOSCOW, March 12 (Reuters) - Text.\n\n🔸 a\n\n🔸 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for _, u := range []string{"https://d1021.hatenadiary.jp/entry/1", "https://www3.nhk.or.jp/news/1.html"} {
			p := briefbot.Post{HTML: h, Text: h, URL: u, FeedName: "d1021", FeedTitle: "d1021の日記", Author: "d1021", Language: "auto"}
			items := Split(p)
			for i, it := range items {
				if it.Text == "" && it.Title == "" {
					t.Fatalf("empty item from %q", h)
				}
				if it.Index != i {
					t.Fatalf("item %d has index %d", i, it.Index)
				}
				if domainLike(it.Outlet) || strings.EqualFold(it.Outlet, "source") || strings.Contains(it.Outlet, "d1021") || strings.ContainsAny(it.Outlet, "\n\r\t") {
					t.Fatalf("outlet %q from %q", it.Outlet, h)
				}
				if isLabel(it.Title) || captionText(it.Title) != "" {
					t.Fatalf("title %q is a label or a caption, from %q", it.Title, h)
				}
			}
			if again := Split(p); !reflect.DeepEqual(again, items) {
				t.Fatalf("two splits of %q differ", h)
			}
		}
	})
}
