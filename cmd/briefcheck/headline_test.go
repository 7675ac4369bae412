package main

import (
	"testing"

	"briefbot"
	"briefbot/scheduler"
)

func TestHeadlineName(t *testing.T) {
	tests := []struct {
		h    string
		want bool
	}{
		{"Sputnik", true},
		{"【Reuters】", false}, // brackets are the reader's, never in the text
		{"ロイター", true},
		{"www3.nhk.or.jp", true},
		{"米中西部で竜巻、少なくとも9人死亡　ミズーリ州とイリノイ州 - CNN.co.jp", true},
		{"ロシア軍、オデーサ港を無人機攻撃 写真3枚 国際ニュース：AFPBB News", true},
		{"米ロ電話会談「情報収集続ける」　木原官房長官：時事ドットコム", true},
		{"Trump says Putin call 'very productive', backs 500-for-500 prisoner swap - Reuters", true},
		{"Телефонный звонок, который напугал «партию войны» | РИА Новости", true},
		{"平和ウォッチ (@peacewatch_jp) / X", true},
		{"Путин и Трамп не обсуждали поставки оружия Украине - Ушаков", false},
		{"ドイツ、ウクライナに防空システム追加供与へ=独国防相", false},
		{"NATO's Rutte says alliance 'ready for anything' in Black Sea", false},
		{"ペスコフ氏：海上停戦の発言は大統領に報告済み", false},
	}
	for _, tt := range tests {
		if got := headlineName(tt.h) != ""; got != tt.want {
			t.Errorf("headlineName(%q) = %q, want a name: %v", tt.h, headlineName(tt.h), tt.want)
		}
	}
}

func TestHeadlineCaption(t *testing.T) {
	tests := []struct {
		h    string
		want bool
	}{
		{"電話会談についての米国側の見方👇", true},
		{"ウシャコフ補佐官の説明（ロシア語）⬇️", true},
		{"Telegram", true},
		{"Заявление Ушакова:", true},
		{"露米首脳電話会談 宇による露飛行場への攻撃について話し合った=トランプ氏", false},
		{"Lavrov and Choe confirm course on wider cooperation", false},
	}
	for _, tt := range tests {
		if got := headlineCaption(tt.h) != ""; got != tt.want {
			t.Errorf("headlineCaption(%q) = %v, want %v", tt.h, got, tt.want)
		}
	}
}

func TestHeadlineCut(t *testing.T) {
	text := "ロシアのプーチン大統領は、ウクライナ側の攻撃などが激化していることについてテロ行為だと主張した。\n" +
		"【金正恩氏、ロシアへの無条件の支持を約束】"
	tests := []struct {
		h    string
		want bool
	}{
		{"ロシアのプーチン大統領は、ウクライナ側の攻撃などが激化していることについてテロ行", true},
		{"ウクライナ側の攻撃について、プーチン大統領は", true},
		{"停戦協議を巡り、両国の外相が会談し", true},
		{"Trump and Putin agree to a swap of", true},
		{"Путин и Трамп договорились об обмене и", true},
		{"The talks went on and on…", true},
		{"金正恩氏、ロシアへの無条件の支持を約束", false}, // the whole title, only its 】 after it
		{"露宇、捕虜500人ずつ交換へ", false},
		{"米ロ電話会談 焦点は黒海の停戦に", false},
		{"米ロ首脳、近く電話会談か　ウクライナ和平巡り", false},
		{"官房長官「ロシアは直ちに攻撃停止を」　オデーサ港被害で", false},
		{"Tornadoes tear through Missouri and Illinois, killing at least 9", false},
	}
	for _, tt := range tests {
		if got := headlineCut(tt.h, []string{text}) != ""; got != tt.want {
			t.Errorf("headlineCut(%q) = %q, want cut: %v", tt.h, headlineCut(tt.h, []string{text}), tt.want)
		}
	}
}

func TestHeadlineEmoji(t *testing.T) {
	tests := []struct {
		h    string
		want bool
	}{
		{"🇷🇺ペスコフ氏🗣️海上停戦について", true},
		{"🎤質問です、NATOは備えているのか？", true},
		{"❗️西側メディアの沈黙", true},
		{"Заявление\u200fМИД", true},
		{"「ボールはウクライナ側にある」 協議を団長が総括", false},
		{"Fed's Waller says December cut \"on the table\"", false},
	}
	for _, tt := range tests {
		if got := headlineEmoji(tt.h) != ""; got != tt.want {
			t.Errorf("headlineEmoji(%q) = %v, want %v", tt.h, got, tt.want)
		}
	}
}

