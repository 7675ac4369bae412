package digest

import "testing"

// A head and his institution are one actor.

func TestInstitutionHeads(t *testing.T) {
	for p, inst := range institutionOf {
		if k, _, ok := entityOf(p); !ok || k != entPerson {
			t.Errorf("%s is not a person of the entity table", p)
		}
		if k, _, ok := entityOf(inst); !ok || k != entOrg {
			t.Errorf("%s is not an organisation of the entity table", inst)
		}
	}
	tests := []struct {
		a, b []string
		want float64
	}{
		{[]string{"ueda"}, []string{"JP", "boj"}, 1},        // the governor; the other names the bank
		{[]string{"un"}, []string{"guterres"}, 1},           // the UN; the other, its secretary-general
		{[]string{"boj", "ueda"}, []string{"ueda"}, 1},      // the head once, not again for his bank
		{[]string{"ueda"}, []string{"fed"}, 0},              // another bank
		{[]string{"powell", "lagarde"}, []string{"fed"}, 1}, // one of two
	}
	for _, tt := range tests {
		if got := sharedEnts(tt.a, tt.b); got != tt.want {
			t.Errorf("sharedEnts(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
