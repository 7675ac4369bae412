package telegramtest

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestConcurrentSends(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				// Two workers share each chat, so ids are contended.
				if _, err := send(bot, int64(-100-w%4), "x", ""); err != nil {
					errs <- err
				}
			}
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	all, err := s.WaitSent(ctx, workers*each)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err != nil || len(all) != workers*each {
		t.Fatalf("got %d, %v", len(all), err)
	}
	for chat := int64(-100); chat > -104; chat-- {
		msgs := s.Messages(chat)
		for i, m := range msgs {
			if m.MessageID != i+1 {
				t.Fatalf("chat %d message %d has id %d", chat, i, m.MessageID)
			}
		}
		if s.Counts()[chat] != 2*each {
			t.Fatalf("chat %d count %d", chat, s.Counts()[chat])
		}
	}
}
