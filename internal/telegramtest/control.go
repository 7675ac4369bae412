package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// serveControl serves the test-control endpoints used by out-of-process
// harnesses (cmd/fakebotapi):
//
//	GET  /control/stats                       Stats
//	GET  /control/messages[?chat_id=N][&since=I&limit=L]  []Message (since/limit page AllMessages)
//	GET  /control/counts                      {"<chat_id>": accepted sends}
//	GET  /control/commands                    []BotCommand
//	POST /control/failure   chat_id, kind, n  SetFailure (n absent or 0) or FailNext
//	POST /control/migrate   old_id, new_id    SetMigrateTarget
//	POST /control/retry_after seconds         SetRetryAfter
//	POST /control/chat      chat_id, type, title  AddChat
//	POST /control/update    chat_id, user_id, text  UserMessage → {"update_id": N}
//	POST /control/reset                       Reset
//
// POST parameters may be form values, a query string or a JSON object.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	what := strings.TrimPrefix(r.URL.Path, "/control/")
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	if !get && r.Method != http.MethodPost {
		controlError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	p, err := readParams(r)
	if err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	switch {
	case what == "stats" && get:
		writeJSON(w, http.StatusOK, s.Stats())
	case what == "messages" && get:
		s.controlMessages(w, p)
	case what == "counts" && get:
		counts := s.Counts()
		out := make(map[string]int, len(counts))
		for id, n := range counts {
			out[strconv.FormatInt(id, 10)] = n
		}
		writeJSON(w, http.StatusOK, out)
	case what == "commands" && get:
		writeJSON(w, http.StatusOK, s.Commands())
	case what == "failure" && !get:
		id, ok := p.int64("chat_id")
		f, err := ParseFailure(p["kind"])
		if !ok || err != nil {
			controlError(w, http.StatusBadRequest, "need chat_id and kind (none, blocked, deactivated, kicked, chat_not_found, migrated, too_many_requests, server_error, bad_gateway, timeout)")
			return
		}
		if n, _ := p.int("n"); n > 0 {
			s.FailNext(id, f, n)
		} else {
			s.SetFailure(id, f)
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case what == "migrate" && !get:
		oldID, ok1 := p.int64("old_id")
		newID, ok2 := p.int64("new_id")
		if !ok1 || !ok2 {
			controlError(w, http.StatusBadRequest, "need old_id and new_id")
			return
		}
		s.SetMigrateTarget(oldID, newID)
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case what == "retry_after" && !get:
		n, ok := p.int("seconds")
		if !ok {
			controlError(w, http.StatusBadRequest, "need seconds")
			return
		}
		s.SetRetryAfter(n)
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case what == "chat" && !get:
		id, ok := p.int64("chat_id")
		if !ok {
			controlError(w, http.StatusBadRequest, "need chat_id")
			return
		}
		s.AddChat(id, p["type"], p["title"])
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case what == "update" && !get:
		chatID, ok1 := p.int64("chat_id")
		userID, ok2 := p.int64("user_id")
		if !ok1 || !ok2 || p["text"] == "" {
			controlError(w, http.StatusBadRequest, "need chat_id, user_id and text")
			return
		}
		writeJSON(w, http.StatusOK, map[string]int{"update_id": s.UserMessage(chatID, userID, p["text"])})
	case what == "reset" && !get:
		s.Reset()
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	default:
		controlError(w, http.StatusNotFound, "unknown control endpoint "+r.Method+" "+r.URL.Path)
	}
}

func controlError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// controlMessages streams messages; copying is done under the lock, the
// encoding outside it, so a 100k-message dump does not stall the API.
func (s *Server) controlMessages(w http.ResponseWriter, p params) {
	var msgs []Message
	if id, ok := p.int64("chat_id"); ok {
		msgs = s.Messages(id)
	} else {
		since, _ := p.int("since")
		limit, _ := p.int("limit")
		s.mu.Lock()
		since = min(max(since, 0), len(s.st.all))
		end := len(s.st.all)
		if limit > 0 {
			end = min(end, since+limit)
		}
		msgs = make([]Message, 0, end-since)
		for _, m := range s.st.all[since:end] {
			if !m.deleted {
				msgs = append(msgs, m.Message)
			}
		}
		s.mu.Unlock()
	}
	if msgs == nil {
		msgs = []Message{}
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	_ = enc.Encode(msgs)
}
