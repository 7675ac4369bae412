package digest

import "testing"

// Two reports that give one span, sum or rounded count of the same thing
// repeat each other however else they word it; another figure, or the same
// figure counting something else, is news.
func TestSharedMeasureUnits(t *testing.T) {
	tests := []struct {
		lang, a, b string
		want       bool
	}{
		{"en", "The strike at the port was extended by 21 days on Tuesday.", "The port strike was extended by another three weeks on Tuesday.", true},
		{"en", "The strike at the port was extended by 21 days on Tuesday.", "The port strike was extended by another four weeks on Tuesday.", false},
		{"en", "Ministers approved a €40bn fund for rail lines on Tuesday.", "The €40 billion rail fund was approved by ministers on Tuesday.", true},
		{"en", "Ministers approved a €40bn fund for rail lines on Tuesday.", "Ministers approved a $40bn fund for rail lines on Tuesday.", false},
		{"ru", "В области отремонтировали 3,1 тыс. школ и больниц.", "В области отремонтировали более 3 тыс. школ.", true},
		{"ru", "В области отремонтировали 3,1 тыс. школ.", "В области отремонтировали 3,1 тыс. дорог.", false},
		{"ru", "Правительство выделило 12 млрд рублей на ремонт дорог.", "На ремонт дорог направят 12 миллиардов рублей, решило правительство.", true},
		{"en", "The council set aside £3bn for flood defences on Friday.", "Flood defences will get £3 billion, the council said on Friday.", true},
		{"en", "The council set aside £3bn for flood defences on Friday.", "The council set aside €3bn for flood defences on Friday.", false},
	}
	for _, tt := range tests {
		a, b := factSigOf(tt.a, tt.lang, false), factSigOf(tt.b, tt.lang, false)
		if got := sharedMeasure(a, b); got != tt.want {
			t.Errorf("%q / %q: shared measure %v, want %v (%v / %v)", tt.a, tt.b, got, tt.want, a.nums, b.nums)
		}
	}
}
