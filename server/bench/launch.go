package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Kind names the server a Launcher starts.
type Kind string

// Server kinds.
const (
	KindGloss Kind = "gloss" // `gloss serve` on a database file
	KindPlain Kind = "plain" // the plain broadcast floor (RunPlain)
	// KindPlainSync is the plain relay that fsyncs each message to the
	// file db names before relaying it (PlainConfig.Log).
	KindPlainSync Kind = "plain-fsync"
)

// Server is a server under test, started by a Launcher.
type Server struct {
	URL string // http://127.0.0.1:PORT
	// PID is the server's process, whose memory is read from
	// /proc/PID/status; 0 when it runs inside the benchmark's own process,
	// where its memory cannot be told from the clients'.
	PID  int
	Stop func() error
	// Log returns what the server wrote to stdout and stderr (the end of
	// it), for error messages and its warnings.
	Log func() string
}

// Launcher starts a server of kind on 127.0.0.1 and returns once it
// answers GET /healthz. db is the database file of a gloss server. The
// server must stop when ctx is done, or when Stop is called.
type Launcher func(ctx context.Context, kind Kind, db string) (*Server, error)

const (
	startTimeout = 20 * time.Second
	stopTimeout  = 15 * time.Second
	logTail      = 64 << 10
)

// ExecLauncher starts servers as child processes of exe (this gloss
// binary): `serve --addr 127.0.0.1:PORT --db FILE` or
// `bench plain-server --addr 127.0.0.1:PORT`. A child gets SIGTERM when
// stopped, SIGKILL if it has not exited 10 s later, and SIGTERM when the
// benchmark itself dies.
func ExecLauncher(exe string) Launcher {
	return func(ctx context.Context, kind Kind, db string) (*Server, error) {
		var err error
		for range 3 { // a free port can be taken between probe and bind
			var s *Server
			if s, err = startChild(ctx, exe, kind, db); err == nil || ctx.Err() != nil {
				return s, err
			}
			if !strings.Contains(err.Error(), "address already in use") {
				return nil, err
			}
		}
		return nil, err
	}
}

func startChild(ctx context.Context, exe string, kind Kind, db string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	var args []string
	switch kind {
	case KindGloss:
		// Every bench client is one user, and every op a create on one
		// article: lift the per-user socket bound (32) and the article's
		// annotation bound (20,000) above what a run makes.
		args = []string{"serve", "--addr", addr, "--db", db, "--max-sockets-per-user", "1000000", "--max-annotations", "100000000"}
	case KindPlain:
		args = []string{"bench", "plain-server", "--addr", addr}
	case KindPlainSync:
		args = []string{"bench", "plain-server", "--addr", addr, "--log", db}
	default:
		return nil, fmt.Errorf("unknown server kind %q", kind)
	}
	cctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(cctx, exe, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	out := &tail{max: logTail}
	cmd.Stdout, cmd.Stderr = out, out
	setParentDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("start %s server: %w", kind, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	url := "http://" + addr
	if err := waitHealthy(ctx, url, exited); err != nil {
		cancel()
		<-exited
		return nil, fmt.Errorf("%s server (%s %s): %w\n%s", kind, exe, strings.Join(args, " "), err, out.String())
	}
	var stopOnce sync.Once
	var stopErr error
	stop := func() error {
		stopOnce.Do(func() {
			cancel()
			select {
			case err := <-exited:
				// A clean shutdown on SIGTERM exits 0, which Wait reports
				// as the cancelled context; an exit status is a failure.
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					stopErr = fmt.Errorf("%s server: %v\n%s", kind, ee, out.String())
				}
			case <-time.After(stopTimeout):
				stopErr = fmt.Errorf("%s server (pid %d) did not stop", kind, cmd.Process.Pid)
			}
		})
		return stopErr
	}
	return &Server{URL: url, PID: cmd.Process.Pid, Stop: stop, Log: out.String}, nil
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitHealthy polls GET /healthz until it answers 200, the child exits,
// or startTimeout passes.
func waitHealthy(ctx context.Context, base string, exited <-chan error) error {
	hc := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(startTimeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			if err == nil {
				err = errors.New("exited")
			}
			return fmt.Errorf("exited before answering /healthz: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer on %s/healthz within %s", base, startTimeout)
		}
	}
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// rss returns a process's resident set size (VmRSS) and its anonymous
// part (RssAnon: the heap and stacks, without file pages such as bbolt's
// mmap of the database), in bytes.
func rss(pid int) (total, anon int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "RssAnon") {
			continue
		}
		f := strings.Fields(v) // "12345 kB"
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/%d/status: %s: %w", pid, k, err)
		}
		if k == "VmRSS" {
			total = kb << 10
		} else {
			anon = kb << 10
		}
		found++
	}
	if found != 2 {
		return 0, 0, fmt.Errorf("no VmRSS and RssAnon in /proc/%d/status", pid)
	}
	return total, anon, nil
}

// cpuSeconds returns the user and system CPU time a process has used
// (/proc/PID/stat counts it in USER_HZ, 100 a second on Linux).
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	_, rest, ok := bytes.Cut(b, []byte(") ")) // after "pid (comm) "
	f := strings.Fields(string(rest))
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return float64(utime+stime) / 100, nil
}

// cpuMeter measures the cores a server process and the benchmark's own
// process use over an interval.
type cpuMeter struct {
	server        int // 0: not measured
	t0            time.Time
	server0, self float64
}

func startCPU(serverPID int) *cpuMeter {
	m := &cpuMeter{server: serverPID, t0: time.Now()}
	if serverPID != 0 {
		m.server0, _ = cpuSeconds(serverPID)
	}
	m.self, _ = cpuSeconds(os.Getpid())
	return m
}

// stop returns the average cores used since start: the server's (0 when
// not measured) and the benchmark's.
func (m *cpuMeter) stop() (server, self float64) {
	wall := time.Since(m.t0).Seconds()
	if m.server != 0 {
		if s, err := cpuSeconds(m.server); err == nil {
			server = (s - m.server0) / wall
		}
	}
	if s, err := cpuSeconds(os.Getpid()); err == nil {
		self = (s - m.self) / wall
	}
	return server, self
}
