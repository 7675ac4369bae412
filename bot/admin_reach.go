package bot

import (
	"slices"
	"strings"
	"sync"

	"briefbot"
)

// reach remembers the admins Telegram refuses the bot's messages to: an
// admin who never opened a private chat with the bot (Telegram answers
// "chat not found" or "bot can't initiate conversation with a user"), or
// who blocked it. Their alerts are lost until they start it; /feeds names
// them. Any private message from them clears the mark.
type reach struct {
	mu  sync.Mutex
	why map[int64]string // admin id → catalogue key of the reason
}

// adminUnreachable marks admin id as unreachable when err says Telegram
// will not deliver to them, and logs it once.
func (b *Bot) adminUnreachable(id int64, err error) {
	se := classify(err)
	if se.Kind != briefbot.SendChatGone {
		return
	}
	key, why := "admin.unreachable_blocked", "has blocked the bot"
	if d := strings.ToLower(se.Description); strings.Contains(d, "chat not found") || strings.Contains(d, "initiate") {
		key, why = "admin.unreachable_not_started", "has not started the bot"
	}
	b.reach.mu.Lock()
	if b.reach.why == nil {
		b.reach.why = map[int64]string{}
	}
	known := b.reach.why[id] == key
	b.reach.why[id] = key
	b.reach.mu.Unlock()
	if !known {
		b.log.Warn("admin "+why+": alerts cannot reach them", "user_id", id, "err", se.Description)
	}
}

// reachable clears user id's mark: they just wrote to the bot.
func (b *Bot) reachable(id int64) {
	b.reach.mu.Lock()
	delete(b.reach.why, id)
	b.reach.mu.Unlock()
}

// unreachableAdmins lists the configured admins marked unreachable, with
// the catalogue key of the reason, by id.
func (b *Bot) unreachableAdmins() (ids []int64, keys map[int64]string) {
	b.reach.mu.Lock()
	defer b.reach.mu.Unlock()
	keys = map[int64]string{}
	for id, k := range b.reach.why {
		if b.cfg().isAdmin(id) {
			ids = append(ids, id)
			keys[id] = k
		}
	}
	slices.Sort(ids)
	return ids, keys
}
