package server

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// requestIDs a client may choose (a proxy's, to follow one request
// through both logs); anything else is replaced by one of ours.
var requestIDs = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// observe gives every request an id (X-Request-Id, echoed), answers its
// error here, so that the status is known, and then counts it, times it
// and logs it: one structured line per request.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	id := c.Get(fiber.HeaderXRequestID)
	if !requestIDs.MatchString(id) {
		b := make([]byte, 8)
		rand.Read(b)
		id = hex.EncodeToString(b)
	}
	c.Locals("request_id", id)
	c.Set(fiber.HeaderXRequestID, id)
	if err := c.Next(); err != nil {
		if herr := s.errorHandler(c, err); herr != nil {
			c.Status(fiber.StatusInternalServerError)
		}
	}
	d := time.Since(start)
	route := c.Route().Path
	if route == "/" && c.Path() != "/" {
		route = "other" // served by the static files or unknown: not one label per path
	}
	status := c.Response().StatusCode()
	// Fiber's strings point into the request's buffer, which the next
	// request reuses: a label kept by the registry must be a copy.
	method := strings.Clone(c.Method())
	s.m.Observe(route, method, status, d)
	level := s.log.Info
	if status >= 500 {
		level = s.log.Error
	}
	level("request", "id", id, "method", c.Method(), "path", c.Path(), "route", route, "status", status,
		"ms", float64(d.Microseconds())/1000, "user", actor(c).Name, "ip", c.IP())
	return nil
}

// requireAdmin lets only admins through: /metrics, which is outside the
// /api group, authenticates here.
func (s *Server) requireAdmin(c *fiber.Ctx) error {
	a, err := s.authenticate(c)
	if err != nil {
		return err
	}
	if a.Role != model.RoleAdmin {
		return model.Errorf(model.EFORBIDDEN, "only an admin may read the metrics")
	}
	c.Locals("actor", a)
	return c.Next()
}
