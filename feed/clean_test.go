package feed

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanHTML(t *testing.T) {
	base, _ := url.Parse("https://d1021.hatenadiary.jp/entry/2025/06/05/083012")
	tests := []struct {
		name, in, html, text string
	}{
		{
			name: "paragraphs and br",
			in:   "<p>first  line<br>second\n line</p><p>third&nbsp;&amp; fourth</p>",
			html: "<p>first  line<br>second\n line</p><p>third\u00a0&amp; fourth</p>",
			text: "first line\n\nsecond line\n\nthird & fourth",
		},
		{
			name: "relative links resolved, unsafe ones unwrapped",
			in:   `<p><a href="/about">about</a> <a href="javascript:void(0)">js</a> <a href="data:text/html,x">data</a> <a href="mailto:a@b.jp">mail</a></p>`,
			html: `<p><a href="https://d1021.hatenadiary.jp/about">about</a> js data <a href="mailto:a@b.jp">mail</a></p>`,
			text: "about js data mail",
		},
		{
			name: "headings and lists are paragraphs",
			in:   "<h2>見出し</h2><ul><li>一つ目</li><li>二つ目</li></ul>",
			html: "<h2>見出し</h2><ul><li>一つ目</li><li>二つ目</li></ul>",
			text: "見出し\n\n一つ目\n\n二つ目",
		},
		{
			name: "layout elements become divs, spans unwrap",
			in:   `<section class="x"><figure><figcaption>図<span style="c">1</span></figcaption></figure></section>`,
			html: "<div><div><div>図1</div></div></div>",
			text: "図1",
		},
		{
			name: "iframes other than embed cards go",
			in:   `<iframe src="https://www.youtube.com/embed/x"></iframe><p>after</p>`,
			html: "<p>after</p>",
			text: "after",
		},
		{
			name: "embed card with a javascript src goes",
			in:   `<iframe class="embed-card" src="javascript:alert(1)"></iframe>`,
			html: "",
			text: "",
		},
		{
			name: "event handlers and styles stripped from kept tags",
			in:   `<p onmouseover="x()" style="color:red" class="c"><strong onclick="y()">bold</strong></p>`,
			html: "<p><strong>bold</strong></p>",
			text: "bold",
		},
		{
			name: "entities and escaped text stay escaped",
			in:   `<p>&lt;script&gt;alert(1)&lt;/script&gt; 5 &gt; 3</p>`,
			html: "<p>&lt;script&gt;alert(1)&lt;/script&gt; 5 &gt; 3</p>",
			text: "<script>alert(1)</script> 5 > 3",
		},
		{
			name: "bidi overrides and zero-width characters go, joiners stay",
			in:   "<p>\u202e\u00e9txt.exe&#x202E; 休戦\u200b合意\u2066x\u2069 👨\u200d👩</p>",
			html: "<p>\u00e9txt.exe 休戦合意x 👨\u200d👩</p>",
			text: "\u00e9txt.exe 休戦合意x 👨\u200d👩",
		},
		{
			name: "plain text body",
			in:   "just text, no markup",
			html: "just text, no markup",
			text: "just text, no markup",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cleanHTML(tt.in, base)
			if got.HTML != tt.html {
				t.Errorf("HTML = %q\nwant   %q", got.HTML, tt.html)
			}
			if got.Text != tt.text {
				t.Errorf("Text = %q\nwant   %q", got.Text, tt.text)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  米ロ首脳が電話会談\n  ウクライナ情勢など協議 ", "米ロ首脳が電話会談 ウクライナ情勢など協議"},
		{"Rates &amp; <em>markets</em>", "Rates & markets"},
		{"<script>alert(1)</script>Title", "Title"},
		{"A < B and C > D", "A < B and C > D"},
		{"Tom &amp;amp; Jerry", "Tom &amp; Jerry"},
		{"\u202e停戦合意\u202c &#x202E;exe.txt\u200f", "停戦合意 exe.txt"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short stays", "short title", 20, "short title"},
		{"word boundary", "alpha beta gamma delta epsilon", 20, "alpha beta gamma…"},
		{"cjk cut hard", strings.Repeat("日本", 20), 10, strings.Repeat("日本", 4) + "日…"},
		{"no late space cuts hard", "a " + strings.Repeat("x", 40), 20, "a " + strings.Repeat("x", 17) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := truncateRunes(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("truncateRunes = %q, want %q", got, tt.want)
			}
			if utf8.RuneCountInString(got) > tt.max {
				t.Errorf("%d runes > %d", utf8.RuneCountInString(got), tt.max)
			}
		})
	}
}
