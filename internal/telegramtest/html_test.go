package telegramtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, in, plain string
		entities        []entityJSON
	}{
		{"plain", "no markup", "no markup", nil},
		{"entities", "&lt;b&gt; &amp; &quot;x&quot; &#26085;&#x672C;", `<b> & "x" 日本`, nil},
		{"literal ampersand", "AT&T &#0; & ;", "AT&T &#0; & ;", nil},
		{"nested", "<b>a<i>b</i></b>", "ab", []entityJSON{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{"case and spaces", "<B >x</b >", "x", []entityJSON{{Type: "bold", Offset: 0, Length: 1}}},
		{"link", `<a href="https://t.me/s/x?a=1&amp;b=2">t</a>`, "t", []entityJSON{{Type: "text_link", Offset: 0, Length: 1, URL: "https://t.me/s/x?a=1&b=2"}}},
		{"spoilers", `<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>`, "ab", []entityJSON{{Type: "spoiler", Offset: 0, Length: 1}, {Type: "spoiler", Offset: 1, Length: 1}}},
		{"pre language", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", []entityJSON{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}},
		{"pre code no language", `<pre><code>x</code></pre>`, "x", []entityJSON{{Type: "pre", Offset: 0, Length: 1}}},
		{"expandable quote", "<blockquote expandable>q</blockquote>", "q", []entityJSON{{Type: "expandable_blockquote", Offset: 0, Length: 1}}},
		{"emoji offsets", "🌏<u>x</u>", "🌏x", []entityJSON{{Type: "underline", Offset: 2, Length: 1}}},
		{"empty tag dropped", "<b></b>x", "x", nil},
		{"short end tag", "<i>x</>", "x", []entityJSON{{Type: "italic", Offset: 0, Length: 1}}},
		{"unquoted attribute", "<a href=example.com>e</a>", "e", []entityJSON{{Type: "text_link", Offset: 0, Length: 1, URL: "example.com"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plain, ents, err := parseHTML(tc.in, false)
			if err != nil {
				t.Fatal(err)
			}
			if plain != tc.plain || !entitiesEqual(ents, tc.entities) {
				t.Fatalf("got %q %+v\nwant %q %+v", plain, ents, tc.plain, tc.entities)
			}
		})
	}
}

func TestParseHTMLLenientEntities(t *testing.T) {
	plain, _, err := parseHTML("&nbsp;&hellip;", true)
	if err != nil || plain != "&nbsp;&hellip;" {
		t.Fatalf("got %q %v", plain, err)
	}
}

// TestParseHTMLBriefFixture checks a brief shaped like the ones briefbot
// renders (bullets, links, hashtag) parses cleanly.
func TestParseHTMLBriefFixture(t *testing.T) {
	in := readTestdata(t, "brief.html")
	plain, ents, err := parseHTML(in, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain, "<") || len(ents) == 0 || utf8.RuneCountInString(plain) > maxMessageRunes {
		t.Fatalf("plain %q entities %+v", plain, ents)
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, seed := range []string{
		"", "<b>x</b>", "<b><i>x</b></i>", "&lt;&#x1F600;&#128512;", `<a href="x&quot;">y</a>`,
		"<pre><code class=\"language-go\">x</code></pre>", "<", "</", "<b", "<b x=", "<b x='", "&#", "&#x",
		"<blockquote expandable>a</blockquote>", "🌏<u>日本</u>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		plain, ents, err := parseHTML(in, false)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "can't parse entities: ") {
				t.Fatalf("error %q lacks Telegram's prefix", err)
			}
			return
		}
		n := utf16Len(plain)
		for _, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
				t.Fatalf("entity %+v out of %d UTF-16 units of %q", e, n, plain)
			}
		}
		if !strings.ContainsAny(in, "<&") && plain != in && utf8.ValidString(in) {
			t.Fatalf("markup-free %q became %q", in, plain)
		}
	})
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
