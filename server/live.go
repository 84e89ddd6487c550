package server

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

// liveGuard runs before the upgrade: only an authenticated user (the /api
// group's requireUser ran already), from an allowed origin, on an article
// that exists, gets a socket. Refusals are plain HTTP errors.
func (s *Server) liveGuard(c *fiber.Ctx) error {
	if !websocket.IsWebSocketUpgrade(c) {
		return fiber.ErrUpgradeRequired
	}
	if origin := c.Get(fiber.HeaderOrigin); origin != "" && !s.originAllowed(c, origin) {
		return model.Errorf(model.EFORBIDDEN, "origin %s may not open live sockets (see --allow-origin)", origin)
	}
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	if _, err := s.svc.ArticleProject(actor(c), id, model.PermView); err != nil {
		return err
	}
	c.Locals("article", id)
	return c.Next()
}

// originAllowed accepts the server's own origin and the configured list.
// A request without Origin is a script, not a browser, and is let through
// by the caller: it carries its own credentials.
func (s *Server) originAllowed(c *fiber.Ctx, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	if strings.EqualFold(u.Host, c.Hostname()) && (u.Scheme == "http" || u.Scheme == "https") {
		return true
	}
	return slices.ContainsFunc(s.cfg.AllowOrigins, func(o string) bool {
		return strings.EqualFold(strings.TrimRight(o, "/"), origin)
	})
}

func (s *Server) liveSocket() fiber.Handler {
	return websocket.New(func(conn *websocket.Conn) {
		article, _ := conn.Locals("article").(uint64)
		a, _ := conn.Locals("actor").(service.Actor)
		s.hub.Serve(conn.Conn, article, a)
	}, websocket.Config{
		// The guard has checked the origin already, with the allow-list.
		Origins: []string{"*"},
	})
}
