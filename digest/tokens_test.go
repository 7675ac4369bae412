package digest

import (
	"reflect"
	"testing"
)

// TestWordToken: every spelling of one word compares as one token, in
// terms, names and actors alike.
func TestWordToken(t *testing.T) {
	tests := map[string]string{
		"Putin":   "putin",
		"Putin's": "putin",
		"Putin’s": "putin",
		"(PUTIN,": "putin",
		"Ｐｕｔｉｎ":   "putin",
		"talks":   "talk",
		"parties": "party",
		"U.S.":    "u.s",
		"The":     "",
		"Путина":  "путина",
		"Путину":  "путину",
		"заявил":  "",
		"—":       "",
	}
	for in, want := range tests {
		if got := wordToken(in, "en"); got != want {
			t.Errorf("wordToken(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := terms("Putin’s call with Trump's team", "en"), terms("putin's CALL with trump team", "en"); !reflect.DeepEqual(a, b) {
		t.Errorf("terms differ: %q vs %q", a, b)
	}
	if got := names("He met Putin’s envoy and Putin's aide.", "", "en"); !got["putin"] || len(got) != 1 {
		t.Errorf("names = %v, want putin alone", got)
	}
	// A word opening a sentence is a name when the text capitalises it
	// elsewhere too.
	lead := "Samsung said profit fell. Analysts expected more."
	if got := names(lead, lead+" Shares of Samsung rose; analysts were split.", "en"); !got["samsung"] || len(got) != 1 {
		t.Errorf("names = %v, want samsung alone", got)
	}
}
