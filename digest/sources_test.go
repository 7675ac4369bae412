package digest

import (
	"strings"
	"testing"

	"briefbot"
)

func TestSourceLinksGroupOutlets(t *testing.T) {
	got := strings.Join(sourceLinks([]briefbot.Source{
		{Outlet: "NHK", URL: "https://www3.nhk.or.jp/a"},
		{Outlet: "ロイター", URL: "https://jp.reuters.com/b"},
		{Outlet: "NHK", URL: "https://www3.nhk.or.jp/c"},
		{Outlet: "AT&T <news>", URL: "javascript:alert(1)"},
	}), " · ")
	want := `<a href="https://www3.nhk.or.jp/a">NHK</a> <a href="https://www3.nhk.or.jp/c">[2]</a> · ` +
		`<a href="https://jp.reuters.com/b">ロイター</a> · AT&amp;T &lt;news&gt;`
	if got != want {
		t.Errorf("sourceLinks =\n%s\nwant\n%s", got, want)
	}
}
