package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"briefbot/internal/urlid"
)

// maxGUIDLen bounds a GUID used verbatim in a key; longer ones (hostile or
// broken feeds) are hashed so keys stay index-friendly.
const maxGUIDLen = 512

// Key returns the dedupe key of an entry: its GUID when present, else its
// link's identity (urlid.Key), else a hash of title and content. It is
// never empty.
func Key(guid, link, title, content string) string {
	if g := strings.TrimSpace(guid); g != "" {
		if len(g) > maxGUIDLen {
			return "guid:sha256:" + sha256Hex(g)
		}
		return "guid:" + g
	}
	if l := strings.TrimSpace(link); l != "" {
		return "url:" + urlid.Key(l)
	}
	return "hash:" + sha256Hex(title+"\n"+content)
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
