package digest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// An interview printed as questions and answers ("— Обсуждалось ли место
// встречи?" / "— Нет, до этого пока не дошло.", "――日本として新たな対応は
// 考えているか。" / 「現時点で…」) tells its news in the pairs: an answer
// alone ("Нет, до этого пока не дошло.") says nothing, a question alone is
// no fact. Each pair becomes one reported sentence, as an editor writes
// it: На вопрос «…» Песков ответил: «…». / 「…」との質問に、外務報道官は
// 「…」と答えた。

var (
	// questionMarkRe opens an interview's question: a dialogue dash, Q:.
	questionMarkRe = regexp.MustCompile(`^(?:[—–―‐-]+|Q[:：.]|Вопрос[:：])\s*`)
	// answerMarkRe opens its answer: a dialogue dash, A:, or (Japanese) the
	// answer's 「.
	answerMarkRe = regexp.MustCompile(`^(?:[—–―‐-]+|A[:：.]|Ответ[:：])\s*`)
)

// pairAnswers joins each question paragraph of an interview to the answer
// paragraph after it, put in the mouth of the speaker who (asked for only
// when there is a pair) names; it returns the paragraphs and, for those
// that are such pairs, the answer's own words (what the repeat checks
// compare: every pair shares its frame and the interview's subject).
// Without a speaker nothing is joined.
func pairAnswers(paras []string, lang string, who func() string) ([]string, map[int]string) {
	speaker, asked := "", false
	var out []string
	joined := map[int]string{}
	for i := 0; i < len(paras); i++ {
		if i+1 < len(paras) {
			if q, ok := interviewQuestion(paras[i], lang); ok {
				if a, ok := interviewAnswer(paras[i+1], lang); ok {
					if !asked {
						speaker, asked = who(), true
					}
					if s := reportedAnswer(q, a, lang, speaker); speaker != "" && s != "" {
						joined[len(out)] = a
						out = append(out, s)
						i++
						continue
					}
				}
			}
		}
		out = append(out, paras[i])
	}
	return out, joined
}

// interviewQuestion is a paragraph's question without its mark, if it is
// one of an interview: marked, and asking (a marked Japanese line ending in
// か。 asks: "――どう受け止めているか。").
func interviewQuestion(p, lang string) (string, bool) {
	p = strings.TrimSpace(p)
	m := questionMarkRe.FindString(p)
	if m == "" || strings.Contains(p, "\n") {
		return "", false
	}
	q := strings.TrimSpace(p[len(m):])
	return q, q != "" && (question(q) || lang == "ja" && strings.HasSuffix(q, "か。"))
}

// interviewAnswer is a paragraph's answer without its mark: a dialogue
// line that asks nothing, or a Japanese paragraph that is one quotation.
func interviewAnswer(p, lang string) (string, bool) {
	p = strings.TrimSpace(p)
	if lang == "ja" && pureQuote(p) {
		return strings.TrimSpace(p[len("「") : len(p)-len("」")]), true
	}
	m := answerMarkRe.FindString(p)
	if m == "" {
		return "", false
	}
	a := strings.TrimSpace(p[len(m):])
	return a, a != "" && !question(a)
}

// reportedAnswer writes a question and its answer as one sentence of
// reported speech; "" when it would be longer than a brief shows, even
// with the answer's first sentence alone.
func reportedAnswer(q, a, lang, speaker string) string {
	st := styles[lang]
	for _, ans := range []string{a, firstOf(a, lang)} {
		var s string
		switch lang {
		case "ja":
			s = "「" + strings.TrimRight(q, "。") + "」との質問に、" + speaker + "は「" + strings.TrimRight(ans, "。") + "」と答えた。"
		case "ru":
			verb := "ответил"
			if ruGenderOf("она", speaker) {
				verb = "ответила"
			}
			s = "На вопрос «" + q + "» " + speaker + " " + verb + ": «" + strings.TrimRight(ans, ".") + "»."
		default:
			s = "Asked “" + q + "”, " + speaker + " said: “" + ans + "”"
		}
		if utf8.RuneCountInString(s) <= st.maxSentence {
			return s
		}
	}
	return ""
}

// firstOf is a text's first sentence.
func firstOf(t, lang string) string {
	if ss := Sentences(t, lang); len(ss) > 0 {
		return strings.TrimSpace(ss[0])
	}
	return t
}

// A statement quoted in full ("次の外務報道官談話を発表した。", "The
// following is the text of a statement issued on Friday by the G7 foreign
// ministers.", "МИД России опубликовал заявление… Приводим его
// полностью.") is its author's words to the end of the report, first
// person and all: each line is shown with the author, as a speaking head's
// (外務報道官：我が国は…).
var (
	jaStatementRe = regexp.MustCompile(`次の([^、。「」]{2,20}?)(?:談話|声明|コメント)を(?:発表|公表)`)
	enStatementRe = regexp.MustCompile(`(?i)^(?:the following is|below is|here is) the (?:full )?text of (?:a|the) (?:joint )?statement\b.*?\bby (?:the )?([^,.]{2,60}?)[.:]?$`)
	ruStatementRe = regexp.MustCompile(`^(?:Приводим (?:его|ее|её) полностью|Ниже приводится (?:его |ее |её )?(?:полный )?текст)`)
	ruPublishedRe = regexp.MustCompile(`^(.{2,40}?)\s+(?:опубликовал|распространил|выступил)\p{L}*\s+(?:с\s+)?заявлени`)
)

// statementBy is the author a sentence says the rest of the report quotes
// in full, or ""; prev is the sentence before it.
func statementBy(t, prev, lang string) string {
	switch lang {
	case "ja":
		if m := jaStatementRe.FindStringSubmatch(t); m != nil {
			return m[1]
		}
	case "ru":
		if ruStatementRe.MatchString(t) {
			if m := ruPublishedRe.FindStringSubmatch(prev); m != nil {
				return m[1]
			}
			if m := ruPublishedRe.FindStringSubmatch(t); m != nil {
				return m[1]
			}
		}
	default:
		if m := enStatementRe.FindStringSubmatch(t); m != nil {
			return m[1]
		}
	}
	return ""
}

// unwrapQuote removes a quotation mark a statement's paragraph opens or
// closes without its pair: the quotation spans the paragraphs.
func unwrapQuote(t string) string {
	unpaired := func(t string) bool { return !balanced(t) || strings.Count(t, "\"")%2 == 1 }
	if r, size := utf8.DecodeRuneInString(t); strings.ContainsRune("«“\"「", r) && unpaired(t) {
		t = t[size:]
	}
	body := strings.TrimRight(t, ".。")
	if r, size := utf8.DecodeLastRuneInString(body); strings.ContainsRune("»”\"」", r) && unpaired(t) {
		t = body[:len(body)-size] + t[len(body):]
	}
	return t
}
