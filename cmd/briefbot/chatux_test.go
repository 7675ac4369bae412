package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestStatsSaysWhyBriefsWait: a story fetched within digest.settle waits,
// and /stats's figures say so, with when it goes out.
func TestStatsSaysWhyBriefsWait(t *testing.T) {
	feeds := newFeedServer(t)
	feeds.add("a-1", "停戦協議", "<p>ロシアとウクライナが停戦を協議した。</p>", time.Now().Add(-time.Minute))
	cfg := strings.Replace(adminConfig(feeds.srv.URL, true, "", ""), "settle: 0s", "settle: 10m", 1)
	a, _, _ := newTestApp(t, cfg)
	ctx := context.Background()
	if err := a.sched.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := a.admin.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Settling != 1 || st.Settle != 10*time.Minute || time.Until(st.SettleNext) <= 0 || time.Until(st.SettleNext) > 10*time.Minute {
		t.Errorf("Stats = %d settling (%s), first at %s; want 1 within 10m", st.Settling, st.Settle, st.SettleNext)
	}
	if st.QuietHeld != 0 || st.Retrying != 0 || st.PausedChats != 0 {
		t.Errorf("Stats = %+v: nothing else waits", st)
	}
}

// TestEditionLabelsFromTheCatalogue: an edition's header is in its chat's
// language, default_language for a chat without one.
func TestEditionLabelsFromTheCatalogue(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", "default_language: en\n"))
	for lang, want := range map[string]string{
		"":   "🗞 07:00 edition · 2 stories",
		"ja": "🗞 07:00のまとめ · 2件",
		"ru": "🗞 Выпуск 07:00 · 2 новости",
	} {
		if got := a.editionLabels(lang).Header("07:00", 2); got != want {
			t.Errorf("edition header in %q: %q, want %q", lang, got, want)
		}
	}
}
