package live

import (
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Store is what live sync needs: reads of the article's state and log,
// and the application layer's Submit, the same door REST's changes go
// through, so a socket op is decoded, validated and permission-checked
// exactly like its REST twin. *service.Service implements it.
//
// Every read names a layer of the article ("" the gold one, else an
// annotator's): a room shows one layer, so an annotator working blind
// gets nothing of another layer, not even its versions.
type Store interface {
	// State is a layer's annotations and relations at one version.
	State(article uint64, layer string) (storage.State, error)
	// Submit queues a change and returns at once; wait (called once)
	// returns the committed op or why it was refused. One caller's
	// changes apply in its order.
	Submit(a service.Actor, article uint64, r service.ChangeRequest) (wait func() (model.Op, error))
	OpsSince(article uint64, layer string, since uint64, max int) ([]model.Op, bool, error)
	// Length is the article's length in code points: a presence selection
	// must lie inside it.
	Length(article uint64) (int, error)
	// ArticleView is the article (without its text) as a sees it.
	ArticleView(a service.Actor, article uint64) (model.Article, error)
}

// Notifier carries "article N has new ops" to every room that shows it.
// Local is the in-process one; a message bus can implement it to share
// rooms between several gloss servers over one op log.
type Notifier interface {
	Notify(article uint64)
	Subscribe(fn func(article uint64)) (cancel func())
}

// Local is an in-process Notifier.
type Local struct {
	mu   sync.RWMutex
	subs map[int]func(uint64)
	next int
}

// Notify calls every subscriber.
func (l *Local) Notify(article uint64) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, fn := range l.subs {
		fn(article)
	}
}

// Subscribe adds fn; cancel removes it.
func (l *Local) Subscribe(fn func(uint64)) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.subs == nil {
		l.subs = map[int]func(uint64){}
	}
	id := l.next
	l.next++
	l.subs[id] = fn
	return func() {
		l.mu.Lock()
		delete(l.subs, id)
		l.mu.Unlock()
	}
}

// Options tune a Hub; zero fields take the defaults.
type Options struct {
	WriteWait  time.Duration // time allowed to write one message (10s)
	PongWait   time.Duration // time allowed between pongs from the peer (60s)
	PingPeriod time.Duration // ping interval; less than PongWait (PongWait*9/10)
	MaxMessage int64         // largest message a client may send (64 KiB)
	SendQueue  int           // messages queued per client before it is dropped (4096)
	MaxCatchup int           // most ops sent as a catch-up instead of the full state (1000)
	Notifier   Notifier      // default: a Local
	Log        *slog.Logger
	// OnOp, when set, is told of each socket op's outcome (metrics).
	OnOp func(acked bool)
	// MaxPerUser bounds one user's live sockets, over all articles (32):
	// each costs a connection, two goroutines and its queue, and a script
	// looping on connect must not take them all.
	MaxPerUser int
}

func (o *Options) defaults() {
	if o.WriteWait == 0 {
		o.WriteWait = 10 * time.Second
	}
	if o.PongWait == 0 {
		o.PongWait = 60 * time.Second
	}
	if o.PingPeriod == 0 {
		o.PingPeriod = o.PongWait * 9 / 10
	}
	if o.MaxMessage == 0 {
		o.MaxMessage = 64 << 10
	}
	if o.SendQueue == 0 {
		// Sized for bursts: a 256-slot queue dropped 77% of a 2,000-op burst
		// in the fan-out measurements (NOTES.md). Ops that arrive together
		// go out as one "ops" message, so a burst takes few slots; 4,096
		// slots cost 96 KiB per connection, resident once cycled.
		o.SendQueue = 1024
	}
	if o.MaxCatchup == 0 {
		o.MaxCatchup = 1000
	}
	if o.Notifier == nil {
		o.Notifier = &Local{}
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.OnOp == nil {
		o.OnOp = func(bool) {}
	}
	if o.MaxPerUser == 0 {
		o.MaxPerUser = 32
	}
}

// Hub owns the rooms of one server.
type Hub struct {
	store  Store
	opt    Options
	cancel func()

	mu      sync.Mutex
	rooms   map[roomKey]*room
	layered map[uint64]int // how many annotator-layer rooms each article has open
	clients map[*client]struct{}
	closed  bool
	conns   sync.WaitGroup
}

// NewHub starts a hub over store.
func NewHub(store Store, opt Options) *Hub {
	opt.defaults()
	h := &Hub{store: store, opt: opt, rooms: map[roomKey]*room{}, layered: map[uint64]int{}, clients: map[*client]struct{}{}}
	h.cancel = opt.Notifier.Subscribe(h.wake)
	return h
}

// Published tells the rooms that an article has new ops. Call it after
// every commit that did not come through a socket (REST, import).
func (h *Hub) Published(article uint64) { h.opt.Notifier.Notify(article) }

// roomKey names a room: one layer of one article.
type roomKey struct {
	article uint64
	layer   string
}

// wake wakes every room of the article (one per layer open); each reads
// its own layer's log.
func (h *Hub) wake(article uint64) {
	h.mu.Lock()
	rs := h.byArticle(article)
	h.mu.Unlock()
	for _, r := range rs {
		r.wakeUp()
	}
}

// byArticle returns the open rooms of an article; h.mu is held. The gold
// layer's room is looked up directly: nearly every article has only it.
func (h *Hub) byArticle(article uint64) []*room {
	var out []*room
	if r := h.rooms[roomKey{article, ""}]; r != nil {
		out = append(out, r)
	}
	if h.layered[article] > 0 {
		for k, r := range h.rooms {
			if k.article == article && k.layer != "" {
				out = append(out, r)
			}
		}
	}
	return out
}

// acquire returns the room of one layer of an article, starting it if
// needed, and counts the caller as one of its users until release.
func (h *Hub) acquire(article uint64, layer string) *room {
	h.mu.Lock()
	defer h.mu.Unlock()
	k := roomKey{article, layer}
	r := h.rooms[k]
	if r == nil {
		r = newRoom(h, article, layer)
		h.rooms[k] = r
		if layer != "" {
			h.layered[article]++
		}
		go r.run()
	}
	r.refs++
	return r
}

func (h *Hub) release(r *room) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r.refs--
	if r.refs == 0 {
		delete(h.rooms, roomKey{r.article, r.layer})
		if r.layer != "" {
			if h.layered[r.article]--; h.layered[r.article] == 0 {
				delete(h.layered, r.article)
			}
		}
		close(r.quit)
	}
}

