package bot

import (
	"bytes"
	"sync"
)

// SetPaceLimits sets the rates of the bot's pacing, which its replies
// follow from the start and a Dispatcher sending through it resets: tests
// without flood limits answer at test speed.
func (b *Bot) SetPaceLimits(globalPerSecond, privatePerSecond, groupPerMinute float64) {
	b.pace.setLimits(paceLimits{GlobalPerSecond: globalPerSecond, PrivatePerSecond: privatePerSecond, GroupPerMinute: groupPerMinute})
}

// LogBuffer is a log sink safe for concurrent writers.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
