package digest

import "math"

// Corpus holds document frequencies of recent texts for IDF weighting. It is
// built once and only read afterwards, so one Corpus may serve many renders.
type Corpus struct {
	docs int
	df   map[string]int
}

// NewCorpus counts, for every term, how many of texts contain it. Each text
// is one document (a post or an item); its language is detected.
func NewCorpus(texts []string) *Corpus {
	c := &Corpus{df: make(map[string]int)}
	for _, t := range texts {
		c.add(terms(t, DetectLanguage(t)))
	}
	return c
}

func (c *Corpus) add(ts []string) {
	c.docs++
	seen := make(map[string]bool, len(ts))
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			c.df[t]++
		}
	}
}

// idf is the smoothed inverse document frequency of t.
func (c *Corpus) idf(t string) float64 {
	return math.Log(float64(c.docs+1)/float64(c.df[t]+1)) + 1
}
