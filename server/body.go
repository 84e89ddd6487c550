package server

import (
	"io"
	"strings"

	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// limitBody reads the request body, at most limit bytes (0: the route's
// own limit, see routeLimit), and refuses a larger one (413) before
// reading it when its Content-Length says so, or once limit bytes have
// come. The server streams request bodies (StreamRequestBody), so nothing
// is read before this runs: it is placed after authentication.
func (s *Server) limitBody(limit int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		limit := limit
		if limit == 0 {
			limit = s.routeLimit(c)
		}
		req := c.Request()
		if n := req.Header.ContentLength(); n > limit {
			return tooLarge(limit)
		}
		if stream := c.Context().RequestBodyStream(); stream != nil {
			body, err := io.ReadAll(io.LimitReader(stream, int64(limit)+1))
			if err != nil {
				return model.Errorf(model.EINVALID, "the request body could not be read: %v", err)
			}
			if len(body) > limit {
				return tooLarge(limit)
			}
			req.SetBodyRaw(body)
		} else if len(req.Body()) > limit {
			return tooLarge(limit)
		}
		return c.Next()
	}
}

// routeLimit is the body limit of an API request: the routes that take
// articles (a text of up to 16 MiB, a file to import) get BodyLimit,
// every other JSONLimit.
func (s *Server) routeLimit(c *fiber.Ctx) int {
	path := strings.TrimSuffix(c.Path(), "/")
	if c.Method() == fiber.MethodPost && (path == "/api/articles" || path == "/api/import") {
		return s.cfg.BodyLimit
	}
	return s.cfg.JSONLimit
}

func tooLarge(limit int) error {
	return model.Errorf(model.ETOOLARGE, "the request body is larger than this route takes (%d bytes)", limit)
}
