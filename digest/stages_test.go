package digest

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
)

var stageAt = time.Date(2026, 3, 13, 3, 0, 0, 0, time.UTC)

// report is an item for the stage tests.
func report(lang, outlet, url, title, text string) briefbot.Item {
	it := briefbot.Item{Outlet: outlet, URL: url, Title: title, Text: text, Language: lang, Published: stageAt}
	it.Opinion, it.OpinionReason = Opinion(it) // as the scheduler sets them
	it.Deliver = !it.Opinion
	return it
}

func storyOf(lang string, items ...briefbot.Item) *briefbot.Story {
	return &briefbot.Story{ID: 1, Language: lang, Topics: []string{"world"}, FirstPublished: stageAt, Items: items}
}

// draftOf runs the stages up to and including upTo.
func draftOf(s *briefbot.Story, opt RenderOptions, upTo string) *draft {
	d := newDraft(s, opt)
	for _, stage := range []struct {
		name string
		run  func()
	}{
		{"headline", d.stageHeadline},
		{"lead", d.stageLead},
		{"facts", func() { d.stageFacts(minFacts, true, false) }},
		{"quote", d.stageQuote},
		{"background", d.stageBackground},
		{"more facts", func() { d.stageFacts(maxFacts, false, true) }},
		{"sources", d.stageSources},
	} {
		stage.run()
		if stage.name == upTo {
			break
		}
	}
	return d
}

const (
	nhkCall  = "アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談し、ロシアとウクライナが来週、捕虜を500人ずつ交換することで一致しました。\n\nトランプ大統領は会談のあと、SNSに「長く、非常に生産的な会談だった」と投稿しました。"
	reuCall  = "WASHINGTON, March 12 (Reuters) - President Donald Trump said on Thursday he had a long phone call with Russian President Vladimir Putin in which the two backed an exchange of 500 prisoners each.\n\nKremlin aide Yuri Ushakov told reporters the conversation lasted about an hour and forty minutes."
	putinCut = "ロシアのプーチン大統領は、ウクライナ側が黒海の港湾施設への攻撃を強めていることについて国際法違反のテロ行為だと非難し、「相応の対応をとる」と警告しました。\n\nプーチン大統領は11日、安全保障会議をオンラインで開きました。"
)

