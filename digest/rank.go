package digest

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
)

// rankParams are the knobs of sentence selection, one set per language;
// they were tuned on the first halves of the benchmark sets (see
// cmd/digestbench).
type rankParams struct {
	damping   float64 // PageRank damping
	edgeMin   float64 // similarities below this are no edge
	posDecay  float64 // position prior p(i) = 1/(1+i)^posDecay
	posWeight float64 // exponent of the prior in the final score
	lenPivot  float64 // sentences shorter than this (in terms) are damped
	lenExp    float64 // relevance grows with length^lenExp (longer says more)
	lambda    float64 // MMR: weight of relevance against redundancy
}

var paramsByLang = map[string]rankParams{
	"en": {damping: 0.95, edgeMin: 0.05, posDecay: 0.5, posWeight: 0, lenPivot: 8, lenExp: 1, lambda: 0.8},
	"ru": {damping: 0.95, edgeMin: 0.05, posDecay: 0.5, posWeight: 0, lenPivot: 8, lenExp: 1, lambda: 0.8},
	"ja": {damping: 0.85, edgeMin: 0.05, posDecay: 0.5, posWeight: 1, lenPivot: 8, lenExp: 0, lambda: 0.7},
}

type vec map[string]float64

// dot sums over the smaller vector's terms in sorted order: the same sum
// every run (see Corpus.vector).
func (v vec) dot(w vec) float64 {
	if len(w) < len(v) {
		v, w = w, v
	}
	s := 0.0
	for _, t := range slices.Sorted(maps.Keys(v)) {
		s += v[t] * w[t]
	}
	return s
}

// svec is a sparse vector of terms numbered by an interner.
type svec = sparseVec[int32]

// interner numbers terms for svecs.
type interner map[string]int32

func (in interner) sparse(v vec) svec {
	out := make(svec, 0, len(v))
	// Numbered in sorted order, so that every run numbers alike and a dot
	// product sums its terms in the same order.
	for _, t := range slices.Sorted(maps.Keys(v)) {
		w := v[t]
		id, ok := in[t]
		if !ok {
			id = int32(len(in))
			in[t] = id
		}
		out = append(out, sparseEntry[int32]{id, w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].k < out[j].k })
	return out
}

// vectors weights each sentence's terms by TF-IDF (Corpus.vector), with
// IDF from c, or from the sentences themselves when c is nil.
func vectors(toks [][]string, c *Corpus) []vec {
	if c == nil {
		c = newCorpus()
		for _, ts := range toks {
			c.add(ts)
		}
	}
	out := make([]vec, len(toks))
	for i, ts := range toks {
		out[i] = c.vector(ts)
	}
	return out
}

// Select picks up to n sentences worth telling, best first, and returns their
// indexes into sentences. It ranks by graph centrality (LexRank: PageRank
// over TF-IDF cosine similarities, teleporting by a position prior so that a
// lead sentence starts ahead) and then picks by maximal marginal relevance
// so that no two picks say the same thing. IDF comes from c, or from the
// sentences themselves when c is nil. Render and the benchmark both use it.
func Select(sentences []string, n int, lang string, c *Corpus) []int {
	lang = normLang(lang, strings.Join(sentences, "\n"))
	return selectWith(sentences, n, lang, c, paramsFor(lang))
}

func selectWith(sentences []string, n int, lang string, c *Corpus, p rankParams) []int {
	pos := make([]int, len(sentences))
	for i := range pos {
		pos[i] = i
	}
	scores, sims := score(sentences, pos, lang, c, p)
	return mmr(scores, sims, n, p.lambda)
}

// ranking orders every sentence of a story by Select's method; pos is each
// sentence's place in its own item, so every source's lead starts ahead.
// It also returns the similarity matrix, for removing repeats.
func ranking(sentences []string, pos []int, lang string, c *Corpus) ([]int, [][]float64) {
	p := paramsFor(lang)
	scores, sims := score(sentences, pos, lang, c, p)
	return mmr(scores, sims, len(sentences), p.lambda), sims
}

