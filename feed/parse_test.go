package feed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"briefbot"
)

var testNow = time.Date(2025, 6, 5, 12, 0, 0, 0, time.UTC)

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file  string
		title string
		keys  []string
		check func(t *testing.T, res *briefbot.FetchResult)
	}{
		{
			file:  "rss2.xml",
			title: "NHKニュース 国際",
			keys:  []string{"guid:k10014826051000", "guid:k10014826061000"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if res.NextAfter != 15*time.Minute {
					t.Errorf("NextAfter = %v, want 15m from <ttl>", res.NextAfter)
				}
				p := res.Posts[0]
				if p.URL != "https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html" {
					t.Errorf("URL = %q, want tracking and fragment dropped", p.URL)
				}
				if want := time.Date(2025, 6, 4, 21, 12, 0, 0, time.UTC); !p.Published.Equal(want) {
					t.Errorf("Published = %v, want %v", p.Published, want)
				}
				if p.Author != "NHK" || p.Language != "ja" || !p.FetchedAt.Equal(testNow) {
					t.Errorf("Author/Language/FetchedAt = %q/%q/%v", p.Author, p.Language, p.FetchedAt)
				}
				if want := "アメリカのトランプ大統領とロシアのプーチン大統領は4日、ウクライナ情勢などをめぐって電話会談を行いました。\n\nトランプ大統領は「よい会談だったが、すぐに和平につながるようなものではなかった」としています。"; p.Text != want {
					t.Errorf("Text = %q", p.Text)
				}
				q := res.Posts[1]
				if q.URL != "https://www3.nhk.or.jp/news/html/20250605/k10014826061000.html" {
					t.Errorf("relative item link not resolved: %q", q.URL)
				}
				if !strings.Contains(q.HTML, `<a href="https://www3.nhk.or.jp/news/special/ukraine/">初めて会談</a>`) {
					t.Errorf("content:encoded not preferred or link not resolved: %q", q.HTML)
				}
				if strings.Contains(q.HTML, "<img") {
					t.Errorf("img kept: %q", q.HTML)
				}
			},
		},
		{
			file:  "atom.xml",
			title: "Reuters World News",
			keys:  []string{"guid:tag:reuters.com,2025:newsml_L1N3SB0ZQ", "guid:tag:reuters.com,2025:newsml_L1N3SB10A"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				p := res.Posts[0]
				if p.Title != "Pope Leo urges Putin to make gesture for peace" {
					t.Errorf("Title = %q, want tags stripped", p.Title)
				}
				if p.Author != "Philip Pullella" {
					t.Errorf("Author = %q", p.Author)
				}
				if !strings.HasPrefix(p.Text, "VATICAN CITY, June 4 (Reuters)") || !strings.Contains(p.Text, "\n\nThe Vatican said") {
					t.Errorf("Text = %q", p.Text)
				}
				q := res.Posts[1]
				if want := time.Date(2025, 6, 4, 19, 12, 0, 0, time.UTC); !q.Published.Equal(want) {
					t.Errorf("Published = %v, want the updated date %v", q.Published, want)
				}
				if q.Text != "U.S. President Donald Trump said on Wednesday he had a good call with Putin." {
					t.Errorf("summary fallback Text = %q", q.Text)
				}
			},
		},
		{
			file:  "rdf.xml",
			title: "ロイター 国際ニュース",
			keys:  []string{"url:https://jp.reuters.com/world/ukraine/XYZ123-2025-06-04", "url:https://jp.reuters.com/world/europe/ABC456-2025-06-04"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if want := time.Date(2025, 6, 4, 14, 15, 0, 0, time.UTC); !res.Posts[0].Published.Equal(want) {
					t.Errorf("dc:date Published = %v, want %v", res.Posts[0].Published, want)
				}
				if res.Posts[0].Title != "ローマ教皇、プーチン氏と初の電話会談\u3000和平への措置促す" {
					t.Errorf("Title = %q (ideographic space must survive)", res.Posts[0].Title)
				}
			},
		},
		{
			file:  "jsonfeed.json",
			title: "Sputnik 日本",
			keys:  []string{"guid:https://sputniknews.jp/20250604/19876543.html", "guid:https://sputniknews.jp/20250604/19876600.html"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if res.Posts[0].URL != "https://sputniknews.jp/20250604/19876543.html" {
					t.Errorf("URL = %q", res.Posts[0].URL)
				}
				if res.Posts[1].Text != "プーチン露大統領はローマ教皇レオ14世と電話会談を行った。" {
					t.Errorf("content_text Text = %q", res.Posts[1].Text)
				}
			},
		},
		{
			file:  "hatena.xml",
			title: "d1021の日記",
			keys:  []string{"guid:hatenablog://entry/6802418398459530261"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				p := res.Posts[0]
				for _, want := range []string{
					`<blockquote cite="https://t.me/sputnik_jp/51234">`,
					`<cite><a href="https://t.me/sputnik_jp/51234">Sputnik 日本</a></cite>`,
					`<blockquote cite="https://jp.reuters.com/world/ukraine/XYZ123-2025-06-04/">`,
					`<iframe src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww3.nhk.or.jp%2Fnews%2Fhtml%2F20250605%2Fk10014826051000.html" title="米ロ首脳が電話会談 ウクライナ情勢など協議 | NHK" class="embed-card embed-webcard"></iframe>`,
					`<a href="https://d1021.hatenadiary.jp/entry/2025/06/04/203000">前の記事</a>`,
				} {
					if !strings.Contains(p.HTML, want) {
						t.Errorf("HTML lacks %s\n%s", want, p.HTML)
					}
				}
				for _, bad := range []string{"data-uuid", "onclick", "style=", "scrolling"} {
					if strings.Contains(p.HTML, bad) {
						t.Errorf("HTML keeps %s", bad)
					}
				}
				wantText := strings.Join([]string{
					"❗️ ロシア軍はスムイ州のコンドラトフカ村及びドネツク民共和国のレドコドゥブ村を解放した。",
					"🔸 ウクライナ軍は過去24時間に1470人以上の兵士を失った。",
					"Sputnik 日本",
					"バチカン（ローマ教皇庁）は4日、ローマ教皇レオ14世がロシアのプーチン大統領と初めて会談したと発表した。",
					"バチカンは「教皇は平和を支持する行動を取るようロシアに訴えた」と述べた。",
					"ローマ教皇、プーチン氏と初の電話会談",
					"https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html",
					"アメリカのトランプ大統領とロシアのプーチン大統領は4日、電話会談を行いました。",
					"前の記事",
				}, "\n\n")
				if p.Text != wantText {
					t.Errorf("Text =\n%s\nwant\n%s", p.Text, wantText)
				}
			},
		},
		{
			file:  "malformed.xml",
			title: "Broken & Co news",
			keys:  []string{"guid:broken-1", "guid:broken-2"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if res.Posts[0].Text != "An unescaped paragraph & an ampersand" {
					t.Errorf("Text = %q", res.Posts[0].Text)
				}
			},
		},
		{
			file:  "noguid.xml",
			title: "Minimal feed",
			keys:  []string{"hash:", "url:https://minimal.example.org/posts/42?id=7"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				p := res.Posts[0]
				if p.Title != "Item with neither guid nor link nor date nor title." {
					t.Errorf("untitled entry should borrow its text: %q", p.Title)
				}
				if !p.Published.Equal(testNow) || p.URL != "" || p.GUID != "" {
					t.Errorf("Published/URL/GUID = %v/%q/%q", p.Published, p.URL, p.GUID)
				}
			},
		},
		{
			file:  "dupguid.xml",
			title: "Duplicate GUIDs",
			keys:  []string{"guid:story-100", "guid:story-101"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if res.Posts[0].Title != "Original" {
					t.Errorf("kept %q, want the first copy", res.Posts[0].Title)
				}
			},
		},
		{
			file:  "future.xml",
			title: "Clock skew",
			keys:  []string{"guid:future-1"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				if !res.Posts[0].Published.Equal(testNow) {
					t.Errorf("Published = %v, want clamped to now", res.Posts[0].Published)
				}
			},
		},
		{
			file:  "script.xml",
			title: "Hostile feed",
			keys:  []string{"guid:evil-1"},
			check: func(t *testing.T, res *briefbot.FetchResult) {
				p := res.Posts[0]
				if p.Title != "Breaking: markets & rates" {
					t.Errorf("Title = %q", p.Title)
				}
				for _, bad := range []string{"script", "alert", "onclick", "onerror", "javascript", "<style", "display:none", "<form", "<input", "Password", "enable js", "evil.example.com/frame", "style=", "data-x", "<svg"} {
					if strings.Contains(strings.ToLower(p.HTML), strings.ToLower(bad)) {
						t.Errorf("HTML keeps %q: %s", bad, p.HTML)
					}
				}
				if !strings.Contains(p.HTML, `<a href="https://evil.example.com/ok">ok</a>`) {
					t.Errorf("safe link lost: %s", p.HTML)
				}
				if p.Text != "Rates rose.\n\nclick again ok\n\nDone." {
					t.Errorf("Text = %q", p.Text)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Parse(bytes.NewReader(readTestdata(t, tt.file)), "", testNow, "ja")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkInvariants(t, res)
			if res.Title != tt.title {
				t.Errorf("feed title = %q, want %q", res.Title, tt.title)
			}
			if len(res.Posts) != len(tt.keys) {
				t.Fatalf("got %d posts, want %d", len(res.Posts), len(tt.keys))
			}
			for i, k := range tt.keys {
				if !strings.HasPrefix(res.Posts[i].Key, k) {
					t.Errorf("post %d key = %q, want prefix %q", i, res.Posts[i].Key, k)
				}
				p := res.Posts[i]
				if p.ContentHash != sha256Hex(p.Title+"\n"+p.HTML) {
					t.Errorf("post %d: content hash is not sha256(title+\\n+html)", i)
				}
			}
			tt.check(t, res)
		})
	}
}

