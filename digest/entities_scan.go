package digest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The entity table compiles into a trie over runes. Keys are the surface
// forms after matchRune; a space in a key matches any run of white space;
// endingMark after a Russian stem matches the rest of the word when it is a
// case ending (isRuEnding), so that the one key "Путин" + endingMark finds
// Путин, Путина, Путину and Путиным.
const endingMark = '\uE000'

// trie is the compiled table; nodes[0] is the root, whose children are
// looked up directly by rune (bmp, for the Basic Multilingual Plane) or in
// astral: a Japanese text asks the root at every kanji.
type trie struct {
	starts []uint64 // bit r: some key starts with rune r < 0x10000; 8 KB that stay in cache, unlike bmp
	bmp    []int32  // child of the root for each rune below 0x10000, -1 none
	astral map[rune]int32
	nodes  []tnode
	edges  []tedge
}

// tnode: edges[first:first+n] are its children sorted by rune; accept is
// the form a key ending here stands for (-1 none); ending is the child
// reached after a case ending (-1 none).
type tnode struct {
	first, n       int32
	accept, ending int32
}

type tedge struct {
	r  rune
	to int32
}

func (t *trie) child(n int32, r rune) int32 {
	if n == 0 {
		if r < 0x10000 {
			return t.bmp[r]
		}
		if c, ok := t.astral[r]; ok {
			return c
		}
		return -1
	}
	nd := t.nodes[n]
	es := t.edges[nd.first : nd.first+nd.n]
	if len(es) <= 8 {
		for _, e := range es {
			if e.r == r {
				return e.to
			}
		}
		return -1
	}
	if i, ok := slices.BinarySearchFunc(es, r, func(e tedge, r rune) int { return int(e.r - r) }); ok {
		return es[i].to
	}
	return -1
}

// trieKey is one key of the table and the form it stands for.
type trieKey struct {
	k []rune
	f int32
}

// buildTrie lays the keys out in arrays: sorted, the keys under a node are
// a run, and its children's edges one block.
func buildTrie(keys []trieKey) trie {
	slices.SortFunc(keys, func(a, b trieKey) int { return slices.Compare(a.k, b.k) })
	size := 0
	for _, k := range keys {
		size += len(k.k)
	}
	t := trie{starts: make([]uint64, 0x10000/64), bmp: make([]int32, 0x10000), astral: map[rune]int32{},
		nodes: make([]tnode, 0, size), edges: make([]tedge, 0, size)}
	for r := range t.bmp {
		t.bmp[r] = -1
	}
	t.node(keys, 0)
	root := t.nodes[0]
	for _, e := range t.edges[root.first : root.first+root.n] {
		if e.r < 0x10000 {
			t.bmp[e.r] = e.to
			t.starts[e.r/64] |= 1 << (e.r % 64)
		} else {
			t.astral[e.r] = e.to
		}
	}
	return t
}

// node adds the node for keys, which share their first depth runes, and
// returns its index.
func (t *trie) node(keys []trieKey, depth int) int32 {
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, tnode{accept: -1, ending: -1})
	if len(keys) > 0 && len(keys[0].k) == depth {
		t.nodes[n].accept = keys[0].f
		keys = keys[1:]
	}
	// The keys come in runs by their next rune: one edge (or the ending
	// child) each, laid out before any child's.
	first := int32(len(t.edges))
	for i := 0; i < len(keys); i = keyRunEnd(keys, i, depth) {
		if r := keys[i].k[depth]; r != endingMark {
			t.edges = append(t.edges, tedge{r: r})
		}
	}
	t.nodes[n].first, t.nodes[n].n = first, int32(len(t.edges))-first
	e := first
	for i := 0; i < len(keys); {
		j := keyRunEnd(keys, i, depth)
		c := t.node(keys[i:j], depth+1)
		if keys[i].k[depth] == endingMark {
			t.nodes[n].ending = c
		} else {
			t.edges[e].to = c
			e++
		}
		i = j
	}
	return n
}

// keyRunEnd is the end of the run of keys from i that share rune depth.
func keyRunEnd(keys []trieKey, i, depth int) int {
	j := i + 1
	for j < len(keys) && keys[j].k[depth] == keys[i].k[depth] {
		j++
	}
	return j
}

// matchRune folds the variants that news text mixes: full-width ASCII (Ｇ７,
// ＝), ё, curly apostrophes, the middle dots that join name parts (･ · →
// ・), non-breaking and ideographic spaces, Unicode hyphens.
func matchRune(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case 0xFF01 <= r && r <= 0xFF5E:
		return r - 0xFEE0
	}
	switch r {
	case 'ё':
		return 'е'
	case 'Ё':
		return 'Е'
	case '’', 'ʼ', '‘':
		return '\''
	case '･', '·':
		return '・'
	case '\u00A0', '\u3000', '\u2009', '\u202F':
		return ' '
	case '\u2010', '\u2011':
		return '-'
	}
	return r
}

