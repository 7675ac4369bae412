package digest

import (
	"strings"
	"testing"
	"time"

	"briefbot"
)

func TestItemLanguage(t *testing.T) {
	tests := []struct {
		name, declared, text, want string
	}{
		{"english in a ja feed", "ja", "Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained on the table.", "en"},
		{"russian in a ja feed", "ja", "Президент России Владимир Путин провел телефонный разговор с президентом США.", "ru"},
		{"ja with Latin acronyms stays ja", "ja", "米連邦準備理事会（FRB）のウォラー理事はFOMC後、NATOとIMFとWTOについて述べた。", "ja"},
		{"ja mostly Latin but with kana stays ja", "ja", "Apple、Google、Microsoft、Amazon、Metaの決算を発表", "ja"},
		{"short Latin in ja stays ja", "ja", "NHK ONE", "ja"},
		{"russian in an en feed", "en", "Президент России Владимир Путин провел телефонный разговор с Дональдом Трампом (Donald Trump).", "ru"},
		{"english with a Russian name stays en", "en", "Putin's spokesman Dmitry Peskov (Дмитрий Песков) said the talks would continue next week.", "en"},
		{"japanese in an en feed", "en", "ロシアとウクライナは20日、捕虜150人ずつを交換した。", "ja"},
		{"english in a ru feed", "ru", "Federal Reserve Governor Christopher Waller said on Thursday another cut remained possible.", "en"},
		{"auto detects", "auto", "Ранее Путин заявил, что Киев превращается в террористическую организацию.", "ru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normLang(tt.declared, tt.text); got != tt.want {
				t.Errorf("normLang(%q, …) = %q, want %q", tt.declared, got, tt.want)
			}
			if got := Split(briefbot.Post{Language: tt.declared, Text: tt.text})[0].Language; got != tt.want {
				t.Errorf("Split item language %q, want %q", got, tt.want)
			}
		})
	}
}

// An English report in a feed configured "ja" gets English sentences, its
// own story apart from the Japanese report of the same event, and a whole
// brief: lead and key facts, not a bare headline.
func TestEnglishItemInJapaneseFeed(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)
	en := briefbot.Post{ID: 1, Language: "ja", URL: "https://www.reuters.com/markets/us/fed-waller/", Published: at, FetchedAt: at,
		Title: `Fed's Waller says December cut "on the table" as job growth cools`,
		HTML: `<p>WASHINGTON, Nov 20 (Reuters) - Federal Reserve Governor Christopher Waller said on Thursday another interest rate cut in December remained "on the table" as U.S. job growth slows.</p>
<p>"The labor market is softening, and inflation is moving back toward 2% at a pace I find encouraging," Waller told a conference in Frankfurt.</p>
<p>The Fed cut its benchmark rate by a quarter of a percentage point in October, to the 3.75%-4.00% range.</p>
<p>Markets priced a roughly 60% chance of a December cut after his remarks, up from 45% a day earlier.</p>`}
	ja := briefbot.Post{ID: 2, Language: "ja", URL: "https://jp.reuters.com/markets/us/WALLER/", Published: at.Add(20 * time.Minute), FetchedAt: at.Add(20 * time.Minute),
		Title: "米FRBウォラー理事、12月利下げ「選択肢」 雇用の伸び鈍化で",
		HTML:  `<p>［ワシントン　20日　ロイター］ - 米連邦準備理事会（FRB）のウォラー理事は20日、雇用の伸びが鈍化する中、12月の追加利下げは「選択肢にある」と述べた。</p><p>FRBは10月の会合で政策金利を0.25%ポイント引き下げ、3.75─4.00%としていた。</p>`}
	got := Sentences(Split(en)[0].Text, "ja")
	if len(got) != 4 || !strings.HasPrefix(got[0], "Federal Reserve Governor") {
		t.Errorf("English text declared ja split into %d sentences: %q", len(got), got)
	}
	stories := Cluster(nil, itemsOf(en, ja), ClusterOptions{}).Stories
	if len(stories) != 2 {
		t.Fatalf("%d stories, want the English and the Japanese report apart", len(stories))
	}
	for _, s := range stories {
		b := Render(s, RenderOptions{})
		checkStyle(t, b, 0)
		if s.Items[0].PostID != 1 {
			continue
		}
		if s.Language != "en" || b.Language != "en" {
			t.Errorf("English story language %q, brief %q", s.Language, b.Language)
		}
		lines := strings.Split(b.HTML, "\n")
		if len(lines) < 5 || !strings.Contains(lines[2], " Federal Reserve Governor Christopher Waller said") || !strings.Contains(b.HTML, "🔸") {
			t.Errorf("English brief lacks its lead or key facts:\n%s", b.HTML)
		}
	}
}
