package digest

import (
	"strings"
	"unicode/utf8"
)

// stageLead chooses the lead: the opening sentence of a report that
// tells most of what the headline says (the headline's own report first
// among equals, as wire copy opens with its lead), else the best opening
// sentence of any report; never the sentence the headline was made from nor one
// that says the headline again, never a bare quotation, a sentence that
// leans on another, or an opinion. It sets the flags and ❗️ with it.
func (d *draft) stageLead() {
	if d.opinionOnly {
		return
	}
	lead := d.bestLead()
	if lead < 0 {
		lead = d.pickLead(-1)
	}
	if lead < 0 {
		for _, i := range d.order {
			if d.leadable(i) {
				lead = i
				break
			}
		}
	}
	d.lead = lead
	leadText := ""
	if lead >= 0 {
		leadText = d.lines[lead].text
	}
	d.flags = leadFlags(d.headline, leadText, maxFlags)
	items := []int{d.headItem}
	if lead >= 0 {
		items = append(items, d.lines[lead].item)
	}
	d.breaking = lead >= 0 && (isBreaking(d, items, leadText) || d.lines[lead].breaking)
}

// bestLead is the opening line, among the reports' own leads, that states
// most of the headline's event: the share of the headline's terms (its
// "=X" attribution aside: who told is not what happened) it holds, the
// headline's own report ahead by ownLeadBonus. When reports join, the one
// that tells the event whole (アメリカのトランプ大統領とロシアのプーチン
// 大統領は12日、電話で会談し、…一致しました) leads before one that only
// says a call took place and who told. -1 for none.
func (d *draft) bestLead() int {
	head := d.headline
	if i := strings.LastIndexAny(head, "=＝"); i > 0 {
		head = head[:i]
	}
	want := map[string]bool{}
	for _, t := range terms(head, d.lang) {
		want[t] = true
	}
	best, bestScore := -1, -1.0
	seen := map[int]bool{}
	// The headline's own report first: it keeps a tie.
	for _, ii := range append([]int{d.headItem}, d.read...) {
		if ii < 0 {
			continue
		}
		if seen[ii] || d.op[ii] != d.opinionOnly {
			continue
		}
		seen[ii] = true
		i := d.pickLead(ii)
		if i < 0 || d.outdated(i) {
			continue // a speculative report's lead is outdated under a settled headline
		}
		got := map[string]bool{}
		for _, t := range terms(d.lines[i].text, d.lang) {
			if want[t] {
				got[t] = true
			}
		}
		sc := 0.0
		if len(want) > 0 {
			sc = float64(len(got)) / float64(len(want))
		}
		if ii == d.headItem {
			sc += ownLeadBonus
		}
		if l := d.lines[i]; l.quote && l.named {
			sc -= namedQuoteLeadPenalty
		} else if l.quote {
			sc -= quotedLeadPenalty
		}
		if sc > bestScore {
			best, bestScore = i, sc
		}
	}
	return best
}

const (
	// ownLeadBonus: the headline's own report leads unless another's lead
	// holds a quarter more of the headline's terms (a short headline's
	// terms are few: one word is a quarter of them).
	ownLeadBonus = 0.25
	// quotedLeadPenalty: a report's news leads before someone's words.
	quotedLeadPenalty = 1.0
	// namedQuoteLeadPenalty: words with their speaker and occasion named
	// (プーチン大統領は、…要請について「…」とコメントした) report what was
	// said: they lead before another report's lead that tells the headline
	// less by a fifth of its terms.
	namedQuoteLeadPenalty = 0.2
)

// maxFlags is how many flags stand before a lead: the channel shows two or
// three (🇷🇺🇺🇸🇺🇦); more is a list, not a sign.
const maxFlags = 3

// pickLead is the first fit opening line of item (any item when item < 0,
// in rank order); -1 for none. A report's news comes before its quotes: a
// quotation leads only when no other opening line can (its 🗨️ follows),
// or when a channel post opens with it.
func (d *draft) pickLead(item int) int {
	if item >= 0 {
		// A channel post's 🔸 and ℹ️ lines are its facts and background:
		// its lead is the line before them, even someone's words with the
		// speaker named (ザハロワ報道官は定例会見で「…」と述べた).
		if hasChannelMarks(d.s.Items[item].Text) {
			if i := d.firstLeadable(item, true); i >= 0 {
				return i
			}
		}
		return d.firstLeadable(item, false)
	}
	for _, i := range d.order {
		if d.lines[i].pos <= 1 && d.leadable(i) {
			return i
		}
	}
	return -1
}

// firstLeadable is the first leadable opening line of item, one that is
// nobody's words before any that is (a quotation, a speaking head's line); with channel, only lines the channel
// did not mark as a fact or background. -1 for none.
func (d *draft) firstLeadable(item int, channel bool) int {
	first := -1
	for i, l := range d.lines {
		if l.item != item || l.pos > maxLeadPos || !d.leadable(i) || channel && (l.mark == "🔸" || l.mark == "ℹ") {
			continue
		}
		if !l.quote && speakerPrefix(l.text) == "" {
			return i
		}
		if first < 0 {
			first = i // someone's words, quoted or after a speaking head: if nothing else
		}
	}
	return first
}

// maxLeadPos is how deep into the headline's report its lead may be: past
// a channel post's quotation and its attribution, a report's first
// sentences are its lead; deeper ones are details.
const maxLeadPos = 2

// leadable: a line that can open the brief on its own.
func (d *draft) leadable(i int) bool {
	l := d.lines[i]
	return !l.leans && !(l.pure && l.speaker == "") && !d.sameAsHeadline(i)
}

// sameAsHeadline reports a line that is the headline's sentence again:
// the headline's words are nearly all in it and it adds little.
func (d *draft) sameAsHeadline(i int) bool {
	if d.headline == "" {
		return false
	}
	t := strings.TrimRight(d.lines[i].text, "。．.!！")
	h, l := utf8.RuneCountInString(d.headline), utf8.RuneCountInString(t)
	if l*10 > h*sameHeadlineLength {
		return false // it says more than the headline, however alike
	}
	return fold(t) == fold(d.headline) || overlap(d.headlineShingles(), shingles(t, d.lang)) >= sameHeadlineShare
}

// headlineShingles are the headline's shingles, computed once per headline.
func (d *draft) headlineShingles() map[string]bool {
	if d.headGrams == nil || d.headGramsOf != d.headline {
		d.headGrams, d.headGramsOf = shingles(d.headline, d.lang), d.headline
	}
	return d.headGrams
}

const (
	// sameHeadlineShare is the share of the headline's character bigrams a
	// line must hold to say the headline again: a lead restating a title in
	// its own words holds 40–70%; the title's own sentence over 90%.
	sameHeadlineShare = 0.9
	// sameHeadlineLength (tenths) is how much longer than the headline
	// such a line may be: a third longer, the date and a particle added.
	sameHeadlineLength = 13
)

// isBreaking: an urgent feed, a breaking label on the raw title of the
// headline's or the lead's source (cleanTitle has dropped it from the
// headline), or a breaking mark opening the lead.
func isBreaking(d *draft, items []int, lead string) bool {
	for _, ii := range d.items {
		if d.s.Items[ii].Urgent {
			return true
		}
	}
	for _, i := range items {
		if i >= 0 && i < len(d.s.Items) && breakingRe.MatchString(strings.TrimSpace(d.s.Items[i].Title)) {
			return true
		}
	}
	return breakingRe.MatchString(lead)
}
