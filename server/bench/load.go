package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage/model"
)

const (
	dialWorkers  = 16               // sockets opened at once
	joinTimeout  = 60 * time.Second // all N dialled, welcomed and shown in presence
	drainTimeout = 15 * time.Second // outstanding acks and broadcasts after a phase
	settleQuiet  = 300 * time.Millisecond
	closeTimeout = 10 * time.Second
	benchUser    = "bench"
	claimLabel   = "CLAIM"
)

// Phase is what one load phase measured.
type Phase struct {
	Clients int     `json:"clients"` // connected at the end of the phase
	Seconds float64 `json:"seconds"`
	Sent    int64   `json:"sent"`
	Acked   int64   `json:"acked"`
	// OpsPerSec is committed (acknowledged) ops per second: for the steady
	// phase every ack over the time from the first send to the last
	// receipt; for the saturated phase the acks that arrived within it.
	OpsPerSec        float64 `json:"ops_per_sec"`
	Deliveries       int64   `json:"deliveries"` // ops received by clients other than their sender
	DeliveriesPerSec float64 `json:"deliveries_per_sec"`
	Ack              Latency `json:"ack"`       // send → the sender's ack
	Broadcast        Latency `json:"broadcast"` // send → each other client's receipt
	// SendLag is how far the steady phase's sends fell behind their fixed
	// schedule (the clients' own delay, which latencies do not include).
	SendLag Latency `json:"send_lag"`
	Dropped int     `json:"dropped"` // sockets that ended during the phase
	Errors  int64   `json:"errors"`  // "error" messages, and sockets the server ended
	// ServerCores and ClientCores are the CPU the server process and the
	// benchmark's clients used during the phase, in cores (of nproc);
	// ServerCores is 0 when the server is not a child process.
	ServerCores float64 `json:"server_cores"`
	ClientCores float64 `json:"client_cores"`
	LastError   string  `json:"last_error,omitempty"`
}

// phase collects one phase's receipts from every reader goroutine. An op
// belongs to the phase it was sent in, told by its send time.
type phase struct {
	start, end atomic.Int64 // unix ns
	sent       atomic.Int64
	acks       atomic.Int64
	acksIn     atomic.Int64 // acks received before end
	bcasts     atomic.Int64
	bcastsIn   atomic.Int64
	lastRecv   atomic.Int64
	ack, bcast hist
	lag        hist // steady: how late sends left behind their schedule
}

// fleet is N clients on one article of one server.
type fleet struct {
	kind    Kind
	base    string
	token   string
	article uint64
	text    *model.RuneIndex
	window  int
	pid     int // the server's, for its CPU time; 0 if unknown

	clients []*benchClient
	readers sync.WaitGroup
	closing atomic.Bool
	bytes   atomic.Int64 // received, all messages
	errors  atomic.Int64
	lastErr atomic.Pointer[string]
	phases  [2]phase // steady, saturated
}

type benchClient struct {
	f        *fleet
	conn     *socket
	prefix   []byte // of its op_ids: tells its own echo on the plain server
	welcomed chan struct{}
	gone     chan struct{} // closed when the reader stops
	users    atomic.Int64  // size of the last presence list
	inflight atomic.Int64
	credits  chan struct{} // saturated phase: a slot per ack

	// Sender side only.
	rng *rand.Rand
	seq int
}

func newFleet(kind Kind, base, token string, article uint64, text string, window int) *fleet {
	return &fleet{kind: kind, base: base, token: token, article: article, text: model.NewRuneIndex(text), window: window}
}

