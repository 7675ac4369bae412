package briefbot_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"briefbot"
)

func TestErrorCodeAndMessage(t *testing.T) {
	user := briefbot.Errorf(briefbot.ENOTFOUND, "No topic %q.", "sports")
	for _, tt := range []struct {
		name     string
		err      error
		code     string
		message  string
		internal bool
	}{
		{"nil", nil, "", "", false},
		{"a domain error", user, briefbot.ENOTFOUND, `No topic "sports".`, false},
		{"wrapped", fmt.Errorf("subscribe: %w", user), briefbot.ENOTFOUND, `No topic "sports".`, false},
		{"any other error reveals nothing", errors.New("sqlite: disk I/O error at /var/lib/briefbot.db"), briefbot.EINTERNAL, "Internal error.", true},
	} {
		if got := briefbot.ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.code)
		}
		msg := briefbot.ErrorMessage(tt.err)
		if msg != tt.message {
			t.Errorf("%s: message %q, want %q", tt.name, msg, tt.message)
		}
		if tt.internal && strings.Contains(msg, "sqlite") {
			t.Errorf("%s: the message leaks the cause", tt.name)
		}
	}
	if s := user.Error(); !strings.Contains(s, briefbot.ENOTFOUND) || !strings.Contains(s, "sports") {
		t.Errorf("Error() = %q", s)
	}
}

func TestFetchAndSendErrorsUnwrap(t *testing.T) {
	cause := errors.New("connection reset")
	fe := &briefbot.FetchError{URL: "https://example.org/feed", StatusCode: 503, Err: cause}
	if !errors.Is(fe, cause) || !strings.Contains(fe.Error(), "status 503") {
		t.Errorf("FetchError = %q, unwraps %v", fe, errors.Is(fe, cause))
	}
	if s := (&briefbot.FetchError{URL: "u", Err: cause}).Error(); strings.Contains(s, "status") {
		t.Errorf("FetchError without status = %q", s)
	}
	se := &briefbot.SendError{Kind: briefbot.SendTransient, Code: 502, Description: "Bad Gateway", Err: cause}
	var target *briefbot.SendError
	if !errors.Is(fmt.Errorf("send: %w", se), cause) || !errors.As(fmt.Errorf("x: %w", se), &target) || target.Code != 502 {
		t.Errorf("SendError does not unwrap: %v", se)
	}
}

func TestStoryDeliverable(t *testing.T) {
	for _, tt := range []struct {
		items []briefbot.Item
		want  bool
	}{
		{nil, false},
		{[]briefbot.Item{{Deliver: false}}, false},
		{[]briefbot.Item{{Deliver: false}, {Deliver: true}}, true},
	} {
		if got := (&briefbot.Story{Items: tt.items}).Deliverable(); got != tt.want {
			t.Errorf("Deliverable(%+v) = %v, want %v", tt.items, got, tt.want)
		}
	}
}
