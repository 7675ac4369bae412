package digest

import (
	"slices"
	"unicode/utf8"
)

// stageFacts adds key facts (🔸) in rank order until the brief holds n: a
// sentence that is no quotation, says nothing a shown line or the headline
// says, and reads alone. With
// reserve, background sentences are left for the ℹ️ line; with budget,
// the brief stays a screenful.
func (d *draft) stageFacts(n int, reserve, budget bool) {
	for r, i := range d.order {
		if len(d.facts) >= n || r == maxConsidered {
			break
		}
		l := d.lines[i]
		switch {
		case d.shown(i) || l.quote || l.pure || d.outdated(i):
		case l.leans:
			// Every 🔸 reads alone: a line whose subject is only the
			// sentence before it ("He objected…", "It was the seventh…")
			// says nothing to a reader of the brief, whatever precedes it.
		case reserve && d.bgGrade(i) > 0, d.bg >= 0 && d.bgGrade(i) >= bgSetting:
			// Kept for the ℹ️ line; once it is chosen, more scene-setting is
			// context, not a key fact.
		case budget && !d.fits(i):
		case d.repeats(i):
		default:
			d.facts = append(d.facts, i)
		}
	}
	d.orderFacts()
}

// keepTwoFacts makes a short story's brief keep its two 🔸, the least the
// channel posts with: with fewer facts found, a sentence the headline only
// sums up, then the background line, then (in a story of four sentences or
// more, where a reader expects two facts) quotations besides the 🗨️ one
// that name their speaker in the sentence itself are shown as facts, as
// the channel shows a minister's words under 🔸.
func (d *draft) keepTwoFacts() {
	for _, i := range d.order {
		if len(d.facts) >= minFacts {
			break
		}
		l := d.lines[i]
		if !d.shown(i) && !l.quote && !l.pure && !l.leans && !d.outdated(i) && !d.sameAsHeadline(i) && !d.repeatsLines(i) {
			d.facts = append(d.facts, i)
		}
	}
	if len(d.facts) < minFacts && d.bg >= 0 {
		d.facts, d.bg = append(d.facts, d.bg), -1
	}
	if len(d.facts) < minFacts && d.sentences >= minFacts+2 {
		for _, i := range d.order {
			if len(d.facts) >= minFacts {
				break
			}
			if l := d.lines[i]; l.quote && !l.pure && l.named && !l.leans && !d.shown(i) && !d.sameAsHeadline(i) && !d.repeatsLines(i) {
				d.facts = append(d.facts, i)
			}
		}
	}
	d.orderFacts()
}

// orderFacts puts the facts in reading order: those that continue the
// lead's report first, in its order, then the others as their reports told
// them.
func (d *draft) orderFacts() {
	leadItem, leadSeq := -1, -1
	if d.lead >= 0 {
		leadItem, leadSeq = d.lines[d.lead].item, d.lines[d.lead].seq
	}
	slices.SortStableFunc(d.facts, func(a, b int) int {
		ka, kb := d.lines[a].item == leadItem && d.lines[a].seq > leadSeq, d.lines[b].item == leadItem && d.lines[b].seq > leadSeq
		switch {
		case ka && !kb:
			return -1
		case kb && !ka:
			return 1
		}
		return a - b // lines are in item, then sentence order
	})
}

// outdated: line i comes from a speculative report ("…могут провести…",
// 近く電話会談か) while the headline is a settled one: what it expected
// has happened or not.
func (d *draft) outdated(i int) bool {
	ii := d.lines[i].item
	if ii == d.headItem || isSpeculative(d.headline) {
		return false
	}
	if _, ok := d.speculative[ii]; !ok {
		d.speculative[ii] = isSpeculative(cleanTitle(d.s.Items[ii].Title))
	}
	return d.speculative[ii]
}

// maxConsidered is how far down the ranking a fact is looked for: past
// the best 60 of a story's sentences, what is left repeats or says little,
// and checking it for repeats would cost a huge story most of its time.
const maxConsidered = 60

// shown reports a line already in the brief.
func (d *draft) shown(i int) bool {
	return i == d.lead || i == d.quote || i == d.bg || slices.Contains(d.facts, i)
}

