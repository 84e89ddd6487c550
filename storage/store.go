package storage

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Store is what the server needs of storage: the server, live sync,
// import and export all go through it. *DB implements it.
type Store interface {
	Projects() ([]model.Project, error)
	Project(id uint64) (model.Project, error)
	CreateProject(p model.Project) (model.Project, error)

	Articles(f ArticleFilter) ([]model.Article, int, error)
	Article(id uint64) (model.Article, error)
	CreateArticle(a model.Article) (model.Article, bool, error)
	SetStatus(id uint64, s model.Status) (model.Article, error)

	NextArticle(project, after uint64) (model.Article, error)
	EachArticle(f ArticleFilter, fn func(a model.Article, anns []model.Annotation) error) error
	ImportArticles(project uint64, items []NewArticle) ([]Imported, error)

	Annotations(article uint64) ([]model.Annotation, error)
	Snapshot(article uint64) (uint64, []model.Annotation, error)
	Apply(article uint64, c model.Change) (model.Op, error)
	ApplyAsync(article uint64, c model.Change) (wait func() (model.Op, error))
	OpsSince(article, since uint64, max int) ([]model.Op, bool, error)

	Users() ([]model.User, error)
	User(name string) (model.User, error)
	PutUser(u model.User) error
	NewCredential(kind CredKind, user string, ttl time.Duration) (string, error)
	Authenticate(kind CredKind, secret string) (model.User, error)
	DeleteCredential(kind CredKind, secret string) error
}

var _ Store = (*DB)(nil)

var (
	bucketMeta     = []byte("meta")
	bucketProjects = []byte("projects")
	bucketArticles = []byte("articles")
	bucketTexts    = []byte("texts")
	bucketHashes   = []byte("hashes")
	bucketDocs     = []byte("docs")
	bucketAnnSeq   = []byte("annseq")
	bucketUsers    = []byte("users")
	bucketTokens   = []byte("tokens")
	bucketSessions = []byte("sessions")

	bucketAnn   = []byte("ann")
	bucketOps   = []byte("ops")
	bucketOpIDs = []byte("opids")

	keySchema = []byte("schema")
)

// Options tune Open. The zero value is fine.
type Options struct {
	// LockTimeout is how long Open waits for another process's lock on the
	// file before it gives up. Default 1s.
	LockTimeout time.Duration
	// NoSync skips fsync. For benchmark floors only, never for real data.
	NoSync bool
}

// DB is the bbolt-backed Store.
type DB struct {
	bolt   *bolt.DB
	now    func() time.Time
	commit *committer
	// group holds the articles the committer's current transaction has
	// changed, by id; only the committer goroutine touches it.
	group map[uint64]*docTx
	cache textCache
}

// ErrLocked is returned by Open when another process holds the file.
var ErrLocked = errors.New("database file is locked by another process")

// Open opens (creating if needed) the database at path, creates every
// bucket, runs pending migrations and makes sure the default project exists.
func Open(path string, opt Options) (*DB, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:         opt.LockTimeout,
		InitialMmapSize: 64 << 20, // a long read (export, backup) must not block a writer that grows the map
		NoSync:          opt.NoSync,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, model.Errorf(model.EUNAVAILABLE, "open %s: %v (is another gloss running on it?)", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{bolt: b, now: func() time.Time { return time.Now().UTC() }}
	if err := b.Update(db.initialize); err != nil {
		b.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.commit = newCommitter(b, db.beginGroup, db.endGroup)
	return db, nil
}

// Close waits for the changes in flight to commit and closes the file.
func (db *DB) Close() error {
	db.commit.close()
	return db.bolt.Close()
}

// SchemaVersion is the layout this code writes. migrations[i] brings a file
// from version i to i+1; version 0 is an empty file.
const SchemaVersion = 2

var migrations = []func(tx *bolt.Tx) error{
	// 0 → 1: the first release's buckets.
	func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketProjects, bucketArticles, bucketTexts, bucketHashes,
			bucketDocs, bucketAnnSeq, bucketUsers, bucketTokens, bucketSessions} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	},
	// 1 → 2: the article list's records (list.go).
	migrateList,
}

