package server

import (
	"crypto/subtle"
	"strings"
	"sync"
	"time"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "gloss_session"

// HashPassword is service.HashPassword, for the CLI and tests.
var HashPassword = service.HashPassword

// dummyHash makes a login for an unknown user cost as much as a wrong
// password, so response times do not reveal which names exist.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("not a password of anyone"), bcrypt.DefaultCost)
	return h
})

type loginRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

func (s *Server) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.store.User(req.Name)
	hash := u.PasswordHash
	if err != nil {
		if model.ErrorCode(err) != model.ENOTFOUND {
			return err
		}
		hash = dummyHash()
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(req.Password)) != nil || err != nil {
		return model.Errorf(model.EUNAUTHORIZED, "wrong user name or password")
	}
	if u.Disabled {
		return model.Errorf(model.EUNAUTHORIZED, "user %s is disabled: ask an admin", u.Name)
	}
	return s.startSession(c, u)
}

func (s *Server) startSession(c *fiber.Ctx, u model.User) error {
	secret, err := s.store.NewCredential(storage.CredSession, u.Name, s.cfg.SessionTTL)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name:     SessionCookie,
		Value:    secret,
		Path:     "/",
		Expires:  time.Now().Add(s.cfg.SessionTTL),
		HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode,
		Secure:   s.cfg.SecureCookies || c.Protocol() == "https",
	})
	return c.JSON(fiber.Map{"name": u.Name, "role": u.Role})
}

func (s *Server) logout(c *fiber.Ctx) error {
	if secret := c.Cookies(SessionCookie); secret != "" {
		if err := s.svc.Logout(actor(c), secret); err != nil {
			return err
		}
	}
	// Expire the cookie with the Path it was set with: Fiber's ClearCookie
	// sets none, and a browser then keeps the original.
	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.cfg.SecureCookies || c.Protocol() == "https"})
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) me(c *fiber.Ctx) error {
	u := actor(c)
	return c.JSON(fiber.Map{"name": u.Name, "role": u.Role})
}

type setupRequest struct {
	Token    string `json:"token"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

// setup creates the first admin with the one-time token `gloss serve`
// printed. It works only while no user exists.
func (s *Server) setup(c *fiber.Ctx) error {
	var req setupRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if s.cfg.SetupToken == "" || subtle.ConstantTimeCompare([]byte(req.Token), []byte(s.cfg.SetupToken)) != 1 {
		return model.Errorf(model.EFORBIDDEN, "invalid setup link: use the one `gloss serve` printed")
	}
	// One setup at a time: parallel requests with the token must not each
	// find no user and each create an admin.
	s.setupMu.Lock()
	defer s.setupMu.Unlock()
	users, err := s.store.Users()
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return model.Errorf(model.ECONFLICT, "setup is done already: log in instead")
	}
	hash, err := HashPassword(req.Password)
	if err != nil {
		return err
	}
	u := model.User{Name: req.Name, Role: model.RoleAdmin, PasswordHash: hash}
	if err := s.store.PutUser(u); err != nil {
		return err
	}
	c.Status(fiber.StatusCreated)
	return s.startSession(c, u)
}

// authenticate finds who is behind a request: a Bearer token for
// scripts, the session cookie for browsers.
func (s *Server) authenticate(c *fiber.Ctx) (service.Actor, error) {
	kind, secret := storage.CredSession, c.Cookies(SessionCookie)
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || token == "" {
			return service.Actor{}, model.Errorf(model.EUNAUTHORIZED, "the Authorization header must be \"Bearer TOKEN\"")
		}
		kind, secret = storage.CredToken, token
	}
	if secret == "" {
		return service.Actor{}, model.Errorf(model.EUNAUTHORIZED, "log in first, or send Authorization: Bearer TOKEN")
	}
	u, cred, err := s.store.AuthenticateCred(kind, secret)
	return service.Actor{User: u, Cred: cred.ID}, err
}

func (s *Server) requireUser(c *fiber.Ctx) error {
	a, err := s.authenticate(c)
	if err != nil {
		return err
	}
	c.Locals("actor", a)
	return c.Next()
}

// requirePage sends a browser without a session to the login page.
func (s *Server) requirePage(c *fiber.Ctx) error {
	if _, err := s.authenticate(c); err != nil {
		if model.ErrorCode(err) == model.EUNAUTHORIZED {
			return c.Redirect("/login", fiber.StatusSeeOther)
		}
		return err
	}
	return c.Next()
}

// actor is who the request is from (requireUser put it there).
func actor(c *fiber.Ctx) service.Actor {
	a, _ := c.Locals("actor").(service.Actor)
	return a
}

// failures limits failed logins and setups per client address: after
// maxFailures in failureWindow, further attempts are refused (429) until
// the window ends, without checking the password. That makes guessing
// slow without locking out a person who mistypes.
type failures struct {
	mu sync.Mutex
	by map[string]*failureCount
}

type failureCount struct {
	n       int // failed attempts in the window
	pending int // attempts being checked now: counted as failures until they succeed
	since   time.Time
}

const (
	maxFailures   = 10
	failureWindow = time.Minute
)

// guard takes a slot before the password is checked, not after: an
// attempt in flight counts as a failure until it succeeds, so 200
// parallel guesses get maxFailures bcrypt checks and 429s for the rest
// (counting after the check let all 200 through).
func (f *failures) guard(c *fiber.Ctx) error {
	ip := c.IP()
	fc, ok := f.reserve(ip, time.Now())
	if !ok {
		return model.Errorf(model.ETOOMANY, "too many failed attempts: wait a minute and try again")
	}
	err := c.Next()
	failed := false
	if code := model.ErrorCode(err); code == model.EUNAUTHORIZED || code == model.EFORBIDDEN {
		failed = true
	}
	f.mu.Lock()
	fc.pending--
	if failed {
		fc.n++
	}
	f.mu.Unlock()
	return err
}

// reserve counts one attempt in flight for ip, or says it is over the limit.
func (f *failures) reserve(ip string, now time.Time) (*failureCount, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.by == nil || len(f.by) > 100_000 {
		f.by = map[string]*failureCount{} // bounded: an address flood resets the table
	}
	fc := f.by[ip]
	if fc != nil && fc.pending == 0 && now.Sub(fc.since) > failureWindow {
		fc = nil
	}
	if fc == nil {
		fc = &failureCount{since: now}
		f.by[ip] = fc
	}
	if fc.n+fc.pending >= maxFailures {
		return fc, false
	}
	fc.pending++
	return fc, true
}
