package digest

import (
	"os"
	"strconv"
)

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

func evidenceOf(a, b *itemFeat) evidence {
	var ev evidence
	ev.sameLang = a.lang == b.lang
	if ev.sameLang {
		ev.near = resemblance(a.sketch, b.sketch)
		ev.cos = a.tv.dot(b.tv)
		ev.cosH = a.hv.dot(b.hv)
		ev.names = sharedCount(a.names, b.names)
		ev.quote = shareQuote(a.quotes, b.quotes)
		ev.actors = actorsAgree(a.subj, a.lead, counts(b.subj), []string{b.lead})
	} else {
		ev.actors = true
	}
	for _, e := range a.ents {
		if contains(b.ents, e) {
			if k, _, _ := entityOf(e); k == entCountry {
				ev.ents += countryWeight
			} else {
				ev.ents++
			}
		}
	}
	ev.headEnts = sharedEnts(a.headEnts, b.headEnts)
	ev.cover = min(coverage(a.headEnts, b.ents), coverage(b.headEnts, a.ents))
	for _, x := range a.figs {
		for _, y := range b.figs {
			if x.kind == y.kind && x.key() == y.key() {
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
	ev := evidenceOf(a, b)
	s := ev.score()
	return s, s >= ev.threshold()
}

func (ev evidence) threshold() float64 {
	if ev.sameLang {
		return tuneSame
	}
	return tuneCross
}

var tuneSame, tuneCross = envF("TSAME", 3.0), envF("TCROSS", 3.0)

func envF(k string, d float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(k), 64); err == nil {
		return v
	}
	return d
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
	if ev.sameLang {
		return -3.64 + 1.32*ev.cos + 1.0*ev.cosH + 0.85*min(ev.headEnts, 4) + 0.48*min(ev.ents, 6) +
			1.15*float64(min(ev.names, 4)) + 1.34*min(ev.figs, 3) + 0.73*b2f(ev.quote) + 1.61*ev.cover - 0.81*b2f(!ev.actors)
	}
	return -3.48 + 0.64*min(ev.headEnts, 4) + 1.11*min(ev.ents, 6) + 1.96*min(ev.figs, 3) + 1.63*b2f(ev.sameDay) + 1.53*ev.cover
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
// all names; 1 when head names none.
func coverage(head, all []string) float64 {
	n, in := 0, 0
	for _, e := range head {
		if k, _, _ := entityOf(e); k == entPerson || k == entOrg {
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

func counts(m map[string]bool) map[string]int {
	out := make(map[string]int, len(m))
	for k := range m {
		out[k] = 1
	}
	return out
}
