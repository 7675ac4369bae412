package digest

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// What tells one event from a look-alike that shares its words, names and
// shape: the day it happened, an earthquake's magnitude and epicentre, the
// ordinal of a templated item or a home run, the currency of a rate. Two
// reports that disagree on any of these are two events however alike they
// read. Counts that grow (a death toll from 3 to 5) and other figures never
// separate reports: a later report updates them.

// identity is what an item says about which event it reports.
type identity struct {
	// days named in the title and the lead sentence (a dateline counts);
	// a background sentence's date further down does not.
	days []day
	// mag is the magnitude the report leads with (its title's, else its
	// lead's first), 0 when it gives none.
	mag float64
	// ordinals of the title and lead sentence: 30号, 31st, 第18弾, 0番目, 0区.
	ordinals []float64
	// fx is the sorted currencies of an exchange-rate report's title: a
	// dollar rate and a euro rate published together are two bulletins.
	fx []string
	// dur is the first duration of the lead, in minutes (a call of 75
	// minutes, of 40), 0 when none; durAtLeast says it is a lower bound
	// (more than an hour, 1時間余り).
	dur        float64
	durAtLeast bool
	// epicentre is where a Japanese quake report says the quake was
	// (茨城県南部を震源とする).
	epicentre string
	// storms are the storms the title and first sentences name
	// (stormKeys): two reports that name storms in one script and no
	// storm in common are two storms' news.
	storms []string
}

// magnitudeRevision is how far two reports' magnitudes may differ and
// still be one quake: agencies revise a first estimate by a few tenths
// (M5.0 → M5.2; 6.6 from the Russian survey, 6.8 from the USGS), while an
// aftershock is a magnitude or more below.
const magnitudeRevision = 0.3

// durationSpread: two reports of one call or meeting round its length
// differently (1時間余り, 75 minutes, более часа), but not by half again:
// a 40-minute call is another call than a 75-minute one.
const durationSpread = 1.45

// epicentreRe finds a Japanese report's epicentre: the place before
// を震源 (付近 and 沖 kept as said).
var epicentreRe = regexp.MustCompile(`([\p{Han}\p{Katakana}ー]{2,}?)(?:付近)?を震源`)

// identityOf reads an item's identity: head is its folded title and first
// sentences, firstNums the figures of its title and lead sentence,
// leadNums those of its title and lead, days the days head names.
func identityOf(head string, firstNums, leadNums []number, days []day, lead, lang string) identity {
	var id identity
	id.days = days
	for _, n := range firstNums {
		if n.kind == numOrdinal && !slices.Contains(id.ordinals, n.v) {
			id.ordinals = append(id.ordinals, n.v)
		}
	}
	for _, n := range leadNums {
		if n.kind == numMagnitude && id.mag == 0 {
			id.mag = n.v
		}
		if (n.kind == numDuration || n.kind == numLongerThan) && id.dur == 0 {
			id.dur, id.durAtLeast = n.v, n.kind == numLongerThan
		}
	}
	if lang == "ja" && strings.Contains(lead, "震源") {
		if m := epicentreRe.FindStringSubmatch(lead); m != nil {
			id.epicentre = m[1]
		}
	}
	title, _, _ := strings.Cut(head, "\n")
	id.fx = rateCurrencies(title)
	return id
}

// conflicts reports two identities that cannot be one event.
func (a *identity) conflicts(b *identity) bool {
	if len(a.days) > 0 && len(b.days) > 0 && !intersects(a.days, b.days) {
		return true
	}
	if a.mag > 0 && b.mag > 0 && math.Abs(a.mag-b.mag) > magnitudeRevision+1e-9 {
		return true
	}
	if len(a.ordinals) > 0 && len(b.ordinals) > 0 && !intersects(a.ordinals, b.ordinals) {
		return true
	}
	if a.dur > 0 && b.dur > 0 && durationsConflict(a, b) {
		return true
	}
	if a.fx != nil && b.fx != nil && !slices.Equal(a.fx, b.fx) {
		return true
	}
	if stormsConflict(a.storms, b.storms) {
		return true
	}
	return a.epicentre != "" && b.epicentre != "" && a.epicentre != b.epicentre
}