func (db *DB) initialize(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	var v uint64
	if raw := meta.Get(keySchema); raw != nil {
		v = binary.BigEndian.Uint64(raw)
	}
	if v > SchemaVersion {
		return fmt.Errorf("the file has schema version %d; this gloss knows up to %d: use a newer gloss", v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
	}
	if err := meta.Put(keySchema, itob(SchemaVersion)); err != nil {
		return err
	}
	if k, _ := tx.Bucket(bucketProjects).Cursor().First(); k == nil {
		_, err := db.createProject(tx, model.Project{Name: model.DefaultProjectName, Labels: model.DefaultLabels()})
		return err
	}
	return nil
}

func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func btoi(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// Projects lists every project in creation order.
func (db *DB) Projects() ([]model.Project, error) {
	var out []model.Project
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProjects).ForEach(func(k, v []byte) error {
			var p model.Project
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("project %d: %w", btoi(k), err)
			}
			out = append(out, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: projects: %w", err)
	}
	return out, nil
}

// Project returns the project with the given id.
func (db *DB) Project(id uint64) (model.Project, error) {
	var p model.Project
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		p, err = project(tx, id)
		return err
	})
	return p, err
}

func project(tx *bolt.Tx, id uint64) (model.Project, error) {
	var p model.Project
	ok, err := getJSON(tx.Bucket(bucketProjects), itob(id), &p)
	if err != nil {
		return p, fmt.Errorf("storage: project %d: %w", id, err)
	}
	if !ok {
		return p, model.Errorf(model.ENOTFOUND, "project %d not found", id)
	}
	return p, nil
}

// CreateProject validates and stores a new project.
func (db *DB) CreateProject(p model.Project) (model.Project, error) {
	if err := model.ValidateProject(p); err != nil {
		return p, err
	}
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		p, err = db.createProject(tx, p)
		return err
	})
	return p, err
}

func (db *DB) createProject(tx *bolt.Tx, p model.Project) (model.Project, error) {
	b := tx.Bucket(bucketProjects)
	dup := false
	b.ForEach(func(_, v []byte) error {
		var q model.Project
		if json.Unmarshal(v, &q) == nil && strings.EqualFold(q.Name, p.Name) {
			dup = true
		}
		return nil
	})
	if dup {
		return p, model.Errorf(model.ECONFLICT, "a project called %q exists already", p.Name)
	}
	id, err := b.NextSequence()
	if err != nil {
		return p, err
	}
	p.ID, p.CreatedAt = id, db.now()
	for i := range p.Labels {
		if p.Labels[i].Attrs == nil {
			p.Labels[i].Attrs = []model.AttrSpec{}
		}
	}
	return p, putJSON(b, itob(id), p)
}

// ArticleFilter selects and pages articles. Zero fields do not filter.
type ArticleFilter struct {
	Project uint64
	Status  model.Status
	Query   string // case-insensitive substring of the title, source or text
	Offset  int
	Limit   int // default 50, at most 500
}

// Articles returns one page of the articles that pass f, newest first,
// without their texts, and how many pass in all.
func (db *DB) Articles(f ArticleFilter) ([]model.Article, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 500)
	match := newFolded(f.Query)
	out := []model.Article{}
	total := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		texts := tx.Bucket(bucketTexts)
		c := tx.Bucket(bucketList).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			// Every article is read to count the matches, from its list
			// record; only the page's are read whole.
			e, err := decodeList(v)
			if err != nil {
				return fmt.Errorf("article %d: %w", btoi(k), err)
			}
			if (f.Project != 0 && e.Project != f.Project) || (f.Status != "" && e.Status != f.Status) {
				continue
			}
			if !match.in(e.Title) && !match.in(e.Source) && !match.inBytes(texts.Get(k)) {
				continue
			}
			if total >= f.Offset && len(out) < f.Limit {
				a, err := article(tx, btoi(k), false)
				if err != nil {
					return err
				}
				out = append(out, a)
			}
			total++
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: articles: %w", err)
	}
	return out, total, nil
}

