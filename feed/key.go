package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// maxGUIDLen bounds a GUID used verbatim in a key; longer ones (hostile or
// broken feeds) are hashed so keys stay index-friendly.
const maxGUIDLen = 512

// Key returns the dedupe key of an entry: its GUID when present, else its
// canonical link, else a hash of title and content. It is never empty.
func Key(guid, link, title, content string) string {
	if g := strings.TrimSpace(guid); g != "" {
		if len(g) > maxGUIDLen {
			return "guid:sha256:" + sha256Hex(g)
		}
		return "guid:" + g
	}
	if l := strings.TrimSpace(link); l != "" {
		return "url:" + CanonicalURL(l)
	}
	return "hash:" + sha256Hex(title+"\n"+content)
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// CanonicalURL returns the identity form of a link, so that the same article
// reached through a tracking link, a fragment, plain http or a trailing slash
// dedupes to one key: tracking parameters (utm_*, fbclid, gclid, yclid, mc_*)
// and the fragment are dropped, http becomes https, the host is lowercased
// and loses its default port, and a trailing slash goes (except the root).
// Strings that are not absolute http(s) URLs are returned trimmed.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return raw
	}
	u.Scheme = "https"
	host := strings.ToLower(u.Host)
	if h, ok := strings.CutSuffix(host, ":443"); ok {
		host = h
	} else if h, ok := strings.CutSuffix(host, ":80"); ok {
		host = h
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	if p := strings.TrimRight(u.Path, "/"); p != u.Path {
		u.Path = p
		u.RawPath = strings.TrimRight(u.RawPath, "/")
	}
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	return u.String()
}

// cleanQuery drops tracking parameters, keeping the others byte for byte and
// in order: re-encoding could change what the server sees.
func cleanQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if isTrackingParam(strings.ToLower(k)) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

func isTrackingParam(k string) bool {
	switch k {
	case "fbclid", "gclid", "yclid", "dclid", "msclkid":
		return true
	}
	return strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "mc_")
}
