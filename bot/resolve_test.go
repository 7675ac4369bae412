package bot_test

import (
	"context"
	"strings"
	"testing"

	"briefbot/internal/telegramtest"
)

func TestResolveChat(t *testing.T) {
	srv := newFake(t, telegramtest.Options{})
	d, _ := openDB(t)
	b := newBot(t, srv.URL(), d, nil)
	srv.AddChat(-1001234567890, "channel", "News")
	srv.SetChatUsername(-1001234567890, "my_news_channel")
	srv.AddChat(-1009, "supergroup", "Readers")
	srv.SetChatUsername(-1009, "readers_group")
	ctx := context.Background()

	for name, want := range map[string]int64{"@my_news_channel": -1001234567890, "@My_News_Channel": -1001234567890, "@readers_group": -1009} {
		if id, err := b.ResolveChat(ctx, name); err != nil || id != want {
			t.Errorf("ResolveChat(%s) = %d, %v; want %d", name, id, err, want)
		}
	}
	if _, err := b.ResolveChat(ctx, "@no_such_channel"); err == nil || !strings.Contains(err.Error(), "chat not found") {
		t.Errorf("unknown name: err = %v, want Telegram's chat not found", err)
	}
	srv.AddChat(77, "private", "Ann")
	srv.SetChatUsername(77, "ann_reads")
	// Telegram does not resolve a person's username for a bot.
	if _, err := b.ResolveChat(ctx, "@ann_reads"); err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("a private chat's name: err = %v, want chat not found without the token", err)
	}
}
