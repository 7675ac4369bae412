package digest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The paraphrase detector is measured on the hand-labelled pairs of
// testdata/brief/paraphrase.tsv (written before it was tuned): a "same"
// pair says one fact in other words, a "different" pair another fact about
// the same actors. A brief drops a line the detector calls the same as a
// shown one, so a false "same" loses a fact: precision matters most.
const (
	minParaphrasePrecision = 0.9
	minParaphraseRecall    = 0.6
)

func TestParaphraseDetector(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "brief", "paraphrase.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	type count struct{ tp, fp, fn, tn int }
	per := map[string]*count{}
	all := &count{}
	for _, row := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(row, "\t")
		lang, label, a, bb := f[0], f[1], f[2], f[3]
		got := sameFact(newFactSig(a, lang), newFactSig(bb, lang))
		c := per[lang]
		if c == nil {
			c = &count{}
			per[lang] = c
		}
		for _, c := range []*count{c, all} {
			switch {
			case got && label == "same":
				c.tp++
			case got:
				c.fp++
			case label == "same":
				c.fn++
			default:
				c.tn++
			}
		}
		if got != (label == "same") {
			t.Logf("%s %s, detector says same=%v:\n  %s\n  %s", lang, label, got, a, bb)
		}
	}
	pr := func(c *count) (float64, float64) {
		p, r := 1.0, 0.0
		if c.tp+c.fp > 0 {
			p = float64(c.tp) / float64(c.tp+c.fp)
		}
		if c.tp+c.fn > 0 {
			r = float64(c.tp) / float64(c.tp+c.fn)
		}
		return p, r
	}
	for _, lang := range []string{"ja", "en", "ru"} {
		p, r := pr(per[lang])
		t.Logf("%s: precision %.2f recall %.2f (%+v)", lang, p, r, *per[lang])
	}
	p, r := pr(all)
	t.Logf("all: precision %.2f recall %.2f (%+v)", p, r, *all)
	if p < minParaphrasePrecision || r < minParaphraseRecall {
		t.Errorf("precision %.2f (floor %.2f), recall %.2f (floor %.2f)", p, minParaphrasePrecision, r, minParaphraseRecall)
	}
}

// An exchange of N each is one of 2N in all; of N each and N in all, two.
func TestSwapEach(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"ロシアとウクライナは20日、アラブ首長国連邦の仲介により、計300人の捕虜を交換した。", "ロシアとウクライナは20日、双方が拘束していた兵士らの捕虜交換を行い、それぞれ150人が解放されました。", true},
		{"Russia and Ukraine swapped 300 prisoners in all.", "Russia and Ukraine swapped 150 prisoners each.", true},
		{"ロシアとウクライナは、捕虜を150人ずつ交換した。", "ロシアとウクライナは、捕虜を計150人交換した。", false},
	} {
		a, b := newFactSig(tt.a, DetectLanguage(tt.a)), newFactSig(tt.b, DetectLanguage(tt.b))
		if got := sameFact(a, b) || !contradicts(a, b) && tt.same; got != tt.same {
			t.Errorf("%q / %q: same %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestJaNegated(t *testing.T) {
	for s, want := range map[string]bool{
		"両首脳は覚書について議論しなかった。":   true,
		"日程はまだ決まっていない。":        true,
		"結論を出せず、協議は続く。":        true,
		"ロシアは関与を否定した。":         true,
		"コメントはありません。":          true,
		"少なくとも9人が死亡した。":        false,
		"会談は約1時間40分に及んだ。":      false,
		"交換はアラブ首長国連邦の仲介で行われた。": false,
	} {
		if got := jaNegated(s); got != want {
			t.Errorf("jaNegated(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSharedMeasureSums: two lines giving one sum of money repeat a fact
// whatever else they say; another currency or another day is another sum.
func TestSharedMeasureSums(t *testing.T) {
	tests := []struct {
		a, alang, b, blang string
		same               bool
	}{
		{"トヨタの4〜12月期の純利益は3兆9000億円だった。", "ja", "最終利益は3兆9000億円と、市場予想を上回った。", "ja", true},
		{"Revenue rose to $12.5 billion in the quarter.", "en", "四半期の売上高は125億ドルに増えた。", "ja", true},
		{"Выручка компании составила 12,5 млрд долларов.", "ru", "The company's revenue was $12.5 billion.", "en", true},
		{"売上高は125億ドルだった。", "ja", "売上高は125億円だった。", "ja", false},
		{"政府は10日、2兆円の補正予算案を決めた。", "ja", "政府は11日、2兆円の基金を設けると発表した。", "ja", false},
		{"純利益は38億ドルだった。", "ja", "設備投資は50億ドルに増やす。", "ja", false},
	}
	for _, tt := range tests {
		if got := sharedMeasure(newFactSig(tt.a, tt.alang), newFactSig(tt.b, tt.blang)); got != tt.same {
			t.Errorf("sharedMeasure(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