func TestHeadlineLength(t *testing.T) {
	tests := []struct {
		h, lang string
		want    bool // out of range
	}{
		{"なぜ平和が大事なのか", "ja", true}, // 10
		{"日米首脳が電話で会談した模様", "ja", false},
		{"ウィタカーNATO大使「欧州の全ての同盟国が引き続き主導的な役割を果たしてくれることを期待している」", "ja", true},
		{"Peace is a big deal", "en", true}, // 19
		{"Trump and Putin talk", "en", false},
		{"Путин и Трамп поговорили по телефону", "ru", false},
	}
	for _, tt := range tests {
		if got := headlineLength(tt.h, tt.lang) != ""; got != tt.want {
			t.Errorf("headlineLength(%q, %s) = %q", tt.h, tt.lang, headlineLength(tt.h, tt.lang))
		}
	}
}

func TestSameAsLead(t *testing.T) {
	tests := []struct {
		h, lead string
		want    bool
	}{
		{"🎤質問です、NATOは黒海でのロシアとの衝突に備えているのか？", "質問です、NATOは黒海でのロシアとの衝突に備えているのか？", true},
		{"Russia and Ukraine swap 300 prisoners", "Russia and Ukraine swap 300 prisoners.", true},
		{"Путин и Трамп провели телефонный разговор", "Путин и Трамп провели телефонный разговор. (ТАСС)", true},
		{"米ロ首脳が電話会談 捕虜500人ずつの交換で一致", "アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談した。", false},
		{"Trump, Putin back prisoner swap", "U.S. President Donald Trump and Russian President Vladimir Putin spoke by phone on Thursday and backed a prisoner swap.", false},
	}
	for _, tt := range tests {
		if got := sameAsLead(tt.h, tt.lead); got != tt.want {
			t.Errorf("sameAsLead(%q, %q) = %v", tt.h, tt.lead, got)
		}
	}
}

func TestSpeculative(t *testing.T) {
	tests := []struct {
		title, want string
	}{
		{"米ロ首脳、近く電話会談か　ウクライナ和平巡り", "か"},
		{"日銀、来月にも利上げの見通し", "見通し"},
		{"米中西部で竜巻、少なくとも9人死亡", ""},
		{"米ロ首脳が電話会談 捕虜500人ずつの交換で一致", ""},
		{"Putin and Trump may speak by phone this week", "may"},
		{"Trump reportedly plans a call with Putin", "reportedly"},
		{"Will Putin and Trump talk?", "?"},
		{"Trump, Putin back 500-for-500 prisoner swap in long phone call", ""},
		{"Путин и Трамп могут провести телефонный разговор в ближайшие дни", "могут"},
		{"Песков не исключил нового разговора президентов", "не исключ"},
		{"Ушаков: Путин и Трамп поддержали обмен пленными", ""},
	}
	for _, tt := range tests {
		if got := speculative(tt.title); got != tt.want {
			t.Errorf("speculative(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSpeculativeChosen(t *testing.T) {
	early := newUnit("kyodo", "https://www.47news.jp/1", "ja", "米ロ首脳、近く電話会談か　ウクライナ和平巡り", "", "news")
	early.status = "speculative"
	settled := newUnit("nhk", "https://www3.nhk.or.jp/a", "ja", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", "", "news")
	settled.status = "settled"
	russian := newUnit("tass", "https://tass.ru/1", "ru", "Ушаков: Путин и Трамп поддержали обмен пленными", "", "news")
	tests := []struct {
		name, h string
		units   []*unit
		linked  []*unit // the units the brief's sources link
		want    bool
	}{
		{"speculative over settled", early.title, []*unit{early, settled}, nil, true},
		{"as its links say", early.title, []*unit{early, settled}, []*unit{early, settled}, true},
		{"a report that only shares a sentence was not joined", early.title, []*unit{early, settled}, []*unit{early}, false},
		{"settled chosen", settled.title, []*unit{early, settled}, nil, false},
		{"only one report", early.title, []*unit{early}, nil, false},
		{"the settled one is in another language", early.title, []*unit{early, russian}, nil, false},
		{"by the words, unlabelled", "米ロ首脳、来週にも会談の見通し", []*unit{newUnit("a", "", "ja", "米ロ首脳、来週にも会談の見通し", "", ""), newUnit("b", "", "ja", "米ロ首脳が会談", "", "")}, nil, true},
	}
	for _, tt := range tests {
		j := &judged{pb: scheduler.PreviewBrief{Brief: briefbot.Brief{Language: "ja"}}, units: tt.units, linked: map[*unit]bool{}}
		for _, u := range tt.linked {
			j.linked[u] = true
		}
		if got := speculativeChosen(tt.h, j) != ""; got != tt.want {
			t.Errorf("%s: speculativeChosen = %q", tt.name, speculativeChosen(tt.h, j))
		}
	}
}
