package bot

import (
	"slices"
	"strings"

	"briefbot"
	"briefbot/internal/fold"
)

// settings is the part of the configuration a reload may change. A value is
// never modified once published: SetConfig swaps the whole pointer, so a
// handler reads one consistent snapshot without locking.
type settings struct {
	topics []briefbot.Topic
	byName map[string]briefbot.Topic
	// byWord finds a topic by the matching form (internal/fold) of its
	// name or of any of its titles.
	byWord map[string]briefbot.Topic
	admins []int64
}

func newSettings(topics []briefbot.Topic, admins []int64) *settings {
	s := &settings{
		topics: slices.Clone(topics),
		byName: make(map[string]briefbot.Topic, len(topics)),
		byWord: make(map[string]briefbot.Topic, 4*len(topics)),
		admins: slices.Clone(admins),
	}
	for _, t := range s.topics {
		s.byName[t.Name] = t
	}
	// Names first, then titles: a title never hides another topic's name,
	// and the first topic to claim a title keeps it (check-config refuses
	// a title two topics share).
	for _, t := range s.topics {
		s.byWord[fold.String(t.Name)] = t
	}
	for _, t := range s.topics {
		for _, title := range append([]string{t.Title}, titles(t)...) {
			if k := fold.String(strings.TrimSpace(title)); k != "" {
				if _, taken := s.byWord[k]; !taken {
					s.byWord[k] = t
				}
			}
		}
	}
	return s
}

// titles are the topic's titles per language, in a fixed order.
func titles(t briefbot.Topic) []string {
	var out []string
	for _, l := range []string{briefbot.LangJA, briefbot.LangEN, briefbot.LangRU} {
		if s := t.Titles[l]; s != "" {
			out = append(out, s)
		}
	}
	return out
}

// topic finds the topic a user typed: its name or any of its titles, in
// any case and width (/subscribe 国際, /subscribe World, /unsubscribe
// ЭКОНОМИКА, /subscribe ｗｏｒｌｄ).
func (s *settings) topic(typed string) (briefbot.Topic, bool) {
	t, ok := s.byWord[fold.String(strings.TrimSpace(typed))]
	return t, ok
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
