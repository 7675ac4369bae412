package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"briefbot/bot"
)

func TestPlainText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"<b>太字</b> &amp; &lt;tag&gt; &quot;q&quot;", `太字 & <tag> "q"`},
		{`<a href="https://x.example/">NHK</a>`, "NHK (https://x.example/)"},
		{`<a href="https://x.example/">https://x.example/</a>`, "https://x.example/"},
		{"<b>unclosed <i>tags", "unclosed tags"},
		{"<script>alert(1)</script>", "alert(1)"},
	}
	for _, c := range cases {
		if got := bot.PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitHTML(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("<b>【見出し】</b>\n\n")
	for range 50 {
		sb.WriteString("🔸 <i>これは一つの文です。</i> Another sentence here. ")
	}
	sb.WriteString(`<a href="https://x.example/?a=1&amp;b=2">` + strings.Repeat("リンク", 40) + "</a>")
	parts := bot.SplitHTML(sb.String(), 100)
	if len(parts) < 10 {
		t.Fatalf("%d parts", len(parts))
	}
	var joined strings.Builder
	for i, p := range parts {
		if n := utf8.RuneCountInString(bot.PlainText(stripLinks(p))); n > 100 {
			t.Errorf("part %d: %d characters", i, n)
		}
		if !balanced(p) {
			t.Errorf("part %d unbalanced: %q", i, p)
		}
		joined.WriteString(bot.PlainText(stripLinks(p)))
	}
	// Nothing lost but the whitespace at the cuts.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(joined.String()) != squash(bot.PlainText(stripLinks(sb.String()))) {
		t.Error("text changed by splitting")
	}
	if p := bot.SplitHTML("<b>short</b>", 4096); len(p) != 1 || p[0] != "<b>short</b>" {
		t.Errorf("short message = %q", p)
	}
}

// stripLinks drops anchors' addresses so PlainText counts only link text,
// as Telegram does.
func stripLinks(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var sb strings.Builder
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return sb.String()
		case xhtml.TextToken:
			sb.WriteString(xhtml.EscapeString(string(z.Text())))
		}
	}
}

// balanced reports whether every start tag is closed in order.
func balanced(s string) bool {
	var stack []string
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return len(stack) == 0
		case xhtml.StartTagToken:
			n, _ := z.TagName()
			stack = append(stack, string(n))
		case xhtml.EndTagToken:
			n, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(n) {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func FuzzSplitHTML(f *testing.F) {
	f.Add("<b>【見出し】</b>\n\n🔸 事実です。次の文。\n<a href=\"https://x.example/\">NHK</a>", 10)
	f.Add("plain. text! with? stops。and。more", 3)
	f.Add("<blockquote>長い引用<i>入れ子</i>の文。</blockquote>", 4)
	f.Add("&amp;&lt;&gt;&quot;", 1)
	f.Fuzz(func(t *testing.T, s string, max int) {
		// Long inputs with tiny limits make thousands of parts: slow to
		// minimise and no more interesting than short ones.
		if max <= 0 || max > 5000 || len(s) > 2000 || !utf8.ValidString(s) || !balanced(s) {
			t.Skip()
		}
		for i, p := range bot.SplitHTML(s, max) {
			if n := utf8.RuneCountInString(bot.PlainText(stripLinks(p))); n > max {
				t.Fatalf("part %d has %d > %d characters: %q", i, n, max, p)
			}
			if !balanced(p) {
				t.Fatalf("part %d unbalanced: %q", i, p)
			}
		}
	})
}
