package digest

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	bareURLRe   = regexp.MustCompile(`^(?:https?://\S+|(?:[a-z0-9-]+\.)+(?:jp|com|net|org|ru|uk|io|app)(?:/\S*)?)$`)
	hashtagRe   = regexp.MustCompile(`^#\S+(?:\s+#\S+)*(?:\s*\(.*\))?$`)
	origTitleRe = regexp.MustCompile(`^(?:原題|Original title)\s*[:：]`)
	relatedRe   = regexp.MustCompile(`^[【\[]\s*(?:関連記事|関連|参考記事|あわせて読みたい)\s*[】\]]`)
	excerptRe   = regexp.MustCompile(`^[（(]\s*(?:抜粋|一部抜粋|後略|中略|続く)\s*[)）]$`)
	numberedRe  = regexp.MustCompile(`^\d{1,2}[.．]\s`)
	// A wire lead: "ロシア外務省のザハロワ報道官は4日、". The strict form wants
	// a qualified subject ("XのY"), which body paragraphs rarely repeat.
	leadRe       = regexp.MustCompile(`^.{1,60}?(?:は|が)\d{1,2}日[、,]`)
	strictLeadRe = regexp.MustCompile(`^[^、。「」]{1,40}の[^、。「」]{1,40}?(?:は|が)\d{1,2}日[、,]`)
	connectiveRe = regexp.MustCompile(`^(?:また|さらに|一方|同時に|このほか|その上|そのうえ|ただ|しかし|これに対し)`)
	jeerPhraseRe = regexp.MustCompile(`愚か者の戯言`)
)

// isBareURL reports whether a line is only a link (what a link card leaves
// behind in the text) or a bare domain.
func isBareURL(line string) bool {
	return bareURLRe.MatchString(strings.ToLower(strings.TrimSpace(line)))
}

// isBoilerplate reports lines that are never news: tags, related-article
// headers, excerpt marks, original-title lines and the channel's jeers.
func isBoilerplate(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return true
	}
	switch {
	case hashtagRe.MatchString(t), origTitleRe.MatchString(t), relatedRe.MatchString(t), excerptRe.MatchString(t):
		return true
	case strings.HasPrefix(t, "🐸"), jeerPhraseRe.MatchString(t):
		return true
	}
	// A line of emoji and punctuation only says nothing.
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// cleanLine trims a kept line and removes the channel's jeer marks from it.
func cleanLine(line string) string {
	line = strings.ReplaceAll(line, "🐸", "")
	return strings.TrimFunc(line, unicode.IsSpace)
}
