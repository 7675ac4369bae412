package digest

// evidence is what two items share.
type evidence struct {
	near     float64 // shingle resemblance of the texts
	cos      float64 // cosine of title and lead terms (same language only)
	ents     float64 // shared entities, countries weighing countryWeight
	names    float64 // shared names of the same language that no entity covers, by termWeight
	figs     float64 // shared figures, by figureWeight
	sameDay  bool    // both date the event, to one day
	quote    bool    // both quote the same words
	actors   bool    // the same people act, or neither names who acts
	sameLang bool
	headEnts float64 // shared entities of the heads
	// cover: of the people and organisations one report's title and lead
	// sentence name (not the source a title is attributed to), the share
	// the other report names in its lead; the smaller of the two ways.
	cover float64
	cosH  float64 // cosine of the heads' terms
	cosT  float64 // cosine of the headlines' terms (headlineOf)
}

const countryWeight = 0.3

// evidenceOf compares two items; the cosines only when withCos (they are
// the costly part).
func evidenceOf(a, b *itemFeat, withCos bool) evidence {
	var ev evidence
	ev.sameLang = a.lang == b.lang
	if ev.sameLang {
		ev.near = resemblance(a.sketch, b.sketch)
		ev.names = sharedNames(a.names, b.names)
		ev.quote = shareQuote(a.quotes, b.quotes)
		if withCos {
			ev.cos = a.tv.dot(b.tv)
			ev.cosH = a.hv.dot(b.hv)
			ev.cosT = a.ttv.dot(b.ttv)
		}
	}
	ev.actors = actorsAgree(a, b)
	ev.ents = sharedEnts(a.ents, b.ents)
	ev.headEnts = sharedEnts(a.headEnts, b.headEnts)
	ev.cover = min(coverage(a.coverEnts, b.ents), coverage(b.coverEnts, a.ents))
	for _, x := range a.figs {
		for _, y := range b.figs {
			if x == y {
				ev.figs += figureWeight(x)
				break
			}
		}
	}
	ev.sameDay = len(a.id.days) > 0 && len(b.id.days) > 0 && intersects(a.id.days, b.id.days)
	return ev
}

// joinScore is the join test of two items: ok when they report one
// event, with how strongly.
func joinScore(a, b *itemFeat) (float64, bool) {
	if a.id.conflicts(&b.id) {
		return 0, false
	}
	ev := evidenceOf(a, b, false)
	if ev.sameLang && ev.score()+maxCosGain < ev.threshold() {
		return 0, false // the words cannot make up for it
	}
	ev = evidenceOf(a, b, true)
	s := ev.score()
	return s, s >= ev.threshold()
}

// maxCosGain is what the cosines add at most to a score.
var maxCosGain = sameLangWeights[1] + sameLangWeights[2] + 0.7*sameLangWeights[10] + sameLangWeights[11]

// The weights of score, as log-odds, are a logistic regression (L2 penalty 0.003)
// fitted on the tuning halves alone — the seed entries' first half of
// pairs, the event fixture's odd events, synthetic posts of seed 1 — each
// set's same-event pairs weighing one in all and its other pairs too;
// TestJoinWeightsFit refits them. The features are evidence.features, in
// order. The thresholds were read off the same tuning pairs: inside the
// range where none of two events passes, away from its low end (the best
// such pair scores 1.64 in one language, -1.01 across).
var (
	// 1, cos, cosH, headEnts, ents, names, figs, quote, sameDay, cover, cos above 0.3, cosT
	sameLangWeights = [...]float64{-5.61, 1.76, 1.36, 2.00, 0.37, 2.75, 1.79, 0.55, -0.37, 2.01, 0.44, 0.61}
	// 1, headEnts, ents, figs, sameDay, cover
	crossLangWeights = [...]float64{-7.12, 3.29, 1.32, 2.48, 2.86, 0.79}
)

// The scores two items need to join.
const (
	joinSame  = 2.0 // same language: words, names and entities
	joinCross = 0.5 // across languages: entities, figures and the day only
)

