package main

import (
	"regexp"
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
	colSrcHost:       "📰 bare host / 'source'",
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
}

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
	if !labelled(in) {
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
			checkFloors(res, j)
		}
		checkLabels(res, js, r.units, len(res.briefs)-len(js))
	}
	for c := range numColumns {
		if res.off[c] {
			res.count[c] = 0
		}
	}
	return res
}

// labelled reports whether the input carries expect.json's labels.
func labelled(in *input) bool {
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
	for i, t := range texts {
		for _, u := range units {
			if holds(u, t) && !quote[i] {
				j.said[u] = true
			}
			if holds(u, t) && !slices.Contains(j.units, u) {
				j.units = append(j.units, u)
			}
		}
	}
	for u := range j.linked {
		if !slices.Contains(j.units, u) {
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

func checkHeadline(res *result, bi int, j *judged, in *input) {
	h := j.rd.headline
	if h == "" {
		res.add(colHLength, bi, "", "no 【headline】")
		return
	}
	if n := headlineName(h); n != "" {
		res.add(colHName, bi, h, "names "+n)
	}
	if f := forbiddenIn(h, in, j); f != "" {
		res.add(colHForbidden, bi, h, "holds "+f)
	}
	if c := headlineCaption(h); c != "" {
		res.add(colHCaption, bi, h, "caption: "+c)
	}
	var texts []string
	for _, u := range j.units {
		texts = append(texts, u.text)
	}
	if c := headlineCut(h, texts); c != "" {
		res.add(colHCut, bi, h, c)
	}
	if e := headlineEmoji(h); e != "" {
		res.add(colHEmoji, bi, h, "holds "+e)
	}
	if l := headlineLength(h, j.pb.Language); l != "" {
		res.add(colHLength, bi, h, l)
	}
	if ld := j.rd.lead(); ld != nil && sameAsLead(h, ld.text) {
		res.add(colHLead, bi, h, "is the lead: "+clip(ld.text, 40))
	}
	if why := speculativeChosen(h, j); why != "" {
		res.add(colHSpeculative, bi, h, why)
	}
}

// forbiddenIn returns a string the fixture forbids in this headline.
func forbiddenIn(h string, in *input, j *judged) string {
	all := slices.Clone(in.forbidden)
	for _, u := range j.units {
		if u.exp != nil {
			all = append(all, u.exp.HeadlineForbidden...)
		}
	}
	fh := folded(h)
	for _, f := range all {
		if f != "" && strings.Contains(fh, folded(f)) {
			return f
		}
	}
	return ""
}

// speculativeChosen: the headline is speculative (by the words, or it is
// a title labelled speculative) while a report of the story in the
// brief's language has a settled title.
func speculativeChosen(h string, j *judged) string {
	why := speculative(h)
	for _, u := range j.units {
		if u.status == "speculative" && u.title != "" && bare(u.title) == bare(h) {
			why = "labelled speculative"
		}
	}
	if why == "" || len(j.units) < 2 {
		return ""
	}
	for _, u := range j.units {
		if u.title == "" || u.lang != j.pb.Language || isHost(u.title) {
			continue
		}
		settled := u.status == "settled" || u.status == "" && speculative(u.title) == ""
		if settled {
			return "speculative (" + why + ") over settled " + clip(u.title, 40)
		}
	}
	return ""
}

var sourceWords = map[string]bool{"source": true, "sources": true, "ソース": true, "出典": true, "источник": true, "link": true}

func checkSources(res *result, bi int, j *judged, in *input) {
	lang := j.pb.Language
	seen := map[string]bool{}
	for _, e := range j.rd.sources {
		n := strings.TrimSpace(e.name)
		switch {
		case n == "" || isHost(n) || sourceWords[folded(n)]:
			res.add(colSrcHost, bi, "📰 "+n, "not a name")
		case isOwnName(n, in):
			res.add(colSrcFeed, bi, "📰 "+n, "the feed's own name")
		}
		if seen[matchForm(n)] {
			res.add(colSrcWrong, bi, "📰 "+n, "named twice")
		}
		seen[matchForm(n)] = true
		for _, link := range e.urls {
			if it := expectedAt(j, link); it != nil && !it.acceptsOutlet(n, lang) {
				res.add(colSrcWrong, bi, "📰 "+n, "the editor writes "+it.Outlet[lang])
				break
			}
		}
	}
	if len(j.rd.sources) == 0 {
		res.add(colSrcHost, bi, "", "no 📰 line")
	}
}

func isOwnName(n string, in *input) bool {
	f := matchForm(n)
	for _, o := range in.ownNames {
		if o != "" && matchForm(o) == f {
			return true
		}
	}
	return false
}

// expectedAt is the labelled item a source link points to.
func expectedAt(j *judged, link string) *expectItem {
	k := urlid.Key(link)
	for u := range j.linked {
		if u.url == k && u.exp != nil {
			return u.exp
		}
	}
	return nil
}

func checkLines(res *result, bi int, j *judged, in *input) {
	lang := j.pb.Language
	lines := j.rd.lines
	for i, l := range lines {
		switch l.kind {
		case kindQuote:
			res.quotes++
			if why := quoteWithoutSpeaker(lines, i, j, lang); why != "" {
				res.add(colQuoteSpeaker, bi, "🗨️ "+l.text, why)
			}
		case kindLead, kindFact, kindBackground, kindPlain:
			if why := missingSubject(l.text); why != "" {
				res.add(colSubject, bi, l.kind.String()+" "+l.text, why)
			}
			if why := claimWithoutSpeaker(l.text, j, lang); why != "" {
				res.add(colClaim, bi, l.kind.String()+" "+l.text, why)
			}
			if why := filler(l.text, j); why != "" {
				res.add(colFiller, bi, l.kind.String()+" "+l.text, why)
			}
		}
	}
	if why := filler(j.rd.headline, j); why != "" && !strings.HasPrefix(why, "a question") {
		res.add(colFiller, bi, "【"+j.rd.headline+"】", why)
	}
	for a := range lines {
		for b := a + 1; b < len(lines); b++ {
			if lines[a].kind == kindOther || lines[b].kind == kindOther {
				continue
			}
			if sameFact(lines[a].text, lines[b].text) {
				res.add(colRepeat, bi, lines[a].text+" ⇔ "+lines[b].text, "same content")
			}
		}
	}
	whole := matchForm(j.pb.HTML)
	for _, rp := range in.repeats {
		if strings.Contains(whole, matchForm(rp.A)) && strings.Contains(whole, matchForm(rp.B)) {
			res.add(colRepeat, bi, rp.A+" ⇔ "+rp.B, "both fragments (fixture)")
		}
	}
	if in.events != nil {
		checkEventFlags(res, bi, j, in)
	}
}

// quoteWithoutSpeaker returns why the 🗨️ line at i leaves its speaker
// unknown, or "". A line naming a speaker outside its quotation passes; a
// bare quote passes directly after the lead (or its unmarked lines) when
// that names a speaker, and as the lead when the unmarked line after it
// does ("…はこう述べた"). For labelled quotes, the speaker's own name must
// be on the line or the line before.
func quoteWithoutSpeaker(lines []line, i int, j *judged, lang string) string {
	l := lines[i]
	var near []string
	if i > 0 && (lines[i-1].kind == kindLead || lines[i-1].kind == kindPlain) {
		near = append(near, lines[i-1].text)
	}
	if l.lead && i+1 < len(lines) && lines[i+1].kind == kindPlain {
		near = append(near, lines[i+1].text)
	}
	if q := labelledQuote(l.text, j); q != nil {
		key := q.SpeakerKeys[lang]
		if key == "" {
			return ""
		}
		if strings.Contains(folded(l.text), folded(key)) {
			return ""
		}
		for _, n := range near {
			if strings.Contains(folded(n), folded(key)) {
				return ""
			}
		}
		return "the speaker is " + q.Speaker
	}
	if speakerIn(l.text) != "" {
		return ""
	}
	for _, n := range near {
		if speakerIn(n) != "" {
			return ""
		}
	}
	return "names no speaker"
}

// labelledQuote is the fixture quote a line holds, or nil.
func labelledQuote(text string, j *judged) *expectSpeech {
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for i := range u.exp.Quotes {
			q := &u.exp.Quotes[i]
			if k := matchForm(q.Quote); len([]rune(k)) >= 4 && strings.Contains(f, k) {
				return q
			}
		}
	}
	return nil
}

// sayingRe are verbs of saying and attributions that keep a claim a claim.
var sayingRe = regexp.MustCompile(`(?i)(と主張|と述べ|と語|と発表|と明らか|と指摘|と非難|と説明|と強調|と表明|としている|とした|という|によると|によれば|によりますと|\bsaid\b|\bsays\b|\bclaim|according to|\btold\b|\bstated\b|\balleg|заявил|сообщил|по словам|по данным|утвержда|считает|сказал|отметил|назвал)`)

// claimWithoutSpeaker: a line holding a labelled claim must keep its
// speaker or a verb of saying.
func claimWithoutSpeaker(text string, j *judged, lang string) string {
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for _, c := range u.exp.Claims {
			if !strings.Contains(f, matchForm(c.Text)) {
				continue
			}
			if k := c.SpeakerKeys[lang]; k != "" && strings.Contains(folded(text), folded(k)) || sayingRe.MatchString(text) {
				return ""
			}
			return c.Speaker + "'s claim as a fact"
		}
	}
	return ""
}

// fillerRe are credits, adverts and notes to the reader: never a fact.
var fillerRe = regexp.MustCompile(`(?i)(reporting by|additional reporting|editing by|writing by|contributed to this report|` +
	`provided by (afp|ap|reuters)|could not (be )?independently verif|material from \w+ was used|` +
	`(^|[\s(（])\(?c\)|（c）|©|^原題|（抜粋）|\(抜粋\)|確認を得られていない|独自に確認できていない|` +
	`подписывайтесь|материал дополняется|читайте также|read more|subscribe)`)

// filler returns why a line is not a fact, or "": a labelled not-fact, a
// credit or note, or a question (outside quotations) put as a fact.
func filler(text string, j *judged) string {
	if text == "" {
		return ""
	}
	f := matchForm(text)
	for _, u := range j.units {
		if u.exp == nil {
			continue
		}
		for _, nf := range u.exp.NotFacts {
			if k := matchForm(nf); k != "" && strings.Contains(f, k) {
				return "not a fact (fixture): " + nf
			}
		}
	}
	if m := fillerRe.FindString(text); m != "" {
		return "credit or note: " + strings.TrimSpace(m)
	}
	own := strings.TrimSpace(unquote(trimAttribution(text), "Q"))
	if strings.HasSuffix(own, "?") || strings.HasSuffix(own, "？") || strings.HasSuffix(own, "か。") {
		return "a question as a fact"
	}
	return ""
}

// checkEventFlags: a fixture brief of one event gets that event's flags:
// the required ones, and no flag outside required ∪ optional.
func checkEventFlags(res *result, bi int, j *judged, in *input) {
	events := map[string]bool{}
	for _, u := range j.units {
		if u.exp != nil && u.exp.Event != "" {
			events[u.exp.Event] = true
		}
	}
	if len(events) != 1 {
		return
	}
	for e := range events {
		ev := in.events[e]
		if why := wrongFlags(j.rd.flags, ev.Flags, ev.FlagsOptional); why != "" {
			res.add(colFlags, bi, strings.Join(j.rd.flags, "")+" "+clip(j.rd.headline, 30), why+" ("+e+")")
		}
	}
}

// wrongFlags checks want ⊆ got ⊆ want ∪ optional.
func wrongFlags(got, want, optional []string) string {
	var missing, extra []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) && !slices.Contains(optional, g) {
			extra = append(extra, g)
		}
	}
	var why []string
	if len(missing) > 0 {
		why = append(why, "missing "+strings.Join(missing, ""))
	}
	if len(extra) > 0 {
		why = append(why, "extra "+strings.Join(extra, ""))
	}
	return strings.Join(why, ", ")
}

func checkFlagRow(res *result, bi int, j *judged, row flagRow) {
	if why := wrongFlags(j.rd.flags, row.want, row.optional); why != "" {
		res.add(colFlags, bi, strings.Join(j.rd.flags, "")+" "+row.headline, why)
	}
}

// checkFloors counts the briefs of long stories with enough key facts, and
// the quotes.
func checkFloors(res *result, j *judged) {
	n := 0
	seen := map[string]bool{}
	for _, u := range j.units {
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
	}
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
			if !j.linked[u] && !slices.Contains(j.units, u) {
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

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
