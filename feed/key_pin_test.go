package feed

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestKeyPinned: dedupe keys of real-shaped URLs stay what they were when
// recorded (internal/urlid pins the link identity itself on the same rows);
// a changed key would make every feed deliver its entries again.
func TestKeyPinned(t *testing.T) {
	f, err := os.Open("../internal/urlid/testdata/urls.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
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
		if got := Key("", cols[0], "", ""); got != cols[2] {
			t.Errorf("Key(%q) = %q, recorded %q", cols[0], got, cols[2])
		}
		n++
	}
	if n < 100 {
		t.Errorf("%d recorded URLs, want at least 100", n)
	}
}
