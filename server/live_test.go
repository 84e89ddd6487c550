package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
	"github.com/gorilla/websocket"
)

// listen serves e's server on a loopback port and returns its base URL.
func (e *env) listen() string {
	e.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	go e.srv.Serve(ln)
	e.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		e.srv.Shutdown(ctx)
	})
	return "http://" + ln.Addr().String()
}

func (e *env) tokenFor(name string) string {
	e.t.Helper()
	hash, _ := server.HashPassword("password " + name)
	storagetest.Join(e.t, e.db, name, hash, model.RoleAnnotator)
	tok, err := e.db.NewCredential(storage.CredToken, name, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

func dial(t *testing.T, base string, article uint64, token string) *client.Conn {
	t.Helper()
	c, resp, err := client.Dial(context.Background(), base, article, token, nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial: %v (status %d)", err, status)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// next reads until a message of type typ arrives, within 5 seconds.
func next(t *testing.T, c *client.Conn, typ string) client.Message {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		m, err := c.Read()
		if err != nil {
			t.Fatalf("waiting for %s: %v", typ, err)
		}
		if m.Type == typ {
			return m
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestLiveRefusals(t *testing.T) {
	e := newEnv(t, server.Config{AllowOrigins: []string{"https://desk.example.org"}})
	base := e.listen()
	for _, tc := range []struct {
		name   string
		token  string
		origin string
		art    uint64
		status int
	}{
		{"ErrNoToken", "", "", e.art.ID, 401},
		{"ErrWrongToken", "gls_nope", "", e.art.ID, 401},
		{"ErrForeignOrigin", e.token, "https://evil.example.com", e.art.ID, 403},
		{"ErrNoArticle", e.token, "", 999, 404},
		{"SameOrigin", e.token, base, e.art.ID, 101},
		{"AllowedOrigin", e.token, "https://desk.example.org", e.art.ID, 101},
		{"NoOriginScript", e.token, "", e.art.ID, 101},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := http.Header{}
			if tc.origin != "" {
				hdr.Set("Origin", tc.origin)
			}
			c, resp, err := client.Dial(context.Background(), base, tc.art, tc.token, hdr)
			if resp == nil {
				t.Fatalf("no response: %v", err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (%v)", resp.StatusCode, tc.status, err)
			}
			if c != nil {
				c.Close()
			}
		})
	}
}

func TestLiveTwoClients(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := e.listen()
	a := dial(t, base, e.art.ID, e.token)
	b := dial(t, base, e.art.ID, e.tokenFor("ben"))
	a.Hello(0)
	if m := next(t, a, live.TypeWelcome); m.You.Name != "ana" || m.Annotations == nil {
		t.Fatalf("welcome %+v", m)
	}
	b.Hello(0)
	next(t, b, live.TypeWelcome)
	if p := next(t, a, live.TypePresence); len(p.Users) != 2 {
		// the first presence may list only ana; wait for ben's arrival
		if p = next(t, a, live.TypePresence); len(p.Users) != 2 {
			t.Fatalf("presence %+v", p.Users)
		}
	}

	a.Op("a1", model.ActionCreate, live.AnnotationFields{Start: ptr(0), End: ptr(7), Label: ptr("CLAIM")})
	ack := next(t, a, live.TypeAck)
	if ack.OpID != "a1" || ack.Version != 1 || ack.Annotation.Text != "Chinese" {
		t.Fatalf("ack %+v", ack)
	}
	op := next(t, b, live.TypeOp)
	if op.Version != 1 || op.Author != "ana" || op.Annotation.ID != ack.Annotation.ID {
		t.Fatalf("op to ben %+v", op)
	}

	// A retried op_id is acknowledged again and not applied twice.
	a.Op("a1", model.ActionCreate, live.AnnotationFields{Start: ptr(0), End: ptr(7), Label: ptr("CLAIM")})
	if again := next(t, a, live.TypeAck); again.Version != 1 || again.Annotation.ID != ack.Annotation.ID {
		t.Fatalf("retry ack %+v", again)
	}

	// A REST write reaches both sockets.
	code, body := e.do("POST", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), `{"start":8,"end":14,"label":"SPEAKER"}`)
	if code != 201 {
		t.Fatalf("REST create: %d %s", code, body)
	}
	if m := next(t, a, live.TypeOp); m.Version != 2 || m.Annotation.Label != "SPEAKER" {
		t.Fatalf("REST op to ana %+v", m)
	}
	if m := next(t, b, live.TypeOp); m.Version != 2 {
		t.Fatalf("REST op to ben %+v", m)
	}

	// ben deletes ana's claim; ana's update of it then fails.
	b.Op("b1", model.ActionDelete, live.AnnotationFields{ID: ack.Annotation.ID})
	next(t, b, live.TypeAck)
	if m := next(t, a, live.TypeOp); m.Action != model.ActionDelete {
		t.Fatalf("delete to ana %+v", m)
	}
	a.Op("a2", model.ActionUpdate, live.AnnotationFields{ID: ack.Annotation.ID, Label: ptr("QUOTE")})
	if m := next(t, a, live.TypeError); m.OpID != "a2" || !strings.Contains(m.Error, "not found") {
		t.Fatalf("error %+v", m)
	}
	// An op validated like its REST twin.
	a.Op("a3", model.ActionCreate, live.AnnotationFields{Start: ptr(0), End: ptr(e.art.Length + 1), Label: ptr("CLAIM")})
	if m := next(t, a, live.TypeError); !strings.Contains(m.Error, "out of range") {
		t.Fatalf("error %+v", m)
	}

	// Reconnect with since: only what was missed comes.
	b.Close()
	a.Op("a4", model.ActionCreate, live.AnnotationFields{Start: ptr(15), End: ptr(20), Label: ptr("QUOTE")})
	next(t, a, live.TypeAck)
	b2 := dial(t, base, e.art.ID, e.tokenFor("ben"))
	b2.Hello(3)
	if w := next(t, b2, live.TypeWelcome); w.Annotations != nil || w.Version != 4 {
		t.Fatalf("catch-up welcome %+v", w)
	}
	if ops := next(t, b2, live.TypeOps); len(ops.Ops) != 1 || ops.Ops[0].Version != 4 {
		t.Fatalf("catch-up %+v", ops)
	}
}

// liveClient is one simulated editor: its state, its unacknowledged ops,
// and a socket it may drop and reopen.
type liveClient struct {
	t       *testing.T
	base    string
	article uint64
	token   string
	st      client.State
	conn    *client.Conn
	msgs    chan client.Message
	pending map[string]live.ClientMessage // op_id → op, until acked or refused
	order   []string
}

func (lc *liveClient) connect() error {
	c, _, err := client.Dial(context.Background(), lc.base, lc.article, lc.token, nil)
	if err != nil {
		return err
	}
	lc.conn, lc.msgs = c, make(chan client.Message, 4096)
	go func(msgs chan client.Message) {
		defer close(msgs)
		for {
			m, err := c.Read()
			if err != nil {
				return
			}
			msgs <- m
		}
	}(lc.msgs)
	if err := c.Hello(lc.st.Version); err != nil {
		return err
	}
	// Re-send what was not acknowledged, in order, with the same op_ids.
	for _, id := range lc.order {
		if m, ok := lc.pending[id]; ok {
			c.Send(m)
		}
	}
	return nil
}

func (lc *liveClient) send(m live.ClientMessage) {
	lc.pending[m.OpID] = m
	lc.order = append(lc.order, m.OpID)
	lc.conn.Send(m)
}

// handle applies one message; wait says how long to wait for it.
func (lc *liveClient) handle(wait time.Duration) (bool, error) {
	var m client.Message
	var ok bool
	if wait == 0 {
		select {
		case m, ok = <-lc.msgs:
		default:
			return false, nil
		}
	} else {
		select {
		case m, ok = <-lc.msgs:
		case <-time.After(wait):
			return false, fmt.Errorf("nothing for %v (version %d, %d pending)", wait, lc.st.Version, len(lc.pending))
		}
	}
	if !ok {
		return false, fmt.Errorf("socket closed")
	}
	if m.Type == live.TypeAck || m.Type == live.TypeError {
		delete(lc.pending, m.OpID)
	}
	return true, lc.st.Apply(m)
}

// drop closes the socket as a failing network would and waits for its reader.
func (lc *liveClient) drop() {
	lc.conn.Close()
	for range lc.msgs {
	}
}

// TestLiveConcurrent runs 20 clients x 100 random ops on one article, some
// dropping and reconnecting mid-way; afterwards every client's state
// equals the stored state and no op was lost or applied twice.
func TestLiveConcurrent(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := e.listen()
	const clients, ops = 20, 100
	n := e.art.Length
	lcs := make([]*liveClient, clients)
	for i := range lcs {
		lcs[i] = &liveClient{t: t, base: base, article: e.art.ID, token: e.tokenFor(fmt.Sprintf("u%02d", i)), pending: map[string]live.ClientMessage{}}
	}
	var wg sync.WaitGroup
	for i, lc := range lcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			if err := lc.connect(); err != nil {
				t.Error(err)
				return
			}
			for k := range ops {
				id := fmt.Sprintf("c%d-%d", i, k)
				ids := keys(lc.st.Annotations)
				var m live.ClientMessage
				switch r := rng.IntN(10); {
				case r < 6 || len(ids) == 0:
					s := rng.IntN(n - 10)
					m = live.ClientMessage{Type: "op", OpID: id, Action: model.ActionCreate, Annotation: live.Encode(live.AnnotationFields{
						Start: ptr(s), End: ptr(s + 1 + rng.IntN(9)), Label: ptr([]string{"CLAIM", "QUOTE", "BOILERPLATE"}[rng.IntN(3)])})}
				case r < 8:
					m = live.ClientMessage{Type: "op", OpID: id, Action: model.ActionUpdate, Annotation: live.Encode(live.AnnotationFields{
						ID: ids[rng.IntN(len(ids))], Label: ptr("QUOTE")})}
				default:
					m = live.ClientMessage{Type: "op", OpID: id, Action: model.ActionDelete, Annotation: live.Encode(live.AnnotationFields{
						ID: ids[rng.IntN(len(ids))]})}
				}
				lc.send(m)
				if i%4 == 0 && (k == ops/3 || k == 2*ops/3) {
					lc.drop()
					if err := lc.connect(); err != nil {
						t.Error(err)
						return
					}
				}
				// Keep at most a few ops in flight, as a person editing does,
				// so that updates and deletes find annotations to work on.
				for len(lc.pending) > 2 {
					if _, err := lc.handle(10 * time.Second); err != nil {
						t.Errorf("client %d: %v", i, err)
						return
					}
				}
			}
			for len(lc.pending) > 0 {
				if _, err := lc.handle(10 * time.Second); err != nil {
					t.Errorf("client %d: %v", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	version, stored, err := e.db.Snapshot(e.art.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, lc := range lcs {
		for lc.st.Version < version {
			if _, err := lc.handle(10 * time.Second); err != nil {
				t.Fatalf("client %d: %v", i, err)
			}
		}
		if len(lc.st.Annotations) != len(stored) {
			t.Fatalf("client %d has %d annotations, the store %d", i, len(lc.st.Annotations), len(stored))
		}
		for _, a := range stored {
			got := lc.st.Annotations[a.ID]
			if got.Label != a.Label || got.Start != a.Start || got.End != a.End || got.Version != a.Version {
				t.Fatalf("client %d annotation %d = %+v, store %+v", i, a.ID, got, a)
			}
		}
		lc.drop()
	}
	all, _, _ := e.db.OpsSince(e.art.ID, "", 0, 1<<20)
	seen := map[string]bool{}
	for _, op := range all {
		key := op.Author + "/" + op.OpID
		if seen[key] {
			t.Fatalf("op %s applied twice", key)
		}
		seen[key] = true
	}
	actions := map[model.Action]int{}
	for _, op := range all {
		actions[op.Action]++
	}
	if actions[model.ActionUpdate] == 0 || actions[model.ActionDelete] == 0 {
		t.Errorf("ops committed: %v; want creates, updates and deletes", actions)
	}
	t.Logf("%d clients, %d ops committed (%v), %d annotations at the end", clients, len(all), actions, len(stored))
}

func keys(m map[uint64]model.Annotation) []uint64 {
	out := make([]uint64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestLiveSlowClientDropped: a client that stops reading is disconnected
// while the others keep their pace.
func TestLiveSlowClientDropped(t *testing.T) {
	e := newEnv(t, server.Config{Live: live.Options{SendQueue: 256}})
	base := e.listen()
	// The slow client reads nothing, through a small socket buffer.
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil {
			c.(*net.TCPConn).SetReadBuffer(4096)
		}
		return c, err
	}}
	slow, _, err := d.Dial(client.LiveURL(base, e.art.ID), http.Header{"Authorization": {"Bearer " + e.tokenFor("slow")}})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.WriteJSON(live.ClientMessage{Type: live.TypeHello})

	fast := dial(t, base, e.art.ID, e.token)
	fast.Hello(0)
	next(t, fast, live.TypeWelcome)
	// Enough ops to fill the kernel's buffers (up to 4 MiB here) and then
	// the slow client's queue. The fast client sends one op at a time, as
	// the editor does, so each op is its own commit and its own message to
	// the slow client (ops in flight together would travel as one), and it
	// must get every ack in order, in time, while the slow one is dropped.
	const ops = 2500
	big := map[string]string{"note": strings.Repeat("n", model.MaxAttrValueLen)}
	fast.SetReadDeadline(time.Time{}) // next sets one
	for i := range ops {
		fast.Op(fmt.Sprintf("f%d", i), model.ActionCreate, live.AnnotationFields{Start: ptr(i % 900), End: ptr(i%900 + 5), Label: ptr("CLAIM"), Attrs: big})
		m := next(t, fast, live.TypeAck)
		if m.Version != uint64(i+1) {
			t.Fatalf("ack %d has version %d", i, m.Version)
		}
	}
	// The slow client was dropped. (Reading its backlog to the end would
	// take long through its 4 KiB window: ask the hub instead.)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, clients := e.srv.Hub().Rooms(); clients == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the slow client is still connected")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestLiveHereInList: the article list says who has each article open
// live, each user once however many sockets they have, and forgets them
// when they leave.
func TestLiveHereInList(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := e.listen()
	here := func() map[string][]map[string]string {
		t.Helper()
		code, body := e.do("GET", "/api/articles", "")
		if code != 200 {
			t.Fatalf("list: %d %s", code, body)
		}
		var l struct {
			Here map[string][]map[string]string `json:"here"`
		}
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatal(err)
		}
		return l.Here
	}
	if h := here(); len(h) != 0 {
		t.Fatalf("here before anyone joined: %v", h)
	}
	a := dial(t, base, e.art.ID, e.token)
	a.Hello(0)
	next(t, a, live.TypeWelcome)
	a2 := dial(t, base, e.art.ID, e.token) // a second tab
	a2.Hello(0)
	next(t, a2, live.TypeWelcome)
	b := dial(t, base, e.art.ID, e.tokenFor("ben"))
	b.Hello(0)
	next(t, b, live.TypeWelcome)
	key := fmt.Sprint(e.art.ID)
	got := here()[key]
	if len(got) != 2 || got[0]["name"] != "ana" || got[1]["name"] != "ben" || got[1]["color"] != live.ColorOf("ben") {
		t.Fatalf("here = %v, want ana and ben once each, in their colours", got)
	}
	// Ben leaves as the editor does, with a close handshake: once the
	// server has answered it, he is gone from the list.
	code, err := b.Leave(time.Now().Add(5 * time.Second))
	if err != nil || code != 1000 {
		t.Fatalf("leave: code %d, %v; want the normal close echoed", code, err)
	}
	if got := here()[key]; len(got) != 1 || got[0]["name"] != "ana" {
		t.Fatalf("here after ben's close was answered = %v, want ana alone", got)
	}
	// Sockets dropped without a close leave when the server notices.
	a.Close()
	a2.Close()
	deadline := time.Now().Add(5 * time.Second)
	for len(here()[key]) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("still here after leaving: %v", here()[key])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