func TestStageHeadline(t *testing.T) {
	tests := []struct {
		name  string
		story *briefbot.Story
		want  string // the headline, or "" to only check the rules
		not   []string
	}{
		{"an outlet's name is no headline", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/1", "Sputnik", nhkCall)), "", []string{"Sputnik"}},
		{"nor a channel's", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/1", "【Telegram】", nhkCall)), "", []string{"Telegram"}},
		{"nor a caption", storyOf("ja", report("ja", "d1021", "https://d1021.hatenadiary.jp/1", "プーチン大統領トランプ大統領の電話会談に関するロシア側の発表👇", nhkCall)), "", []string{"発表", "👇"}},
		{"nor a question put to someone", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/2", "🎤質問です、NATOは黒海でのロシアとの衝突に備えているのか？", "NATO事務総長ルッテ🗣️我々はどんな事態にも備えている。モスクワもそれを承知しているはずだ。")),
			"「我々はどんな事態にも備えている」=NATO事務総長ルッテ", []string{"🎤", "質問"}},
		{"the site's name goes", storyOf("ja", report("ja", "ブルームバーグ", "https://www.bloomberg.co.jp/1", "欧州5カ国、ウクライナ向け防空システムの共同調達を協議－関係者 - Bloomberg", "ドイツやフランスなど欧州5カ国が、ウクライナに供与する防空システムを共同で調達する方向で協議していることが分かった。")),
			"欧州5カ国、ウクライナ向け防空システムの共同調達を協議－関係者", nil},
		{"so does 時事ドットコム", storyOf("ja", report("ja", "時事通信", "https://www.jiji.com/1", "米ロ電話会談「情報収集続ける」　木原官房長官：時事ドットコム", "木原稔官房長官は13日午前の記者会見で、米ロ首脳の電話会談について「情報収集を続けている」と述べた。")),
			"米ロ電話会談「情報収集続ける」　木原官房長官", nil},
		{"a title cut by the feed is rebuilt from its sentence", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/1", "ロシアのプーチン大統領は、ウクライナ側が黒海の港湾施設への攻撃を強めていることについて国際法違", putinCut)),
			"ロシアのプーチン大統領「相応の対応をとる」", nil},
		{"a speaking head keeps its speaker, not its emoji", storyOf("ja", report("ja", "t.me/rusjp_news", "https://t.me/rusjp_news/1", "🇷🇺ペスコフ氏🗣️この犯罪を解決する為に必要な事はすべて行われる。", "ロシア軍飛行場襲撃に関与した人物についてドミトリー・ペスコフ報道官が語った。\n\nペスコフ氏は「これは特殊部隊の問題だ」と述べた。")),
			"「この犯罪を解決する為に必要な事はすべて行われる」=ペスコフ氏", nil},
		{"an explainer's question is no headline", storyOf("en", report("en", "Example", "https://example.com/9", "Why did the city close the river bridge? Everything you need to know",
			"The city closed the Harbour Street bridge on Friday after engineers found cracks in two of its piers.\n\nRepairs are expected to take at least three months, the transport department said.")),
			"", []string{"Why", "?", "need to know"}},
		{"nor in Russian", storyOf("ru", report("ru", "Пример", "https://example.ru/9", "Почему закрыли мост через Урал? Отвечаем на главные вопросы",
			"Власти Оренбурга закрыли мост через Урал в пятницу после того, как инженеры нашли трещины в двух опорах.\n\nРемонт займет не меньше трех месяцев, сообщили в мэрии.")),
			"", []string{"Почему", "отвечаем"}},
		{"a bidi control never reaches the headline", storyOf("en", report("en", "Example", "https://example.com/1", "Trump and Putin speak \u202eby phone for hours", reuCall)), "Trump and Putin speak by phone for hours", nil},
		{"a settled title wins over a speculative one", storyOf("ja",
			report("ja", "共同通信", "https://www.47news.jp/1", "米ロ首脳、近く電話会談か　ウクライナ和平巡り", "ロシアの有力紙は12日、プーチン大統領とトランプ米大統領が近く電話で会談する可能性があると報じた。"),
			report("ja", "NHK", "https://www3.nhk.or.jp/2", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall)),
			"米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nil},
		{"as in Russian", storyOf("ru",
			report("ru", "RIA", "https://ria.ru/1", "Путин и Трамп могут провести телефонный разговор в ближайшие дни", "Президенты России и США могут провести телефонный разговор в ближайшие дни, сообщил источник."),
			report("ru", "タス", "https://tass.ru/1", "Ушаков: Путин и Трамп поддержали обмен пленными по формуле 500 на 500", "Президенты России и США в ходе телефонного разговора поддержали идею обмена военнопленными по формуле 500 на 500.")),
			"Ушаков: Путин и Трамп поддержали обмен пленными по формуле 500 на 500", nil},
		{"a long title keeps its whole phrases", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/3", "ゼレンスキー大統領 ロシアに対し圧力強める必要性を強調　欧州各国に追加の防空支援も求める", "ウクライナのゼレンスキー大統領は4日、ロシアに対して圧力を強める必要性を強調しました。")),
			"ゼレンスキー大統領 ロシアに対し圧力強める必要性を強調", nil},
		{"a title that only quotes loses to one that tells the event", storyOf("ja",
			report("ja", "Sputnik", "https://t.me/sputnik_jp/58216", "【「長く、非常に生産的な会談だった」=トランプ米大統領】", "🇺🇸 トランプ米大統領は、プーチン露大統領との電話会談のあと、自身のSNSにこう投稿した。\n\n🗨️「前進はしているが、やるべきことはまだある」\n\n🔸 トランプ氏は、黒海での戦闘を止めるようプーチン氏に提案したと明らかにした。"),
			report("ja", "NHK", "https://www3.nhk.or.jp/2", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall)),
			"米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nil},
		{"a speculative title gives way to a settled report's lead", storyOf("ja",
			report("ja", "共同通信", "https://www.47news.jp/1", "米ロ首脳、近く電話会談か　ウクライナ和平巡り", "ロシアの有力紙は12日、プーチン大統領とトランプ米大統領が近く電話で会談する可能性があると報じた。"),
			report("ja", "NHK", "https://www3.nhk.or.jp/2", "", nhkCall)),
			"", []string{"か"}},
		{"a one-sentence story's headline leaves its lead to show", storyOf("ja", report("ja", "Flags", "https://flags.example/17", "日米首脳が電話会談", "首相はトランプ米大統領と電話で会談し、日米同盟の強化で一致した。")),
			"首相、トランプ米大統領と電話で会談", nil},
		{"an untitled report of someone's words: 「…」=who said them", storyOf("ja", report("ja", "t.me/rusjp_news", "https://t.me/rusjp_news/4410", "",
			"🇷🇺ペスコフ氏🗣️この犯罪を解決する為に必要な事はすべて行われる。\n\nロシア軍飛行場襲撃に関与したアルチョム・ティモフェエフについてドミトリー・ペスコフが語った。\n\nペスコフは身柄引き渡しについての質問に対し「これは特殊部隊の問題だ」と述べた。")),
			"「この犯罪を解決する為に必要な事はすべて行われる」=ペスコフ", nil},
		{"an untitled report: its lead, shortened", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/4", "", "ロシア軍はウクライナ各地に無人機で攻撃を行い、北部で5人が死亡するなど市民への被害が相次いでいます。\n\nクリメンコ内相は、5人が死亡したと明らかにしました。")),
			"ロシア軍、ウクライナ各地に無人機で攻撃", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := draftOf(tt.story, RenderOptions{}, "headline")
			if tt.want != "" && d.headline != tt.want {
				t.Errorf("headline %q, want %q", d.headline, tt.want)
			}
			for _, s := range tt.not {
				if strings.Contains(d.headline, s) {
					t.Errorf("headline %q holds %q", d.headline, s)
				}
			}
			lo, hi := minHeadlineRunes[d.lang], headlineRunes[d.lang]
			if n := utf8.RuneCountInString(d.headline); n < lo || n > hi {
				t.Errorf("headline %q of %d characters, want %d–%d", d.headline, n, lo, hi)
			}
		})
	}
}

func TestStageLead(t *testing.T) {
	tests := []struct {
		name  string
		story *briefbot.Story
		want  string
	}{
		{"the headline's report opens with its lead", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/2", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall)),
			"アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談し、ロシアとウクライナが来週、捕虜を500人ずつ交換することで一致しました。"},
		{"never the headline's own sentence again", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/3", "",
			"ロシアとウクライナは、捕虜150人ずつを交換した。\n\n解放されたロシア軍兵士は現在ベラルーシ領内にいる。")),
			"解放されたロシア軍兵士は現在ベラルーシ領内にいる。"},
		{"a quotation and its speaker after it are one lead", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/4", "ノヴォロシースク港への攻撃は西側が後押ししたテロ=露外務省",
			"❗️🗨️「キエフ政権は交渉の席で平和を語りながら、民間の港を狙っている」\n\nロシア外務省のザハロワ報道官は定例会見でこう述べた。")),
			"ロシア外務省のザハロワ報道官は定例会見で「キエフ政権は交渉の席で平和を語りながら、民間の港を狙っている」と述べた。"},
		{"a bare attribution goes with the sentence it attributes", storyOf("ru", report("ru", "タス", "https://tass.ru/2", "Песков: сроки встречи Путина и Трампа пока не определены",
			"МОСКВА, 13 марта. /ТАСС/. Сроки возможной встречи президентов России и США пока не определены. Об этом журналистам заявил пресс-секретарь президента РФ Дмитрий Песков.")),
			"Сроки возможной встречи президентов России и США пока не определены. Об этом журналистам заявил пресс-секретарь президента РФ Дмитрий Песков."},
		{"of reports joined, the lead that tells the headline's event", storyOf("ja",
			report("ja", "Sputnik", "https://t.me/sputnik_jp/58213", "【米ロ首脳が電話会談 捕虜500人ずつの交換を支持=露大統領補佐官】",
				"🇷🇺🇺🇸 プーチン露大統領とトランプ米大統領が電話で会談した。ウシャコフ露大統領補佐官が記者団に明らかにした。\n\n🔸 会談は約1時間40分に及んだ。\n\n🔸 両首脳は、ロシアとウクライナが来週、捕虜を500人ずつ交換する案を支持した。"),
			report("ja", "NHK", "https://www3.nhk.or.jp/2", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall)),
			"アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談し、ロシアとウクライナが来週、捕虜を500人ずつ交換することで一致しました。"},
		{"a channel post leads with its own first line, not its 🔸", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/58216", "【「長く、非常に生産的な会談だった」=トランプ米大統領】",
			"🇺🇸 トランプ米大統領は、プーチン露大統領との電話会談のあと、自身のSNSにこう投稿した。\n\n🗨️「前進はしているが、やるべきことはまだある」\n\n🔸 トランプ氏は、黒海での戦闘を止めるようプーチン氏に提案したと明らかにした。\n\n🔸 トランプ氏によると、プーチン氏はこの提案を「検討する」と約束した。")),
			"トランプ米大統領は、プーチン露大統領との電話会談のあと、自身のSNSに「前進はしているが、やるべきことはまだある」と投稿した。"},
		{"who said a speaking head's paragraph goes with its first sentence, the lead", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/58226", "🎤質問です、NATOは黒海でのロシアとの衝突に備えているのか？",
			"NATO事務総長ルッテ🗣️我々はどんな事態にも備えている。モスクワもそれを承知しているはずだ。ただ、商船の護衛は今のところ議題にない。\n\nブリュッセルでの記者会見で、マーク・ルッテ事務総長が語った。")),
			"ブリュッセルでの記者会見で、マーク・ルッテ事務総長が「我々はどんな事態にも備えている」と語った。"},
		{"a wire's dateline goes", storyOf("en", report("en", "AP", "https://apnews.com/1", "Zelenskyy says Russia is buying time",
			"KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy accused Moscow on Friday of stalling for time.\n\nFour people were injured in the overnight attack on Odesa, regional Gov. Oleh Kiper said.")),
			"Ukrainian President Volodymyr Zelenskyy accused Moscow on Friday of stalling for time."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := draftOf(tt.story, RenderOptions{}, "lead")
			if d.lead < 0 || d.lines[d.lead].text != tt.want {
				got := ""
				if d.lead >= 0 {
					got = d.lines[d.lead].text
				}
				t.Errorf("lead %q, want %q (headline %q)", got, tt.want, d.headline)
			}
		})
	}
}

