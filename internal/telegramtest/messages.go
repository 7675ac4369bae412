package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMessageRunes is Telegram's limit on a message's parsed text. It is
// kept apart from internal/tgtext.MaxLen on purpose, as is this package's
// HTML parser: the fake stands in for Telegram, and tgtext's tests check
// their length and limit against it.
const maxMessageRunes = 4096

// parsedText is a validated text parameter.
type parsedText struct {
	raw, mode, plain string
	entities         []entityJSON
}

// parseText validates text the way Telegram does for sendMessage and
// editMessageText.
func (s *Server) parseText(p params) (parsedText, *apiError) {
	t := parsedText{raw: p["text"], mode: p["parse_mode"], plain: p["text"]}
	if !utf8.ValidString(t.raw) {
		return t, badRequest("strings must be encoded in UTF-8")
	}
	switch strings.ToLower(t.mode) {
	case "":
	case "html":
		plain, ents, err := parseHTML(t.raw, s.opts.LenientEntities)
		if err != nil {
			return t, badRequest("%v", err)
		}
		t.plain, t.entities = plain, ents
	case "markdown", "markdownv2":
		// Markdown is not validated: briefbot speaks HTML only.
	default:
		return t, badRequest("unsupported parse_mode")
	}
	if strings.TrimFunc(t.plain, unicode.IsSpace) == "" {
		return t, badRequest("message text is empty")
	}
	if utf8.RuneCountInString(t.plain) > maxMessageRunes {
		return t, badRequest("message is too long")
	}
	return t, nil
}

// replyMarkup validates reply_markup and returns it as sent.
func replyMarkup(p params) (json.RawMessage, *apiError) {
	raw := strings.TrimSpace(p["reply_markup"])
	if raw == "" {
		return nil, nil
	}
	if !json.Valid([]byte(raw)) || raw[0] != '{' {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	return json.RawMessage(raw), nil
}

// sameJSON compares two JSON texts ignoring insignificant whitespace.
func sameJSON(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func disablePreview(p params) bool {
	if p.bool("disable_web_page_preview") {
		return true
	}
	var lpo struct {
		IsDisabled bool `json:"is_disabled"`
	}
	return json.Unmarshal([]byte(p["link_preview_options"]), &lpo) == nil && lpo.IsDisabled
}

func (s *Server) sendMessage(r *http.Request, p params) (any, *apiError) {
	id, text, markup, aerr := s.messageInput(p)
	if aerr != nil {
		return nil, aerr
	}
	thread, _ := p.int("message_thread_id")

	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(id)
	if aerr := s.failureLocked(c, true); aerr != nil {
		return nil, aerr
	}
	now := s.now()
	if aerr := s.floodLocked(c, now); aerr != nil {
		return nil, aerr
	}
	m := &stored{
		Message: Message{
			MessageID:             c.nextMsgID,
			ChatID:                id,
			ThreadID:              thread,
			Text:                  text.raw,
			ParseMode:             text.mode,
			DisableWebPagePreview: disablePreview(p),
			DisableNotification:   p.bool("disable_notification"),
			ReplyMarkup:           markup,
			At:                    now,
		},
		plain:    text.plain,
		entities: text.entities,
	}
	c.nextMsgID++
	c.msgs = append(c.msgs, m)
	c.byID[m.MessageID] = m
	c.accepted++
	s.st.all = append(s.st.all, m)
	s.st.stats.Sent++
	s.broadcastLocked()
	return s.messageJSONLocked(c, m), nil
}

// messageJSONLocked is the Message object Telegram returns for a bot
// message; only inline keyboards are echoed, as Telegram does.
func (s *Server) messageJSONLocked(c *chat, m *stored) *messageJSON {
	bot := s.bot
	mj := &messageJSON{
		MessageID: m.MessageID,
		ThreadID:  m.ThreadID,
		From:      &bot,
		Chat:      c.json(),
		Date:      m.At.Unix(),
		Text:      m.plain,
		Entities:  m.entities,
	}
	if m.Edited > 0 {
		mj.EditDate = s.now().Unix()
	}
	if bytes.Contains(m.ReplyMarkup, []byte(`"inline_keyboard"`)) {
		mj.ReplyMarkup = m.ReplyMarkup
	}
	return mj
}

func (s *Server) editMessageText(r *http.Request, p params) (any, *apiError) {
	if p["inline_message_id"] != "" {
		return nil, badRequest("message to edit not found")
	}
	if _, aerr := chatParam(p); aerr != nil { // Telegram checks the chat first
		return nil, aerr
	}
	msgID, ok := p.int("message_id")
	if !ok {
		return nil, badRequest("message identifier is not specified")
	}
	id, text, markup, aerr := s.messageInput(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(id)
	if aerr := s.failureLocked(c, false); aerr != nil {
		return nil, aerr
	}
	m, ok := c.byID[msgID]
	if !ok || m.deleted {
		return nil, badRequest("message to edit not found")
	}
	if m.plain == text.plain && entitiesEqual(m.entities, text.entities) && sameJSON(m.ReplyMarkup, markup) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	if aerr := s.floodLocked(c, s.now()); aerr != nil {
		return nil, aerr
	}
	m.Text, m.ParseMode, m.plain, m.entities = text.raw, text.mode, text.plain, text.entities
	m.ReplyMarkup = markup
	if p.has("disable_web_page_preview") || p.has("link_preview_options") {
		m.DisableWebPagePreview = disablePreview(p)
	}
	m.Edited++
	s.st.stats.Edited++
	s.broadcastLocked()
	return s.messageJSONLocked(c, m), nil
}

func entitiesEqual(a, b []entityJSON) bool { return slices.Equal(a, b) }

// messageInput reads what sendMessage and editMessageText share: the chat,
// the text as Telegram would parse it, and the reply markup.
func (s *Server) messageInput(p params) (int64, parsedText, json.RawMessage, *apiError) {
	id, aerr := chatParam(p)
	if aerr != nil {
		return 0, parsedText{}, nil, aerr
	}
	text, aerr := s.parseText(p)
	if aerr != nil {
		return 0, parsedText{}, nil, aerr
	}
	markup, aerr := replyMarkup(p)
	if aerr != nil {
		return 0, parsedText{}, nil, aerr
	}
	return id, text, markup, nil
}

func (s *Server) deleteMessage(_ *http.Request, p params) (any, *apiError) {
	id, aerr := chatParam(p)
	if aerr != nil {
		return nil, aerr
	}
	msgID, _ := p.int("message_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(id)
	if aerr := s.failureLocked(c, false); aerr != nil {
		return nil, aerr
	}
	if deleted, ok := c.posts[msgID]; ok {
		return s.deletePostLocked(c, msgID, deleted)
	}
	m, ok := c.byID[msgID]
	if !ok || m.deleted {
		return nil, badRequest("message to delete not found")
	}
	m.deleted = true
	s.broadcastLocked()
	return true, nil
}

func (s *Server) answerCallbackQuery(_ *http.Request, p params) (any, *apiError) {
	id := p["callback_query_id"]
	if id == "" {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.answers = append(s.st.answers, id)
	s.st.answerTexts = append(s.st.answerTexts, p["text"])
	s.broadcastLocked()
	return true, nil
}

// Messages returns the accepted, undeleted messages to a chat in order,
// with their current text after edits.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.messagesLocked(chatID)
}

func (s *Server) messagesLocked(chatID int64) []Message {
	c, ok := s.st.chats[chatID]
	if !ok {
		return nil
	}
	out := make([]Message, 0, len(c.msgs))
	for _, m := range c.msgs {
		if !m.deleted {
			out = append(out, m.Message)
		}
	}
	return out
}

// AllMessages returns every accepted, undeleted message in acceptance order.
func (s *Server) AllMessages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.st.all))
	for _, m := range s.st.all {
		if !m.deleted {
			out = append(out, m.Message)
		}
	}
	return out
}

// Counts returns how many sendMessage calls each chat accepted (deletions
// and edits do not change it).
func (s *Server) Counts() map[int64]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int64]int, len(s.st.chats))
	for id, c := range s.st.chats {
		if c.accepted > 0 {
			out[id] = c.accepted
		}
	}
	return out
}

