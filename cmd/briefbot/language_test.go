package main

import (
	"context"
	"testing"

	"briefbot"
)

// TestChatLanguagesFromConfig: a channel reads channels[].language, the
// console chat the first feed's language (none for auto), and a reload
// applies both.
func TestChatLanguagesFromConfig(t *testing.T) {
	ctx := context.Background()
	feeds := newFeedServer(t)
	const channel = "channels:\n  - {chat_id: -1001, topics: [world], language: en}\n"
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", channel))
	check := func(when string, want map[int64]string) {
		t.Helper()
		for chat, lang := range want {
			s, err := a.store.ChatSettings(ctx, chat)
			if err != nil || s.Language != lang {
				t.Errorf("%s: chat %d reads %+v, %v; want %q", when, chat, s, err, lang)
			}
		}
	}
	check("at start", map[int64]string{briefbot.ConsoleChatID: "", -1001: "en"})

	replaceFile(t, path, adminConfig(feeds.srv.URL, true, "    language: ja\n",
		"channels:\n  - {chat_id: -1001, topics: [world]}\n"))
	if err := a.rl.Reload(ctx); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	check("after a reload", map[int64]string{briefbot.ConsoleChatID: "ja", -1001: ""})
}
