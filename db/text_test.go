package db

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot"
)

func TestIndexText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"露", "露"},
		{"停戦合意", "停戦 戦合 合意 意"},
		{"ＮＡＴＯ首脳会議", "nato 首脳 脳会 会議 議"},
		{"Путин провёл", "путин провёл"},
		{"ｾﾞﾚﾝｽｷｰ氏", "ゼレ レン ンス スキ キー ー氏 氏"},
		{"G7サミット、18日", "g7 サミ ミッ ット ト 18 日"},
		{"a-b \"c\"", "a b c"},
	}
	for _, tt := range tests {
		if got := indexText(tt.in); got != tt.want {
			t.Errorf("indexText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"露", `"露"*`},
		{"停戦", `"停戦"`},
		{"停戦合意", `"停戦 戦合 合意"`},
		{"ＮＡＴＯ", `"nato"`},
		{"EU", `"eu"`},
		{"2024", `"2024"`},
		{"Путин", `"путин"*`},
		{"トランプ 電話会談", `"トラ ラン ンプ" AND "電話 話会 会談"`},
		{"NATO首脳", `"nato 首脳"`},
		{"露NATO", `"露 nato"`},
		{"G7露", `"g7 露"*`},
		{`"停戦" OR (露*)`, `"停戦" AND "or" AND "露"*`},
		{"停戦 停戦", `"停戦"`},
		{`" * ( ) -`, ``},
		{"", ``},
	}
	for _, tt := range tests {
		if got, _ := parseQuery(tt.in); got != tt.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if _, words := parseQuery(strings.Repeat("w ", 100)); len(words) != 1 {
		t.Errorf("duplicate words kept: %d", len(words))
	}
	var many []string
	for i := range 50 {
		many = append(many, string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if _, words := parseQuery(strings.Join(many, " ")); len(words) != maxQueryWords {
		t.Errorf("words = %d, want %d", len(words), maxQueryWords)
	}
}

// FuzzSearch checks that no user text makes FTS5 (or anything else) fail.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"露", "停戦", `"`, `NEAR(a b)`, "a OR b", "*", "(", "-x", "ＮＡＴＯ", "Путин*",
		"col:x", "{a b}: c", "^a", "a + b", "\x00", "\xff", "ｶﾞ", "ー", "々", "🇺🇦 x"} {
		f.Add(s)
	}
	d, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"),
		Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = d.Close() })
	ctx := context.Background()
	s := &briefbot.Story{Language: "ja", Topics: []string{"w"},
		Items: []briefbot.Item{{Title: "露外相", Text: "停戦 NATO Путин ゼレンスキー G7サミット"}}}
	if err := d.SaveStory(ctx, s); err != nil {
		f.Fatal(err)
	}
	if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: s.ID, Headline: "露外相"}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r, err := d.Search(ctx, briefbot.SearchQuery{Text: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, h := range r.Hits {
			if !utf8.ValidString(h.Snippet) {
				t.Fatalf("invalid snippet %q", h.Snippet)
			}
		}
	})
}
