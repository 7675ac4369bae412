package telegramtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// menuKey names one command menu: its scope (0 for the default scope, else
// the chat of a "chat" scope) and its language_code ("" for every language
// without a menu of its own).
type menuKey struct {
	chat int64
	lang string
}

// menuOf reads scope and language_code as setMyCommands, getMyCommands and
// deleteMyCommands take them. Scopes other than default and chat are
// refused: the bot registers no other.
func (s *Server) menuOf(p params) (menuKey, *apiError) {
	k := menuKey{lang: p["language_code"]}
	if raw := strings.TrimSpace(p["scope"]); raw != "" && raw != "null" {
		var scope struct {
			Type   string `json:"type"`
			ChatID int64  `json:"chat_id"`
		}
		if err := json.Unmarshal([]byte(raw), &scope); err != nil {
			return k, badRequest("can't parse BotCommandScope JSON object")
		}
		switch scope.Type {
		case "default":
		case "chat":
			if scope.ChatID == 0 {
				return k, badRequest("chat not found")
			}
			k.chat = scope.ChatID
		default:
			return k, badRequest("unsupported scope %q", scope.Type)
		}
	}
	if k.lang != "" && (len(k.lang) != 2 || strings.ToLower(k.lang) != k.lang) {
		return k, badRequest("invalid language code specified")
	}
	return k, nil
}

// chatMenuLocked checks that a chat scope names a chat Telegram knows: a
// user who never started the bot has no private chat with it.
func (s *Server) chatMenuLocked(k menuKey) *apiError {
	if k.chat == 0 {
		return nil
	}
	if f := s.chatLocked(k.chat).failure; f == FailChatNotFound || f == FailNotStarted {
		return badRequest("chat not found")
	}
	return nil
}

func (s *Server) setMyCommands(_ *http.Request, p params) (any, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	for _, c := range cmds {
		if c.Command == "" || len(c.Command) > 32 || c.Command != strings.ToLower(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if c.Description == "" || len([]rune(c.Description)) > 256 {
			return nil, badRequest("command description is empty or too long")
		}
	}
	return s.editMenu(p, func(k menuKey) { s.st.menus[k] = cmds })
}

func (s *Server) getMyCommands(_ *http.Request, p params) (any, *apiError) {
	k, aerr := s.menuOf(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]BotCommand{}, s.st.menus[k]...), nil
}

func (s *Server) deleteMyCommands(_ *http.Request, p params) (any, *apiError) {
	return s.editMenu(p, func(k menuKey) { delete(s.st.menus, k) })
}

// editMenu applies edit, under the lock, to the menu p names.
func (s *Server) editMenu(p params, edit func(k menuKey)) (any, *apiError) {
	k, aerr := s.menuOf(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.chatMenuLocked(k); aerr != nil {
		return nil, aerr
	}
	edit(k)
	return true, nil
}

// Commands returns the default menu: the default scope, for every
// language without a menu of its own.
func (s *Server) Commands() []BotCommand { return s.Menu(0, "") }

// Menu returns the menu a user whose app speaks lang sees in the private
// chat chatID (0: anywhere), chosen as Telegram does: the chat's scope in
// lang, the chat's scope, the default scope in lang, the default scope.
func (s *Server) Menu(chatID int64, lang string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range []menuKey{{chatID, lang}, {chatID, ""}, {0, lang}, {0, ""}} {
		if cmds, ok := s.st.menus[k]; ok && (k.chat == chatID || k.chat == 0) {
			return append([]BotCommand{}, cmds...)
		}
	}
	return nil
}
