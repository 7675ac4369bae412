// Package catalog is the bot's message catalogue: every word it shows a
// user (messages, buttons, callback answers, command descriptions, the
// labels of editions, /today and /search) in Japanese, English and
// Russian. The messages live in one YAML file per language,
// messages/active.LANG.yaml, read with go-i18n: named placeholders
// ({{.Topic}}) let each language order its words, and CLDR plural rules
// give Russian its one / few / many forms.
//
// Messages are Telegram HTML, except those whose id starts with one of
// PlainGroups (buttons, callback answers, command descriptions, edition
// labels): these are plain text, since Telegram shows them as typed.
package catalog

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"briefbot/internal/tgtext"
)

// Languages the bot speaks, in the order its menus list them.
var Languages = []string{"ja", "en", "ru"}

// PlainGroups are the id prefixes of plain-text messages.
var PlainGroups = []string{"button.", "answer.", "command.", "label."}

//go:embed messages/*.yaml
var files embed.FS

// HTML marks an argument that is already Telegram HTML: T inserts it as it
// is. Every other string argument is escaped.
type HTML string

var (
	bundle     *i18n.Bundle
	localizers = map[string]*i18n.Localizer{}
	// strict makes a placeholder without a value an error rather than
	// "<no value>" in a chat.
	strict = &template.TextParser{Option: "missingkey=error"}
)

func init() {
	bundle = i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	names, err := fs.Glob(files, "messages/*.yaml")
	if err != nil {
		panic(err)
	}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			panic(err)
		}
		if _, err := bundle.ParseMessageFileBytes(b, path.Base(name)); err != nil {
			panic(fmt.Sprintf("catalog %s: %v", name, err))
		}
	}
	for _, l := range Languages {
		localizers[l] = i18n.NewLocalizer(bundle, l)
	}
}

// Lang is the language the bot speaks to a Telegram user whose
// language_code is code: ja, ru or en for codes of those languages
// (ja-JP, ru-RU, en-GB), en for any other, "" for none.
func Lang(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "" {
		return ""
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
	switch base {
	case "ja", "ru":
		return base
	}
	return "en"
}

// Known reports whether lang is one of Languages.
func Known(lang string) bool {
	_, ok := localizers[lang]
	return ok
}

// T is message id in lang (English for an unknown lang) as Telegram HTML,
// its placeholders filled from kv, name and value pairs. String values are
// escaped, HTML ones inserted as they are; an int named Count also picks
// the plural form. A message missing in lang falls back to English, one
// missing in English to its id: the catalogue's test keeps both from
// happening.
func T(lang, id string, kv ...any) string { return localize(lang, id, true, kv) }

// Plain is message id in lang as plain text, for a button, a callback
// answer or a command description: values are inserted as they are.
func Plain(lang, id string, kv ...any) string { return localize(lang, id, false, kv) }

func localize(lang, id string, escape bool, kv []any) string {
	l, ok := localizers[lang]
	if !ok {
		l = localizers["en"]
	}
	data := make(map[string]any, len(kv)/2)
	var count any
	for i := 0; i+1 < len(kv); i += 2 {
		name, _ := kv[i].(string)
		v := kv[i+1]
		switch s := v.(type) {
		case string:
			if escape {
				v = tgtext.Escape(s)
			}
		case HTML:
			v = string(s)
		}
		if name == "Count" {
			count = v
		}
		data[name] = v
	}
	msg, err := l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count,
		TemplateParser: strict})
	if msg == "" && err != nil {
		return id
	}
	return msg
}