// hold returns the article's open rooms, each held like a member holds
// it (release each), so that none closes while the caller uses it; a room
// nobody holds is not created for this.
func (h *Hub) hold(article uint64) []*room {
	h.mu.Lock()
	defer h.mu.Unlock()
	rs := h.byArticle(article)
	for _, r := range rs {
		r.refs++
	}
	return rs
}

// Present lists who has the article open live, in any layer: each user
// once, however many tabs, by name. Nil when nobody does.
func (h *Hub) Present(article uint64) []User {
	rs := h.hold(article)
	var users []User
	seen := map[string]bool{}
	for _, r := range rs {
		r.do(func() {
			for c := range r.members {
				if !seen[c.user.Name] {
					seen[c.user.Name] = true
					users = append(users, User{Name: c.user.Name, Color: c.color})
				}
			}
		})
		h.release(r)
	}
	sortUsers(users)
	return users
}

// ArticleChanged tells every open editor of the article (in every layer)
// that its status, details or layers changed: each gets an "article"
// message with the article as its user sees it (an annotator their own
// layer's status only). Within this process; the op log carries no such
// change for other servers.
func (h *Hub) ArticleChanged(article uint64) {
	for _, r := range h.hold(article) {
		r.events <- func() {
			views := map[string][]byte{}
			for c := range r.members {
				msg, ok := views[c.user.Name]
				if !ok {
					a, err := h.store.ArticleView(c.user, article)
					if err != nil {
						continue // gone, or no longer theirs: the socket hears of it otherwise
					}
					msg = mustJSON(ArticleMessage{Type: TypeArticle, Article: a})
					views[c.user.Name] = msg
				}
				c.queue(msg)
			}
		}
		h.release(r)
	}
}

// Close codes of Revoke, in the range RFC 6455 leaves to applications.
const (
	// CloseRevoked: the socket's credential or user is gone (logout,
	// revoked token, disabled or deleted user, new password): do not
	// reconnect with it.
	CloseRevoked = 4001
	// CloseRightsChanged: the user's rights changed (role, membership,
	// project setting): reconnect to work with the new ones.
	CloseRightsChanged = 4002
)

// Revoke closes the sockets of user (every one when creds is empty, else
// those opened with one of creds) with a close frame whose reason is why.
// reconnect tells the client it may come straight back (its rights
// changed) rather than that its credential is gone.
func (h *Hub) Revoke(user string, creds []string, why string, reconnect bool) int {
	code := CloseRevoked
	if reconnect {
		code = CloseRightsChanged
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for c := range h.clients {
		if c.user.Name != user || (len(creds) > 0 && !slices.Contains(creds, c.user.Cred)) {
			continue
		}
		c.kickWith(code, why)
		n++
	}
	return n
}

// Full reports whether user holds as many live sockets as one may.
func (h *Hub) Full(user string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.socketsOf(user) >= h.opt.MaxPerUser
}

func (h *Hub) socketsOf(user string) int {
	n := 0
	for c := range h.clients {
		if c.user.Name == user {
			n++
		}
	}
	return n
}

// Rooms returns how many rooms are open, and how many clients in all.
func (h *Hub) Rooms() (rooms, clients int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.rooms), len(h.clients)
}

// Close closes every socket with "going away" and waits until their
// handlers have returned. Serve refuses new connections afterwards.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	for c := range h.clients {
		c.kick(whyShutdown)
	}
	h.mu.Unlock()
	h.conns.Wait()
	h.cancel()
}
