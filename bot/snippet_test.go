package bot

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot"
)

func TestRenderSnippet(t *testing.T) {
	span := func(s, sub string) briefbot.Span {
		i := strings.Index(s, sub)
		return briefbot.Span{Start: i, End: i + len(sub)}
	}
	const ja = "…ロシアとウクライナの停戦協議が再開された。"
	const en = "AT&T <deal> was announced"
	tests := []struct {
		name    string
		text    string
		matches []briefbot.Span
		max     int
		want    string
	}{
		{"matches in bold, text escaped", en, []briefbot.Span{span(en, "AT"), span(en, "T <")}, 300,
			"<b>AT</b>&amp;<b>T &lt;</b>deal&gt; was announced"},
		{"a Japanese match", ja, []briefbot.Span{span(ja, "停戦")}, 300, "…ロシアとウクライナの<b>停戦</b>協議が再開された。"},
		{"cut in plain text", ja, []briefbot.Span{span(ja, "停戦")}, 5, "…ロシアと…"},
		{"cut inside a match", ja, []briefbot.Span{span(ja, "停戦協議")}, 13, "…ロシアとウクライナの<b>停戦…</b>"},
		{"out of order: plain", ja, []briefbot.Span{span(ja, "停戦"), span(ja, "ロシア")}, 300, "…ロシアとウクライナの<b>停戦</b>協議が再開された。"},
		{"inside a character: plain", ja, []briefbot.Span{{Start: 1, End: 5}}, 300, ja},
		{"out of range: plain", en, []briefbot.Span{{Start: 3, End: 300}, {Start: -1, End: 2}}, 300, "AT&amp;T &lt;deal&gt; was announced"},
		{"no text", "", nil, 300, ""},
	}
	for _, tt := range tests {
		if got := renderSnippet(tt.text, tt.matches, tt.max); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// FuzzRenderSnippet: whatever the spans, the snippet is well-formed
// Telegram HTML whose text is the start of the input.
func FuzzRenderSnippet(f *testing.F) {
	f.Add("AT&T <deal> 停戦協議", 0, 2, 5, 9, 10)
	f.Add("…ロシアの停戦", 3, 9, 12, 18, 4)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, max int) {
		if !utf8.ValidString(text) || max < 0 || max > 1000 {
			return
		}
		got := renderSnippet(text, []briefbot.Span{{Start: a, End: b}, {Start: c, End: d}}, max)
		if strings.Count(got, "<b>") != strings.Count(got, "</b>") || strings.Contains(got, "<b><b>") {
			t.Fatalf("unbalanced: %q", got)
		}
		plain := html.UnescapeString(strings.NewReplacer("<b>", "", "</b>", "").Replace(got))
		if strings.ContainsAny(strings.NewReplacer("<b>", "", "</b>", "").Replace(got), "<>") {
			t.Fatalf("unescaped markup: %q", got)
		}
		plain = strings.TrimSuffix(plain, "…")
		if !strings.HasPrefix(strings.TrimSpace(text), plain) && !strings.HasPrefix(text, plain) {
			t.Fatalf("text %q rendered as %q", text, got)
		}
	})
}
