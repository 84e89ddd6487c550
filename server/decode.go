package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads the request body into v strictly: one JSON value, no
// unknown fields, valid UTF-8. The message says where it went wrong.
func decodeJSON(c *fiber.Ctx, v any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return invalid("the request body is empty; send a JSON object")
	}
	if !utf8.Valid(body) {
		return invalid("the request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return invalid("malformed JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te):
			return invalid("field %q must be %s, not %s", te.Field, te.Type, te.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return invalid("malformed JSON: the body ends early")
		default:
			return invalid("malformed JSON: %v", err)
		}
	}
	if dec.More() {
		return invalid("malformed JSON: more than one value in the body")
	}
	return nil
}

// idParam parses a numeric id from the route. An id of any other shape
// names nothing, so it is a 404, not a 400.
func idParam(c *fiber.Ctx, name, what string) (uint64, error) {
	raw := c.Params(name)
	id, err := strconv.ParseUint(raw, 10, 64)
	if err != nil || id == 0 {
		return 0, notFound("%s %q not found", what, raw)
	}
	return id, nil
}

func intQuery(c *fiber.Ctx, name string, def, lo, hi int) (int, error) {
	raw := c.Query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, invalid("query parameter %s must be a whole number from %d to %d", name, lo, hi)
	}
	return n, nil
}
