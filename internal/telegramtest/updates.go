package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
)

// maxPollTimeout caps getUpdates' timeout, in seconds.
const maxPollTimeout = 50

type queuedUpdate struct {
	id  int
	raw json.RawMessage
}

// enqueueLocked assigns the next update_id, stores the update and wakes a
// waiting getUpdates.
func (s *Server) enqueueLocked(build func(id int) json.RawMessage) int {
	id := s.st.nextUpdateID
	s.st.nextUpdateID++
	s.st.updates = append(s.st.updates, queuedUpdate{id: id, raw: build(id)})
	s.broadcastLocked()
	return id
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own types are marshalled here
	}
	return b
}

// UserMessage queues a text message from userID in chatID and returns its
// update_id. A leading /command gets a bot_command entity as Telegram adds.
func (s *Server) UserMessage(chatID, userID int64, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	msgID := c.nextMsgID
	c.nextMsgID++
	from := s.userLocked(userID)
	c.posts[msgID] = false
	m := &messageJSON{
		MessageID: msgID,
		From:      &from,
		Chat:      c.json(),
		Date:      s.now().Unix(),
		Text:      text,
		Entities:  commandEntities(text),
	}
	return s.enqueueLocked(func(id int) json.RawMessage {
		return mustJSON(updateJSON{UpdateID: id, Message: m})
	})
}

// commandEntities marks a leading "/command[@bot]" the way Telegram does.
func commandEntities(text string) []entityJSON {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	end := strings.IndexFunc(text, unicode.IsSpace)
	if end < 0 {
		end = len(text)
	}
	if end < 2 {
		return nil
	}
	return []entityJSON{{Type: "bot_command", Offset: 0, Length: utf16Len(text[:end])}}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// CallbackQuery queues a press on an inline button of message messageID in
// chatID and returns the update_id. The message is the one the bot sent, if
// the server has it.
func (s *Server) CallbackQuery(chatID, userID int64, messageID int, data string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	var m *messageJSON
	if st, ok := c.byID[messageID]; ok && !st.deleted {
		m = s.messageJSONLocked(c, st)
	} else {
		bot := s.bot
		m = &messageJSON{MessageID: messageID, From: &bot, Chat: c.json(), Date: s.now().Unix()}
	}
	cq := &callbackJSON{
		ID:           strconv.Itoa(s.st.nextCallback) + "0000" + strconv.FormatInt(userID, 10),
		From:         s.userLocked(userID),
		Message:      m,
		ChatInstance: "ci" + strconv.FormatInt(chatID, 10),
		Data:         data,
	}
	s.st.nextCallback++
	return s.enqueueLocked(func(id int) json.RawMessage {
		return mustJSON(updateJSON{UpdateID: id, CallbackQuery: cq})
	})
}

// MyChatMember queues a change of the bot's own membership in chatID made
// by userID, e.g. "member" -> "kicked" when a user blocks the bot.
func (s *Server) MyChatMember(chatID, userID int64, oldStatus, newStatus string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	u := &chatMemberUpdatedJSON{
		Chat:          c.json(),
		From:          s.userLocked(userID),
		Date:          s.now().Unix(),
		OldChatMember: chatMemberJSON{User: s.bot, Status: oldStatus},
		NewChatMember: chatMemberJSON{User: s.bot, Status: newStatus},
	}
	return s.enqueueLocked(func(id int) json.RawMessage {
		return mustJSON(updateJSON{UpdateID: id, MyChatMember: u})
	})
}

// RawUpdate queues raw JSON as an update. When raw is an object its
// update_id is set to the assigned id; anything else is served verbatim.
func (s *Server) RawUpdate(raw json.RawMessage) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueLocked(func(id int) json.RawMessage {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil || obj == nil {
			return append(json.RawMessage(nil), raw...)
		}
		obj["update_id"] = mustJSON(id)
		return mustJSON(obj)
	})
}

// PendingUpdates is how many updates are queued and not yet confirmed.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.updates)
}

func (s *Server) getMe(*http.Request, params) (any, *apiError) {
	return struct {
		user
		CanJoinGroups         bool `json:"can_join_groups"`
		CanReadAllGroupMsgs   bool `json:"can_read_all_group_messages"`
		SupportsInlineQueries bool `json:"supports_inline_queries"`
	}{user: s.bot, CanJoinGroups: true}, nil
}

