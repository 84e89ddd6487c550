package server

import (
	"errors"
	"net/http"

	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// statusOf maps error codes to HTTP statuses: the one table every handler's
// errors pass through.
var statusOf = map[string]int{
	model.EINVALID:      http.StatusBadRequest,
	model.ENOTFOUND:     http.StatusNotFound,
	model.ECONFLICT:     http.StatusConflict,
	model.EUNAUTHORIZED: http.StatusUnauthorized,
	model.EFORBIDDEN:    http.StatusForbidden,
	model.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	model.ETOOMANY:      http.StatusTooManyRequests,
	model.EUNAVAILABLE:  http.StatusServiceUnavailable,
	model.ENOSPACE:      http.StatusInsufficientStorage,
	model.EINTERNAL:     http.StatusInternalServerError,
}

// errorHandler writes every error as {"error": "..."} with its status and
// logs the internal ones, whose details never reach the client.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	status, msg := http.StatusInternalServerError, "internal error"
	var me *model.Error
	if errors.As(err, &me) && me.Current != nil {
		// A conditional change came too late: show what is there now.
		return c.Status(statusOf[me.Code]).JSON(fiber.Map{"error": me.Message, "annotation": me.Current})
	}
	var fe *fiber.Error
	switch {
	case errors.As(err, &fe):
		status, msg = fe.Code, fe.Message
		if status == http.StatusRequestEntityTooLarge {
			msg = "request body too large"
		}
	default:
		code := model.ErrorCode(err)
		status, msg = statusOf[code], model.ErrorMessage(err)
	}
	if status >= 500 {
		s.log.Error("request failed", "id", c.Locals("request_id"), "method", c.Method(), "path", c.Path(), "err", err)
	}
	return c.Status(status).JSON(fiber.Map{"error": msg})
}

func invalid(format string, args ...any) error { return model.Errorf(model.EINVALID, format, args...) }

func notFound(format string, args ...any) error {
	return model.Errorf(model.ENOTFOUND, format, args...)
}
