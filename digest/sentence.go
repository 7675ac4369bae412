package digest

import "briefbot/internal/sentence"

// Sentences splits text into whole sentences for lang ("ja", "en", "ru";
// "" or "auto" = detect). The rules of where a sentence ends are
// internal/sentence's; the digest adds its language detection, which also
// overrides a declared language the text's script plainly contradicts.
// Sentences are returned trimmed, never empty, and in order; together they
// hold every non-space character of text.
func Sentences(text, lang string) []string {
	return sentence.Split(text, normLang(lang, text))
}

// The splitter's bracket pairs, read by the quote, headline and background
// rules: opener → closer and closer → opener.
var (
	bracketPairs = sentence.Brackets()
	closerOf     = sentence.Closers()
)

// protected marks the runes inside a matched bracket pair (the splitter's
// rule, the same in every language: lang is not consulted).
func protected(rs []rune, _ string) []bool { return sentence.Protected(rs) }
