package digest

// stageBackground chooses the ℹ️ line: the channel's own ℹ️ first, then a
// sentence that sets the scene (先に…, Earlier…, Ранее…, …以来), then any
// mention of the past, in rank order within each; it must read alone, be
// no quotation and say nothing shown.
func (d *draft) stageBackground() {
	if d.opinionOnly {
		return
	}
	for grade := bgMarked; grade > 0 && d.bg < 0; grade-- {
		for _, i := range d.order {
			l := d.lines[i]
			if d.bgGrade(i) == grade && !l.leans && !l.quote && !d.shown(i) && d.fits(i) && !d.repeats(i) {
				d.bg = i
				break
			}
		}
	}
}

// bgMarked is the grade of a line the channel itself marked ℹ️: its own
// background is the best there is.
const bgMarked = 3

// bgGrade grades line i as background: bgMarked for the channel's ℹ️,
// else background's grade; computed once.
func (d *draft) bgGrade(i int) int {
	if d.bgs[i] == bgUnknown {
		d.bgs[i] = background(d.lines[i].text)
		if m := d.lines[i].mark; m == "ℹ" || m == "ℹ️" {
			d.bgs[i] = bgMarked
		}
	}
	return d.bgs[i]
}

// bgUnknown marks a grade not yet computed.
const bgUnknown = -1
