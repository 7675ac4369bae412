package tgtext

import (
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		in, text, attr string
	}{
		{`Fed's Waller says December cut "on the table"`, `Fed's Waller says December cut "on the table"`, `Fed's Waller says December cut &quot;on the table&quot;`},
		{"AT&T <script> & co", "AT&amp;T &lt;script&gt; &amp; co", "AT&amp;T &lt;script&gt; &amp; co"},
		{"already &amp; escaped &#39; &copy;", "already &amp;amp; escaped &amp;#39; &amp;copy;", "already &amp;amp; escaped &amp;#39; &amp;copy;"},
		{"日銀「据え置き」", "日銀「据え置き」", "日銀「据え置き」"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.text {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := EscapeAttr(tt.in); got != tt.attr {
			t.Errorf("EscapeAttr(%q) = %q, want %q", tt.in, got, tt.attr)
		}
		// Telegram shows exactly the text again, whichever escape wrote it.
		if got, want := VisibleLen(Escape(tt.in)), utf8.RuneCountInString(tt.in); got != want {
			t.Errorf("VisibleLen(Escape(%q)) = %d, want %d", tt.in, got, want)
		}
		for _, esc := range []func(string) string{Escape, EscapeAttr} {
			if got := Unescape(esc(tt.in)); got != tt.in {
				t.Errorf("round trip of %q gave %q", tt.in, got)
			}
		}
	}
}

func TestUnescape(t *testing.T) {
	tests := map[string]string{
		"&lt;b&gt; &amp; &quot;":    `<b> & "`,
		"&lt &gt1 &ampx":            "< >1 &ampx", // names need no ';' but must end there
		"&#39;&#x41;&#12354;":       "'Aあ",
		"&#X41; &#x; &#; &#0; &#65": "&#X41; &#x; &#; &#0; A", // tdlib reads only a lower-case x
		"&#1114111; &#1114110;":     "&#1114111; \U0010FFFE",
		"&#00000065; &#0000065;":    "&#00000065; A", // ten bytes before ';' is too long
		"&#xD800;":                  "\uFFFD",
		"&copy; &nbsp; &apos; &LT;": "&copy; &nbsp; &apos; &LT;", // Telegram decodes no other names
		"&broken & ; &":             "&broken & ; &",
		"no entities":               "no entities",
		"<a href=\"x&amp;y\">t</a>": "<a href=\"x&y\">t</a>",
	}
	for in, want := range tests {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
		if got, n := VisibleLen(in), utf8.RuneCountInString(Unescape(in)); in[0] != '<' && got != n {
			t.Errorf("VisibleLen(%q) = %d, Unescape gives %d characters", in, got, n)
		}
	}
}