// Article returns the article with its text.
func (db *DB) Article(id uint64) (model.Article, error) {
	var a model.Article
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		a, err = article(tx, id, true)
		return err
	})
	return a, err
}

func article(tx *bolt.Tx, id uint64, withText bool) (model.Article, error) {
	var a model.Article
	ok, err := getJSON(tx.Bucket(bucketArticles), itob(id), &a)
	if err != nil {
		return a, fmt.Errorf("storage: article %d: %w", id, err)
	}
	if !ok {
		return a, model.Errorf(model.ENOTFOUND, "article %d not found", id)
	}
	if withText {
		a.Text = string(tx.Bucket(bucketTexts).Get(itob(id)))
	}
	return a, nil
}

// MaxTextBytes bounds one article's text.
const MaxTextBytes = 16 << 20

// CreateArticle stores a new article in a.Project (the default project when
// 0). When the project already holds the same text, it returns that article
// and false instead of a copy.
func (db *DB) CreateArticle(a model.Article) (model.Article, bool, error) {
	if err := prepareArticle(&a); err != nil {
		return a, false, err
	}
	var created bool
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		a, created, err = db.createArticle(tx, a)
		return err
	})
	if err != nil {
		return a, false, wrap(err, "create article")
	}
	return a, created, nil
}

// CheckArticle checks an article's text and status as CreateArticle will,
// and fills in what derives from the text (Hash, Length).
func CheckArticle(a *model.Article) error { return prepareArticle(a) }

// prepareArticle checks an article's text and fills in what derives from it.
func prepareArticle(a *model.Article) error {
	if !utf8.ValidString(a.Text) {
		return model.Errorf(model.EINVALID, "the text is not valid UTF-8")
	}
	if strings.TrimSpace(a.Text) == "" {
		return model.Errorf(model.EINVALID, "the text is empty")
	}
	if len(a.Text) > MaxTextBytes {
		return model.Errorf(model.ETOOLARGE, "the text is %d bytes; at most %d", len(a.Text), MaxTextBytes)
	}
	if a.Status == "" {
		a.Status = model.StatusNew
	}
	if !a.Status.Valid() {
		return model.Errorf(model.EINVALID, "unknown status %q (new, in_progress or done)", a.Status)
	}
	sum := sha256.Sum256([]byte(a.Text))
	a.Hash = hex.EncodeToString(sum[:])
	a.Length = utf8.RuneCountInString(a.Text)
	if a.Meta == nil {
		a.Meta = map[string]any{}
	}
	return nil
}

func (db *DB) createArticle(tx *bolt.Tx, a model.Article) (model.Article, bool, error) {
	if a.Project == 0 {
		k, _ := tx.Bucket(bucketProjects).Cursor().First()
		a.Project = btoi(k)
	} else if _, err := project(tx, a.Project); err != nil {
		return a, false, err
	}
	hashes := tx.Bucket(bucketHashes)
	sum, err := hex.DecodeString(a.Hash)
	if err != nil {
		return a, false, err
	}
	hkey := append(itob(a.Project), sum...)
	if id := hashes.Get(hkey); id != nil {
		existing, err := article(tx, btoi(id), true)
		return existing, false, err
	}
	articles := tx.Bucket(bucketArticles)
	id, err := articles.NextSequence()
	if err != nil {
		return a, false, err
	}
	a.ID, a.ImportedAt, a.Version, a.Count = id, db.now(), 0, 0
	text := a.Text
	a.Text = ""
	if err := putArticle(tx, a); err != nil {
		return a, false, err
	}
	a.Text = text
	if err := tx.Bucket(bucketTexts).Put(itob(id), []byte(text)); err != nil {
		return a, false, err
	}
	if err := hashes.Put(hkey, itob(id)); err != nil {
		return a, false, err
	}
	doc, err := tx.Bucket(bucketDocs).CreateBucket(itob(id))
	if err != nil {
		return a, false, err
	}
	for _, name := range [][]byte{bucketAnn, bucketOps, bucketOpIDs} {
		if _, err := doc.CreateBucket(name); err != nil {
			return a, false, err
		}
	}
	return a, true, nil
}

