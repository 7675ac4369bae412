// Package briefbot is the domain of the briefbot daemon: the things it reads
// (feeds, posts, the quoted items inside them), the things it makes (stories and
// their briefs), the people it serves (chats and their subscriptions) and the
// ledger of what it sent (deliveries). Adapters in sub-packages implement the
// service interfaces declared here; this package imports only the standard
// library so that every adapter can depend on it and on nothing else.
package briefbot

import (
	"errors"
	"fmt"
)

// Error codes shown to users or used to pick a reply. They are deliberately
// few: a handler maps a code to a message, not an error chain.
const (
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	ERATELIMIT    = "rate_limited"
	EUNAUTHORIZED = "unauthorized"
	// EUNAVAILABLE is a service that is briefly unavailable (the search
	// index rebuilding after an upgrade); the message says when to retry.
	EUNAVAILABLE = "unavailable"
)

// Error is an error meant to be shown to a user: Code selects the handling,
// Message is safe to print in a chat. Wrap lower-level causes elsewhere; an
// Error carries no cause so that nothing internal leaks into a reply.
//
// Message is English. Key, when set, names the same message in the bot's
// catalogue and Args fill its placeholders (name, value pairs), so that a
// chat reads it in its own language; the domain itself knows no catalogue.
type Error struct {
	Code    string
	Message string
	Key     string
	Args    []any
}

// With returns e with its catalogue key and placeholder values (name,
// value pairs).
func (e *Error) With(key string, args ...any) *Error {
	e.Key, e.Args = key, args
	return e
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("briefbot error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic message that reveals nothing about other errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
