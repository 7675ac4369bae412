package digest

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"briefbot"
)

// names are the tokens that tell one event from another that shares its
// vocabulary, in the text's own language: katakana runs (プーチン, レオ),
// kanji names before a title (金正恩総書記) and capitalised words. The
// entity table (entities.go) reads the names it knows in every script;
// these catch the rest (Chatham, Menderes, 山都町).
var (
	kanjiNameRe = regexp.MustCompile(`(\p{Han}{2,4}?)(?:総書記|大統領|首相|外相|国防相|防衛相|財務相|長官|報道官|補佐官|書記|特使|大使|議長|知事|市長|容疑者|被告|選手|監督|氏|総裁|代表|幹事長|官房長官)`)
)

// katakanaStop are katakana words too common in news to name an event.
var katakanaStop = toSet(`ニュース コメント メディア システム グループ サービス ビジネス ポイント データ ネット インターネット オンライン テロ ドローン ミサイル`)

func names(s, full, lang string) map[string]bool {
	if lang == "ja" {
		out := map[string]bool{}
		f := fold(s)
		rs := []rune(f)
		for i := 0; i < len(rs); {
			if !isKatakana(rs[i]) || rs[i] == 'ー' {
				i++
				continue
			}
			j := i
			for j < len(rs) && isKatakana(rs[j]) {
				j++
			}
			if w := string(rs[i:j]); j-i >= 2 && !katakanaStop[w] {
				out[w] = true
			}
			i = j
		}
		for _, m := range kanjiNameRe.FindAllStringSubmatch(f, -1) {
			out[m[1]] = true
		}
		return out
	}
	// Capitalised words where no sentence starts; one that opens a sentence
	// is a name when full has it capitalised elsewhere ("Samsung said…",
	// then "…shares of Samsung").
	mid, starts := capitalised(s, lang)
	var inFull map[string]bool
	for t := range starts {
		if mid[t] {
			continue
		}
		if inFull == nil {
			inFull, _ = capitalised(full, lang)
		}
		if inFull[t] {
			mid[t] = true
		}
	}
	return mid
}

// capitalised returns the word tokens of s capitalised inside a sentence
// and those capitalised where a sentence (or s) starts.
func capitalised(s, lang string) (mid, starts map[string]bool) {
	mid, starts = map[string]bool{}, map[string]bool{}
	words := strings.Fields(s)
	for i, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) {
			continue
		}
		t := wordToken(w, lang)
		switch {
		case t == "":
		case i == 0 || strings.ContainsRune(".!?:", lastRune(words[i-1])):
			starts[t] = true
		default:
			mid[t] = true
		}
	}
	return mid, starts
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// nameScanBytes is how much of a text is read for the words it
// capitalises inside sentences.
const nameScanBytes = 3000

// sketch is a bottom-k MinHash of the character 5-grams of s: the k
// smallest distinct shingle hashes. Two sketches estimate the Jaccard
// similarity of the shingle sets, which finds near-copies of one text.
const sketchK = 32

func sketch(s string) []uint64 {
	const n = 5
	// A window of the last n runes slides over the matching form; the k
	// smallest distinct hashes are kept in a sorted slice.
	var win [n]rune
	seen := 0
	out := make([]uint64, 0, sketchK+1)
	for _, r := range fold(s) {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		if seen >= 800 {
			break
		}
		copy(win[:], win[1:])
		win[n-1] = r
		if seen++; seen < n {
			continue
		}
		h := uint64(14695981039346656037)
		for _, c := range win {
			h ^= uint64(c)
			h *= 1099511628211
		}
		// Mix so that the low values are spread over all shingles.
		h ^= h >> 33
		h *= 0xff51afd7ed558ccd
		h ^= h >> 33
		if len(out) == sketchK && h >= out[sketchK-1] {
			continue
		}
		j := sort.Search(len(out), func(k int) bool { return out[k] >= h })
		if j < len(out) && out[j] == h {
			continue
		}
		out = append(out, 0)
		copy(out[j+1:], out[j:])
		out[j] = h
		if len(out) > sketchK {
			out = out[:sketchK]
		}
	}
	if seen < n {
		return nil
	}
	return out
}

// resemblance estimates the Jaccard similarity of two sketched texts.
func resemblance(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, k, both := 0, 0, 0, 0
	for k < sketchK && (i < len(a) || j < len(b)) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			i++
		case i >= len(a) || b[j] < a[i]:
			j++
		default:
			both++
			i++
			j++
		}
		k++
	}
	return float64(both) / float64(k)
}

