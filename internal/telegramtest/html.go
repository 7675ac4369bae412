package telegramtest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parseError is a "can't parse entities" rejection; msg is Telegram's
// wording after that prefix.
type parseError struct{ msg string }

func (e *parseError) Error() string { return "can't parse entities: " + e.msg }

func parseErrorf(format string, args ...any) *parseError {
	return &parseError{msg: fmt.Sprintf(format, args...)}
}

// supportedTags are the start tags Telegram's HTML parse mode knows.
var supportedTags = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"tg-spoiler": "spoiler", "span": "spoiler",
	"a":          "text_link",
	"code":       "code",
	"pre":        "pre",
	"blockquote": "blockquote",
	"tg-emoji":   "custom_emoji",
}

type openTag struct {
	name   string
	attrs  map[string]string
	offset int // UTF-16 offset in the parsed text
	start  int // byte offset in the parsed text
}

// htmlParser follows tdlib's parse_html: it walks the bytes once, decodes
// the four named entities and numeric references, keeps a stack of open
// tags and reports errors with byte offsets into the original text.
type htmlParser struct {
	src      string
	lenient  bool
	out      strings.Builder
	utf16    int
	stack    []openTag
	entities []entityJSON
}

// parseHTML returns the plain text and entities of Telegram HTML markup.
func parseHTML(src string, lenient bool) (string, []entityJSON, error) {
	p := &htmlParser{src: src, lenient: lenient}
	if err := p.run(); err != nil {
		return "", nil, err
	}
	sort.SliceStable(p.entities, func(i, j int) bool {
		a, b := p.entities[i], p.entities[j]
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Length > b.Length
	})
	return p.out.String(), p.entities, nil
}

func (p *htmlParser) byteAt(i int) byte {
	if i < len(p.src) {
		return p.src[i]
	}
	return 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (p *htmlParser) writeRune(r rune) {
	p.out.WriteRune(r)
	p.utf16 += utf16.RuneLen(r)
}

func (p *htmlParser) run() error {
	s := p.src
	for i := 0; i < len(s); {
		switch s[i] {
		case '&':
			r, next, err := p.entity(i)
			if err != nil {
				return err
			}
			p.writeRune(r)
			i = next
		case '<':
			var err error
			if p.byteAt(i+1) == '/' {
				i, err = p.endTag(i)
			} else {
				i, err = p.startTag(i)
			}
			if err != nil {
				return err
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			p.writeRune(r)
			i += size
		}
	}
	if len(p.stack) > 0 {
		return parseErrorf("Can't find end tag corresponding to start tag %q", p.stack[len(p.stack)-1].name)
	}
	return nil
}

// entity decodes a character reference at i. Like Telegram, an '&' that
// does not start a known reference stays literal; unless lenient, an
// unknown named reference ending in ';' is an error, to catch text that
// was not escaped.
func (p *htmlParser) entity(i int) (rune, int, error) {
	s := p.src
	end := i + 1
	var r rune
	if p.byteAt(end) == '#' {
		end++
		hex := p.byteAt(end) == 'x' || p.byteAt(end) == 'X'
		if hex {
			end++
		}
		digits := end
		for end < len(s) && (hex && isHex(s[end]) || !hex && isDigit(s[end])) && end-digits < 8 {
			d := s[end]
			switch {
			case isDigit(d):
				d -= '0'
			case d >= 'a':
				d = d - 'a' + 10
			default:
				d = d - 'A' + 10
			}
			if hex {
				r = r*16 + rune(d)
			} else {
				r = r*10 + rune(d)
			}
			end++
		}
		if end == digits || r == 0 || r >= 0x10ffff {
			return '&', i + 1, nil
		}
	} else {
		for end < len(s) && isAlpha(s[end]) {
			end++
		}
		switch name := s[i+1 : end]; name {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			if !p.lenient && name != "" && p.byteAt(end) == ';' {
				return 0, 0, parseErrorf("Unsupported HTML entity \"&%s;\" at byte offset %d", name, i)
			}
			return '&', i + 1, nil
		}
	}
	if p.byteAt(end) == ';' {
		end++
	}
	return r, end, nil
}

func (p *htmlParser) startTag(begin int) (int, error) {
	s := p.src
	i := begin + 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	if i >= len(s) {
		return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
	}
	name := strings.ToLower(s[begin+1 : i])
	if _, ok := supportedTags[name]; !ok {
		return 0, parseErrorf("Unsupported start tag %q at byte offset %d", name, begin)
	}
	attrs := map[string]string{}
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
		}
		if s[i] == '>' {
			i++
			break
		}
		nameBegin := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '>' {
			i++
		}
		attr := strings.ToLower(s[nameBegin:i])
		if attr == "" {
			return 0, parseErrorf("Empty attribute name in the tag %q at byte offset %d", name, begin)
		}
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
		}
		if s[i] != '=' {
			attrs[attr] = "" // a flag such as blockquote's "expandable"
			continue
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
		}
		var val strings.Builder
		if q := s[i]; q == '"' || q == '\'' {
			i++
			for i < len(s) && s[i] != q {
				if s[i] == '&' {
					r, next, err := p.entity(i)
					if err != nil {
						return 0, err
					}
					val.WriteRune(r)
					i = next
					continue
				}
				val.WriteByte(s[i])
				i++
			}
			if i >= len(s) {
				return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
			}
			i++
		} else {
			tokenBegin := i
			for i < len(s) && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '.' || s[i] == '-') {
				i++
			}
			if i >= len(s) {
				return 0, parseErrorf("Unclosed start tag at byte offset %d", begin)
			}
			if !isSpace(s[i]) && s[i] != '>' {
				return 0, parseErrorf("Unexpected end of name token at byte offset %d", tokenBegin)
			}
			val.WriteString(strings.ToLower(s[tokenBegin:i]))
		}
		attrs[attr] = val.String()
	}
	if name == "span" && attrs["class"] != "tg-spoiler" {
		return 0, parseErrorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
	}
	p.stack = append(p.stack, openTag{name: name, attrs: attrs, offset: p.utf16, start: p.out.Len()})
	return i, nil
}

