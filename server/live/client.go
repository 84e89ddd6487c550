package live

import (
	"encoding/binary"
	"encoding/json"
	"net"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
)

// Conn is the part of a websocket connection live uses. Both
// github.com/fasthttp/websocket (the server side, through
// gofiber/contrib/websocket) and github.com/gorilla/websocket provide it.
type Conn interface {
	ReadMessage() (messageType int, p []byte, err error)
	WriteMessage(messageType int, data []byte) error
	WriteControl(messageType int, data []byte, deadline time.Time) error
	SetReadLimit(limit int64)
	SetReadDeadline(t time.Time) error
	SetWriteDeadline(t time.Time) error
	SetPongHandler(h func(appData string) error)
	SetCloseHandler(h func(code int, text string) error)
	NetConn() net.Conn
	Close() error
}

// Frame types and close codes, as RFC 6455 numbers them (and both
// websocket packages name them).
const (
	textMessage  = 1
	closeMessage = 8
	pingMessage  = 9

	closeNormal    = 1000
	closeGoingAway = 1001
	closeNoStatus  = 1005
	closeTryLater  = 1013

	closeGrace = time.Second
)

type client struct {
	hub   *Hub
	room  *room
	conn  Conn
	user  service.Actor // the user, and the credential the socket was opened with
	color string

	send     chan []byte
	inflight chan inflightOp // ops queued for commit, in the order sent
	done     chan struct{}   // closed by kick: the write pump closes the socket
	kickOnce sync.Once
	why      string
	code     int // close code when kicked with one (Revoke); 0: going away
	// peerClose is the close code the peer sent, or 0: the write pump
	// echoes it.
	peerClose atomic.Int32

	// Owned by the room goroutine.
	selection *Span
	expect    map[string]bool // op_ids sent and not yet acknowledged
	sent      uint64          // newest version queued to this client
}

// queue hands msg to the write pump without waiting. A client whose queue
// is full cannot keep up: it is dropped, and resyncs from the op log when
// it comes back, instead of slowing the room.
func (c *client) queue(msg []byte) {
	select {
	case c.send <- msg:
	default:
		c.kick(whySlow)
	}
}

// kick ends the connection: the write pump sends a close frame and stops.
// A slow client's socket is cut at once instead: its buffers are full, so
// no close frame would reach it, and both pumps may be blocked on it. (A
// deadline in the past is what interrupts them: on the server, Close of a
// hijacked fasthttp connection does nothing until the handler returns.)
func (c *client) kick(why string) { c.kickWith(0, why) }

// kickWith ends the connection with a close code of its own.
func (c *client) kickWith(code int, why string) {
	c.kickOnce.Do(func() {
		c.why, c.code = why, code
		close(c.done)
		if why == whySlow {
			c.hub.opt.Log.Warn("live: dropped a client that could not keep up", "user", c.user.Name, "article", c.room.article, "queue", cap(c.send))
			c.conn.NetConn().SetDeadline(time.Now())
		}
	})
}

const (
	whySlow     = "too slow: send queue full"
	whyShutdown = "server shutting down"
	whyTooMany  = "too many live sockets for this user"
)

