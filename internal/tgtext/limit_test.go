package tgtext_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot/internal/telegramtest"
	"briefbot/internal/tgtext"
)

// accepts sends text to the fake Bot API, which parses HTML and applies the
// length limit as Telegram does, and reports whether it was accepted and
// the text Telegram would show.
func accepts(t *testing.T, s *telegramtest.Server, text string) (bool, string) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/sendMessage",
		url.Values{"chat_id": {"42"}, "text": {text}, "parse_mode": {"HTML"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Ok          bool   `json:"ok"`
		Description string `json:"description"`
		Result      struct {
			Text string `json:"text"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatal(err)
	}
	if !env.Ok && env.Description != "Bad Request: message is too long" {
		t.Fatalf("refused for another reason: %s", env.Description)
	}
	return env.Ok, env.Result.Text
}

// shapes build a message of exactly n visible characters in the ways a
// brief carries them: plain text, tags, links, named and numeric entities.
var shapes = map[string]func(n int) string{
	"plain": func(n int) string { return strings.Repeat("日", n) },
	"tags": func(n int) string {
		return "<b>【" + strings.Repeat("見", n-3) + "】</b><i>x</i>"
	},
	"link with entities in its address": func(n int) string {
		return `<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">` + strings.Repeat("n", n-2) + "</a> 📰"
	},
	"named entities": func(n int) string {
		return strings.Repeat("&amp;", n/4) + strings.Repeat("&lt;", n/4) + strings.Repeat("&quot;", n/4) + strings.Repeat("&gt;", n-3*(n/4))
	},
	"numeric entities and emoji": func(n int) string {
		return strings.Repeat("&#39;", n/2) + strings.Repeat("&#x1F30F;", n/4) + strings.Repeat("🌏", n-n/2-n/4)
	},
	"brief": func(n int) string {
		head := "【見出し】\n\n🇷🇺🇺🇦 "
		tail := "\n\n📰 <a href=\"https://www3.nhk.or.jp/news/\">NHK</a> · <a href=\"https://t.me/sputnik_jp/1\">Sputnik</a>\n#国際(261120)"
		fixed := tgtext.VisibleLen(head) + tgtext.VisibleLen(tail)
		return head + strings.Repeat("AT&amp;T ", (n-fixed)/5) + strings.Repeat("。", (n-fixed)%5) + tail
	},
}

// TestLimit: at 4095 and 4096 visible characters a message fits, at 4097
// it does not, whatever the markup; VisibleLen agrees with the fake Bot
// API's parser, and Split makes parts the fake accepts.
func TestLimit(t *testing.T) {
	s := telegramtest.New(telegramtest.Options{})
	defer s.Close()
	for name, build := range shapes {
		for _, n := range []int{tgtext.MaxLen - 1, tgtext.MaxLen, tgtext.MaxLen + 1} {
			msg := build(n)
			if got := tgtext.VisibleLen(msg); got != n {
				t.Fatalf("%s: VisibleLen = %d, built %d", name, got, n)
			}
			ok, shown := accepts(t, s, msg)
			if want := n <= tgtext.MaxLen; ok != want {
				t.Errorf("%s, %d characters: accepted %v, want %v", name, n, ok, want)
			}
			if ok && utf8.RuneCountInString(shown) != n {
				t.Errorf("%s: Telegram shows %d characters, VisibleLen says %d", name, utf8.RuneCountInString(shown), n)
			}
			parts := tgtext.Split(msg, 0)
			if want := 1 + n/(tgtext.MaxLen+1); len(parts) != want {
				t.Errorf("%s, %d characters: %d parts, want %d", name, n, len(parts), want)
			}
			for i, p := range parts {
				if ok, _ := accepts(t, s, p); !ok {
					t.Errorf("%s, %d characters: part %d refused (%d visible)", name, n, i, tgtext.VisibleLen(p))
				}
			}
		}
	}
}