func TestStageFacts(t *testing.T) {
	tests := []struct {
		name     string
		story    *briefbot.Story
		want     []string // facts that must be shown (substrings)
		not      []string // substrings no fact may hold
		wantSome int      // at least this many facts
	}{
		{"filler is never a fact", storyOf("en", report("en", "AP", "https://apnews.com/2", "Tornadoes kill at least 9 in Missouri and Illinois",
			"A string of tornadoes tore through Missouri and Illinois overnight, killing at least nine people, officials said.\n\nThe National Weather Service said at least 14 tornadoes were reported across the two states.\n\nSome information for this report provided by AFP and AP.\n\nAssociated Press writers Lena Ortiz and Dave Morgan contributed to this report.\n\nThe Kyiv Independent could not independently verify the claims.")),
			[]string{"14 tornadoes"}, []string{"information for this report", "contributed", "independently verify"}, 1},
		{"a Russian dash list is a list of sentences", storyOf("ru", report("ru", "タス", "https://t.me/tass_agency/1", "",
			"Ушаков — о телефонном разговоре Путина и Трампа:\n\n— беседа продолжалась около 1 часа 40 минут и была откровенной;\n\n— Путин поддержал идею обмена пленными в формате 500 на 500;\n\n— президенты не говорили о прекращении поставок оружия Киеву;\n\n— лидеры договорились поддерживать контакты на всех уровнях.")),
			[]string{"Ушаков: "}, []string{"— "}, 2},
		{"a Russian list after \"Он перечислил…:\" is the lister's", storyOf("ru", report("ru", "ТАСС", "https://tass.ru/6", "Ушаков рассказал об итогах разговора Путина и Трампа",
			"МОСКВА, 12 марта. /ТАСС/. Помощник президента Юрий Ушаков рассказал журналистам об итогах телефонного разговора Путина и Трампа. Он перечислил основные итоги беседы:\n— разговор продолжался около 1 часа 40 минут;\n— Путин проинформировал Трампа об атаке на порт Новороссийск;\n— стороны договорились поддерживать контакты на всех уровнях")),
			[]string{"Ушаков: Разговор продолжался около 1 часа 40 минут.", "Ушаков: Стороны договорились"}, []string{"Трампа: ", ";"}, 2},
		{"English bullets: each a sentence, their speaker kept", storyOf("en", report("en", "Reuters", "https://www.reuters.com/2", "Kremlin lists outcomes of Putin-Trump call",
			"MOSCOW (Reuters) - Kremlin aide Yuri Ushakov told reporters on Thursday what the two leaders had agreed:\n• the call lasted about an hour and forty minutes\n• both sides backed a 500-for-500 prisoner swap next week\n• the leaders agreed to keep in touch at all levels")),
			[]string{"Both sides backed a 500-for-500 prisoner swap next week, Yuri Ushakov said."}, []string{"• "}, 2},
		{"a channel's claims keep their speaker", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/5", "ウクライナ当局はテロを画策するようになった=プーチン大統領",
			"🇷🇺 ロシアのプーチン大統領は、ハイレベル会談に関するウクライナ側の要請についてコメントした。\n\n🔸 キエフの非合法政権がテロ組織へと変貌しつつある。\n\n🔸 キエフのスポンサーはテロリストの共犯者である。\n\n🔸 現在のキエフ政権は平和を必要としていない。")),
			[]string{"プーチン大統領によると、キエフのスポンサーはテロリストの共犯者である。"}, nil, 2},
		{"an NHK sub-heading with a stray quote is no fact", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/5", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致",
			nhkCall+"\n\nトランプ大統領 黒海での停戦を提案”\n\nトランプ大統領は、黒海を航行する船舶の安全を確保するため、海上での戦闘を一時的に止めるようプーチン大統領に提案したと明らかにしました。")),
			nil, []string{"停戦を提案”"}, 1},
		{"a dropped subject is put back before a verb of saying", storyOf("ja", report("ja", "時事通信", "https://www.jiji.com/2", "米ロ電話会談「情報収集続ける」　木原官房長官",
			"木原稔官房長官は13日午前の記者会見で、米ロ首脳の電話会談について「情報収集を続けている」と述べた。\n\n両首脳が捕虜交換で一致したことに関しては「停戦につながる動きであれば歓迎したい」と語った。\n\nウクライナ情勢を巡っては、先進7カ国（G7）と緊密に連携して対応する考えを重ねて示した。")),
			[]string{"木原稔官房長官は、ウクライナ情勢を巡っては"}, nil, 2},
		{"an interview's answers come with their questions", storyOf("ru", report("ru", "ТАСС", "https://tass.ru/3", "Песков ответил на вопросы о возможной встрече Путина и Трампа",
			"МОСКВА, 13 марта. /ТАСС/. Пресс-секретарь президента РФ Дмитрий Песков ответил на вопросы журналистов о возможной встрече Владимира Путина и Дональда Трампа.\n\n— Обсуждалось ли место встречи?\n\n— Нет, до этого пока не дошли. Сначала должны поработать эксперты.\n\n— Будет ли новый телефонный разговор?\n\n— Если понадобится, мы организуем его очень быстро.")),
			[]string{"На вопрос «Обсуждалось ли место встречи?» Песков ответил: «Нет", "На вопрос «Будет ли новый телефонный разговор?»"}, []string{"— "}, 2},
		{"as in Japanese, and 次の通り is no fact", storyOf("ja", report("ja", "時事通信", "https://www.jiji.com/3", "【一問一答】外務報道官、米ロ電話会談「対話の行方を注視」",
			"外務報道官は13日の定例会見で、米ロ首脳の電話会談などについて記者団の質問に答えた。主なやり取りは次の通り。\n\n――米ロ首脳の電話会談をどう受け止めているか。\n\n「首脳間の対話を含む外交努力を注視している」\n\n――日本として新たな対応は考えているか。\n\n「現時点で具体的に申し上げることはない。引き続きG7と緊密に連携していく」")),
			[]string{"「日本として新たな対応は考えているか」との質問に、外務報道官は「現時点で"}, []string{"次の通り"}, 2},
		{"a statement quoted in full is its author's", storyOf("en", report("en", "Reuters", "https://www.reuters.com/1", "Full text: G7 foreign ministers' statement on attacks on Black Sea ports",
			"The following is the text of a statement issued on Friday by the G7 foreign ministers.\n\n\"We condemn in the strongest terms the attacks on civilian port infrastructure in the Black Sea.\n\nWe welcome the agreement on an exchange of prisoners.\n\nWe will continue to coordinate closely on further measures.\"")),
			[]string{"G7 foreign ministers: We welcome the agreement on an exchange of prisoners."}, []string{"measures.\""}, 2},
		{"a line pointing back with この stands bare", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/8", "千葉県北西部で震度5弱の地震",
			"20日午後2時25分ごろ、千葉県北西部を震源とする地震があり、千葉県と茨城県の一部で震度5弱の揺れを観測しました。\n\n気象庁によりますと、震源の深さは約60キロと推定されています。\n\nこの地震による津波の心配はありません。")),
			[]string{"地震による津波の心配はありません。"}, []string{"この地震"}, 2},
		{"a line leaning on the one before is never shown", storyOf("en", report("en", "BBC", "https://www.bbc.co.uk/news/business-008", "India calls for fair trade rules",
			"India, which attends the G7 meeting on Friday, is unlikely to be cowed by its newcomer status.\n\nIn London on Thursday ahead of the meeting, India's finance minister lashed out at the restrictive trade policies of the G7 nations.\n\nHe objected to subsidies on agriculture that make it hard for developing nations like India to compete.\n\nChina is expected to face renewed pressure to abandon its fixed exchange rate.")),
			nil, []string{"He objected"}, 2},
		{"one fact in two wordings is shown once", storyOf("ja",
			report("ja", "NHK", "https://www3.nhk.or.jp/6", "米ロ首脳が電話会談", "アメリカのトランプ大統領とロシアのプーチン大統領は12日、電話で会談しました。\n\nそのうえでプーチン大統領は、ロシアが侵攻目的を放棄することはないという立場を改めて伝えたとしています。\n\n会談はおよそ1時間40分に及びました。"),
			report("ja", "Sputnik", "https://t.me/sputnik_jp/6", "", "🇷🇺🇺🇸 プーチン露大統領とトランプ米大統領が電話で会談した。\n\n🔸 会談は約1時間40分に及んだ。\n\n🔸 プーチン大統領は、紛争の根本原因を除去する目標は取り下げないと強調した。")),
			nil, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := draftOf(tt.story, RenderOptions{}, "more facts")
			var facts []string
			for _, i := range d.facts {
				facts = append(facts, d.lines[i].text)
			}
			all := strings.Join(facts, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("no fact holds %q:\n%s", w, all)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(all, n) {
					t.Errorf("a fact holds %q:\n%s", n, all)
				}
			}
			if len(facts) < tt.wantSome {
				t.Errorf("%d facts, want ≥ %d:\n%s", len(facts), tt.wantSome, all)
			}
			// No two shown lines say the same thing.
			shown := d.shownLines()
			for a := range shown {
				for b := a + 1; b < len(shown); b++ {
					if sameFact(d.sig(shown[a]), d.sig(shown[b])) || sharedMeasure(d.sig(shown[a]), d.sig(shown[b])) {
						t.Errorf("two lines say the same:\n%s\n%s", d.lines[shown[a]].text, d.lines[shown[b]].text)
					}
				}
			}
		})
	}
}

