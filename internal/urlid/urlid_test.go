package urlid

import (
	"bufio"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// recorded is one row of testdata/urls.tsv, written from the code before
// this package existed.
type recorded struct {
	in, key, feedKey, display string
}

func readRecorded(t *testing.T) []recorded {
	t.Helper()
	f, err := os.Open("testdata/urls.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []recorded
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var cols []string
		for _, c := range strings.Split(line, "\t") {
			s, err := strconv.Unquote(c)
			if err != nil {
				t.Fatalf("bad field %q: %v", c, err)
			}
			cols = append(cols, s)
		}
		if len(cols) != 4 {
			t.Fatalf("row %q has %d fields", line, len(cols))
		}
		out = append(out, recorded{cols[0], cols[1], cols[2], cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("%d recorded URLs, want at least 100", len(out))
	}
	return out
}

// TestKeyPinned: every recorded key comes out byte for byte, and so does
// the dedupe key feed.Key makes of it ("url:" and the key, for an entry
// without a GUID); a changed key would make feeds deliver their entries
// again.
func TestKeyPinned(t *testing.T) {
	for _, r := range readRecorded(t) {
		got := Key(r.in)
		if got != r.key {
			t.Errorf("Key(%q) = %q, recorded %q", r.in, got, r.key)
		}
		if strings.TrimSpace(r.in) != "" && "url:"+got != r.feedKey {
			t.Errorf("dedupe key of %q = %q, recorded %q", r.in, "url:"+got, r.feedKey)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html", "https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html"},
		{"http://www3.nhk.or.jp/news/html/20250605/k10014826051000.html", "https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html"},
		{"https://WWW.Reuters.COM:443/world/?utm_source=twitter&utm_medium=social#main", "https://www.reuters.com/world"},
		{"http://example.com:80/", "https://example.com/"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:8443/a/", "https://example.com:8443/a"},
		{"https://example.com/a?id=7&fbclid=IwAR0abc&gclid=x&yclid=y&mc_cid=1&mc_eid=2&page=2", "https://example.com/a?id=7&page=2"},
		{"https://example.com/a?dclid=1&msclkid=2&b=2&a=1", "https://example.com/a?b=2&a=1"},
		{"https://example.com/a?UTM_Source=x&q=%E6%97%A5%E6%9C%AC", "https://example.com/a?q=%E6%97%A5%E6%9C%AC"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"https://example.com/a?ref=rss", "https://example.com/a?ref=rss"}, // not tracking for identity
		{"https://t.me/sputnik_jp/51234", "https://t.me/sputnik_jp/51234"},
		{"  https://example.com/path//  ", "https://example.com/path"},
		{"mailto:desk@example.com", "mailto:desk@example.com"},
		{"/relative/path", "/relative/path"},
		{"not a url at all", "not a url at all"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Key(tt.in)
		if got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Key(got); again != got {
			t.Errorf("Key not idempotent: %q → %q", got, again)
		}
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.jiji.com/jc/article?k=2025060400123&g=int", "https://www.jiji.com/jc/article?k=2025060400123&g=int"},
		{"https://example.com/search?q=プーチン&lang=ja&utm_source=x", "https://example.com/search?q=プーチン&lang=ja"},
		{"https://example.com/a?q=a+b%20c&ref=twitter", "https://example.com/a?q=a+b%20c"},
		{"https://www.asahi.com/articles/A.html?dclid=CJ2x&ref=top", "https://www.asahi.com/articles/A.html"},
		{"https://www.yomiuri.co.jp/world/x/?msclkid=4f2c", "https://www.yomiuri.co.jp/world/x/"},
		{"https://www.nikkei.com/article/D/?mc_cid=abc&mc_eid=def&n_cid=SNS", "https://www.nikkei.com/article/D/?n_cid=SNS"},
		{"https://example.com/a?_ga=2.1&_gl=1*x&igshid=M&id=9#frag", "https://example.com/a?id=9#frag"},
		{"https://example.com/a#x?utm_source=y", "https://example.com/a#x?utm_source=y"},
		{"http://Example.COM:80/a/?utm_source=x", "http://Example.COM:80/a/"},
		{"  https://t.me/sputnik_jp/51234?single  ", "https://t.me/sputnik_jp/51234?single"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/%zz?x=1", "https://example.com/%zz?x=1"}, // not a URL: as written
		{"", ""},
	}
	for _, tt := range tests {
		got := Display(tt.in)
		if got != tt.want {
			t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Display(got); again != got {
			t.Errorf("Display not idempotent: %q → %q", got, again)
		}
	}
}

// TestDisplayAgainstRecorded: against the links briefs showed before,
// Display changes nothing but the query, and there only drops tracking
// parameters and keeps the order and spelling the feed gave.
func TestDisplayAgainstRecorded(t *testing.T) {
	changed := 0
	for _, r := range readRecorded(t) {
		got := Display(r.in)
		if got == r.display {
			continue
		}
		changed++
		old, err1 := url.Parse(r.display)
		now, err2 := url.Parse(got)
		if err1 != nil || err2 != nil {
			t.Errorf("Display(%q) = %q, was %q", r.in, got, r.display)
			continue
		}
		if !strings.EqualFold(old.Scheme, now.Scheme) || !strings.EqualFold(old.Host, now.Host) || old.Path != now.Path || old.Fragment != now.Fragment {
			t.Errorf("Display(%q) = %q changes more than the query of %q", r.in, got, r.display)
		}
		oldQ := old.Query()
		for k := range oldQ {
			if isDisplayTracking(strings.ToLower(k)) {
				delete(oldQ, k)
			}
		}
		if nowQ := now.Query(); !reflect.DeepEqual(oldQ, nowQ) && !(len(oldQ) == 0 && len(nowQ) == 0) {
			t.Errorf("Display(%q) = %q keeps %v, was %q", r.in, got, nowQ, r.display)
		}
		if base, _, _ := strings.Cut(strings.TrimSpace(r.in), "?"); !strings.HasPrefix(got, base) {
			t.Errorf("Display(%q) = %q does not keep the link as written", r.in, got)
		}
	}
	t.Logf("%d recorded links show differently, each by its query alone", changed)
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{
		"https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html?utm_source=rss#top",
		"http://Example.COM:80/a/b/?fbclid=1&x=%zz",
		"https://hatenablog-parts.com/embed?url=https%3A%2F%2Fjp.reuters.com%2F",
		"//example.com/x", "mailto:a@b", "https://[::1]:443/", "https://例え.jp/パス/", "https://a.b/%2F/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := Key(raw)
		if again := Key(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", raw, got, again)
		}
		if u, err := url.Parse(got); err == nil && u.Scheme == "https" && u.Host != "" {
			if u.Fragment != "" || filterQuery(u.RawQuery, isTracking) != u.RawQuery {
				t.Fatalf("tracking left in %q", got)
			}
		}
	})
}

func FuzzDisplay(f *testing.F) {
	for _, s := range []string{
		"https://www.asahi.com/articles/A.html?dclid=CJ2x&ref=top#x",
		"https://example.com/search?q=プーチン&lang=ja&utm_source=x", "https://example.com/a?&&x&=y#?z",
		"mailto:a@b?subject=x&utm_source=y", "not a url ? # &",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := Display(raw)
		if again := Display(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", raw, got, again)
		}
		if _, err := url.Parse(strings.TrimSpace(raw)); err == nil {
			rest, _, _ := strings.Cut(got, "#")
			if _, q, ok := strings.Cut(rest, "?"); ok && filterQuery(q, isDisplayTracking) != q {
				t.Fatalf("tracking left in %q", got)
			}
		}
	})
}

func TestSamePage(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://www.bloomberg.co.jp/news/articles/x", "http://WWW.Bloomberg.co.jp/news/articles/x/?srnd=cojp#top", true},
		{"https://t.me/sputnik_jp/1", "https://t.me/sputnik_jp/2", false},
		{"https://a.example/x", "https://b.example/x", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := SamePage(tt.a, tt.b); got != tt.want {
			t.Errorf("SamePage(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
