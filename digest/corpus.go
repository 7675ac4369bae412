package digest

import "math"

// Corpus holds document frequencies for IDF weighting, the one home of the
// weights: Render's ranking reads a Corpus of recent texts (or of the
// story's own sentences). Cluster uses none: its join test must not depend
// on what else is in a batch.
// It is built once and only read afterwards, so one Corpus may serve many
// renders.
type Corpus struct {
	docs int
	df   map[string]int
	seen map[string]bool // scratch for add
}

func newCorpus() *Corpus {
	return &Corpus{df: make(map[string]int), seen: make(map[string]bool)}
}

// NewCorpus counts, for every term, how many of texts contain it. Each text
// is one document (a post or an item); its language is detected.
func NewCorpus(texts []string) *Corpus {
	c := newCorpus()
	for _, t := range texts {
		c.add(terms(t, DetectLanguage(t)))
	}
	return c
}

// add counts one document made of ts (repeats count once).
func (c *Corpus) add(ts []string) {
	c.docs++
	clear(c.seen)
	for _, t := range ts {
		if !c.seen[t] {
			c.seen[t] = true
			c.df[t]++
		}
	}
}

// rarity is ln((docs+1)/(df+1)): how much finding t tells, 0 when every
// document has it.
func (c *Corpus) rarity(t string) float64 {
	return math.Log(float64(c.docs+1) / float64(c.df[t]+1))
}

// idf is the smoothed inverse document frequency of t: rarity plus one, so
// that a term every document shares still weighs something.
func (c *Corpus) idf(t string) float64 { return c.rarity(t) + 1 }

// vector weights the terms of one text by TF-IDF, (1 + ln tf) · idf, and
// normalises the result to unit length, so that a dot product is a cosine.
func (c *Corpus) vector(ts []string) vec {
	// Terms in the order of ts, not of a map: a float sum taken in another
	// order differs in its last bits, and two near-equal sentences would
	// swap ranks from one run to the next.
	tf := map[string]float64{}
	var order []string
	for _, t := range ts {
		if tf[t] == 0 {
			order = append(order, t)
		}
		tf[t]++
	}
	v := make(vec, len(order))
	norm := 0.0
	for _, t := range order {
		w := (1 + math.Log(tf[t])) * c.idf(t)
		v[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for _, t := range order {
		v[t] /= norm
	}
	return v
}
