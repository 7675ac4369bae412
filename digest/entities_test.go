package digest

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// allRows are the hand-kept tables of people, organisations and places.
func allRows() []entityRow {
	return slices.Concat(people, organisations, places)
}

// scripts reports which of Japanese (kana or kanji), Latin and Cyrillic
// letters s holds.
func scripts(s string) (ja, latin, cyr bool) {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			ja = true
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
	}
	return
}

func TestEntityTables(t *testing.T) {
	rows := allRows()
	if len(rows) < 200 {
		t.Errorf("%d people, organisations and places; the table keeps at least 200", len(rows))
	}
	iso := map[string]bool{}
	for _, c := range cldrCountries {
		iso[c[0]] = true
	}
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	keys := map[string]bool{}
	for _, r := range rows {
		if !slug.MatchString(r.key) {
			t.Errorf("key %q is no slug", r.key)
		}
		if keys[r.key] || iso[r.key] {
			t.Errorf("key %q given twice", r.key)
		}
		keys[r.key] = true
		if r.country != "" && !iso[r.country] {
			t.Errorf("%s: country %q is no ISO 3166-1 code", r.key, r.country)
		}
		var ja, latin, cyr bool
		for _, f := range strings.Split(r.forms, "|") {
			// Each form is of one script (Лев XIV is Russian).
			j, l, c := scripts(f)
			switch {
			case j:
				ja = true
			case c:
				cyr = true
			case l:
				latin = true
			}
		}
		if !ja || !latin || !cyr {
			t.Errorf("%s: forms %q lack a script (ja %v, en %v, ru %v)", r.key, r.forms, ja, latin, cyr)
		}
	}
	for _, c := range countryForms {
		if !iso[c.code] {
			t.Errorf("countryForms: %q is no ISO 3166-1 code", c.code)
		}
	}
	for _, s := range shortForms {
		if !iso[s.country] {
			t.Errorf("shortForms: %q is no ISO 3166-1 code", s.country)
		}
	}
	for _, f := range firstNameCountries {
		if !iso[f.code] {
			t.Errorf("firstNameCountries: %q is no ISO 3166-1 code", f.code)
		}
	}
	// No surface form stands for two entities.
	if c := entityIndex.conflicts; len(c) > 0 {
		t.Errorf("surface forms given to two entities: %q", c)
	}
}

// Every country has its CLDR names in the three languages, and each is
// found as that country.
func TestCountryNamesFound(t *testing.T) {
	if len(cldrCountries) != 249 {
		t.Errorf("%d countries, want the 249 ISO 3166-1 codes", len(cldrCountries))
	}
	for _, c := range cldrCountries {
		for i, name := range c[1:] {
			if name == "" {
				t.Errorf("%s has no name in language %d", c[0], i)
			}
		}
		for _, f := range cldrForms(c[1], c[2], c[3]) {
			if dropCLDR[f] {
				continue
			}
			if ms := mentionsIn(f); len(ms) == 0 || ms[0].Key != c[0] || ms[0].End != len(f) {
				t.Errorf("%s: %q found as %v", c[0], f, ms)
			}
		}
	}
}

// Every form of the hand-kept tables is found as its entity, whole: the
// table and the matcher agree on boundaries, normalisation and stems.
func TestEveryFormFound(t *testing.T) {
	for _, r := range allRows() {
		for _, f := range strings.Split(r.forms, "|") {
			f = strings.NewReplacer("~", "", "=", "").Replace(f)
			if ms := mentionsIn(f); len(ms) != 1 || ms[0].Key != r.key || ms[0].Start != 0 || ms[0].End != len(f) {
				t.Errorf("%s: %q found as %v", r.key, f, ms)
			}
		}
	}
}

func TestTransliterations(t *testing.T) {
	tests := []struct{ text, key string }{
		// Japanese: names joined by ・ or =, titles after them.
		{"プーチン大統領", "putin"},
		{"ウラジーミル・プーチン氏", "putin"},
		{"ゼレンスキー＝ウクライナ大統領", "zelensky"},
		{"習近平国家主席", "xi-jinping"},
		{"石破首相", "ishiba"},
		{"メジンスキー大統領補佐官", "medinsky"},
		{"レオ１４世", "leo-xiv"},
		{"北大西洋条約機構（ＮＡＴＯ）", "nato"},
		{"国際原子力機関", "iaea"},
		{"林官房長官", "hayashi"},
		// English: possessives, variants.
		{"Zelenskyy's office", "zelensky"},
		{"Zelensky’s office", "zelensky"},
		{"President Xi Jinping", "xi-jinping"},
		{"Pope Leo XIV", "leo-xiv"},
		{"U.N. Security Council", "unsc"},
		{"Kim Jong Un", "kim-jong-un"},
		{"Lee Jae-myung", "lee-jae-myung"},
		// Russian: case endings, ё, multi-word names.
		{"Путина", "putin"},
		{"Путину", "putin"},
		{"Путиным", "putin"},
		{"Зеленского", "zelensky"},
		{"Песковым", "peskov"},
		{"Ушакову", "ushakov"},
		{"Мединского", "medinsky"},
		{"Захаровой", "zakharova"},
		{"Лаврову", "lavrov"},
		{"Си Цзиньпина", "xi-jinping"},
		{"Льва XIV", "leo-xiv"},
		{"Кремлём", "kremlin"},
		{"Белого дома", "white-house"},
		{"Генассамблеи ООН", "unga"},
		{"Большой семёрки", "g7"},
		{"Евросоюза", "eu"},
		{"хуситов", "houthis"},
		{"Запорожской АЭС", "zaporizhzhia-npp"},
		{"Эрдогана", "erdogan"},
		{"Токаевым", "tokayev"},
		{"Исибы", "ishiba"},
	}
	for _, tt := range tests {
		if got := entitiesIn(tt.text); !slices.Contains(got, tt.key) {
			t.Errorf("entitiesIn(%q) = %q, want %s", tt.text, got, tt.key)
		}
	}
}

