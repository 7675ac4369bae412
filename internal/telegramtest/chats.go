package telegramtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// chat is the server's view of one chat; guarded by Server.mu.
type chat struct {
	id        int64
	typ       string
	title     string
	username  string // public @name of a channel or group, without the @
	nextMsgID int
	msgs      []*stored
	byID      map[int]*stored
	accepted  int
	// posts are the messages users and channels wrote here, by id: true
	// once deleted. The bot may delete them, as an admin of the chat.
	posts map[int]bool

	failure  Failure   // persistent
	failNext []Failure // consumed one per send

	// private chats: token bucket
	tokens   float64
	tokensAt time.Time
	// groups and channels: accept times in the last minute
	window []time.Time
}

// stored is an accepted message with what Telegram derived from it.
type stored struct {
	Message
	plain    string
	entities []entityJSON
	deleted  bool
}

func (c *chat) json() chatJSON {
	cj := chatJSON{ID: c.id, Type: c.typ}
	if c.typ == "private" {
		cj.FirstName = c.title
		cj.Username = fmt.Sprintf("user%d", c.id)
	} else {
		cj.Title, cj.Username = c.title, c.username
	}
	return cj
}

func (c *chat) isPrivate() bool { return c.typ == "private" }

// AddChat registers a chat. Unknown chats are created on first use: private
// when id > 0, supergroup when id < 0.
func (s *Server) AddChat(id int64, typ, title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(id)
	if typ != "" {
		c.typ = typ
	}
	if title != "" {
		c.title = title
	}
}

// chatLocked returns the chat, creating it as Telegram ids imply.
func (s *Server) chatLocked(id int64) *chat {
	if c, ok := s.st.chats[id]; ok {
		return c
	}
	c := &chat{id: id, byID: make(map[int]*stored), posts: make(map[int]bool), nextMsgID: 1}
	if id > 0 {
		c.typ, c.title = "private", fmt.Sprintf("User%d", id)
	} else {
		c.typ, c.title = "supergroup", fmt.Sprintf("Group %d", -id)
	}
	s.st.chats[id] = c
	return c
}

// userLocked is the user id as Telegram shows it, with the language the
// test gave them.
func (s *Server) userLocked(id int64) user {
	return user{ID: id, FirstName: fmt.Sprintf("User%d", id), Username: fmt.Sprintf("user%d", id),
		LanguageCode: s.st.languages[id]}
}

// SetUserLanguage gives userID the language_code their updates carry (the
// language of their Telegram app: "ja", "ru", "en-GB"); "" removes it.
func (s *Server) SetUserLanguage(userID int64, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.languages[userID] = code
}

// SetChatMemberStatus sets getChatMember's answer for userID in chatID:
// creator, administrator, member, restricted, left or kicked.
func (s *Server) SetChatMemberStatus(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.members[[2]int64{chatID, userID}] = status
}

// SetChatUsername gives a channel or group the public username that
// getChat resolves "@username" to (without the @; "" removes it).
func (s *Server) SetChatUsername(id int64, username string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatLocked(id).username = strings.TrimPrefix(username, "@")
}

// chatByUsernameLocked finds the public chat named "@name", ignoring case as
// Telegram does.
func (s *Server) chatByUsernameLocked(name string) (int64, *apiError) {
	name = strings.TrimPrefix(name, "@")
	for id, c := range s.st.chats {
		if c.username != "" && !c.isPrivate() && strings.EqualFold(c.username, name) {
			return id, nil
		}
	}
	return 0, badRequest("chat not found")
}

// chatParam resolves chat_id; Telegram answers "chat not found" for ids it
// cannot resolve, including @usernames it does not know.
func chatParam(p params) (int64, *apiError) {
	v, ok := p["chat_id"]
	if !ok || v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	return id, nil
}

func (s *Server) getChat(_ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var id int64
	var aerr *apiError
	if strings.HasPrefix(p["chat_id"], "@") {
		id, aerr = s.chatByUsernameLocked(p["chat_id"])
	} else {
		id, aerr = chatParam(p)
	}
	if aerr != nil {
		return nil, aerr
	}
	c := s.chatLocked(id)
	if aerr := s.persistentFailureLocked(c); aerr != nil && aerr.code != 403 {
		return nil, aerr
	}
	return c.json(), nil
}

func (s *Server) getChatMember(_ *http.Request, p params) (any, *apiError) {
	id, aerr := chatParam(p)
	if aerr != nil {
		return nil, aerr
	}
	uid, ok := p.int64("user_id")
	if !ok {
		return nil, badRequest("invalid user_id specified")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(id)
	if aerr := s.persistentFailureLocked(c); aerr != nil {
		return nil, aerr
	}
	status, ok := s.st.members[[2]int64{id, uid}]
	if !ok {
		status = "member"
	}
	u := s.userLocked(uid)
	if uid == s.bot.ID {
		u = s.bot
	}
	return chatMemberJSON{User: u, Status: status}, nil
}
