package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func controlDo(t *testing.T, h http.Handler, method, target string, form url.Values, out any) int {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, target, rec.Body.String(), err)
		}
	}
	return rec.Code
}

func TestControlEndpoints(t *testing.T) {
	s := NewHandler(Options{})
	h := s.Handler()
	api := "/bot" + s.Token() + "/sendMessage"
	for _, chat := range []string{"1", "1", "-100500"} {
		var env struct{ Ok bool }
		controlDo(t, h, http.MethodPost, api, url.Values{"chat_id": {chat}, "text": {"hi"}}, &env)
		if !env.Ok {
			t.Fatalf("send to %s failed", chat)
		}
	}

	var st Stats
	if code := controlDo(t, h, http.MethodGet, "/control/stats", nil, &st); code != 200 || st.Sent != 3 || st.ByMethod["sendMessage"] != 3 {
		t.Fatalf("stats %d %+v", code, st)
	}
	var counts map[string]int
	controlDo(t, h, http.MethodGet, "/control/counts", nil, &counts)
	if counts["1"] != 2 || counts["-100500"] != 1 {
		t.Fatalf("counts %v", counts)
	}
	var msgs []Message
	controlDo(t, h, http.MethodGet, "/control/messages?chat_id=1", nil, &msgs)
	if len(msgs) != 2 || msgs[1].MessageID != 2 {
		t.Fatalf("messages %+v", msgs)
	}
	controlDo(t, h, http.MethodGet, "/control/messages?since=1&limit=1", nil, &msgs)
	if len(msgs) != 1 || msgs[0].MessageID != 2 || msgs[0].ChatID != 1 {
		t.Fatalf("paged messages %+v", msgs)
	}

	if code := controlDo(t, h, http.MethodPost, "/control/failure", url.Values{"chat_id": {"1"}, "kind": {"blocked"}}, nil); code != 200 {
		t.Fatalf("failure: %d", code)
	}
	var env struct {
		Ok          bool
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
	}
	controlDo(t, h, http.MethodPost, api, url.Values{"chat_id": {"1"}, "text": {"hi"}}, &env)
	if env.Ok || env.ErrorCode != 403 {
		t.Fatalf("blocked send: %+v", env)
	}
	if code := controlDo(t, h, http.MethodPost, "/control/failure", url.Values{"chat_id": {"1"}, "kind": {"meteor"}}, nil); code != 400 {
		t.Fatalf("bad kind: %d", code)
	}

	var upd struct {
		UpdateID int `json:"update_id"`
	}
	controlDo(t, h, http.MethodPost, "/control/update", url.Values{"chat_id": {"1"}, "user_id": {"1"}, "text": {"/start"}}, &upd)
	if upd.UpdateID == 0 || s.PendingUpdates() != 1 {
		t.Fatalf("update %+v pending %d", upd, s.PendingUpdates())
	}

	controlDo(t, h, http.MethodPost, "/control/reset", nil, nil)
	controlDo(t, h, http.MethodGet, "/control/stats", nil, &st)
	controlDo(t, h, http.MethodGet, "/control/messages", nil, &msgs)
	if st.Sent != 0 || len(msgs) != 0 || s.PendingUpdates() != 0 {
		t.Fatalf("after reset: %+v %d messages", st, len(msgs))
	}
	if code := controlDo(t, h, http.MethodGet, "/control/nothing", nil, nil); code != 404 {
		t.Fatalf("unknown endpoint: %d", code)
	}
}

func TestJSONRequestBody(t *testing.T) {
	s := NewHandler(Options{})
	req := httptest.NewRequest(http.MethodPost, "/bot"+s.Token()+"/sendMessage",
		strings.NewReader(`{"chat_id":-100321,"text":"<i>json</i>","parse_mode":"HTML","message_thread_id":4,"reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	msgs := s.Messages(-100321)
	if len(msgs) != 1 || msgs[0].ThreadID != 4 || !strings.Contains(string(msgs[0].ReplyMarkup), "inline_keyboard") {
		t.Fatalf("messages %+v", msgs)
	}
}
