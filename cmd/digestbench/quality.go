package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"briefbot/digest"
	"briefbot/internal/rouge"
)

// doc is one benchmark article: its sentences and its reference.
type doc struct {
	id        string
	sentences []string
	ref       string
}

// loadBBC reads bbc-summary-100: article/<topic>/NNN.txt is a title, a blank
// line and one sentence a line; summary/<topic>/NNN.txt the reference
// sentences. Documents come in path order.
func loadBBC(dir string) ([]doc, error) {
	arts, err := filepath.Glob(filepath.Join(dir, "article", "*", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("glob articles: %w", err)
	}
	sort.Strings(arts)
	var docs []doc
	for _, a := range arts {
		body, err := os.ReadFile(a)
		if err != nil {
			return nil, fmt.Errorf("read article: %w", err)
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "article"), a)
		sum, err := os.ReadFile(filepath.Join(dir, "summary", rel))
		if err != nil {
			return nil, fmt.Errorf("read summary: %w", err)
		}
		lines := strings.Split(strings.ReplaceAll(string(body), "\r", ""), "\n")
		var sents []string
		for _, l := range lines[1:] { // the first line is the title
			if l = strings.TrimSpace(l); l != "" {
				sents = append(sents, l)
			}
		}
		var ref []string
		for _, l := range strings.Split(string(sum), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				ref = append(ref, l)
			}
		}
		docs = append(docs, doc{id: rel, sentences: sents, ref: strings.Join(ref, " ")})
	}
	return docs, nil
}

// loadWikinews reads ja-wikinews-300/sample300.jsonl in file order.
func loadWikinews(path string) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open wikinews: %w", err)
	}
	defer f.Close()
	var docs []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var row struct {
			ID        string   `json:"id"`
			Sentences []string `json:"sentences"`
			Headline  string   `json:"headline"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("decode wikinews: %w", err)
		}
		docs = append(docs, doc{id: row.ID, sentences: row.Sentences, ref: row.Headline})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("scan wikinews: %w", err)
	}
	return docs, nil
}

// triple is mean ROUGE-1/2/L F1 ×100.
type triple [3]float64

func (t triple) String() string { return fmt.Sprintf("%.1f/%.1f/%.1f", t[0], t[1], t[2]) }

// evaluate scores a chooser on docs: the chosen sentences, in document
// order, joined, against the reference.
func evaluate(docs []doc, tok func(string) []string, choose func(doc) []int) triple {
	var sum triple
	for _, d := range docs {
		idx := append([]int(nil), choose(d)...)
		sort.Ints(idx)
		var parts []string
		for _, i := range idx {
			parts = append(parts, d.sentences[i])
		}
		cand, ref := tok(strings.Join(parts, " ")), tok(d.ref)
		sum[0] += rouge.N(cand, ref, 1).F
		sum[1] += rouge.N(cand, ref, 2).F
		sum[2] += rouge.L(cand, ref).F
	}
	for i := range sum {
		sum[i] *= 100 / float64(max(len(docs), 1))
	}
	return sum
}

func lead(n int) func(doc) []int {
	return func(d doc) []int {
		var idx []int
		for i := 0; i < n && i < len(d.sentences); i++ {
			idx = append(idx, i)
		}
		return idx
	}
}

func ours(n int, lang string, c *digest.Corpus) func(doc) []int {
	return func(d doc) []int { return digest.Select(d.sentences, n, lang, c) }
}

func corpusOf(docs []doc) *digest.Corpus {
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = strings.Join(d.sentences, "\n")
	}
	return digest.NewCorpus(texts)
}

// qualityRow is one line of the printed table.
type qualityRow struct {
	set, unit, method  string
	first, second, all triple
}

func quality(shared string) ([]qualityRow, error) {
	bbc, err := loadBBC(filepath.Join(shared, "data", "bbc-summary-100"))
	if err != nil {
		return nil, err
	}
	wn, err := loadWikinews(filepath.Join(shared, "data", "ja-wikinews-300", "sample300.jsonl"))
	if err != nil {
		return nil, err
	}
	var rows []qualityRow
	run := func(set, unit string, docs []doc, tok func(string) []string, methods map[string]func(doc) []int, order []string) {
		h := len(docs) / 2
		for _, m := range order {
			rows = append(rows, qualityRow{set, unit, m,
				evaluate(docs[:h], tok, methods[m]), evaluate(docs[h:], tok, methods[m]), evaluate(docs, tok, methods[m])})
		}
	}
	bc := corpusOf(bbc)
	run("bbc-summary-100, 3 sent.", "words", bbc, rouge.Words,
		map[string]func(doc) []int{"Lead-3": lead(3), "ours": ours(3, "en", bc)}, []string{"Lead-3", "ours"})
	wc := corpusOf(wn)
	run("ja-wikinews-300, 1 sent.", "chars", wn, rouge.Chars,
		map[string]func(doc) []int{"Lead-1": lead(1), "ours": ours(1, "ja", wc),
			"oracle": oracle(rouge.Chars, false), "oracle*": oracle(rouge.Chars, true)},
		[]string{"Lead-1", "ours", "oracle", "oracle*"})
	return rows, nil
}

// citationRe matches a Wikinews source line: a cited article's title
// (『…』) or the outlet and date after it (朝日新聞、2007年10月7日。).
var citationRe = regexp.MustCompile(`^[^『』]{0,40}『.+』[。．.]?$|^[^。]{1,40}、\d{4}年\d{1,2}月\d{1,2}日。?$`)

// oracle picks the one sentence that scores best against the reference:
// the ceiling of any single-sentence method. noCitations leaves out source
// lines, which a brief never leads with ("oracle*").
func oracle(tok func(string) []string, noCitations bool) func(doc) []int {
	return func(d doc) []int {
		best, score := 0, -1.0
		ref := tok(d.ref)
		for i, s := range d.sentences {
			if noCitations && citationRe.MatchString(s) {
				continue
			}
			if f := rouge.N(tok(s), ref, 2).F; f > score {
				best, score = i, f
			}
		}
		return []int{best}
	}
}
