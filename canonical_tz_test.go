package briefbot_test

import (
	"testing"

	"briefbot"
)

func TestCanonicalTimezone(t *testing.T) {
	if briefbot.ValidTimezone("Europe/Moscow") != nil {
		t.Skip("no tzdata")
	}
	for _, tt := range []struct{ in, want string }{
		{"Europe/Moscow", "Europe/Moscow"},
		{"europe/moscow", "Europe/Moscow"},
		{"EUROPE/MOSCOW", "Europe/Moscow"},
		{" asia/tokyo ", "Asia/Tokyo"},
		{"america/new_york", "America/New_York"},
		{"america/port-au-prince", "America/Port-au-Prince"},
		{"africa/dar_es_salaam", "Africa/Dar_es_Salaam"},
		{"europe/isle_of_man", "Europe/Isle_of_Man"},
		{"asia/ho_chi_minh", "Asia/Ho_Chi_Minh"},
		{"america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"},
		{"utc", "UTC"},
		{"us/eastern", "US/Eastern"},
		{"etc/gmt+3", "Etc/GMT+3"},
		{"est5edt", "EST5EDT"},
	} {
		got, err := briefbot.CanonicalTimezone(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalTimezone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "Local", "mars/olympus", "../etc/passwd", "europe//moscow"} {
		if got, err := briefbot.CanonicalTimezone(bad); briefbot.ErrorCode(err) != briefbot.EINVALID {
			t.Errorf("CanonicalTimezone(%q) = %q, %v; want EINVALID", bad, got, err)
		} else if e := briefbot.AsError(err); e.Key != "error.timezone" {
			t.Errorf("CanonicalTimezone(%q): key %q", bad, e.Key)
		}
	}
}
