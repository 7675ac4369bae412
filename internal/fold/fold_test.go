package fold

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := map[string]string{
		"ＮＨＫ４":            "nhk4",
		"ｶﾀｶﾅ":            "カタカナ",
		"ﾌﾟｰﾁﾝ":           "プーチン",
		"㈱ﬁ":              "(株)fi",
		"Путин ПУТИН":     "путин путин",
		"Trump's U.S.":    "trump's u.s.",
		"停戦":              "停戦",
		"":                "",
		"Ｂ\u3000Ｃ":        "b c",
		"e\u0301 É":       "é é",
		"\u212b ångström": "å ångström",
	}
	for in, want := range tests {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRuneAgreesWithString: wherever Rune answers, it answers what String
// gives for that rune alone, over the whole of Unicode.
func TestRuneAgreesWithString(t *testing.T) {
	answered := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		got, ok := Rune(r)
		if !ok {
			continue
		}
		answered++
		if want := String(string(r)); string(got) != want {
			t.Fatalf("Rune(%U) = %q, String gives %q", r, got, want)
		}
	}
	if answered < 100000 {
		t.Errorf("Rune answered for only %d runes: the fast path is not taken", answered)
	}
}
