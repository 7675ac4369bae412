package bot

import (
	"slices"
	"testing"
	"time"

	"briefbot"
)

func TestPacerNotDue(t *testing.T) {
	p := newPacer(paceLimits{GlobalPerSecond: 30, PrivatePerSecond: 1, GroupPerMinute: 20})
	now := time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC)
	notDue := func(at time.Time) []int64 {
		ids, _ := p.notDue(at, nil)
		slices.Sort(ids)
		return ids
	}
	// A private chat bursts two messages, then waits a second.
	if s := p.book(1, briefbot.ChatPrivate, now); !s.Equal(now) {
		t.Fatalf("first slot %s", s)
	}
	if got := notDue(now); len(got) != 0 {
		t.Fatalf("after one message: not due %v", got)
	}
	if s := p.book(1, briefbot.ChatPrivate, now); !s.Equal(now) {
		t.Fatalf("burst slot %s", s)
	}
	// A group waits about three seconds after each message.
	p.book(-5, briefbot.ChatSupergroup, now)
	// The console is never held.
	p.book(briefbot.ConsoleChatID, briefbot.ChatConsole, now)
	p.book(briefbot.ConsoleChatID, briefbot.ChatConsole, now)
	ids, first := p.notDue(now, nil)
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{-5, 1}) || !first.Equal(now.Add(time.Second)) {
		t.Fatalf("not due %v, first due %s; want [-5 1] and %s", ids, first, now.Add(time.Second))
	}
	if got := notDue(now.Add(time.Second)); !slices.Equal(got, []int64{-5}) {
		t.Errorf("a second later: not due %v, want [-5]", got)
	}
	if s := p.book(1, briefbot.ChatPrivate, now.Add(time.Second)); !s.Equal(now.Add(time.Second)) {
		t.Errorf("private slot after a second %s", s)
	}
	// retry_after holds a chat whatever its bucket says.
	p.pauseChat(7, now.Add(30*time.Second))
	if got := notDue(now.Add(29 * time.Second)); !slices.Equal(got, []int64{7}) {
		t.Errorf("paused: not due %v, want [7]", got)
	}
	if got := notDue(now.Add(30 * time.Second)); len(got) != 0 {
		t.Errorf("after the pause: not due %v", got)
	}
}

func TestPacerHoldsBriefsBehindReplies(t *testing.T) {
	p := newPacer(defaultPaceLimits)
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	p.holdForReply(5)
	p.holdForReply(5)
	if ids, _ := p.notDue(now, nil); !slices.Equal(ids, []int64{5}) {
		t.Fatalf("with replies queued: not due %v, want [5]", ids)
	}
	p.replySent(5)
	if ids, _ := p.notDue(now, nil); !slices.Equal(ids, []int64{5}) {
		t.Fatalf("with one reply left: not due %v, want [5]", ids)
	}
	p.replySent(5)
	if ids, _ := p.notDue(now, nil); len(ids) != 0 {
		t.Fatalf("after the replies: not due %v", ids)
	}
}
