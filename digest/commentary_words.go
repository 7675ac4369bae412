package digest

import "regexp"

// opinionWords are one language's cues for the opinion rule (commentary.go).
// Each is matched against the writer's own words: quotations, dialogue and
// texts the item carries whole are removed before.
type opinionWords struct {
	// Judgement cues: the writer speaks for themself.
	first      *regexp.Regexp // I, we, 私, я: the writer in person
	address    *regexp.Regexp // you, あなた, вы: the writer turns to the reader
	hope       *regexp.Regexp // hope, wish, 願う, надеюсь
	duty       *regexp.Regexp // should, must, べきだ, должен: the writer demands
	belief     *regexp.Regexp // a conjecture the writer owns: 〜だろう, 〜と思う
	question   *regexp.Regexp // a question nobody in the text is asked
	imperative *regexp.Regexp // wake up, 目を覚ませ, не позволяйте
	// reading tells what others' words really mean (in other words, つまり,
	// иными словами) or what they always do (every time, каждый раз): the
	// writer's reading of a source, not the source.
	reading *regexp.Regexp
	// stance: loaded or evaluative words (regime, puppet, 独裁者, кураторы),
	// stance adverbs (surely, もはや, в очередной раз). Weak on its own: a
	// report may call something a regime; only text with no source at all
	// is judged by it.
	stance *regexp.Regexp

	// Report cues.
	said    *regexp.Regexp // a verb of saying or a source: said, によると, заявил
	backref *regexp.Regexp // a sentence that attributes the one before: Об этом заявил…
	frame   *regexp.Regexp // announces someone else's text: the following, 全文, полностью
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

var opinionLexicon = map[string]*opinionWords{
	"ja": {
		// 私 but not in 私立, 私鉄, 私的 (private); 僕 but not 公僕.
		first:   regexp.MustCompile(`私(?:[^立鉄的邸有服設物財募営生費用案刑道企塾]|$)|(?:^|[^公下])僕|我々|われわれ|我ら|わたし|ぼく|筆者|我が国|わが国|我が社|本紙|小欄`),
		address: regexp.MustCompile(`あなた|皆さん|皆様|みなさん|読者の方`),
		// 願う, 祈る, 〜てほしい, and a sentence that ends in a wish (〜したい。).
		hope: regexp.MustCompile(`(?:願|祈)(?:っています|っている|ってやまない|ってやみません|います|う|る|ります)[。！!]?$|てほしい|でほしい|てもらいたい|望みたい|期待したい|たい[。！!]?$|たいものだ|たいと思`),
		duty: regexp.MustCompile(`べき|なければならない|ねばならない|なくてはならない|てはならない|ではならない|せよ[。！!]?$|るな[。！!]?$`),
		// A report says whose estimate it gives; 〜だろう, 〜と思う own it.
		// (Not 〜でしょう: the forecaster's あすは雨が降るでしょう.)
		belief:     regexp.MustCompile(`だろう|と思[うい]|と思っ|と思わ|思えない|に違いない|と信じ|と確信`),
		question:   regexp.MustCompile(`[？?][」』）)]*$|(?:のか|だろうか|でしょうか|ではないか|ではなかろうか|じゃないか|というのか|ないのか)[。]?$`),
		imperative: regexp.MustCompile(`[！!][」』）)]*$|(?:しよう|ましょう|なさい|てくれ|ようではないか)[。！!]?$`),
		reading:    regexp.MustCompile(`つまり|要するに|言い換えれば|裏を返せば|いつも|毎回|決まって`),
		stance:     regexp.MustCompile(`なぜなら|不可欠|こそ|決して|断じて|絶対に|彼ら|結局|もはや|まさに|いったい|一体[、誰何な]|言うまでもな|ほかならない|にすぎない|に過ぎない|だけだ[。]?$|の(?:だ|です)[。]?$|なのだ|はずだ|またしても|またもや|相変わらず|当然(?:だ|の)|許しがたい|恥ずべき|愚か|卑劣|無責任|露骨|茶番|欺瞞|偽善|傀儡|独裁者|後見人|黒幕|戦争屋|ディープステート|影の政府|闇の勢力|大手メディア|マスコミ|マスゴミ|売国|二重基準|ダブルスタンダード|手玉|筋書き|末路|保身|延命|沈黙を決め込|目を覚ま|プロパガンダ|真実|嘘|でっち上げ|捏造|言いなり|操り人形|ごまかし|開き直`),

		// 〜としている is a source's statement, 〜ようとしている an attempt.
		said:    regexp.MustCompile(`と(?:述べ|語っ|語り|語った|話し|説明|強調|指摘|批判|非難|主張|訴え|明らかに|発表|表明|報じ|伝え|答え|投稿|書き込|警告|呼びかけ|要求|求め|発言|言及|コメント|明言|反論|否定|記し|記者団|評価|歓迎|懸念|分析|けん制|牽制|示唆|約束|誓っ|宣言|証言|供述|回答|応じ|みられ|見られ|推定|推計)|(?:^|[^う])と(?:している|しています|した[。、]|しました|され|する[。、])|との(?:見方|考え|認識|見解|方針|意向|立場)|(?:考え|見方|認識|見解|意向|姿勢)を示し|(?:という|といいます|ということだ|ということです|とのことだ|とのことです)[。]?$|によると|によれば|によりますと|によって明らか|を(?:発表|表明|明らかに|公表|報じ|伝え|強調)|発表し|明らかにし|明らかになっ|分かった|わかった|判明|声明で|談話で|談話を|記者団に|取材に対し|投稿し|答えた|答えまし|述べ|語っ|語り|話しました|説明し|強調し|指摘し|主張し|訴えた|訴えまし|非難し|批判し|発言し|表明し`),
		backref: regexp.MustCompile(`^(?:こう|このように|以上のように|と、)|(?:が|は)(?:明らかにした|発表した|伝えた|報じた|述べた|語った)[。]?$`),
		frame:   regexp.MustCompile(`次の(?:通り|とおり)|以下の(?:通り|とおり)|次のように|全文|(?:次|以下)の(?:談話|声明|コメント|発言|内容)|抜粋`),
		speaker: regexp.MustCompile(`^(?:―|─|—|－|-|ー){1,2}|^(?:問|答|Ｑ|Ａ|Q|A)[：:.．]`),
		house:   regexp.MustCompile(`本紙の取材|本紙記者|本紙特派員`),

		genre:      regexp.MustCompile(`^[【\[［〈<]?(?:社説|主張|論説|コラム|オピニオン|論壇|寄稿|投稿|読者の声|声|私見|視点|余録|天声人語|編集手帳|春秋|産経抄|筆洗|中日春秋|卓上四季|公開書簡|公開質問状|意見広告)[】\]］〉>]?(?:[\s　：:|｜／/・]|$)|公開書簡|公開質問状`),
		transcript: regexp.MustCompile(`一問一答|全文|（抜粋）|\(抜粋\)|要旨`),
		source:     regexp.MustCompile(`[=＝][^=＝]{1,25}$|^[\p{Han}\p{Katakana}\p{Hiragana}ー・]{2,15}[「『][^」』]+[」』]|[」』][\s　]*[^\s　「」]{1,15}(?:氏|官|相|長|報道官|大統領|首相|総裁|知事|議員|大使)$|と(?:述べ|語|発表|表明|明言|強調|批判|非難)`),
	},
	"en": {
		// "I" is checked by enFirstPerson (World War I is no one's voice).
		first:      regexp.MustCompile(`\b(?:me|my|mine|myself|we|We|us|our|Our|ours|ourselves)\b`),
		address:    regexp.MustCompile(`\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|[Yy]ourselves)\b`),
		hope:       regexp.MustCompile(`\b(?:[Hh]opefully|[Ll]et's hope|[Ll]et us hope|[Hh]ere's hoping|[Ff]ingers crossed)\b`),
		duty:       regexp.MustCompile(`\b(?:should|shouldn't|must|mustn't|ought to|[Ii]t is time|[Ii]t's time)\b`),
		question:   regexp.MustCompile(`\?[”"’')\]]*$`),
		imperative: regexp.MustCompile(`![”"’')\]]*$|^(?:Don't|Do not|Never forget|Let's|Let us|Wake up|Remember|Imagine|Consider|Keep (?:that|this|in mind)|Stop (?:pretending|believing)|Ask yourself|Make no mistake|Mark my words|Full stop|Period\.|Enough)\b`),
		reading:    regexp.MustCompile(`(?i)\b(?:in other words|in plain (?:english|language|terms)|translated from|means? the same thing|really means?|reading between the lines|every time|each time|time and again|time after time|again and again|as always|as usual|keeps? (?:falling for|pretending|failing))\b`),
		stance:     regexp.MustCompile(`(?i)^(?:because|that's why|that is why|which is why)\b|\b(?:surely|clearly|obviously|of course|frankly|honestly|no doubt|undoubtedly|sadly|shamefully|(?:once|yet) again|again\.|the truth is|the fact is|no accident|no coincidence|too convenient|fools? no one|nothing more than|nothing but|little more than|so-called|let alone|nonsense|absurd\w*|farce|charade|propaganda|narrative|mainstream (?:media|press)|establishment|deep state|regime|junta|puppets?|stooges?|lackeys?|warmongers?|globalists?|sponsors|complicit|desperat\w+|disgrace\w*|shameful|reckless\w*|cynical\w*|hypocri\w+|betray\w*|appeasement|capitulat\w+|tyrants?|elites|swamp|kept alive|bankroll\w*)\b`),

		said:    regexp.MustCompile(`\b(?:said|says|say|told|tells|according to|announced|announces|stated|states|reported|reports|added|adds|wrote|writes|argued|argues|claimed|claims|insisted|insists|warned|warns|urged|urges|called on|called for|calls for|accused|accuses|denied|denies|confirmed|confirms|noted|notes|explained|explains|asked|asks|replied|replies|tweeted|posted|issued|quoted|in a statement|in a post|in an interview|told reporters|estimated|estimates|showed|shows|found|finds|predicted|forecast)\b`),
		backref: regexp.MustCompile(`^(?:That|This|So) (?:was|is) (?:what|how)|^(?:he|she|they|it) (?:said|added|told)`),
		frame:   regexp.MustCompile(`(?i)\b(?:the following|full text|in full|text of (?:a|the|his|her|their) (?:statement|speech|letter)|excerpts?|transcript|edited for (?:length|clarity))\b|:\s*$`),
		speaker: regexp.MustCompile(`^(?:Q|A|[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2})\s*:\s|^[—–-]\s`),
		house:   regexp.MustCompile(`(?i)\bour (?:\w+ )?(?:correspondent|editor|reporter|team|sister|colleagues?|partners?|analysis|live page|coverage)s?\b`),

		genre:      regexp.MustCompile(`(?i)^(?:opinion|editorial|the editorial|our view|column|comment|commentary|op-?ed|letters?|letter to the editor|readers'? letters|viewpoint|view|perspective|guest essay|an open letter|open letter)\b\s*(?:[:|\-—–]|$)|^(?:an )?open letter\b`),
		transcript: regexp.MustCompile(`(?i)^(?:full text|transcript|q ?& ?a|in full|read the full|text of)\b|\b(?:full text|in full|transcript)\b`),
		source:     regexp.MustCompile(`(?i)\b(?:says?|said|tells?|told|warns?|urges?|claims?|according to|announces?|asks?|reports?|accuses?|denies|insists?|vows?)\b|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}: ['"‘“]`),
	},
	"ru": {
		first:   ruWords(`я|меня|мне|мной|мой|моя|моё|мое|мои|моего|моей|моему|моих|моим|моими|мою|мы|нас|нам|нами|наш|наша|наше|наши|нашего|нашей|нашему|нашим|наших|нашими|нашу|по-моему|по-нашему|на мой взгляд|считаю|полагаю|думаю|убеждён|убежден`),
		address: ruWords(`вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|ваших|вашу|уважаемые|уважаемый|господин президент`),
		hope:    ruWords(`надеюсь|надеемся|хочется верить|хочется надеяться|будем надеяться|остаётся надеяться|остается надеяться|дай бог|верю|верим|хочется`),
		// должен, but not "должно состояться" (is to take place).
		duty:       regexp.MustCompile(`(?i)` + ruL + `(?:(?:должен|должна|должно|должны)(?:[^\p{L}]+(?:не[^\p{L}]+)?(?:[\p{L}]+[^\p{L}]+)?)(?:[\p{L}]+(?:ть|ться|ти|чь))|следует[^\p{L}]+(?:[\p{L}]+ть|[\p{L}]+ться|не)|стоит[^\p{L}]+(?:[\p{L}]+ть|[\p{L}]+ться|[\p{L}]+ти)|пора|нужно|надо|необходимо|нельзя|обязаны?)` + ruR),
		question:   regexp.MustCompile(`\?[»"”)\]]*$`),
		imperative: regexp.MustCompile(`![»"”)\]]*$|^(?:Не позволяйте|Не дайте|Не верьте|Давайте|Посмотрим|Представьте|Подумайте|Задумайтесь|Вспомните|Проснитесь|Запомните|Хватит)` + ruR),
		reading:    ruWords(`иными словами|другими словами|иначе говоря|в переводе с|означа\p{L}* одно и то же|между строк|каждый раз|раз за разом|всякий раз|как всегда|как обычно|вечно`),
		stance:     regexp.MustCompile(`(?i)^(?:потому что|отсюда|вот почему|именно поэтому)` + ruR + `|` + ruL + `(?:очевидно|разумеется|конечно|безусловно|неужели|разве|в очередной раз|опять|так называем\p{L}*|режим\p{L}*|куратор\p{L}*|покровител\p{L}*|спонсор\p{L}*|марионет\p{L}*|пропаганд\p{L}*|партия войны|партии войны|глубинн\p{L}* государств\p{L}*|двойн\p{L}* стандарт\p{L}*|лицемер\p{L}*|позор\p{L}*|стыдлив\p{L}*|циничн\p{L}*|авантюр\p{L}*|обречен\p{L}*|обречён\p{L}*|истери\p{L}*|русофоб\p{L}*|хозяев\p{L}*|хунт\p{L}*|красноречив\p{L}*|всего лишь|не случайность|не случайно|любой ценой|история не прощает|не прощает)` + ruR),

		said:    ruWords(`заявил\p{L}*|в заявлении|в сообщении|сообщил\p{L}*|сообщается|сообщает|сказал\p{L}*|рассказал\p{L}*|отметил\p{L}*|подчеркнул\p{L}*|добавил\p{L}*|пояснил\p{L}*|уточнил\p{L}*|считает|считают|полагает|полагают|по словам|по данным|по информации|по мнению|по версии|по оценк\p{L}*|как сообщ\p{L}*|говорится|передает|передаёт|пишет|написал\p{L}*|призвал\p{L}*|обвинил\p{L}*|ответил\p{L}*|назвал\p{L}*|указал\p{L}*|констатировал\p{L}*|предупредил\p{L}*|объявил\p{L}*|опубликовал\p{L}*|заверил\p{L}*|признал\p{L}*|выразил\p{L}*|задался вопросом|свидетельствуют|показал\p{L}*|журналистам|отвечая`),
		backref: regexp.MustCompile(`(?i)^(?:Об этом|Такое|Так |Это заявил|Как (?:заявил|сообщил|отметил|рассказал))`),
		frame:   ruWords(`приводим|полный текст|текст заявления|ниже приводится|основные заявления|главное из|выдержки`),
		speaker: regexp.MustCompile(`^(?:—|–|-)\s*\p{L}|^(?:Вопрос|Ответ|В|О)\s*:\s`),
		house:   ruWords(`наш\p{L}* корреспондент\p{L}*|наш\p{L}* издани\p{L}*|нашему изданию|нашей редакци\p{L}*`),

		genre:      regexp.MustCompile(`(?i)^(?:мнение|колонка|редакционная статья|от редакции|комментарий обозревателя|открытое письмо|письмо читателя|письма читателей|точка зрения|особое мнение|авторская колонка|взгляд)` + ruR + `|открытое письмо`),
		transcript: ruWords(`полный текст|текст заявления|стенограмма|полностью`),
		source:     regexp.MustCompile(`\s[—–-]\s*[\p{Lu}][\p{L}.\- ]{1,30}$|^[\p{Lu}][\p{L}\-]+(?: [\p{Lu}][\p{L}\-]+)?:\s|(?i:` + ruL + `(?:заявил\p{L}*|сообщил\p{L}*|рассказал\p{L}*|призвал\p{L}*|назвал\p{L}*|ответил\p{L}*|считает|уверен\p{L}*|пообещал\p{L}*|предупредил\p{L}*)` + ruR + `)`),
	},
}
