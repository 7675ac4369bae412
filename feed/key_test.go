package feed

import (
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html", "https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html"},
		{"http://www3.nhk.or.jp/news/html/20250605/k10014826051000.html", "https://www3.nhk.or.jp/news/html/20250605/k10014826051000.html"},
		{"https://WWW.Reuters.COM:443/world/?utm_source=twitter&utm_medium=social#main", "https://www.reuters.com/world"},
		{"http://example.com:80/", "https://example.com/"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:8443/a/", "https://example.com:8443/a"},
		{"https://example.com/a?id=7&fbclid=IwAR0abc&gclid=x&yclid=y&mc_cid=1&mc_eid=2&page=2", "https://example.com/a?id=7&page=2"},
		{"https://example.com/a?UTM_Source=x&q=%E6%97%A5%E6%9C%AC", "https://example.com/a?q=%E6%97%A5%E6%9C%AC"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"https://t.me/sputnik_jp/51234", "https://t.me/sputnik_jp/51234"},
		{"  https://example.com/path//  ", "https://example.com/path"},
		{"mailto:desk@example.com", "mailto:desk@example.com"},
		{"/relative/path", "/relative/path"},
		{"not a url at all", "not a url at all"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := CanonicalURL(tt.in)
			if got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := CanonicalURL(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

// TestKeyIdentity: the variants a feed produces for one article share a key.
func TestKeyIdentity(t *testing.T) {
	variants := []string{
		"https://jp.reuters.com/world/ukraine/XYZ123-2025-06-04/",
		"http://jp.reuters.com/world/ukraine/XYZ123-2025-06-04",
		"https://jp.reuters.com/world/ukraine/XYZ123-2025-06-04?utm_source=rss&utm_campaign=world",
		"https://JP.reuters.com/world/ukraine/XYZ123-2025-06-04#comments",
		"https://jp.reuters.com:443/world/ukraine/XYZ123-2025-06-04/?fbclid=abc#x",
	}
	want := Key("", variants[0], "t", "c")
	for _, v := range variants[1:] {
		if got := Key("", v, "other title", "other content"); got != want {
			t.Errorf("Key(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	long := strings.Repeat("g", maxGUIDLen+1)
	tests := []struct {
		name                       string
		guid, link, title, content string
		want                       string
	}{
		{"guid wins", " k10014826051000 ", "https://x.example/a", "t", "c", "guid:k10014826051000"},
		{"link without guid", "", "http://X.example/a/?utm_source=rss", "t", "c", "url:https://x.example/a"},
		{"hash without either", "", "", "title", "content", "hash:" + sha256Hex("title\ncontent")},
		{"long guid hashed", long, "", "", "", "guid:sha256:" + sha256Hex(long)},
		{"empty everything", "", "", "", "", "hash:" + sha256Hex("\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.guid, tt.link, tt.title, tt.content); got != tt.want {
				t.Errorf("Key = %q, want %q", got, tt.want)
			}
		})
	}
}
