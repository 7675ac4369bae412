package digest

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The numbers a report gives, read alike in Japanese, English and Russian:
// 5兆3000億, 5.3 trillion and 5,3 трлн are one value; 1時間15分 and 75
// minutes one duration; M6.8, マグニチュードは6.8 and магнитудой 6,8 one
// magnitude; 30号, 30th and 30-й one ordinal. Dates are read apart
// (dates.go): a day of the month is no count.

// numKind says what a number measures, where that decides whether two
// reports give the same figure.
type numKind uint8

const (
	numPlain      numKind = iota // a count or an amount
	numPercent                   // 19%, 19 процентов
	numMagnitude                 // an earthquake's magnitude
	numOrdinal                   // 30号, 第18弾, 31st, 18-й, 0番目, 0区
	numDuration                  // minutes: 1時間15分, 75-minute, 40 минут
	numClock                     // a time of day, minutes after midnight
	numIntensity                 // a quake's seismic intensity: 震度5弱 is 4.75, 5強 5.25
	numLongerThan                // minutes at least: 1時間余り, more than an hour, более 40 минут
)

// number is one figure of a text.
type number struct {
	v    float64
	kind numKind
}

// roundFigure keeps four significant digits, so that figures written
// apart compare equal: 3.6% and 3.60%, 5兆3000億 and 5.3 trillion.
func roundFigure(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// scales are the words that multiply the number before them, a word
// before any shorter one it starts with (тысяч before тыс).
var scales = []struct {
	word string
	mul  float64
}{
	{"兆", 1e12}, {"億", 1e8}, {"万", 1e4}, {"千", 1e3},
	{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3}, {"bn", 1e9}, {"mln", 1e6},
	{"триллион", 1e12}, {"миллиард", 1e9}, {"миллион", 1e6}, {"тысяч", 1e3},
	{"трлн", 1e12}, {"млрд", 1e9}, {"млн", 1e6}, {"тыс", 1e3},
}

// Words around a number that make it something else than a count.
var (
	magnitudeWords = []string{"マグニチュード", "magnitude", "магнитуд"}
	percentWords   = []string{"%", "パーセント", "percent", "per cent", "процент", "п.п"}
	// after a number: a Japanese ordinal counter (0番目, 3回目, 30号, 第18弾,
	// 0区, 7号機), an English suffix, a Russian declined ending.
	ordinalAfter = []string{"番目", "回目", "号", "弾", "区", "st ", "nd ", "rd ", "th ", "st,", "nd,", "rd,", "th,",
		"-й", "-я", "-е", "-го", "-м", "-ю", "-му", "-ой"}
	// after a number: not a figure of the event (a date, a year, an age
	// bracket) or a duration counted in days.
	notFigure = []string{"日", "月", "年", "代", "歳", "世紀", "century", "века", "год", "лет"}
)

// anHour and overAnHour: durations news gives in words, about an hour
// and more than one.
var (
	anHour     = []string{"около часа", "about an hour", "an hour-long"}
	overAnHour = []string{"более часа", "больше часа", "свыше часа", "more than an hour", "over an hour"}
)

// Words that make a duration a lower bound: before it (more than 40
// minutes, более 40 минут) or after it (1時間余り, 1時間以上).
var (
	moreThanBefore = []string{"more than", "over", "более", "больше", "свыше"}
	moreThanAfter  = []string{"余り", "あまり", "以上", "超"}
)

// beforeBytes is how much text before a number its words are looked for
// in: 地震の規模（マグニチュード）は takes 25 bytes from its magnitude word.
const beforeBytes = 48

// numbersIn returns the figures of a folded text (fold: NFKC, lower case),
// in text order. lang decides the decimal comma: Russian writes 6,6 where
// English writes 6.6 and 1,200 is a thousand two hundred.
func numbersIn(f, lang string) []number {
	var out []number
	for _, w := range anHour {
		// "about an hour and forty minutes" is no hour.
		if i := strings.Index(f, w); i >= 0 && !strings.HasPrefix(f[i+len(w):], " and") && !strings.HasPrefix(f[i+len(w):], " и ") {
			out = append(out, number{60, numDuration})
			break
		}
	}
	for _, w := range overAnHour {
		if strings.Contains(f, w) {
			out = append(out, number{60, numLongerThan})
			break
		}
	}
	for i := 0; i < len(f); {
		if !isDigit(f[i]) || i > 0 && (isDigit(f[i-1]) || isLatin(f[i-1]) && !magnitudeM(f[:i])) {
			i++
			continue
		}
		v, j := parseNumber(f, i, lang)
		if j <= i {
			i++
			continue
		}
		before, after := f[max(0, i-beforeBytes):i], f[j:]
		n, end, ok := classify(f, i, j, v, before, after, lang)
		if ok {
			// An ordinal names one item of a series (item 10001 is not
			// item 10000): it is kept exact.
			if n.kind != numOrdinal {
				n.v = roundFigure(n.v)
			}
			out = append(out, n)
		}
		i = max(end, j)
	}
	return out
}

// magnitudeM reports text ending in a lone "m", as before M6.8.
func magnitudeM(before string) bool {
	return strings.HasSuffix(before, "m") && (len(before) < 2 || !isLatin(before[len(before)-2]) && !isDigit(before[len(before)-2]))
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isLatin(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// parseNumber reads the number at f[i:]: digits with thousands separators
// (1,200; 1 200 in Russian) and a decimal point or, in Russian, comma.
func parseNumber(f string, i int, lang string) (float64, int) {
	j := i
	var sb strings.Builder
	for j < len(f) && isDigit(f[j]) {
		sb.WriteByte(f[j])
		j++
	}
	decimal := false
	for j+1 < len(f) && isDigit(f[j+1]) {
		sep := f[j]
		k := j + 1
		for k < len(f) && isDigit(f[k]) {
			k++
		}
		group := f[j+1 : k]
		switch {
		case sep == ',' && lang != "ru" && len(group) == 3 && !decimal:
			sb.WriteString(group)
		case sep == ' ' && lang == "ru" && len(group) == 3 && !decimal && sb.Len() <= 3 && (k == len(f) || !isDigit(f[k])):
			sb.WriteString(group)
		case (sep == '.' || sep == ',' && lang == "ru") && !decimal:
			decimal = true
			sb.WriteByte('.')
			sb.WriteString(group)
		default:
			v, _ := strconv.ParseFloat(sb.String(), 64)
			return v, j
		}
		j = k
	}
	v, err := strconv.ParseFloat(sb.String(), 64)
	if err != nil {
		return 0, i
	}
	return v, j
}

// classify decides what the number f[i:j] of value v is; end is where the
// words it took end (a scale, a unit, the minutes of 1時間15分).
func classify(f string, i, j int, v float64, before, after, lang string) (number, int, bool) {
	// A clock time: 7:21, 07:42 мск, 午前7時21分.
	if strings.HasPrefix(after, ":") && len(after) >= 3 && isDigit(after[1]) && isDigit(after[2]) && v < 24 {
		m, _ := strconv.Atoi(after[1:3])
		h := v
		if rest := strings.TrimLeft(after[3:], " "); strings.HasPrefix(rest, "p.m") || strings.HasPrefix(rest, "pm") {
			if h < 12 {
				h += 12
			}
		}
		return number{h*60 + float64(m), numClock}, j + 3, true
	}
	if rest, ok := strings.CutPrefix(after, "時"); ok {
		if rest2, ok := strings.CutPrefix(rest, "間"); ok {
			// 1時間15分: a duration.
			mins := v * 60
			end := j + len("時間")
			if m, k := parseNumber(rest2, 0, lang); k > 0 && strings.HasPrefix(rest2[k:], "分") {
				mins += m
				end += k + len("分")
			}
			return number{mins, durationKind(before, f[end:])}, end, true
		}
		// 7時42分, 午後5時: a time of day.
		h, m := v, 0.0
		end := j + len("時")
		if x, k := parseNumber(rest, 0, lang); k > 0 && strings.HasPrefix(rest[k:], "分") {
			m = x
			end += k + len("分")
		}
		if strings.HasSuffix(before, "午後") && h < 12 {
			h += 12
		}
		return number{h*60 + m, numClock}, end, true
	}
	if strings.HasPrefix(after, "分") {
		return number{v, durationKind(before, after[len("分"):])}, j + len("分"), true
	}
	a := strings.TrimLeft(after, " -")
	for _, u := range []struct {
		word string
		mul  float64
	}{{"minute", 1}, {"min ", 1}, {"минут", 1}, {"hour", 60}, {"час", 60}} {
		if strings.HasPrefix(a, u.word) {
			v *= u.mul
			end := j
			if u.mul == 1 {
				// an hour and 15 minutes, час и 15 минут
				b := strings.TrimRight(before, " ")
				for _, h := range []string{"an hour and", "one hour and", "hour and", "час и", "часа и"} {
					if strings.HasSuffix(b, h) {
						v += 60
						break
					}
				}
			} else if m, k := minutesAfterHours(f, j+len(after)-len(a)+len(u.word), lang); k > 0 {
				// 1 hour 40 minutes, 1 часа 40 минут
				v += m
				end = k
			}
			return number{v, durationKind(before, "")}, end, true
		}
	}
	// A seismic intensity on Japan's scale: 震度5弱, 震度3, "an intensity
	// of lower 5" (the weak and strong halves of 5 and 6 a quarter off).
	if iv, end, ok := intensity(v, j, before, after); ok {
		return number{iv, numIntensity}, end, true
	}
	// A magnitude: M6.8, マグニチュードは6.8, magnitude 6.8, магнитудой 6,6,
	// a 6.8-magnitude quake.
	if v < 10 {
		if magnitudeM(before) {
			return number{v, numMagnitude}, j, true
		}
		for _, w := range magnitudeWords {
			if k := strings.LastIndex(before, w); k >= 0 && len(before)-k-len(w) <= 12 || strings.HasPrefix(a, w) {
				return number{v, numMagnitude}, j, true
			}
		}
	}
	// An ordinal: 第18弾, 30号, 0番目, 31st, 18-й, no. 7.
	if strings.HasSuffix(before, "第") || strings.HasSuffix(before, "no. ") || strings.HasSuffix(before, "№") {
		return number{v, numOrdinal}, j, true
	}
	for _, w := range ordinalAfter {
		if strings.HasPrefix(after+" ", w) {
			return number{v, numOrdinal}, j, true
		}
	}
	for _, w := range notFigure {
		if strings.HasPrefix(a, w) {
			return number{}, j, false
		}
	}
	if v >= 1900 && v <= 2100 && v == math.Trunc(v) {
		return number{}, j, false // a year
	}
	if monthNear(before, after) {
		return number{}, j, false // a date: 8 July, July 8, 8 июля
	}
	for _, w := range percentWords {
		if strings.HasPrefix(a, w) {
			return number{v, numPercent}, j, true
		}
	}
	// Scales: 5兆3000億, 5.3 trillion, 1,2 тыс.
	end := j
	for {
		mul, k := scaleAt(f, end)
		if mul == 0 {
			break
		}
		v *= mul
		end = k
		// 5兆3000億: the next part adds.
		if end < len(f) && isDigit(f[end]) {
			w, k2 := parseNumber(f, end, lang)
			if m2, k3 := scaleAt(f, k2); m2 != 0 && m2 < mul {
				v += w * m2
				end = k3
				continue
			}
		}
		break
	}
	return number{v, numPlain}, end, true
}

// scaleAt returns the multiplier of a scale word at f[i:] (after spaces)
// and where it ends; 0 when there is none.
func scaleAt(f string, i int) (float64, int) {
	k := i
	for k < len(f) && f[k] == ' ' {
		k++
	}
	for _, s := range scales {
		if strings.HasPrefix(f[k:], s.word) {
			return s.mul, k + len(s.word)
		}
	}
	return 0, i
}

// monthNear reports a month name right before or after a number.
func monthNear(before, after string) bool {
	a := strings.TrimLeft(after, " ")
	if m, _ := monthAt(a); m > 0 {
		return true
	}
	b := strings.TrimRight(before, " ")
	for _, m := range enMonths {
		if strings.HasSuffix(b, m) || strings.HasSuffix(b, m[:3]+".") || strings.HasSuffix(b, m[:3]) {
			return true
		}
	}
	return false
}

// isWordRune: letters and digits; what a whole-word match must not touch.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// intensity reads a seismic intensity from the number v at f[:j] and the
// words around it: 震度 before it and 弱 or 強 after it, or "intensity"
// (shindo) with "lower" or "upper" before it or after a hyphen.
func intensity(v float64, j int, before, after string) (float64, int, bool) {
	if v > 7 || v != math.Trunc(v) {
		return 0, 0, false
	}
	b := strings.TrimRight(before, " ")
	if strings.HasSuffix(b, "震度") {
		switch {
		case strings.HasPrefix(after, "弱"):
			return v - 0.25, j + len("弱"), true
		case strings.HasPrefix(after, "強"):
			return v + 0.25, j + len("強"), true
		}
		return v, j, true
	}
	// "an intensity of lower 5", "shindo 3": the word just before.
	if near := b[max(0, len(b)-24):]; !strings.Contains(near, "intensity") && !strings.Contains(near, "shindo") {
		return 0, 0, false
	}
	switch {
	case strings.HasSuffix(b, "lower"):
		return v - 0.25, j, true
	case strings.HasSuffix(b, "upper"):
		return v + 0.25, j, true
	case strings.HasPrefix(after, "-lower") || strings.HasPrefix(after, " lower"):
		return v - 0.25, j + len("-lower"), true
	case strings.HasPrefix(after, "-upper") || strings.HasPrefix(after, " upper"):
		return v + 0.25, j + len("-upper"), true
	}
	return v, j, true
}

// durationKind is numLongerThan for a duration said to be a lower bound
// by the words before or after it, else numDuration.
func durationKind(before, after string) numKind {
	b := strings.TrimRight(before, " ")
	for _, w := range moreThanBefore {
		if strings.HasSuffix(b, w) {
			return numLongerThan
		}
	}
	for _, w := range moreThanAfter {
		if strings.HasPrefix(after, w) {
			return numLongerThan
		}
	}
	return numDuration
}

// minutesAfterHours reads the minutes that follow an hour unit ending at
// f[i:] (the rest of the word, "and" or "и", a number, a minute word):
// 1 hour 40 minutes, 1 часа 40 минут; k is where they end, 0 when none.
func minutesAfterHours(f string, i int, lang string) (float64, int) {
	for i < len(f) {
		r, size := utf8.DecodeRuneInString(f[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	rest := strings.TrimLeft(f[i:], " ")
	for _, w := range []string{"and ", "и "} {
		rest = strings.TrimPrefix(rest, w)
	}
	at := len(f) - len(rest)
	m, k := parseNumber(f, at, lang)
	if k <= at {
		return 0, 0
	}
	unit := strings.TrimLeft(f[k:], " ")
	for _, w := range []string{"minute", "min ", "минут"} {
		if strings.HasPrefix(unit, w) {
			return m, len(f) - len(unit) + len(w)
		}
	}
	return 0, 0
}
