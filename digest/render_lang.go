package digest

import "briefbot"

// ItemLanguage is the language digest reads an item in: its declared one
// unless its script plainly says otherwise, detected when undeclared.
func ItemLanguage(it briefbot.Item) string {
	return normLang(it.Language, it.Title+"\n"+it.Text)
}

// Languages lists the languages of a story's items, in the order they
// first appear.
func Languages(s *briefbot.Story) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range s.Items {
		if l := ItemLanguage(it); !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