// CallbackAnswers returns the callback_query_ids answered, in order.
func (s *Server) CallbackAnswers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.st.answers...)
}

// CallbackAnswerTexts returns the text each answer showed the user ("" for
// none), in the order of CallbackAnswers.
func (s *Server) CallbackAnswerTexts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.st.answerTexts...)
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.stats
	st.ByMethod = make(map[string]int, len(s.st.stats.ByMethod))
	for k, v := range s.st.stats.ByMethod {
		st.ByMethod[k] = v
	}
	return st
}

// ErrClosed is returned by waits interrupted by Close.
var ErrClosed = errors.New("telegramtest: server closed")

// WaitMessages blocks until chatID holds at least n accepted messages and
// returns them, or returns what is there with ctx's error.
func (s *Server) WaitMessages(ctx context.Context, chatID int64, n int) ([]Message, error) {
	return s.wait(ctx, func() ([]Message, bool) {
		msgs := s.messagesLocked(chatID)
		return msgs, len(msgs) >= n
	}, fmt.Sprintf("wait for %d messages in chat %d", n, chatID))
}

// WaitSent blocks until the server accepted at least n sendMessage calls in
// all and returns every message.
func (s *Server) WaitSent(ctx context.Context, n int) ([]Message, error) {
	return s.wait(ctx, func() ([]Message, bool) {
		if s.st.stats.Sent < n {
			return nil, false
		}
		out := make([]Message, 0, len(s.st.all))
		for _, m := range s.st.all {
			if !m.deleted {
				out = append(out, m.Message)
			}
		}
		return out, true
	}, fmt.Sprintf("wait for %d sent messages", n))
}

// wait re-evaluates cond (under s.mu) on every state change.
func (s *Server) wait(ctx context.Context, cond func() ([]Message, bool), what string) ([]Message, error) {
	s.mu.Lock()
	for {
		msgs, ok := cond()
		if ok {
			s.mu.Unlock()
			return msgs, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return msgs, fmt.Errorf("%s: have %d: %w", what, len(msgs), ctx.Err())
		case <-s.closed:
			return msgs, fmt.Errorf("%s: %w", what, ErrClosed)
		}
		s.mu.Lock()
	}
}
