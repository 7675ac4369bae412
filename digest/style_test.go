package digest

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/tgtext"
)

var (
	allowedTagRe = regexp.MustCompile(`^</?(?:a|b)(?:\s+href="[^"<>]*")?>$`)
	anyTagRe     = regexp.MustCompile(`<[^>]*>`)
	tagLineRe    = regexp.MustCompile(`^#\S+\(\d{6}\)$`)
)

// checkStyle asserts the invariants every brief keeps:
// 【headline】 first, only <a href>/<b> tags and no raw < > & from feeds,
// at most 4096 characters after parsing, #tag(yymmdd) last, 2–4 🔸 lines
// when the story had enough sentences, and every shown sentence whole.
func checkStyle(t *testing.T, b briefbot.Brief, minKeys int) {
	t.Helper()
	lines := strings.Split(b.HTML, "\n")
	first := lines[0]
	if !strings.HasPrefix(first, "【") || !strings.HasSuffix(first, "】") {
		t.Errorf("first line %q is not a 【headline】", first)
	}
	if !tagLineRe.MatchString(lines[len(lines)-1]) {
		t.Errorf("last line %q is not #tag(yymmdd)", lines[len(lines)-1])
	}
	for _, tag := range anyTagRe.FindAllString(b.HTML, -1) {
		if !allowedTagRe.MatchString(tag) {
			t.Errorf("tag %q is not allowed", tag)
		}
	}
	text := anyTagRe.ReplaceAllString(b.HTML, "")
	if strings.ContainsAny(text, "<>") {
		t.Errorf("unescaped < or > in %q", text)
	}
	for i := 0; i < len(text); i++ {
		if text[i] == '&' && !regexp.MustCompile(`^&(?:lt|gt|amp|quot|#\d+);`).MatchString(text[i:]) {
			t.Errorf("unescaped & at %q", text[i:min(len(text), i+12)])
			break
		}
	}
	if n := tgtext.VisibleLen(b.HTML); n > tgtext.MaxLen {
		t.Errorf("brief is %d characters after parsing, over %d", n, tgtext.MaxLen)
	}
	keys := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "🔸") {
			keys++
		}
		if strings.Contains(l, "…") && !strings.HasPrefix(l, "【") {
			// Sources never end in an ellipsis; a cut sentence would.
			if strings.HasSuffix(strings.TrimSpace(l), "…") {
				t.Errorf("line %q looks cut", l)
			}
		}
	}
	if keys > 4 || keys < minKeys {
		t.Errorf("%d 🔸 lines, want %d–4", keys, minKeys)
	}
	if b.Headline == "" || strings.ContainsAny(b.Headline, "【】") {
		t.Errorf("headline %q", b.Headline)
	}
	if utf8.RuneCountInString(b.Headline) > 200 {
		t.Errorf("headline of %d characters", utf8.RuneCountInString(b.Headline))
	}
}