// SetStatus changes an article's workflow status.
func (db *DB) SetStatus(id uint64, s model.Status) (model.Article, error) {
	if !s.Valid() {
		return model.Article{}, model.Errorf(model.EINVALID, "unknown status %q (new, in_progress or done)", s)
	}
	var a model.Article
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		if a, err = article(tx, id, false); err != nil {
			return err
		}
		a.Status = s
		return putArticle(tx, a)
	})
	if err != nil {
		return a, wrap(err, "set status")
	}
	return a, nil
}

// Annotations returns an article's annotations ordered by start, then end.
func (db *DB) Annotations(articleID uint64) ([]model.Annotation, error) {
	_, out, err := db.Snapshot(articleID)
	return out, err
}

// Snapshot returns an article's version and its annotations at that
// version, read in one transaction.
func (db *DB) Snapshot(articleID uint64) (uint64, []model.Annotation, error) {
	var (
		out     []model.Annotation
		version uint64
	)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, true)
		if err != nil {
			return err
		}
		version = a.Version
		ri := model.NewRuneIndex(a.Text)
		out = []model.Annotation{}
		return docBucket(tx, articleID).Bucket(bucketAnn).ForEach(func(k, v []byte) error {
			var an model.Annotation
			if err := json.Unmarshal(v, &an); err != nil {
				return fmt.Errorf("annotation %d: %w", btoi(k), err)
			}
			an.Text = ri.Slice(an.Start, an.End)
			out = append(out, an)
			return nil
		})
	})
	if err != nil {
		return 0, nil, wrap(err, "annotations")
	}
	SortAnnotations(out)
	return version, out, nil
}

