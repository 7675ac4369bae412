package digest

import (
	"fmt"
	"testing"
	"time"
)

func TestNumbersIn(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string // kind:value, space-separated
	}{
		{"ja", "会談は1時間15分ほど続いた", "4:75"},
		{"en", "spoke for 75 minutes, an hour and 15 minutes", "4:75 4:75"},
		{"ru", "беседа продолжалась более часа, около 40 минут", "7:60 4:40"},
		{"ja", "1時間40分にわたって電話会談、1時間余り、2時間以上", "4:100 7:60 7:120"},
		{"en", "spoke for more than 90 minutes, over 40 minutes, about an hour", "4:60 7:90 7:40"},
		{"ru", "разговор продолжался около 1 часа 40 минут", "4:100"},
		{"en", "talked for 1 hour 40 minutes, about an hour and forty minutes", "4:100"},
		{"ja", "マグニチュードは6.8と推定", "2:6.8"},
		{"ja", "【地震情報】千葉県北西部 震度4 M5.0", "6:4 2:5"},
		{"ja", "千葉・茨城で震度5弱、震度6強を観測", "6:4.75 6:6.25"},
		{"en", "a Japanese seismic intensity of lower 5, shindo 3", "6:4.75 6:3"},
		{"ru", "землетрясение магнитудой 6,6", "2:6.6"},
		{"en", "a magnitude 6.8 earthquake struck", "2:6.8"},
		{"ja", "0番目の出来事が起きた。場所は0区である。", "3:0 3:0"},
		{"ja", "10001番目の出来事が起きた。場所は12345区である。", "3:10001 3:12345"},
		{"en", "Ohtani hit his 31st homer", "3:31"},
		{"ru", "18-й пакет санкций", "3:18"},
		{"ja", "営業利益が49％減の5兆3000億ウォン", "1:49 0:5.3e+12"},
		{"en", "operating income slid to 5.3 trillion won", "0:5.3e+12"},
		{"ru", "официальный курс 78,1269 руб., 1,2 тыс. человек", "0:78.13 0:1200"},
		{"en", "evacuated about 1,200 residents in 2025 on July 9", "0:1200"},
		{"ja", "11日午前7時42分ごろ", "5:462"},
	}
	for _, tt := range tests {
		var got string
		for i, n := range numbersIn(fold(tt.text), tt.lang) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%d:%g", n.kind, n.v)
		}
		if got != tt.want {
			t.Errorf("numbersIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDatesIn(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	pub := time.Date(2025, 7, 9, 1, 35, 0, 0, tokyo) // Wednesday in Tokyo
	ny := time.Date(2025, 7, 8, 14, 20, 0, 0, time.FixedZone("EDT", -4*3600))
	tests := []struct {
		text string
		pub  time.Time
		want string // days of July, in order
	}{
		{"トランプ大統領は8日、プーチン大統領と電話で会談しました", pub, "8"},
		{"日本時間の9日午前1時12分ごろ", pub, "9"},
		{"両首脳は2日連続で電話会談", pub, ""},
		{"U.S. President Donald Trump said on Tuesday he had spoken", ny, "8"},
		{"bringing the toll to five, police said Tuesday. shortly before midnight monday, the gunfire", ny, "7"},
		{"москва, 8 июля. президент в среду провел", ny, "8 9"},
		{"as the aug. 1 deadline draws closer", ny, ""},
		{"on july 7, officials said", ny, "7"},
	}
	for _, tt := range tests {
		var got string
		for i, d := range datesIn(fold(tt.text), tt.pub) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprint(int(d - civil(2025, time.July, 0)))
		}
		if got != tt.want {
			t.Errorf("datesIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestIdentityConflicts(t *testing.T) {
	jul := func(d int) day { return civil(2025, time.July, d) }
	tests := []struct {
		name     string
		a, b     identity
		conflict bool
	}{
		{"another day", identity{days: []day{jul(8)}}, identity{days: []day{jul(9)}}, true},
		{"one day named by both", identity{days: []day{jul(7), jul(8)}}, identity{days: []day{jul(7)}}, false},
		{"no day on one side", identity{days: []day{jul(8)}}, identity{}, false},
		{"magnitude revised by 0.2", identity{mag: 6.6}, identity{mag: 6.8}, false},
		{"magnitude revised by 0.3", identity{mag: 5.0}, identity{mag: 5.3}, false},
		{"an aftershock", identity{mag: 6.8}, identity{mag: 5.3}, true},
		{"the next ordinal", identity{ordinals: []float64{30}}, identity{ordinals: []float64{31}}, true},
		{"the same ordinal", identity{ordinals: []float64{30, 4}}, identity{ordinals: []float64{30}}, false},
		{"dollar and euro", identity{fx: []string{"JPY", "USD"}}, identity{fx: []string{"EUR", "JPY"}}, true},
		{"another epicentre", identity{epicentre: "茨城県南部"}, identity{epicentre: "千葉県北西部"}, true},
		{"a 40-minute call and a 75-minute one", identity{dur: 40}, identity{dur: 75}, true},
		{"an hour and 75 minutes", identity{dur: 60}, identity{dur: 75}, false},
		{"100 minutes and more than an hour", identity{dur: 100}, identity{dur: 60, durAtLeast: true}, false},
		{"40 minutes and more than an hour", identity{dur: 40}, identity{dur: 60, durAtLeast: true}, true},
		{"more than an hour and more than two", identity{dur: 60, durAtLeast: true}, identity{dur: 120, durAtLeast: true}, false},
	}
	for _, tt := range tests {
		if got := tt.a.conflicts(&tt.b); got != tt.conflict {
			t.Errorf("%s: conflicts = %v, want %v", tt.name, got, tt.conflict)
		}
		if got := tt.b.conflicts(&tt.a); got != tt.conflict {
			t.Errorf("%s (swapped): conflicts = %v, want %v", tt.name, got, tt.conflict)
		}
	}
}

func TestRateCurrencies(t *testing.T) {
	tests := map[string]string{
		"東京外為10時　ドル=147円21~22銭":  "[JPY USD]",
		"東京外為10時　ユーロ=171円85~87銭": "[EUR JPY]",
		"цб рф установил официальный курс евро на 10 июля в размере 91,5612 руб.": "[EUR RUB]",
		"samsung q2 profit 5.3 trillion won ($3.9 billion)":                       "[]",
		"wonderful euro-area news": "[]",
	}
	for title, want := range tests {
		if got := fmt.Sprint(rateCurrencies(fold(title))); got != want {
			t.Errorf("rateCurrencies(%q) = %s, want %s", title, got, want)
		}
	}
}

// FuzzNumbersIn: any text gives figures without a panic, every intensity
// on Japan's scale and every duration positive.
func FuzzNumbersIn(f *testing.F) {
	for _, s := range []string{"千葉・茨城で震度5弱", "1 часа 40 минут", "about an hour and 15 minutes", "more than 90 minutes", "intensity of lower", "1時間", "震度7強", "1 hour and"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"ja", "en", "ru"} {
			for _, n := range numbersIn(fold(s), lang) {
				switch {
				case n.kind == numIntensity && (n.v < -0.25 || n.v > 7.25):
					t.Errorf("numbersIn(%q): intensity %g", s, n.v)
				case (n.kind == numDuration || n.kind == numLongerThan) && n.v < 0:
					t.Errorf("numbersIn(%q): duration %g", s, n.v)
				}
			}
		}
	})
}
