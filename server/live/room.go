package live

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
)

// room is one article's live session. Its goroutine (run) owns members,
// the read state of the op log and every client's room-side state; others
// talk to it through events and wake.
//
// Ops reach members in two ways. A sender gets its ack as soon as the room
// has read its op from the log, preceded by whatever it had not been sent
// yet, so that its stream stays in version order. Everyone else gets the
// ops in batches, at most one batch per deliverGap: a delivery costs a
// frame and a write per member whatever it carries, so under load the
// fan-out is what has to wait, not the acknowledgement. Each client keeps
// the newest version it has been sent (client.sent); buf holds the ops not
// yet sent to every member.
type room struct {
	hub     *Hub
	article uint64
	layer   string // "" the gold layer, else an annotator's
	refs    int    // guarded by hub.mu

	wake    chan struct{} // "the op log has grown": coalesced
	events  chan func()   // run on the room goroutine, in order
	quit    chan struct{}
	members map[*client]struct{}
	byUser  map[string][]*client // members by user name: who may wait for an op's ack
	started bool
	length  int // the article's code points, read when the room starts

	last    uint64      // newest version read from the op log
	flushed uint64      // every member has been sent everything up to here
	buf     []pendingOp // the ops after flushed, up to last, in order

	lastFlush time.Time
	held      <-chan time.Time  // set while a flush waits for its turn
	segments  map[[2]int][]byte // during a flush: combine(buf[i:j]) by [i, j]

	presencePending bool // a presence message is scheduled
}

// pendingOp is an op read from the log with its "op" message, encoded once
// for every member it goes to.
type pendingOp struct {
	op  model.Op
	msg []byte
}

func newRoom(h *Hub, article uint64, layer string) *room {
	return &room{hub: h, article: article, layer: layer, wake: make(chan struct{}, 1), events: make(chan func(), 256),
		quit: make(chan struct{}), members: map[*client]struct{}{}, byUser: map[string][]*client{}}
}

func (r *room) wakeUp() {
	select {
	case r.wake <- struct{}{}:
	default: // a wake-up is pending already; it will read everything
	}
}

// do runs fn on the room goroutine and waits for it.
func (r *room) do(fn func()) {
	done := make(chan struct{})
	r.events <- func() { fn(); close(done) }
	<-done
}

func (r *room) run() {
	for {
		select {
		case fn := <-r.events:
			fn()
		case <-r.wake:
			r.read()
		case <-r.held:
			r.held = nil
			r.flush()
		case <-r.quit:
			for {
				select {
				case fn := <-r.events:
					fn()
				default:
					return
				}
			}
		}
		r.scheduleFlush()
	}
}

// scheduleFlush flushes buf now, or when the room's gap since the last
// flush has passed. The first op after a quiet spell goes out at once.
func (r *room) scheduleFlush() {
	if len(r.buf) == 0 || r.held != nil {
		return
	}
	if wait := r.deliverGap() - time.Since(r.lastFlush); wait > 0 {
		r.held = time.After(wait)
		return
	}
	r.flush()
}

// deliverGap is the least time between two fan-outs of a room: 80 µs per
// member, so 0.8 ms for 10 people and 40 ms for 500. Under sustained load,
// ops that arrive within the gap travel together as one "ops" message; the
// first op after a quiet spell goes out at once. The fan-out's cost is a
// write per member per message, so the gap is what bounds it; acks do not
// wait for it, so a longer gap frees CPU for them. gloss bench live,
// 500 ops/s, three alternating rounds each: at 500 clients, 40 µs gave ack
// p99 42-54 ms and broadcast p99 64-75 ms, 80 µs 26-28 ms and 59-61 ms
// (server 0.72-0.76 cores instead of 0.93-0.99; 20 µs 49-152 ms); at 100
// clients broadcast p99 was 13-17 ms at 10, 40 and 80 µs alike.
func (r *room) deliverGap() time.Duration {
	return time.Duration(len(r.members)) * 80 * time.Microsecond
}

// read takes the new ops from the log into buf and acknowledges, at once,
// every op a member is waiting for.
func (r *room) read() {
	if !r.started {
		return // nobody has joined yet; join reads the state itself
	}
	ops, _, err := r.hub.store.OpsSince(r.article, r.layer, r.last, math.MaxInt)
	if err != nil {
		r.hub.opt.Log.Error("live: read op log", "article", r.article, "err", err)
		return
	}
	if len(ops) == 0 {
		return
	}
	for _, op := range ops {
		r.buf = append(r.buf, pendingOp{op: op, msg: mustJSON(opMessage(TypeOp, op))})
	}
	r.last = ops[len(ops)-1].Version
	for _, op := range ops {
		if op.OpID == "" {
			continue
		}
		for _, c := range r.byUser[op.Author] {
			if c.expects(op) {
				r.sendUpTo(c, op.Version)
			}
		}
	}
}

// expects reports whether op is one c sent and waits to have acknowledged.
func (c *client) expects(op model.Op) bool {
	return op.OpID != "" && op.Author == c.user.Name && c.expect[op.OpID]
}

// sendUpTo queues to c every op of buf after c.sent up to version upTo:
// the ops c waits for as acks, the runs between them as one message each.
func (r *room) sendUpTo(c *client, upTo uint64) {
	i := sort.Search(len(r.buf), func(i int) bool { return r.buf[i].op.Version > c.sent })
	start := i
	for ; i < len(r.buf) && r.buf[i].op.Version <= upTo; i++ {
		if op := r.buf[i].op; c.expects(op) {
			if i > start {
				c.queue(r.segment(start, i))
			}
			delete(c.expect, op.OpID)
			c.queue(mustJSON(opMessage(TypeAck, op)))
			start = i + 1
		}
	}
	if i > start {
		c.queue(r.segment(start, i))
	}
	if i > 0 && r.buf[i-1].op.Version > c.sent {
		c.sent = r.buf[i-1].op.Version
	}
}