func TestStageQuote(t *testing.T) {
	tests := []struct {
		name  string
		story *briefbot.Story
		want  string // the 🗨️ line's text, "" for none
	}{
		{"そのうえで「…」gets its speaker back", storyOf("ja", report("ja", "NHK", "https://www3.nhk.or.jp/7", "ゼレンスキー大統領 ロシアに対し圧力強める必要性を強調",
			"ウクライナのゼレンスキー大統領は、4日、自身のSNSに投稿し、反発しました。\n\nそのうえで「世界がプーチンの脅威に弱腰になれば、プーチンは世界が自分の行為を見逃す用意があると解釈する」と述べ、ロシアに対して圧力を強める必要性を強調しました。")),
			"ウクライナのゼレンスキー大統領は「世界がプーチンの脅威に弱腰になれば、プーチンは世界が自分の行為を見逃す用意があると解釈する」と述べ、ロシアに対して圧力を強める必要性を強調しました。"},
		{"he said: the surname named before", storyOf("en", report("en", "AP", "https://apnews.com/3", "Tornadoes kill at least 9 in Missouri and Illinois",
			"A string of tornadoes tore through Missouri and Illinois overnight, killing at least nine people, officials said.\n\nMissouri Gov. Mike Kehoe toured the hardest-hit neighborhoods on Thursday morning.\n\n\"We lost neighbors last night. We will rebuild, and we will do it together,\" he said.")),
			"\"We lost neighbors last night. We will rebuild, and we will do it together,\" Kehoe said."},
		{"a speaking head's words carry the speaker", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/7", "",
			"🇷🇺ペスコフ氏🗣️海上停戦についてのゼレンスキー氏の発言は、大統領に報告済みだ。\n\nロシアのペスコフ大統領報道官が、記者団の質問に答えた。\n\n🔸 ペスコフ氏はまた、米ロ首脳会談の開催時期について「まだ何も決まっていない」と述べた。")),
			""},
		{"— написала она: the woman named before", storyOf("ru", report("ru", "ТАСС", "https://tass.ru/4", "Захарова: Россия не допустит превращения Черного моря в зону террора",
			"Россия не допустит превращения Черного моря в зону террора. Об этом заявила на брифинге официальный представитель МИД РФ Мария Захарова.\n\n«Мы не допустим, чтобы киевский режим безнаказанно атаковал мирные порты», — сказала она.")),
			"«Мы не допустим, чтобы киевский режим безнаказанно атаковал мирные порты», — сказала Захарова."},
		{"— написал он в своем Telegram-канале: not the channel", storyOf("ru", report("ru", "ТАСС", "https://tass.ru/5", "Губернатор Кубани: пострадавшие при атаке на порт получают помощь",
			"Двое сотрудников порта госпитализированы. Об этом сообщил губернатор Краснодарского края Вениамин Кондратьев.\n\n«Я на связи с главой Новороссийска. Все службы работают в усиленном режиме», — написал он в своем Telegram-канале.")),
			"«Я на связи с главой Новороссийска. Все службы работают в усиленном режиме», — написал Кондратьев в своем Telegram-канале."},
		{"a quotation nobody is named for is not shown", storyOf("en", report("en", "Example", "https://example.com/2", "Storm damages homes across the region",
			"A storm damaged dozens of homes across the region overnight, officials said.\n\n\"From people screaming to the sound of glass, it was terrifying,\" said one.\n\nPower was restored to most homes by the evening.")),
			""},
		{"an opinion-only story: its author's words, attributed", storyOf("ja", report("ja", "平和ウォッチ", "https://x.com/peacewatch_jp/status/1", "",
			"私は、米ロの電話会談こそが平和への道だと信じている。\n\n私たちは対話を支えるべきだと思う。\n\n大手メディアはこの会談を小さく扱う。")),
			"平和ウォッチ「私は、米ロの電話会談こそが平和への道だと信じている。」"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := draftOf(tt.story, RenderOptions{}, "quote")
			got := ""
			if d.quote >= 0 {
				got = d.quoteText(d.quote)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("quote %q, want %q", got, tt.want)
			}
			if tt.want == "" && got != "" && !named(got, d.lang) {
				t.Errorf("quote %q names no speaker", got)
			}
		})
	}
}

