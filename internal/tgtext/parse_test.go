package tgtext

import "testing"

func TestVisibleLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`<a href="https://x.test/?a=1&amp;b=&quot;2&quot;">NHK</a>`, 3},
		{`<a href='x>y'>NHK</a>`, 3}, // '>' inside a quoted value does not end the tag
		{"&lt;b&gt; &amp; &quot;", 7},
		{"&#39;&#x41;&#12354;", 3},
		{"&copy; &nbsp;", 13}, // Telegram decodes no other names: shown as written
		{"&broken & ;", 11},
		{"<b>太字</b>\n<i>斜体</i> 🇯🇵", 8},
		{"<blockquote expandable>引用</blockquote>", 2},
		{"a <b", 4}, // a tag never closed is counted as text, never lost
		{"", 0},
	}
	for _, tt := range tests {
		if got := VisibleLen(tt.in); got != tt.want {
			t.Errorf("VisibleLen(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>太字</b> &amp; &lt;tag&gt; &quot;q&quot;", `太字 & <tag> "q"`},
		{`<a href="https://x.example/">NHK</a>`, "NHK (https://x.example/)"},
		{`<a href="https://x.example/?a=1&amp;b=2">NHK</a> · <a href="https://y.example/">[2]</a>`, "NHK (https://x.example/?a=1&b=2) · [2] (https://y.example/)"},
		{`<a href="https://x.example/">https://x.example/</a>`, "https://x.example/"},
		{`<A HREF='https://x.example/'>NHK`, "NHK (https://x.example/)"},
		{"<b>unclosed <i>tags", "unclosed tags"},
		{"<script>alert(1)</script>", "alert(1)"},
		{"&copy; &#39;", "&copy; '"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
