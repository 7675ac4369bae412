package digest

import "testing"

func TestLeadFlags(t *testing.T) {
	tests := []struct {
		name, headline, lead, want string
	}{
		// 🇺🇦🇷🇺 holds the runes of 🇦🇷 across its middle: Argentina must
		// not count as already flagged and crowd out the headline's 米.
		{"pairs, not substrings", "露米首脳は露・ウクライナ第2回直接交渉の結果について協議した", "ウクライナ側は交渉を妨害しようとしたが、ロシアは挑発に乗らなかった。", "🇺🇦🇷🇺🇺🇸"},
		{"Sudan", "国連安保理、スーダン情勢で緊急会合", "国連安全保障理事会はスーダンの内戦を巡り緊急会合を開いた。", "🇸🇩"},
		{"at most three", "米中ロ日", "アメリカと中国、ロシア、ドイツ、フランスの首脳が会談した。", "🇺🇸🇨🇳🇷🇺"},
	}
	for _, tt := range tests {
		if got := leadFlags(tt.headline, tt.lead, 3); got != tt.want {
			t.Errorf("%s: leadFlags = %q, want %q", tt.name, got, tt.want)
		}
	}
}
