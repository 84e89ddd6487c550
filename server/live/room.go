package live

import (
	"math"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
)

// room is one article's live session. Its goroutine (run) owns members,
// last and every client's room-side state; others talk to it through
// events and wake.
type room struct {
	hub     *Hub
	article uint64
	refs    int // guarded by hub.mu

	wake    chan struct{} // "the op log has grown": coalesced
	events  chan func()   // run on the room goroutine, in order
	quit    chan struct{}
	members map[*client]struct{}
	last    uint64 // newest version delivered to members
	started bool

	presencePending bool // a presence message is scheduled
}

func newRoom(h *Hub, article uint64) *room {
	return &room{hub: h, article: article, wake: make(chan struct{}, 1), events: make(chan func(), 256),
		quit: make(chan struct{}), members: map[*client]struct{}{}}
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
	var (
		lastDeliver time.Time
		held        <-chan time.Time // set while a wake-up waits for its turn
	)
	for {
		select {
		case fn := <-r.events:
			fn()
		case <-r.wake:
			if held != nil {
				continue // the held wake-up will read this op too
			}
			if wait := r.deliverGap() - time.Since(lastDeliver); wait > 0 {
				held = time.After(wait)
				continue
			}
			r.deliver()
			lastDeliver = time.Now()
		case <-held:
			held = nil
			r.deliver()
			lastDeliver = time.Now()
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
	}
}

// deliverGap is the least time between two deliveries of a room: 40 µs
// per member, so 0.4 ms for 10 people and 20 ms for 500. A delivery costs
// a frame and a write per member whatever it carries; under sustained
// load, ops that arrive within the gap travel together as one "ops"
// message, and the first op after a quiet spell goes out at once. At 500
// clients and 500 ops/s (gloss bench live, alternating runs) ack p99 went
// from 283-287 ms without a gap to 119-123 ms at 20 µs, 69-83 ms at 40 µs
// and 67-73 ms at 80 µs, where the gap itself starts to dominate (p50
// 35 ms against 28 ms).
func (r *room) deliverGap() time.Duration {
	return time.Duration(len(r.members)) * 40 * time.Microsecond
}

// deliver sends every op after last to the members in version order: as an
// ack to the member that sent it, as an op to the others. When one read
// finds several ops, the others get them as one "ops" message (one frame
// and one write instead of one per op, which is what fan-out costs); a
// sender's ack splits its run of ops so that order holds for it too.
func (r *room) deliver() {
	if !r.started {
		return // nobody has joined yet; join reads the state itself
	}
	ops, _, err := r.hub.store.OpsSince(r.article, r.last, math.MaxInt)
	if err != nil {
		r.hub.opt.Log.Error("live: read op log", "article", r.article, "err", err)
		return
	}
	if len(ops) == 0 {
		return
	}
	msgs := make([][]byte, len(ops))
	for i, op := range ops {
		msgs[i] = mustJSON(opMessage(TypeOp, op))
	}
	// Senders first: their acks then leave before the fan-out to everyone
	// else, whose writes would otherwise queue ahead of them.
	var senders, others []*client
	for c := range r.members {
		own := false
		for _, op := range ops {
			if op.OpID != "" && op.Author == c.user.Name && c.expect[op.OpID] {
				own = true
				break
			}
		}
		if own {
			senders = append(senders, c)
		} else {
			others = append(others, c)
		}
	}
	for _, c := range senders {
		start := 0
		for i, op := range ops {
			if op.OpID != "" && op.Author == c.user.Name && c.expect[op.OpID] {
				if i > start {
					c.queue(combine(msgs[start:i]))
				}
				delete(c.expect, op.OpID)
				c.queue(mustJSON(opMessage(TypeAck, op)))
				start = i + 1
			}
		}
		if start < len(msgs) {
			c.queue(combine(msgs[start:]))
		}
	}
	shared := combine(msgs)
	for _, c := range others {
		c.queue(shared)
	}
	r.last = ops[len(ops)-1].Version
}

// combine makes one message of op messages: the message itself when
// there is one, an "ops" message otherwise.
func combine(msgs [][]byte) []byte {
	if len(msgs) == 1 {
		return msgs[0]
	}
	n := len(`{"type":"ops","ops":[]}`) + len(msgs)
	for _, m := range msgs {
		n += len(m)
	}
	b := make([]byte, 0, n)
	b = append(b, `{"type":"ops","ops":[`...)
	for i, m := range msgs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, m...)
	}
	return append(b, "]}"...)
}

// join sends c the state (or what it missed since its version) and makes
// it a member. Runs on the room goroutine, so no op slips between the
// state and the first op delivered.
func (r *room) join(c *client, since uint64) error {
	if !r.started {
		v, _, err := r.hub.store.Snapshot(r.article)
		if err != nil {
			return err
		}
		r.last, r.started = v, true
	}
	r.deliver()
	you := User{Name: c.user.Name, Color: c.color}
	if since > 0 && since <= r.last && r.last-since <= uint64(r.hub.opt.MaxCatchup) {
		ops, ok, err := r.hub.store.OpsSince(r.article, since, r.hub.opt.MaxCatchup)
		if err != nil {
			return err
		}
		if ok {
			c.queue(mustJSON(Welcome{Type: TypeWelcome, Version: r.last, You: you}))
			c.queue(mustJSON(catchup(ops, r.last, c.user.Name)))
			r.add(c)
			return nil
		}
	}
	v, anns, err := r.hub.store.Snapshot(r.article)
	if err != nil {
		return err
	}
	c.queue(mustJSON(Welcome{Type: TypeWelcome, Version: v, You: you, Annotations: &anns}))
	if v > r.last {
		// The log grew after deliver: the others get those ops first.
		r.deliver()
	}
	if r.last > v {
		// ...and the newcomer gets what deliver read beyond its snapshot.
		ops, _, err := r.hub.store.OpsSince(r.article, v, math.MaxInt)
		if err != nil {
			return err
		}
		c.queue(mustJSON(catchup(ops, r.last, c.user.Name)))
	}
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
	r.presence()
}

func (r *room) leave(c *client) {
	if _, ok := r.members[c]; ok {
		delete(r.members, c)
		r.presence()
	}
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
