package main

import (
	"fmt"
	"slices"
	"strings"

	"briefbot/internal/urlid"
	"briefbot/scheduler"
)

// column is one rule of the reader table.
type column int

const (
	colHName column = iota
	colHForbidden
	colHCaption
	colHCut
	colHEmoji
	colHLength
	colHLead
	colHSpeculative
	colSrcHost
	colSrcFeed
	colSrcWrong
	colQuoteSpeaker
	colSubject
	colRepeat
	colClaim
	colFiller
	colOpinionPushed
	colNewsHeld
	colNewsLost
	colFlags
	numColumns
)

// columnNames are the table's row labels.
var columnNames = [numColumns]string{
	colHName:         "headline: outlet/site name",
	colHForbidden:    "headline: forbidden (labels)",
	colHCaption:      "headline: caption",
	colHCut:          "headline: cut mid-clause",
	colHEmoji:        "headline: emoji/bidi in 【】",
	colHLength:       "headline: length",
	colHLead:         "headline: same as lead",
	colHSpeculative:  "headline: speculative",
	colSrcHost:       "📰 unnamed (host, 不明)",
	colSrcFeed:       "📰 feed's own name",
	colSrcWrong:      "📰 wrong name / twice",
	colQuoteSpeaker:  "🗨️ without speaker",
	colSubject:       "line without subject",
	colRepeat:        "repeated-line pairs",
	colClaim:         "claim without speaker",
	colFiller:        "filler/question as fact",
	colOpinionPushed: "opinion pushed",
	colNewsHeld:      "news held back",
	colNewsLost:      "news in no brief",
	colFlags:         "wrong flags",
}

// finding is one thing a reader would object to.
type finding struct {
	col   column
	brief int // index into result.briefs; -1 for an item found in no brief
	text  string
	why   string
}

// result is the checker's verdict on one input.
type result struct {
	name     string
	briefs   []scheduler.PreviewBrief
	count    [numColumns]int
	off      [numColumns]bool
	findings []finding
	// The floors: pushed briefs from stories of ≥ 4 sentences, how many
	// of them have ≥ 2 🔸, and the 🗨️ lines of pushed briefs.
	longStories, withFacts, quotes int
	pushed                         int
	// belowFloor are the long stories' briefs with fewer than two 🔸, for -v.
	belowFloor []finding
}

// add records a finding, unless its rule does not apply to the input.
func (r *result) add(col column, brief int, text, why string) {
	if r.off[col] {
		return
	}
	r.count[col]++
	r.findings = append(r.findings, finding{col, brief, text, why})
}

// judged is one brief with what the checker traced it to.
type judged struct {
	pb    scheduler.PreviewBrief
	rd    reading
	units []*unit
	// linked are the units the brief's own source links name.
	linked map[*unit]bool
	// said are units a line other than a 🗨️ was taken from.
	said map[*unit]bool
}

// minStorySentences and minFacts are the floor: a story of at least four
// sentences has enough for a lead and two key facts.
const (
	minStorySentences = 4
	minFacts          = 2
)

// check judges every brief of an input.
func check(in *input) *result {
	res := &result{name: in.name}
	for c, off := range in.off {
		res.off[c] = off
	}
	if !hasLabels(in) {
		// these rules read the labels: without them they do not apply
		res.off[colHForbidden], res.off[colClaim] = true, true
		res.off[colFlags] = res.off[colFlags] || in.flagRows == nil
	}
	for ri := range in.runs {
		r := &in.runs[ri]
		if in.flagRows != nil {
			// a row is one story: its first brief carries the flags
			if len(r.briefs) == 0 {
				res.add(colFlags, -1, in.flagRows[ri].headline, "no brief")
				continue
			}
			res.briefs = append(res.briefs, r.briefs[0])
			if r.briefs[0].Push {
				res.pushed++
			}
			checkFlagRow(res, len(res.briefs)-1, trace(r.briefs[0], nil), in.flagRows[ri])
			continue
		}
		var js []*judged
		for _, pb := range r.briefs {
			j := trace(pb, r.units)
			js = append(js, j)
			res.briefs = append(res.briefs, pb)
			bi := len(res.briefs) - 1
			if !pb.Push {
				continue
			}
			res.pushed++
			checkHeadline(res, bi, j, in)
			checkSources(res, bi, j, in)
			checkLines(res, bi, j, in)
			checkFloors(res, bi, j)
		}
		checkLabels(res, js, r.units, len(res.briefs)-len(js))
	}
	return res
}

// hasLabels reports whether the input carries expect.json's labels.
func hasLabels(in *input) bool {
	if len(in.forbidden) > 0 || in.events != nil {
		return true
	}
	for _, r := range in.runs {
		for _, u := range r.units {
			if u.exp != nil {
				return true
			}
		}
	}
	return false
}

