package digest

import "unicode"

// DetectLanguage returns "ja", "en" or "ru" from the scripts text is written
// in; "en" is the fallback for Latin text, empty text and anything else.
func DetectLanguage(text string) string {
	var kana, han, cyr, lat int
	n := 0
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		}
		if n++; n > 4000 {
			break
		}
	}
	switch {
	case kana > 0 && kana+han >= cyr && kana+han >= lat/4:
		return "ja"
	case han*2 >= lat && han > cyr:
		// Kanji without kana is rare in Japanese feeds but closer to ja
		// than to the fallback for our purposes.
		return "ja"
	case cyr > lat:
		return "ru"
	}
	return "en"
}

// normLang maps "", "auto" and unknown codes to a detected language, and
// overrides a declared language that the text's script clearly contradicts:
// a feed configured "ja" carries the odd English wire story, and the
// Japanese splitter cannot cut it into sentences.
func normLang(lang, text string) string {
	switch lang {
	case "ja", "en", "ru":
		if scriptDisagrees(lang, text) {
			return DetectLanguage(text)
		}
		return lang
	}
	return DetectLanguage(text)
}

// scriptDisagrees reports text whose letters are plainly not in the script
// of lang: no kana or kanji worth the name in "ja", Cyrillic-dominant text in
// "en", Latin-dominant or Japanese text in "ru". A few foreign words (FRB,
// NATO, a quoted name) never flip the language; short texts never do.
func scriptDisagrees(lang, text string) bool {
	var cjk, cyr, lat int
	n := 0
	for _, r := range text {
		switch {
		case r < 0x80:
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				lat++
			}
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			cjk++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		}
		if n++; n > 1500 {
			break
		}
	}
	letters := cjk + cyr + lat
	if letters < 12 {
		return false
	}
	switch lang {
	case "ja":
		return cjk*20 < letters // under 5% Japanese script
	case "en":
		return cyr > 2*lat || cjk > lat
	case "ru":
		return lat > 2*cyr || cjk > cyr
	}
	return false
}
