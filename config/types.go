package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Duration is a time.Duration written as "36h", "10m" or "1h30m" in YAML.
type Duration time.Duration

// UnmarshalYAML parses a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if err != nil {
		return typeErr(n, "invalid duration %q (use e.g. 30s, 10m, 6h)", n.Value)
	}
	if v < 0 {
		return typeErr(n, "negative duration %q", n.Value)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration back as a string.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// ByteSize is a size written as "16MiB", "512 KiB", "1MB" or a plain number of bytes.
type ByteSize int64

var byteUnits = map[string]int64{
	"": 1, "b": 1,
	"kb": 1000, "mb": 1000 * 1000, "gb": 1000 * 1000 * 1000,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
	"k": 1 << 10, "m": 1 << 20, "g": 1 << 30,
}

// UnmarshalYAML parses a size with an optional unit.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	s := strings.TrimSpace(n.Value)
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = strings.TrimSpace(s[:i]), strings.ToLower(strings.TrimSpace(s[i:]))
	}
	f, err := strconv.ParseFloat(num, 64)
	mul, ok := byteUnits[unit]
	if err != nil || !ok || f < 0 {
		return typeErr(n, "invalid size %q (use e.g. 16MiB, 512KiB or a number of bytes)", n.Value)
	}
	*b = ByteSize(f * float64(mul))
	return nil
}

// MarshalYAML writes the size as a plain number of bytes.
func (b ByteSize) MarshalYAML() (any, error) { return int64(b), nil }

// typeErr reports a bad value as a yaml.TypeError so that decoding carries on
// and Load can report it with its line among all the others.
func typeErr(n *yaml.Node, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", n.Line, fmt.Sprintf(format, args...))}}
}

// UnmarshalYAML takes chat_id as a number, as before, or as the channel's
// public "@name" (kept in Username, its id resolved by run with getChat).
// The name's form is checked by validate, which knows the field's line.
func (c *Channel) UnmarshalYAML(n *yaml.Node) error {
	type plain Channel
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var id int64
			if k.Value != "chat_id" || v.Kind != yaml.ScalarNode || v.Decode(&id) == nil {
				continue
			}
			// A quoted number is still a number.
			if id, err := strconv.ParseInt(strings.TrimSpace(v.Value), 10, 64); err == nil {
				c.ChatID = id
			} else {
				c.Username = strings.TrimSpace(v.Value)
			}
			rest := *n
			rest.Content = slices.Delete(slices.Clone(n.Content), i, i+2)
			n = &rest
			break
		}
	}
	return n.Decode((*plain)(c))
}

// TopicTitle is a topic's title: one for every reader ("title: 国際"), or
// one per language ("title: {ja: 国際, en: World, ru: Мир}").
type TopicTitle struct {
	// Text is the title: as written, or for a title per language the
	// first of ja, en, ru given. It names the topic where a reader's
	// language has no title of its own, and is the hashtag's default.
	Text string `yaml:"-"`
	JA   string `yaml:"ja"`
	EN   string `yaml:"en"`
	RU   string `yaml:"ru"`
}

// UnmarshalYAML takes a string or a mapping of languages; anything else
// is a located type error.
func (t *TopicTitle) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = TopicTitle{Text: n.Value}
		return nil
	case yaml.MappingNode:
		type plain TopicTitle
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*t = TopicTitle(p)
		t.Text = cmp.Or(t.JA, t.EN, t.RU)
		return nil
	}
	return typeErr(n, "a title is a string or one per language ({ja: 国際, en: World, ru: Мир})")
}

// MarshalYAML writes the title back in the form it was read.
func (t TopicTitle) MarshalYAML() (any, error) {
	if t.JA == "" && t.EN == "" && t.RU == "" {
		return t.Text, nil
	}
	return map[string]string{"ja": t.JA, "en": t.EN, "ru": t.RU}, nil
}

// ByLanguage is the title per language, nil for one title for all.
func (t TopicTitle) ByLanguage() map[string]string {
	m := map[string]string{}
	for lang, s := range map[string]string{"ja": t.JA, "en": t.EN, "ru": t.RU} {
		if s != "" {
			m[lang] = s
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// all is every title given, the Text first.
func (t TopicTitle) all() []string {
	out := []string{t.Text}
	for _, s := range []string{t.JA, t.EN, t.RU} {
		if s != "" && s != t.Text {
			out = append(out, s)
		}
	}
	return out
}