// Character classes for word boundaries.
const (
	clsOther = iota
	clsLatin // Latin letters and digits
	clsCyr   // Cyrillic letters
	clsKata  // katakana and ー
	clsHan
)

func scriptOf(r rune) int {
	switch {
	case r < 0x80:
		if 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' {
			return clsLatin
		}
		return clsOther
	case r < 0x250:
		if unicode.IsLetter(r) {
			return clsLatin
		}
		return clsOther
	case r < 0x400:
		return clsOther
	case r < 0x530:
		// Cyrillic and its supplement; 0x482–0x489 are signs.
		if r < 0x482 || 0x48A <= r {
			return clsCyr
		}
		return clsOther
	case r < 0x3005:
		return clsOther
	case r < 0x3100:
		switch {
		case 0x30A1 <= r && r <= 0x30FA || 0x30FC <= r && r <= 0x30FF:
			return clsKata
		case r == 0x3005:
			return clsHan // 々
		}
		return clsOther
	case 0x3400 <= r && r <= 0x4DBF || 0x4E00 <= r && r <= 0x9FFF || 0xF900 <= r && r <= 0xFAFF || 0x20000 <= r && r <= 0x3FFFF:
		return clsHan
	case 0x31F0 <= r && r <= 0x31FF:
		return clsKata
	}
	return clsOther
}

// formKey is the trie key of one surface form: its runes normalised,
// Russian words cut to their stem and an endingMark (ruKey).
func formKey(s string) []rune {
	var key []rune
	cyr := false
	for _, r := range s {
		key = append(key, matchRune(r))
		cyr = cyr || scriptOf(r) == clsCyr
	}
	if !cyr {
		return key
	}
	var out, word []rune
	for _, r := range key {
		if r == ' ' || r == '-' {
			out = append(append(out, ruKey(word)...), r)
			word = word[:0]
			continue
		}
		word = append(word, r)
	}
	return append(out, ruKey(word)...)
}

// ruKey is the key of one Russian word of a form: its stem and an
// endingMark when it declines. The stem drops the nominative ending —
// two letters for adjectival ones (Зеленский, Южная, Соединенные), one
// for -а -я -й -ь -ы (Украина, Россия, Китай, Израиль, Штаты) — and keeps
// a word ending in a consonant (Путин, Иран). A word ending in another
// vowel (Токио, Шойгу, Нетаньяху), an acronym (США, НАТО) and a stem under
// three letters (Си, Ын) never decline; "~" marks an irregular stem
// (Египт~, Льв~), "=" a word that never declines. Latin words in a Russian
// form (XIV) stay as they are.
func ruKey(w []rune) []rune {
	n := len(w)
	switch {
	case n == 0:
		return nil
	case w[n-1] == '~':
		return append(slices.Clone(w[:n-1]), endingMark)
	case w[n-1] == '=':
		return slices.Clone(w[:n-1])
	case scriptOf(w[0]) != clsCyr || n <= 2 || strings.ToUpper(string(w)) == string(w):
		return slices.Clone(w)
	}
	stem := w
	switch tail := string(w[n-2:]); {
	case tail == "ий" || tail == "ый" || tail == "ой" || tail == "ая" || tail == "яя" ||
		tail == "ое" || tail == "ее" || tail == "ые" || tail == "ие":
		stem = w[:n-2]
	case strings.ContainsRune("аяйьы", w[n-1]) || tail == "ье":
		stem = w[:n-1]
	case strings.ContainsRune("оеиуюэ", w[n-1]):
		return slices.Clone(w)
	}
	if len(stem) < 3 {
		return slices.Clone(w)
	}
	return append(slices.Clone(stem), endingMark)
}

// isRuEnding reports a Russian case ending (of nouns and adjectives, all
// numbers and genders), or none.
func isRuEnding(s string) bool {
	if strings.Contains(s, "ё") {
		s = strings.ReplaceAll(s, "ё", "е")
	}
	switch s {
	case "", "а", "я", "у", "ю", "е", "и", "ы", "о", "й", "ь",
		"ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ью",
		"ами", "ями", "ий", "ый", "ого", "его", "ому", "ему", "им", "ым", "ими", "ыми", "их", "ых",
		"ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие":
		return true
	}
	return false
}

