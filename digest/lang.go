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

// normLang maps "", "auto" and unknown codes to a detected language.
func normLang(lang, text string) string {
	switch lang {
	case "ja", "en", "ru":
		return lang
	}
	return DetectLanguage(text)
}
