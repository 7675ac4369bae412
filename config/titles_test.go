package config

import (
	"strings"
	"testing"
)

// TestTopicTitles: a title is one string, as before, or one per language;
// check-config locates a title it cannot read and titles that would name
// two topics.
func TestTopicTitles(t *testing.T) {
	yaml := `default_language: en
topics:
  - {name: world, title: 国際}
  - name: economy
    title: {ja: 経済, en: Economy, ru: Экономика}
  - name: science
    title:
      en: Science
  - {name: misc}
`
	cfg, err := Parse([]byte(yaml), "/x/config.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DefaultLanguage != "en" {
		t.Errorf("default_language = %q", cfg.DefaultLanguage)
	}
	topics := cfg.DomainTopics()
	for i, want := range []struct {
		title, hashtag string
		en, ru         string
	}{
		{"国際", "国際", "国際", "国際"},
		{"経済", "経済", "Economy", "Экономика"},
		{"Science", "Science", "Science", "Science"},
		{"misc", "misc", "misc", "misc"},
	} {
		tp := topics[i]
		if tp.Title != want.title || tp.Hashtag != want.hashtag || tp.TitleIn("en") != want.en || tp.TitleIn("ru") != want.ru {
			t.Errorf("topics[%d] = %+v; want title %q, hashtag %q, en %q, ru %q", i, tp, want.title, want.hashtag, want.en, want.ru)
		}
	}
	if topics[0].Titles != nil {
		t.Errorf("one title for all: Titles = %v", topics[0].Titles)
	}

	bad := `default_language: de
topics:
  - {name: world, title: 国際}
  - name: economy
    title: {ja: 経済, de: Wirtschaft}
  - name: japan
    title: [国内]
  - name: europe
    title: {en: WORLD}
  - {name: asia, title: ｗｏｒｌｄ}
`
	_, err = Parse([]byte(bad), "/x/config.yaml", Options{})
	got := lineFields(t, err)
	want := []string{"1 default_language", "5 topics[1].title.de", "7 topics[2].title", "9 topics[3].title", "10 topics[4].title"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("errors\n got %q\nwant %q\n%v", got, want, err)
	}
	for _, w := range []string{`unknown key "de"`, "one per language", `"WORLD" also names topic "world"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}
}