// SortAnnotations orders annotations by start, then longer first, then id:
// reading order, outer spans before the spans nested in them.
func SortAnnotations(as []model.Annotation) {
	sort.Slice(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
}

func docBucket(tx *bolt.Tx, articleID uint64) *bolt.Bucket {
	return tx.Bucket(bucketDocs).Bucket(itob(articleID))
}

// Apply validates and commits one annotation change with its op-log entry,
// and returns the op. A change whose (Author, OpID) was applied before is
// not applied again: Apply returns the op it made the first time.
// Concurrent changes share transactions (a group commit), so they share
// an fsync.
func (db *DB) Apply(articleID uint64, c model.Change) (model.Op, error) {
	return db.ApplyAsync(articleID, c)()
}

// ApplyAsync queues c like Apply and returns at once; wait blocks until
// its transaction has committed (or refused it) and returns what Apply
// would. Changes queued one after another by one goroutine are applied in
// that order, so a live socket can keep several ops in flight and still
// see them applied as sent.
func (db *DB) ApplyAsync(articleID uint64, c model.Change) (wait func() (model.Op, error)) {
	if c.Applied.IsZero() {
		c.Applied = db.now()
	}
	var op model.Op
	done := db.commit.submit(func(tx *bolt.Tx) (err error) {
		op, err = db.apply(tx, articleID, c)
		return err
	})
	return func() (model.Op, error) {
		if err := <-done; err != nil {
			return model.Op{}, wrap(err, fmt.Sprintf("apply %s to article %d", c.Action, articleID))
		}
		return op, nil
	}
}

func opIDKey(author, opID string) []byte { return []byte(author + "\x00" + opID) }

// apply makes one change inside the committer's transaction tx. It writes
// nothing when it refuses the change: everything is checked before the
// first Put. The article stays open for the group's other changes to it;
// endGroup writes its metadata once.
func (db *DB) apply(tx *bolt.Tx, articleID uint64, c model.Change) (model.Op, error) {
	d := db.group[articleID]
	if d == nil {
		var err error
		if d, err = db.openDoc(tx, articleID, nil); err != nil {
			return model.Op{}, err
		}
		db.group[articleID] = d
	}
	return d.change(c)
}

// beginGroup forgets the articles of the previous transaction (committed,
// or rolled back and retried).
func (db *DB) beginGroup() { db.group = map[uint64]*docTx{} }

// endGroup writes the metadata of every article the group changed.
func (db *DB) endGroup(*bolt.Tx) error {
	for _, d := range db.group {
		if err := d.save(); err != nil {
			return err
		}
	}
	return nil
}

// docTx is one article inside a write transaction: its metadata as it
// changes, its schema and text index, and its buckets. Changes go through
// change; save writes the metadata once, however many changes came.
type docTx struct {
	tx               *bolt.Tx
	art              model.Article
	p                model.Project
	ri               *model.RuneIndex
	ops, anns, opids *bolt.Bucket
	dirty            bool
}

// openDoc loads an article for changes; ri may be given when the caller
// has the text indexed already.
func (db *DB) openDoc(tx *bolt.Tx, articleID uint64, ri *model.RuneIndex) (*docTx, error) {
	art, err := article(tx, articleID, false)
	if err != nil {
		return nil, err
	}
	p, err := db.cache.project(tx, art.Project)
	if err != nil {
		return nil, err
	}
	if ri == nil {
		ri = db.cache.text(tx, articleID)
	}
	doc := docBucket(tx, articleID)
	return &docTx{tx: tx, art: art, p: p, ri: ri,
		ops: doc.Bucket(bucketOps), anns: doc.Bucket(bucketAnn), opids: doc.Bucket(bucketOpIDs)}, nil
}

// change makes one change: the annotation, its op-log entry and its op_id.
// It writes nothing when it refuses the change.
func (d *docTx) change(c model.Change) (model.Op, error) {
	if c.OpID != "" {
		if len(c.OpID) > 128 {
			return model.Op{}, model.Errorf(model.EINVALID, "op_id is longer than 128 bytes")
		}
		if v := d.opids.Get(opIDKey(c.Author, c.OpID)); v != nil {
			var op model.Op
			_, err := getJSON(d.ops, v, &op)
			return op, err
		}
	}
	var an model.Annotation
	var err error
	switch c.Action {
	case model.ActionCreate:
		if an, err = model.NewAnnotation(d.p, d.ri, c); err != nil {
			return model.Op{}, err
		}
		seq, err := d.tx.Bucket(bucketAnnSeq).NextSequence()
		if err != nil {
			return model.Op{}, err
		}
		an.ID, an.Article, an.CreatedAt = seq, d.art.ID, c.Applied
		d.art.Count++
	case model.ActionUpdate, model.ActionDelete:
		ok, err := getJSON(d.anns, itob(c.ID), &an)
		if err != nil {
			return model.Op{}, err
		}
		if !ok {
			return model.Op{}, model.Errorf(model.ENOTFOUND, "annotation %d not found in article %d", c.ID, d.art.ID)
		}
		an.Text = d.ri.Slice(an.Start, an.End)
		if c.Action == model.ActionUpdate {
			if an, err = model.UpdateAnnotation(d.p, d.ri, an, c); err != nil {
				return model.Op{}, err
			}
		} else {
			d.art.Count--
		}
	default:
		return model.Op{}, model.Errorf(model.EINVALID, "unknown action %q (create, update or delete)", c.Action)
	}
	d.art.Version++
	d.dirty = true
	an.Version, an.UpdatedAt = d.art.Version, c.Applied
	op := model.Op{Version: d.art.Version, Action: c.Action, Annotation: an, Author: c.Author, OpID: c.OpID, At: c.Applied}

	stored := an
	stored.Text = "" // derived from the text on read
	if c.Action == model.ActionDelete {
		err = d.anns.Delete(itob(an.ID))
	} else {
		err = putJSON(d.anns, itob(an.ID), stored)
	}
	if err != nil {
		return model.Op{}, err
	}
	if err := putJSON(d.ops, itob(op.Version), op); err != nil {
		return model.Op{}, err
	}
	if c.OpID != "" {
		if err := d.opids.Put(opIDKey(c.Author, c.OpID), itob(op.Version)); err != nil {
			return model.Op{}, err
		}
	}
	return op, nil
}

// save writes the article's metadata if a change moved it. The first
// change moves a new article to in_progress.
func (d *docTx) save() error {
	if !d.dirty {
		return nil
	}
	if d.art.Status == model.StatusNew {
		d.art.Status = model.StatusInProgress
	}
	return putArticle(d.tx, d.art)
}

// OpsSince returns the article's ops with versions after since, oldest
// first. When more than max would come back it returns none and false: the
// caller should send the full state instead.
func (db *DB) OpsSince(articleID, since uint64, max int) ([]model.Op, bool, error) {
	var out []model.Op
	ok := true
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, false)
		if err != nil {
			return err
		}
		if since > a.Version {
			ok = false // the client knows a future this file does not: resync
			return nil
		}
		if a.Version-since > uint64(max) {
			ok = false
			return nil
		}
		c := docBucket(tx, articleID).Bucket(bucketOps).Cursor()
		for k, v := c.Seek(itob(since + 1)); k != nil; k, v = c.Next() {
			var op model.Op
			if err := json.Unmarshal(v, &op); err != nil {
				return fmt.Errorf("op %d: %w", btoi(k), err)
			}
			out = append(out, op)
		}
		return nil
	})
	if err != nil {
		return nil, false, wrap(err, "ops since")
	}
	return out, ok, nil
}

