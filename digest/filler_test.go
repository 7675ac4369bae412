package digest

import "testing"

func TestFiller(t *testing.T) {
	tests := []struct {
		lang, s string
		want    bool
	}{
		{"ja", "主なやり取りは次の通り。", true},
		{"ja", "ウシャコフ氏の主な発言は以下の通り。", true},
		{"ja", "ウシャコフ大統領補佐官は、プーチン大統領と米大統領トランプの電話会談の結果について記者会見を行った。", true},
		{"ja", "ドイツ国防省はコメントを控えた。", true},
		{"ja", "ゼレンスキー大統領は4日、首都キーウで記者会見を開き、覚書の全文を公表しました。", false},
		{"en", "Some information for this report provided by AFP and AP.", true},
		{"en", "The Kremlin declined to comment.", true},
		{"en", "Rutte said allies would discuss new air defense deliveries next week.", false},
		{"en", "(The author is a Bloomberg Opinion columnist. The opinions expressed are solely his own.)", true},
		{"en", "The views expressed in this article are those of the author.", true},
		{"en", "The central bank said views expressed at the meeting differed.", false},
		{"ru", "Мнение автора может не совпадать с позицией редакции.", true},
		{"en", "That's it from us for today – we'll be back with more coverage on Wednesday.", true},
		{"en", "Thank you for following our coverage of the storm.", true},
		{"en", "Thousands were following the storm's path on radar apps.", false},
		{"ru", "На этом мы завершаем онлайн-трансляцию, спасибо, что были с нами.", true},
		{"ru", "Приводим его полностью.", false},
		{"ru", "Ниже приводятся его ответы на вопросы.", true},
		{"ru", "В Кремле эту информацию пока не комментировали.", false},
	}
	for _, tt := range tests {
		if got := filler(tt.s, tt.lang); got != tt.want {
			t.Errorf("filler(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
