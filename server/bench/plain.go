package bench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

// PlainConfig is what `gloss bench plain-server` parses from its flags.
type PlainConfig struct {
	Addr string // host:port; port 0 picks a free one
	// Log, when set, makes the relay durable: every message is appended to
	// this file and fsynced before it is relayed, the messages that arrive
	// during one fsync sharing the next. The floor of any server that
	// broadcasts a change only once it is on disk, as gloss does.
	Log string
	// Ready, when set, is called with the listening address once the
	// server accepts connections.
	Ready func(addr string)
}

// The plain server's settings: the live hub's defaults (server/live/hub.go),
// so that the floor differs from gloss only by what gloss does per op.
const (
	plainWriteWait  = 10 * time.Second
	plainMaxMessage = 64 << 10
	plainSendQueue  = 4096
	plainEvents     = 256
)

// RunPlain serves the plain broadcast floor until ctx is done: Fiber v2
// and gofiber/contrib/websocket like gloss, no storage, one room. Every
// text message a socket sends is queued, unchanged, to every socket in the
// room, the sender included (its "ack"), by one room goroutine, and written
// by each socket's write pump: the shape of gloss's live hub without the
// op log. Sockets live at /api/articles/:id/live so that gloss's client
// dials it unchanged; the id and any credentials are ignored.
func RunPlain(ctx context.Context, pc PlainConfig) error {
	ln, err := net.Listen("tcp", pc.Addr)
	if err != nil {
		return fmt.Errorf("plain server: listen on %s: %w", pc.Addr, err)
	}
	return servePlain(ctx, ln, pc)
}

func servePlain(ctx context.Context, ln net.Listener, pc PlainConfig) error {
	r := &plainRoom{conns: map[*plainConn]struct{}{}, members: map[*plainConn]struct{}{}, events: make(chan plainEvent, plainEvents), quit: make(chan struct{})}
	if pc.Log != "" {
		f, err := os.OpenFile(pc.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			ln.Close()
			return fmt.Errorf("plain server: %w", err)
		}
		defer f.Close()
		r.durable = make(chan []byte, plainSendQueue)
		go r.sync(f)
	}
	go r.run()
	ready := pc.Ready
	app := fiber.New(fiber.Config{AppName: "gloss-bench-plain", DisableStartupMessage: true,
		ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second})
	app.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"ok": true}) })
	app.Get("/api/articles/:id/live", func(c *fiber.Ctx) error {
		if !websocket.IsWebSocketUpgrade(c) {
			return fiber.ErrUpgradeRequired
		}
		if c.Get(fiber.HeaderOrigin) != "" {
			// Benchmark clients are scripts: no page may open a socket here.
			return fiber.ErrForbidden
		}
		return c.Next()
	}, websocket.New(func(conn *websocket.Conn) { r.serve(conn.Conn) },
		websocket.Config{Origins: []string{"*"}})) // the guard above refuses any Origin

	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		r.close()
		return err
	case <-ctx.Done():
	}
	r.close() // Fiber's shutdown does not close upgraded sockets
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := app.ShutdownWithContext(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

type plainEvent struct {
	join, leave *plainConn
	msg         []byte
}

type plainRoom struct {
	mu      sync.Mutex // guards conns and closed, for close
	conns   map[*plainConn]struct{}
	closed  bool
	wg      sync.WaitGroup
	members map[*plainConn]struct{} // owned by run
	events  chan plainEvent
	quit    chan struct{}
	durable chan []byte // with a Log: messages waiting for their fsync
}

// sync appends what waits in durable to f, fsyncs, and only then relays
// it: a group commit, like gloss's, without a database.
func (r *plainRoom) sync(f *os.File) {
	var (
		batch [][]byte
		buf   []byte // the batch as appended: one write, then one fsync
	)
	for {
		select {
		case m := <-r.durable:
			batch = append(batch[:0], m)
		case <-r.quit:
			return
		}
	fill:
		for {
			select {
			case m := <-r.durable:
				batch = append(batch, m)
			default:
				break fill
			}
		}
		buf = buf[:0]
		for _, m := range batch {
			buf = append(append(buf, m...), '\n')
		}
		if _, err := f.Write(buf); err != nil {
			panic(fmt.Sprintf("plain server: append: %v", err))
		}
		if err := f.Sync(); err != nil {
			panic(fmt.Sprintf("plain server: fsync: %v", err)) // a floor that cannot sync measures nothing
		}
		for _, m := range batch {
			select {
			case r.events <- plainEvent{msg: m}:
			case <-r.quit:
				return
			}
		}
	}
}

type plainConn struct {
	ws       wsConn
	send     chan []byte
	done     chan struct{}
	kickOnce sync.Once
}

// wsConn is the part of fasthttp/websocket's Conn the plain server uses.
type wsConn interface {
	ReadMessage() (int, []byte, error)
	WriteMessage(int, []byte) error
	SetReadLimit(int64)
	SetWriteDeadline(time.Time) error
	NetConn() net.Conn
	Close() error
}

func (c *plainConn) kick() {
	c.kickOnce.Do(func() {
		close(c.done)
		c.ws.NetConn().SetDeadline(time.Now()) // unblocks both pumps
	})
}

func (r *plainRoom) run() {
	for {
		select {
		case e := <-r.events:
			switch {
			case e.join != nil:
				r.members[e.join] = struct{}{}
			case e.leave != nil:
				delete(r.members, e.leave)
			default:
				for c := range r.members {
					select {
					case c.send <- e.msg:
					default:
						c.kick() // too slow: dropped, as gloss drops it
					}
				}
			}
		case <-r.quit:
			return
		}
	}
}

// serve blocks for the connection's lifetime, as contrib/websocket needs.
func (r *plainRoom) serve(ws wsConn) {
	c := &plainConn{ws: ws, send: make(chan []byte, plainSendQueue), done: make(chan struct{})}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		ws.Close()
		return
	}
	r.conns[c] = struct{}{}
	r.wg.Add(1)
	r.mu.Unlock()
	defer r.wg.Done()

	r.events <- plainEvent{join: c}
	writerDone := make(chan struct{})
	go func() { c.writePump(); close(writerDone) }()
	ws.SetReadLimit(plainMaxMessage)
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			break
		}
		if r.durable != nil {
			r.durable <- msg
		} else {
			r.events <- plainEvent{msg: msg}
		}
	}
	c.kick()
	<-writerDone
	r.events <- plainEvent{leave: c}
	r.mu.Lock()
	delete(r.conns, c)
	r.mu.Unlock()
}

func (c *plainConn) writePump() {
	defer c.ws.Close()
	for {
		select {
		case msg := <-c.send:
			c.ws.SetWriteDeadline(time.Now().Add(plainWriteWait))
			if err := c.ws.WriteMessage(websocket.TextMessage, msg); err != nil {
				return
			}
		case <-c.done:
			return
		}
	}
}

// close cuts every socket and waits for their handlers; then the room stops.
func (r *plainRoom) close() {
	r.mu.Lock()
	r.closed = true
	for c := range r.conns {
		c.kick()
	}
	r.mu.Unlock()
	r.wg.Wait()
	close(r.quit)
}
