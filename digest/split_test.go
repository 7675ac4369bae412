package digest

import (
	"os"
	"path/filepath"
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
}

func FuzzSplitHTML(f *testing.F) {
	for _, s := range []string{"<blockquote cite=\"https://t.me/sputnik_jp/1\"><p>a。</p></blockquote>",
		"<p><iframe class=\"embed-card\" src=\"x?url=%%\"></iframe></p><blockquote>b</blockquote>", "<blockquote><cite>", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for _, it := range Split(briefbot.Post{HTML: h, Text: h, Language: "auto"}) {
			if it.Text == "" && it.Title == "" {
				t.Fatalf("empty item from %q", h)
			}
		}
	})
}