func (p *htmlParser) endTag(begin int) (int, error) {
	s := p.src
	if len(p.stack) == 0 {
		return 0, parseErrorf("Unexpected end tag at byte offset %d", begin)
	}
	i := begin + 2
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	name := strings.ToLower(s[begin+2 : i])
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i >= len(s) || s[i] != '>' {
		return 0, parseErrorf("Unclosed end tag at byte offset %d", begin)
	}
	top := p.stack[len(p.stack)-1]
	if name != "" && name != top.name {
		return 0, parseErrorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
	}
	p.stack = p.stack[:len(p.stack)-1]
	if length := p.utf16 - top.offset; length > 0 {
		p.addEntity(top, length)
	}
	return i + 1, nil
}

func (p *htmlParser) addEntity(t openTag, length int) {
	e := entityJSON{Type: supportedTags[t.name], Offset: t.offset, Length: length}
	switch t.name {
	case "a":
		e.URL = t.attrs["href"]
		if e.URL == "" {
			e.URL = p.out.String()[t.start:]
		}
	case "blockquote":
		if _, ok := t.attrs["expandable"]; ok {
			e.Type = "expandable_blockquote"
		}
	case "tg-emoji":
		e.EmojiID = t.attrs["emoji-id"]
	case "code":
		// <pre><code class="language-go"> is one pre entity with a language.
		if n := len(p.stack); n > 0 && p.stack[n-1].name == "pre" && p.stack[n-1].offset == t.offset {
			if lang, ok := strings.CutPrefix(t.attrs["class"], "language-"); ok {
				p.stack[n-1].attrs["language"] = lang
			}
			return
		}
	case "pre":
		e.Language = t.attrs["language"]
	}
	p.entities = append(p.entities, e)
}
