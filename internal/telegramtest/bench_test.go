package telegramtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkSendMessage measures a full tgbotapi round trip to the fake.
func BenchmarkSendMessage(b *testing.B) {
	s := New(Options{})
	defer s.Close()
	bot := newBotB(b, s)
	text := `❗️ <b>見出し</b>` + "\n🔹 本文。\n<a href=\"https://www3.nhk.or.jp/news/\">NHK</a>"
	b.ResetTimer()
	for i := range b.N {
		if _, err := send(bot, int64(i%1000+1), text, "HTML"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkControlMessages measures GET /control/messages over 100k messages.
func BenchmarkControlMessages(b *testing.B) {
	s := NewHandler(Options{})
	h := s.Handler()
	for i := range 100_000 {
		form := url.Values{"chat_id": {strconv.Itoa(-1000 - i%5000)}, "text": {"<b>brief</b> number " + strconv.Itoa(i)}, "parse_mode": {"HTML"}}
		req := httptest.NewRequest(http.MethodPost, "/bot"+s.Token()+"/sendMessage", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	b.ResetTimer()
	for range b.N {
		for _, target := range []string{"/control/messages", "/control/counts"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
			_, _ = io.Copy(io.Discard, rec.Body)
		}
	}
}
