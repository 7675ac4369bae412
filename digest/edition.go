package digest

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"briefbot/internal/tgtext"
)

// Edition limits: a story's line stays one line on a phone, and a long
// outlet name (a feed's configured one) cannot crowd out the others.
const (
	editionHeadlineRunes = 200
	editionOutletRunes   = 40
	editionOutlets       = 3
)

// Edition is what RenderEdition renders. Its times are already in the
// chat's zone, and every word a reader sees comes from Labels, in the
// chat's language.
type Edition struct {
	Due     time.Time      // when the edition is due
	Stories []EditionStory // in the order shown
	Labels  EditionLabels
}

// EditionStory is one story of an edition.
type EditionStory struct {
	Published time.Time // shown as 15:04
	Headline  string    // plain text
	URL       string    // the headline's link: the story's first source
	Outlets   []string  // the outlets that reported it, first source first
}

// EditionLabels are an edition's words, in the chat's language.
type EditionLabels struct {
	// Header is the first line of every page, given the due time as
	// "07:00" and the number of stories: e.g. "🗞 07:00 edition · 12
	// stories". Pages after the first add " · 2", " · 3"…
	Header func(due string, stories int) string
}

// RenderEdition renders an edition as Telegram HTML messages: the header in
// bold, then one line per story, "15:04 【headline】 NHK · ロイター", the
// headline linked to its first source. Messages are cut between lines so
// that each stays within Telegram's limit (tgtext.MaxLen after entity
// parsing); an edition without stories is its header alone.
func RenderEdition(e Edition) []string {
	header := e.Labels.Header(e.Due.Format("15:04"), len(e.Stories))
	var pages []string
	var sb strings.Builder
	visible := 0
	start := func() {
		sb.Reset()
		h := header
		if len(pages) > 0 {
			h += " · " + strconv.Itoa(len(pages)+1)
		}
		sb.WriteString("<b>" + escapeText(h) + "</b>")
		visible = utf8.RuneCountInString(h)
	}
	start()
	lines := 0
	for _, s := range e.Stories {
		line, n := editionLine(s)
		if lines > 0 && visible+1+n > tgtext.MaxLen {
			pages = append(pages, sb.String())
			start()
			lines = 0
		}
		sb.WriteString("\n" + line)
		visible += 1 + n
		lines++
	}
	return append(pages, sb.String())
}

// editionLine is one story's line and its visible length.
func editionLine(s EditionStory) (string, int) {
	headline := clipRunes(strings.Join(strings.Fields(s.Headline), " "), editionHeadlineRunes)
	var outlets []string
	seen := map[string]bool{}
	for _, o := range s.Outlets {
		o = clipRunes(strings.Join(strings.Fields(o), " "), editionOutletRunes)
		if o == "" || seen[o] || len(outlets) == editionOutlets {
			continue
		}
		seen[o] = true
		outlets = append(outlets, o)
	}
	if headline == "" && len(outlets) > 0 {
		// Nothing else to name the link by.
		headline, outlets = outlets[0], outlets[1:]
	}
	title := "【" + headline + "】"
	var sb strings.Builder
	when := s.Published.Format("15:04")
	sb.WriteString(when + " " + linkText(s.URL, escapeText(title)))
	n := utf8.RuneCountInString(when) + 1 + utf8.RuneCountInString(title)
	if len(outlets) > 0 {
		names := strings.Join(outlets, " · ")
		sb.WriteString(" " + escapeText(names))
		n += 1 + utf8.RuneCountInString(names)
	}
	return sb.String(), n
}

// clipRunes cuts s to n runes, the last one an ellipsis when cut.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
