package digest

// evidence is what two items share.
type evidence struct {
	near     float64 // shingle resemblance of the texts
	cos      float64 // cosine of title and lead terms (same language only)
	ents     float64 // shared entities, countries weighing countryWeight
	names    int     // shared names of the same language that no entity covers
	figs     float64 // shared figures, by figureWeight
	sameDay  bool    // both date the event, to one day
	quote    bool    // both quote the same words
	actors   bool    // the same people act, or neither names who acts
	sameLang bool
	headEnts float64 // shared entities of the heads
	// cover: of the people and organisations one head names, the share
	// the other report names anywhere; the smaller of the two ways.
	cover float64
	cosH  float64 // cosine of the heads' terms
}

const countryWeight = 0.3

// evidenceOf compares two items; the cosines only when withCos (they are
// the costly part).
func evidenceOf(a, b *itemFeat, withCos bool) evidence {
	var ev evidence
	ev.sameLang = a.lang == b.lang
	if ev.sameLang {
		ev.near = resemblance(a.sketch, b.sketch)
		ev.names = sharedCount(a.names, b.names)
		ev.quote = shareQuote(a.quotes, b.quotes)
		if withCos {
			ev.cos = a.tv.dot(b.tv)
			ev.cosH = a.hv.dot(b.hv)
		}
	}
	ev.actors = actorsAgree(a, b)
	ev.ents = sharedEnts(a.ents, b.ents)
	ev.headEnts = sharedEnts(a.headEnts, b.headEnts)
	ev.cover = min(coverage(a.headEnts, b.ents), coverage(b.headEnts, a.ents))
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

// maxCosGain is what the two cosines add at most to a score.
const maxCosGain = 1.26 + 0.99

// The scores two items need to join, as log-odds. The weights of score
// were fitted (logistic regression) on the tuning halves of the seed
// entries, the event fixture and synthetic posts; the thresholds were set
// on the same halves: the highest joins with no false merge on the seed's
// tuning pairs beyond one and at most 0.5% on the fixture's.
const (
	joinSame  = 2.5 // same language: words, names and entities
	joinCross = 1.5 // across languages: entities, figures and the day only
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

// score is the log-odds that two items report one event.
func (ev evidence) score() float64 {
	if ev.near >= 0.5 {
		return 10 + ev.near
	}
	if !ev.actors {
		return -10 // another actor's news, however alike the words
	}
	if ev.sameLang {
		return -3.28 + 1.26*ev.cos + 0.99*ev.cosH + 0.82*min(ev.headEnts, 4) + 0.44*min(ev.ents, 6) +
			1.85*float64(min(ev.names, 4)) + 1.12*min(ev.figs, 3) + 0.29*b2f(ev.quote) - 0.15*b2f(ev.sameDay) + 1.39*ev.cover - 1.13*b2f(!ev.actors)
	}
	return -3.53 + 0.96*min(ev.headEnts, 4) + 1.23*min(ev.ents, 6) + 1.92*min(ev.figs, 3) + 1.64*b2f(ev.sameDay) + 1.54*ev.cover
}

func sharedEnts(a, b []string) float64 {
	s := 0.0
	for _, e := range a {
		if contains(b, e) {
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

func sharedCount(a, b []string) int {
	n := 0
	for _, x := range a {
		if contains(b, x) {
			n++
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
