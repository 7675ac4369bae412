package digest

import (
	"strings"
	"time"

	"briefbot"
	"briefbot/internal/tgtext"
)

// RenderVersion is bumped whenever rendering changes in a way stored
// briefs should follow: on the first start after it changes, the briefs of
// recent stories are rendered again (and re-indexed, sending nothing).
const RenderVersion = 3

// RenderOptions tunes rendering.
type RenderOptions struct {
	Location *time.Location    // for the #tag(yymmdd) date; UTC when nil
	Hashtags map[string]string // topic name → hashtag word; falls back to the topic name
	Corpus   *Corpus           // IDF source; nil means the story's own sentences
	// Language is the language of the brief ("ja", "en", "ru"): it is
	// written from the story's reports in that language, or from all of
	// them when the story has none. "" is the story's own language.
	Language string
}

// style holds the per-language choices of a brief.
type style struct {
	budget      int // visible runes a brief normally stays within
	maxSentence int // longer sentences are never shown
	minSentence int // shorter ones say too little
	attrib      func(outlet string) string
	defaultTag  string
}

var styles = map[string]style{
	"ja": {budget: 600, maxSentence: 220, minSentence: 10, defaultTag: "ニュース",
		attrib: func(o string) string { return "（" + o + "）" }},
	"en": {budget: 900, maxSentence: 400, minSentence: 25, defaultTag: "News",
		attrib: func(o string) string { return " (" + o + ")" }},
	"ru": {budget: 900, maxSentence: 400, minSentence: 25, defaultTag: "Новости",
		attrib: func(o string) string { return " (" + o + ")" }},
}

// Render makes the brief of a story in the house style: 【headline】, flags
// and ❗️ before the lead, 2–4 🔸 key sentences, a 🗨️ quote and an ℹ️
// background sentence when the story has them, 📰 linked sources and the
// #tag(yymmdd) line, blocks separated by blank lines. It is written in
// stages over a draft (headline, lead, facts, quote, background, sources)
// from whole sentences of the story's reports in the brief's language,
// ranked over at most maxRanked of them; a line from another outlet than
// the lead's names it. Opinion gives a report's brief nothing; a story of
// opinion alone gets a brief that says whose view it is. All feed text is
// HTML-escaped; the only tags are <a href>. The result is at most
// tgtext.MaxLen after entity parsing. Sets StoryID, Headline, HTML,
// Sources, Topics, Language and Published.
func Render(s *briefbot.Story, opt RenderOptions) briefbot.Brief {
	d := newDraft(s, opt)
	d.stageHeadline()
	d.stageLead()
	// Two key facts first, then a quote and the background, then up to two
	// more facts while the brief stays a screenful.
	if !d.opinionOnly {
		d.stageFacts(minFacts, true, false)
		d.stageQuote()
		d.stageBackground()
		d.stageFacts(maxFacts, false, true)
		d.keepTwoFacts()
	} else {
		d.stageQuote()
	}
	d.stageSources()
	if d.headline == "" {
		d.headline = "…"
	}
	lang := opt.Language
	if lang == "" {
		lang = d.lang
	}
	return briefbot.Brief{
		StoryID:   s.ID,
		Headline:  d.headline,
		HTML:      d.html(),
		Sources:   d.sources,
		Topics:    append([]string(nil), s.Topics...),
		Language:  lang,
		Published: s.FirstPublished,
	}
}

const (
	// minFacts are taken before the quote and background: the channel's
	// posts carry two to four 🔸, the first two before anything else.
	minFacts = 2
	// maxFacts: more than four 🔸 is the article again, not a brief.
	maxFacts = 4
)

// show is line i as the brief shows it, escaped: a quotation with its
// speaker, and the outlet when it is not the lead's.
func (d *draft) show(i int) string {
	t := d.lines[i].text
	if i == d.quote {
		t = d.quoteText(i)
	}
	leadOutlet := ""
	if d.lead >= 0 {
		leadOutlet = d.lines[d.lead].outlet
	}
	if o := d.lines[i].outlet; o != "" && sameOutlet(o) != sameOutlet(leadOutlet) && d.outlets() > 1 {
		t += d.st.attrib(outletIn(o, d.lang))
	}
	return escapeText(t)
}

