package digest

//go:generate go test -tags sqlite_fts5 -run TestTermWeightsTable -update-terms .

// Words that every report uses tell little about which event it reports:
// "会談", "攻撃", "government", "заявил" are shared by reports of a dozen
// events a day. Clustering weighs a term by how rare it is in news at
// large, from a fixed table (termweights_gen.go), never by how often it
// occurs in the items at hand: a weight taken from the batch would make
// whether two reports join depend on what else was fetched with them.
//
// The table weighs each term common in one of three reference sets of news
// text — 300 Japanese Wikinews articles, 100 English BBC articles, the
// Russian wire texts of this package's test data — by its document
// frequency there, ln((N+1)/(df+0.5)) / ln(2(N+1)), and the hand-kept words
// of commonNewsTerms as if a fifth of the articles held them. A term the
// table lacks is taken to be rare (weight 1). None of the labelled sets
// clustering is measured on is among the reference sets.

// termWeight is how much sharing term t tells, in (0, 1].
func termWeight(t string) float64 {
	if q, ok := commonTerms[t]; ok {
		return float64(q) / termWeightSteps
	}
	return 1
}

// termWeightSteps: the table stores weights in steps of 1/termWeightSteps.
const termWeightSteps = 16

// commonNewsTerms are words every news report uses whatever happened,
// which the reference sets are too small to show as common: reporting
// verbs, offices, time words, and the loanwords that Japanese writes in
// katakana like a name (テロリスト, パートナー). They weigh as a term found in a fifth of
// all articles. One string a language, the words as terms() cuts them
// (Japanese kanji pairs, English and Russian words stemmed by the
// table's generator).
var commonNewsTerms = map[string]string{
	"ja": `発表 明らか 会談 協議 会見 記者 政府 首脳 大統領 首相 外相 長官 報道 関係 問題 情勢 今回 対応 指摘
強調 説明 表明 見通し 可能性 方針 姿勢 意向 懸念 批判 非難 要請 支援 合意 交渉 会議 会合 電話 訪問 攻撃 軍事
国際 各国 両国 同国 同氏 当局 地元 国内 海外 午前 午後 同日 先月 今月 今年 昨年 来年 政権 大臣 議会 選挙 経済 市場 企業 事件 事故 警察 死亡 けが 被害 影響 状況 結果
テロリスト スポンサー パートナー レベル リーダー メンバー トップ チーム スタッフ イベント プロジェクト
プログラム ケース リスク コスト ルール サイト ネットワーク セキュリティ インフラ エネルギー サイバー
ウイルス ワクチン ロケット センター ホテル シーズン ゲーム ミサイル ドローン メッセージ コメント`,
	"en": `said says told according statement spokesman spokeswoman spokesperson official officials government
minister president prime leader leaders country countries national international reporters report reported
news agency week year day time monday tuesday wednesday thursday friday saturday sunday talks meeting call
percent million billion people state states united including while since after added expected could would
first last two three new also world war military attack security police killed dead people`,
	"ru": `заявил заявила сообщил сообщила сообщает словам отметил отметила подчеркнул президент министр премьер
глава правительство правительства страны страна года году время также после ранее сегодня вчера среду
четверг пятницу субботу воскресенье понедельник вторник переговоры встреча встречи заявление журналистам
ведомства источник данным человек процентов миллиардов миллионов`,
}
