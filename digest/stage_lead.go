package digest

import (
	"strings"
	"unicode/utf8"
)

// stageLead chooses the lead: the opening sentence of the headline's
// report, as wire copy opens with its lead, else the best opening sentence
// of any report; never the sentence the headline was made from nor one
// that says the headline again, never a bare quotation, a sentence that
// leans on another, or an opinion. It sets the flags and ❗️ with it.
func (d *draft) stageLead() {
	if d.opinionOnly {
		return
	}
	lead := d.pickLead(d.headItem)
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

// maxFlags is how many flags stand before a lead: the channel shows two or
// three (🇷🇺🇺🇸🇺🇦); more is a list, not a sign.
const maxFlags = 3

// pickLead is the first fit opening line of item (any item when item < 0,
// in rank order); -1 for none. A report's news comes before its quotes: a
// quotation leads only when no other opening line can (its 🗨️ follows).
func (d *draft) pickLead(item int) int {
	if item >= 0 {
		first := -1
		for i, l := range d.lines {
			if l.item == item && l.pos <= maxLeadPos && d.leadable(i) {
				if !l.quote {
					return i
				}
				if first < 0 {
					first = i
				}
			}
		}
		return first
	}
	for _, i := range d.order {
		if d.lines[i].pos <= 1 && d.leadable(i) {
			return i
		}
	}
	return -1
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
	if fold(t) == fold(d.headline) {
		return true
	}
	h, l := utf8.RuneCountInString(d.headline), utf8.RuneCountInString(t)
	return overlap(shingles(d.headline, d.lang), shingles(t, d.lang)) >= sameHeadlineShare && l*10 <= h*sameHeadlineLength
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
