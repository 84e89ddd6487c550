package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// ArticleFilter selects and pages articles. Zero fields do not filter.
type ArticleFilter struct {
	Project uint64
	// Projects, when not nil, keeps only articles of these projects: the
	// ones the caller may see. An empty non-nil set keeps none.
	Projects map[uint64]bool
	Status   model.Status
	Query    string // case-insensitive substring of the title, source or text
	Source   string // exactly this source (a site)
	// Layer is the layer EachArticle reads: "" the gold one, an
	// annotator's name, or AllLayers for every layer (gold first), each
	// annotation carrying its Layer, and the article its Layers.
	Layer  string
	Offset int
	Limit  int // default 50, at most 500
}

// AllLayers as ArticleFilter.Layer reads every layer.
const AllLayers = "*"

func (f ArticleFilter) passes(project uint64, status model.Status) bool {
	return (f.Project == 0 || project == f.Project) && (f.Status == "" || status == f.Status) &&
		(f.Projects == nil || f.Projects[project])
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
			if !f.passes(e.Project, e.Status) || f.Source != "" && e.Source != f.Source {
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
		return withLayers(tx, out)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: articles: %w", err)
	}
	return out, total, nil
}

// Article returns the article with its text and its layers.
func (db *DB) Article(id uint64) (model.Article, error) {
	var a model.Article
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		if a, err = article(tx, id, true); err != nil {
			return err
		}
		a.Layers, err = layers(tx, id)
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
	if a.URL != "" {
		// Exports put it in links (ClaimReview, W3C): only web addresses.
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return model.Errorf(model.EINVALID, "the article's url must be an http(s) address, not %q", a.URL)
		}
	}
	if a.Status == "" {
		a.Status = model.StatusNew
	}
	if !a.Status.Valid() {
		return model.Errorf(model.EINVALID, "unknown status %q (%s)", a.Status, model.Statuses)
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

// ArticleEdit changes an article's details (nil fields stay); its text
// never changes.
type ArticleEdit struct {
	Title, Source, URL, Published *string
	By                            string // who edits, recorded as updated_by
}

// EditArticle changes an article's title, source, URL or published date,
// checked as on import, and records who did it and when.
func (db *DB) EditArticle(id uint64, e ArticleEdit) (model.Article, error) {
	var a model.Article
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		if a, err = article(tx, id, false); err != nil {
			return err
		}
		for _, f := range []struct {
			v   *string
			dst *string
		}{{e.Title, &a.Title}, {e.Source, &a.Source}, {e.URL, &a.URL}, {e.Published, &a.Published}} {
			if f.v != nil {
				*f.dst = strings.TrimSpace(*f.v)
			}
		}
		if err := checkDetails(a, e); err != nil {
			return err
		}
		now := db.now()
		a.UpdatedBy, a.UpdatedAt = e.By, &now
		return putArticle(tx, a)
	})
	if err != nil {
		return a, wrap(err, "edit article")
	}
	return a, nil
}

// checkDetails checks the details an edit gives (imports keep a source's
// published date as it came; an edit must give a date).
func checkDetails(a model.Article, e ArticleEdit) error {
	if utf8.RuneCountInString(a.Title) > 1000 || utf8.RuneCountInString(a.Source) > 1000 || len(a.URL) > 4000 || len(a.Published) > 64 {
		return model.Errorf(model.EINVALID, "title and source hold at most 1,000 characters, url 4,000 bytes, published 64")
	}
	for _, v := range []string{a.Title, a.Source, a.URL, a.Published} {
		if !utf8.ValidString(v) || strings.ContainsAny(v, "\x00\n\r") {
			return model.Errorf(model.EINVALID, "an article's title, source, url and published date are one line of text each")
		}
	}
	if e.URL != nil && a.URL != "" {
		// Exports put it in links (ClaimReview, W3C): only web addresses.
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return model.Errorf(model.EINVALID, "the article's url must be an http(s) address, not %q", a.URL)
		}
	}
	if e.Published != nil && a.Published != "" && !validPublished(a.Published) {
		return model.Errorf(model.EINVALID, "published must be a date (YYYY-MM-DD) or an RFC 3339 time, not %q", a.Published)
	}
	return nil
}

func validPublished(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// SetStatus changes an article's workflow status.
func (db *DB) SetStatus(id uint64, s model.Status) (model.Article, error) {
	if !s.Valid() {
		return model.Article{}, model.Errorf(model.EINVALID, "unknown status %q (%s)", s, model.Statuses)
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
				if !f.passes(a.Project, a.Status) || f.Source != "" && a.Source != f.Source {
					continue
				}
				text := tx.Bucket(bucketTexts).Get(k)
				if !match.in(a.Title) && !match.in(a.Source) && !match.inBytes(text) {
					continue // before its annotations are decoded
				}
				a.Text = string(text)
				var anns []model.Annotation
				var err error
				if anns, a.Relations, a.Layers, err = readLayers(tx, a, f.Layer); err != nil {
					return err
				}
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

// readLayers reads the annotations and relations of one layer of a, or
// of every layer (gold first) with AllLayers, when it also returns the
// article's layers, read once for all three.
func readLayers(tx *bolt.Tx, a model.Article, layer string) ([]model.Annotation, []model.Relation, []model.Layer, error) {
	ri := model.NewRuneIndex(a.Text)
	docs := []*bolt.Bucket{}
	var ls []model.Layer
	if layer != AllLayers {
		doc, _, err := readDoc(tx, a, layer)
		if err != nil {
			return nil, nil, nil, err
		}
		docs = append(docs, doc)
	} else {
		var err error
		if ls, err = layers(tx, a.ID); err != nil {
			return nil, nil, nil, err
		}
		docs = append(docs, docBucket(tx, a.ID))
		for _, l := range ls {
			docs = append(docs, layerBucket(tx, a.ID, l.Name))
		}
	}
	anns, rels := []model.Annotation{}, []model.Relation{}
	for _, doc := range docs {
		as, err := readAnnotations(doc, ri)
		if err != nil {
			return nil, nil, nil, err
		}
		rs, err := readRelations(doc)
		if err != nil {
			return nil, nil, nil, err
		}
		anns, rels = append(anns, as...), append(rels, rs...)
	}
	return anns, rels, ls, nil
}
