package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// sameAsEnglish are the messages a language may write as English does:
// numbers, commands and markup with no word to translate.
var sameAsEnglish = map[string]bool{
	"topics.item":  true, // • <b>Title</b> — <code>/subscribe name</code>
	"label.page":   true, // 2/5
	"admin.failed": true, // ❌ error
	"today.header": true, // 📰 date · topic
}

// pluralForms is what a message chosen by {{.Count}} must give per
// language (CLDR cardinal rules for integers).
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"ru": {"one", "few", "many", "other"},
	"ja": {"other"},
}

// message is one message of one language: its text per plural form
// ("other" alone for a message without forms).
type message map[string]string

// load reads a language's file as the flat ids go-i18n makes of it.
func load(t *testing.T, lang string) map[string]message {
	t.Helper()
	b, err := files.ReadFile("messages/active." + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]message{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case string:
			out[prefix] = message{"other": x}
		case map[string]any:
			if isForms(x) {
				m := message{}
				for k, f := range x {
					m[k], _ = f.(string)
				}
				out[prefix] = m
				return
			}
			for k, c := range x {
				id := k
				if prefix != "" {
					id = prefix + "." + k
				}
				walk(id, c)
			}
		default:
			t.Errorf("%s: %s: unexpected %T", lang, prefix, v)
		}
	}
	walk("", raw)
	return out
}

func isForms(m map[string]any) bool {
	for k := range m {
		if !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, k) {
			return false
		}
	}
	return true
}

var placeholderRE = regexp.MustCompile(`\{\{[^}]*?\.([A-Za-z]+)`)

// placeholders are the names a message's forms use, sorted.
func placeholders(m message) []string {
	set := map[string]bool{}
	for _, text := range m {
		for _, p := range placeholderRE.FindAllStringSubmatch(text, -1) {
			set[p[1]] = true
		}
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func isPlain(id string) bool {
	return slices.ContainsFunc(PlainGroups, func(g string) bool { return strings.HasPrefix(id, g) })
}

// TestCatalogueComplete: every message exists in the three languages with
// the same placeholders, each plural message gives every form its language
// needs, nothing is left in English, plain messages carry no markup and
// HTML ones only tags Telegram knows, properly nested.
func TestCatalogueComplete(t *testing.T) {
	langs := map[string]map[string]message{}
	for _, l := range Languages {
		langs[l] = load(t, l)
	}
	en := langs["en"]
	if len(en) < 100 {
		t.Fatalf("only %d English messages", len(en))
	}
	for _, l := range Languages {
		for id := range langs[l] {
			if _, ok := en[id]; !ok {
				t.Errorf("%s has %s, English does not", l, id)
			}
		}
	}
	for id, em := range en {
		for _, l := range Languages {
			m, ok := langs[l][id]
			if !ok {
				t.Errorf("%s lacks %s", l, id)
				continue
			}
			if got, want := placeholders(m), placeholders(em); !slices.Equal(got, want) {
				t.Errorf("%s %s: placeholders %v, English has %v", l, id, got, want)
			}
			if len(m) > 1 || m["other"] == "" {
				for _, f := range pluralForms[l] {
					if m[f] == "" {
						t.Errorf("%s %s: plural form %q missing", l, id, f)
					}
				}
			}
			for form, text := range m {
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s %s[%s]: empty", l, id, form)
				}
				if isPlain(id) && strings.ContainsAny(text, "<&") {
					t.Errorf("%s %s: plain text with markup: %q", l, id, text)
				}
				if !isPlain(id) {
					if err := checkHTML(text); err != nil {
						t.Errorf("%s %s: %v in %q", l, id, err, text)
					}
				}
			}
			if l != "en" && m["other"] == em["other"] && !sameAsEnglish[id] {
				t.Errorf("%s %s is the English text %q", l, id, m["other"])
			}
		}
	}
}

// TestRenderEveryMessage fills every message of every language with
// sample values: no template fails, and a placeholder's value shows up.
func TestRenderEveryMessage(t *testing.T) {
	for id, em := range load(t, "en") {
		var kv []any
		for _, p := range placeholders(em) {
			v := any("⟨" + p + "⟩")
			if p == "Count" {
				v = 3
			}
			kv = append(kv, p, v)
		}
		for _, l := range Languages {
			got := T(l, id, kv...)
			if got == id {
				t.Errorf("%s %s: did not render", l, id)
				continue
			}
			for i := 0; i < len(kv); i += 2 {
				if s, ok := kv[i+1].(string); ok && !strings.Contains(got, s) {
					t.Errorf("%s %s: %s missing from %q", l, id, kv[i], got)
				}
			}
		}
	}
}

func TestPluralsAndEscaping(t *testing.T) {
	for _, tt := range []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 1, "Its 1 topic will"},
		{"en", 2, "Its 2 topics will"},
		{"ru", 1, "на 1 тему."},
		{"ru", 3, "на 3 темы."},
		{"ru", 5, "на 5 тем."},
		{"ru", 21, "на 21 тему."},
		{"ja", 1, "1件のトピック"},
	} {
		if got := T(tt.lang, "stop.confirm", "Count", tt.count); !strings.Contains(got, tt.want) {
			t.Errorf("%s %d: %q, want %q in it", tt.lang, tt.count, got, tt.want)
		}
	}
	if got := T("en", "sub.done", "Topic", "<script>&"); got != "✅ Subscribed to <b>&lt;script&gt;&amp;</b>." {
		t.Errorf("escaped: %q", got)
	}
	if got := T("en", "sub.yours", "Topics", HTML("<b>World</b>")); got != "Your topics: <b>World</b>." {
		t.Errorf("HTML argument: %q", got)
	}
	if got := Plain("en", "answer.subscribed", "Topic", "A & B"); got != "Subscribed to A & B" {
		t.Errorf("plain: %q", got)
	}
	if got := T("de", "sub.none"); got != T("en", "sub.none") {
		t.Errorf("an unknown language: %q", got)
	}
	if got := T("en", "no.such.message"); got != "no.such.message" {
		t.Errorf("a missing message: %q", got)
	}
	if got := T("en", "sub.done"); got != "sub.done" {
		t.Errorf("a missing value renders %q, want the id", got)
	}
}

