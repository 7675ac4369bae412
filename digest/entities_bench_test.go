package digest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefbot"
	"briefbot/internal/sharedtest"
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
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				terms(text, lang)
			}
		})
	}
}

// BenchmarkEntitiesInWikinews: ns/op is the time per item over the leads
// (leadOf: title and first 400 characters) of 300 real Japanese news
// articles, as clustering would call it.
func BenchmarkEntitiesInWikinews(b *testing.B) {
	f, err := os.Open(sharedtest.Path(b, "data/ja-wikinews-300/sample300.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var leads []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var a struct {
			Headline  string   `json:"headline"`
			Sentences []string `json:"sentences"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		leads = append(leads, leadOf(briefbot.Item{Title: a.Headline, Text: strings.Join(a.Sentences, "")}))
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		entitiesIn(leads[n%len(leads)])
		n++
	}
}
