package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/live"
)

// inProcess runs the servers inside the test binary, which is not gloss
// and so cannot be started as `gloss serve`.
func inProcess(t *testing.T) Launcher {
	return func(ctx context.Context, kind Kind, db string) (*Server, error) {
		ctx, cancel := context.WithCancel(ctx)
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() {
			switch kind {
			case KindGloss:
				done <- server.Run(ctx, server.RunConfig{Addr: "127.0.0.1:0", DB: db, Assets: fstest.MapFS{},
					Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Ready: func(a string) { ready <- a }})
			case KindPlainSync:
				done <- RunPlain(ctx, PlainConfig{Addr: "127.0.0.1:0", Log: db, Ready: func(a string) { ready <- a }})
			default:
				done <- RunPlain(ctx, PlainConfig{Addr: "127.0.0.1:0", Ready: func(a string) { ready <- a }})
			}
		}()
		select {
		case addr := <-ready:
			stop := func() error {
				cancel()
				select {
				case err := <-done:
					return err
				case <-time.After(10 * time.Second):
					t.Errorf("%s server did not stop", kind)
					return nil
				}
			}
			return &Server{URL: "http://" + addr, Stop: stop, Log: func() string { return "" }}, nil
		case err := <-done:
			cancel()
			return nil, err
		}
	}
}

func TestLive(t *testing.T) {
	var out, progress bytes.Buffer
	cfg := Config{Clients: []int{3}, Rate: 30, Duration: time.Second, StartServer: inProcess(t),
		TempDir: t.TempDir(), Out: &out, Progress: &progress}
	rep, err := Live(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Live: %v\nprogress:\n%s", err, progress.String())
	}
	if got, want := len(rep.Rounds), 1; got != want {
		t.Fatalf("rounds: got %d, want %d", got, want)
	}
	r := rep.Rounds[0]
	if r.Error != "" {
		t.Fatalf("round error: %s", r.Error)
	}
	for name, p := range map[string]*Phase{"steady": r.Steady, "saturated": r.Saturated, "plain": r.Plain, "plain+fsync": r.PlainSync} {
		t.Run(name, func(t *testing.T) {
			if p == nil {
				t.Fatal("not measured")
			}
			if p.Acked <= 0 || p.OpsPerSec <= 0 {
				t.Errorf("acked %d, %g ops/s: want > 0", p.Acked, p.OpsPerSec)
			}
			if p.Acked > p.Sent {
				t.Errorf("acked %d > sent %d", p.Acked, p.Sent)
			}
			if p.Dropped != 0 || p.Errors != 0 {
				t.Errorf("dropped %d, errors %d (%s)", p.Dropped, p.Errors, p.LastError)
			}
			for what, l := range map[string]Latency{"ack": p.Ack, "broadcast": p.Broadcast} {
				if l.Count == 0 || l.P50 <= 0 || l.P99 < l.P50 || l.Max < l.P99 {
					t.Errorf("%s latency not sane: %+v", what, l)
				}
			}
			// Three clients: every op reaches the two others.
			if got, want := p.Deliveries, 2*p.Acked; got != want {
				t.Errorf("deliveries: got %d, want %d", got, want)
			}
		})
	}
	// 30 ops/s for 1 s, a few ticks either side of the boundaries.
	if s := r.Steady; s.Sent < 27 || s.Sent > 33 || s.Acked != s.Sent {
		t.Errorf("steady: sent %d, acked %d; want about 30, all acked", s.Sent, s.Acked)
	}
	if f := r.BoltFloor; f == nil || f.PerSec <= 0 || f.Writers != 3 || f.RecordBytes < 200 {
		t.Errorf("bbolt floor not sane: %+v", f)
	}
	if r.SaturatedVsBolt <= 0 || r.BroadcastVsPlain <= 0 || r.BroadcastVsPlainSync <= 0 {
		t.Errorf("ratios: %g, %g, %g", r.SaturatedVsBolt, r.BroadcastVsPlain, r.BroadcastVsPlainSync)
	}
	if r.Memory != nil {
		t.Errorf("memory measured in-process: %+v", r.Memory)
	}
	if got, want := len(rep.Goals), 4; got != want {
		t.Errorf("goals: got %d, want %d", got, want)
	}

	rep.WriteMarkdown(&out)
	for _, want := range []string{"### 3 clients", "committed ops/s, saturated", "bbolt Batch, 3 writers", "plain + fsync", "### Goals", "GOMAXPROCS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, out.String())
		}
	}
	var back Report
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Rounds) != 1 || back.Rounds[0].Steady.Acked != r.Steady.Acked {
		t.Errorf("JSON does not round-trip: %v", err)
	}
}

func TestHist(t *testing.T) {
	var h hist
	for i := 1; i <= 1000; i++ {
		h.record(time.Duration(i) * time.Microsecond)
	}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 500 * time.Microsecond}, {0.99, 990 * time.Microsecond}} {
		got := h.quantile(c.q)
		if d := got - c.want; d < -c.want/50 || d > c.want/50 {
			t.Errorf("q%g: got %s, want %s ±2%%", c.q, got, c.want)
		}
	}
	if got, want := time.Duration(h.max.Load()), time.Millisecond; got != want {
		t.Errorf("max: got %s, want %s", got, want)
	}
	for v := uint64(0); v < 1<<20; v = v*9/8 + 1 {
		if i := bucketOf(v); bucketLow(i) > v || bucketLow(i+1) <= v {
			t.Fatalf("value %d in bucket %d = [%d, %d)", v, i, bucketLow(i), bucketLow(i+1))
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"ZeroClients":   {Clients: []int{0}},
		"NegativeRate":  {Rate: -1},
		"ShortDuration": {Duration: time.Millisecond},
		"URLNoToken":    {URL: "http://127.0.0.1:1"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Live(context.Background(), cfg); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestScan(t *testing.T) {
	op := sampleOp("0123456789 " + strings.Repeat(`say "note":"1" {"name": x `, 20))
	mustJSON := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ack := live.OpMessage{Type: live.TypeAck, OpID: "b7-12", Version: op.Version, Action: op.Action, Annotation: op.Annotation, Author: op.Author}
	bcast := ack
	bcast.Type, bcast.OpID = live.TypeOp, ""
	note, _ := strconv.ParseInt(op.Annotation.Attrs["note"], 10, 64)
	for _, c := range []struct {
		name  string
		msg   []byte
		typ   string
		opID  string
		note  int64
		users int
	}{
		{"Ack", mustJSON(ack), "ack", "b7-12", note, 0},
		{"Op", mustJSON(bcast), "op", "", note, 0},
		{"Presence", mustJSON(live.Presence{Type: live.TypePresence, Users: []live.User{{Name: "a"}, {Name: "b", Selection: &live.Span{End: 3}}}}), "presence", "", 0, 2},
		{"Error", mustJSON(live.Error{Type: live.TypeError, OpID: "b1-1", Error: `bad "note":"5"`}), "error", "b1-1", 0, 0},
		{"Welcome", mustJSON(live.Welcome{Type: live.TypeWelcome, Version: 3}), "welcome", "", 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := scan(c.msg)
			if s.typ != c.typ || string(s.opID) != c.opID || s.note != c.note || s.ok != (c.note != 0) {
				t.Errorf("scan: got %q %q %d %v, want %q %q %d", s.typ, s.opID, s.note, s.ok, c.typ, c.opID, c.note)
			}
			if got := presenceUsers(c.msg); c.typ == "presence" && got != c.users {
				t.Errorf("users: got %d, want %d", got, c.users)
			}
		})
	}
}