// Reports of one event in three languages name the same entities.
func TestEntitiesAcrossLanguages(t *testing.T) {
	events := []struct {
		texts []string
		want  []string
	}{
		{[]string{
			"トランプ米大統領はプーチン露大統領と電話会談し、ウクライナによる攻撃やイランの核開発について協議した。",
			"U.S. President Donald Trump spoke with Russian President Vladimir Putin about Ukraine's attacks and Iran's nuclear programme.",
			"Президент США Дональд Трамп обсудил с Владимиром Путиным удары Украины и ядерную программу Ирана.",
		}, []string{"IR", "UA", "US", "putin", "trump"}},
		{[]string{
			"中国の王毅外相はベルリンでワデフール独外相と会談した。",
			"Chinese Foreign Minister Wang Yi met his German counterpart Johann Wadephul in Berlin.",
			"Глава МИД Китая Ван И встретился в Берлине с Йоханном Вадефулем.",
		}, []string{"CN", "DE", "wadephul", "wang-yi"}},
		{[]string{
			"国際原子力機関（IAEA）のグロッシ事務局長はザポリージャ原発を訪れた。",
			"IAEA chief Rafael Grossi visited the Zaporizhzhia nuclear power plant.",
			"Гендиректор МАГАТЭ Рафаэль Гросси посетил Запорожскую АЭС.",
		}, []string{"grossi", "iaea", "zaporizhzhia-npp"}},
	}
	for _, ev := range events {
		for _, text := range ev.texts {
			got := entitiesIn(text)
			for _, k := range ev.want {
				if !slices.Contains(got, k) {
					t.Errorf("entitiesIn(%q) = %q, lacks %s", text, got, k)
				}
			}
		}
	}
}

func TestEntitiesInSortedUnique(t *testing.T) {
	got := entitiesIn("Putin, Путин and プーチン met Trump; the Kremlin and Кремль; 日本時間")
	want := []string{"kremlin", "putin", "trump"}
	if !slices.Equal(got, want) {
		t.Errorf("entitiesIn = %q, want %q (a qualifier such as 日本時間 is no entity)", got, want)
	}
	if k, c, ok := entityOf("putin"); !ok || k != entPerson || c != "RU" {
		t.Errorf("entityOf(putin) = %v %q %v", k, c, ok)
	}
	if k, c, ok := entityOf("JP"); !ok || k != entCountry || c != "JP" {
		t.Errorf("entityOf(JP) = %v %q %v", k, c, ok)
	}
	if _, _, ok := entityOf("nobody"); ok {
		t.Error("entityOf(nobody) found")
	}
}

func FuzzMentionsIn(f *testing.F) {
	for _, s := range []string{
		"露米首脳電話会談 宇による露飛行場への攻撃について話し合った=トランプ氏",
		"Президент России Владимир Путин и президент США",
		"Israeli jets hit targets in Iran, the U.S. said. Xi'an",
		"日・米・豪・印", "ＮＡＴＯ", "Льва XIV", "\xff露\xe3\x81", "U.S.", "4日米中西部",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := mentionsIn(s)
		// Where runes start, as a range loop decodes s (a stray byte is one).
		starts := map[int]bool{len(s): true}
		for i := range s {
			starts[i] = true
		}
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("mention %+v out of order or range in %q", m, s)
			}
			if !starts[m.Start] || !starts[m.End] || !utf8.ValidString(s[m.Start:m.End]) {
				t.Fatalf("mention %+v cuts a rune in %q", m, s)
			}
			if m.Key == "" {
				t.Fatalf("mention %+v without key", m)
			}
			end = m.End
		}
		if got := leadFlags(s, s, 3); utf8.RuneCountInString(got) > 6 {
			t.Fatalf("leadFlags(%q) = %q: more than three flags", s, got)
		}
	})
}
