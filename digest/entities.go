package digest

import (
	"slices"
	"strings"
)

// One table of what news names — countries, people, organisations and
// places — in Japanese, English and Russian, read by the flags before a
// lead and by clustering alike, so that プーチン, Putin and Путину are one
// person and 露, Russia and России one country.
//
// Matching goes by the script of each word, not by the text's language: a
// Japanese report's "NATO" and a Russian one's "Trump" count. Katakana and
// Latin forms match whole words; Russian forms match with a case ending
// (Путина, России, Белого дома); kanji forms match anywhere, leftmost and
// longest first, so that a longer word hides the country inside it
// (中西部, 朝鮮半島, 欧米); the one-character forms of Japanese headlines
// (露 米 宇 中 日…) count only where their context says they mean the
// country (country_ja.go).

// entityKind says what an entity is.
type entityKind uint8

const (
	entCountry entityKind = iota + 1
	entPerson
	entOrg
	entPlace
)

// mentionKind says how a text names an entity.
type mentionKind uint8

const (
	// byName: its name, a short form, or a capital standing for its
	// government: ロシア, 露 (in 露大統領), Moscow, Путину, NATO.
	byName mentionKind = iota + 1
	// byAdjective: an adjective or demonym: Russian, российской, Israelis.
	byAdjective
	// byOffice: an office standing for a government it does not name:
	// 官房長官 (Japan's), Pope (the Holy See's).
	byOffice
	// asTopic: a country as the subject matter, not an actor or a place
	// where something happens: ウクライナ情勢, イラン問題.
	asTopic
	// asQualifier: a country word that only qualifies something else:
	// 日本時間, 中国語, русский язык.
	asQualifier
)

// mention is one place where a text names an entity.
type mention struct {
	Start, End int    // byte offsets of the words in the text
	Key        string // the entity's stable id: "RU", "putin", "nato"
	Country    string // ISO 3166-1 code the mention stands for; "" for none (NATO, Crimea)
	Entity     entityKind
	Kind       mentionKind
}

// party reports a mention that names a country as a place or a party —
// its name, adjective or office, one of its people, or an institution of
// its own (Kremlin) — and not as a topic, a qualifier or the country a
// named place lies in. These are what the flags before a lead show.
func (m mention) party() bool {
	if m.Country == "" || m.Entity == entPlace {
		return false
	}
	return m.Kind == byName || m.Kind == byAdjective || m.Kind == byOffice
}

// entity is one row of the table; a country's country is itself.
type entity struct {
	key     string
	kind    entityKind
	country string
}

// formFlag marks forms that need more than word boundaries to count.
type formFlag uint8

const (
	// flagShort: a one-character Japanese form (露 米 中 日 ロ…) that names
	// its country only in context (country_ja.go).
	flagShort formFlag = 1 << iota
	// flagFirstName: a country name that is also a first name (Chad,
	// Jordan, Georgia): not when a capitalised word follows.
	flagFirstName
	// flagShout: a two-letter capital form (US, UK, EU, UN): not in text
	// written all in capitals, where "US" is also "us".
	flagShout
)

// form is what one trie key stands for.
type form struct {
	ent   int32 // index into entityIndex.ents; -1 for a false friend that only hides the words it covers
	kind  mentionKind
	flags formFlag
}

// entityIndex is the table compiled once into a trie over runes; it is
// never written after init.
var entityIndex = buildIndex()

// mentionsIn returns the entities text names, in text order, one mention
// for each place it names them.
func mentionsIn(text string) []mention {
	x := entityIndex
	toks := x.match(text)
	out := make([]mention, 0, len(toks))
	for _, t := range toks {
		e := x.ents[x.forms[t.form].ent]
		out = append(out, mention{Start: t.start, End: t.end, Key: e.key, Country: e.country, Entity: e.kind, Kind: t.kind})
	}
	return out
}

// match is what mentionsIn returns, as tokens: the scan's, resolved, false
// friends left out.
func (x *entityTable) match(text string) []tok {
	toks := x.resolve(text, x.scan(text))
	out := toks[:0]
	for _, t := range toks {
		if x.forms[t.form].ent >= 0 {
			out = append(out, t)
		}
	}
	return out
}

// countriesIn returns the mentions of text that stand for a country, in
// text order: the country's own words of every kind (party() tells a place
// or party from a topic or qualifier), its people and its institutions.
func countriesIn(text string) []mention {
	ms := mentionsIn(text)
	out := ms[:0]
	for _, m := range ms {
		if m.Country != "" {
			out = append(out, m)
		}
	}
	return out
}

// entitiesIn returns the sorted keys of the entities text names — people,
// organisations, places and countries (a country's topic mention counts,
// a qualifier does not) — for telling whether two reports, in any of the
// three languages, are about the same actors.
func entitiesIn(text string) []string {
	x := entityIndex
	toks := x.match(text)
	ents := make([]int32, 0, len(toks))
	for _, t := range toks {
		if t.kind != asQualifier {
			ents = append(ents, x.forms[t.form].ent)
		}
	}
	slices.Sort(ents)
	ents = slices.Compact(ents)
	keys := make([]string, len(ents))
	for i, e := range ents {
		keys[i] = x.ents[e].key
	}
	slices.Sort(keys)
	return keys
}

// entityOf returns the kind and country of the entity with key; ok is
// false for an unknown key.
func entityOf(key string) (kind entityKind, country string, ok bool) {
	i, ok := entityIndex.byKey[key]
	if !ok {
		return 0, "", false
	}
	e := entityIndex.ents[i]
	return e.kind, e.country, true
}

// flagOf is the flag emoji of an ISO 3166-1 code: two regional indicators.
func flagOf(code string) string {
	if len(code) != 2 {
		return ""
	}
	return string([]rune{rune(code[0]) - 'A' + 0x1F1E6, rune(code[1]) - 'A' + 0x1F1E6})
}

