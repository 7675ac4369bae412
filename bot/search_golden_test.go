package bot_test

import (
	"flag"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSearchGolden pins what /search shows, snippets and their highlights
// included, for queries of every kind over hostile and long texts.
func TestSearchGolden(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.SearchPerUserPerMinute = 100 }))
	base := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	long := strings.Repeat("前置きの文がここに続きます。", 20)
	for i, s := range []struct{ headline, text string }{
		{"露米首脳電話会談", "トランプ大統領はプーチン大統領と電話会談を行った。停戦について話し合った。"},
		{"停戦協議が再開", long + "ウクライナとロシアの停戦協議がイスタンブールで再開された。" + long},
		{"Trump and Putin talk", "U.S. President Donald Trump said he talked with Putin about a ceasefire; AT&T <script>alert(1)</script> was not involved."},
		{"<b>AT&T</b> \"quotes\" & 'apostrophes'", "Shares of AT&T rose 3% after the <deal> was announced & confirmed."},
		{"Переговоры о перемирии", "Россия и Украина обсудили перемирие в Стамбуле; переговоры продолжатся."},
		{"露外相がトルコ訪問", "ロシアのラブロフ外相は来週トルコを訪問し、停戦について協議する見通し。"},
	} {
		seedBrief(t, d, s.headline, "<b>x</b>", s.text, base.Add(time.Duration(i)*time.Hour), "world")
	}
	queries := []string{"停戦", "露", "trump", "Trump cease", "AT&T", "<script>", "перемирие", "停戦 トルコ", "president", "存在しない言葉"}
	var sb strings.Builder
	for i, q := range queries {
		srv.UserMessage(710, 710, "/search "+q)
		m := waitMessages(t, srv, 710, i+1)[i]
		sb.WriteString("## /search " + q + "\n" + m.Text + "\n\n")
	}
	path := filepath.Join("testdata", "search.golden")
	if *updateGolden {
		if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := sb.String(); canonicalHTML(got) != canonicalHTML(string(want)) {
		t.Errorf("search output changed:\n%s\nwant:\n%s", got, want)
	}
}

// canonicalHTML spells every entity one way, so that the golden pins the
// text and the markup, not the escaper's choice between &#39; and '.
func canonicalHTML(s string) string {
	var sb strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return sb.String()
		case xhtml.TextToken:
			sb.WriteString(html.EscapeString(string(z.Text())))
		default:
			sb.Write(z.Raw())
		}
	}
}
