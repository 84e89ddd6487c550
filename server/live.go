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
	_, layer, err := s.svc.ArticleLayer(actor(c), id, c.Query("layer"), model.PermView)
	if err != nil {
		return err
	}
	if s.hub.Full(actor(c).Name) {
		return model.Errorf(model.ETOOMANY, "%s has too many live sockets open: close some tabs (or raise the bound)", actor(c).Name)
	}
	c.Locals("article", id)
	c.Locals("layer", strings.Clone(layer))
	return c.Next()
}

// originAllowed accepts the server's own origin (scheme and host, as the
// request reached it through trusted proxies, or the public URL's) and
// the configured list.
func (s *Server) originAllowed(c *fiber.Ctx, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	if u.Scheme == c.Protocol() && strings.EqualFold(u.Host, c.Hostname()) {
		return true
	}
	if s.cfg.PublicURL != "" && strings.EqualFold(origin, originOf(s.cfg.PublicURL)) {
		return true
	}
	return slices.ContainsFunc(s.cfg.AllowOrigins, func(o string) bool {
		return strings.EqualFold(strings.TrimRight(o, "/"), origin)
	})
}

// originOf is scheme://host[:port] of a URL.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// sameOrigin refuses requests that change something and come from a page
// of another origin. SameSite=Lax sends the session cookie along with
// requests from any page of the same site (another port of the host, a
// sibling subdomain), so the cookie alone does not prove that the editor
// sent them: browsers name the page's origin in Origin on every POST,
// PUT, PATCH and DELETE (fetch, no-cors fetch and form posts alike), and
// say in Sec-Fetch-Site where a request without one came from. A request
// with neither is not from a browser page: scripts carry their own
// credentials.
func (s *Server) sameOrigin(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if origin := c.Get(fiber.HeaderOrigin); origin != "" {
		if !s.originAllowed(c, origin) {
			return model.Errorf(model.EFORBIDDEN, "a request from %s may not change anything here (cross-origin)", origin)
		}
		return c.Next()
	}
	switch c.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return c.Next()
	}
	return model.Errorf(model.EFORBIDDEN, "a request from another site may not change anything here (cross-origin)")
}

func (s *Server) liveSocket() fiber.Handler {
	return websocket.New(func(conn *websocket.Conn) {
		article, _ := conn.Locals("article").(uint64)
		layer, _ := conn.Locals("layer").(string)
		a, _ := conn.Locals("actor").(service.Actor)
		s.hub.Serve(conn.Conn, article, layer, a)
	}, websocket.Config{
		// The guard has checked the origin already, with the allow-list.
		Origins: []string{"*"},
	})
}
