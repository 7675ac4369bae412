package posthtml

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func parse(t testing.TB, s string) []*html.Node {
	t.Helper()
	nodes, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return nodes
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]string
	}{
		{"blocks and line breaks", "<p>first  line<br>second\n line</p><p>third&nbsp;&amp; fourth</p>",
			[][]string{{"first line", "second line"}, {"third & fourth"}}},
		{"inline text between blocks", "loose <b>text</b><div>in a div</div>tail",
			[][]string{{"loose text"}, {"in a div"}, {"tail"}}},
		{"lists and headings", "<h2>見出し</h2><ul><li>一つ目</li><li>二つ目</li></ul>",
			[][]string{{"見出し"}, {"一つ目"}, {"二つ目"}}},
		{"table cells set off", "<table><tr><td>a</td><td>b</td></tr></table>", [][]string{{"a b"}}},
		{"silent elements say nothing", "<p>x<script>alert(1)</script><img alt=y>z</p><style>p{}</style>",
			[][]string{{"xz"}}},
		{"a card is its address, its caption nothing",
			`<p><iframe class="embed-card embed-webcard" src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww3.nhk.or.jp%2Fa" title="T"></iframe>` +
				`<cite><a href="https://www3.nhk.or.jp/a">www3.nhk.or.jp</a></cite></p><p>after</p>`,
			[][]string{{"https://www3.nhk.or.jp/a"}, {"after"}}},
		{"a caption by its class", `<p>x<cite class="hatena-citation">www.example.com</cite></p>`, [][]string{{"x"}}},
		{"other cites are text", `<p>as <cite>The Book</cite> says</p>`, [][]string{{"as The Book says"}}},
		{"other frames say nothing", `<iframe src="https://www.youtube.com/embed/x">fallback</iframe>ok`, [][]string{{"ok"}}},
		{"ideographic space kept inside", "<p>［キーウ\u300020日］ </p>", [][]string{{"［キーウ\u300020日］"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Paragraphs(parse(t, tt.in)...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestTextAndLine(t *testing.T) {
	nodes := parse(t, "<p>a<br>b</p><blockquote><p>c</p></blockquote>")
	if got := Text(nodes...); got != "a\n\nb\n\nc" {
		t.Errorf("Text = %q", got)
	}
	if got := Line(nodes...); got != "a b c" {
		t.Errorf("Line = %q", got)
	}
}

func first(t *testing.T, s string, a atom.Atom) *html.Node {
	t.Helper()
	var find func(n *html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	for _, n := range parse(t, s) {
		if f := find(n); f != nil {
			return f
		}
	}
	t.Fatalf("no %s in %q", a, s)
	return nil
}

func TestQuoteOf(t *testing.T) {
	tests := []struct {
		name, in string
		want     Quote
	}{
		{"Hatena citation notation",
			`<blockquote cite="https://jp.reuters.com/a/" data-uuid="1"><p>一文目。<br>二文目。</p><p>三文目。</p>` +
				`<cite><a href="https://jp.reuters.com/a/">見出し | ロイター</a></cite></blockquote>`,
			Quote{Cite: "https://jp.reuters.com/a/", Source: Link{URL: "https://jp.reuters.com/a/", Text: "見出し | ロイター"},
				Paras: [][]string{{"一文目。", "二文目。"}, {"三文目。"}}}},
		{"source as plain text, in a div", `<blockquote><div><p>本文。</p><cite>NHK</cite></div></blockquote>`,
			Quote{Source: Link{Text: "NHK"}, Paras: [][]string{{"本文。"}}}},
		{"a cite inside a sentence is text", `<blockquote><p>as <cite>The Book</cite> says</p></blockquote>`,
			Quote{Paras: [][]string{{"as The Book says"}}}},
		{"loose text keeps its place", `<blockquote><p>one</p>two<br>three</blockquote>`,
			Quote{Paras: [][]string{{"one"}, {"two", "three"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QuoteOf(first(t, tt.in, atom.Blockquote)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("QuoteOf = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCardOf(t *testing.T) {
	in := `<p><iframe src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fwww.bloomberg.co.jp%2Fnews%2Fa" title=" 米国、防空支援を拒否 - Bloomberg " class="embed-card embed-webcard"></iframe>` +
		` <cite class="hatena-citation"><a href="https://www.bloomberg.co.jp/news/a">www.bloomberg.co.jp</a></cite></p>`
	got, ok := CardOf(first(t, in, atom.Iframe))
	want := Card{URL: "https://www.bloomberg.co.jp/news/a", Title: "米国、防空支援を拒否 - Bloomberg",
		Caption: Link{URL: "https://www.bloomberg.co.jp/news/a", Text: "www.bloomberg.co.jp"}}
	if !ok || got != want {
		t.Errorf("CardOf = %+v %v\nwant %+v", got, ok, want)
	}
	for _, bad := range []string{
		`<iframe class="embed-card" src="https://hatenablog-parts.com/embed?url=javascript%3Aalert(1)"></iframe>`,
		`<iframe class="embed-cardx" src="https://hatenablog-parts.com/embed?url=https%3A%2F%2Fa.example%2F"></iframe>`,
		`<iframe class="embed-card" src="https://hatenablog-parts.com/embed"></iframe>`,
	} {
		if c, ok := CardOf(first(t, bad, atom.Iframe)); ok {
			t.Errorf("CardOf(%q) = %+v, want none", bad, c)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	tests := map[string]string{
		"  a \t\n b\u200bc  ": "a b c",
		"x\u0000y\u0007z":     "xyz",
		"日本\u3000語":           "日本\u3000語",
		"\xffok":              "\uFFFDok",
	}
	for in, want := range tests {
		if got := CollapseSpace(in); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParagraphs(f *testing.F) {
	f.Add(`<blockquote cite="u"><p>a<br>b</p><cite><a href="u">t</a></cite></blockquote><iframe class="embed-card" src="?url=http://x/"></iframe><cite>c</cite>`)
	f.Add("<table><td>a<th>b</table><script>x</script>" + strings.Repeat("<div>", 50))
	f.Fuzz(func(t *testing.T, s string) {
		nodes, err := Parse(s)
		if err != nil {
			return
		}
		for _, p := range Paragraphs(nodes...) {
			if len(p) == 0 {
				t.Fatal("empty paragraph")
			}
			for _, l := range p {
				if l == "" || strings.ContainsAny(l, "\n\r\t") || l != strings.TrimSpace(l) {
					t.Fatalf("line %q is not one collapsed line", l)
				}
			}
		}
		for _, n := range nodes {
			for d := range n.Descendants() {
				switch {
				case d.Type == html.ElementNode && d.DataAtom == atom.Blockquote:
					QuoteOf(d)
				case IsCard(d):
					CardOf(d)
				}
			}
		}
	})
}