func TestStageBackground(t *testing.T) {
	tests := []struct {
		name  string
		story *briefbot.Story
		want  string // substring of the ℹ️ line
	}{
		{"English: earlier", storyOf("en", report("en", "Reuters", "https://www.reuters.com/1", "Putin tells Trump Russia must respond to drone strikes",
			"Russian President Vladimir Putin told U.S. President Donald Trump on Wednesday that Moscow would respond to Ukraine's drone attacks.\n\nTrump said the call lasted an hour and 15 minutes.\n\nThe two leaders also discussed Iran's nuclear programme.\n\nEarlier, Putin accused Kyiv of terrorism over the bombing of two bridges in western Russia.")),
			"Earlier, Putin accused Kyiv"},
		{"Russian: как сообщалось", storyOf("ru", report("ru", "Интерфакс", "https://www.interfax.ru/1", "Путин и Трамп не обсуждали поставки оружия Украине - Ушаков",
			"Москва. 12 марта. INTERFAX.RU - Владимир Путин и Дональд Трамп в ходе телефонного разговора не стали говорить о приостановке поставок оружия Украине, сообщил помощник президента РФ Юрий Ушаков.\n\nПрезиденты условились созвониться вновь в обозримой перспективе, отметил Ушаков.\n\nКак сообщалось, в начале марта Трамп заявил, что Вашингтон пока не намерен пересматривать объем военной помощи Киеву.")),
			"Как сообщалось"},
		{"Japanese: 5月上旬", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/8", "プーチン大統領、新教皇レオ14世と初の電話会談",
			"🇷🇺🇻🇦 ローマ教皇レオ14世との電話会談で、プーチン露大統領は紛争のエスカレーションに注意を促した。\n\n🔸 プーチン大統領は、捕虜や遺体の交換について合意したことについて語った。\n\n5月上旬、レオ14世は第267代ローマ教皇に就任した。")),
			"5月上旬"},
		{"the channel's own ℹ️ first", storyOf("ja", report("ja", "Sputnik", "https://t.me/sputnik_jp/9", "米ロ首脳が電話会談 捕虜500人ずつの交換を支持=露大統領補佐官",
			"🇷🇺🇺🇸 プーチン露大統領とトランプ米大統領が電話で会談した。\n\n🔸 両首脳は、捕虜を500人ずつ交換する案を支持した。\n\n🔸 両首脳はこれまでの協議の経緯を振り返った。\n\nℹ️ トランプ氏の大統領復帰後、両首脳の電話会談が公表されたのは今回で7回目。")),
			"今回で7回目"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := draftOf(tt.story, RenderOptions{}, "background")
			if d.bg < 0 || !strings.Contains(d.lines[d.bg].text, tt.want) {
				got := ""
				if d.bg >= 0 {
					got = d.lines[d.bg].text
				}
				t.Errorf("ℹ️ %q, want one holding %q", got, tt.want)
			}
		})
	}
}

