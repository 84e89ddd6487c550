// Package bench measures gloss's live sync against floors taken on the
// same machine in the same run: `gloss bench live`.
//
// For each client count N it connects N websocket clients (server/client)
// to one article of a gloss server running as a child process, so that the
// server's memory (VmRSS) can be read apart from the clients'. Each client
// sends creates of CLAIM spans stamped with their send time in
// attrs.note; since senders and receivers share a clock, every receiver
// knows how long the op took to reach it. Two phases: a steady total rate
// spread over the clients on fixed ticks, then saturation (each client
// keeps a few ops in flight). Three floors: bbolt alone (db.Batch from N
// writers, the storage package's batch settings, fsync on); a plain
// websocket relay on the same stack (Fiber v2 + contrib/websocket, no
// storage) driven by the same clients with the same message bytes; and
// that relay appending each message to a file and fsyncing it before
// relaying (steady load only), since gloss broadcasts only what is
// committed.
//
// Everything runs on 127.0.0.1, in loops bounded in count and time; every
// socket, child process and temporary file is gone when Live returns.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/demo"
)

// Config is what `gloss bench live` parses from its flags.
type Config struct {
	Clients  []int         // client counts, one round each (10, 100, 500)
	Rate     float64       // steady phase: ops/s over all clients (500)
	Duration time.Duration // steady phase and each floor; saturation runs half of it (10s)
	Window   int           // saturation: ops in flight per client (4)

	// URL, Token and Article point at a running server instead of a
	// child on a temporary database. Its memory is not measured, and the
	// ops sent stay in its article.
	URL     string
	Token   string
	Article uint64

	// StartServer starts the servers under test; nil starts them as
	// child processes of this binary (ExecLauncher(os.Executable())).
	StartServer Launcher
	TempDir     string    // for databases; "" is os.TempDir()
	Progress    io.Writer // a line per step; nil is silent
	Out         io.Writer // Run writes the report here
	JSON        bool      // Run writes JSON instead of markdown
}

// Defaults of Config's zero fields.
const (
	DefaultRate     = 500
	DefaultDuration = 10 * time.Second
	DefaultWindow   = 4
)

// DefaultClients are the client counts of a run without --clients.
var DefaultClients = []int{10, 100, 500}

// Report is everything one run measured.
type Report struct {
	Machine  Machine  `json:"machine"`
	Rate     float64  `json:"rate"`
	Duration string   `json:"duration"`
	Window   int      `json:"window"`
	Target   string   `json:"target"` // "child process", "in-process" or the --url
	Sizes    Sizes    `json:"sizes"`
	Rounds   []*Round `json:"rounds"`
	Goals    []Goal   `json:"goals"`
	LoadEnd  string   `json:"loadavg_end"`
}

// Sizes are the byte sizes of what one op costs on the wire and on disk,
// for a 120-code-point span.
type Sizes struct {
	ClientOp  int `json:"client_op"`    // the "op" a client sends
	Broadcast int `json:"broadcast_op"` // the "op" gloss broadcasts (and the plain server relays, with op_id)
	OpLog     int `json:"oplog_entry"`  // the op-log value gloss stores (the bbolt floor's record)
}

// Round is one client count's results.
type Round struct {
	Clients     int        `json:"clients"`
	Error       string     `json:"error,omitempty"`
	JoinSeconds float64    `json:"join_seconds"` // dial, hello, welcome and presence for all N
	JoinBytes   int64      `json:"join_bytes"`   // received by all clients while joining
	Memory      *Memory    `json:"memory,omitempty"`
	Steady      *Phase     `json:"steady,omitempty"`
	Saturated   *Phase     `json:"saturated,omitempty"`
	BoltFloor   *BoltFloor `json:"bolt_floor,omitempty"`
	Plain       *Phase     `json:"plain_floor,omitempty"`
	// PlainSaturated is the plain relay under the saturation load: how
	// many ops/s this machine can fan out to N clients at all.
	PlainSaturated *Phase  `json:"plain_saturated,omitempty"`
	PlainJoin      float64 `json:"plain_join_seconds"`
	// PlainSync is the relay that fsyncs before relaying, steady load only:
	// the broadcast floor of a server that broadcasts only what is on disk.
	PlainSync *Phase `json:"plain_fsync_floor,omitempty"`
	// SaturatedVsBolt is saturated ops/s over the bbolt floor's commits/s,
	// SaturatedVsPlain over the plain relay's; BroadcastVsPlain is
	// broadcast p99 over the plain floor's.
	SaturatedVsBolt  float64 `json:"saturated_vs_bolt,omitempty"`
	SaturatedVsPlain float64 `json:"saturated_vs_plain,omitempty"`
	BroadcastVsPlain float64 `json:"broadcast_p99_vs_plain,omitempty"`
	// BroadcastVsPlainSync is broadcast p99 over the fsyncing relay's.
	BroadcastVsPlainSync float64 `json:"broadcast_p99_vs_plain_fsync,omitempty"`
}