// Serve runs one socket for a on one layer of an article ("" the gold
// layer) until it closes; it blocks for the connection's lifetime, as
// gofiber/contrib/websocket requires. The caller has checked that a may
// read that layer.
func (h *Hub) Serve(conn Conn, article uint64, layer string, a service.Actor) {
	c := &client{hub: h, conn: conn, user: a, color: ColorOf(a.Name),
		send: make(chan []byte, h.opt.SendQueue), inflight: make(chan inflightOp, maxInflight),
		done: make(chan struct{}), expect: map[string]bool{}}
	h.mu.Lock()
	if h.closed || h.socketsOf(a.Name) >= h.opt.MaxPerUser {
		why := whyShutdown
		if !h.closed {
			why = whyTooMany // the guard checks before the upgrade; this is the race it lost
		}
		h.mu.Unlock()
		conn.WriteControl(closeMessage, closeFrame(closeTryLater, why), time.Now().Add(time.Second))
		conn.Close()
		return
	}
	h.clients[c] = struct{}{}
	h.conns.Add(1)
	h.mu.Unlock()
	defer h.conns.Done()

	c.room = h.acquire(article, layer)
	writerDone := make(chan struct{})
	go func() { c.writePump(); close(writerDone) }()
	committed := make(chan struct{})
	go func() { c.commitPump(); close(committed) }()
	c.readPump()
	close(c.inflight)
	<-committed // its last events reach the room before leave and release
	// Leave before the close frame goes out: a browser that waits for its
	// socket's close (as the editor does on its way back to the list) then
	// finds itself gone from the room's presence.
	c.room.do(func() { c.room.leave(c) })
	c.kick("")
	<-writerDone
	h.release(c.room)
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func closeFrame(code int, text string) []byte {
	b := []byte{byte(code >> 8), byte(code)}
	return append(b, text...)
}

func (c *client) readPump() {
	opt := c.hub.opt
	c.conn.SetReadLimit(opt.MaxMessage)
	c.conn.SetReadDeadline(time.Now().Add(opt.PongWait))
	c.conn.SetPongHandler(func(string) error { return c.conn.SetReadDeadline(time.Now().Add(opt.PongWait)) })
	// The peer's close is answered by the write pump after this client has
	// left the room, not at once as the packages' default handler does.
	c.conn.SetCloseHandler(func(code int, _ string) error {
		c.peerClose.Store(int32(code))
		return nil
	})
	joined := false
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return // closed, dead (no pong), or over the read limit
		}
		c.conn.SetReadDeadline(time.Now().Add(opt.PongWait))
		var m ClientMessage
		if err := json.Unmarshal(data, &m); err != nil {
			c.queue(mustJSON(Error{Type: TypeError, Error: "malformed JSON: " + err.Error()}))
			continue
		}
		switch {
		case m.Type == TypeHello && !joined:
			var jerr error
			c.room.do(func() { jerr = c.room.join(c, m.Since) })
			if jerr != nil {
				c.queue(mustJSON(Error{Type: TypeError, Error: model.ErrorMessage(jerr)}))
				return
			}
			joined = true
		case m.Type == TypeHello:
			c.queue(mustJSON(Error{Type: TypeError, Error: "hello was sent already"}))
		case !joined:
			c.queue(mustJSON(Error{Type: TypeError, Error: "send hello first"}))
		case m.Type == "op":
			c.op(m)
		case m.Type == TypePresence:
			sel := m.Selection
			var bad bool
			c.room.do(func() {
				// Others' editors draw it: only a span of this text.
				if bad = sel != nil && (sel.Start < 0 || sel.End < sel.Start || sel.End > c.room.length); !bad {
					c.selection = sel
					c.room.presence()
				}
			})
			if bad {
				c.queue(mustJSON(Error{Type: TypeError, Code: model.EINVALID, Error: "the selection is not a span of the article"}))
			}
		default:
			c.queue(mustJSON(Error{Type: TypeError, Error: "unknown message type " + quote(m.Type)}))
		}
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// maxInflight is how many of one socket's ops may wait for their commit
// at once. A socket's ops queue for the group commit in the order they
// arrive and are applied in that order, so a client that sends several
// before the first ack (a script, gloss bench) gets them into one shared
// transaction instead of one commit per round trip; the read pump stops
// reading when this many wait.
const maxInflight = 32

// inflightOp is an op queued for commit: what the client sent and how to
// wait for the outcome.
type inflightOp struct {
	m    ClientMessage
	wait func() (model.Op, error)
}

// op queues one client op for commit. The room is told to expect it first,
// so that it turns the op into an ack for this client in its place in the
// log, whoever wakes the room first. The op is decoded, validated and
// permission-checked by the store (the application layer), exactly as
// its REST twin; only what the protocol itself needs is checked here.
func (c *client) op(m ClientMessage) {
	if m.OpID == "" {
		c.queue(mustJSON(Error{Type: TypeError, Code: model.EINVALID, Error: "an op needs an op_id"}))
		return
	}
	body := m.Annotation
	if m.Action.OnRelation() {
		body = m.Relation
	}
	if len(body) == 0 || string(body) == "null" {
		what := "an annotation"
		if m.Action.OnRelation() {
			what = "a relation"
		}
		c.queue(mustJSON(Error{Type: TypeError, OpID: m.OpID, Code: model.EINVALID, Error: "an op needs " + what}))
		return
	}
	c.room.do(func() { c.expect[m.OpID] = true })
	// The change goes to the room's layer, or is refused.
	layer := c.room.layer
	if layer == "" {
		layer = model.Gold
	}
	req := service.ChangeRequest{Action: m.Action, Body: body, OpID: m.OpID, Layer: layer}
	c.inflight <- inflightOp{m: m, wait: c.hub.store.Submit(c.user, c.room.article, req)}
}

// commitPump waits for each queued op's commit, in order, and reports it.
func (c *client) commitPump() {
	for p := range c.inflight {
		c.committed(p.m, p.wait)
	}
}

func (c *client) committed(m ClientMessage, wait func() (model.Op, error)) {
	op, err := wait()
	c.hub.opt.OnOp(err == nil)
	if err != nil {
		c.room.do(func() { delete(c.expect, m.OpID) })
		c.queue(mustJSON(errorMessage(m.OpID, err)))
		return
	}
	c.room.events <- func() {
		// The room may have read this op before c waited for it: a replayed
		// op_id returns an op committed long ago, or one that the dropped
		// connection's commit wrote a moment ago. The room will not read it
		// again, so acknowledge it here, after what c has not been sent
		// before it.
		if !c.expect[m.OpID] || op.Version > c.room.last {
			return // not yet read: the room acknowledges it when it does
		}
		if op.Version > c.sent {
			c.room.sendUpTo(c, op.Version)
		}
		if c.expect[m.OpID] {
			delete(c.expect, m.OpID)
			c.queue(mustJSON(opMessage(TypeAck, op)))
		}
	}
	c.hub.opt.Notifier.Notify(c.room.article)
}

func (c *client) writePump() {
	opt := c.hub.opt
	ticker := time.NewTicker(opt.PingPeriod)
	defer func() {
		ticker.Stop()
		code, why := closeGoingAway, ""
		select {
		case <-c.done: // kicked: c.why and c.code were written before done closed
			why = c.why
			if c.code != 0 {
				code = c.code
			}
		default:
		}
		switch pc := int(c.peerClose.Load()); {
		case why != "" || pc == 0:
		case pc == closeNoStatus:
			code = closeNormal // 1005 names a missing code; it is never sent
		default:
			code = pc // echo the peer's close, as RFC 6455 5.5.1 asks
		}
		if why != whySlow {
			c.conn.WriteControl(closeMessage, closeFrame(code, why), time.Now().Add(time.Second))
			// Give the peer a moment to answer the close, then end the
			// read pump whatever it does.
			c.conn.SetReadDeadline(time.Now().Add(closeGrace))
		}
		c.conn.Close()
	}()
	for {
		select {
		case msg := <-c.send:
			if err := c.writeQueued(msg); err != nil {
				return
			}
		case <-ticker.C:
			if err := c.conn.WriteControl(pingMessage, nil, time.Now().Add(opt.WriteWait)); err != nil {
				return
			}
		case <-c.done:
			return
		}
	}
}

func sortUsers(us []User) {
	sort.Slice(us, func(i, j int) bool { return us[i].Name < us[j].Name })
}

// writeQueued writes msg and whatever else is queued behind it (up to
// coalesceBytes) as text frames in one write to the socket. The websocket
// package makes a write syscall per message; under load a member's queue
// holds several (its ack after a catch-up, a fan-out), and the syscalls
// were the server's largest cost (38% of its CPU at 100 clients).
//
// Writing frames beside the package is safe because every other frame it
// writes (ping from this pump, pong and close answers from the read side)
// goes out in one Write call of whole frames, and a net.Conn's Writes do
// not interleave.
func (c *client) writeQueued(msg []byte) error {
	bp := framePool.Get().(*[]byte)
	defer framePool.Put(bp)
	b := appendTextFrame((*bp)[:0], msg)
more:
	for len(b) < coalesceBytes {
		select {
		case m := <-c.send:
			b = appendTextFrame(b, m)
		default:
			break more
		}
	}
	*bp = b
	nc := c.conn.NetConn()
	if err := nc.SetWriteDeadline(time.Now().Add(c.hub.opt.WriteWait)); err != nil {
		return err
	}
	_, err := nc.Write(b)
	if cap(b) > 4*coalesceBytes {
		*bp = nil // one huge message: do not keep its buffer
	}
	return err
}

// coalesceBytes bounds how much writeQueued gathers before it writes.
const coalesceBytes = 64 << 10

var framePool = sync.Pool{New: func() any { return new([]byte) }}

// appendTextFrame appends msg as one unmasked, final text frame, as a
// server sends it (RFC 6455 section 5.2).
func appendTextFrame(b, msg []byte) []byte {
	b = append(b, 0x80|textMessage) // FIN, opcode
	switch n := len(msg); {
	case n <= 125:
		b = append(b, byte(n))
	case n <= 0xffff:
		b = append(b, 126, byte(n>>8), byte(n))
	default:
		b = append(b, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, msg...)
}