// entityTable is the compiled table.
type entityTable struct {
	ents  []entity
	forms []form
	byKey map[string]int32
	trie
	// conflicts lists surface forms given to two entities (a test keeps it
	// empty; the first one given wins).
	conflicts []string
}

// entityRow is one entity of a hand-kept table with its forms, any script,
// separated by "|". A Russian form declines by rule (see ruKey); "~" after
// a Russian word marks an irregular stem (Египт~ for Египта), "=" a word
// that never declines.
type entityRow struct {
	key, country, forms string
}

func buildIndex() *entityTable {
	x := &entityTable{byKey: map[string]int32{}}
	var keys []trieKey
	seen := map[string]int32{} // trie key → form index
	add := func(ent int32, surface string, kind mentionKind, flags formFlag) {
		k := formKey(surface)
		if old, ok := seen[string(k)]; ok {
			if x.forms[old].ent != ent {
				x.conflicts = append(x.conflicts, surface)
			}
			return
		}
		x.forms = append(x.forms, form{ent: ent, kind: kind, flags: flags})
		fi := int32(len(x.forms) - 1)
		seen[string(k)] = fi
		keys = append(keys, trieKey{k, fi})
	}
	entityAt := func(key string, kind entityKind, country string) int32 {
		if i, ok := x.byKey[key]; ok {
			return i
		}
		x.ents = append(x.ents, entity{key: key, kind: kind, country: country})
		i := int32(len(x.ents) - 1)
		x.byKey[key] = i
		return i
	}
	addAll := func(ent int32, forms string, kind mentionKind, flags formFlag) {
		for _, f := range strings.Split(forms, "|") {
			if f = strings.TrimSpace(f); f != "" {
				add(ent, f, kind, flags|shoutFlag(f))
			}
		}
	}

	// False friends first: a false friend that is also a real form is a
	// table error the conflicts test reports.
	for _, f := range falseFriends {
		addAll(-1, f, byName, 0)
	}
	for _, c := range countryForms {
		e := entityAt(c.code, entCountry, c.code)
		addAll(e, c.names, byName, 0)
		addAll(e, c.adj, byAdjective, 0)
		addAll(e, c.offices, byOffice, 0)
		addAll(e, c.qualifiers, asQualifier, 0)
	}
	for _, s := range shortForms {
		add(entityAt(s.country, entCountry, s.country), string(s.r), byName, flagShort)
	}
	// Before CLDR's names, which would add Chad without its flag.
	for _, f := range firstNameCountries {
		add(entityAt(f.code, entCountry, f.code), f.name, byName, flagFirstName)
	}
	for _, c := range cldrCountries {
		e := entityAt(c[0], entCountry, c[0])
		for _, f := range cldrForms(c[1], c[2], c[3]) {
			if !dropCLDR[f] {
				add(e, f, byName, shoutFlag(f))
			}
		}
	}
	for _, t := range []struct {
		rows []entityRow
		kind entityKind
	}{{people, entPerson}, {organisations, entOrg}, {places, entPlace}} {
		for _, r := range t.rows {
			addAll(entityAt(r.key, t.kind, r.country), r.forms, byName, 0)
		}
	}
	x.trie = buildTrie(keys)
	return x
}

// cldrReplacer writes CLDR's brackets and abbreviations as news does.
var cldrReplacer = strings.NewReplacer("（", "(", "）", ")", "о-ва", "острова", "о-в", "остров")

// shoutFlag marks a form of two capital Latin letters.
func shoutFlag(f string) formFlag {
	if len(f) == 2 && 'A' <= f[0] && f[0] <= 'Z' && 'A' <= f[1] && f[1] <= 'Z' {
		return flagShout
	}
	return 0
}

// cldrForms are the surface forms of CLDR country names: each name, and
// for the names CLDR writes for lists rather than for prose, the forms news
// writes: "Myanmar (Burma)" → Myanmar, Burma; "Cocos (Keeling) Islands" →
// also "Cocos Islands"; "Bosnia & Herzegovina" → also "Bosnia and
// Herzegovina"; "Hong Kong SAR China", 中華人民共和国香港特別行政区 and
// "Гонконг (САР)" → Hong Kong, 香港, Гонконг; "о-в Мэн" → "остров Мэн";
// "St. Helena" → also "Saint Helena". "Congo - Kinshasa" is no form (the
// hand-kept table names both Congos); "Виргинские о-ва (США)" keeps its
// parenthesis, which tells it from the British islands.
func cldrForms(names ...string) []string {
	var out []string
	for _, n := range names {
		if strings.Contains(n, " - ") {
			continue
		}
		n = cldrReplacer.Replace(n)
		n = strings.TrimSuffix(n, " SAR China")
		n = strings.TrimPrefix(n, "中華人民共和国")
		n = strings.TrimSuffix(n, "特別行政区")
		parts := []string{n}
		if i, j := strings.Index(n, "("), strings.Index(n, ")"); 0 < i && i < j {
			inner := n[i+1 : j]
			outer := strings.TrimSpace(n[:i]) + n[j+1:]
			switch {
			case inner == "САР":
				parts = []string{outer}
			case inner == "США" || inner == "Британские":
			case j == len(n)-1:
				parts = []string{outer, inner}
			default:
				parts = append(parts, outer)
			}
		}
		for _, p := range parts {
			p = strings.TrimSpace(p)
			out = append(out, p)
			if strings.Contains(p, " & ") {
				out = append(out, strings.ReplaceAll(p, " & ", " and "))
			}
			if rest, ok := strings.CutPrefix(p, "St. "); ok {
				out = append(out, "Saint "+rest)
			}
		}
	}
	return out
}