func TestStageSources(t *testing.T) {
	s := storyOf("ja",
		report("ja", "NHK", "https://www3.nhk.or.jp/a?utm_source=x", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall),
		report("ja", "NHK", "https://www3.nhk.or.jp/b", "米ロ首脳が電話会談", nhkCall+"\n\n両首脳の電話会談が公表されるのは7回目です。"),
		report("ja", "ロイター", "https://jp.reuters.com/c", "プーチン氏、トランプ氏と電話会談", "ロシアのプーチン大統領は12日、トランプ米大統領と電話で会談した。"),
		report("ja", "毎日新聞", "https://mainichi.jp/d", "社説：米ロの電話会談", "私は、この電話会談が停戦への足がかりになると考えている。\n\n私たちは捕虜交換を歓迎すべきだと思う。\n\n日本政府も働きかけを強めるべきだ。"),
	)
	d := draftOf(s, RenderOptions{}, "sources")
	var outlets []string
	for _, src := range d.sources {
		outlets = append(outlets, src.Outlet)
		if strings.Contains(src.URL, "utm_") {
			t.Errorf("tracking parameter kept: %s", src.URL)
		}
	}
	if got := strings.Join(outlets, " "); got != "NHK NHK ロイター" {
		t.Errorf("sources %q, want NHK NHK ロイター (the opinion beside reports is none)", got)
	}
	if want := `<a href="https://www3.nhk.or.jp/a">NHK</a> <a href="https://www3.nhk.or.jp/b">[2]</a> · <a href="https://jp.reuters.com/c">ロイター</a>`; d.sourceLine != want {
		t.Errorf("📰 %s\nwant %s", d.sourceLine, want)
	}
}

