package digest

import (
	"slices"
	"testing"
)

// A storm's name or number tells its news from another storm's (the pairs
// of reports are in TestClusterPairs).

func TestStormKeys(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Typhoon Haikui slams into southern Taiwan", []string{"storm:haikui"}},
		{"Super Typhoon Yagi batters Hainan", []string{"storm:yagi"}},
		{"Hurricane Beryl strengthens to Category 5", []string{"storm:beryl"}},
		{"Tropical Storm Alberto drenches northeast Mexico", []string{"storm:alberto"}},
		{"台風１４号 九州南部に接近", []string{"storm:台風14"}},
		{"台風第７号は東海地方に上陸した", []string{"storm:台風7"}},
		{"ハリケーン「ヘレン」が米南東部に上陸", []string{"storm:ヘレン"}},
		{"Тайфун «Хайкуй» обрушился на Тайвань", []string{"storm:хайкуй"}},
		{"ураган Берил усилился до пятой категории", []string{"storm:берил"}},
		// No storm's name: a storm word alone, a season, a missile.
		{"Britain sends more Storm Shadow missiles to Kyiv", nil},
		{"ハリケーンシーズンが始まった", nil},
		{"a hurricane warning is in effect for the coast", nil},
		{"台風の影響で交通に乱れ", nil},
	}
	for _, tt := range tests {
		if got := stormKeys(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("stormKeys(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestStormsConflict(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{[]string{"storm:milton"}, []string{"storm:milton"}, false},
		{[]string{"storm:milton"}, []string{"storm:helene"}, true},
		{[]string{"storm:milton"}, []string{"storm:милтон"}, false},                 // two scripts are not compared
		{[]string{"storm:helene", "storm:milton"}, []string{"storm:milton"}, false}, // one of two in common
		{[]string{"storm:台風14"}, []string{"storm:台風15"}, true},
		{[]string{"storm:台風14"}, nil, false},
	}
	for _, tt := range tests {
		if got := stormsConflict(tt.a, tt.b); got != tt.want {
			t.Errorf("stormsConflict(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
