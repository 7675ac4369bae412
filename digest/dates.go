package digest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A report dates its event relative to when it was published: NHK's 「8日」,
// Reuters' "on Tuesday", ТАСС's dateline "8 июля" and "в среду". Read
// against the publication date, each is one calendar day, so reports in
// three languages can be told to speak of the same day or not.

// day is a calendar day: days since 1970-01-01.
type day int32

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return civil(y, m, d)
}

func civil(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

var (
	enMonths = []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december"}
	ruMonths = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
		"сентября", "октября", "ноября", "декабря"}
	// weekdays in time.Weekday order, with the Russian case forms news
	// writes them in (в среду, до пятницы, вторника).
	weekdays = func() map[string]int {
		m := map[string]int{}
		for w, forms := range []string{
			"sunday воскресенье воскресенья",
			"monday понедельник понедельника",
			"tuesday вторник вторника",
			"wednesday среда среду среды",
			"thursday четверг четверга",
			"friday пятница пятницу пятницы",
			"saturday суббота субботу субботы",
		} {
			for _, f := range strings.Fields(forms) {
				m[f] = w
			}
		}
		return m
	}()
)

// monthAt returns the month (1–12) named at the start of s — an English
// name, its three-letter abbreviation (Aug., Sept.) or a Russian genitive —
// and the bytes it takes; 0 when none.
func monthAt(s string) (int, int) {
	// Every word of every lead comes here; a first letter no month name
	// has settles most of them.
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune(monthInitials, r) {
		return 0, 0
	}
	for i, m := range ruMonths {
		if strings.HasPrefix(s, m) {
			return i + 1, len(m)
		}
	}
	for i, m := range enMonths {
		n := 0
		switch {
		case strings.HasPrefix(s, m):
			n = len(m)
		case m == "september" && strings.HasPrefix(s, "sept."):
			n = len("sept.")
		case len(m) > 3 && strings.HasPrefix(s, m[:3]+"."):
			n = 4
		case len(m) > 3 && strings.HasPrefix(s, m[:3]) && !wordGoesOn(s[3:]):
			n = 3
		}
		if n > 0 && !wordGoesOn(s[n:]) {
			return i + 1, n
		}
	}
	return 0, 0
}

// monthInitials are the first letters of ruMonths and enMonths.
var monthInitials = func() string {
	var sb strings.Builder
	for _, m := range append(append([]string(nil), ruMonths...), enMonths...) {
		r, _ := utf8.DecodeRuneInString(m)
		if !strings.ContainsRune(sb.String(), r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}()

// wordGoesOn reports a letter at the start of s: the word is longer.
func wordGoesOn(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// datesIn returns the days a folded text names (a day of the month, with
// or without its month; a weekday), read against the day the report was
// published: a day of the month not after the day after publication (a
// report published at 01:35 in Tokyo may say what happens "9日" in
// Washington's evening), a weekday within the six days before it or the
// next.
func datesIn(f string, pub time.Time) []day {
	if pub.IsZero() {
		return nil
	}
	p := dayOf(pub)
	py, pm, _ := pub.Date()
	// A weekday right after "said" dates the statement, not always the
	// event ("…have died, bringing the toll to five, police said
	// Tuesday"): such days count only when the text names no other.
	var out, said []day
	reported := false
	add := func(d day) {
		if d < p-60 || d > p+1 {
			return // a deadline ahead, or another year's day
		}
		dst := &out
		if reported {
			dst = &said
		}
		for _, x := range *dst {
			if x == d {
				return
			}
		}
		*dst = append(*dst, d)
	}
	dayOfMonth := func(m, d int) {
		if d < 1 || d > 31 {
			return
		}
		y, mo := py, pm
		if m > 0 {
			mo = time.Month(m)
		}
		x := civil(y, mo, d)
		if x > p+1 {
			if m > 0 {
				x = civil(y-1, mo, d)
			} else {
				x = civil(y, mo-1, d)
			}
		}
		reported = false
		add(x)
	}
	weekday := func(w int) {
		for d := p + 1; d >= p-5; d-- {
			// 1970-01-01 was a Thursday.
			if int((d%7+7+4)%7) == w {
				add(d)
				return
			}
		}
	}
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		switch {
		case isDigit(f[i]) && (i == 0 || !isDigit(f[i-1]) && f[i-1] != '.' && f[i-1] != ','):
			j := i
			for j < len(f) && isDigit(f[j]) {
				j++
			}
			n := atoi(f[i:j])
			rest := f[j:]
			switch {
			case strings.HasPrefix(rest, "月"):
				// 7月8日
				k := j + len("月")
				e := k
				for e < len(f) && isDigit(f[e]) {
					e++
				}
				if e > k && strings.HasPrefix(f[e:], "日") {
					dayOfMonth(n, atoi(f[k:e]))
					j = e
				}
			case strings.HasPrefix(rest, "日") && jaDayEnds(rest[len("日"):]):
				dayOfMonth(0, n)
			default:
				// 8 July, 8 июля; July 8 is found from the month.
				if m, _ := monthAt(strings.TrimLeft(rest, " ")); m > 0 && j-i <= 2 {
					dayOfMonth(m, n)
				}
			}
			i = j
			continue
		case unicode.IsLetter(r) && (i == 0 || !wordGoesBack(f[:i])):
			if isLatin(f[i]) {
				if m, n := monthAt(f[i:]); m > 0 {
					rest := strings.TrimLeft(f[i+n:], " ")
					k := 0
					for k < len(rest) && k < 2 && isDigit(rest[k]) {
						k++
					}
					if k > 0 && (k == len(rest) || !isDigit(rest[k])) {
						dayOfMonth(m, atoi(rest[:k]))
					}
					i += n
					continue
				}
			}
			j := i
			for j < len(f) {
				r, size := utf8.DecodeRuneInString(f[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			if w, ok := weekdays[f[i:j]]; ok {
				reported = saidBefore(f[:i])
				weekday(w)
			}
			i = j
			continue
		}
		i += size
	}
	if len(out) == 0 {
		return said
	}
	return out
}

// saidVerbs are the words after which a weekday dates a statement.
var saidVerbs = []string{"said", "says", "told", "announced", "reported", "заявил", "заявила", "заявили", "сообщил", "сообщила", "сообщили"}

// saidBefore reports a statement verb (and an "on") right before a
// weekday: "police said Tuesday", "said on Tuesday".
func saidBefore(before string) bool {
	b := strings.TrimSuffix(strings.TrimRight(before, " "), " on")
	b = strings.TrimSuffix(b, " в")
	for _, v := range saidVerbs {
		if strings.HasSuffix(b, v) {
			return true
		}
	}
	return false
}

// jaDayEnds reports that 日 after a number ends a date, not a span (2日連続,
// 3日間, 5日ぶり) or a word (日本).
func jaDayEnds(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return !strings.ContainsRune("間連続ぶ目本後前", r)
}

func wordGoesBack(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r)
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