// tok is one match of the scan: the form a key stands for, and how the
// resolution rules read it (kind starts as the form's).
type tok struct {
	start, end int
	form       int32
	kind       mentionKind
	short      rune // the one-character Japanese form (country_ja.go), 0 for others
}

// scan finds the forms of text leftmost-longest: at each place a word may
// start, the longest form that ends at a word boundary; the text it covers
// is not searched again.
func (x *entityTable) scan(text string) []tok {
	toks := make([]tok, 0, len(text)/32+4)
	prevCls := clsOther
	for pos := 0; pos < len(text); {
		r, size := decodeAt(text, pos)
		r = matchRune(r)
		cls := scriptOf(r)
		// A form starts a word: only Han may start inside a run of its
		// class (露 in 露米); the rest of a word that starts no form is
		// passed over here too.
		if cls == clsOther || cls != clsHan && prevCls == cls || r < 0x10000 && x.starts[r/64]&(1<<(r%64)) == 0 && !isCapital(r) {
			prevCls = cls
			pos += size
			continue
		}
		if end, f := x.longest(text, pos, r, size); f >= 0 {
			t := tok{start: pos, end: end, form: f, kind: x.forms[f].kind}
			if x.forms[f].flags&flagShort != 0 {
				t.short = r
			}
			toks = append(toks, t)
			last, _ := utf8.DecodeLastRuneInString(text[:end])
			prevCls, pos = scriptOf(matchRune(last)), end
			continue
		}
		prevCls = cls
		pos += size
	}
	return toks
}

