package feed

import (
	"strings"
	"testing"
)

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
