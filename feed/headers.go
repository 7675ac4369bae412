package feed

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryAfter parses Retry-After, in seconds or as an HTTP date, into a
// duration from now; zero when absent or unparsable, capped at maxTTL.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		if s > int64(maxTTL/time.Second) {
			return maxTTL
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return clampHint(t.Sub(now))
	}
	return 0
}

// cacheHint reads the server's freshness: Cache-Control max-age (s-maxage is
// for shared caches and ignored), else Expires relative to Date or now.
func cacheHint(h http.Header, now time.Time) time.Duration {
	for _, cc := range h.Values("Cache-Control") {
		for _, d := range strings.Split(cc, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(d), "=")
			switch strings.ToLower(k) {
			case "no-cache", "no-store":
				return 0
			case "max-age":
				if s, err := strconv.ParseInt(strings.Trim(v, `"`), 10, 64); err == nil && s > 0 {
					return clampHint(time.Duration(min(s, int64(maxTTL/time.Second))) * time.Second)
				}
				return 0
			}
		}
	}
	if e := h.Get("Expires"); e != "" {
		t, err := http.ParseTime(e)
		if err != nil {
			return 0
		}
		ref := now
		if d, err := http.ParseTime(h.Get("Date")); err == nil {
			ref = d // server clock against server clock
		}
		return clampHint(t.Sub(ref))
	}
	return 0
}

func clampHint(d time.Duration) time.Duration {
	return max(0, min(d, maxTTL))
}