// A story told in several languages is written in the language asked, from
// its reports in that language; with none, from all, under that language.
func TestRenderLanguage(t *testing.T) {
	s := storyOf("ja",
		report("ja", "NHK", "https://www3.nhk.or.jp/2", "米ロ首脳が電話会談 捕虜500人ずつの交換で一致", nhkCall),
		report("en", "Reuters", "https://www.reuters.com/2", "Trump and Putin back 500-for-500 prisoner swap in long call", reuCall),
	)
	for _, tt := range []struct{ lang, wantLang, wantIn, notIn string }{
		{"", "ja", "捕虜", "Reuters"},
		{"ja", "ja", "捕虜", "Reuters"},
		{"en", "en", "prisoners", "NHK"},
		{"ru", "ru", "捕虜", ""},
	} {
		b := Render(s, RenderOptions{Language: tt.lang})
		checkStyle(t, b, 0)
		if b.Language != tt.wantLang || !strings.Contains(b.HTML, tt.wantIn) || tt.notIn != "" && strings.Contains(b.HTML, tt.notIn) {
			t.Errorf("Language %q: brief in %q:\n%s", tt.lang, b.Language, b.HTML)
		}
	}
}

func TestRuGenitive(t *testing.T) {
	for in, want := range map[string]string{"Захарова": "Захаровой", "Ушаков": "Ушакова", "Зеленский": "Зеленского", "Трамп": "Трампа", "Путин": "Путина", "Рютте": "Рютте", "Цой": "Цой"} {
		if got := ruGenitive(in); got != want {
			t.Errorf("ruGenitive(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestTagDate: the tag dates the event, not the eve report that only
// expected it.
func TestTagDate(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 4, d, 6, 0, 0, 0, time.UTC) }
	at := func(it briefbot.Item, d int) briefbot.Item { it.Published = day(d); return it }
	eve := report("ja", "共同通信", "https://example.jp/eve", "日韓首脳、来週にも会談へ　ソウルで調整か", "【ソウル共同】日韓両政府は、首脳会談を来週にもソウルで開く方向で調整に入った。\n\n関係者が明らかにした。")
	held := report("ja", "NHK", "https://example.jp/held", "日韓首脳会談 ソウルで開催 シャトル外交の継続確認", "日韓両首脳は21日、ソウルで会談し、シャトル外交を続けることを確認しました。\n\n会談はおよそ1時間半に及びました。")
	later := report("ja", "時事通信", "https://example.jp/later", "日韓首脳、シャトル外交継続で一致", "日韓両首脳は21日、ソウルで会談し、シャトル外交の継続で一致した。\n\n両首脳は経済安全保障での協力も確認した。")
	tests := []struct {
		name  string
		items []briefbot.Item
		want  string
	}{
		{"eve report left out", []briefbot.Item{at(eve, 15), at(held, 21), at(later, 22)}, "260421"},
		{"earliest settled report", []briefbot.Item{at(later, 22), at(held, 21)}, "260421"},
		{"only the eve report", []briefbot.Item{at(eve, 15)}, "260415"},
	}
	for _, tt := range tests {
		s := storyOf("ja", tt.items...)
		s.FirstPublished = tt.items[0].Published
		for _, it := range tt.items {
			if it.Published.Before(s.FirstPublished) {
				s.FirstPublished = it.Published
			}
		}
		d := newDraft(s, RenderOptions{Location: time.UTC})
		if got := d.tagDate().Format("060102"); got != tt.want {
			t.Errorf("%s: tag date %s, want %s", tt.name, got, tt.want)
		}
	}
}
