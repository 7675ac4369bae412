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
		{"lead first, then the headline's", "官房長官「多大な関心を持って注視」", "官房長官は、電話会談を含めた関係国の外交努力を注視していると述べた。", "🇯🇵"},
		{"headline adds what the lead lacks", "Zelensky meets Erdogan in Ankara", "The Ukrainian president arrived for talks.", "🇺🇦🇹🇷"},
	}
	for _, tt := range tests {
		if got := leadFlags(tt.headline, tt.lead, 3); got != tt.want {
			t.Errorf("%s: leadFlags = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFlagsOfText: a country gets its flag where the text names it as a
// place or a party — by name, short form, capital, adjective, office or
// one of its people — and not where its word only qualifies a region, a
// language, a currency or a time, or is part of another word.
func TestFlagsOfText(t *testing.T) {
	tests := []struct{ text, want string }{
		// Japanese: places and parties.
		{"露米首脳が電話会談", "🇷🇺🇺🇸"},
		{"トランプ米大統領は、プーチン露大統領と電話会談を行った。", "🇺🇸🇷🇺"},
		{"宇による露飛行場への攻撃", "🇺🇦🇷🇺"},
		{"宇軍がドローンで攻撃", "🇺🇦"},
		{"独国防相が明らかにした", "🇩🇪"},
		{"仏大統領府の声明", "🇫🇷"},
		{"日米首脳会談", "🇯🇵🇺🇸"},
		{"日米豪印の外相", "🇯🇵🇺🇸🇦🇺"},
		{"日・米・豪・印", "🇯🇵🇺🇸🇦🇺"},
		{"日中関係の改善", "🇯🇵🇨🇳"},
		{"米朝首脳会談", "🇺🇸🇰🇵"},
		{"中台関係が緊張", "🇨🇳🇹🇼"},
		{"印パ紛争", "🇮🇳🇵🇰"},
		{"対ロ制裁を強化", "🇷🇺"},
		{"日ロ首脳会談", "🇯🇵🇷🇺"},
		{"在日米軍の再編", "🇯🇵🇺🇸"},
		{"4日、米国務長官が訪中した", "🇺🇸🇨🇳"},
		{"北朝鮮がミサイルを発射", "🇰🇵"},
		{"ゼレンスキー大統領はキーウで記者会見を開いた", "🇺🇦"},
		{"クレムリンは声明で", "🇷🇺"},
		{"ホワイトハウスによると", "🇺🇸"},
		{"ローマ教皇レオ14世との電話会談", "🇻🇦"},
		{"ジョージア州で銃撃事件", "🇺🇸"},
		{"北アイルランドの議会", "🇬🇧"},
		// Japanese: a region word qualifies, the country stays.
		{"米中西部で竜巻、20人死亡", "🇺🇸"},
		{"米中部の州で洪水", "🇺🇸"},
		{"ロシア西部2州で橋が崩壊", "🇷🇺"},
		{"米独自の制裁", "🇺🇸"},
		{"米中間選挙", "🇺🇸"},
		// Japanese: an office stands for its government.
		{"官房長官「多大な関心を持って注視」", "🇯🇵"},
		{"官房長官はロシア側の前向きな行動を強く期待すると述べた。", "🇯🇵🇷🇺"},
		{"英首相官邸は声明を出した", "🇬🇧"},
		// Japanese: topics, qualifiers and places name no party.
		{"ウクライナ情勢を協議", ""},
		{"イラン問題について議論した", ""},
		{"日本時間の5日未明", ""},
		{"米ドルが上昇、英ポンドと豪ドルは下落", ""},
		{"イスタンブールで協議", ""},
		{"朝鮮半島の非核化", ""},
		{"インド太平洋戦略とインド洋", ""},
		{"南シナ海で", ""},
		{"NATO首脳会議", ""},
		// Japanese: false friends.
		{"中東情勢が緊迫", ""},
		{"南米の選挙と北米市場、欧米諸国", ""},
		{"毎日新聞によると", ""},
		{"日曜日に投票", ""},
		{"日中は気温が上がる", ""},
		{"新米の価格が上昇、米価は過去最高", ""},
		{"英語の授業で英雄の話", ""},
		{"独自の制裁を単独で", ""},
		{"独立記念日", ""},
		{"中央銀行が6月中旬に、途中で、中心部で", ""},
		{"朝日新聞、今朝", ""},
		{"宇宙開発", ""},
		{"仏教の行事", ""},
		{"豪雨で被害、参加国と加盟国", ""},
		{"台風10号", ""},
		{"ロシアゲート捏造", ""},
		{"南アメリカ大陸", ""},
		{"朝鮮中央通信によると", ""},
		{"訪米中の記者団", "🇺🇸"},
		// English.
		{"Israeli jets hit targets in Iran, the U.S. said.", "🇮🇱🇮🇷🇺🇸"},
		{"Tornadoes hit the US Midwest", "🇺🇸"},
		{"Trump spoke with Putin for an hour", "🇺🇸🇷🇺"},
		{"The Kremlin said Moscow would respond", "🇷🇺"},
		{"The pope met Zelenskyy at the Vatican", "🇻🇦🇺🇦"},
		{"Japan's Chief Cabinet Secretary said", "🇯🇵"},
		{"Russia-Ukraine talks in Istanbul", "🇷🇺🇺🇦"},
		{"Chad's army and Jordan's king", "🇹🇩🇯🇴"},
		{"Storms in New Mexico", ""}, // a false friend of Mexico, not among the places
		{"Штормы в Нью-Мексико и Техасе", "🇺🇸"},
		{"ミズーリ州とイリノイ州で竜巻", "🇺🇸"},
		{"Tornadoes tear through Missouri and Illinois", "🇺🇸"},
		{"Warnings for Georgia and Alabama", "🇺🇸"},
		{"Georgia and Armenia signed a deal", "🇬🇪🇦🇲"},
		{"Sneakers worn by Michael Jordan sold", ""},
		{"In Jordan, protests grew", "🇯🇴"},
		{"Tensions in the South China Sea and the Korean Peninsula", ""},
		{"The Indian Ocean tsunami", ""},
		{"Chad Wolf met Jordan Bardella", ""},
		{"Georgia Tech won", ""},
		{"the US dollar rose", ""},
		{"Xi'an officials said", ""},
		{"The Washington Post reported on Latin America", ""},
		{"NATO and the EU", ""},
		{"TRUMP TELLS US TO WAIT", ""},
		{"Latin American leaders met", ""},
		// Russian.
		{"Президент России и США обсудили Украину.", "🇷🇺🇺🇸🇺🇦"},
		{"Песков заявил журналистам", "🇷🇺"},
		{"Зеленскому позвонил Макрон", "🇺🇦🇫🇷"},
		{"в Белом доме", "🇺🇸"},
		{"в секторе Газа", "🇵🇸"},
		{"Северной Кореи", "🇰🇵"},
		{"российские военные", "🇷🇺"},
		{"Ким Чен Ына", "🇰🇵"},
		{"американского президента", "🇺🇸"},
		{"Папа Римский Лев XIV", "🇻🇦"},
		{"Того же мнения придерживается Кремль", "🇷🇺"},
		{"Китай и Япония", "🇨🇳🇯🇵"},
		{"доллар США подорожал", ""},
		{"Индивидуальный предприниматель", ""},
		{"путина началась", ""},
		{"МАГАТЭ и ООН", ""},
		{"в Крыму", ""},
		{"страны Латинской Америки", ""},
	}
	for _, tt := range tests {
		if got := leadFlags("", tt.text, 3); got != tt.want {
			t.Errorf("flags of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
	if len(tests) < 60 {
		t.Errorf("%d cases; the table keeps at least 60", len(tests))
	}
}

func TestCountriesInKinds(t *testing.T) {
	tests := []struct {
		text, word, code string
		kind             mentionKind
	}{
		{"ウクライナ情勢", "ウクライナ", "UA", asTopic},
		{"日本時間", "日本時間", "JP", asQualifier},
		{"官房長官", "官房長官", "JP", byOffice},
		{"российской стороны", "российской", "RU", byAdjective},
		{"the Pope", "Pope", "VA", byOffice},
		{"Kremlin", "Kremlin", "RU", byName},
	}
	for _, tt := range tests {
		ms := countriesIn(tt.text)
		if len(ms) != 1 {
			t.Errorf("countriesIn(%q) = %v, want one", tt.text, ms)
			continue
		}
		m := ms[0]
		if tt.text[m.Start:m.End] != tt.word || m.Country != tt.code || m.Kind != tt.kind {
			t.Errorf("countriesIn(%q) = %q %s kind %d, want %q %s kind %d", tt.text, tt.text[m.Start:m.End], m.Country, m.Kind, tt.word, tt.code, tt.kind)
		}
	}
}

func TestFlagOf(t *testing.T) {
	if got := flagOf("JP"); got != "🇯🇵" {
		t.Errorf("flagOf(JP) = %q", got)
	}
	if got := flagOf("J"); got != "" {
		t.Errorf("flagOf(J) = %q", got)
	}
}