// trace finds the units a brief was made from: those its source links
// name, and those that hold one of its lines.
func trace(pb scheduler.PreviewBrief, units []*unit) *judged {
	j := &judged{pb: pb, rd: read(pb.HTML), linked: map[*unit]bool{}, said: map[*unit]bool{}}
	keys := map[string]bool{}
	for _, s := range pb.Sources {
		keys[urlid.Key(s.URL)] = true
	}
	for _, e := range j.rd.sources {
		for _, u := range e.urls {
			keys[urlid.Key(u)] = true
		}
	}
	for _, u := range units {
		if u.url != "" && keys[u.url] {
			j.linked[u] = true
		}
	}
	texts := []string{j.rd.headline}
	quote := []bool{false}
	for _, l := range j.rd.lines {
		texts = append(texts, l.text)
		quote = append(quote, l.kind == kindQuote)
	}
	// A line a linked source holds came from it: that another unit holds a
	// piece of it too (two leads opening "The European Central Bank…") does
	// not put that unit in the brief.
	ownLine := make([]bool, len(texts))
	for i, t := range texts {
		for _, u := range units {
			if j.linked[u] && holds(u, t) {
				ownLine[i] = true
				break
			}
		}
	}
	for _, u := range units {
		in := j.linked[u]
		for i, t := range texts {
			if (j.linked[u] || !ownLine[i]) && holds(u, t) {
				in = true
				j.said[u] = j.said[u] || !quote[i]
			}
		}
		if in {
			j.units = append(j.units, u)
		}
	}
	return j
}

// holds reports whether a unit's text holds a line: its whole, or (for a
// long line, which a renderer may trim at either end) one of three
// sixteen-character pieces from its start, middle and end.
func holds(u *unit, line string) bool {
	rs := []rune(matchForm(trimAttribution(line)))
	const piece = 16
	if len(rs) < 6 {
		return false
	}
	if len(rs) <= piece {
		return strings.Contains(u.match, string(rs))
	}
	mid := (len(rs) - piece) / 2
	for _, at := range []int{0, mid, len(rs) - piece} {
		if strings.Contains(u.match, string(rs[at:at+piece])) {
			return true
		}
	}
	return false
}

// checkFloors counts the briefs of long stories, and those of them with
// enough key facts.
func checkFloors(res *result, bi int, j *judged) {
	n := 0
	seen := map[string]bool{}
	for _, u := range j.sources() {
		if !seen[u.match] {
			seen[u.match] = true
			n += u.count
		}
	}
	if n < minStorySentences {
		return
	}
	res.longStories++
	facts := 0
	for _, l := range j.rd.lines {
		if l.kind == kindFact {
			facts++
		}
	}
	if facts >= minFacts {
		res.withFacts++
		return
	}
	res.belowFloor = append(res.belowFloor, finding{col: -1, brief: bi, text: clip(j.rd.headline, 60),
		why: fmt.Sprintf("%d sentences, %d 🔸", n, facts)})
}

// sources are the units a brief was made from: those its source links
// name when it links any, else those traced by its text. A report that
// only shares a sentence or a name's 16 characters with the brief (every
// report of the call says アメリカのトランプ大統領との電話) was not joined:
// its sentences and its title were never the renderer's.
func (j *judged) sources() []*unit {
	if len(j.linked) == 0 {
		return j.units
	}
	var out []*unit
	for _, u := range j.units {
		if j.linked[u] {
			out = append(out, u)
		}
	}
	return out
}

// checkLabels judges labelled units: an opinion pushed (linked from a
// pushed brief, or giving it a line other than a 🗨️), a news item only in
// held-back briefs, or in none.
func checkLabels(res *result, js []*judged, units []*unit, first int) {
	for _, u := range units {
		if u.label == "" {
			continue
		}
		in, pushed := false, false
		for i, j := range js {
			if !slices.Contains(j.units, u) {
				continue
			}
			in = true
			if !j.pb.Push {
				continue
			}
			pushed = true
			if u.label == "opinion" && (j.linked[u] || j.said[u]) {
				res.add(colOpinionPushed, first+i, u.name, "opinion in a pushed brief")
			}
		}
		switch {
		case u.label != "news":
		case !in:
			// a block with no link of its own may be in a story without a
			// line of it showing: only a linked item is known to be lost
			if u.url != "" {
				res.add(colNewsLost, -1, u.name+": "+clip(firstLine(u.text), 50), "in no brief")
			}
		case !pushed:
			res.add(colNewsHeld, -1, u.name+": "+clip(firstLine(u.text), 50), "only in briefs held back")
		}
	}
}
