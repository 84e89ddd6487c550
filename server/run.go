package server

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/server/metrics"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/demo"
)

// RunConfig is what `gloss serve` parses from its flags.
type RunConfig struct {
	Addr         string // host:port; port 0 picks a free one
	DB           string // path of the bbolt file
	Demo         bool   // create the demo user and import the demo articles
	AllowOrigins []string
	BodyLimit    int
	JSONLimit    int
	WriteTimeout time.Duration
	// Limits: see storage.Options.MaxAnnotations, live.Options.MaxPerUser.
	MaxAnnotations    int
	MaxSocketsPerUser int
	// Behind a reverse proxy: see Config.
	TrustedProxies []string
	SecureCookies  bool
	PublicURL      string
	Assets         fs.FS     // the editor (web.FS)
	Out            io.Writer // where the login or setup link is printed
	Log            *slog.Logger
	// Ready, when set, is called with the listening address once the
	// server accepts connections.
	Ready func(addr string)
}

// DemoUser is the user `gloss serve --demo` creates.
const DemoUser = "demo"

// Run opens the database, prepares first use (setup link or demo), and
// serves until ctx is done; then it shuts down gracefully.
func Run(ctx context.Context, rc RunConfig) error {
	if rc.Log == nil {
		rc.Log = slog.Default()
	}
	if rc.Out == nil {
		rc.Out = io.Discard
	}
	m := metrics.New()
	db, err := storage.Open(rc.DB, storage.Options{OnCommit: m.Commit, MaxAnnotations: rc.MaxAnnotations})
	if err != nil {
		return err
	}
	defer db.Close()

	ln, err := net.Listen("tcp", rc.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", rc.Addr, err)
	}
	base := "http://" + displayAddr(ln.Addr().String())

	cfg := Config{Store: db, Log: rc.Log, AllowOrigins: rc.AllowOrigins, BodyLimit: rc.BodyLimit, JSONLimit: rc.JSONLimit, WriteTimeout: rc.WriteTimeout, Assets: rc.Assets,
		TrustedProxies: rc.TrustedProxies, SecureCookies: rc.SecureCookies, PublicURL: rc.PublicURL, Metrics: m,
		Live: live.Options{MaxPerUser: rc.MaxSocketsPerUser}}
	if rc.PublicURL != "" {
		base = strings.TrimRight(rc.PublicURL, "/")
	}
	if rc.Demo {
		pw, err := SeedDemo(db)
		if err != nil {
			ln.Close()
			return err
		}
		fmt.Fprintf(rc.Out, "gloss demo: open %s/login and log in as %q with password %q\n", base, DemoUser, pw)
	}
	users, err := db.Users()
	if err != nil {
		ln.Close()
		return err
	}
	if len(users) == 0 {
		cfg.SetupToken = randomToken()
		fmt.Fprintf(rc.Out, "gloss: no users yet. Create the first admin at %s/setup?token=%s\n", base, cfg.SetupToken)
	}
	srv, err := New(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	rc.Log.Info("gloss serving", "addr", base, "db", rc.DB)
	go purgeExpired(ctx, db, rc.Log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if rc.Ready != nil {
		rc.Ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// purgeExpired deletes expired sessions and tokens now and every hour
// until ctx ends: they are refused anyway, but would pile up.
func purgeExpired(ctx context.Context, db storage.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := db.PurgeExpired(); err != nil {
			log.Error("purge expired credentials", "err", err)
		} else if n > 0 {
			log.Info("purged expired credentials", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

func randomToken() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// SeedDemo makes sure the demo user exists with a fresh password, which it
// returns, and imports the embedded demo articles (again harmlessly: the
// same texts are not stored twice).
func SeedDemo(db storage.Store) (string, error) {
	pw := randomToken()[:12]
	hash, err := HashPassword(pw)
	if err != nil {
		return "", err
	}
	if err := db.PutUser(model.User{Name: DemoUser, Role: model.RoleAdmin, PasswordHash: hash}); err != nil {
		return "", err
	}
	names, err := fs.Glob(demo.FS, "*.txt")
	if err != nil {
		return "", err
	}
	var items []storage.NewArticle
	for _, name := range names {
		b, err := fs.ReadFile(demo.FS, name)
		if err != nil {
			return "", err
		}
		items = append(items, storage.NewArticle{Article: model.Article{
			Title:  importer.Title(string(b)),
			Source: name,
			Text:   string(b),
		}})
	}
	if _, err := db.ImportArticles(0, items); err != nil {
		return "", fmt.Errorf("import demo articles: %w", err)
	}
	return pw, nil
}
