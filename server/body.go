package server

import (
	"io"

	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// limitBody reads the request body, at most limit bytes, and refuses a
// larger one (413) before reading it when its Content-Length says so, or
// once limit bytes have come. The server streams request bodies
// (StreamRequestBody), so nothing is read before this runs: it is placed
// after authentication. A route that already has its body (an earlier
// limitBody on the way) passes through.
func (s *Server) limitBody(limit int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Locals("body-read") != nil {
			return c.Next()
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
		c.Locals("body-read", true)
		return c.Next()
	}
}

func tooLarge(limit int) error {
	return model.Errorf(model.ETOOLARGE, "the request body is larger than this route takes (%d bytes)", limit)
}
