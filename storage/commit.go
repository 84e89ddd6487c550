package storage

import (
	"sync"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// committer is a group commit: one goroutine commits, in one transaction,
// every change that queued while the previous commit ran. It replaces
// db.Batch for annotation changes: Batch seals a batch when its timer
// fires and only then waits for the write lock, so with writers arriving
// one at a time (live sockets) each sealed batch held one or two changes
// and paid a full fsync, and 100 waiting writers saw 300-480 ms per
// change. Here a change waits for at most the commit in progress.
type committer struct {
	db   *bolt.DB
	reqs chan *commitReq
	done chan struct{}
	// begin runs at the start of every transaction the committer opens,
	// end before it commits (an error aborts it): the DB keeps the
	// articles a group changes open across its changes and writes each
	// one's metadata once, in end.
	begin func()
	end   func(tx *bolt.Tx) error
	// observe, when set, is told of each group's size, time and outcome.
	observe func(changes int, d time.Duration, err error)
}

type commitReq struct {
	fn  func(tx *bolt.Tx) error
	err chan error
}

// maxGroup bounds one transaction's changes, so one commit stays short.
const maxGroup = 256

func newCommitter(db *bolt.DB, begin func(), end func(tx *bolt.Tx) error, observe func(int, time.Duration, error)) *committer {
	if observe == nil {
		observe = func(int, time.Duration, error) {}
	}
	c := &committer{db: db, reqs: make(chan *commitReq, maxGroup), done: make(chan struct{}), begin: begin, end: end, observe: observe}
	go c.run()
	return c
}

// do runs fn in a write transaction shared with other changes. fn must
// write nothing when it refuses a change (returns an *model.Error that is
// not internal): the refusal goes to its caller and the others commit.
// Any other error aborts the group, which is then retried one change per
// transaction, so fn may run twice.
func (c *committer) do(fn func(tx *bolt.Tx) error) error {
	return <-c.submit(fn)
}

// submit queues fn and returns at once; the channel gives its result.
// One goroutine's submissions run in the order it made them: the queue is
// FIFO, a group runs its changes in queue order, and so does the retry.
func (c *committer) submit(fn func(tx *bolt.Tx) error) <-chan error {
	r := &commitReq{fn: fn, err: make(chan error, 1)}
	c.reqs <- r
	return r.err
}

func (c *committer) run() {
	defer close(c.done)
	group := make([]*commitReq, 0, maxGroup)
	errs := make([]error, 0, maxGroup)
	for r := range c.reqs {
		group = append(group[:0], r)
	fill:
		for len(group) < maxGroup {
			select {
			case r, ok := <-c.reqs:
				if !ok {
					break fill
				}
				group = append(group, r)
			default:
				break fill
			}
		}
		errs = errs[:0]
		start := time.Now()
		err := c.db.Update(func(tx *bolt.Tx) error {
			errs = errs[:0]
			c.begin()
			for _, r := range group {
				err := r.fn(tx)
				if code := model.ErrorCode(err); code == model.EINTERNAL {
					return err
				}
				errs = append(errs, err)
			}
			return c.end(tx)
		})
		c.observe(len(group), time.Since(start), err)
		if err == nil {
			for i, r := range group {
				r.err <- errs[i]
			}
			continue
		}
		// Something failed inside the group or the commit itself: retry
		// each change alone, so that only the failing one fails.
		for _, r := range group {
			r.err <- c.db.Update(func(tx *bolt.Tx) error {
				c.begin()
				if err := r.fn(tx); err != nil {
					return err
				}
				return c.end(tx)
			})
		}
	}
}

func (c *committer) close() {
	close(c.reqs)
	<-c.done
}

// textCache keeps the texts (and their rune indexes) and the projects that
// changes are checked against. Texts never change once stored; a project
// changes only in UpdateProject, which forgets it inside its write
// transaction (write transactions never overlap, so no change is checked
// against a stale copy).
type textCache struct {
	mu       sync.Mutex
	texts    map[uint64]*model.RuneIndex
	projects map[uint64]model.Project
	// gen counts forgetProject calls: a project read outside a write
	// transaction is cached only if no update came between the start of
	// the read and the caching (the read may have seen the old one).
	gen uint64
}

const maxCachedTexts = 64

func (tc *textCache) text(tx *bolt.Tx, article uint64) *model.RuneIndex {
	tc.mu.Lock()
	ri, ok := tc.texts[article]
	tc.mu.Unlock()
	if ok {
		return ri
	}
	ri = model.NewRuneIndex(string(tx.Bucket(bucketTexts).Get(itob(article))))
	tc.mu.Lock()
	if tc.texts == nil || len(tc.texts) >= maxCachedTexts {
		tc.texts = map[uint64]*model.RuneIndex{} // crude but bounded
	}
	tc.texts[article] = ri
	tc.mu.Unlock()
	return ri
}

func (tc *textCache) project(tx *bolt.Tx, id uint64) (model.Project, error) {
	tc.mu.Lock()
	p, ok := tc.projects[id]
	tc.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := project(tx, id)
	if err != nil {
		return p, err
	}
	tc.mu.Lock()
	if tc.projects == nil {
		tc.projects = map[uint64]model.Project{}
	}
	tc.projects[id] = p
	tc.mu.Unlock()
	return p, nil
}

func (tc *textCache) forgetProject(id uint64) {
	tc.mu.Lock()
	delete(tc.projects, id)
	tc.gen++
	tc.mu.Unlock()
}

// cachedProject returns a cached project, or the generation to hand to
// putProject after reading it.
func (tc *textCache) cachedProject(id uint64) (model.Project, uint64, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	p, ok := tc.projects[id]
	return p, tc.gen, ok
}

// putProject caches p if no project changed since generation gen.
func (tc *textCache) putProject(p model.Project, gen uint64) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.gen != gen {
		return
	}
	if tc.projects == nil {
		tc.projects = map[uint64]model.Project{}
	}
	tc.projects[p.ID] = p
}

// forgetProjects forgets every cached project.
func (tc *textCache) forgetProjects() {
	tc.mu.Lock()
	tc.projects = nil
	tc.gen++
	tc.mu.Unlock()
}
