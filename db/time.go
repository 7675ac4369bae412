package db

import (
	"encoding/json"
	"time"
)

// Times are stored as Unix microseconds; the zero time is stored as 0 so that
// "never" sorts first and reads back as the zero time.
func ts(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromTS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func jsonStrings(ss []string) string {
	if len(ss) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ss)
	return string(b)
}

func parseStrings(s string) []string {
	var ss []string
	_ = json.Unmarshal([]byte(s), &ss)
	return ss
}