func TestLang(t *testing.T) {
	for code, want := range map[string]string{
		"ja": "ja", "ja-JP": "ja", "RU": "ru", "ru-UA": "ru", "en": "en", "en-GB": "en",
		"de": "en", "uk": "en", "zh-hans": "en", "pt_BR": "en", "": "", " ": "",
	} {
		if got := Lang(code); got != want {
			t.Errorf("Lang(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestEveryKeyUsedAndKnown: each message id the code names exists, and
// each message is named somewhere (a literal id, or a prefix the code
// completes: command.NAME, label.language_LANG, and the reasons and
// channel confirmations it picks by variable).
func TestEveryKeyUsedAndKnown(t *testing.T) {
	en := load(t, "en")
	var src strings.Builder
	for _, dir := range []string{"../..", "../../bot", "../../db", "../../cmd/briefbot", "../../scheduler"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			src.Write(b)
		}
	}
	code := src.String()
	if len(code) < 10000 {
		t.Skip("sources not found")
	}
	used := regexp.MustCompile(`"((?:[a-z_]+\.)+[a-z_]+)"`)
	named := map[string]bool{}
	for _, m := range used.FindAllStringSubmatch(code, -1) {
		named[m[1]] = true
	}
	for id := range named {
		if looksLikeKey(id) {
			if _, ok := en[id]; !ok {
				t.Errorf("the code names %s, the catalogue has no such message", id)
			}
		}
	}
	dynamic := []string{"command.", "label.language_"}
	for id := range en {
		if named[id] || slices.ContainsFunc(dynamic, func(p string) bool { return strings.HasPrefix(id, p) }) {
			continue
		}
		t.Errorf("message %s is never used", id)
	}
}

// looksLikeKey tells a catalogue id from the other dotted strings of the
// code (digest.settle, fetch.allow_private_addresses in texts, file names).
func looksLikeKey(s string) bool {
	if strings.HasSuffix(s, "_") {
		return false // a prefix the code completes
	}
	first, _, _ := strings.Cut(s, ".")
	for _, g := range []string{"start", "help", "hint", "topics", "topic", "sub", "unsub", "today", "search",
		"settings", "pause", "resume", "stop", "channel", "error", "admin", "notify", "feeds", "stats",
		"command", "button", "answer", "label"} {
		if first == g {
			return true
		}
	}
	return false
}

var tagRE = regexp.MustCompile(`<(/?)([a-z]+)[^>]*>`)

// checkHTML checks the tags a message uses: those Telegram's HTML allows,
// closed in order.
func checkHTML(s string) error {
	var open []string
	for _, m := range tagRE.FindAllStringSubmatch(s, -1) {
		name := m[2]
		if !slices.Contains([]string{"b", "i", "u", "s", "code", "pre", "a", "blockquote"}, name) {
			return fmt.Errorf("tag <%s>", name)
		}
		if m[1] == "" {
			open = append(open, name)
			continue
		}
		if len(open) == 0 || open[len(open)-1] != name {
			return fmt.Errorf("</%s> closes nothing", name)
		}
		open = open[:len(open)-1]
	}
	if len(open) > 0 {
		return fmt.Errorf("<%s> left open", open[len(open)-1])
	}
	return nil
}
