package telegramtest

import "fmt"

// SetFailure makes every request about chatID fail with f until it is set
// to FailNone. Meant for the persistent kinds (blocked, deactivated, kicked,
// chat not found, migrated) but any kind works.
func (s *Server) SetFailure(chatID int64, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatLocked(chatID).failure = f
}

// FailNext makes the next n sendMessage calls to chatID fail with f; calls
// add up in order.
func (s *Server) FailNext(chatID int64, f Failure, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	for range n {
		c.failNext = append(c.failNext, f)
	}
}

// SetMigrateTarget makes oldID answer FailMigrated with migrate_to_chat_id
// newID, and registers newID as a supergroup.
func (s *Server) SetMigrateTarget(oldID, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.migrate[oldID] = newID
	s.chatLocked(oldID).failure = FailMigrated
	nc := s.chatLocked(newID)
	nc.typ = "supergroup"
}

// SetRetryAfter sets retry_after in 429s from FailTooManyRequests (default 1).
func (s *Server) SetRetryAfter(seconds int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.retryAfter = max(seconds, 1)
}

// failureLocked returns the error chat c answers now, if any; queued
// failures are consumed only by sends.
func (s *Server) failureLocked(c *chat, send bool) *apiError {
	if aerr := s.persistentFailureLocked(c); aerr != nil {
		return aerr
	}
	if !send || len(c.failNext) == 0 {
		return nil
	}
	f := c.failNext[0]
	c.failNext = c.failNext[1:]
	s.broadcastLocked()
	return s.failureError(c, f)
}

func (s *Server) persistentFailureLocked(c *chat) *apiError {
	if c.failure == FailNone {
		return nil
	}
	return s.failureError(c, c.failure)
}

func (s *Server) failureError(c *chat, f Failure) *apiError {
	switch f {
	case FailBlocked:
		return &apiError{code: 403, description: "Forbidden: bot was blocked by the user"}
	case FailDeactivated:
		return &apiError{code: 403, description: "Forbidden: user is deactivated"}
	case FailKicked:
		// Telegram says "supergroup chat" for supergroups; the one
		// wording keeps classifiers honest about matching on the code.
		return &apiError{code: 403, description: "Forbidden: bot was kicked from the group chat"}
	case FailChatNotFound:
		return badRequest("chat not found")
	case FailNotStarted:
		return &apiError{code: 403, description: "Forbidden: bot can't initiate conversation with a user"}
	case FailMigrated:
		to, ok := s.st.migrate[c.id]
		if !ok {
			to = supergroupID(c.id)
		}
		return &apiError{code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: to}
	case FailTooManyRequests:
		n := s.st.retryAfter
		return &apiError{code: 429, description: fmt.Sprintf("Too Many Requests: retry after %d", n), retryAfter: n}
	case FailServerError:
		return &apiError{code: 500, description: "Internal Server Error"}
	case FailBadGateway:
		return &apiError{code: 502, badGateway: true}
	case FailTimeout:
		return &apiError{code: 504, hold: true}
	}
	return nil
}

// supergroupID is the -100… id a basic group gets when upgraded.
func supergroupID(id int64) int64 {
	if id < 0 {
		id = -id
	}
	return -(1_000_000_000_000 + id%1_000_000_000_000)
}