// stormsConflict reports two lists of storms that share a script (Latin,
// Cyrillic, kana, a Japanese number) and no storm: Hurricane Milton and
// ураган «Милтон» are not compared, Milton and Helene are.
func stormsConflict(a, b []string) bool {
	for _, x := range a {
		sx := stormScript(x)
		inB := slices.ContainsFunc(b, func(y string) bool { return stormScript(y) == sx })
		shared := slices.ContainsFunc(a, func(k string) bool { return stormScript(k) == sx && slices.Contains(b, k) })
		if inB && !shared {
			return true
		}
	}
	return false
}

// stormScript is the script a storm key is written in: the first rune
// after "storm:", by its class.
func stormScript(k string) rune {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(k, "storm:"))
	switch {
	case r < 0x80:
		return 'L'
	case r >= 0x400 && r < 0x530:
		return 'C'
	case isKatakana(r):
		return 'K'
	}
	return 'H'
}

// durationsConflict reports two lengths that cannot be one call's: two
// lengths more than durationSpread apart, or a length that far short of
// another's lower bound (40 minutes against more than an hour); two lower
// bounds never conflict.
func durationsConflict(a, b *identity) bool {
	switch {
	case a.durAtLeast && b.durAtLeast:
		return false
	case a.durAtLeast:
		return a.dur >= durationSpread*b.dur
	case b.durAtLeast:
		return b.dur >= durationSpread*a.dur
	}
	return max(a.dur, b.dur) >= durationSpread*min(a.dur, b.dur)
}

func intersects[T comparable](a, b []T) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// currencies: the words for a currency, longest first where one holds
// another (豪ドル before ドル).
var currencies = []struct{ word, code string }{
	{"豪ドル", "AUD"}, {"香港ドル", "HKD"}, {"カナダドル", "CAD"}, {"australian dollar", "AUD"},
	{"ドル", "USD"}, {"dollar", "USD"}, {"доллар", "USD"}, {"usd", "USD"}, {"$", "USD"},
	{"ユーロ", "EUR"}, {"euro", "EUR"}, {"евро", "EUR"}, {"eur", "EUR"}, {"€", "EUR"},
	{"円", "JPY"}, {"yen", "JPY"}, {"иен", "JPY"}, {"jpy", "JPY"},
	{"人民元", "CNY"}, {"yuan", "CNY"}, {"юан", "CNY"}, {"cny", "CNY"},
	{"ポンド", "GBP"}, {"sterling", "GBP"}, {"pound", "GBP"}, {"фунт", "GBP"}, {"gbp", "GBP"}, {"£", "GBP"},
	{"ルーブル", "RUB"}, {"rouble", "RUB"}, {"ruble", "RUB"}, {"рубл", "RUB"}, {"руб.", "RUB"}, {"rub", "RUB"},
	{"ウォン", "KRW"}, {"won", "KRW"},
	{"フラン", "CHF"}, {"franc", "CHF"}, {"франк", "CHF"},
}

// rateMarks say that a title reports an exchange rate.
var rateMarks = []string{"外為", "為替", "円相場", "курс", "exchange rate", "forex", "fx "}

// rateCurrencies returns the sorted currencies a folded title quotes when
// it reports an exchange rate (東京外為 ドル=147円21銭, курс евро на 10 июля),
// nil for any other title: "5.3 trillion won ($3.9 billion)" names two
// currencies but is no rate.
func rateCurrencies(title string) []string {
	if !strings.Contains(title, "=") && !containsAny(title, rateMarks) {
		return nil
	}
	rate := false
	for _, m := range rateMarks {
		if strings.Contains(title, m) {
			rate = true
			break
		}
	}
	var out []string
	for i := 0; i < len(title); {
		rest := title[i:]
		n := 0
		for _, c := range currencies {
			if strings.HasPrefix(rest, c.word) && latinWordAt(title, i, len(c.word)) {
				if !slices.Contains(out, c.code) {
					out = append(out, c.code)
				}
				// ドル=147円: a currency priced in another is a rate.
				if strings.HasPrefix(rest[len(c.word):], "=") {
					rate = true
				}
				n = len(c.word)
				break
			}
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(rest)
		}
		i += n
	}
	if !rate || len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return out
}

// latinWordAt reports that the n bytes at s[i:] are not part of a longer
// Latin word (won in wonder, eur in europe): a Latin word must start a
// word, and a three-letter one end it too.
func latinWordAt(s string, i, n int) bool {
	if !isLatin(s[i]) {
		return true
	}
	if i > 0 && isLatin(s[i-1]) {
		return false
	}
	return n > 3 || i+n == len(s) || !isLatin(s[i+n])
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