// Telegram's Bot API server keeps one long poll per bot: a newer getUpdates
// that has to wait ends the parked one with errConflict, and setWebhook ends
// it with errSetWebhook. A getUpdates that answers at once (updates queued,
// or timeout 0) disturbs nobody.
var (
	errConflict      = &apiError{code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	errSetWebhook    = &apiError{code: 409, description: "Conflict: terminated by setWebhook request"}
	errWebhookActive = &apiError{code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
)

// longPoll is a parked getUpdates; ended receives the conflict that
// terminates it.
type longPoll struct {
	ended chan *apiError
}

// endPollLocked terminates the parked long poll, if any, with e.
func (s *Server) endPollLocked(e *apiError) {
	if s.st.poll == nil {
		return
	}
	s.st.poll.ended <- e // buffered: the poll is ended once
	s.st.poll = nil
	s.st.polling = false
	s.broadcastLocked()
}

// conflict answers e the way Telegram paces its 409s: at once when no other
// was answered in the last ConflictPause, else after ConflictPause.
func (s *Server) conflict(r *http.Request, e *apiError) *apiError {
	s.mu.Lock()
	now := time.Now()
	late := now.Before(s.st.nextConflict)
	if !late {
		s.st.nextConflict = now.Add(s.opts.ConflictPause)
	}
	s.mu.Unlock()
	if late {
		t := time.NewTimer(s.opts.ConflictPause)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
		case <-s.closed:
		}
	}
	return e
}

// getUpdates confirms updates below offset, then returns up to limit
// updates, waiting up to timeout seconds for the first one.
func (s *Server) getUpdates(r *http.Request, p params) (any, *apiError) {
	offset, _ := p.int("offset")
	limit, _ := p.int("limit")
	if limit <= 0 || limit > 100 {
		limit = 100 // Telegram's default, and its cap
	}
	timeout, _ := p.int("timeout")
	timeout = min(max(timeout, 0), maxPollTimeout)

	s.mu.Lock()
	if s.st.webhookURL != "" {
		s.mu.Unlock()
		return nil, s.conflict(r, errWebhookActive)
	}
	s.confirmLocked(offset)
	var me *longPoll
	if len(s.st.updates) == 0 && timeout > 0 {
		s.endPollLocked(errConflict)
		me = &longPoll{ended: make(chan *apiError, 1)}
		s.st.poll, s.st.polling = me, true
		s.broadcastLocked() // lets tests see that a poll is parked
		defer func() {
			s.mu.Lock()
			if s.st.poll == me {
				s.st.poll, s.st.polling = nil, false
				s.broadcastLocked()
			}
			s.mu.Unlock()
		}()
	}

	var deadline <-chan time.Time
	if me != nil {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		deadline = t.C
	}
	var ended chan *apiError
	if me != nil {
		ended = me.ended
	}
	for {
		if len(s.st.updates) > 0 || deadline == nil {
			n := min(limit, len(s.st.updates))
			out := make([]json.RawMessage, n)
			for i := range n {
				out[i] = s.st.updates[i].raw
			}
			s.mu.Unlock()
			return out, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case e := <-ended:
			return nil, s.conflict(r, e)
		case <-deadline:
			deadline = nil
		case <-r.Context().Done():
			deadline = nil
		case <-s.closed:
			deadline = nil
		}
		s.mu.Lock()
	}
}

// confirmLocked drops updates with id < offset; a negative offset keeps only
// the last -offset updates, as Telegram does.
func (s *Server) confirmLocked(offset int) {
	u := s.st.updates
	switch {
	case offset < 0:
		if keep := -offset; keep < len(u) {
			u = u[len(u)-keep:]
		}
	case offset > 0:
		i := 0
		for i < len(u) && u[i].id < offset {
			i++
		}
		u = u[i:]
	}
	if len(u) == 0 {
		u = nil
	}
	s.st.updates = u
}

func (s *Server) setWebhook(_ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p["url"] != "" {
		s.endPollLocked(errSetWebhook)
	}
	s.st.webhookURL = p["url"]
	if p.bool("drop_pending_updates") {
		s.st.updates = nil
	}
	return true, nil
}

func (s *Server) deleteWebhook(_ *http.Request, p params) (any, *apiError) {
	return s.setWebhook(nil, params{"drop_pending_updates": p["drop_pending_updates"]})
}

func (s *Server) getWebhookInfo(*http.Request, params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return struct {
		URL                  string `json:"url"`
		HasCustomCertificate bool   `json:"has_custom_certificate"`
		PendingUpdateCount   int    `json:"pending_update_count"`
	}{URL: s.st.webhookURL, PendingUpdateCount: len(s.st.updates)}, nil
}
