package model

import (
	"errors"
	"fmt"
	"syscall"
)

// Error codes. Each maps to one HTTP status in the server's error handler.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOLARGE     = "too_large"
	ETOOMANY      = "too_many_requests"
	EUNAVAILABLE  = "unavailable"
	ENOSPACE      = "no_space" // the disk (or the user's quota) is full: nothing was saved
	EINTERNAL     = "internal"
)

// Error is an error meant for the person on the other side: Message is
// shown to them as is. Anything that is not an *Error is internal.
type Error struct {
	Code    string
	Message string
	// Current is the annotation as it stands, on a conflict over it (a
	// conditional change that came too late), so the client can show it.
	Current *Annotation
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if full(err) {
		return ENOSPACE
	}
	return EINTERNAL
}

// full reports whether err says the disk or the quota is full.
func full(err error) bool { return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) }

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message for internal errors, whose details stay in the logs.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if full(err) {
		return "the disk is full; nothing was saved (free space on the server and try again)"
	}
	return "internal error"
}
