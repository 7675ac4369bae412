package db_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
	"briefbot/db"
)

// searchCorpus is a small fixed set of briefed stories, keyed by a name the
// expectations use.
var searchCorpus = []struct {
	name, lang, headline, outlet, text string
}{
	{"ceasefire", "ja", "ウクライナ停戦協議", "NHK",
		"ロシアとウクライナは3日、停戦に向けた協議をトルコで行いました。ゼレンスキー大統領は「前進があった」と述べました。"},
	{"lavrov", "ja", "露外相が会見", "ロイター",
		"ロシアのラブロフ外相は記者会見で、NATOの東方拡大を批判した。"},
	{"trump", "ja", "トランプ氏とプーチン氏が電話会談", "共同通信",
		"トランプ大統領は18日、ロシアのプーチン大統領と電話会談を行い、エネルギー施設への攻撃停止で合意した。"},
	{"nato-en", "en", "NATO leaders meet in The Hague", "Reuters",
		"Leaders of the Nato alliance agreed to raise defence spending. Senators in Washington welcomed the deal."},
	{"putin-ru", "ru", "Путин провёл совещание", "ТАСС",
		"Президент России Владимир Путин провёл совещание с членами Совета безопасности."},
	{"putina-ru", "ru", "Заявление Кремля", "РИА Новости",
		"Песков прокомментировал слова Путина о переговорах."},
	{"fullwidth", "ja", "ＮＡＴＯ首脳会議", "NHK",
		"ＮＡＴＯの首脳会議がオランダで開かれた。ｶﾀｶﾅの表記も含む。"},
	{"weather", "ja", "東京で大雪", "NHK", "関東地方は雪となり、交通機関に影響が出ています。"},
}