// flush sends buf to every member that has not had all of it. Members
// that were sent the same part of it get the same message, encoded once:
// most of a room had none of it, and under load many of them also wait
// for acks, which split their part at the same places only by chance.
func (r *room) flush() {
	r.lastFlush = time.Now()
	if len(r.buf) == 0 {
		return
	}
	r.segments = map[[2]int][]byte{}
	for c := range r.members {
		if c.sent < r.last {
			r.sendUpTo(c, r.last)
		}
	}
	r.segments = nil
	r.flushed = r.last
	clear(r.buf) // the encoded messages are queued or done with
	r.buf = r.buf[:0]
}

// segment is combine(buf[i:j]), from the flush's cache when it has it.
func (r *room) segment(i, j int) []byte {
	if b, ok := r.segments[[2]int{i, j}]; ok {
		return b
	}
	b := combine(r.buf[i:j])
	if r.segments != nil {
		r.segments[[2]int{i, j}] = b
	}
	return b
}

// combine makes one message of op messages: the message itself when
// there is one, an "ops" message otherwise.
func combine(ops []pendingOp) []byte {
	if len(ops) == 1 {
		return ops[0].msg
	}
	n := len(`{"type":"ops","ops":[]}`) + len(ops)
	for _, p := range ops {
		n += len(p.msg)
	}
	b := make([]byte, 0, n)
	b = append(b, `{"type":"ops","ops":[`...)
	for i, p := range ops {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, p.msg...)
	}
	return append(b, "]}"...)
}

// join sends c the state (or what it missed since its version) and makes
// it a member. Runs on the room goroutine, so no op slips between the
// state and the first op delivered.
func (r *room) join(c *client, since uint64) error {
	if !r.started {
		st, err := r.hub.store.State(r.article, r.layer)
		if err != nil {
			return err
		}
		v := st.Version
		if r.length, err = r.hub.store.Length(r.article); err != nil {
			return err
		}
		r.last, r.flushed, r.started = v, v, true
	}
	r.read()
	you := User{Name: c.user.Name, Color: c.color}
	if since > 0 && since <= r.last && r.last-since <= uint64(r.hub.opt.MaxCatchup) {
		ops, ok, err := r.hub.store.OpsSince(r.article, r.layer, since, r.hub.opt.MaxCatchup)
		if err != nil {
			return err
		}
		if ok {
			c.queue(mustJSON(Welcome{Type: TypeWelcome, Version: r.last, You: you}))
			c.queue(mustJSON(catchup(ops, r.last, c.user.Name)))
			c.sent = r.last
			r.add(c)
			return nil
		}
	}
	st, err := r.hub.store.State(r.article, r.layer)
	if err != nil {
		return err
	}
	v := st.Version
	c.queue(mustJSON(Welcome{Type: TypeWelcome, Version: v, You: you, Annotations: &st.Annotations, Relations: &st.Relations}))
	if v > r.last {
		// The log grew after read: take those ops into buf too.
		r.read()
	}
	if r.last > v {
		// The newcomer gets what the room read beyond its snapshot.
		ops, _, err := r.hub.store.OpsSince(r.article, r.layer, v, math.MaxInt)
		if err != nil {
			return err
		}
		c.queue(mustJSON(catchup(ops, r.last, c.user.Name)))
	}
	c.sent = r.last
	r.add(c)
	return nil
}

// catchup lists the ops up to upTo for user. Their own ops carry their
// op_id, so that a client whose ack was lost in a drop knows the op it
// still holds as pending is done.
func catchup(ops []model.Op, upTo uint64, user string) Ops {
	out := Ops{Type: TypeOps, Ops: []OpMessage{}}
	for _, op := range ops {
		if op.Version <= upTo {
			m := opMessage(TypeOp, op)
			if op.Author == user {
				m.OpID = op.OpID
			}
			out.Ops = append(out.Ops, m)
		}
	}
	return out
}

func (r *room) add(c *client) {
	r.members[c] = struct{}{}
	r.byUser[c.user.Name] = append(r.byUser[c.user.Name], c)
	r.presence()
}

func (r *room) leave(c *client) {
	if _, ok := r.members[c]; !ok {
		return
	}
	delete(r.members, c)
	name := c.user.Name
	r.byUser[name] = slices.DeleteFunc(r.byUser[name], func(x *client) bool { return x == c })
	if len(r.byUser[name]) == 0 {
		delete(r.byUser, name)
	}
	r.presence()
}

// presence schedules one presence message for whatever changed in the
// next moment. The message lists every member, so sending one per join or
// selection change costs members² bytes: 500 joins sent 2 GiB before this
// coalescing. The delay grows with the room.
func (r *room) presence() {
	if r.presencePending {
		return
	}
	r.presencePending = true
	delay := presenceDelay + time.Duration(len(r.members))*100*time.Microsecond
	time.AfterFunc(delay, func() {
		select {
		case r.events <- r.flushPresence:
		case <-r.quit:
		}
	})
}

const presenceDelay = 20 * time.Millisecond

func (r *room) flushPresence() {
	r.presencePending = false
	users := make([]User, 0, len(r.members))
	for c := range r.members {
		users = append(users, User{Name: c.user.Name, Color: c.color, Selection: c.selection})
	}
	sortUsers(users)
	msg := mustJSON(Presence{Type: TypePresence, Users: users})
	for c := range r.members {
		c.queue(msg)
	}
}