// itemFeat is what clustering knows of one item, computed once from the
// item alone: whether two items report one event is decided from the two
// of them, never from what else is in the batch, so that the stories do
// not depend on how items were fetched together.
type itemFeat struct {
	lang string
	at   time.Time
	// ns is at in Unix nanoseconds: placing an item compares times with
	// hundreds of candidates, and time.Time's arithmetic costs several
	// times an integer's.
	ns int64
	// tv: the terms of the title (twice) and lead, weighted (1 + ln tf)
	// times their rarity in news (termWeight), unit length.
	tv tvec
	// ents: the entities of the title and lead (entities.go), in every
	// script alike; names: the other names, in the item's language.
	ents  []string
	names []string
	// headEnts: the entities of the title and first two sentences, where a
	// report names who and where the event is, before any background;
	// hv: the terms there.
	headEnts []string
	hv       tvec
	// coverEnts: the entities of the headline (headlineOf) and the lead
	// sentence: who the report is about, which another report of the
	// event names too; ttv: the headline's terms.
	coverEnts []string
	ttv       tvec
	// figs: the figures of the title and lead that can tell an event (not
	// a day, a year or a one-digit count), as number keys.
	figs   []number
	id     identity
	quotes [][]rune
	sketch []uint64
	// subj: who acts (actors.go); lead: the folded title and first
	// sentence, where an actor counts as named, and leadEnts its entities.
	actors   []string
	lead     string
	leadEnts []string
	// keys: what the item is found by in the index (blockKeys).
	keys []uint64
}

// featuresOf reads an item's features.
func featuresOf(it briefbot.Item) itemFeat {
	lang := normLang(it.Language, it.Title+"\n"+it.Text)
	title, sents := leadSentences(it, lang)
	first := firstSentence(sents, lang)
	at := itemTime(it)
	f := itemFeat{lang: lang, at: at, ns: clampedNanos(at)}
	subj, actorLead := actorsOf(title, first, lang)
	f.actors, f.lead = actorKeys(subj), actorLead

	// Three parts: the title; the head, its first two sentences, where a
	// report says when and what before any background; the lead, the
	// start of its text.
	body := leadOf(briefbot.Item{Text: it.Text})[1:]
	var hb, dated strings.Builder
	n := 0
	for _, s := range sents {
		if utf8.RuneCountInString(s) < 10 {
			continue
		}
		hb.WriteString("\n")
		hb.WriteString(s)
		if !deadlineRe.MatchString(s) {
			dated.WriteString("\n")
			dated.WriteString(s)
		}
		if n++; n == 2 {
			break
		}
	}
	head := hb.String()
	fhead, flead := fold(it.Title+head), fold(it.Title+"\n"+body)
	leadNums := numbersIn(flead, lang)
	// Ordinals from the title and lead sentence alone: a second sentence's
	// "第1セット" or "3rd quarter" is a detail, not which event.
	ffirst := fold(it.Title + "\n" + first)
	f.id = identityOf(fhead, numbersIn(ffirst, lang), leadNums, datesIn(fold(it.Title+dated.String()), it.Published), flead, lang)
	for _, x := range leadNums {
		if figureWeight(x) > 0 && !slices.Contains(f.figs, x) {
			f.figs = append(f.figs, x)
		}
	}

	// Entities are compared as entities, in any script; the words left are
	// what the report says happened. The title counts twice.
	tEnts, tRest := entitiesAndRest(it.Title)
	hEnts, hRest := entitiesAndRest(head)
	lEnts, lRest := entitiesAndRest(body)
	f.ents = mergeKeys(tEnts, lEnts)
	f.headEnts = mergeKeys(tEnts, hEnts)
	// A storm's name or number names the event as a person's name does.
	if storms := mergeKeys(stormKeys(it.Title), stormKeys(head)); len(storms) > 0 {
		f.headEnts = mergeKeys(f.headEnts, storms)
		f.ents = mergeKeys(f.ents, storms)
		f.id.storms = storms
	}
	if storms := stormKeys(body); len(storms) > 0 {
		f.ents = mergeKeys(f.ents, storms)
	}
	fEnts, _ := entitiesAndRest(first)
	f.leadEnts = mergeKeys(tEnts, fEnts)
	hlEnts, hlRest := entitiesAndRest(headlineOf(it.Title, title, first))
	f.coverEnts = mergeKeys(hlEnts, fEnts)
	tTerms := topicTerms(tRest, lang)
	tTerms = append(tTerms, tTerms...)
	f.tv = termVector(append(topicTerms(lRest, lang), tTerms...))
	f.hv = termVector(append(topicTerms(hRest, lang), tTerms...))
	f.ttv = termVector(topicTerms(hlRest, lang))
	textStart := it.Text
	if len(textStart) > nameScanBytes {
		textStart = strings.ToValidUTF8(textStart[:nameScanBytes], "")
	}
	for n := range names(tRest+"\n"+lRest, it.Title+"\n"+textStart, lang) {
		if !genericWords[n] && !genericNames[n] {
			f.names = append(f.names, n)
		}
	}
	slices.Sort(f.names)
	f.quotes = quotations(it.Title + "\n" + body)
	f.sketch = sketch(it.Title + "\n" + it.Text)
	f.keys = blockKeys(&f)
	return f
}

