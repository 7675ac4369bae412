package briefbot_test

import (
	"testing"
	"time"

	"briefbot"
)

func TestQuietHoursUntil(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	at := func(loc *time.Location, mo time.Month, d, h, m int) time.Time {
		return time.Date(2026, mo, d, h, m, 0, 0, loc)
	}
	tests := []struct {
		name  string
		q     briefbot.QuietHours
		loc   *time.Location
		at    time.Time
		quiet bool
		until time.Time
	}{
		{"before a span over midnight", briefbot.QuietHours{Start: "23:00", End: "07:00"}, tokyo, at(tokyo, 3, 1, 22, 59), false, time.Time{}},
		{"at its start: ends tomorrow", briefbot.QuietHours{Start: "23:00", End: "07:00"}, tokyo, at(tokyo, 3, 1, 23, 0), true, at(tokyo, 3, 2, 7, 0)},
		{"after midnight: ends today", briefbot.QuietHours{Start: "23:00", End: "07:00"}, tokyo, at(tokyo, 3, 1, 3, 30), true, at(tokyo, 3, 1, 7, 0)},
		{"at its end: not quiet", briefbot.QuietHours{Start: "23:00", End: "07:00"}, tokyo, at(tokyo, 3, 1, 7, 0), false, time.Time{}},
		{"a daytime span", briefbot.QuietHours{Start: "12:00", End: "13:30"}, tokyo, at(tokyo, 3, 1, 12, 45), true, at(tokyo, 3, 1, 13, 30)},
		{"outside a daytime span", briefbot.QuietHours{Start: "12:00", End: "13:30"}, tokyo, at(tokyo, 3, 1, 11, 0), false, time.Time{}},
		{"the instant is read in the chat's zone", briefbot.QuietHours{Start: "23:00", End: "07:00"}, tokyo, time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC), true, at(tokyo, 3, 2, 7, 0)},
		// Clocks go forward at 02:00 on 29 March in Berlin: the night is an
		// hour shorter, and the end is still 07:00 on the wall clock.
		{"across a DST change", briefbot.QuietHours{Start: "23:00", End: "07:00"}, berlin, at(berlin, 3, 28, 23, 30), true, at(berlin, 3, 29, 7, 0)},
		{"none", briefbot.QuietHours{}, tokyo, at(tokyo, 3, 1, 3, 0), false, time.Time{}},
		{"start equals end is none", briefbot.QuietHours{Start: "07:00", End: "07:00"}, tokyo, at(tokyo, 3, 1, 7, 0), false, time.Time{}},
	}
	for _, tt := range tests {
		until, quiet := tt.q.Until(tt.at, tt.loc)
		if quiet != tt.quiet || !until.Equal(tt.until) {
			t.Errorf("%s: Until(%s) = %s, %v; want %s, %v", tt.name, tt.at, until, quiet, tt.until, tt.quiet)
		}
	}
	if _, q := (briefbot.QuietHours{Start: "23:00", End: "07:00"}).Until(at(berlin, 3, 29, 6, 0), berlin); !q {
		t.Error("06:00 on the short night is still quiet")
	}
}

func TestParseQuietHours(t *testing.T) {
	for in, want := range map[string]string{
		"23:00-07:00": "23:00–07:00", "7:30 – 9:00": "07:30–09:00", "22:00—06:00": "22:00–06:00",
		"none": "none", "": "none", "OFF": "none",
	} {
		got, err := briefbot.ParseQuietHours(in)
		if err != nil || got.String() != want {
			t.Errorf("ParseQuietHours(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"25:00-07:00", "23:00", "07:00-07:00", "ab:cd-07:00", "23:00-07:00-08:00"} {
		_, err := briefbot.ParseQuietHours(in)
		if briefbot.ErrorCode(err) != briefbot.EINVALID || briefbot.ErrorMessage(err) == "" {
			t.Errorf("ParseQuietHours(%q): err = %v, want an EINVALID a user can read", in, err)
		}
	}
}

func TestChatSettingsLocation(t *testing.T) {
	def := time.UTC
	var none *briefbot.ChatSettings
	for _, tt := range []struct {
		s    *briefbot.ChatSettings
		want string
	}{
		{none, "UTC"},
		{&briefbot.ChatSettings{}, "UTC"},
		{&briefbot.ChatSettings{Timezone: "Asia/Tokyo"}, "Asia/Tokyo"},
		{&briefbot.ChatSettings{Timezone: "Mars/Olympus"}, "UTC"},
	} {
		if got := tt.s.Location(def).String(); got != tt.want {
			t.Errorf("Location of %+v = %s, want %s", tt.s, got, tt.want)
		}
	}
	for name, ok := range map[string]bool{"Asia/Tokyo": true, "Europe/Moscow": true, "": false, "Local": false, "../etc/passwd": false, "Nowhere/City": false} {
		if err := briefbot.ValidTimezone(name); (err == nil) != ok {
			t.Errorf("ValidTimezone(%q) = %v, want ok=%v", name, err, ok)
		}
	}
}

func TestQuietHoursSpan(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	at := func(loc *time.Location, mo time.Month, d, h, m int) time.Time {
		return time.Date(2026, mo, d, h, m, 0, 0, loc)
	}
	night := briefbot.QuietHours{Start: "23:00", End: "07:00"}
	tests := []struct {
		name        string
		q           briefbot.QuietHours
		at          time.Time
		loc         *time.Location
		from, until time.Time
	}{
		{"before, over midnight", night, at(tokyo, 3, 1, 22, 59), tokyo, at(tokyo, 3, 1, 23, 0), at(tokyo, 3, 2, 7, 0)},
		{"at the start", night, at(tokyo, 3, 1, 23, 0), tokyo, at(tokyo, 3, 1, 23, 0), at(tokyo, 3, 2, 7, 0)},
		{"after midnight", night, at(tokyo, 3, 1, 3, 30), tokyo, at(tokyo, 2, 28, 23, 0), at(tokyo, 3, 1, 7, 0)},
		{"at the end: the next ones", night, at(tokyo, 3, 1, 7, 0), tokyo, at(tokyo, 3, 1, 23, 0), at(tokyo, 3, 2, 7, 0)},
		{"same day, after", briefbot.QuietHours{Start: "12:00", End: "14:00"}, at(tokyo, 3, 1, 15, 0), tokyo, at(tokyo, 3, 2, 12, 0), at(tokyo, 3, 2, 14, 0)},
		{"in another zone", night, at(tokyo, 3, 1, 12, 0), ny, at(ny, 2, 28, 23, 0), at(ny, 3, 1, 7, 0)},
		// New York springs forward at 02:00 on 8 March 2026: the night is an hour shorter.
		{"over a DST change", night, at(ny, 3, 8, 1, 0), ny, at(ny, 3, 7, 23, 0), at(ny, 3, 8, 7, 0)},
		{"none", briefbot.QuietHours{}, at(tokyo, 3, 1, 3, 0), tokyo, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		from, until := tt.q.Span(tt.at, tt.loc)
		if !from.Equal(tt.from) || !until.Equal(tt.until) {
			t.Errorf("%s: Span(%s) = [%s, %s), want [%s, %s)", tt.name, tt.at, from, until, tt.from, tt.until)
		}
	}
	if d := at(ny, 3, 8, 7, 0).Sub(at(ny, 3, 7, 23, 0)); d != 7*time.Hour {
		t.Errorf("the DST night lasts %s, want 7h", d)
	}
}
