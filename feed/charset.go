package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// prologEncoding matches the encoding declaration of an XML prolog.
var prologEncoding = regexp.MustCompile(`(?i)^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])([^"']*)(["'])`)

var prologStart = regexp.MustCompile(`^\s*<\?xml`)

// toUTF8 returns body as valid UTF-8 with no illegal XML control characters,
// with any encoding declaration in the prolog rewritten to UTF-8, so the XML
// decoder never transcodes a second time. The encoding is taken from the
// byte-order mark, then the prolog, then the HTTP charset; with none and
// invalid UTF-8, a legacy encoding usual for the feed's language is tried
// before invalid bytes are replaced.
func toUTF8(body []byte, contentType, language string) []byte {
	switch {
	case bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")):
		body = body[3:]
	case bytes.HasPrefix(body, []byte("\xFE\xFF")), bytes.HasPrefix(body, []byte("\xFF\xFE")):
		if out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(body); err == nil {
			return stripControls(rewriteProlog(out))
		}
	}

	label := ""
	if m := prologEncoding.FindSubmatch(head(body, 512)); m != nil {
		label = string(m[3])
	}
	if label == "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = params["charset"]
		}
	}
	label = strings.ToLower(strings.TrimSpace(label))

	var enc encoding.Encoding
	// A prolog readable as ASCII cannot belong to a UTF-16 body without a
	// BOM (handled above): such a label is a mistake, read as UTF-8.
	if label != "" && !strings.HasPrefix(label, "utf-16") {
		enc, _ = charset.Lookup(label)
	}
	switch {
	case enc != nil && enc != encoding.Nop && !isUTF8(label):
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			body = out
		}
	case label == "" && !utf8.Valid(body) && mostlyInvalid(body):
		body = guessLegacy(body, language)
	}
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return stripControls(rewriteProlog(body))
}

func isUTF8(label string) bool {
	return label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8"
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// mostlyInvalid tells a legacy-encoded body (invalid sequences everywhere)
// from a UTF-8 one with a few broken bytes, which must not be re-decoded.
func mostlyInvalid(body []byte) bool {
	var multi, invalid int
	for len(body) > 0 {
		r, size := utf8.DecodeRune(body)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			multi++
		}
		body = body[size:]
	}
	return invalid > multi
}

// guessLegacy decodes undeclared non-UTF-8 bytes with the encodings feeds in
// the configured language actually use, taking the first that decodes cleanly.
func guessLegacy(body []byte, language string) []byte {
	var candidates []encoding.Encoding
	switch language {
	case "ja":
		candidates = []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP}
	case "ru":
		candidates = []encoding.Encoding{charmap.Windows1251}
	}
	for _, enc := range candidates {
		out, err := enc.NewDecoder().Bytes(body)
		if err == nil && utf8.Valid(out) && !bytes.ContainsRune(out, utf8.RuneError) {
			return out
		}
	}
	return body
}

// rewriteProlog makes the prolog declare UTF-8 (the body has been decoded).
func rewriteProlog(body []byte) []byte {
	if !prologStart.Match(head(body, 64)) {
		return body
	}
	loc := prologEncoding.FindSubmatchIndex(head(body, 512))
	if loc == nil {
		return body
	}
	if strings.EqualFold(string(body[loc[6]:loc[7]]), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[6]]...)
	out = append(out, "UTF-8"...)
	out = append(out, body[loc[7]:]...)
	return out
}

// stripControls removes the C0 control characters XML forbids (everything
// below 0x20 except tab, newline and return); the decoder fails on them.
func stripControls(body []byte) []byte {
	i := bytes.IndexFunc(body, isBadControl)
	if i < 0 {
		return body
	}
	out := make([]byte, 0, len(body))
	for len(body) > 0 {
		i := bytes.IndexFunc(body, isBadControl)
		if i < 0 {
			return append(out, body...)
		}
		out = append(out, body[:i]...)
		body = body[i+1:]
	}
	return out
}

func isBadControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}
