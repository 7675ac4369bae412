package digest

import "testing"

// A deadline's day is not the day of the news.

func TestDeadlineSentences(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"The ceasefire had been due to expire on Friday.", true},
		{"The deadline for the talks passed on Sunday.", true},
		{"The licence expires on Thursday.", true},
		{"停戦の期限は15日だった。", true},
		{"Срок действия соглашения истекает в пятницу.", true},
		{"The two sides signed the accord on Friday.", false},
		{"両国は15日、協定に署名した。", false},
		{"Стороны подписали соглашение в пятницу.", false},
	}
	for _, tt := range tests {
		if got := deadlineRe.MatchString(tt.s); got != tt.want {
			t.Errorf("deadline(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
