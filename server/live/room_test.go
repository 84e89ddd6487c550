package live

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// memStore is an op log in memory with the storage package's op_id rule:
// a repeated (author, op_id) returns the first op again. It sleeps a
// little at random so that commits, reads and joins interleave.
type memStore struct {
	mu   sync.Mutex
	ops  []model.Op // ops[i].Version == i+1
	byID map[string]model.Op
}

func (s *memStore) jitter() { time.Sleep(time.Duration(rand.IntN(150)) * time.Microsecond) }

func (s *memStore) State(uint64, string) (storage.State, error) {
	s.jitter()
	s.mu.Lock()
	defer s.mu.Unlock()
	return storage.State{Version: uint64(len(s.ops))}, nil
}

func (s *memStore) ArticleView(service.Actor, uint64) (model.Article, error) {
	return model.Article{}, nil
}

func (s *memStore) Submit(a service.Actor, article uint64, r service.ChangeRequest) func() (model.Op, error) {
	op, err := s.Apply(article, model.Change{Action: r.Action, OpID: r.OpID, Author: a.Name})
	return func() (model.Op, error) { return op, err }
}

func (s *memStore) Apply(_ uint64, c model.Change) (model.Op, error) {
	s.jitter()
	s.mu.Lock()
	defer s.mu.Unlock()
	key := c.Author + "\x00" + c.OpID
	if op, ok := s.byID[key]; ok && c.OpID != "" {
		return op, nil
	}
	op := model.Op{Version: uint64(len(s.ops)) + 1, Action: c.Action, Author: c.Author, OpID: c.OpID,
		Annotation: model.Annotation{ID: uint64(len(s.ops)) + 1, Label: "CLAIM"}}
	s.ops = append(s.ops, op)
	if c.OpID != "" {
		s.byID[key] = op
	}
	return op, nil
}

func (s *memStore) Length(uint64) (int, error) { return 1000, nil }

func (s *memStore) OpsSince(_ uint64, _ string, since uint64, max int) ([]model.Op, bool, error) {
	s.jitter()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]model.Op(nil), s.ops[since:]...)
	if len(out) > max {
		out = out[:max]
	}
	return out, true, nil
}

func (s *memStore) version() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return uint64(len(s.ops))
}

// testClient is a room member without a socket: the test reads its send
// queue directly.
type testClient struct {
	c     *client
	sent  map[string]bool // op_ids this connection sent
	since uint64
}

func joinTest(t *testing.T, h *Hub, r *room, user string, since uint64) *testClient {
	t.Helper()
	c := &client{hub: h, room: r, user: service.Actor{User: model.User{Name: user}}, send: make(chan []byte, 1<<16),
		inflight: make(chan inflightOp, maxInflight), done: make(chan struct{}), expect: map[string]bool{}}
	go c.commitPump()
	t.Cleanup(func() { close(c.inflight) })
	var err error
	r.do(func() { err = r.join(c, since) })
	if err != nil {
		t.Fatal(err)
	}
	return &testClient{c: c, sent: map[string]bool{}, since: since}
}

