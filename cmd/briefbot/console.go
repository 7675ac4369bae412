package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"briefbot"
)

// consoleSender is the Sender of console mode: it prints each message to w,
// marked as what the bot would send, and never fails.
type consoleSender struct {
	mu   sync.Mutex
	w    io.Writer
	next int
}

func (c *consoleSender) Send(_ context.Context, m briefbot.OutMessage) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	format := "Telegram HTML"
	if !m.HTML {
		format = "plain text"
	}
	_, err := fmt.Fprintf(c.w, "──── brief #%d for the console chat (would be sent to Telegram as %s) ────\n%s\n\n", c.next, format, m.Text)
	if err != nil {
		return 0, fmt.Errorf("console: %w", err)
	}
	return c.next, nil
}
