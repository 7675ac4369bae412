package digest

import "testing"

func TestLiveLabels(t *testing.T) {
	titles := []struct{ in, want string }{
		{"Middle East crisis live: Lebanon truce holds for second night", "Lebanon truce holds for second night"},
		{"Budget 2026: chancellor raises fuel duty – as it happened", "Budget 2026: chancellor raises fuel duty"},
		{"Storm Amy batters Scotland - live updates", "Storm Amy batters Scotland"},
		{"Онлайн-трансляция: паводок в Оренбуржье", "Паводок в Оренбуржье"},
		{"Villagers who still live off the land", "Villagers who still live off the land"},
		{"Boy found alive: rescuers reach cave after nine days", "Boy found alive: rescuers reach cave after nine days"},
	}
	for _, tt := range titles {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	sentences := []struct{ in, want string }{
		{"Closing summary: the senate passed the bill by 51 votes to 49.", "The senate passed the bill by 51 votes to 49."},
		{"Key events: Flooding closed the main road north.", "Flooding closed the main road north."},
		{"Главное к этому часу: вода в Орске поднялась до 9 метров.", "Вода в Орске поднялась до 9 метров."},
		{"Summary statistics were released on Monday.", "Summary statistics were released on Monday."},
	}
	for _, tt := range sentences {
		if got := cleanSentence(tt.in); got != tt.want {
			t.Errorf("cleanSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
