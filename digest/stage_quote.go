package digest

// stageQuote chooses the 🗨️ line: someone's own words with the speaker
// named (in the sentence, or put in front of a bare quotation the report
// attributes), from the lead's or the headline's report when it has one,
// else any that ranks in the better half; never a line that repeats. An
// opinion-only story's one line is its author's, attributed.
func (d *draft) stageQuote() {
	if d.opinionOnly {
		d.opinionQuote()
		return
	}
	top := max(minQuoteRank, len(d.order)/2)
	for pass := 0; pass < 2 && d.quote < 0; pass++ {
		for r, i := range d.order {
			if pass == 1 && r >= top {
				break
			}
			l := d.lines[i]
			if pass == 0 && l.item != d.headItem && (d.lead < 0 || l.item != d.lines[d.lead].item) {
				continue
			}
			if d.quotable(i) && d.fits(i) {
				d.quote = i
				break
			}
		}
	}
}

// minQuoteRank: in a short story any quotation may be shown; in a long one
// only those in the better half of the ranking.
const minQuoteRank = 6

// quotable: a quotation whose speaker the brief can name, and not the one
// the headline already quotes.
func (d *draft) quotable(i int) bool {
	l := d.lines[i]
	return l.quote && !l.leans && (l.named || l.speaker != "") && i != d.headLine && !d.shown(i) && !d.repeats(i)
}

// opinionQuote shows an opinion-only story's opening words as its
// author's: the one line such a brief holds.
func (d *draft) opinionQuote() {
	for i, l := range d.lines {
		if l.pos == 0 {
			d.quote = i
			d.lines[i].speaker = d.author(l.item)
			d.lines[i].named = false // the author's words, whoever they name
			return
		}
	}
}

// author names who wrote an item: its outlet, else its feed.
func (d *draft) author(ii int) string {
	it := d.s.Items[ii]
	if it.Outlet != "" {
		return it.Outlet
	}
	return it.FeedName
}

// quoteText is how a quotation shows: a bare one with its speaker in
// front, as the channel writes a speaking head (ペスコフ氏「…」, "Peskov:
// “…”").
func (d *draft) quoteText(i int) string {
	l := d.lines[i]
	if l.speaker == "" || l.named || speakerPrefix(l.text) != "" {
		return l.text
	}
	if d.lang == "ja" {
		if l.pure {
			return l.speaker + l.text
		}
		return l.speaker + "「" + l.text + "」"
	}
	if l.pure {
		return l.speaker + ": " + l.text
	}
	return l.speaker + ": “" + l.text + "”"
}