func paramsFor(lang string) rankParams {
	if p, ok := paramsByLang[lang]; ok {
		return p
	}
	return paramsByLang["en"]
}

// score returns each sentence's relevance and the pairwise similarities.
func score(sentences []string, pos []int, lang string, c *Corpus, p rankParams) ([]float64, [][]float64) {
	n := len(sentences)
	if n == 0 {
		return nil, nil
	}
	toks := make([][]string, n)
	for i, s := range sentences {
		toks[i] = terms(s, lang)
	}
	in := interner{}
	vs := make([]svec, n)
	for i, v := range vectors(toks, c) {
		vs[i] = in.sparse(v)
	}
	sims := make([][]float64, n)
	for i := range sims {
		sims[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := vs[i].dot(vs[j])
			sims[i][j], sims[j][i] = s, s
		}
	}
	prior := make([]float64, n)
	total := 0.0
	for i := range prior {
		prior[i] = 1 / math.Pow(float64(1+pos[i]), p.posDecay)
		total += prior[i]
	}
	for i := range prior {
		prior[i] /= total
	}
	pr := pagerank(sims, prior, p.damping, p.edgeMin)
	scores := make([]float64, n)
	for i := range scores {
		l := float64(len(toks[i]))
		lenf := math.Min(1, l/p.lenPivot) * math.Pow(l+1, p.lenExp)
		scores[i] = pr[i] * math.Pow(prior[i]*float64(n), p.posWeight) * lenf
	}
	return scores, sims
}

// pagerank runs personalised PageRank on the weighted similarity graph.
func pagerank(sims [][]float64, prior []float64, d, edgeMin float64) []float64 {
	n := len(sims)
	out := make([]float64, n)
	copy(out, prior)
	rowSum := make([]float64, n)
	for i := range sims {
		for j, s := range sims[i] {
			if s >= edgeMin && i != j {
				rowSum[i] += s
			}
		}
	}
	next := make([]float64, n)
	for iter := 0; iter < 50; iter++ {
		dangling := 0.0
		for i := range out {
			if rowSum[i] == 0 {
				dangling += out[i]
			}
		}
		for j := range next {
			next[j] = (1-d)*prior[j] + d*dangling*prior[j]
		}
		for i := range sims {
			if rowSum[i] == 0 {
				continue
			}
			for j, s := range sims[i] {
				if s >= edgeMin && i != j {
					next[j] += d * out[i] * s / rowSum[i]
				}
			}
		}
		delta := 0.0
		for i := range out {
			delta += math.Abs(next[i] - out[i])
			out[i] = next[i]
		}
		if delta < 1e-9 {
			break
		}
	}
	return out
}

// nearSame is the similarity at which two sentences say the same thing.
const nearSame = 0.5

// mmr picks n indexes greedily by relevance minus redundancy with the picks
// so far; ties go to the earlier sentence. Each sentence's redundancy (its
// highest similarity to a pick) is updated once per pick, so the loop is
// O(n²), not O(n³).
func mmr(scores []float64, sims [][]float64, n int, lambda float64) []int {
	if n > len(scores) {
		n = len(scores)
	}
	maxS := 0.0
	for _, s := range scores {
		maxS = math.Max(maxS, s)
	}
	if maxS == 0 {
		maxS = 1
	}
	var picked []int
	used := make([]bool, len(scores))
	red := make([]float64, len(scores))
	for len(picked) < n {
		best, bestV := -1, math.Inf(-1)
		for i, s := range scores {
			if used[i] {
				continue
			}
			v := lambda*s/maxS - (1-lambda)*red[i]
			if red[i] >= nearSame {
				v -= 2 // a restatement goes last, after everything new
			}
			if v > bestV {
				best, bestV = i, v
			}
		}
		used[best] = true
		picked = append(picked, best)
		for i := range red {
			red[i] = math.Max(red[i], sims[i][best])
		}
	}
	return picked
}
