package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/web"
)

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	rc, err := parseServe(args, stdout, stderr, log)
	if err != nil {
		return err
	}
	serverGC()
	return server.Run(ctx, rc)
}

// serverGCPercent is the GC target gloss serve runs with unless GOGC is
// set: the heap may grow to 5x what is live instead of 2x. A server's live
// heap is small and its garbage is mostly short-lived JSON, so collecting
// less often costs little memory and saves CPU. gloss bench live, two
// alternating runs each at 100 and 400: server CPU per op saturated
// 202-208 -> 167-168 us (10 clients), 204-215 -> 161-172 (100),
// 521-538 -> 473-476 (500); saturated ops/s +10-14%; memory after the
// steady phase at 500 clients 54-55 -> 124-127 MiB.
const serverGCPercent = 400

func serverGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serverGCPercent)
	}
}

func parseServe(args []string, stdout, stderr io.Writer, log *slog.Logger) (server.RunConfig, error) {
	fs := flag.NewFlagSet("gloss serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rc := server.RunConfig{Out: stdout, Log: log, Assets: web.FS}
	var origins stringList
	fs.StringVar(&rc.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&rc.DB, "db", "gloss.db", "database file (created if missing)")
	fs.BoolVar(&rc.Demo, "demo", false, "create a demo user (its password is printed) and import the demo articles")
	fs.Var(&origins, "allow-origin", "an extra origin (scheme://host:port) allowed to open live sockets; repeatable")
	fs.IntVar(&rc.BodyLimit, "body-limit", server.DefaultBodyLimit, "largest body of POST /api/articles and /api/import, in bytes")
	fs.DurationVar(&rc.WriteTimeout, "write-timeout", 10*time.Minute, "longest time to send one answer, a streamed export or backup included")
	fs.IntVar(&rc.JSONLimit, "json-limit", server.DefaultJSONLimit, "largest body of every other API request, in bytes")
	fs.IntVar(&rc.MaxAnnotations, "max-annotations", storage.DefaultMaxAnnotations, "most annotations one article may hold")
	fs.IntVar(&rc.MaxSocketsPerUser, "max-sockets-per-user", 32, "most live sockets one user may hold open")
	var proxies stringList
	fs.Var(&proxies, "trusted-proxy", "address or CIDR of a reverse proxy whose X-Forwarded-For/-Host/-Proto are believed; repeatable (default: none)")
	fs.BoolVar(&rc.SecureCookies, "secure-cookies", false, "mark the session cookie Secure (gloss is reached over https through a proxy)")
	format := fs.String("log-format", "text", "log lines as text (key=value) or json")
	fs.StringVar(&rc.PublicURL, "public-url", "", "the URL people reach gloss at (https://gloss.example.org): links, export ids and the allowed origin")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss serve [flags]\n\nServes the editor and the API.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return rc, err
	}
	if len(pos) > 0 {
		return rc, fmt.Errorf("serve takes no arguments, got %q", pos)
	}
	switch *format {
	case "text":
	case "json":
		rc.Log = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	default:
		return rc, fmt.Errorf("--log-format must be text or json, not %q", *format)
	}
	rc.AllowOrigins, rc.TrustedProxies = origins, proxies
	for _, p := range proxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				return rc, fmt.Errorf("--trusted-proxy %q is neither an IP address nor a CIDR", p)
			}
		}
	}
	return rc, nil
}
