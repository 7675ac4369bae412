package digest

import (
	"regexp"
	"strings"
)

// Lines about the report rather than the news: credits, sourcing notes,
// adverts, a desk's housekeeping, the aggregator's own introductions. They
// are never a fact, a lead or background, in any language. One expression
// per language over the line in lower case: it runs on every sentence of
// every report read.
var fillerRes = map[string]*gated{
	"en": mustGate(strings.Join([]string{
		// Credits and the wire's notes on its own reporting.
		`^(?:some )?information (?:for|in) this (?:report|story|article)|\b(?:contributed|provided) (?:to )?(?:this|the) (?:report|story|article)\b|\bcontributed reporting\b`,
		`^\(?(?:reporting|additional reporting|writing|editing|compiled|produced|graphics?|photos?|video) by\b|^material from .{1,40} was used`,
		`\b(?:could|can) ?not (?:be )?independently (?:verify|verified|confirm)|\bhas not (?:been able to )?independently (?:verified|confirmed)|\bwas unable to (?:independently )?verify`,
		`\bdid not (?:immediately )?(?:respond|reply) to (?:a )?requests? for comment|\bdeclined to comment\b|\bcould not be reached for comment`,
		`\bdetails (?:were|will be) (?:shared|given|announced) at a (?:news )?briefing|\bon (?:the )?condition of anonymity\b`,
		`^(?:\(c\)|©|copyright\b)|\ball rights reserved\b|this (?:story|article) (?:has been|was) (?:updated|corrected)`,
		`\b(?:subscribe to|sign up for|click here|read more|follow us on|download (?:our|the) app)\b|^advertisement\b`,
		// A live blog's sign-off and hand-over.
		`^that['’]s (?:all|it) (?:from (?:me|us)|for (?:today|now|tonight))|^thanks? (?:you )?for (?:following|reading|joining us)|\b(?:we['’]re|we are|i['’]m|i am) (?:closing|pausing|wrapping up) (?:this|our|the) (?:live ?blog|coverage)|^(?:my colleague|i['’]m handing over)\b`,
	}, "|")),
	// Japanese: the aggregator's introductions, sourcing notes, credits.
	"ja": mustGate(`見逃した方のために|匿名を条件に|(?:以下|次)の(?:通り|とおり)|について(?:記者会見|会見|ブリーフィング)を(?:行|開)(?:った|いた|いました|きました)。$|主な(?:内容|発言)を.{0,20}まとめた|コメントを(?:控え|避け|差し控え)|コメントすることはない|(?:確認|検証)(?:できていない|できなかった|を得られていない|していない)|独自に確認|^原題|抜粋[）)]|記事全文|続きを読む|詳しくは(?:こちら|以下|記事)|^(?:pr|ｐｒ|広告)[：:\s]|^写真[：:]|^(?:\(c\)|©)`),
	// Russian: the same.
	"ru": mustGate(`^на этом (?:мы )?(?:завершаем|заканчиваем) (?:трансляцию|онлайн)|^спасибо,? что (?:были|остаетесь|остаётесь) с нами|^ниже (?:приводятся|приводим)|читайте также|подписывайтесь|материал подготовлен|при использовании материалов|^фото[:：]|не удалось (?:независимо )?(?:проверить|подтвердить)|отказал(?:ся|ась|ись) от комментари|не ответил(?:а|и)? на запрос|на условиях анонимности|^(?:\(c\)|©)`),
}

// creditTailRe is a photo or wire credit stuck to the end of a sentence:
// "…と主張している。（c）AFP", "… (c) Reuters".
var creditTailRe = regexp.MustCompile(`[\s　]*(?:[（(][cCＣｃ][)）]|©)[\s　]*[\p{L}\p{N} .&/-]{0,30}$`)

// filler reports a line of lang that is about the report, not the news.
func filler(s, lang string) bool {
	re := fillerRes[lang]
	if re == nil {
		re = fillerRes["en"]
	}
	return re.MatchString(strings.ToLower(s)) || authorViewRe.MatchString(s)
}

// dropCredit removes a credit the source stuck to a sentence's end.
func dropCredit(s string) string {
	if !strings.ContainsAny(s, "©cCＣｃ") {
		return s
	}
	if loc := creditTailRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		return strings.TrimSpace(s[:loc[0]])
	}
	return s
}
