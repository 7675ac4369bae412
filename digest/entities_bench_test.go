package digest

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// benchText is the first n characters of a testdata/entities text: news in
// the three languages, dense with names as leads are.
func benchText(b *testing.B, lang string, n int) string {
	data, err := os.ReadFile(filepath.Join("testdata", "entities", lang+".txt"))
	if err != nil {
		b.Fatal(err)
	}
	rs := []rune(string(data))
	if len(rs) < n {
		b.Fatalf("%s.txt has %d characters, want %d", lang, len(rs), n)
	}
	return string(rs[:n])
}

// BenchmarkMentionsIn: ns/op is the time per 1,000 characters of news.
func BenchmarkMentionsIn(b *testing.B) {
	for _, lang := range []string{"ja", "en", "ru"} {
		text := benchText(b, lang, 1000)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				mentionsIn(text)
			}
		})
	}
}

// BenchmarkEntitiesInLead: one item's lead as clustering sees it, a title
// and the first 400 characters.
func BenchmarkEntitiesInLead(b *testing.B) {
	for _, lang := range []string{"ja", "en", "ru"} {
		text := benchText(b, lang, 480)
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				entitiesIn(text)
			}
		})
	}
}

// BenchmarkTermsSameText is the tokenizer clustering already runs, on the
// same 1,000 characters: the yardstick for mentionsIn's cost.
func BenchmarkTermsSameText(b *testing.B) {
	for _, lang := range []string{"ja", "en", "ru"} {
		text := benchText(b, lang, 1000)
		if utf8.RuneCountInString(text) != 1000 {
			b.Fatal("short text")
		}
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				terms(text, lang)
			}
		})
	}
}
