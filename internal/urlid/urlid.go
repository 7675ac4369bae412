// Package urlid owns the two forms of a link: Key, the identity under
// which an article is deduplicated, and Display, the link a brief shows.
//
// Key makes the same article reached through a tracking link, a fragment,
// plain http, an explicit default port or a trailing slash one key:
//   - strings that are not absolute http(s) URLs are only trimmed;
//   - the scheme becomes https; the host is lower-cased and loses :443 or
//     :80;
//   - the fragment goes;
//   - the query loses the tracking parameters listed by isTracking (utm_*,
//     mc_*, fbclid, gclid, yclid, dclid, msclkid) and its empty pairs; the
//     others stay byte for byte and in order, since re-encoding or sorting
//     could change what the server sees; a query left empty drops its '?';
//   - trailing slashes of the path go; an empty path becomes "/".
//
// Key deliberately does not fold Unicode hosts to punycode, decode
// percent-escapes, resolve dot segments, drop "www." or any parameter it
// cannot tell is tracking: each could merge two pages, and every stored
// post's key would change with it, making feeds deliver their entries
// again. Its output is pinned byte for byte by testdata/urls.tsv.
//
// Display is for a link a reader follows: scheme, host, port, path and
// fragment stay as written, and the query keeps the order and spelling of
// what it keeps. It drops Key's tracking parameters and these, which
// identify a campaign or a referrer and never the page: ref, ref_src,
// ref_url, _ga, _gl, gclsrc, gbraid, wbraid, twclid, ttclid, igshid,
// li_fat_id, mkt_tok, _hsenc, _hsmi, oly_anon_id, oly_enc_id, vero_id,
// rb_clickid, s_cid, wickedid, and parameters without a name.
package urlid

import (
	"net/url"
	"strings"
	"unicode"
)

// Key returns the identity form of a link (see the package doc).
func Key(raw string) string {
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
	u.RawQuery = filterQuery(u.RawQuery, isTracking)
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

// Display returns the form of a link a brief shows (see the package doc).
// A string that does not parse as a URL is returned trimmed.
func Display(raw string) string {
	raw = strings.TrimSpace(raw)
	if _, err := url.Parse(raw); err != nil {
		return raw
	}
	rest, frag, hasFrag := strings.Cut(raw, "#")
	base, query, hasQuery := strings.Cut(rest, "?")
	if !hasQuery {
		return raw
	}
	out := base
	if q := filterQuery(query, isDisplayTracking); q != "" {
		out += "?" + q
	}
	if hasFrag {
		out += "#" + frag
	}
	// Dropping a last parameter may bare a space before it.
	return strings.TrimRightFunc(out, unicode.IsSpace)
}

// SamePage reports whether a and b are one page as a reader would tell:
// the same host (any case) and path (a trailing slash aside), whatever
// their schemes, ports, queries and fragments. It pairs a link card with
// the quotation citing the same article, where one side often carries
// parameters the other lacks; it is too loose for an identity.
func SamePage(a, b string) bool {
	page := func(s string) string {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			return s
		}
		return strings.ToLower(u.Hostname()) + strings.TrimSuffix(u.EscapedPath(), "/")
	}
	return a != "" && b != "" && page(a) == page(b)
}

// filterQuery drops the parameters whose name (percent-decoded, lower
// case) drop reports, and empty pairs, keeping the rest byte for byte and
// in order.
func filterQuery(q string, drop func(name string) bool) string {
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
		if drop(strings.ToLower(k)) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// isTracking reports the parameters Key drops. The list is part of every
// stored key: adding to it changes keys, so new names go to
// isDisplayTracking instead.
func isTracking(k string) bool {
	switch k {
	case "fbclid", "gclid", "yclid", "dclid", "msclkid":
		return true
	}
	return strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "mc_")
}

// displayOnly are the parameters Display drops beyond Key's.
var displayOnly = map[string]bool{
	"ref": true, "ref_src": true, "ref_url": true, "_ga": true, "_gl": true, "gclsrc": true,
	"gbraid": true, "wbraid": true, "twclid": true, "ttclid": true, "igshid": true,
	"li_fat_id": true, "mkt_tok": true, "_hsenc": true, "_hsmi": true, "oly_anon_id": true,
	"oly_enc_id": true, "vero_id": true, "rb_clickid": true, "s_cid": true, "wickedid": true,
}

// isDisplayTracking reports the parameters Display drops: Key's, the
// display-only ones, and nameless ones, which select nothing.
func isDisplayTracking(k string) bool {
	return isTracking(k) || displayOnly[k] || strings.TrimSpace(k) == ""
}