// wrap adds context to internal errors; *model.Error passes through so
// that its message reaches the user unchanged.
func wrap(err error, what string) error {
	if err == nil || model.ErrorCode(err) != model.EINTERNAL {
		return err
	}
	return fmt.Errorf("storage: %s: %w", what, err)
}

// Check runs bbolt's consistency check; tests call it on every database.
func (db *DB) Check() error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}

// EachArticle calls fn for every article that passes f (Offset and Limit
// aside), oldest first, with its text and annotations. It reads a few
// articles per transaction, so that a long export neither holds one read
// transaction open (which would block writers that grow the file) nor
// holds the corpus in memory. fn sees each article as it was in one
// transaction. An article that Query leaves out is skipped before its
// annotations are decoded.
func (db *DB) EachArticle(f ArticleFilter, fn func(a model.Article, anns []model.Annotation) error) error {
	const chunk = 32
	type item struct {
		a    model.Article
		anns []model.Annotation
	}
	match := newFolded(f.Query)
	var after uint64
	for {
		var batch []item
		more := false // the cursor stopped before the last article
		err := db.bolt.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketArticles).Cursor()
			scanned := 0 // a rare Query must not hold the transaction for the whole file either
			k, v := c.Seek(itob(after + 1))
			for ; k != nil && len(batch) < chunk && scanned < 1024; k, v = c.Next() {
				after = btoi(k)
				scanned++
				var a model.Article
				if err := json.Unmarshal(v, &a); err != nil {
					return fmt.Errorf("article %d: %w", after, err)
				}
				if (f.Project != 0 && a.Project != f.Project) || (f.Status != "" && a.Status != f.Status) {
					continue
				}
				text := tx.Bucket(bucketTexts).Get(k)
				if !match.in(a.Title) && !match.in(a.Source) && !match.inBytes(text) {
					continue // before its annotations are decoded
				}
				a.Text = string(text)
				ri := model.NewRuneIndex(a.Text)
				anns := []model.Annotation{}
				err := docBucket(tx, a.ID).Bucket(bucketAnn).ForEach(func(k, v []byte) error {
					var an model.Annotation
					if err := json.Unmarshal(v, &an); err != nil {
						return fmt.Errorf("annotation %d: %w", btoi(k), err)
					}
					an.Text = ri.Slice(an.Start, an.End)
					anns = append(anns, an)
					return nil
				})
				if err != nil {
					return err
				}
				SortAnnotations(anns)
				batch = append(batch, item{a, anns})
			}
			more = k != nil
			return nil
		})
		if err != nil {
			return wrap(err, "each article")
		}
		if len(batch) == 0 && !more {
			return nil
		}
		for _, it := range batch {
			if err := fn(it.a, it.anns); err != nil {
				return err
			}
		}
	}
}