// TestRoomOrder checks what every member's stream must hold while acks go
// out at once and the fan-out waits for its gap: each version once, in
// order, from the member's welcome to the end; each op the member sent
// acknowledged exactly once, with its stored version, including op_ids
// replayed by a second connection of the same user while the first one's
// commit may still be in flight (the reconnect case), and members that
// join mid-way with the full state or a catch-up.
func TestRoomOrder(t *testing.T) {
	store := &memStore{byID: map[string]model.Op{}}
	h := NewHub(store, Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	r := h.acquire(1, "")
	defer h.release(r)

	const users, perConn, opsEach = 4, 2, 100
	var (
		mu      sync.Mutex
		members []*testClient
		byUser  = map[string][]string{} // op_ids sent so far per user, for replays
	)
	for u := range users {
		for range perConn {
			members = append(members, joinTest(t, h, r, fmt.Sprintf("u%d", u), 0))
		}
	}

	// Listeners that only read make the room big enough for its fan-out
	// gap (1.3 ms at 32 members) to matter.
	for range 24 {
		members = append(members, joinTest(t, h, r, "listener", 0))
	}

	var wg sync.WaitGroup
	send := func(tc *testClient, seed uint64) {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(seed, 1))
		user := tc.c.user.Name
		for i := range opsEach {
			mu.Lock()
			prev := byUser[user]
			id := fmt.Sprintf("%s-%d-%d", user, seed, i)
			if len(prev) > 0 && rng.IntN(6) == 0 {
				// Replay an op of another connection, often one whose commit
				// is still in flight.
				id = prev[len(prev)-1-rng.IntN(min(len(prev), 3))]
			}
			if tc.sent[id] {
				mu.Unlock()
				continue // one connection sends an op_id once
			}
			tc.sent[id] = true
			byUser[user] = append(byUser[user], id)
			mu.Unlock()
			tc.c.op(ClientMessage{Type: "op", OpID: id, Action: model.ActionCreate, Annotation: Encode(AnnotationFields{})})
		}
	}
	for i, tc := range members[:users*perConn] {
		wg.Add(1)
		go send(tc, uint64(i))
	}
	wg.Add(1)
	go func() { // REST writes: no op_id, only a wake-up
		defer wg.Done()
		for range 100 {
			store.Apply(1, model.Change{Action: model.ActionCreate, Author: "script"})
			h.Published(1)
		}
	}()
	time.Sleep(20 * time.Millisecond)
	late := []*testClient{joinTest(t, h, r, "u0", 0), joinTest(t, h, r, "u1", store.version()/2)}
	for i, tc := range late {
		wg.Add(1)
		go send(tc, uint64(100+i))
	}
	members = append(members, late...)
	wg.Wait()

	final := store.version()
	deadline := time.Now().Add(10 * time.Second)
	for {
		done := true
		r.do(func() {
			for _, tc := range members {
				if tc.c.sent < final || len(tc.c.expect) > 0 {
					done = false
				}
			}
		})
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the room did not bring every member up to the last version")
		}
		time.Sleep(5 * time.Millisecond)
	}

	stored := map[string]model.Op{}
	for _, op := range store.ops {
		if op.OpID != "" {
			stored[op.Author+"\x00"+op.OpID] = op
		}
	}
	for n, tc := range members {
		checkStream(t, n, tc, final, stored)
	}
}

func checkStream(t *testing.T, n int, tc *testClient, final uint64, stored map[string]model.Op) {
	t.Helper()
	var top uint64
	acks := map[string]int{}
	take := func(m OpMessage, ack bool) {
		switch {
		case m.Version == top+1:
			top = m.Version
		case ack && m.Version <= top:
			// A replayed op acknowledged after the stream passed it.
		default:
			t.Fatalf("member %d (%s): version %d (ack %v) after %d", n, tc.c.user.Name, m.Version, ack, top)
		}
		if ack {
			acks[m.OpID]++
			if want := stored[tc.c.user.Name+"\x00"+m.OpID]; want.Version != m.Version {
				t.Errorf("member %d: ack %s has version %d, stored %d", n, m.OpID, m.Version, want.Version)
			}
		}
	}
	for {
		var raw []byte
		select {
		case raw = <-tc.c.send:
		default:
			raw = nil
		}
		if raw == nil {
			break
		}
		var m struct {
			Type    string      `json:"type"`
			Version uint64      `json:"version"`
			Ops     []OpMessage `json:"ops"`
		}
		var op OpMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		switch m.Type {
		case TypeWelcome:
			top = m.Version
			if tc.since > 0 {
				top = tc.since // a catch-up follows
			}
		case TypeOps:
			for _, op := range m.Ops {
				take(op, false)
			}
		case TypeOp:
			take(op, false)
		case TypeAck:
			take(op, true)
		}
	}
	if top != final {
		t.Errorf("member %d: stream ends at version %d, store at %d", n, top, final)
	}
	for id := range tc.sent {
		if acks[id] != 1 {
			t.Errorf("member %d: op %s acknowledged %d times", n, id, acks[id])
		}
	}
	for id, k := range acks {
		if !tc.sent[id] {
			t.Errorf("member %d: ack %s (%d) for an op it did not send", n, id, k)
		}
	}
}
