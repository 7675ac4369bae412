package digest

import "testing"

// TestOwnFirstPerson: a writer's own "should" marks a column's line, but a
// "should" that a poll, an official or a party is reported holding is news.
func TestOwnFirstPerson(t *testing.T) {
	tests := []struct {
		lang, text string
		own        bool
	}{
		{"ru", "Нужно говорить об этом прямо.", true},
		{"ru", "Я считаю, что переговоры бесполезны.", true},
		{"ru", "68% россиян считают, что переговоры России и США по Украине нужно продолжать, свидетельствуют данные опроса ВЦИОМ.", false},
		{"ru", "Запад должен прекратить поставки оружия, заявил Лавров.", false},
		{"en", "Western capitals should stop pretending this is a peace process.", true},
		{"en", "Most Americans believe the U.S. should keep sanctions on Russia, a poll found.", false},
		{"en", "Kyiv must hold the line, he said.", false},
		{"ja", "政府は制裁を維持すべきだ。", true},
		{"ja", "首相は「対話を続けるべきだ」と述べた。", false},
	}
	for _, tt := range tests {
		if got := ownFirstPerson(tt.text, tt.lang); got != tt.own {
			t.Errorf("ownFirstPerson(%q, %s) = %v, want %v", tt.text, tt.lang, got, tt.own)
		}
	}
}

// TestAttributes: a sentence that only says who told the one before is
// shown with it; one that says what was told stands as a fact.
func TestAttributes(t *testing.T) {
	tests := []struct {
		s, lang string
		want    bool
	}{
		{"防衛省関係者が明らかにした。", "ja", true},
		{"在日米軍の報道官が同日、記者団に語った。", "ja", true},
		{"輸出の回復については、円安の定着が前提になると述べた。", "ja", false},
		{"労組側は、満額回答は難しいと伝えた。", "ja", false},
		{"Об этом сообщил губернатор области.", "ru", true},
	}
	for _, tt := range tests {
		if got := attributes(tt.s, tt.lang); got != tt.want {
			t.Errorf("attributes(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestJaEmbeddedSubjectOnly: a が inside a clause turned into a noun names
// that clause's actor; the sentence's own subject is still missing.
func TestJaEmbeddedSubjectOnly(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"教皇が危機の解決に協力する用意を示したことに感謝の意を表した。", true},
		{"ウクライナ軍が南部の港を攻撃したことを強く非難した。", true},
		{"米国が制裁を解除したことについて歓迎する考えを示した。", true},
		{"ロシア軍が撤退したことを受けて、住民が村に戻り始めた。", false},
		{"野党が反対したことは、予想通りだった。", false},
		{"外相は、中国が輸出を規制したことに懸念を示した。", false},
		{"首相が辞任を表明したということです。", false},
		{"停戦合意が発効した。", false},
	}
	for _, tt := range tests {
		if got := jaEmbeddedSubjectOnly(tt.text); got != tt.want {
			t.Errorf("jaEmbeddedSubjectOnly(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestRuObliquePerson: a person named only as an object is the one a later
// он/она stands for, in the nominative.
func TestRuObliquePerson(t *testing.T) {
	tests := map[string]string{
		"Суд отклонил жалобу теннисистки Марии Ивановой на решение федерации.": "Иванова",
		"Министр встретился с Сергеем Петровым в Казани.":                      "Петров",
		"Награду вручили художнику Андрею Соколову.":                           "Соколов",
		"Выставка посвящена Анне Ахматовской.":                                 "Ахматовская",
		"Заседание прошло в Ленинградской области.":                            "",
		"Суд вынес решение в четверг.":                                         "",
	}
	for in, want := range tests {
		if got := ruObliquePerson(in); got != want {
			t.Errorf("ruObliquePerson(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSaidThatAgents: who acts in "X said that Y did" is Y; "earlier on
// Monday" in a Monday report is the news day, not the setting.
func TestSaidThatAgents(t *testing.T) {
	a := newFactSig("Egypt and Qatar said on Monday that Israel and Hamas had agreed to a longer truce.", "en")
	if !a.agents["IL"] || a.agents["EG"] {
		t.Errorf("agents = %v, want Israel's, not the mediators'", a.agents)
	}
	b := newFactSig("Россия и Китай заявили в пятницу, что Иран согласился на переговоры.", "ru")
	if b.agents["RU"] || b.agents["CN"] {
		t.Errorf("agents = %v, want none of the speakers'", b.agents)
	}
	for s, want := range map[string]int{
		"Ранее в понедельник совет директоров снизил ставку.":  0,
		"Earlier on Monday the board cut its rate by a point.": 0,
		"Ранее совет директоров трижды повышал ставку.":        bgSetting,
		"Earlier this year the board raised its rate twice.":   bgSetting,
	} {
		if got := background(s); got != want {
			t.Errorf("background(%q) = %d, want %d", s, got, want)
		}
	}
}
