package telegramtest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
)

// ChannelPost queues a post published in channel chatID, as Telegram
// delivers it to a bot that is an admin there (a channel_post update, the
// channel as sender_chat, no from), and returns its update_id. The post
// stays in the channel until deleted.
func (s *Server) ChannelPost(chatID int64, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	c.typ = "channel"
	msgID := c.nextMsgID
	c.nextMsgID++
	c.posts[msgID] = false
	cj := c.json()
	m := &messageJSON{MessageID: msgID, SenderChat: &cj, Chat: cj, Date: s.now().Unix(), Text: text,
		Entities: commandEntities(text)}
	return s.enqueueLocked(func(id int) json.RawMessage {
		return mustJSON(updateJSON{UpdateID: id, ChannelPost: m})
	})
}

// ForwardedPost queues userID forwarding post postID of channel channelID
// into chat (their private chat with the bot) and returns its update_id.
// The message carries forward_origin, as Bot API 7.0 and later send it,
// or with legacy forward_from_chat and forward_from_message_id only, as
// older servers did.
func (s *Server) ForwardedPost(chat, userID, channelID int64, postID int, text string, legacy bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chat)
	ch := s.chatLocked(channelID)
	ch.typ = "channel"
	msgID := c.nextMsgID
	c.nextMsgID++
	from := s.userLocked(userID)
	now := s.now().Unix()
	m := &messageJSON{MessageID: msgID, From: &from, Chat: c.json(), Date: now, Text: text}
	if legacy {
		cj := ch.json()
		m.ForwardFromChat, m.ForwardFromMessageID, m.ForwardDate = &cj, postID, now
	} else {
		m.ForwardOrigin = &originJSON{Type: "channel", Date: now, Chat: ch.json(), MessageID: postID}
	}
	return s.enqueueLocked(func(id int) json.RawMessage {
		return mustJSON(updateJSON{UpdateID: id, Message: m})
	})
}

// deletePostLocked deletes a post of chat c that the bot did not write:
// in a channel, group or supergroup the bot must be an admin there.
func (s *Server) deletePostLocked(c *chat, msgID int, deleted bool) (any, *apiError) {
	if deleted {
		return nil, badRequest("message to delete not found")
	}
	if !c.isPrivate() && s.st.members[[2]int64{c.id, s.bot.ID}] != "administrator" {
		return nil, badRequest("message can't be deleted")
	}
	c.posts[msgID] = true
	s.broadcastLocked()
	return true, nil
}

// PostDeleted reports whether the bot deleted post msgID of chatID (one a
// user or a channel wrote).
func (s *Server) PostDeleted(chatID int64, msgID int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.chats[chatID]
	return ok && c.posts[msgID]
}

// getChatAdministrators lists the chat's creator and administrators, as
// SetChatMemberStatus made them.
func (s *Server) getChatAdministrators(_ *http.Request, p params) (any, *apiError) {
	id, aerr := chatParam(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.persistentFailureLocked(s.chatLocked(id)); aerr != nil {
		return nil, aerr
	}
	out := []chatMemberJSON{}
	for k, status := range s.st.members {
		if k[0] != id || (status != "creator" && status != "administrator") {
			continue
		}
		u := s.userLocked(k[1])
		if k[1] == s.bot.ID {
			u = s.bot
		}
		out = append(out, chatMemberJSON{User: u, Status: status})
	}
	slices.SortFunc(out, func(a, b chatMemberJSON) int { return cmp.Compare(a.User.ID, b.User.ID) })
	return out, nil
}
