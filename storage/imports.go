package storage

import (
	"fmt"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// NewArticle is one article to import with the annotations it brings and
// the relations between them.
type NewArticle struct {
	Article     model.Article
	Annotations []model.Change // creates; Author set by the caller
	Relations   []NewRelation
	// Blocks is a saved page's block structure (JSON), kept beside the
	// article for the suggestion detectors; nil for none.
	Blocks []byte
}

// NewRelation is a relation to import: its type and its ends, as indexes
// into the NewArticle's Annotations.
type NewRelation struct {
	Type     string
	From, To int
	Author   string
	Applied  time.Time // when it was made; zero: now
}

// Imported tells what became of one NewArticle.
type Imported struct {
	Article     model.Article `json:"article"`
	Created     bool          `json:"created"` // false: the project held the same text already
	Annotations int           `json:"-"`       // annotations created
	Relations   int           `json:"-"`       // relations created
	// Ops are the annotation creates and the relates, for live rooms (an
	// update that a said_by makes to fill the quote's speaker is in the op
	// log, not here).
	Ops []model.Op `json:"-"`
}

// ImportArticles stores articles, their annotations and the relations
// between them in one transaction: either all of them are stored or, on
// any error, none. Relations are made after the annotations, through the
// same path as a live relate (checked against the schema; said_by fills
// the quote's speaker), by their own authors whoever made the ends. An
// article whose text the project holds already is not stored again and
// its annotations and relations are skipped, so re-importing a file is
// harmless.
func (db *DB) ImportArticles(project uint64, items []NewArticle) ([]Imported, error) {
	out := make([]Imported, 0, len(items))
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		out = out[:0]
		for i, it := range items {
			a := it.Article
			a.Project = project
			if err := prepareArticle(&a); err != nil {
				return fmt.Errorf("article %d (%q): %w", i+1, a.Title, err)
			}
			a, created, err := db.createArticle(tx, a)
			if err != nil {
				return fmt.Errorf("article %d (%q): %w", i+1, a.Title, err)
			}
			res := Imported{Article: a, Created: created}
			if created && len(it.Blocks) > 0 {
				b, err := tx.CreateBucketIfNotExists(bucketBlocks)
				if err != nil {
					return err
				}
				if err := b.Put(itob(a.ID), it.Blocks); err != nil {
					return err
				}
			}
			if created && (len(it.Annotations) > 0 || len(it.Relations) > 0) {
				where := func(what string, j int) string {
					return fmt.Sprintf("article %d (%q), %s %d", i+1, a.Title, what, j+1)
				}
				// Imported spans go to the gold layer.
				art := &artTx{a: a}
				d, err := db.openDoc(tx, art, "", model.NewRuneIndex(a.Text))
				if err != nil {
					return err
				}
				ids := make([]uint64, len(it.Annotations))
				for j, c := range it.Annotations {
					c.Action = model.ActionCreate
					if c.Applied.IsZero() {
						c.Applied = db.now()
					}
					op, err := d.change(c)
					if err != nil {
						return model.Errorf(model.ErrorCode(err), "%s: %s", where("annotation", j), model.ErrorMessage(err))
					}
					ids[j] = op.Annotation.ID
					res.Ops = append(res.Ops, op)
				}
				res.Annotations = len(ids)
				for j, r := range it.Relations {
					if r.From < 0 || r.From >= len(ids) || r.To < 0 || r.To >= len(ids) {
						return model.Errorf(model.EINVALID, "%s: its ends %d and %d are not both among the article's %d annotations", where("relation", j), r.From+1, r.To+1, len(ids))
					}
					c := model.Change{Action: model.ActionRelate, RelType: r.Type, From: ids[r.From], To: ids[r.To],
						Author: r.Author, EditOthers: true, Applied: r.Applied}
					if c.Applied.IsZero() {
						c.Applied = db.now()
					}
					op, err := d.change(c)
					if err != nil {
						return model.Errorf(model.ErrorCode(err), "%s (%s from annotation %d to %d): %s", where("relation", j), r.Type, r.From+1, r.To+1, model.ErrorMessage(err))
					}
					res.Ops = append(res.Ops, op)
				}
				res.Relations = len(it.Relations)
				if err := d.save(); err != nil {
					return err
				}
				if err := putArticle(tx, art.a); err != nil {
					return err
				}
				res.Article = art.a
			}
			out = append(out, res)
		}
		return nil
	})
	if err != nil {
		return nil, wrap(err, "import")
	}
	return out, nil
}

// NextArticle returns the first article after id (in id order, wrapping
// round) in the project that is not done.
func (db *DB) NextArticle(project, id uint64) (model.Article, error) {
	var next model.Article
	err := db.bolt.View(func(tx *bolt.Tx) error {
		// The list records say project and status without decoding each
		// article: after a run of done articles this is a skip, not a scan
		// of their JSON.
		c := tx.Bucket(bucketList).Cursor()
		try := func(k, v []byte) (bool, error) {
			e, err := decodeList(v)
			if err != nil {
				return false, fmt.Errorf("article %d: %w", btoi(k), err)
			}
			if e.Project != project || e.Status == model.StatusDone || btoi(k) == id {
				return false, nil
			}
			next, err = article(tx, btoi(k), false)
			return true, err
		}
		for k, v := c.Seek(itob(id + 1)); k != nil; k, v = c.Next() {
			if ok, err := try(k, v); ok || err != nil {
				return err
			}
		}
		for k, v := c.First(); k != nil && btoi(k) < id; k, v = c.Next() {
			if ok, err := try(k, v); ok || err != nil {
				return err
			}
		}
		return model.Errorf(model.ENOTFOUND, "no article left to do in this project")
	})
	return next, err
}
