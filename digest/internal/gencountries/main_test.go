package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed table is what the generator writes from the x/text version
// in go.mod: a stale file fails here instead of drifting silently.
func TestGeneratedFileIsCurrent(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../countries_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("digest/countries_gen.go is stale: run go generate ./digest")
	}
}

func TestCountries(t *testing.T) {
	cs := countries()
	if len(cs) != 249 {
		t.Errorf("%d countries, want the 249 ISO 3166-1 codes", len(cs))
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if seen[c.code] {
			t.Errorf("%s twice", c.code)
		}
		seen[c.code] = true
	}
	for _, code := range []string{"RU", "UA", "US", "VA", "TR", "KZ", "IR", "JP", "KP", "GB", "SS"} {
		if !seen[code] {
			t.Errorf("%s missing", code)
		}
	}
	for _, code := range []string{"EU", "UN", "UK", "XK", "DD", "SU", "AC"} {
		if seen[code] {
			t.Errorf("%s is no ISO 3166-1 country", code)
		}
	}
}
