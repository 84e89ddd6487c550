// Package server is gloss's HTTP face: the JSON API, authentication, and
// the embedded editor. Every route is listed in routes; handlers parse,
// call the store, and respond; errors become {"error": "..."} in one place
// (errors.go).
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/server/metrics"
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// Config is everything a Server needs. Tests build one directly.
type Config struct {
	Store storage.Store
	Log   *slog.Logger
	// BodyLimit bounds the bodies of the routes that take articles (POST
	// /api/articles, /api/import), in bytes (default 32 MiB).
	BodyLimit int
	// JSONLimit bounds every other API body (default 1 MiB): an
	// annotation, a project, a label-text request.
	JSONLimit int
	// WriteTimeout bounds the time to send one answer, a streamed export
	// or backup included (default 10 minutes): a client that reads slowly
	// or not at all does not hold a connection for ever. Live sockets set
	// their own deadlines.
	WriteTimeout time.Duration
	// SetupToken, when set and no user exists, lets POST /api/setup create
	// the first admin. It is printed once by `gloss serve`.
	SetupToken string
	// AllowOrigins lists extra origins (scheme://host[:port]) whose pages
	// may open live sockets; the server's own origin is always allowed.
	AllowOrigins []string
	// SecureCookies marks the session cookie Secure (set behind TLS).
	SecureCookies bool
	// TrustedProxies lists the addresses (IPs or CIDRs) of reverse proxies
	// whose X-Forwarded-For, -Host and -Proto are believed. From anyone
	// else they are ignored: a client could otherwise pick its own address
	// (and dodge or trigger the login limiter), host and scheme.
	TrustedProxies []string
	// PublicURL is the address people reach gloss at (scheme://host[:port]
	// [/]), behind a proxy: export ids and links are built from it, and its
	// origin may use the API and live sockets. Default: the request's own.
	PublicURL string
	// SessionTTL is how long a browser login lasts (default 30 days).
	SessionTTL time.Duration
	// Assets is the editor: index.html, login.html, setup.html and what
	// they load (web.FS in the binary).
	Assets fs.FS
	// Live tunes the websocket hub.
	Live live.Options
	// Metrics collects what /metrics shows; New makes one when nil. Run
	// makes it first, so that storage's commits are counted too.
	Metrics *metrics.Metrics
}

// Server is a configured gloss HTTP server.
type Server struct {
	cfg   Config
	store storage.Store
	log   *slog.Logger
	app   *fiber.App
	hub   *live.Hub
	svc   *service.Service
	m     *metrics.Metrics

	failures failures
	setupMu  sync.Mutex
}

// DefaultBodyLimit is the request body limit when Config.BodyLimit is 0.
const DefaultBodyLimit = 32 << 20

// DefaultJSONLimit is Config.JSONLimit when it is 0.
const DefaultJSONLimit = 1 << 20

// loginLimit bounds the bodies of the routes anyone may call (login,
// setup): a name and a password.
const loginLimit = 4 << 10