func seedSearch(t *testing.T) (*db.DB, map[string]int64, map[int64]string) {
	t.Helper()
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	ids := map[string]int64{}
	names := map[int64]string{}
	for i, c := range searchCorpus {
		at := t0.Add(-time.Duration(len(searchCorpus)-i) * time.Hour)
		url := "https://example.com/" + c.name
		s := &briefbot.Story{Language: c.lang, Topics: []string{"world"}, FirstPublished: at, FirstSeen: at, LastSeen: at,
			Items: []briefbot.Item{{FeedName: "f", Outlet: c.outlet, URL: url, Title: c.headline, Text: c.text,
				Language: c.lang, Published: at, FetchedAt: at, Deliver: true}}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		b := &briefbot.Brief{StoryID: s.ID, Headline: c.headline, HTML: c.headline, Published: at,
			Sources: []briefbot.Source{{Outlet: c.outlet, URL: url}}}
		if err := d.SaveBrief(ctx, b); err != nil {
			t.Fatal(err)
		}
		ids[c.name], names[s.ID] = s.ID, c.name
	}
	return d, ids, names
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	d, _, names := seedSearch(t)
	tests := []struct {
		name   string
		query  string
		want   []string // set of story names, any order
		bold   string   // a snippet of the first hit contains <b>bold</b>
		noBold bool     // the match is in a column snippets do not show (outlets)
	}{
		{"one kanji", "露", []string{"lavrov"}, "露", false},
		{"two kanji", "停戦", []string{"ceasefire"}, "停戦", false},
		{"two kanji elsewhere", "停止", []string{"trump"}, "停止", false},
		{"katakana", "ゼレンスキー", []string{"ceasefire"}, "ゼレンスキー", false},
		{"half-width katakana query", "ｾﾞﾚﾝｽｷｰ", []string{"ceasefire"}, "ゼレンスキー", false},
		{"english upper", "NATO", []string{"lavrov", "nato-en", "fullwidth"}, "", false},
		{"english lower", "nato", []string{"lavrov", "nato-en", "fullwidth"}, "", false},
		{"english whole word", "senators", []string{"nato-en"}, "Senators", false},
		{"one char with a word", "露 外相", []string{"lavrov"}, "外相", false},
		{"one char with latin", "NATO 露", []string{"lavrov"}, "", false},
		{"two single chars", "露 相", []string{"lavrov"}, "", false},
		{"one char, no common story", "雪 停戦", nil, "", false},
		{"hiragana char", "の", []string{"lavrov", "trump", "fullwidth"}, "", false},
		{"full-width query", "ＮＡＴＯ", []string{"lavrov", "nato-en", "fullwidth"}, "", false},
		{"russian", "Путин", []string{"putin-ru", "putina-ru"}, "", false},
		{"russian lower", "путин", []string{"putin-ru", "putina-ru"}, "", false},
		{"two words", "トランプ 電話会談", []string{"trump"}, "電話会談", false},
		{"two words full-width space", "トランプ　電話会談", []string{"trump"}, "トランプ", false},
		{"words in different stories", "トランプ ゼレンスキー", nil, "", false},
		{"outlet", "ロイター", []string{"lavrov"}, "", true},
		{"mixed script word", "NATO首脳会議", []string{"fullwidth"}, "ＮＡＴＯ首脳会議", false},
		{"suffix of a run", "大統領", []string{"ceasefire", "trump"}, "大統領", false},
		{"kanji not present", "台風", nil, "", false},
		{"hiragana particle run", "ました", []string{"ceasefire"}, "ました", false},
		{"digit", "18日", []string{"trump"}, "18日", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Search(ctx, briefbot.SearchQuery{Text: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, h := range r.Hits {
				got[names[h.StoryID]] = true
			}
			if len(got) != len(tt.want) || r.Total != len(tt.want) {
				t.Fatalf("hits %v (total %d), want %v", got, r.Total, tt.want)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Fatalf("hits %v, want %v", got, tt.want)
				}
			}
			for _, h := range r.Hits {
				if h.BriefID == 0 || h.Headline == "" || !strings.HasPrefix(h.URL, "https://example.com/") || h.Published.IsZero() {
					t.Errorf("hit %+v", h)
				}
				if !tt.noBold && len(h.Matches) == 0 {
					t.Errorf("snippet without a match: %q", h.Snippet)
				}
				if n := len([]rune(h.Snippet)); n > 200 {
					t.Errorf("snippet %d runes", n)
				}
			}
			if tt.bold != "" {
				if m := marked(t, r.Hits[0]); !strings.Contains(m, "<b>"+tt.bold+"</b>") {
					t.Errorf("snippet %q lacks <b>%s</b>", m, tt.bold)
				}
			}
		})
	}
}

func TestSearchHostile(t *testing.T) {
	ctx := context.Background()
	d, _, _ := seedSearch(t)
	queries := []string{
		``, ` `, `"`, `""`, `"停戦`, `停戦"`, `'`, `*`, `停戦*`, `*停戦`, `(`, `)`, `(停戦`, `-停戦`, `NOT`,
		`停戦 AND`, `AND OR NOT`, `NEAR(停戦 協議)`, `NEAR`, `停戦 OR 露`, `headline:停戦`, `{headline}: 停戦`,
		`^停戦`, `停戦 + 協議`, `:`, `\`, `'; DROP TABLE stories; --`, `%`, `_`, "\x00", "停\x00戦",
		"\u200b停戦", strings.Repeat("停戦 ", 200), strings.Repeat(`"(*`, 170), strings.Repeat("あ", 500),
		"🇺🇦", "\xff\xfe", "NATO\" OR \"1\"=\"1",
	}
	for _, q := range queries {
		r, err := d.Search(ctx, briefbot.SearchQuery{Text: q, Limit: 5, Offset: 2})
		if err != nil {
			t.Errorf("query %q: %v", q, err)
			continue
		}
		if r == nil {
			t.Errorf("query %q: nil result", q)
		}
	}
	// Operators are plain words: "停戦 OR 露" needs both (OR is not a word in the corpus).
	r, _ := d.Search(ctx, briefbot.SearchQuery{Text: "停戦 OR 露"})
	if r.Total != 0 {
		t.Errorf("OR acted as an operator: %d hits", r.Total)
	}
	r, _ = d.Search(ctx, briefbot.SearchQuery{Text: `"停戦`})
	if r.Total != 1 {
		t.Errorf("stray quote: %d hits, want 1", r.Total)
	}
}

func TestSearchPagingAndSnippet(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	long := strings.Repeat("関係のない文章が続きます。", 30) + "<script>停戦</script> & more " + strings.Repeat("後の文。", 30)
	for i := range 12 {
		at := t0.Add(time.Duration(i) * time.Minute)
		s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: at, LastSeen: at,
			Items: []briefbot.Item{{Title: "見出し", Text: long, URL: "https://e.com/x", Published: at, FetchedAt: at}}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: s.ID, Headline: "見出し", Published: at}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	for off := 0; off < 12; off += 5 {
		r, err := d.Search(ctx, briefbot.SearchQuery{Text: "停戦", Offset: off, Limit: 5})
		if err != nil || r.Total != 12 {
			t.Fatalf("offset %d: total %v, %v", off, r, err)
		}
		for _, h := range r.Hits {
			if seen[h.StoryID] {
				t.Errorf("story %d on two pages", h.StoryID)
			}
			seen[h.StoryID] = true
			if h.URL != "https://e.com/x" {
				t.Errorf("url from items = %q", h.URL)
			}
		}
	}
	if len(seen) != 12 {
		t.Errorf("paged through %d stories", len(seen))
	}
	r, _ := d.Search(ctx, briefbot.SearchQuery{Text: "停戦", Limit: 1})
	sn := marked(t, r.Hits[0])
	if !strings.Contains(sn, "<script><b>停戦</b></script> & more") || !strings.HasPrefix(sn, "…") || !strings.HasSuffix(sn, "…") {
		t.Errorf("snippet = %q", sn)
	}
	if n := len([]rune(r.Hits[0].Snippet)); n > 122 {
		t.Errorf("snippet is %d runes", n)
	}
}

// marked is a hit's snippet with its matches in <b>, unescaped, after
// checking that each match is a valid part of the snippet, in order.
func marked(t *testing.T, h briefbot.SearchHit) string {
	t.Helper()
	var sb strings.Builder
	pos := 0
	for _, m := range h.Matches {
		if m.Start < pos || m.End <= m.Start || m.End > len(h.Snippet) ||
			!utf8.ValidString(h.Snippet[m.Start:m.End]) || !utf8.ValidString(h.Snippet[:m.Start]) {
			t.Fatalf("match %+v of %q: out of order or not on a character boundary", m, h.Snippet)
		}
		sb.WriteString(h.Snippet[pos:m.Start] + "<b>" + h.Snippet[m.Start:m.End] + "</b>")
		pos = m.End
	}
	return sb.String() + h.Snippet[pos:]
}

func TestSearchRanking(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	clk.t = t0.Add(24 * time.Hour)
	add := func(headline, text string, at time.Time) int64 {
		s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: at, LastSeen: at,
			Items: []briefbot.Item{{Title: headline, Text: text, URL: "https://e.com/", Published: at, FetchedAt: at}}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: s.ID, Headline: headline, Published: at}); err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	old := add("停戦の行方", "本文", t0.Add(-30*24*time.Hour))       // headline, a month old
	inHeadline := add("停戦協議が始まる", "本文", t0)                   // headline, a day old
	inBody := add("協議の行方", "停戦について話し合った。", t0.Add(time.Hour)) // body only, newer
	r, err := d.Search(ctx, briefbot.SearchQuery{Text: "停戦"})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, h := range r.Hits {
		got = append(got, h.StoryID)
	}
	if len(got) != 3 || got[0] != inHeadline || got[1] != inBody || got[2] != old {
		t.Errorf("order = %v, want [%d %d %d]", got, inHeadline, inBody, old)
	}
}

