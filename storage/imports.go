package storage

import (
	"fmt"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// NewArticle is one article to import with the annotations it brings.
type NewArticle struct {
	Article     model.Article
	Annotations []model.Change // creates; Author set by the caller
}

// Imported tells what became of one NewArticle.
type Imported struct {
	Article model.Article `json:"article"`
	Created bool          `json:"created"` // false: the project held the same text already
	Ops     []model.Op    `json:"-"`       // the annotation creates, for live rooms
}

// ImportArticles stores articles and their annotations in one transaction:
// either all of them are stored or, on any error, none. An article whose
// text the project holds already is not stored again and its annotations
// are skipped, so re-importing a file is harmless.
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
			if created && len(it.Annotations) > 0 {
				// Imported spans go to the gold layer.
				art := &artTx{a: a}
				d, err := db.openDoc(tx, art, "", model.NewRuneIndex(a.Text))
				if err != nil {
					return err
				}
				for j, c := range it.Annotations {
					c.Action = model.ActionCreate
					if c.Applied.IsZero() {
						c.Applied = db.now()
					}
					op, err := d.change(c)
					if err != nil {
						return model.Errorf(model.ErrorCode(err), "article %d (%q), annotation %d: %s", i+1, a.Title, j+1, model.ErrorMessage(err))
					}
					res.Ops = append(res.Ops, op)
				}
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
