package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte(`<rss><channel><item><title>&lt;script&gt;x</title><description>&lt;scr&lt;script&gt;ipt&gt;</description></item></channel></rss>`), "text/xml; charset=shift_jis")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;svg&gt;&lt;script&gt;1&lt;/script&gt;</content></entry></feed>`), "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<script>x</script><p>y"}]}`), "application/feed+json")
	f.Add([]byte(`{"version":"1","items":[null,{"content_text":"a\n\n<b>"}]}`), "")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"EUC-JP\"?><rss><channel><item><title>\xa4\xa2</title></item></channel></rss>"), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		res, err := Parse(bytes.NewReader(body), contentType, testNow, "ja")
		if err != nil {
			return
		}
		for i, p := range res.Posts {
			if p.Key == "" {
				t.Fatalf("post %d: empty key", i)
			}
			if !utf8.ValidString(p.Title) || !utf8.ValidString(p.Text) {
				t.Fatalf("post %d: invalid UTF-8 title %q / text %q", i, p.Title, p.Text)
			}
			if strings.Contains(strings.ToLower(p.HTML), "<script") {
				t.Fatalf("post %d: script in HTML %q", i, p.HTML)
			}
			if p.Published.After(testNow) {
				t.Fatalf("post %d: published in the future", i)
			}
		}
	})
}