// Memory is the gloss server's resident memory (VmRSS) before the clients
// connect and once all are connected and idle; and its anonymous memory
// (RssAnon: heap and stacks, not the database's mmap) before and after the
// steady phase, when every connection's send queue has been used.
type Memory struct {
	BeforeMiB  float64 `json:"before_mib"`
	AfterMiB   float64 `json:"after_mib"`
	PerConnKiB float64 `json:"per_conn_kib"` // (After - Before) / N

	AnonBeforeMiB      float64 `json:"anon_before_mib"`
	AnonAfterSteadyMiB float64 `json:"anon_after_steady_mib"`
	PerConnSteadyKiB   float64 `json:"per_conn_steady_kib"` // anon growth / N
}

// Run runs Live and writes its report to cfg.Out, as markdown or JSON. A
// partial report is written when a round fails or ctx ends.
func Run(ctx context.Context, cfg Config) error {
	rep, err := Live(ctx, cfg)
	if rep != nil && cfg.Out != nil {
		if cfg.JSON {
			if werr := rep.WriteJSON(cfg.Out); werr != nil && err == nil {
				err = werr
			}
		} else {
			rep.WriteMarkdown(cfg.Out)
		}
	}
	return err
}

// Live runs the benchmark: for each client count, the bbolt floor, the
// plain broadcast floor, and gloss.
func Live(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	text, err := fs.ReadFile(demo.FS, articleFile)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(cfg.TempDir, "gloss-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	rep := &Report{Machine: machine(), Rate: cfg.Rate, Duration: cfg.Duration.String(), Window: cfg.Window,
		Sizes: sizes(string(text)), Target: "child process"}
	if cfg.URL != "" {
		rep.Target = cfg.URL
	} else if cfg.StartServer != nil {
		rep.Target = "in-process"
	}
	if cfg.StartServer == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		cfg.StartServer = ExecLauncher(exe)
	}
	record := opLogEntry(string(text))
	var errs []error
	for _, n := range cfg.Clients {
		r := &Round{Clients: n}
		rep.Rounds = append(rep.Rounds, r)
		if err := runRound(ctx, cfg, r, string(text), record, tmp); err != nil {
			r.Error = err.Error()
			errs = append(errs, fmt.Errorf("%d clients: %w", n, err))
			cfg.progress("%d clients: %v", n, err)
		}
		if ctx.Err() != nil {
			break
		}
	}
	rep.Goals = goals(rep)
	rep.LoadEnd = loadavg()
	return rep, errors.Join(errs...)
}

func (cfg *Config) defaults() error {
	if len(cfg.Clients) == 0 {
		cfg.Clients = DefaultClients
	}
	for _, n := range cfg.Clients {
		if n < 1 {
			return fmt.Errorf("client counts must be at least 1, not %d", n)
		}
	}
	if cfg.Rate == 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Rate < 0 {
		return fmt.Errorf("the rate must be positive, not %g", cfg.Rate)
	}
	if cfg.Duration == 0 {
		cfg.Duration = DefaultDuration
	}
	if cfg.Duration < 100*time.Millisecond || cfg.Duration > time.Hour {
		return fmt.Errorf("the duration must be between 100ms and 1h, not %s", cfg.Duration)
	}
	if cfg.Window == 0 {
		cfg.Window = DefaultWindow
	}
	if cfg.URL != "" && (cfg.Token == "" || cfg.Article == 0) {
		return errors.New("--url needs --token and --article")
	}
	return nil
}

func (cfg *Config) progress(format string, args ...any) {
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "bench: "+format+"\n", args...)
	}
}

func runRound(ctx context.Context, cfg Config, r *Round, text string, record []byte, tmp string) error {
	n := r.Clients
	cfg.progress("%d clients: bbolt floor, %d writers for %s", n, n, cfg.Duration)
	bf, err := boltFloor(ctx, tmp, n, record, cfg.Duration)
	if err != nil {
		return err
	}
	r.BoltFloor = &bf

	cfg.progress("%d clients: plain broadcast floor at %g msg/s for %s, then saturated for %s", n, cfg.Rate, cfg.Duration, cfg.Duration/2)
	if err := plainRound(ctx, cfg, r, text, ""); err != nil {
		return fmt.Errorf("plain floor: %w", err)
	}
	cfg.progress("%d clients: plain broadcast floor with fsync at %g msg/s for %s", n, cfg.Rate, cfg.Duration)
	if err := plainRound(ctx, cfg, r, text, filepath.Join(tmp, fmt.Sprintf("plain-%d.log", n))); err != nil {
		return fmt.Errorf("plain floor with fsync: %w", err)
	}
	if err := glossRound(ctx, cfg, r, text, tmp); err != nil {
		return fmt.Errorf("gloss: %w", err)
	}
	if r.Saturated != nil && bf.PerSec > 0 {
		r.SaturatedVsBolt = r.Saturated.OpsPerSec / bf.PerSec
	}
	if r.Saturated != nil && r.PlainSaturated != nil && r.PlainSaturated.OpsPerSec > 0 {
		r.SaturatedVsPlain = r.Saturated.OpsPerSec / r.PlainSaturated.OpsPerSec
	}
	if r.Steady != nil && r.Plain != nil && r.Plain.Broadcast.P99 > 0 {
		r.BroadcastVsPlain = r.Steady.Broadcast.P99 / r.Plain.Broadcast.P99
	}
	if r.Steady != nil && r.PlainSync != nil && r.PlainSync.Broadcast.P99 > 0 {
		r.BroadcastVsPlainSync = r.Steady.Broadcast.P99 / r.PlainSync.Broadcast.P99
	}
	return nil
}

