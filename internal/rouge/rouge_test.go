package rouge

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestKnownScores(t *testing.T) {
	tests := []struct {
		name       string
		cand, ref  []string
		r1, r2, rl float64
	}{
		{"identical", Words("The cat sat on the mat."), Words("the cat sat on the mat"), 1, 1, 1},
		// Lin (2004): "police killed the gunman" vs "police kill the gunman":
		// 3 of 4 unigrams, 1 of 3 bigrams, LCS 3.
		{"lin example", Words("police kill the gunman"), Words("police killed the gunman"), 0.75, 1.0 / 3, 0.75},
		// "the gunman kill police": R-1 3/4 (kill≠killed), LCS "the gunman" = 2.
		{"lin reordered", Words("the gunman kill police"), Words("police killed the gunman"), 0.75, 1.0 / 3, 0.5},
		{"disjoint", Words("a b c"), Words("d e f"), 0, 0, 0},
		{"empty candidate", nil, Words("a b"), 0, 0, 0},
		// Clipping: "the the the" vs "the cat": 1 match; P=1/3 R=1/2 → F=0.4.
		{"clipped", Words("the the the"), Words("the cat"), 0.4, 0, 0.4},
		{"japanese chars", Chars("東京 都。"), Chars("「東京都」"), 1, 1, 1},
		// 東京都 vs 京都府: 東京 都 | 京 都 府 → 2 of 3 unigrams, 1 of 2 bigrams, LCS 2.
		{"japanese overlap", Chars("東京都"), Chars("京都府"), 2.0 / 3, 0.5, 2.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := N(tt.cand, tt.ref, 1).F; !near(got, tt.r1) {
				t.Errorf("R-1 = %v, want %v", got, tt.r1)
			}
			if got := N(tt.cand, tt.ref, 2).F; !near(got, tt.r2) {
				t.Errorf("R-2 = %v, want %v", got, tt.r2)
			}
			if got := L(tt.cand, tt.ref).F; !near(got, tt.rl) {
				t.Errorf("R-L = %v, want %v", got, tt.rl)
			}
		})
	}
}

func TestPrecisionRecall(t *testing.T) {
	s := N(Words("a b c d"), Words("a b"), 1)
	if !near(s.P, 0.5) || !near(s.R, 1) {
		t.Errorf("P,R = %v,%v, want 0.5,1", s.P, s.R)
	}
}
