package digest

import (
	"slices"
	"testing"
	"time"

	"briefbot"
)

// The rules an editor states for telling one event from another, each
// checked on its own words.

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

func TestClusterEditorRules(t *testing.T) {
	at := time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC) // a Monday
	tests := []struct {
		name string
		a, b briefbot.Item
		join bool
	}{
		{"one typhoon by its number, told from two places",
			item(1, "ja", "台風１４号 九州南部に上陸 ３人けが", "強い台風１４号は１日朝、鹿児島県に上陸しました。気象庁によりますと、九州南部では猛烈な風が吹き、これまでに３人がけがをしました。", at),
			item(2, "ja", "", "大型で強い台風１４号の影響で、宮崎県では１日、住宅１２棟が浸水し、約３万戸が停電した。九州電力が復旧を急いでいる。", at.Add(2*time.Hour)),
			true},
		{"two typhoons on one coast",
			item(3, "ja", "台風１４号 九州南部に上陸", "強い台風１４号は１日朝、鹿児島県に上陸しました。九州南部では猛烈な風が吹いています。", at),
			item(4, "ja", "台風１５号 九州南部に上陸", "強い台風１５号は１日夜、鹿児島県に上陸しました。九州南部では猛烈な風が吹いています。", at.Add(3*time.Hour)),
			false},
		{"one hurricane by its name, told two ways",
			item(11, "en", "Hurricane Delia makes landfall in Louisiana", "Hurricane Delia came ashore near Grand Isle on Monday with winds of 130 mph, the National Hurricane Center said.", at),
			item(12, "en", "Delia leaves 200,000 without power along the Gulf Coast", "More than 200,000 homes and businesses lost power in Louisiana and Mississippi on Monday as Hurricane Delia moved inland, utilities said.", at.Add(3*time.Hour)),
			true},
		{"two named storms on one coast",
			item(5, "en", "Hurricane Delia makes landfall in Louisiana", "Hurricane Delia made landfall in Louisiana on Monday with winds of 130 mph, knocking out power to thousands.", at),
			item(6, "en", "Hurricane Ernesto makes landfall in Louisiana", "Hurricane Ernesto made landfall in Louisiana on Monday with winds of 90 mph, knocking out power to thousands.", at.Add(time.Hour)),
			false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cluster(nil, []briefbot.Item{tt.a, tt.b}, ClusterOptions{}).Stories
			if joined := len(got) == 1; joined != tt.join {
				fa, fb := featuresOf(tt.a), featuresOf(tt.b)
				s, _ := joinScore(&fa, &fb)
				t.Errorf("joined = %v, want %v (score %.2f, %+v)", joined, tt.join, s, evidenceOf(&fa, &fb, true))
			}
		})
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
