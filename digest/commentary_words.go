package digest

import (
	"regexp"
	"strings"
)

// opinionWords are one language's cues for the opinion rule (commentary.go).
// Each is matched against the writer's own words: quotations, dialogue and
// texts the item carries whole are removed before.
type opinionWords struct {
	// Judgement cues: the writer speaks for themself.
	first      *cue // I, we, 私, я: the writer in person
	address    *cue // you, あなた, вы: the writer turns to the reader
	hope       *cue // hope, wish, 願う, надеюсь
	duty       *cue // should, must, べきだ, должен: the writer demands
	belief     *cue // a conjecture the writer owns: 〜だろう, 〜と思う (Japanese only)
	question   *cue // a question nobody in the text is asked
	imperative *cue // wake up, 目を覚ませ, не позволяйте
	// reading tells what others' words really mean (in other words, つまり,
	// иными словами) or what they always do (every time, каждый раз): the
	// writer's reading of a source, not the source.
	reading *cue
	// stance: loaded or evaluative words (regime, puppet, 独裁者, кураторы),
	// stance adverbs (surely, もはや, в очередной раз). Weak on its own: a
	// report may call something a regime; only text with no source at all
	// is judged by it.
	stance *cue

	// Report cues.
	said    *cue           // a verb of saying or a source: said, によると, заявил
	backref *regexp.Regexp // a sentence that attributes the one before: Об этом заявил…
	frame   *cue           // announces someone else's text: the following, 全文, полностью
	speaker *regexp.Regexp // a line in someone else's voice: Q:, PESKOV:, ――, — (dialogue)
	house   *regexp.Regexp // the outlet's own staff: our correspondent, наш корреспондент

	// Title cues.
	genre      *regexp.Regexp // an opinion section's label: Opinion:, 社説, Колонка
	transcript *regexp.Regexp // someone else's text in full: Full text, 一問一答, Полный текст
	source     *regexp.Regexp // a title that names who speaks: =露外務省, X says, — Кремль
}

// opinionURL matches the path of an opinion section on news sites
// (theglobeandmail.com/opinion/, vz.ru/opinions/, theguardian.com/commentisfree/).
var opinionURL = regexp.MustCompile(`(?i)^https?://[^/]+(?:/[^/?#]+)*?/(?:opinions?|editorials?|commentisfree|columns?|columnists?|op-?eds?|letters|comment-?is-?free|mnenie|mneniya|kolonki?|shasetsu|kolumnisty)(?:/|$|\?|#)`)

// Cyrillic has no \b in RE2: words are delimited by hand.
const (
	ruL = `(?:^|[^\p{L}\p{N}])`
	ruR = `(?:[^\p{L}\p{N}]|$)`
)

