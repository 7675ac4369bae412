package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// apiError is a Telegram error envelope waiting to be written.
type apiError struct {
	code        int
	description string
	retryAfter  int
	migrateTo   int64
	// badGateway writes an HTML page instead of JSON, as a proxy would.
	badGateway bool
	// hold blocks the request until the client gives up.
	hold bool
}

func (e *apiError) Error() string { return e.description }

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: 400, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

type envelope struct {
	Ok          bool            `json:"ok"`
	Result      any             `json:"result,omitempty"`
	ErrorCode   int             `json:"error_code,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  *respParameters `json:"parameters,omitempty"`
}

type respParameters struct {
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
	RetryAfter      int   `json:"retry_after,omitempty"`
}

// params are a request's parameters, whatever encoding they came in;
// JSON values that are not strings keep their JSON text, as tgbotapi sends
// nested objects (reply_markup, commands) as JSON strings anyway.
type params map[string]string

func (p params) has(k string) bool { _, ok := p[k]; return ok }

func (p params) int(k string) (int, bool) {
	v, ok := p[k]
	if !ok || v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

func (p params) int64(k string) (int64, bool) {
	v, ok := p[k]
	if !ok || v == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return n, err == nil
}

func (p params) bool(k string) bool {
	b, _ := strconv.ParseBool(strings.TrimSpace(p[k]))
	return b
}

// maxBody bounds a request body; Telegram's own limit for text methods is
// far below this.
const maxBody = 10 << 20

func readParams(r *http.Request) (params, error) {
	p := params{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			p[k] = v[0]
		}
	}
	if r.Method != http.MethodPost {
		return p, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var raw map[string]json.RawMessage
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return nil, fmt.Errorf("read body: %w", err)
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			return p, nil
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, fmt.Errorf("decode json: %w", err)
		}
		for k, v := range raw {
			var str string
			if json.Unmarshal(v, &str) == nil {
				p[k] = str
				continue
			}
			if string(v) == "null" {
				continue
			}
			p[k] = string(v)
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxBody); err != nil {
			return nil, fmt.Errorf("parse multipart: %w", err)
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	default:
		r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("parse form: %w", err)
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	}
	return p, nil
}

// methodFunc serves one Bot API method.
type methodFunc func(s *Server, r *http.Request, p params) (any, *apiError)

// methods maps lower-cased method names (Telegram matches them
// case-insensitively) to their canonical name and handler.
var methods = map[string]struct {
	name string
	fn   methodFunc
}{}

func init() {
	for name, fn := range map[string]methodFunc{
		"getMe":                 (*Server).getMe,
		"getUpdates":            (*Server).getUpdates,
		"sendMessage":           (*Server).sendMessage,
		"editMessageText":       (*Server).editMessageText,
		"deleteMessage":         (*Server).deleteMessage,
		"answerCallbackQuery":   (*Server).answerCallbackQuery,
		"setMyCommands":         (*Server).setMyCommands,
		"getMyCommands":         (*Server).getMyCommands,
		"deleteMyCommands":      (*Server).deleteMyCommands,
		"getChat":               (*Server).getChat,
		"getChatMember":         (*Server).getChatMember,
		"getChatAdministrators": (*Server).getChatAdministrators,
		"setWebhook":            (*Server).setWebhook,
		"deleteWebhook":         (*Server).deleteWebhook,
		"getWebhookInfo":        (*Server).getWebhookInfo,
		"logOut":                func(*Server, *http.Request, params) (any, *apiError) { return true, nil },
		"close":                 func(*Server, *http.Request, params) (any, *apiError) { return true, nil },
	} {
		methods[strings.ToLower(name)] = struct {
			name string
			fn   methodFunc
		}{name, fn}
	}
}

func (s *Server) serveBotAPI(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeJSON(w, http.StatusNotFound, envelope{ErrorCode: 404, Description: "Not Found"})
		return
	}
	m, known := methods[strings.ToLower(method)]
	name := method
	if known {
		name = m.name
	}
	s.mu.Lock()
	s.st.stats.Requests++
	s.st.stats.ByMethod[name]++
	s.mu.Unlock()

	var result any
	var aerr *apiError
	switch {
	case token != s.opts.Token:
		aerr = &apiError{code: 401, description: "Unauthorized"}
	case !known:
		aerr = &apiError{code: 404, description: "Not Found"}
	default:
		p, err := readParams(r)
		if err != nil {
			aerr = badRequest("invalid request: %v", err)
			break
		}
		result, aerr = m.fn(s, r, p)
	}
	if aerr == nil {
		writeJSON(w, http.StatusOK, envelope{Ok: true, Result: result})
		return
	}
	s.mu.Lock()
	if aerr.code == http.StatusTooManyRequests {
		s.st.stats.Rejected429++
	} else {
		s.st.stats.RejectedOther++
	}
	s.mu.Unlock()
	s.writeError(w, r, aerr)
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	switch {
	case e.hold:
		select {
		case <-r.Context().Done():
		case <-s.closed:
		}
		// The client is gone; answer anyway in case it was a server close.
		writeJSON(w, http.StatusGatewayTimeout, envelope{ErrorCode: 504, Description: "Gateway Timeout"})
		return
	case e.badGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, badGatewayPage)
		return
	}
	env := envelope{ErrorCode: e.code, Description: e.description}
	if e.retryAfter > 0 || e.migrateTo != 0 {
		env.Parameters = &respParameters{RetryAfter: e.retryAfter, MigrateToChatID: e.migrateTo}
	}
	writeJSON(w, e.code, env)
}

const badGatewayPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`