func (ev evidence) threshold() float64 {
	if ev.sameLang {
		return joinSame
	}
	return joinCross
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// crossClues reports whether two reports in different languages, whose
// words cannot be compared, share enough to be weighed at all: a name (a
// country at least), heads that name the same people (not Witkoff in Doha
// against Putin and Trump on the phone with Witkoff in the background),
// and beyond one name a second clue — a figure, the day or another name
// (Rubio in Tokyo and Rubio in Seoul share one name only).
func (ev evidence) crossClues() bool {
	return ev.ents > 0 && ev.cover >= 0.5 && (ev.figs > 0 || ev.sameDay || ev.ents >= 2)
}

// nFeatures is the length of evidence.features.
const nFeatures = len(sameLangWeights)

// features are the evidence as the score weighs it, the constant first;
// counts are capped where more tells no more. Across languages only the
// first len(crossLangWeights) are set.
func (ev evidence) features() [nFeatures]float64 {
	if ev.sameLang {
		return [nFeatures]float64{1, ev.cos, ev.cosH, min(ev.headEnts, 4), min(ev.ents, 6), min(ev.names, 4),
			min(ev.figs, 3), b2f(ev.quote), b2f(ev.sameDay), ev.cover, max(0, ev.cos-0.3), ev.cosT}
	}
	return [nFeatures]float64{1, min(ev.headEnts, 4), min(ev.ents, 6), min(ev.figs, 3), b2f(ev.sameDay), ev.cover}
}

// weights are the score's weights for the evidence's kind.
func (ev evidence) weights() []float64 {
	if ev.sameLang {
		return sameLangWeights[:]
	}
	return crossLangWeights[:]
}

// score is the log-odds that two items report one event.
func (ev evidence) score() float64 {
	if ev.near >= 0.5 {
		return 10 + ev.near
	}
	if !ev.actors {
		return -10 // another actor's news, however alike the words
	}
	if !ev.sameLang && !ev.crossClues() {
		return -10
	}
	x := ev.features()
	s := 0.0
	for i, w := range ev.weights() {
		s += w * x[i]
	}
	return s
}

func sharedEnts(a, b []string) float64 {
	s := 0.0
	for _, e := range a {
		// A head stands for his institution only where a does not name
		// it too, so that it counts once.
		if contains(b, e) || !contains(a, proxyOf(e)) && contains(b, proxyOf(e)) {
			if k, _, _ := entityOf(e); k == entCountry {
				s += countryWeight
			} else {
				s++
			}
		}
	}
	return s
}

// coverage is the share of the people and organisations of head that
// all names; 1 when head names none. A country's institution (Kremlin,
// White House) stands for its government, often as the source: it does
// not count.
func coverage(head, all []string) float64 {
	n, in := 0, 0
	for _, e := range head {
		if k, country, _ := entityOf(e); k == entPerson || k == entOrg && country == "" {
			n++
			if contains(all, e) {
				in++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(in) / float64(n)
}

// institutionOf is the institution a person heads and speaks for: a
// report of what the governor said of a rate cut and one of what the bank
// decided name one actor, whichever of the two each names. headOf is the
// other way round.
var institutionOf = map[string]string{
	"nabiullina": "bank-of-russia",
	"powell":     "fed",
	"ueda":       "boj",
	"lagarde":    "ecb",
	"georgieva":  "imf",
	"rutte":      "nato",
	"guterres":   "un",
	"grossi":     "iaea",
	"tedros":     "who",
}

// proxyOf is who or what stands for e: the institution a person heads,
// the person an institution is headed by; "" for none.
func proxyOf(e string) string {
	if p, ok := institutionOf[e]; ok {
		return p
	}
	return headOf[e]
}

var headOf = func() map[string]string {
	m := map[string]string{}
	for p, inst := range institutionOf {
		m[inst] = p
	}
	return m
}()

// sharedNames weighs the names a and b share by their rarity in news.
func sharedNames(a, b []string) float64 {
	n := 0.0
	for _, x := range a {
		if contains(b, x) {
			n += termWeight(x)
		}
	}
	return n
}

// contains reports x in the sorted slice s.
func contains(s []string, x string) bool {
	lo, hi := 0, len(s)
	for lo < hi {
		m := (lo + hi) / 2
		if s[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(s) && s[lo] == x
}