// ruWords builds a case-insensitive Russian alternation of whole words;
// \p{L}* lets a stem take any ending.
func ruWords(alts string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)` + ruL + `(?:` + alts + `)` + ruR)
}

// joined prefixes each of the |-separated stems with head: と + 述べ|語っ.
func joined(head, stems string) string {
	parts := strings.Split(stems, "|")
	for i, p := range parts {
		parts[i] = head + p
	}
	return strings.Join(parts, "|")
}

var opinionLexicon = map[string]*opinionWords{
	"ja": {
		// 私 but not in 私立, 私鉄, 私的 (private); 僕 but not 公僕.
		first: literal(false, `我々|われわれ|我ら|わたし|ぼく|筆者|我が国|わが国|我が社|本紙|小欄`,
			`私(?:[^立鉄的邸有服設物財募営生費用案刑道企塾]|$)|(?:^|[^公下])僕`),
		address: literal(false, `あなた|皆さん|皆様|みなさん|読者の方`, ""),
		// 願う, 祈る, 〜てほしい, and a sentence that ends in a wish (〜したい。).
		hope: literal(false, `てほしい|でほしい|てもらいたい|望みたい|期待したい|たいものだ|たいと思`, "").
			ending(`(?:(?:願|祈)(?:っています|っている|ってやまない|ってやみません|います|う|る|ります)|たい)[。！!]?$`),
		duty: literal(false, `べき|なければならない|ねばならない|なくてはならない|てはならない|ではならない`, "").
			ending(`(?:せよ|るな)[。！!]?$`),
		// A report says whose estimate it gives; 〜だろう, 〜と思う own it.
		// (Not 〜でしょう: the forecaster's あすは雨が降るでしょう.)
		belief:     literal(false, `だろう|と思う|と思い|と思っ|と思わ|思えない|に違いない|と信じ|と確信`, ""),
		question:   ends(`[？?][」』）)]*$|(?:のか|だろうか|でしょうか|ではないか|ではなかろうか|じゃないか|というのか|ないのか)[。]?$`),
		imperative: ends(`[！!][」』）)]*$|(?:しよう|ましょう|なさい|てくれ|ようではないか)[。！!]?$`),
		reading:    literal(false, `つまり|要するに|言い換えれば|裏を返せば|いつも|毎回|決まって`, ""),
		stance: literal(false, `なぜなら|不可欠|こそ|決して|断じて|絶対に|彼ら|結局|もはや|まさに|いったい|言うまでもな|ほかならない|にすぎない|に過ぎない|なのだ|はずだ|またしても|またもや|相変わらず|許しがたい|恥ずべき|愚か|卑劣|無責任|露骨|茶番|欺瞞|偽善|傀儡|独裁者|後見人|黒幕|戦争屋|ディープステート|影の政府|闇の勢力|大手メディア|マスコミ|マスゴミ|売国|二重基準|ダブルスタンダード|手玉|筋書き|末路|保身|延命|沈黙を決め込|目を覚ま|プロパガンダ|真実|嘘|でっち上げ|捏造|言いなり|操り人形|ごまかし|開き直`,
			`一体[、誰何な]|当然(?:だ|の)`).ending(`(?:だけだ|のだ|のです)[。]?$`),

		said: literal(false, joined("と", `述べ|語っ|語り|話し|説明|強調|指摘|批判|非難|主張|訴え|明らかに|発表|表明|報じ|伝え|答え|投稿|書き込|警告|呼びかけ|要求|求め|発言|言及|コメント|明言|反論|否定|記し|記者団|評価|歓迎|懸念|分析|けん制|牽制|示唆|約束|誓っ|宣言|証言|供述|回答|応じ|みられ|見られ|推定|推計`)+
			"|"+joined("との", `見方|考え|認識|見解|方針|意向|立場`)+
			"|"+joined("を", `発表|表明|明らかに|公表|報じ|伝え|強調|示し`)+
			`|によると|によれば|によりますと|によって明らか|発表し|明らかにし|明らかになっ|分かった|わかった|判明|声明で|談話で|談話を|記者団に|取材に対し|投稿し|答えた|答えまし|述べ|語っ|語り|話しました|説明し|強調し|指摘し|主張し|訴えた|訴えまし|非難し|批判し|発言し|表明し`,
			`と(?:している|しています|した[。、]|しました|され|する[。、])`).
			// 〜としている is a source's statement, 〜ようとしている an attempt.
			notAfter("う").
			ending(`(?:という|といいます|ということだ|ということです|とのことだ|とのことです)[。]?$`),
		backref: regexp.MustCompile(`^(?:こう|このように|以上のように|と、)|(?:が|は)(?:明らかにした|発表した|伝えた|報じた|述べた|語った)[。]?$`),
		frame:   literal(false, `次の通り|次のとおり|以下の通り|以下のとおり|次のように|全文|抜粋|`+joined("次の", `談話|声明|コメント|発言|内容`)+`|`+joined("以下の", `談話|声明|コメント|発言|内容`), ""),
		speaker: regexp.MustCompile(`^(?:―|─|—|－|-|ー){1,2}|^(?:問|答|Ｑ|Ａ|Q|A)[：:.．]`),
		house:   regexp.MustCompile(`本紙の取材|本紙記者|本紙特派員`),

		genre:      regexp.MustCompile(`^[【\[［〈<]?(?:社説|主張|論説|コラム|オピニオン|論壇|寄稿|投稿|読者の声|声|私見|視点|余録|天声人語|編集手帳|春秋|産経抄|筆洗|中日春秋|卓上四季|公開書簡|公開質問状|意見広告)[】\]］〉>]?(?:[\s　：:|｜／/・]|$)|公開書簡|公開質問状`),
		transcript: regexp.MustCompile(`一問一答|全文|（抜粋）|\(抜粋\)|要旨`),
		source:     regexp.MustCompile(`[=＝][^=＝]{1,25}$|^[\p{Han}\p{Katakana}\p{Hiragana}ー・]{2,15}[「『][^」』]+[」』]|[」』][\s　]*[^\s　「」]{1,15}(?:氏|官|相|長|報道官|大統領|首相|総裁|知事|議員|大使)$|と(?:述べ|語|発表|表明|明言|強調|批判|非難)`),
	},
	"en": {
		// "I" is checked by enFirstPerson (World War I is no one's voice);
		// "us" in lower case only (the US is a country).
		first:      pattern(`\b(?:me|my|mine|myself|[Ww]e|us|[Oo]ur|ours|ourselves)\b`),
		address:    literal(true, `you|your|yours|yourself|yourselves`, ""),
		hope:       literal(true, `hopefully|let's hope|let us hope|here's hoping|fingers crossed`, ""),
		duty:       literal(true, `should|shouldn't|must|mustn't|ought to|it is time|it's time`, ""),
		question:   ends(`\?[”"’')\]]*$`),
		imperative: pattern(`^(?:Don't|Do not|Never forget|Let's|Let us|Wake up|Remember|Imagine|Consider|Keep (?:that|this|in mind)|Stop (?:pretending|believing)|Ask yourself|Make no mistake|Mark my words|Full stop|Period\.|Enough)\b`).ending(`![”"’')\]]*$`),
		reading:    literal(true, `in other words|in plain english|in plain language|in plain terms|translated from|mean the same thing|means the same thing|really mean|really means|reading between the lines|every time|each time|time and again|time after time|again and again|as always|as usual|keep falling for|keeps falling for|keep pretending|keeps pretending|keep failing|keeps failing`, ""),
		stance: literal(true, `surely|clearly|obviously|of course|frankly|honestly|no doubt|undoubtedly|sadly|shamefully|once again|yet again|the truth is|the fact is|no accident|no coincidence|too convenient|fool no one|fools no one|nothing more than|nothing but|little more than|so-called|let alone|nonsense|absurd*|farce|charade|propaganda|narrative|mainstream media|mainstream press|establishment|deep state|regime|junta|puppet|puppets|stooge|stooges|lackey|lackeys|warmonger|warmongers|globalist|globalists|sponsors|complicit|desperat*|disgrace*|shameful|reckless*|cynical*|hypocri*|betray*|appeasement|capitulat*|tyrant|tyrants|elites|swamp|kept alive|bankroll*`,
			`(?i)^(?:because|that's why|that is why|which is why)\b`).ending(`(?i)\bagain\.$`),

		said:    literal(true, `said|says|say|told|tells|according to|announced|announces|stated|states|reported|reports|added|adds|wrote|writes|argued|argues|claimed|claims|insisted|insists|warned|warns|urged|urges|called on|called for|calls for|accused|accuses|denied|denies|confirmed|confirms|noted|notes|explained|explains|asked|asks|replied|replies|tweeted|posted|issued|quoted|in a statement|in a post|in an interview|told reporters|estimated|estimates|showed|shows|found|finds|predicted|forecast`, ""),
		backref: regexp.MustCompile(`^(?:That|This|So) (?:was|is) (?:what|how)|^(?:he|she|they|it) (?:said|added|told)`),
		frame:   literal(true, `the following|full text|in full|text of a statement|text of the statement|text of his|text of her|text of their|excerpt|excerpts|transcript|edited for length|edited for clarity`, `:\s*$`),
		speaker: regexp.MustCompile(`^(?:Q|A|[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2})\s*:\s|^[—–-]\s`),
		house:   regexp.MustCompile(`(?i)\bour (?:\w+ )?(?:correspondent|editor|reporter|team|sister|colleagues?|partners?|analysis|live page|coverage)s?\b`),

		genre:      regexp.MustCompile(`(?i)^(?:opinion|editorial|the editorial|our view|column|comment|commentary|op-?ed|letters?|letter to the editor|readers'? letters|viewpoint|view|perspective|guest essay|an open letter|open letter)\b\s*(?:[:|\-—–]|$)|^(?:an )?open letter\b`),
		transcript: regexp.MustCompile(`(?i)^(?:full text|transcript|q ?& ?a|in full|read the full|text of)\b|\b(?:full text|in full|transcript)\b`),
		source:     regexp.MustCompile(`(?i)\b(?:says?|said|tells?|told|warns?|urges?|claims?|according to|announces?|asks?|reports?|accuses?|denies|insists?|vows?)\b|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}: ['"‘“]`),
	},
	"ru": {
		first:   literal(true, `я|меня|мне|мной|мой|моя|моё|мое|мои|моего|моей|моему|моих|моим|моими|мою|мы|нас|нам|нами|наш|наша|наше|наши|нашего|нашей|нашему|нашим|наших|нашими|нашу|по-моему|по-нашему|на мой взгляд|считаю|полагаю|думаю|убеждён|убежден`, ""),
		address: literal(true, `вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|ваших|вашу|уважаемые|уважаемый|господин президент`, ""),
		hope:    literal(true, `надеюсь|надеемся|хочется|будем надеяться|остаётся надеяться|остается надеяться|дай бог|верю|верим`, ""),
		// должен with an infinitive, but not "должно состояться" (is to take
		// place); следует, стоит with an infinitive; пора, нужно, нельзя.
		duty: literal(true, `пора|нужно|надо|необходимо|нельзя|обязан|обязаны`,
			`(?i)`+ruL+`(?:(?:должен|должна|должно|должны)(?:[^\p{L}]+(?:не[^\p{L}]+)?(?:[\p{L}]+[^\p{L}]+)?)(?:[\p{L}]+(?:ть|ться|ти|чь))|следует[^\p{L}]+(?:[\p{L}]+ть|[\p{L}]+ться|не)|стоит[^\p{L}]+(?:[\p{L}]+ть|[\p{L}]+ться|[\p{L}]+ти))`+ruR),
		question:   ends(`\?[»"”)\]]*$`),
		imperative: pattern(`^(?:Не позволяйте|Не дайте|Не верьте|Давайте|Посмотрим|Представьте|Подумайте|Задумайтесь|Вспомните|Проснитесь|Запомните|Хватит)` + ruR).ending(`![»"”)\]]*$`),
		reading:    literal(true, `иными словами|другими словами|иначе говоря|в переводе с|означает одно и то же|означают одно и то же|между строк|каждый раз|раз за разом|всякий раз|как всегда|как обычно|вечно`, ""),
		stance: literal(true, `очевидно|разумеется|конечно|безусловно|неужели|разве|в очередной раз|опять|так называем*|режим*|куратор*|покровител*|спонсор*|марионет*|пропаганд*|партия войны|партии войны|глубинное государство|глубинного государства|двойные стандарты|двойных стандартов|лицемер*|позор*|стыдлив*|циничн*|авантюр*|обречен*|обречён*|истери*|русофоб*|хозяев*|хунт*|красноречив*|всего лишь|не случайность|не случайно|любой ценой|не прощает`,
			`(?i)^(?:потому что|отсюда|вот почему|именно поэтому)`+ruR),

		said:    literal(true, `заявил*|в заявлении|в сообщении|сообщил*|сообщается|сообщает|сказал*|рассказал*|отметил*|подчеркнул*|добавил*|пояснил*|уточнил*|считает|считают|полагает|полагают|по словам|по данным|по информации|по мнению|по версии|по оценк*|как сообщ*|говорится|передает|передаёт|пишет|написал*|призвал*|обвинил*|ответил*|назвал*|указал*|констатировал*|предупредил*|объявил*|опубликовал*|заверил*|признал*|выразил*|задался вопросом|свидетельствуют|показал*|журналистам|отвечая`, ""),
		backref: regexp.MustCompile(`(?i)^(?:Об этом|Такое|Так |Это заявил|Как (?:заявил|сообщил|отметил|рассказал))`),
		frame:   literal(true, `приводим|полный текст|текст заявления|ниже приводится|основные заявления|главное из|выдержки`, ""),
		speaker: regexp.MustCompile(`^(?:—|–|-)\s*\p{L}|^(?:Вопрос|Ответ|В|О)\s*:\s`),
		house:   ruWords(`наш\p{L}* корреспондент\p{L}*|наш\p{L}* издани\p{L}*|нашему изданию|нашей редакци\p{L}*`),

		genre:      regexp.MustCompile(`(?i)^(?:мнение|колонка|редакционная статья|от редакции|комментарий обозревателя|открытое письмо|письмо читателя|письма читателей|точка зрения|особое мнение|авторская колонка|взгляд)` + ruR + `|открытое письмо`),
		transcript: ruWords(`полный текст|текст заявления|стенограмма|полностью`),
		source:     regexp.MustCompile(`\s[—–-]\s*[\p{Lu}][\p{L}.\- ]{1,30}$|^[\p{Lu}][\p{L}\-]+(?: [\p{Lu}][\p{L}\-]+)?:\s|(?i:` + ruL + `(?:заявил\p{L}*|сообщил\p{L}*|рассказал\p{L}*|призвал\p{L}*|назвал\p{L}*|ответил\p{L}*|считает|уверен\p{L}*|пообещал\p{L}*|предупредил\p{L}*)` + ruR + `)`),
	},
}
