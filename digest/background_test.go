package digest

import "testing"

func TestBackground(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"日銀は先に、ことし7月の会合で政策金利を0.75%程度に引き上げていました。", 2},
		{"これまでに中東の国などの仲介で捕虜交換が繰り返し行われてきた。", 2},
		{"5月上旬には、両国の首脳が電話で協議していた。", 2},
		{"スーダンでは2023年4月以降、国軍と準軍事組織「即応支援部隊（RSF）」の戦闘が続いている。", 2},
		{"両国は2022年の侵攻開始以来、捕虜交換を続けている。", 2},
		{"Earlier, Putin accused Kyiv of terrorism over the bombing of two bridges.", 2},
		{"Previously the bank had held rates for a year.", 2},
		{"The war has killed thousands since 2022.", 2},
		{"Ранее Путин заявил, что Киев превращается в террористическую организацию.", 2},
		{"トランプ大統領は最近、先月28日にはプーチン大統領に判断する考えを示していました。", 1},
		{"The company said last year that it would cut jobs.", 1},
		// Not background.
		{"プーチン大統領とゼレンスキーの会談については、「これまで一度も議題になっていない」と述べた。", 0},
		{"ゼレンスキー大統領はロシア側は停戦の条件として撤退を求めるなど、これまでの主張を繰り返していると非難しました。", 0},
		{"ロシアはこれまで通り攻撃を続けると述べた。", 0},
		{"Markets priced a roughly 60% chance of a December cut after his remarks, up from 45% a day earlier.", 0},
		{`"We said it earlier and we say it again," he told reporters.`, 0},
		{"ロシアとウクライナは20日、捕虜150人ずつを交換した。", 0},
	}
	for _, tt := range tests {
		if got := background(tt.s); got != tt.want {
			t.Errorf("background(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