// stormRes find the name or number a weather service gives a storm,
// which tells one storm's landfall from another's as a person's name tells
// one visit from another: 台風14号, ハリケーン「ミルトン」, Typhoon Haikui,
// Hurricane Milton, ураган «Милтон». A storm word alone (a storm,
// ハリケーンシーズン) names none, and "Storm" before a capitalised word is
// as often a missile (Storm Shadow) as a storm, so it does not count.
var stormRes = []*regexp.Regexp{
	regexp.MustCompile(`(台風)\s*(?:第)?([0-9]+)\s*号`),
	regexp.MustCompile(`(?:ハリケーン|サイクロン)[「・“](\p{Katakana}[\p{Katakana}ー]+)`),
	regexp.MustCompile(`\b(?:[Ss]uper [Tt]yphoon|[Tt]yphoon|[Hh]urricane|[Cc]yclone|[Tt]ropical [Ss]torm|[Tt]ropical [Dd]epression)\s+([A-Z][a-z]+)\b`),
	regexp.MustCompile(`(?i:тайфун|ураган|циклон|тропическ\p{L}+ шторм)\p{L}*\s+[«"“]?([А-ЯЁ][а-яё]+)`),
}

// stormWords are parts of the storm words of stormRes that each of their
// spellings holds, capitalised or not (Typhoon, typhoon; Ураган, ураган).
var stormWords = []string{"台風", "ハリケーン", "サイクロン", "yphoon", "urricane", "yclone", "ropical", "айфун", "раган", "иклон", "ропическ", "АЙФУН", "РАГАН", "ИКЛОН"}

