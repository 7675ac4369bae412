package digest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"briefbot/internal/rouge"
)

type tdoc struct {
	s   []string
	ref string
}

func loadT(t *testing.T) (bbc, wn []tdoc) {
	arts, _ := filepath.Glob("/work/shared/data/bbc-summary-100/article/*/*.txt")
	sort.Strings(arts)
	for _, a := range arts {
		b, _ := os.ReadFile(a)
		r, _ := os.ReadFile(strings.Replace(a, "/article/", "/summary/", 1))
		var ss []string
		for _, l := range strings.Split(string(b), "\n")[1:] {
			if l = strings.TrimSpace(l); l != "" {
				ss = append(ss, l)
			}
		}
		bbc = append(bbc, tdoc{ss, strings.Join(strings.Fields(string(r)), " ")})
	}
	f, _ := os.Open("/work/shared/data/ja-wikinews-300/sample300.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var row struct {
			S []string `json:"sentences"`
			H string   `json:"headline"`
		}
		json.Unmarshal(sc.Bytes(), &row)
		wn = append(wn, tdoc{row.S, row.H})
	}
	return
}

func evalT(docs []tdoc, n int, lang string, c *Corpus, p rankParams, tok func(string) []string) [3]float64 {
	var a [3]float64
	for _, d := range docs {
		idx := byPosition(selectWith(d.s, n, lang, c, p))
		var parts []string
		for _, i := range idx {
			parts = append(parts, d.s[i])
		}
		cd, rf := tok(strings.Join(parts, " ")), tok(d.ref)
		a[0] += rouge.N(cd, rf, 1).F
		a[1] += rouge.N(cd, rf, 2).F
		a[2] += rouge.L(cd, rf).F
	}
	for i := range a {
		a[i] *= 100 / float64(len(docs))
	}
	return a
}

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	bbc, wn := loadT(t)
	cb := &Corpus{df: map[string]int{}}
	for _, d := range bbc {
		cb.add(terms(strings.Join(d.s, "\n"), "en"))
	}
	cw := &Corpus{df: map[string]int{}}
	for _, d := range wn {
		cw.add(terms(strings.Join(d.s, "\n"), "ja"))
	}
	which := os.Getenv("TUNE")
	if which == "en" {
		base := paramsByLang["en"]
		for _, damp := range []float64{0.85, 0.95} {
			for _, pd := range []float64{0.25, 0.5} {
				for _, pw := range []float64{0, 0.15, 0.3} {
					for _, le := range []float64{0.75, 1, 1.25} {
						for _, lam := range []float64{0.7, 0.8, 0.9} {
							p := base
							p.posDecay, p.posWeight, p.lenExp, p.lambda = pd, pw, le, lam
							p.damping = damp
							r := evalT(bbc[:50], 3, "en", cb, p, rouge.Words)
							fmt.Printf("d=%.2f pd=%.2f pw=%.2f le=%.2f lam=%.1f  %.1f/%.1f/%.1f\n", damp, pd, pw, le, lam, r[0], r[1], r[2])
						}
					}
				}
			}
		}
	}
	if which == "ja" {
		base := paramsByLang["ja"]
		for _, pd := range []float64{0.5, 1, 2, 3} {
			for _, pw := range []float64{0.5, 1, 2} {
				for _, le := range []float64{-0.5, -0.25, 0, 0.25} {
					p := base
					p.posDecay, p.posWeight, p.lenExp = pd, pw, le
					r := evalT(wn[:150], 1, "ja", cw, p, rouge.Chars)
					fmt.Printf("pd=%.1f pw=%.1f le=%.2f  %.1f/%.1f/%.1f\n", pd, pw, le, r[0], r[1], r[2])
				}
			}
		}
	}
}
