package tgtext

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// balanced reports whether every start tag is closed in order.
func balanced(s string) bool {
	var stack []string
	for t := range tokens(s) {
		switch t.kind {
		case startToken:
			stack = append(stack, t.name)
		case endToken:
			if len(stack) == 0 || stack[len(stack)-1] != t.name {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

// shown is what Telegram shows of a part, links counted by their text only.
func shown(s string) string {
	var sb strings.Builder
	for t := range tokens(s) {
		if t.kind == textToken {
			sb.WriteString(t.text())
		}
	}
	return sb.String()
}

func TestSplit(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("<b>【見出し】</b>\n\n")
	for range 50 {
		sb.WriteString("🔸 <i>これは一つの文です。</i> Another sentence here. ")
	}
	sb.WriteString(`<a href="https://x.example/?a=1&amp;b=2">` + strings.Repeat("リンク", 40) + "</a>")
	parts := Split(sb.String(), 100)
	if len(parts) < 10 {
		t.Fatalf("%d parts", len(parts))
	}
	var joined strings.Builder
	for i, p := range parts {
		if n := VisibleLen(p); n > 100 {
			t.Errorf("part %d: %d characters", i, n)
		}
		if !balanced(p) {
			t.Errorf("part %d unbalanced: %q", i, p)
		}
		joined.WriteString(shown(p))
	}
	// Nothing lost but the whitespace at the cuts.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(joined.String()) != squash(shown(sb.String())) {
		t.Error("text changed by splitting")
	}
	if p := Split("<b>short</b>", MaxLen); len(p) != 1 || p[0] != "<b>short</b>" {
		t.Errorf("short message = %q", p)
	}
}

func TestSplitAtSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"a quotation is never cut inside",
			"ゼレンスキー氏は「停戦を提案する。支持を得られる」と述べた。次の文です。", 35,
			[]string{"ゼレンスキー氏は「停戦を提案する。支持を得られる」と述べた。", "次の文です。"}},
		{"abbreviations are not sentence ends",
			"Mr. Smith met Dr. Jones in the U.S. capital. They talked.", 50,
			[]string{"Mr. Smith met Dr. Jones in the U.S. capital. ", "They talked."}},
		{"lines first, tags reopened",
			"<b>一行目。\n二行目。</b>", 5,
			[]string{"<b>一行目。\n</b>", "<b>二行目。</b>"}},
		{"a long sentence is cut after a word",
			"one two three four five six seven", 12,
			[]string{"one two ", "three four ", "five six ", "seven"}},
		{"text without spaces is cut at the limit",
			"あいうえおかきくけこ", 4,
			[]string{"あいうえ", "おかきく", "けこ"}},
		{"entities stay escaped, &quot; may be written plain",
			"&lt;a&gt; &amp; &quot;b&quot;. Next one.", 12,
			[]string{`&lt;a&gt; &amp; "b". `, "Next one."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Split(tt.in, tt.max); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q, %d)\n got %q\nwant %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestSplitPlain(t *testing.T) {
	in := "AT&T <rises>. 日銀「据え置き。」と発表。"
	got := SplitPlain(in, 14)
	want := []string{"AT&T <rises>. ", "日銀「据え置き。」と発表。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitPlain = %q, want %q", got, want)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("<b>【見出し】</b>\n\n🔸 事実です。次の文。\n<a href=\"https://x.example/\">NHK</a>", 10)
	f.Add("plain. text! with? stops。and。more", 3)
	f.Add("<blockquote>長い引用<i>入れ子</i>の文。</blockquote>", 4)
	f.Add("&amp;&lt;&gt;&quot;&#39;", 1)
	f.Add("「引用。引用。」と述べた。 Mr. X said so.", 6)
	f.Fuzz(func(t *testing.T, s string, max int) {
		// Long inputs with tiny limits make thousands of parts: slow to
		// minimise and no more interesting than short ones.
		if max <= 0 || max > 5000 || len(s) > 2000 || !utf8.ValidString(s) || !balanced(s) {
			t.Skip()
		}
		parts := Split(s, max)
		var joined strings.Builder
		for i, p := range parts {
			if n := VisibleLen(p); n > max {
				t.Fatalf("part %d has %d > %d characters: %q", i, n, max, p)
			}
			if !balanced(p) {
				t.Fatalf("part %d unbalanced: %q", i, p)
			}
			joined.WriteString(shown(p))
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(joined.String()) != squash(shown(s)) {
			t.Fatalf("text changed by splitting %q into %q", s, parts)
		}
	})
}