// stormKeys are the keys of the storms s names, "storm:" and the name in
// lower case or the number with its word (台風14).
func stormKeys(s string) []string {
	// Most reports name no storm: a look for the storm words spares them
	// the patterns.
	if !slices.ContainsFunc(stormWords, func(w string) bool { return strings.Contains(s, w) }) {
		return nil
	}
	var out []string
	for i, re := range stormRes {
		// Folded for the full-width digits of Japanese; a name's capital
		// is read from the text itself.
		t := s
		if i < 2 {
			t = fold(s)
		}
		for _, m := range re.FindAllStringSubmatch(t, -1) {
			out = append(out, "storm:"+strings.ToLower(strings.Join(m[1:], "")))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// deadlineRe finds a sentence about when something was due or runs out:
// its day is the deadline's ("the truce was due to expire on Friday",
// 期限は15日), not the day of the news, and two reports of one event need
// not mention it.
var deadlineRe = regexp.MustCompile(`(?i)\b(?:due to (?:expire|end|lapse|run out)|set to (?:expire|end|lapse)|expir(?:e|es|ed|ing|y)|deadline)\b|期限|失効|истека|истёк|истек|крайний срок`)

// headlineOf is what a report's headline says happened: its title less
// the source it is attributed to (…=露国防省), else the headline line an
// untitled post opens with (shown), else its lead sentence (first): a
// report without a title still says in one line what happened.
func headlineOf(raw, shown, first string) string {
	if sp := titleSpeaker(raw); sp != "" {
		raw = strings.TrimSuffix(strings.TrimSpace(raw), sp)
	}
	switch {
	case strings.TrimSpace(raw) != "":
		return raw
	case shown != "":
		return shown
	}
	return first
}

// entitiesAndRest returns the sorted keys of the entities s names (not as
// a qualifier) and s with every entity mention blanked out.
func entitiesAndRest(s string) ([]string, string) {
	ms := mentionsIn(s)
	var keys []string
	for _, m := range ms {
		if m.Kind != asQualifier {
			keys = append(keys, m.Key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys), blankMentions(s, ms)
}

// mergeKeys is the sorted union of two sorted key lists.
func mergeKeys(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// blankMentions replaces the mentions in s by spaces.
func blankMentions(s string, ms []mention) string {
	if len(ms) == 0 {
		return s
	}
	b := []byte(s)
	for _, m := range ms {
		for i := m.Start; i < m.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// topicTerms are the terms of s that say what happened: no figures (they
// are compared as figures) and no words every report uses (genericWords).
func topicTerms(s, lang string) []string {
	ts := terms(s, lang)
	out := ts[:0]
	for _, t := range ts {
		if !genericWords[t] && !isDigit(t[0]) {
			out = append(out, t)
		}
	}
	return out
}

// genericWords are terms any news report uses whatever happened: offices,
// reporting verbs, time words, and the kanji pairs of the Japanese ones.
var genericWords = toSet(`大統 統領 首相 外相 長官 政府 記者 会見 発表 報道 関係 情勢 問題 今回 日本 時間 午前 午後 同日 先月 今月 今年 昨年 当局 地元 市内 国内 海外
官房 補佐 補佐官 報道官 大臣 首脳 政権 明ら 表明 強調 指摘 説明 見通 可能 可能性 示し 述べ 伝え 会議 国際 各国 両国 同国 同氏
presid minister prime foreign official government country people told reporter statement spokesman spokeswoman spokesperson
news agency according week year day time monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december percent million billion thousand including while since would could
president secretary chief leader leaders state states national international report reports reported added
президе министр заявил сообщил года году время также глава ведомства заявле отметил словам
`)

// genericNames are capitalised words that name no event: bylines,
// agencies, calendar words.
var genericNames = toSet(`reuters ap afp bloomberg ria tass interfax kyodo jiji nhk reporting editing writing
ロイター 共同 時事 ブルームバーグ スプートニク ニュース`)

// figureWeight is how much sharing a figure tells: a magnitude, a
// percentage, a duration, a strong seismic intensity or an amount with a
// decimal or of three digits or more is rarely shared by chance; an
// ordinal, a lower bound (more than an hour) or a two-digit count
// sometimes; a one-digit count or a time of day (zones differ) is not
// worth comparing.
func figureWeight(n number) float64 {
	switch n.kind {
	case numClock:
		return 0
	case numMagnitude, numPercent, numDuration:
		return 1
	case numIntensity:
		// 震度5弱 and above is felt a few times a year; 震度3 several
		// times a week.
		if n.v >= 4.75 {
			return 1
		}
		return 0.5
	case numOrdinal, numLongerThan:
		return 0.5
	}
	switch {
	case n.v != math.Trunc(n.v) || n.v >= 100:
		return 1
	case n.v >= 10:
		return 0.5
	}
	return 0
}

// tvec is a sparse term vector sorted by term hash.
type tvec = sparseVec[uint64]

// tweight is one term of a tvec: its hash and weight.
type tweight = sparseEntry[uint64]

// termVector weights terms (1 + ln tf) times their rarity in news
// (termWeight) and normalises to unit length.
func termVector(ts []string) tvec {
	hs := make(tvec, len(ts)) // each term's hash and rarity, then summed
	for i, t := range ts {
		hs[i] = tweight{hashString(t), termWeight(t)}
	}
	slices.SortFunc(hs, func(a, b tweight) int { return cmp.Compare(a.k, b.k) })
	v := hs[:0]
	norm := 0.0
	for i := 0; i < len(hs); {
		j := i
		for j < len(hs) && hs[j].k == hs[i].k {
			j++
		}
		w := (1 + math.Log(float64(j-i))) * hs[i].w
		v = append(v, tweight{hs[i].k, w})
		norm += w * w
		i = j
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
	return v
}

// hashString is 64-bit FNV-1a, mixed: stable across runs, so that the
// order of equal scores never depends on a seed.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// nearKeys are the smallest shingle hashes of an item.
func (f *itemFeat) nearKeys() []uint64 { return f.sketch[:min(len(f.sketch), sketchKeys)] }

// sketchKeys is how many of an item's smallest shingle hashes index it:
// two near-copies (resemblance ≥ 0.5) share one of their smallest few
// almost surely.
const sketchKeys = 6

// blockKeys are what an item is found by: its entities other than
// countries, its names and its figures; and, for near-copies, its
// smallest shingle hashes (nearKeys). Two items the join test can join
// share one of them.
func blockKeys(f *itemFeat) []uint64 {
	var ks []uint64
	for _, e := range f.ents {
		if kind, _, _ := entityOf(e); kind != entCountry {
			ks = append(ks, hashString("e\x00"+e))
		}
	}
	for _, n := range f.names {
		ks = append(ks, hashString("n\x00"+f.lang+"\x00"+n))
	}
	for _, x := range f.figs {
		ks = append(ks, hashString(fmt.Sprintf("f\x00%d\x00%g", x.kind, x.v)))
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}