// outlets counts the outlets of the brief's reports.
func (d *draft) outlets() int {
	seen := map[string]bool{}
	for _, ii := range d.items {
		seen[sameOutlet(d.s.Items[ii].Outlet)] = true
	}
	return len(seen)
}

// html assembles the brief and keeps it within Telegram's limit: 🔸 lines
// go first, then the quote and the background, then sources from the end.
func (d *draft) html() string {
	links := strings.Split(d.sourceLine, " · ")
	if d.sourceLine == "" {
		links = nil
	}
	out := d.build(links)
	for tgtext.VisibleLen(out) > tgtext.MaxLen {
		switch {
		case len(d.facts) > 0:
			d.facts = d.facts[:len(d.facts)-1]
		case d.quote >= 0:
			d.quote = -1
		case d.bg >= 0:
			d.bg = -1
		case len(links) > 1:
			links = links[:len(links)-1]
		case d.lead >= 0:
			d.lead = -1
		default:
			return out // a headline and a tag alone cannot be longer
		}
		out = d.build(links)
	}
	return out
}

// build writes the brief's blocks.
func (d *draft) build(links []string) string {
	blocks := []string{"【" + escapeText(d.headline) + "】"}
	if d.lead >= 0 {
		head := d.flags
		if d.breaking {
			head += "❗️"
		}
		if d.lines[d.lead].quote {
			head += "🗨️" // a lead that is someone's words, as the channel marks it (❗️🗨️「…」)
		}
		if head != "" {
			head += " "
		}
		blocks = append(blocks, head+escapeText(d.lines[d.lead].text))
	}
	if len(d.facts) > 0 {
		var ks []string
		for _, i := range d.facts {
			ks = append(ks, withMark("🔸", d.show(i)))
		}
		blocks = append(blocks, strings.Join(ks, "\n"))
	}
	if d.quote >= 0 {
		blocks = append(blocks, withMark("🗨️", d.show(d.quote)))
	}
	if d.bg >= 0 {
		blocks = append(blocks, withMark("ℹ️", d.show(d.bg)))
	}
	tag := d.tagLine()
	if len(links) > 0 {
		blocks = append(blocks, "📰 "+strings.Join(links, " · ")+"\n"+tag)
	} else {
		blocks = append(blocks, tag)
	}
	return strings.Join(blocks, "\n\n")
}

// tagLine is the #topic(yymmdd) line: the story's first topic (its
// hashtag when configured) and the day of its first report (tagDate).
func (d *draft) tagLine() string {
	loc := d.opt.Location
	if loc == nil {
		loc = time.UTC
	}
	tag := d.st.defaultTag
	if len(d.s.Topics) > 0 {
		tag = d.s.Topics[0]
		if h := d.opt.Hashtags[tag]; h != "" {
			tag = h
		}
	}
	tag = strings.Join(strings.Fields(tag), "_")
	return "#" + escapeText(tag) + "(" + d.tagDate().In(loc).Format("060102") + ")"
}

// tagDate is the day the tag carries: the earliest report's, leaving out
// a report whose title only expected the event (…オマーンで協議へ 再開か):
// it was filed the day before what the brief tells happened.
func (d *draft) tagDate() time.Time {
	var at time.Time
	for _, ii := range d.read {
		it := d.s.Items[ii]
		if d.op[ii] != d.opinionOnly || it.Published.IsZero() || isSpeculative(cleanTitle(it.Title)) {
			continue
		}
		if at.IsZero() || it.Published.Before(at) {
			at = it.Published
		}
	}
	if at.IsZero() {
		return d.s.FirstPublished
	}
	return at
}

// withMark puts a mark before a line, with a space unless the line opens
// with a Japanese quote bracket (🔸「…」, as the channel writes it).
func withMark(mark, text string) string {
	if strings.HasPrefix(text, "「") || strings.HasPrefix(text, "『") {
		return mark + text
	}
	return mark + " " + text
}