// TestCompactSearch: one commit per brief leaves a segment each (automerge
// merges only four at a time); CompactSearch must leave at most one per
// level, and every query must find what it found before.
func TestCompactSearch(t *testing.T) {
	ctx := context.Background()
	d, _, _ := seedSearch(t)
	// Without automerge every commit below leaves its own segment, as many
	// commits of large segments do at scale (fewer than crisismerge's 16).
	if _, err := d.SQL().ExecContext(ctx, `INSERT INTO story_fts (story_fts, rank) VALUES ('automerge', 0)`); err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		c := searchCorpus[i%len(searchCorpus)]
		at := t0.Add(time.Duration(i+1) * time.Minute)
		s := &briefbot.Story{Language: c.lang, FirstPublished: at, FirstSeen: at, LastSeen: at,
			Items: []briefbot.Item{{FeedName: "f", Outlet: c.outlet, URL: "https://example.com/x", Title: c.headline,
				Text: c.text, Language: c.lang, Published: at, FetchedAt: at, Deliver: true}}}
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: s.ID, Headline: c.headline, HTML: c.headline, Published: at}); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"露", "停戦", "nato", "путин", "トランプ 電話会談", "露 外相", "台風"}
	results := func() []string {
		var out []string
		for _, q := range queries {
			r, err := d.Search(ctx, briefbot.SearchQuery{Text: q, Limit: 50})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var ids []string
			for _, h := range r.Hits {
				ids = append(ids, strconv.FormatInt(h.StoryID, 10))
			}
			out = append(out, q+": "+strings.Join(ids, ","))
		}
		return out
	}
	before := results()
	segs, err := d.SearchSegments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.CompactSearch(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := d.SearchSegments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Merging pairs level by level leaves at most one segment per level,
	// and 14 one-story segments make no more than 4 levels.
	if segs < 12 || after > 4 {
		t.Errorf("segments %d before, %d after CompactSearch; want ≥ 12 before and ≤ 4 after", segs, after)
	}
	if got := results(); strings.Join(got, "\n") != strings.Join(before, "\n") {
		t.Errorf("results changed by compaction:\nbefore %q\nafter  %q", before, got)
	}
	if err := d.CompactSearch(ctx); err != nil {
		t.Fatalf("second CompactSearch: %v", err)
	}
}
