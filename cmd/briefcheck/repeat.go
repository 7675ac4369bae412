package main

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// repeatThreshold is the Dice overlap of content tokens at which two lines
// say the same. On the team's hand-labelled paraphrase pairs no word-sharing
// threshold does well (precision ≤ 0.58 at any recall; `-paraphrase` prints
// the sweep): their different pairs are one-word edits of each other. Among
// the 1,892 line pairs of the pushed briefs of every input when it was set,
// 0.3 flags 17 pairs and 0.4 four, all of them different facts read by
// hand; 0.5 flags none. The threshold leans to silence, so that a repeat
// reported is worth reading.
const repeatThreshold = 0.5

// sameFact reports whether two lines say the same by the checker's own
// measure: the Dice overlap of their content tokens (Japanese kanji bigrams
// and katakana words, English and Russian word stems, numbers) at or above
// repeatThreshold; unless the lines carry different numbers, name different
// times, or one is negated and the other not.
func sameFact(a, b string) bool {
	return similarity(a, b) >= repeatThreshold
}

func similarity(a, b string) float64 {
	ta, tb := contentTokens(a), contentTokens(b)
	if len(ta.words) == 0 || len(tb.words) == 0 {
		return 0
	}
	if len(ta.numbers) > 0 && len(tb.numbers) > 0 && !sameSet(ta.numbers, tb.numbers) {
		return 0
	}
	if ta.negated != tb.negated {
		return 0
	}
	if len(ta.times) > 0 && len(tb.times) > 0 && !sameSet(ta.times, tb.times) {
		return 0
	}
	shared := 0
	for w := range ta.words {
		if tb.words[w] {
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(ta.words)+len(tb.words))
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

type tokens struct {
	words, numbers, times map[string]bool
	negated               bool
}

var (
	numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	// number words the wires spell out (stems for Russian).
	numberWords = func() map[string]string {
		m := map[string]string{}
		for i, w := range strings.Fields(`zero one two three four five six seven eight nine ten eleven twelve
			thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty`) {
			m[w] = strconv.Itoa(i)
		}
		for i, w := range strings.Fields("thirty forty fifty sixty seventy eighty ninety hundred") {
			m[w] = strconv.Itoa(30 + 10*i)
		}
		m["dozen"], m["half"] = "12", "0.5"
		// Russian numerals in their nominative and oblique forms.
		for _, row := range strings.Split(`1 один одного одна одной|2 два двух две|3 три трех трёх|4 четыре четырех четырёх четверо
			|5 пять пяти|6 шесть шести|7 семь семи|8 восемь восьми|9 девять девяти|10 десять десяти|11 одиннадцать одиннадцати
			|12 двенадцать двенадцати|13 тринадцать тринадцати|14 четырнадцать четырнадцати|15 пятнадцать пятнадцати
			|16 шестнадцать шестнадцати|17 семнадцать семнадцати|18 восемнадцать восемнадцати|19 девятнадцать девятнадцати
			|20 двадцать двадцати|30 тридцать тридцати|40 сорок сорока|50 пятьдесят пятидесяти|100 сто ста|1.5 полтора полутора`, "|") {
			f := strings.Fields(row)
			for _, w := range f[1:] {
				m[w] = f[0]
			}
		}
		return m
	}()
	// timeRe finds when a line says something happened: a relative day,
	// week, month or year, or a weekday.
	timeRe = regexp.MustCompile(`(来週|先週|今週|来月|先月|今月|昨年|去年|来年|今年|昨日|明日|今日|` +
		`\b(next|last|this) (week|month|year)\b|\b(yesterday|today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|` +
		`(на|в) (следующей|прошлой|этой) неделе|(в|на) (следующем|прошлом|этом) (месяце|году)|` +
		`(вчера|сегодня|завтра|понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье))`)
	jaNegRe    = regexp.MustCompile(`(ない|なかった|ず[、。]|ません|なし|否定)`)
	stopwordEN = set(`a an the of to in on at for with from by as and or but is are was were be been has have had
		it its this that these those he she they his her their said says say told would will could may about
		after before over than more not no into also up out who which what when while on last next week`)
	stopwordRU = set(`и в во на с со к ко о об от по за из для что как а но или не это этот эта эти он она они
		его ее её их был была были было будет также уже еще ещё при до после над под между заявил заявила сообщил
		сообщила по словам который которая которые`)
)

// timeWord maps a time expression to the time it names, so that 来週 and
// next week, в прошлом месяце and 先月 compare.
func timeWord(m string) string {
	for _, g := range [][]string{{"来週", "next week", "следующей неделе"}, {"先週", "last week", "прошлой неделе"},
		{"来月", "next month", "следующем месяце"}, {"先月", "last month", "прошлом месяце"},
		{"来年", "next year", "следующем году"}, {"昨年", "去年", "last year", "прошлом году"},
		{"昨日", "yesterday", "вчера"}, {"明日", "tomorrow", "завтра"}, {"今日", "today", "tonight", "сегодня"}} {
		for _, w := range g {
			if strings.Contains(m, w) {
				return g[0]
			}
		}
	}
	return m
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// sourceFrameRe is the phrase that opens a line by naming its source:
// "露大統領補佐官によると、", "According to the Kremlin,", "По словам
// Ушакова,". Two lines told by one source share it whatever each says.
var sourceFrameRe = regexp.MustCompile(`^(?:[^、。「」]{1,30}?(?:によると|によれば|によりますと)、|(?i:according to [^,]{1,60},\s*)|(?i:по (?:словам|данным|информации) [^,]{1,60},\s*))`)

// contentTokens are what a line says, as the repeat measure counts it:
// its own words, not the source it names first.
func contentTokens(s string) tokens {
	t := tokens{words: map[string]bool{}, numbers: map[string]bool{}, times: map[string]bool{}}
	f := folded(sourceFrameRe.ReplaceAllString(trimAttribution(s), ""))
	for _, m := range timeRe.FindAllString(f, -1) {
		t.times[timeWord(m)] = true
	}
	for _, n := range numberRe.FindAllString(f, -1) {
		n = strings.ReplaceAll(n, ",", "")
		t.numbers[n] = true
		t.words["#"+n] = true
	}
	if scriptOf(f) == "ja" {
		t.negated = jaNegRe.MatchString(f)
		rs := []rune(f)
		for i := 0; i < len(rs); {
			j := i + 1
			switch {
			case isKanji(rs[i]):
				for j < len(rs) && isKanji(rs[j]) {
					j++
				}
				if j-i == 1 {
					t.words[string(rs[i])] = true
				}
				for k := i; k+1 < j; k++ {
					t.words[string(rs[k:k+2])] = true
				}
			case isKatakana(rs[i]):
				for j < len(rs) && isKatakana(rs[j]) {
					j++
				}
				if j-i >= 2 {
					t.words[string(rs[i:j])] = true
				}
			case unicode.IsLetter(rs[i]) && rs[i] < 0x250:
				for j < len(rs) && unicode.IsLetter(rs[j]) && rs[j] < 0x250 {
					j++
				}
				t.words[string(rs[i:j])] = true
			}
			i = j
		}
		return t
	}
	for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		w = strings.TrimSuffix(w, "'s")
		switch {
		case w == "not" || w == "no" || w == "never" || w == "не" || w == "нет" || strings.HasSuffix(w, "n't"):
			t.negated = true
		case numberWords[w] != "":
			t.numbers[numberWords[w]] = true
			t.words["#"+numberWords[w]] = true
		case stopwordEN[w] || stopwordRU[w] || len([]rune(w)) < 2:
		default:
			t.words[stem(w)] = true
		}
	}
	return t
}

// stem keeps a word's first five letters: enough to join exchange and
// exchanged, поставок and поставки.
func stem(w string) string {
	rs := []rune(w)
	if len(rs) > 5 {
		return string(rs[:5])
	}
	return w
}
