package digest

import (
	"reflect"
	"testing"
)

// TestSentencesDetectsLanguage: the digest's entry point picks the
// language when none is given, or when the declared one is plainly wrong.
func TestSentencesDetectsLanguage(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"auto Japanese", "auto", "ロシア軍は村を解放した。ウクライナ軍は兵士を失った！",
			[]string{"ロシア軍は村を解放した。", "ウクライナ軍は兵士を失った！"}},
		{"none English", "", "Profits rose in the U.S. The company said so.",
			[]string{"Profits rose in the U.S.", "The company said so."}},
		{"declared ja, text Russian", "ja", "В 2024 г. Москва выросла. Т.е. всё хорошо, т.е. отлично. В. В. Путин сказал.",
			[]string{"В 2024 г. Москва выросла.", "Т.е. всё хорошо, т.е. отлично.", "В. В. Путин сказал."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.text, tt.lang); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q, %q)\n got %q\nwant %q", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := map[string]string{
		"ロシア軍はスムイ州の村を解放した。":                            "ja",
		"Putin and Trump spoke by phone on Wednesday.": "en",
		"Путин и Трамп провели телефонный разговор.":   "ru",
		"":               "en",
		"NATO防相会合":       "ja",
		"BREAKING: 速報です": "ja",
	}
	for in, want := range tests {
		if got := DetectLanguage(in); got != want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}
