package main

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"briefbot/internal/tgtext"
)

// kind is what a line of a brief is to its reader, told by its mark.
type kind int

const (
	kindLead       kind = iota // the first line after the headline (flags, ❗️ before it)
	kindFact                   // 🔸
	kindQuote                  // 🗨️
	kindBackground             // ℹ️
	kindPlain                  // a line without a mark after the lead (it reads as part of it)
	kindOther                  // 🎥, 🎤: optional marks the checker does not judge
)

func (k kind) String() string {
	return [...]string{"lead", "🔸", "🗨️", "ℹ️", "line", "other"}[k]
}

// line is one body line as a reader sees it: marks and flags removed.
type line struct {
	kind kind
	// lead is set on the first body line, whatever its mark (a lead may be
	// a 🗨️ quote, as in the channel posts).
	lead bool
	text string
}

// entry is one name of the 📰 line with the links under it: the name's
// own link and the [2], [3] that follow it.
type entry struct {
	name string
	urls []string
}

// reading is a brief as its reader takes it in, parsed from its Telegram
// HTML alone.
type reading struct {
	headline string // between 【 and 】; "" when the brief has none
	flags    []string
	lines    []line
	sources  []entry
	tag      string
}

// lead returns the lead line, or nil.
func (r *reading) lead() *line {
	for i := range r.lines {
		if r.lines[i].lead {
			return &r.lines[i]
		}
	}
	return nil
}

// read parses a brief's HTML. Blank lines separate blocks; every line
// holds one mark.
func read(html string) reading {
	var r reading
	first := true
	for raw := range strings.SplitSeq(html, "\n") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(raw, "📰"); ok {
			r.sources = readSources(rest)
			continue
		}
		text := strings.TrimSpace(tgtext.PlainText(raw))
		if first {
			first = false
			if h, ok := strings.CutPrefix(text, "【"); ok {
				if i := strings.LastIndex(h, "】"); i >= 0 {
					h = h[:i]
				}
				r.headline = strings.TrimSpace(h)
				continue
			}
		}
		if strings.HasPrefix(text, "#") {
			r.tag = text
			continue
		}
		flags, body := leadingFlags(text)
		l := line{kind: kindPlain, text: body, lead: len(r.lines) == 0}
		for _, m := range []struct {
			mark string
			k    kind
		}{{"🔸", kindFact}, {"🗨️", kindQuote}, {"🗨", kindQuote}, {"ℹ️", kindBackground}, {"ℹ", kindBackground},
			{"🎥", kindOther}, {"🎤", kindOther}} {
			if rest, ok := strings.CutPrefix(body, m.mark); ok {
				l.kind, l.text = m.k, strings.TrimSpace(strings.TrimPrefix(rest, "\uFE0F"))
				break
			}
		}
		if l.lead {
			r.flags = flags
			if l.kind == kindPlain {
				l.kind = kindLead
			}
		}
		r.lines = append(r.lines, l)
	}
	return r
}

// leadingFlags strips the flags and urgency marks that open a line and
// returns the flags in order.
func leadingFlags(s string) (flags []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \u3000")
		switch {
		case strings.HasPrefix(s, "❗️"), strings.HasPrefix(s, "‼️"):
			s = s[len("❗️"):]
		case strings.HasPrefix(s, "❗"), strings.HasPrefix(s, "‼"):
			s = s[len("❗"):]
		default:
			r1, n1 := utf8.DecodeRuneInString(s)
			r2, n2 := utf8.DecodeRuneInString(s[n1:])
			if !isRegional(r1) || !isRegional(r2) {
				return flags, s
			}
			flags = append(flags, s[:n1+n2])
			s = s[n1+n2:]
		}
	}
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

var (
	anchorRe  = regexp.MustCompile(`<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>`)
	numLinkRe = regexp.MustCompile(`^\[\d+\]$`)
)

// readSources parses the 📰 line: names (linked or not) and the [n]
// links after each. Separators (·, |, commas) between names are dropped.
func readSources(raw string) []entry {
	var out []entry
	plain := func(s string) {
		for _, part := range strings.FieldsFunc(tgtext.PlainText(s), func(r rune) bool {
			return r == '·' || r == '|' || r == ',' || r == '、'
		}) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, entry{name: part})
			}
		}
	}
	at := 0
	for _, m := range anchorRe.FindAllStringSubmatchIndex(raw, -1) {
		plain(raw[at:m[0]])
		at = m[1]
		href := tgtext.Unescape(raw[m[2]:m[3]])
		text := strings.TrimSpace(tgtext.PlainText(raw[m[4]:m[5]]))
		if numLinkRe.MatchString(text) && len(out) > 0 {
			out[len(out)-1].urls = append(out[len(out)-1].urls, href)
			continue
		}
		out = append(out, entry{name: text, urls: []string{href}})
	}
	plain(raw[at:])
	return out
}