// New builds a Server from cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = DefaultBodyLimit
	}
	if cfg.JSONLimit <= 0 {
		cfg.JSONLimit = DefaultJSONLimit
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 10 * time.Minute
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.Live.Log == nil {
		cfg.Live.Log = cfg.Log
	}
	if cfg.Metrics == nil {
		cfg.Metrics = metrics.New()
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Log, m: cfg.Metrics}
	s.svc = service.New(cfg.Store, service.Hooks{
		Published:      func(article uint64) { s.hub.Published(article) },
		ArticleChanged: func(article uint64) { s.hub.ArticleChanged(article) },
		Revoked:        func(r service.Revocation) { s.hub.Revoke(r.User, r.Creds, r.Why, r.Reconnect) },
		Imported:       s.m.Imported,
		Exported:       s.m.Exported,
	})
	if cfg.Live.OnOp == nil {
		cfg.Live.OnOp = s.m.LiveOp
	}
	s.hub = live.NewHub(s.svc, cfg.Live)
	s.m.Live(func() float64 { r, _ := s.hub.Rooms(); return float64(r) },
		func() float64 { _, c := s.hub.Rooms(); return float64(c) })
	fc := fiber.Config{
		AppName: "gloss",
		// Bodies are not read before the handlers run: a route reads its
		// own once the request is authenticated, up to its own limit
		// (limitBody). Reading every body first let 30 unauthenticated
		// 31 MB POSTs take the server from 23 to 875 MB.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    cfg.BodyLimit,
		ErrorHandler:                 s.errorHandler,
		DisableStartupMessage:        true,
		ReadTimeout:                  60 * time.Second,
		WriteTimeout:                 cfg.WriteTimeout,
		IdleTimeout:                  120 * time.Second,
		// Forwarded headers count only from the proxies named.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          cfg.TrustedProxies,
	}
	if len(cfg.TrustedProxies) > 0 {
		fc.ProxyHeader = fiber.HeaderXForwardedFor
	}
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			return nil, fmt.Errorf("server: the public URL must be http(s)://host[:port][/path], not %q", cfg.PublicURL)
		}
		s.cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	}
	s.app = fiber.New(fc)
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// routes lists every route in one place.
func (s *Server) routes() error {
	app := s.app
	app.Use(s.observe, recover.New(), securityHeaders, s.sameOrigin)
	app.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"ok": true}) })
	app.Get("/metrics", s.requireAdmin, adaptor.HTTPHandler(s.m.Handler()))

	api := app.Group("/api", func(c *fiber.Ctx) error {
		// API answers hold people's work and secrets (a new token): no
		// cache, shared or private, may keep them.
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	})
	api.Post("/login", s.limitBody(loginLimit), s.failures.guard, s.login)
	api.Post("/setup", s.limitBody(loginLimit), s.failures.guard, s.setup)
	api.Use(s.requireUser)
	// After authentication, before anything reads the body.
	api.Use(s.limitBody(0))
	api.Post("/logout", s.logout)
	api.Get("/me", s.me)
	api.Get("/users", s.listUsers)
	api.Post("/users", s.createUser)
	api.Patch("/users/:name", s.patchUser)
	api.Delete("/users/:name", s.deleteUser)
	api.Get("/tokens", s.listTokens)
	api.Post("/tokens", s.createToken)
	api.Delete("/tokens/:id", s.deleteToken)
	api.Get("/projects", s.listProjects)
	api.Post("/projects", s.createProject)
	api.Patch("/projects/:id", s.patchProject)
	api.Get("/projects/:id/members", s.getMembers)
	api.Put("/projects/:id/members", s.putMembers)
	api.Post("/projects/:id/label-text", s.labelText)
	api.Get("/projects/:id/next", s.assignArticle)
	api.Get("/projects/:id/agreement", s.agreement)
	api.Get("/projects/:id/agreement/articles", s.disagreements)
	api.Get("/articles", s.listArticles)
	api.Post("/articles", s.createArticle)
	api.Post("/import", s.importFiles)
	api.Get("/articles/:id", s.getArticle)
	api.Patch("/articles/:id", s.patchArticle)
	api.Get("/articles/:id/next", s.nextArticle)
	api.Post("/articles/:id/submit", s.submitLayer)
	api.Post("/articles/:id/reopen", s.reopenLayer)
	api.Get("/articles/:id/review", s.review)
	api.Post("/articles/:id/rejections", s.reject)
	api.Delete("/articles/:id/rejections", s.reject)
	api.Post("/articles/:id/accept-agreed", s.acceptAgreed)
	api.Get("/articles/:id/annotations", s.listAnnotations)
	api.Post("/articles/:id/annotations", s.createAnnotation)
	api.Patch("/articles/:id/annotations/:aid", s.patchAnnotation)
	api.Delete("/articles/:id/annotations/:aid", s.deleteAnnotation)
	api.Get("/articles/:id/annotations/:aid/history", s.annotationHistory)
	api.Get("/articles/:id/suggestions", s.listSuggestions)
	api.Post("/articles/:id/suggestions/accept", s.acceptSuggestions)
	api.Post("/articles/:id/suggestions/:sid/accept", s.decideSuggestion(true))
	api.Post("/articles/:id/suggestions/:sid/reject", s.decideSuggestion(false))
	api.Get("/projects/:id/learned", s.learned)
	api.Delete("/projects/:id/learned", s.learned)
	api.Get("/articles/:id/relations", s.listRelations)
	api.Post("/articles/:id/relations", s.createRelation)
	api.Delete("/articles/:id/relations/:rid", s.deleteRelation)
	api.Get("/annotations", s.searchAnnotations)
	api.Post("/annotations/delete", s.deleteAnnotations)
	api.Get("/articles/:id/live", s.liveGuard, s.liveSocket())
	api.Get("/export", s.exportHandler)
	api.Get("/admin/backup", s.backup)
	api.Use(func(c *fiber.Ctx) error { return notFound("no such API route: %s %s", c.Method(), c.Path()) })

	// The editor. Pages need a login; their assets do not (they hold no data).
	sub := s.cfg.Assets
	if sub == nil {
		return errors.New("server: Config.Assets is required")
	}
	app.Get("/login", s.page(sub, "login.html"))
	app.Get("/setup", s.page(sub, "setup.html"))
	app.Get("/", s.requirePage, s.page(sub, "index.html"))
	app.Use("/", func(c *fiber.Ctx) error {
		// Embedded files carry no modification time: ask browsers to
		// revalidate so a new binary's assets are picked up.
		c.Set(fiber.HeaderCacheControl, "no-cache")
		return c.Next()
	}, filesystem.New(filesystem.Config{Root: http.FS(sub), Browse: false}))
	return nil
}

// securityHeaders keeps the editor's pages to their own scripts and out of
// frames. Article text is only ever inserted as text; the policy is the
// second line of defence.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Referrer-Policy", "same-origin")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	return c.Next()
}

func (s *Server) page(root fs.FS, name string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		b, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Type("html", "utf-8")
		return c.Send(b)
	}
}

// Hub exposes the live-sync hub, for its counters.
func (s *Server) Hub() *live.Hub { return s.hub }

// App exposes the Fiber app, for app.Test in handler tests.
func (s *Server) App() *fiber.App { return s.app }

// Serve serves on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.app.Listener(ln) }

// Shutdown closes every live socket (Fiber's shutdown does not), then
// stops accepting requests and waits for the ones in flight.
func (s *Server) Shutdown(ctx context.Context) error {
	s.hub.Close()
	return s.app.ShutdownWithContext(ctx)
}
