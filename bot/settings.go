package bot

import (
	"slices"

	"briefbot"
)

// settings is the part of the configuration a reload may change. A value is
// never modified once published: SetConfig swaps the whole pointer, so a
// handler reads one consistent snapshot without locking.
type settings struct {
	topics []briefbot.Topic
	byName map[string]briefbot.Topic
	admins []int64
}

func newSettings(topics []briefbot.Topic, admins []int64) *settings {
	s := &settings{
		topics: slices.Clone(topics),
		byName: make(map[string]briefbot.Topic, len(topics)),
		admins: slices.Clone(admins),
	}
	for _, t := range s.topics {
		s.byName[t.Name] = t
	}
	return s
}

func (s *settings) isAdmin(userID int64) bool {
	return userID != 0 && slices.Contains(s.admins, userID)
}

// SetConfig replaces the topics and admins after a config reload. It is safe
// to call while handlers run; an update already being handled finishes with
// the settings it started with. Admins' command menus follow at the next
// SetCommands.
func (b *Bot) SetConfig(topics []briefbot.Topic, admins []int64) {
	b.settings.Store(newSettings(topics, admins))
}

// cfg returns the current settings snapshot.
func (b *Bot) cfg() *settings { return b.settings.Load() }