// connect opens n sockets, says hello on each and waits until every one
// is welcomed and (on gloss) sees all n in its presence list. It returns
// how long that took; f.bytes then holds what the clients received.
func (f *fleet) connect(ctx context.Context, n int) (time.Duration, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, joinTimeout)
	defer cancel()
	f.clients = make([]*benchClient, n)
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		dialErr atomic.Pointer[error]
	)
	for range min(dialWorkers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || dialErr.Load() != nil {
					return
				}
				c, err := f.dial(ctx, i)
				if err != nil {
					dialErr.CompareAndSwap(nil, &err)
					return
				}
				f.clients[i] = c
			}
		})
	}
	wg.Wait()
	if p := dialErr.Load(); p != nil {
		return 0, *p
	}
	for _, c := range f.clients {
		select {
		case <-c.welcomed:
		case <-c.gone:
			return 0, errors.New("a socket closed before its welcome")
		case <-ctx.Done():
			return 0, fmt.Errorf("%d sockets: not all welcomed within %s", n, joinTimeout)
		}
	}
	if f.kind == KindGloss {
		// The presence storm of n joins is part of joining: wait until
		// every client has seen it through.
		for !f.everyoneSees(n) {
			select {
			case <-ctx.Done():
				return 0, fmt.Errorf("%d sockets: presence did not show all of them within %s", n, joinTimeout)
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	return time.Since(start), nil
}

func (f *fleet) everyoneSees(n int) bool {
	for _, c := range f.clients {
		select {
		case <-c.gone:
			continue
		default:
		}
		if c.users.Load() < int64(n) {
			return false
		}
	}
	return true
}

func (f *fleet) dial(ctx context.Context, i int) (*benchClient, error) {
	conn, err := dialSocket(ctx, f.base, f.article, f.token)
	if err != nil {
		return nil, err
	}
	c := &benchClient{f: f, conn: conn, prefix: []byte("b" + strconv.Itoa(i) + "-"),
		welcomed: make(chan struct{}), gone: make(chan struct{}), credits: make(chan struct{}, f.window),
		rng: rand.New(rand.NewPCG(uint64(i), 0x6c6f7373))}
	f.readers.Add(1)
	go c.read()
	if f.kind == KindPlain {
		close(c.welcomed) // the relay has no handshake
		return c, nil
	}
	if err := conn.sendJSON(live.ClientMessage{Type: live.TypeHello}); err != nil {
		conn.close()
		return nil, fmt.Errorf("hello: %w", err)
	}
	return c, nil
}

// read is the client's one reader: it timestamps every message on arrival
// and files it under the phase its op was sent in.
func (c *benchClient) read() {
	f := c.f
	defer f.readers.Done()
	defer close(c.gone)
	var welcomeOnce sync.Once
	for {
		msg, err := c.conn.read()
		now := time.Now().UnixNano()
		if err != nil {
			if !f.closing.Load() {
				f.fail("socket ended: " + err.Error())
			}
			return
		}
		f.bytes.Add(int64(len(msg)))
		m := scan(msg)
		switch m.typ {
		case live.TypeWelcome:
			welcomeOnce.Do(func() { close(c.welcomed) })
		case live.TypePresence:
			c.users.Store(int64(presenceUsers(msg)))
		case live.TypeError:
			var e client.Message
			if err := json.Unmarshal(msg, &e); err != nil {
				e.Error = "undecodable error message: " + err.Error()
			}
			f.fail("server: " + e.Error)
			if e.OpID != "" {
				c.inflight.Add(-1) // refused: no ack will come
			}
		case live.TypeOps:
			// Ops that reached the room together come as one message (to
			// everyone but their senders, who get acks).
			for _, note := range notes(msg) {
				p := f.phaseOf(note)
				p.bcast.record(time.Duration(now - note))
				p.bcasts.Add(1)
				if now <= p.end.Load() {
					p.bcastsIn.Add(1)
				}
				f.received(p, now)
			}
		case live.TypeAck, live.TypeOp:
			if !m.ok {
				continue // an op this benchmark did not send
			}
			p := f.phaseOf(m.note)
			lat := time.Duration(now - m.note)
			own := m.typ == live.TypeAck
			if f.kind == KindPlain {
				own = bytes.HasPrefix(m.opID, c.prefix)
			}
			if own {
				p.ack.record(lat)
				p.acks.Add(1)
				if now <= p.end.Load() {
					p.acksIn.Add(1)
				}
				c.inflight.Add(-1)
				if p == &f.phases[1] {
					select {
					case c.credits <- struct{}{}:
					default:
					}
				}
			} else {
				p.bcast.record(lat)
				p.bcasts.Add(1)
				if now <= p.end.Load() {
					p.bcastsIn.Add(1)
				}
			}
			f.received(p, now)
		}
	}
}

// received notes the time of the phase's latest delivery.
func (f *fleet) received(p *phase, now int64) {
	for {
		last := p.lastRecv.Load()
		if now <= last || p.lastRecv.CompareAndSwap(last, now) {
			return
		}
	}
}

func (f *fleet) fail(msg string) {
	f.errors.Add(1)
	f.lastErr.Store(&msg)
}

func (f *fleet) phaseOf(sent int64) *phase {
	if b := f.phases[1].start.Load(); b != 0 && sent >= b {
		return &f.phases[1]
	}
	return &f.phases[0]
}

// send sends one create of a CLAIM span, stamped with its send time.
func (c *benchClient) send(p *phase) error {
	c.seq++
	id := string(c.prefix) + strconv.Itoa(c.seq)
	start, end := claimSpan(c.rng, c.f.text.Len())
	now := time.Now()
	note := strconv.FormatInt(now.UnixNano(), 10)
	c.inflight.Add(1)
	p.sent.Add(1)
	var err error
	if c.f.kind == KindPlain {
		err = c.conn.sendJSON(plainMessage(c.f.text, c.f.article, uint64(c.seq), id, start, end, note, now))
	} else {
		label := claimLabel
		err = c.conn.sendJSON(live.ClientMessage{Type: "op", OpID: id, Action: model.ActionCreate,
			Annotation: live.Encode(live.AnnotationFields{Start: &start, End: &end, Label: &label, Attrs: map[string]string{"note": note}})})
	}
	if err != nil {
		c.inflight.Add(-1)
		c.conn.close() // the reader sees it and stops
	}
	return err
}

// claimSpan picks a sentence-sized span: 60 to 179 code points.
func claimSpan(rng *rand.Rand, length int) (int, int) {
	n := min(60+rng.IntN(120), length)
	start := rng.IntN(length - n + 1)
	return start, start + n
}

// plainMessage is what gloss broadcasts for such an op (an "ack" as its
// sender gets it, op_id included), so that the plain server relays the
// same bytes gloss sends.
func plainMessage(text *model.RuneIndex, article, seq uint64, opID string, start, end int, note string, at time.Time) live.OpMessage {
	at = at.UTC()
	return live.OpMessage{Type: live.TypeOp, OpID: opID, Version: seq, Action: model.ActionCreate, Author: benchUser,
		Annotation: model.Annotation{ID: seq, Article: article, Start: start, End: end, Label: claimLabel,
			Attrs: map[string]string{"note": note, "verdict": "unverified"}, Text: text.Slice(start, end),
			Author: benchUser, CreatedAt: at, UpdatedAt: at, Version: seq}}
}

func (f *fleet) alive() []*benchClient {
	var out []*benchClient
	for _, c := range f.clients {
		select {
		case <-c.gone:
		default:
			out = append(out, c)
		}
	}
	return out
}

// steady sends rate ops/s in all, spread evenly: each client ticks at
// n/rate on a fixed schedule, the clients' ticks staggered across it.
func (f *fleet) steady(ctx context.Context, rate float64, d time.Duration) Phase {
	p := &f.phases[0]
	cs := f.alive()
	n := len(cs)
	if n == 0 || rate <= 0 {
		return Phase{}
	}
	cpu := startCPU(f.pid)
	interval := time.Duration(float64(n) / rate * float64(time.Second))
	start := time.Now().Add(20 * time.Millisecond)
	end := start.Add(d)
	p.start.Store(start.UnixNano())
	p.end.Store(end.UnixNano())
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Go(func() {
			t := start.Add(interval * time.Duration(i) / time.Duration(n))
			timer := time.NewTimer(time.Until(t))
			defer timer.Stop()
			for t.Before(end) {
				select {
				case <-timer.C:
				case <-c.gone:
					return
				case <-ctx.Done():
					return
				}
				p.lag.record(time.Since(t))
				if c.send(p) != nil {
					return
				}
				t = t.Add(interval)
				timer.Reset(time.Until(t))
			}
		})
	}
	wg.Wait()
	f.drain(ctx, p)
	r := f.result(p, n)
	r.ServerCores, r.ClientCores = cpu.stop()
	if last := p.lastRecv.Load(); last > p.start.Load() {
		r.Seconds = time.Duration(last - p.start.Load()).Seconds()
		r.OpsPerSec = float64(r.Acked) / r.Seconds
		r.DeliveriesPerSec = float64(r.Deliveries) / r.Seconds
	}
	return r
}

// saturate keeps window ops in flight per client, sending the next as
// soon as an ack returns, for d.
func (f *fleet) saturate(ctx context.Context, d time.Duration) Phase {
	p := &f.phases[1]
	cs := f.alive()
	n := len(cs)
	if n == 0 {
		return Phase{}
	}
	cpu := startCPU(f.pid)
	start := time.Now()
	end := start.Add(d)
	p.end.Store(end.UnixNano())
	p.start.Store(start.UnixNano()) // from here on, ops are filed under this phase
	sending, cancel := context.WithDeadline(ctx, end)
	defer cancel()
	var wg sync.WaitGroup
	for _, c := range cs {
		for range f.window {
			c.credits <- struct{}{}
		}
		wg.Go(func() {
			for {
				select {
				case <-c.credits:
				case <-c.gone:
					return
				case <-sending.Done():
					return
				}
				if !time.Now().Before(end) || c.send(p) != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	f.drain(ctx, p)
	r := f.result(p, n)
	r.ServerCores, r.ClientCores = cpu.stop()
	r.Seconds = d.Seconds()
	r.OpsPerSec = float64(p.acksIn.Load()) / r.Seconds
	r.DeliveriesPerSec = float64(p.bcastsIn.Load()) / r.Seconds
	return r
}

// drain waits, boundedly, for the acks of every op sent and then for the
// broadcasts to stop arriving.
func (f *fleet) drain(ctx context.Context, p *phase) {
	deadline := time.Now().Add(drainTimeout)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		pending := int64(0)
		for _, c := range f.alive() {
			pending += max(c.inflight.Load(), 0)
		}
		if pending == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	last, quiet := p.bcasts.Load(), time.Duration(0)
	for quiet < settleQuiet && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
		if now := p.bcasts.Load(); now != last {
			last, quiet = now, 0
		} else {
			quiet += 20 * time.Millisecond
		}
	}
}

func (f *fleet) result(p *phase, before int) Phase {
	r := Phase{Sent: p.sent.Load(), Acked: p.acks.Load(), Deliveries: p.bcasts.Load(),
		Ack: p.ack.latency(), Broadcast: p.bcast.latency(), SendLag: p.lag.latency(), Errors: f.errors.Swap(0)}
	r.Clients = len(f.alive())
	r.Dropped = before - r.Clients
	if e := f.lastErr.Swap(nil); e != nil {
		r.LastError = *e
	}
	return r
}

// close closes every socket (without a close handshake, as a dropped
// network would) and waits for the readers.
func (f *fleet) close() {
	f.closing.Store(true)
	for _, c := range f.clients {
		if c != nil {
			c.conn.close()
		}
	}
	done := make(chan struct{})
	go func() { f.readers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(closeTimeout):
	}
}
