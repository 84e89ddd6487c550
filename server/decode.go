package server

import (
	"strconv"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads the request body into v strictly: one JSON value, no
// unknown fields, valid UTF-8 (service.DecodeJSON, the decoder of every
// door).
func decodeJSON(c *fiber.Ctx, v any) error { return service.DecodeJSON(c.Body(), v) }

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