// shownLines are the lines in the brief so far.
func (d *draft) shownLines() []int {
	var out []int
	for _, i := range append([]int{d.lead, d.quote, d.bg}, d.facts...) {
		if i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// visible is how many characters the brief shows so far.
func (d *draft) visible() int {
	n := utf8.RuneCountInString(d.headline)
	for _, i := range d.shownLines() {
		n += utf8.RuneCountInString(d.lines[i].text)
	}
	return n
}

// fits: line i keeps the brief within its screenful.
func (d *draft) fits(i int) bool {
	return d.visible()+utf8.RuneCountInString(d.lines[i].text) <= d.st.budget
}

// repeats reports a line that says what a shown line or the headline
// says: a near-copy (TF-IDF or character overlap), a Japanese sentence
// whose last clause repeats a shown one, or the same fact in other words.
func (d *draft) repeats(i int) bool {
	// A quotation says more than the headline that took its gist.
	return d.repeatsLines(i) || !d.lines[i].quote && overlap(d.shingles(i), d.headlineShingles()) >= headRepeat
}

// repeatsLines reports a line that says what a shown line says.
func (d *draft) repeatsLines(i int) bool {
	gi := d.shingles(i)
	tail := tailGrams(d.lines[i].own, d.lang)
	for _, j := range d.shownLines() {
		if d.sameFact(i, j) || sharedMeasure(d.sig(i), d.sig(j)) {
			return true
		}
		if opposes(d.sig(i), d.sig(j)) {
			continue // another time, actor, act or polarity: another fact, however worded
		}
		gj := d.shingles(j)
		if overlap(gi, gj) >= gramRepeat || tail != nil && overlap(tail, gj) >= tailRepeat {
			return true
		}
		if _, n, _ := conceptOverlap(d.sig(i), d.sig(j)); d.sims[i][j] >= simRepeat && (n >= minSimShared || telling(d.sig(i)) <= 1) {
			return true // alike, and sharing its own words (not only names) or having none
		}
	}
	return false
}

const (
	// simRepeat is the TF-IDF cosine at which two sentences of one story
	// say the same: reports of one event share its names, so unrelated
	// facts stay below 0.3.
	simRepeat = 0.35
	// minSimShared: short sentences of one event are alike in its words
	// and names alone (電話会談, the leaders, Цой Сон Хи); a repeat also
	// shares two words of its own.
	minSimShared = 2
	// gramRepeat is the share of the shorter sentence's character bigrams
	// found in the other at which it is a near-copy (outlets rewrite
	// endings, not substance).
	gramRepeat = 0.5
	// tailRepeat: a Japanese last clause this much inside a shown line says
	// that line again, whatever the sentence adds first.
	tailRepeat = 0.9
	// headRepeat: a line holding this much of the headline's bigrams
	// restates it.
	headRepeat = 0.7
)

// tailGrams are the bigrams of a Japanese sentence's last clause (after its
// last 、 outside brackets) when that clause is long enough to say
// something: a sentence that ends by repeating what the brief already says
// ("…と指摘し、プーチン大統領に対し、…停戦に応じるよう求めました") reads
// as a repeat, whatever it adds first. nil otherwise.
func tailGrams(s, lang string) map[string]bool {
	if lang != "ja" {
		return nil
	}
	rs := []rune(s)
	in := protected(rs, lang)
	for i := len(rs) - 1; i > 0; i-- {
		if rs[i] == '、' && !in[i] {
			if tail := rs[i+1:]; len(tail) >= minTailClause {
				return bigrams(string(tail))
			}
			return nil
		}
	}
	return nil
}

// minTailClause is the shortest last clause tailGrams compares, in runes.
const minTailClause = 15

// sameFact reports two lines the paraphrase detector calls the same fact.
func (d *draft) sameFact(i, j int) bool { return sameFact(d.sig(i), d.sig(j)) }

// shingles are line i's shingles, computed once.
func (d *draft) shingles(i int) map[string]bool {
	if d.grams[i] == nil {
		d.grams[i] = shingles(d.lines[i].own, d.lang)
	}
	return d.grams[i]
}

// sig is line i's paraphrase signature, computed once.
func (d *draft) sig(i int) *factSig {
	if d.sigs[i] == nil {
		d.sigs[i] = factSigOf(d.lines[i].own, d.lang, d.bgGrade(i) >= bgSetting)
		d.sigs[i].grams = d.shingles(i)
	}
	return d.sigs[i]
}