// decodeAt is utf8.DecodeRuneInString(text[pos:]) with the two-byte runes
// of Russian and the three-byte runes of Japanese decoded in line: the scan
// reads every one.
func decodeAt(text string, pos int) (rune, int) {
	b0 := text[pos]
	if b0 < utf8.RuneSelf {
		return rune(b0), 1
	}
	if b0&0xE0 == 0xC0 && pos+1 < len(text) {
		if b1 := text[pos+1]; b1&0xC0 == 0x80 {
			if r := rune(b0&0x1F)<<6 | rune(b1&0x3F); r >= 0x80 {
				return r, 2
			}
		}
	}
	if b0&0xF0 == 0xE0 && pos+2 < len(text) {
		b1, b2 := text[pos+1], text[pos+2]
		if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			if r := rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	return utf8.DecodeRuneInString(text[pos:])
}

// isMatchSpace is unicode.IsSpace after matchRune, without its table search.
func isMatchSpace(r rune) bool {
	switch {
	case r <= ' ':
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x85:
		return false
	}
	return r == 0x85 || r == 0x1680 || 0x2000 <= r && r <= 0x200A || r == 0x2028 || r == 0x2029 || r == 0x205F
}

// isCapital: a capital that may start a form written in lower case
// (see longest).
func isCapital(r rune) bool { return 'A' <= r && r <= 'Z' || 0x400 <= r && r < 0x430 }

// longest is the end and form of the longest form starting at pos, whose
// first rune is r (size bytes); a capital also tries the forms written in
// lower case (российский starts a sentence as Российский). f is -1 when
// none.
func (x *entityTable) longest(text string, pos int, r rune, size int) (end int, f int32) {
	end, f = pos, -1
	if c := x.child(0, r); c >= 0 {
		end, f = x.walk(text, pos, c, pos+size, r, end, f)
	}
	if isCapital(r) {
		lr := unicode.ToLower(r)
		if c := x.child(0, lr); c >= 0 {
			end, f = x.walk(text, pos, c, pos+size, lr, end, f)
		}
	}
	return end, f
}

// walk follows the trie from node n at text[i:], returning the longest
// accepted match found so far (end, f); last is the rune before i.
func (x *entityTable) walk(text string, start int, n int32, i int, last rune, end int, f int32) (int, int32) {
	for {
		nd := &x.nodes[n]
		if nd.accept >= 0 && i > end && x.accepts(text, start, i, last, nd.accept) {
			end, f = i, nd.accept
		}
		if nd.ending >= 0 {
			j, lastJ := i, last
			for j < len(text) {
				r, size := decodeAt(text, j)
				if scriptOf(matchRune(r)) != clsCyr {
					break
				}
				j, lastJ = j+size, r
			}
			if j-i <= 6 && isRuEnding(text[i:j]) {
				end, f = x.walk(text, start, nd.ending, j, lastJ, end, f)
			}
		}
		if i >= len(text) {
			return end, f
		}
		r, size := decodeAt(text, i)
		r = matchRune(r)
		if isMatchSpace(r) {
			r = ' '
			for i+size < len(text) {
				r2, s2 := decodeAt(text, i+size)
				if !isMatchSpace(matchRune(r2)) {
					break
				}
				size += s2
			}
		}
		c := x.child(n, r)
		if c < 0 {
			return end, f
		}
		n, i, last = c, i+size, r
	}
}

// accepts reports whether text[start:i], whose last rune is last, may
// stand as form f: it ends a word (a possessive 's may follow a Latin
// name, not another letter: Putin's, not Xi'an), and the form's flags allow
// it here.
func (x *entityTable) accepts(text string, start, i int, last rune, f int32) bool {
	next, ns := rune(0), 0
	if i < len(text) {
		next, ns = utf8.DecodeRuneInString(text[i:])
		next = matchRune(next)
	}
	switch cls := scriptOf(last); {
	case cls == clsLatin:
		if scriptOf(next) == clsLatin {
			return false
		}
		if next == '\'' {
			a, as := utf8.DecodeRuneInString(text[min(i+ns, len(text)):])
			if scriptOf(a) == clsLatin {
				b, _ := utf8.DecodeRuneInString(text[min(i+ns+as, len(text)):])
				if a|0x20 != 's' || scriptOf(b) == clsLatin {
					return false
				}
			}
		}
	case cls == clsCyr || cls == clsKata:
		if scriptOf(next) == cls {
			return false
		}
	}
	switch fl := x.forms[f].flags; {
	case fl&flagFirstName != 0:
		// "Chad Wolf", "Jordan Bardella": a first name; "Michael Jordan",
		// "Chad Wilkins": a surname or a first name after a first name.
		rest := strings.TrimLeft(text[i:], " ")
		r, _ := utf8.DecodeRuneInString(rest)
		if len(rest) != len(text[i:]) && unicode.IsUpper(r) {
			return false
		}
		return !afterName(text[:start])
	case fl&flagShout != 0:
		return !shouting(text, start, i)
	}
	return true
}

// afterName reports text that ends in a capitalised Latin word and one
// space, other than a function word ("In Jordan", "To Chad"): the next
// word is a surname ("Michael Jordan").
func afterName(before string) bool {
	w, ok := strings.CutSuffix(before, " ")
	if !ok {
		return false
	}
	if i := strings.LastIndexAny(w, " \n\t(\"“"); i >= 0 {
		w = w[i+1:]
	}
	r, _ := utf8.DecodeRuneInString(w)
	return len(w) > 1 && unicode.IsUpper(r) && scriptOf(r) == clsLatin && !notNames[strings.ToLower(w)] &&
		!strings.ContainsAny(w[len(w)-1:], ",.;:")
}

// notNames are capitalised words that open a sentence before a country.
var notNames = toSet(`in at to from for of on by with and but the a an as into across over near via visit visits visited
leaving left neighbouring neighboring northern southern eastern western central`)

// shouting reports text around [start, end) written all in capitals: the
// Latin words next to it have no lower-case letter ("TRUMP TELLS US").
func shouting(text string, start, end int) bool {
	before := strings.TrimRightFunc(text[:start], func(r rune) bool { return scriptOf(r) != clsLatin })
	after := strings.TrimLeftFunc(text[end:], func(r rune) bool { return scriptOf(r) != clsLatin })
	i := strings.LastIndexFunc(before, func(r rune) bool { return scriptOf(r) != clsLatin })
	j := strings.IndexFunc(after, func(r rune) bool { return scriptOf(r) != clsLatin })
	if j < 0 {
		j = len(after)
	}
	words := []string{before[i+1:], after[:j]}
	caps := 0
	for _, w := range words {
		if w == "" {
			continue
		}
		if strings.ToUpper(w) != w || len(w) < 2 {
			return false
		}
		caps++
	}
	return caps > 0
}

// resolve applies the rules that need more than the word: a Japanese
// one-character form counts only in context (country_ja.go); a Japanese
// country name before 情勢 or 問題 is a topic; an office right after a
// country's name is that country's, not the one it stands for alone (英首相
// 官邸 is Downing Street).
func (x *entityTable) resolve(text string, toks []tok) []tok {
	for _, t := range toks {
		if t.short != 0 {
			toks = resolveShorts(text, toks)
			break
		}
	}
	out := toks[:0]
	for _, t := range toks {
		f := x.forms[t.form]
		if f.ent >= 0 && x.ents[f.ent].kind == entCountry && t.kind == byName && t.short == 0 && isTopicAfter(text, t) {
			t.kind = asTopic
		}
		if t.kind == byOffice && len(out) > 0 {
			p := out[len(out)-1]
			if pf := x.forms[p.form]; p.end == t.start && pf.ent >= 0 && x.ents[pf.ent].kind == entCountry {
				continue
			}
		}
		out = append(out, t)
	}
	return out
}