const legacyRSS = `<rss version="2.0"><channel><title>%s</title><link>https://legacy.example.jp/</link>
<item><title>%s</title><guid>legacy-1</guid><description>&lt;p&gt;%s&lt;/p&gt;</description></item></channel></rss>`

func legacyRSSFilled(title, itemTitle, body string) string {
	s := strings.Replace(legacyRSS, "%s", title, 1)
	s = strings.Replace(s, "%s", itemTitle, 1)
	return strings.Replace(s, "%s", body, 1)
}

func TestParseCharsets(t *testing.T) {
	const (
		jaTitle = "日本経済新聞 国際"
		jaItem  = "ロシア外相、ＮＡＴＯを批判 「緊張高める」"
		jaBody  = "ラブロフ外相は５日、記者会見で北大西洋条約機構を批判した。"
		ruTitle = "РИА Новости"
		ruItem  = "Путин провёл телефонный разговор с папой Львом XIV"
		ruBody  = "Президент России обсудил с понтификом ситуацию на Украине."
	)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		language    string
		want        [3]string // feed title, item title, text
	}{
		{
			name:     "Shift_JIS declared in the prolog",
			body:     encodeTo(t, japanese.ShiftJIS, `<?xml version="1.0" encoding="Shift_JIS"?>`+"\n"+legacyRSSFilled(jaTitle, jaItem, jaBody)),
			language: "ja",
			want:     [3]string{jaTitle, jaItem, jaBody},
		},
		{
			name:        "EUC-JP only in the HTTP Content-Type",
			body:        encodeTo(t, japanese.EUCJP, `<?xml version="1.0"?>`+"\n"+legacyRSSFilled(jaTitle, jaItem, jaBody)),
			contentType: "application/rss+xml; charset=EUC-JP",
			language:    "ja",
			want:        [3]string{jaTitle, jaItem, jaBody},
		},
		{
			name:        "windows-1251 only in the HTTP Content-Type",
			body:        encodeTo(t, charmap.Windows1251, legacyRSSFilled(ruTitle, ruItem, ruBody)),
			contentType: "text/xml; charset=windows-1251",
			language:    "ru",
			want:        [3]string{ruTitle, ruItem, ruBody},
		},
		{
			name:     "windows-1251 declared in the prolog",
			body:     encodeTo(t, charmap.Windows1251, `<?xml version="1.0" encoding="windows-1251"?>`+legacyRSSFilled(ruTitle, ruItem, ruBody)),
			language: "ru",
			want:     [3]string{ruTitle, ruItem, ruBody},
		},
		{
			name:        "prolog wins over a wrong HTTP charset",
			body:        encodeTo(t, japanese.ShiftJIS, `<?xml version="1.0" encoding="Shift_JIS"?>`+legacyRSSFilled(jaTitle, jaItem, jaBody)),
			contentType: "text/xml; charset=utf-8",
			language:    "ja",
			want:        [3]string{jaTitle, jaItem, jaBody},
		},
		{
			name:     "undeclared Shift_JIS guessed for a Japanese feed",
			body:     encodeTo(t, japanese.ShiftJIS, legacyRSSFilled(jaTitle, jaItem, jaBody)),
			language: "ja",
			want:     [3]string{jaTitle, jaItem, jaBody},
		},
		{
			name:     "UTF-8 BOM",
			body:     append([]byte("\xEF\xBB\xBF"), legacyRSSFilled(jaTitle, jaItem, jaBody)...),
			language: "ja",
			want:     [3]string{jaTitle, jaItem, jaBody},
		},
		{
			name:     "invalid UTF-8 and control characters replaced",
			body:     []byte(legacyRSSFilled("Broken \xff\xfe bytes", "Caf\xe9 \x01au lait", "ok\x0b text")),
			language: "en",
			want:     [3]string{"Broken \uFFFD bytes", "Caf\uFFFD au lait", "ok text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(bytes.NewReader(tt.body), tt.contentType, testNow, tt.language)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkInvariants(t, res)
			if len(res.Posts) != 1 {
				t.Fatalf("got %d posts", len(res.Posts))
			}
			got := [3]string{res.Title, res.Posts[0].Title, res.Posts[0].Text}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseLongTitle(t *testing.T) {
	word := "制裁 <b>sanctions</b> &amp;   \n\t"
	long := strings.Repeat(word, 5000/len([]rune(word))+1)
	body := `<rss version="2.0"><channel><title>t</title><item><guid>g</guid><title><![CDATA[` + long + `]]></title></item></channel></rss>`
	res, err := Parse(strings.NewReader(body), "", testNow, "ja")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res)
	title := res.Posts[0].Title
	if n := utf8.RuneCountInString(title); n > maxTitleRunes || n < maxTitleRunes*2/3 {
		t.Errorf("title has %d runes", n)
	}
	if strings.ContainsAny(title, "<>\n\t") || strings.Contains(title, "  ") || strings.Contains(title, "&amp;") {
		t.Errorf("title not cleaned: %q", title)
	}
	if !strings.HasSuffix(title, "& …") && !strings.HasSuffix(title, "s …") && !strings.HasSuffix(title, "裁 …") && !strings.HasSuffix(title, "…") {
		t.Errorf("title not marked as cut: %q", title)
	}
	if strings.HasSuffix(strings.TrimSuffix(title, "…"), "sanc") {
		t.Errorf("title cut mid-word: %q", title)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		notFeed bool
	}{
		{"html page", string(readTestdata(t, "htmlpage.html")), true},
		{"empty body", "", true},
		{"plain text", "Service temporarily unavailable", true},
		{"json that is not a feed", `{"error":"rate limited"}`, true},
		{"xml without a feed root", `<?xml version="1.0"?><html><body>hi</body></html>`, true},
		{"rss broken before any item", `<rss version="2.0"><channel><title>x</title><item><title>a</title></wrong`, false},
		{"atom broken before any entry", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x<`, false},
		{"broken json", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.body), "", testNow, "en")
			if err == nil {
				t.Fatalf("Parse succeeded with %d posts, want an error", len(res.Posts))
			}
			if got := errors.Is(err, ErrNotFeed); got != tt.notFeed {
				t.Errorf("errors.Is(%v, ErrNotFeed) = %v, want %v", err, got, tt.notFeed)
			}
		})
	}
}

func TestParsePlainTextBody(t *testing.T) {
	body := `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","title":"x",` +
		`"content_text":"第一段落の一行目\n一行目の続き\n\n第二段落 <b>not a tag</b>"}]}`
	res, err := Parse(strings.NewReader(body), "application/feed+json", testNow, "ja")
	if err != nil {
		t.Fatal(err)
	}
	p := res.Posts[0]
	if want := "第一段落の一行目\n\n一行目の続き\n\n第二段落 <b>not a tag</b>"; p.Text != want {
		t.Errorf("Text = %q, want %q", p.Text, want)
	}
	if strings.Contains(p.HTML, "<b>") {
		t.Errorf("markup-looking text became markup: %q", p.HTML)
	}
}

// A UTF-8 feed with one broken byte keeps its UTF-8 text: re-decoding it as
// Shift_JIS would garble every line.
func TestParseMostlyUTF8NotRedecoded(t *testing.T) {
	body := legacyRSSFilled("日本経済新聞", "ロシア外相、ＮＡＴＯを批判\xff", "ラブロフ外相は５日、記者会見で批判した。")
	res, err := Parse(strings.NewReader(body), "", testNow, "ja")
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Posts[0].Title; got != "ロシア外相、ＮＡＴＯを批判\uFFFD" {
		t.Errorf("Title = %q", got)
	}
}

func TestParseJSONNullItem(t *testing.T) {
	body := `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[null,{"id":"1","title":"x"}]}`
	res, err := Parse(strings.NewReader(body), "", testNow, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posts) != 1 || res.Posts[0].Key != "guid:1" {
		t.Errorf("posts = %+v", res.Posts)
	}
}

// TestParseSourceAndFeedTitle keeps what names an entry's outlet: its
// <source> (RSS, Atom), and the feed's own title on entries of the feed's
// own site only.
func TestParseSourceAndFeedTitle(t *testing.T) {
	tests := []struct {
		name, body string
		want       [][2]string // per post: Source, FeedTitle
	}{
		{"rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>World Wire Digest</title><link>https://wire-digest.example/world</link>
<item><title>a</title><link>https://www.reuters.com/a</link><source url="https://www.reuters.com"> Reuters </source><description>x</description></item>
<item><title>b</title><link>https://news.wire-digest.example/b</link><description>y</description></item>
<item><title>c</title><description>z</description></item>
</channel></rss>`, [][2]string{{"Reuters", ""}, {"", "World Wire Digest"}, {"", "World Wire Digest"}}},
		{"atom", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sputnik 日本 - Telegram Channel</title><link href="https://t.me/s/sputnik_jp"/><id>x</id>
<entry><title>a</title><link href="https://t.me/sputnik_jp/1"/><id>1</id><content type="html">x</content></entry>
<entry><title>b</title><link href="https://www.afpbb.com/articles/-/1"/><id>2</id><source><title>AFPBB News</title><id>s</id></source><content type="html">y</content></entry>
</feed>`, [][2]string{{"", "Sputnik 日本 - Telegram Channel"}, {"AFPBB News", ""}}},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"Meduza","home_page_url":"https://meduza.io/",
"items":[{"id":"1","url":"https://meduza.io/news/1","content_text":"x"},{"id":"2","url":"https://example.com/2","content_text":"y"}]}`,
			[][2]string{{"", "Meduza"}, {"", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.body), "", testNow, "auto")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Posts) != len(tt.want) {
				t.Fatalf("%d posts, want %d", len(res.Posts), len(tt.want))
			}
			for i, w := range tt.want {
				if p := res.Posts[i]; p.Source != w[0] || p.FeedTitle != w[1] {
					t.Errorf("post %d: Source %q, FeedTitle %q; want %q, %q", i, p.Source, p.FeedTitle, w[0], w[1])
				}
			}
		})
	}
}
