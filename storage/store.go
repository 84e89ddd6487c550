package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

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
	UpdateProject(id uint64, fn func(p *model.Project) error) (model.Project, error)

	Articles(f ArticleFilter) ([]model.Article, int, error)
	Article(id uint64) (model.Article, error)
	CreateArticle(a model.Article) (model.Article, bool, error)
	SetStatus(id uint64, s model.Status) (model.Article, error)
	EditArticle(id uint64, e ArticleEdit) (model.Article, error)

	NextArticle(project, after uint64) (model.Article, error)
	EachArticle(f ArticleFilter, fn func(a model.Article, anns []model.Annotation) error) error
	ImportArticles(project uint64, items []NewArticle) ([]Imported, error)

	// Annotation reads and changes name a layer: "" the gold (shared)
	// one, else an annotator's (a Change's Layer).
	Annotations(article uint64, layer string) ([]model.Annotation, error)
	Snapshot(article uint64, layer string) (uint64, []model.Annotation, error)
	Apply(article uint64, c model.Change) (model.Op, error)
	ApplyAsync(article uint64, c model.Change) (wait func() (model.Op, error))
	OpsSince(article uint64, layer string, since uint64, max int) ([]model.Op, bool, error)
	History(article uint64, layer string, annotation uint64) ([]model.Op, error)
	State(article uint64, layer string) (State, error)
	Relations(article uint64, layer string) ([]model.Relation, error)

	Layers(article uint64) ([]model.Layer, error)
	SubmitLayer(article uint64, name string, k int) (model.Layer, model.Article, error)
	ReopenLayer(article uint64, name string, k int) (model.Layer, model.Article, error)
	Assign(project uint64, user string, k int) (model.Article, error)
	Reject(article uint64, r model.Rejection, undo bool) ([]model.Rejection, error)
	Rejections(article uint64) ([]model.Rejection, error)

	Users() ([]model.User, error)
	User(name string) (model.User, error)
	PutUser(u model.User) error
	DeleteUser(name string) error
	NewCredential(kind CredKind, user string, ttl time.Duration) (string, error)
	NewNamedCredential(kind CredKind, user, name string, ttl time.Duration) (string, Credential, error)
	Authenticate(kind CredKind, secret string) (model.User, error)
	AuthenticateCred(kind CredKind, secret string) (model.User, Credential, error)
	DeleteCredential(kind CredKind, secret string) error
	Credentials(kind CredKind, user string) ([]Credential, error)
	RevokeCredential(kind CredKind, id string) (Credential, error)
	RevokeUser(user, keep string) ([]Credential, error)
	PurgeExpired() (int, error)

	PutBlocks(article uint64, blocks []byte) error
	Blocks(article uint64) ([]byte, error)
	Decide(article uint64, d Decision) error
	Decisions(article uint64, layer string) ([]Decision, error)
	Learned(key string) ([]byte, error)
	UpdateLearned(key string, fn func(old []byte) ([]byte, error)) error
	ForgetLearned(prefix string) (int, error)
	LearnedKeys(prefix string) ([]string, error)

	Backup(w io.Writer) (int64, error)
	MaxAnnotations() int
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
	// OnCommit, when set, is told of every group commit of annotation
	// changes: how many, how long it took, and whether it failed
	// (metrics).
	OnCommit func(changes int, d time.Duration, err error)
	// MaxAnnotations bounds one article's annotations (default
	// DefaultMaxAnnotations): every read of an article (the editor, a live
	// welcome, an export) holds all of them, so one article must not hold
	// half a million.
	MaxAnnotations int
}

// DefaultMaxAnnotations is Options.MaxAnnotations when it is 0.
const DefaultMaxAnnotations = 20_000

// DB is the bbolt-backed Store.
type DB struct {
	bolt   *bolt.DB
	now    func() time.Time
	commit *committer
	// group holds the articles the committer's current transaction has
	// changed, by id; only the committer goroutine touches it.
	group map[docKey]*docTx
	arts  map[uint64]*artTx
	cache textCache
	// maxAnns is Options.MaxAnnotations.
	maxAnns int
}

// MaxAnnotations is how many annotations one article may hold.
func (db *DB) MaxAnnotations() int { return db.maxAnns }

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
	if opt.MaxAnnotations <= 0 {
		opt.MaxAnnotations = DefaultMaxAnnotations
	}
	db := &DB{bolt: b, now: func() time.Time { return time.Now().UTC() }, maxAnns: opt.MaxAnnotations}
	if err := b.Update(db.initialize); err != nil {
		b.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.commit = newCommitter(b, db.beginGroup, db.endGroup, opt.OnCommit)
	return db, nil
}

// Close waits for the changes in flight to commit and closes the file.
func (db *DB) Close() error {
	db.commit.close()
	return db.bolt.Close()
}

// SchemaVersion is the layout this code writes. migrations[i] brings a file
// from version i to i+1; version 0 is an empty file.
const SchemaVersion = 4

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
	// 2 → 3: project members and roles (projects.go).
	migrateMembers,
	// 3 → 4: the default project's relation types (relations.go).
	migrateRelations,
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
		_, err := db.createProject(tx, model.Project{Name: model.DefaultProjectName, Labels: model.DefaultLabels(),
			Relations: model.DefaultRelations(), AnnotatorsEditAll: true})
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