// plainRound measures the plain relay: with log empty, without storage,
// under the steady load and then saturated; with log set, appending each
// message to that file and fsyncing it before relaying, under the steady
// load only (its saturation would measure the disk, which the bbolt floor
// does).
func plainRound(ctx context.Context, cfg Config, r *Round, text, log string) (err error) {
	kind := KindPlain
	if log != "" {
		kind = KindPlainSync
		defer os.Remove(log)
	}
	srv, err := cfg.StartServer(ctx, kind, log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, srv.Stop()) }()
	f := newFleet(KindPlain, srv.URL, "", 1, text, cfg.Window)
	f.pid = srv.PID
	defer f.close()
	join, err := f.connect(ctx, r.Clients)
	if err != nil {
		return err
	}
	p := f.steady(ctx, cfg.Rate, cfg.Duration)
	if log != "" {
		r.PlainSync = &p
		return ctx.Err()
	}
	r.PlainJoin = join.Seconds()
	r.Plain = &p
	if ctx.Err() != nil {
		return ctx.Err()
	}
	ps := f.saturate(ctx, cfg.Duration/2)
	r.PlainSaturated = &ps
	return ctx.Err()
}

func glossRound(ctx context.Context, cfg Config, r *Round, text, tmp string) (err error) {
	base, token, article, pid := cfg.URL, cfg.Token, cfg.Article, 0
	if base == "" {
		db := filepath.Join(tmp, fmt.Sprintf("gloss-%d.db", r.Clients))
		defer os.Remove(db)
		if token, article, err = prepareDB(db, text); err != nil {
			return err
		}
		srv, err := cfg.StartServer(ctx, KindGloss, db)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, srv.Stop()) }()
		base, pid = srv.URL, srv.PID
	}
	var before, anonBefore int64
	if pid != 0 {
		if before, anonBefore, err = rss(pid); err != nil {
			return err
		}
	}
	cfg.progress("%d clients: gloss: connecting", r.Clients)
	f := newFleet(KindGloss, base, token, article, text, cfg.Window)
	f.pid = pid
	defer f.close()
	join, err := f.connect(ctx, r.Clients)
	if err != nil {
		return err
	}
	r.JoinSeconds, r.JoinBytes = join.Seconds(), f.bytes.Load()
	if pid != 0 {
		time.Sleep(time.Second) // idle: let the write pumps empty
		after, _, err := rss(pid)
		if err != nil {
			return err
		}
		r.Memory = &Memory{BeforeMiB: mib(before), AfterMiB: mib(after),
			PerConnKiB: float64(after-before) / 1024 / float64(r.Clients), AnonBeforeMiB: mib(anonBefore)}
	}
	cfg.progress("%d clients: gloss steady at %g ops/s for %s (joined in %.1fs)", r.Clients, cfg.Rate, cfg.Duration, r.JoinSeconds)
	steady := f.steady(ctx, cfg.Rate, cfg.Duration)
	r.Steady = &steady
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if r.Memory != nil {
		if _, anon, err := rss(pid); err == nil {
			r.Memory.AnonAfterSteadyMiB = mib(anon)
			r.Memory.PerConnSteadyKiB = float64(anon-anonBefore) / 1024 / float64(r.Clients)
		}
	}
	cfg.progress("%d clients: gloss saturated, %d in flight per client for %s", r.Clients, cfg.Window, cfg.Duration/2)
	sat := f.saturate(ctx, cfg.Duration/2)
	r.Saturated = &sat
	return ctx.Err()
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// articleFile is the demo article the benchmark annotates: the news text
// gloss was designed around (~3k characters).
const articleFile = "xi-putin-icc.txt"

// prepareDB creates a database with the bench user, an API token and the
// article, and closes it for the server to open.
func prepareDB(path, text string) (token string, article uint64, err error) {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return "", 0, err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	hash, err := server.HashPassword("bench password, never used to log in")
	if err != nil {
		return "", 0, err
	}
	if err := db.PutUser(model.User{Name: benchUser, Role: model.RoleUser, PasswordHash: hash}); err != nil {
		return "", 0, err
	}
	ps, err := db.Projects()
	if err != nil {
		return "", 0, err
	}
	_, err = db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		p.Members = append(p.Members, model.Member{Name: benchUser, Role: model.RoleAnnotator})
		return nil
	})
	if err != nil {
		return "", 0, err
	}
	if token, err = db.NewCredential(storage.CredToken, benchUser, 0); err != nil {
		return "", 0, err
	}
	title, _, _ := strings.Cut(text, "\n")
	a, _, err := db.CreateArticle(model.Article{Title: title, Source: articleFile, Text: text})
	if err != nil {
		return "", 0, err
	}
	return token, a.ID, nil
}
