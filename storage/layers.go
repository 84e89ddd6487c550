package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// An independent project's article has, beside its gold layer (the
// article's own ann/ops/opids buckets), one layer per annotator:
//
//	docs/<article>/layers/<name>/{ann, ops, opids} and the key "info"
//
// Each layer is a document of its own: its own annotations, op log and
// versions, so a live room of one layer sends contiguous versions and
// nothing of another layer, not even how many ops it has. Annotation ids
// come from one sequence, so they are unique across layers.
var (
	bucketLayers = []byte("layers")
	keyLayerInfo = []byte("info")
)

// readDoc returns the bucket and version of one layer of a in a read
// transaction; a layer nobody has written yet is nil at version 0.
func readDoc(tx *bolt.Tx, a model.Article, layer string) (*bolt.Bucket, uint64, error) {
	if layer == "" {
		return docBucket(tx, a.ID), a.Version, nil
	}
	b := layerBucket(tx, a.ID, layer)
	if b == nil {
		return nil, 0, nil
	}
	l, err := layerInfo(b)
	return b, l.Version, err
}

func layerBucket(tx *bolt.Tx, article uint64, name string) *bolt.Bucket {
	ls := docBucket(tx, article).Bucket(bucketLayers)
	if ls == nil {
		return nil
	}
	return ls.Bucket([]byte(name))
}

func layerInfo(b *bolt.Bucket) (model.Layer, error) {
	var l model.Layer
	_, err := getJSON(b, keyLayerInfo, &l)
	return l, err
}

// openLayer returns the layer's bucket and metadata for a write,
// creating them (assigned now) when the layer is new.
func openLayer(tx *bolt.Tx, article uint64, name string, now time.Time) (*bolt.Bucket, *model.Layer, error) {
	if name == "" || name == model.Gold {
		return nil, nil, fmt.Errorf("storage: %q is not an annotator's layer", name)
	}
	ls, err := docBucket(tx, article).CreateBucketIfNotExists(bucketLayers)
	if err != nil {
		return nil, nil, err
	}
	if b := ls.Bucket([]byte(name)); b != nil {
		l, err := layerInfo(b)
		return b, &l, err
	}
	b, err := ls.CreateBucket([]byte(name))
	if err != nil {
		return nil, nil, err
	}
	for _, sub := range [][]byte{bucketAnn, bucketOps, bucketOpIDs} {
		if _, err := b.CreateBucket(sub); err != nil {
			return nil, nil, err
		}
	}
	l := &model.Layer{Name: name, Status: model.LayerAssigned, Assigned: now}
	return b, l, putJSON(b, keyLayerInfo, l)
}

// layers lists an article's annotator layers by name.
func layers(tx *bolt.Tx, article uint64) ([]model.Layer, error) {
	ls := docBucket(tx, article).Bucket(bucketLayers)
	if ls == nil {
		return nil, nil
	}
	var out []model.Layer
	err := ls.ForEachBucket(func(k []byte) error {
		l, err := layerInfo(ls.Bucket(k))
		if err != nil {
			return fmt.Errorf("layer %q: %w", k, err)
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

// Layers lists an article's annotator layers, by name.
func (db *DB) Layers(id uint64) ([]model.Layer, error) {
	var out []model.Layer
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if _, err := article(tx, id, false); err != nil {
			return err
		}
		var err error
		out, err = layers(tx, id)
		return err
	})
	return out, wrap(err, "layers")
}

// SubmitLayer marks name's layer of an article submitted, which locks it
// for them; an annotator who found nothing to mark submits an empty
// layer. When k layers are submitted the article becomes submitted.
// Submitting twice is not an error.
func (db *DB) SubmitLayer(id uint64, name string, k int) (model.Layer, model.Article, error) {
	var l model.Layer
	var a model.Article
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		if a, err = article(tx, id, false); err != nil {
			return err
		}
		if a.Status == model.StatusReviewed {
			return model.Errorf(model.EFORBIDDEN, "article %d is reviewed, so it is locked for annotators; a reviewer can reopen it", id)
		}
		b, lp, err := openLayer(tx, id, name, db.now())
		if err != nil {
			return err
		}
		if lp.Status != model.LayerSubmitted {
			now := db.now()
			lp.Status, lp.Submitted = model.LayerSubmitted, &now
			if err := putJSON(b, keyLayerInfo, lp); err != nil {
				return err
			}
		}
		l = *lp
		return db.settleStatus(tx, &a, k)
	})
	if err != nil {
		return l, a, wrap(err, "submit layer")
	}
	return l, a, nil
}

// ReopenLayer gives a submitted layer back to its annotator; a reviewed
// article goes back to submitted or in progress with it.
func (db *DB) ReopenLayer(id uint64, name string, k int) (model.Layer, model.Article, error) {
	var l model.Layer
	var a model.Article
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		if a, err = article(tx, id, false); err != nil {
			return err
		}
		b := layerBucket(tx, id, name)
		if b == nil {
			return model.Errorf(model.ENOTFOUND, "article %d has no layer of %s", id, name)
		}
		if l, err = layerInfo(b); err != nil {
			return err
		}
		if l.Status == model.LayerSubmitted {
			l.Status, l.Submitted = model.LayerInProgress, nil
			if err := putJSON(b, keyLayerInfo, l); err != nil {
				return err
			}
		}
		if a.Status == model.StatusReviewed {
			a.Status = model.StatusSubmitted // settleStatus takes it lower if it must
		}
		return db.settleStatus(tx, &a, k)
	})
	if err != nil {
		return l, a, wrap(err, "reopen layer")
	}
	return l, a, nil
}

// settleStatus sets an independent article's status from its layers:
// submitted once k are, in progress while some work is there, new before;
// a reviewed article stays reviewed.
func (db *DB) settleStatus(tx *bolt.Tx, a *model.Article, k int) error {
	if a.Status == model.StatusReviewed {
		return nil
	}
	ls, err := layers(tx, a.ID)
	if err != nil {
		return err
	}
	submitted, started := 0, a.Version > 0
	for _, l := range ls {
		if l.Status == model.LayerSubmitted {
			submitted++
		}
		if l.Status != model.LayerAssigned || l.Version > 0 {
			started = true
		}
	}
	want := model.StatusNew
	switch {
	case submitted >= max(k, 1):
		want = model.StatusSubmitted
	case started:
		want = model.StatusInProgress
	}
	if a.Status == want {
		return nil
	}
	a.Status = want
	return putArticle(tx, *a)
}

// Assign hands user their next article of an independent project: the one
// they hold unfinished, if any; else, among the articles fewer than k
// annotators hold and they never held, not reviewed, the one held by
// fewest (then the oldest). The article's layer is created for them as
// assigned, in the same transaction, so two annotators asking at once are
// counted. ENOTFOUND when nothing is left.
func (db *DB) Assign(project uint64, user string, k int) (model.Article, error) {
	var out model.Article
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		type cand struct {
			id   uint64
			held int
		}
		var mine, best *cand
		c := tx.Bucket(bucketList).Cursor()
		for key, v := c.First(); key != nil; key, v = c.Next() {
			e, err := decodeList(v)
			if err != nil {
				return fmt.Errorf("article %d: %w", btoi(key), err)
			}
			if e.Project != project || e.Status == model.StatusReviewed {
				continue
			}
			id := btoi(key)
			ls, err := layers(tx, id)
			if err != nil {
				return err
			}
			held, own := 0, false
			for _, l := range ls {
				held++
				if l.Name == user {
					own = true
					if l.Status != model.LayerSubmitted && mine == nil {
						mine = &cand{id, held}
					}
				}
			}
			if !own && held < max(k, 1) && (best == nil || held < best.held) {
				best = &cand{id, held}
			}
		}
		pick := mine
		if pick == nil {
			pick = best
		}
		if pick == nil {
			return model.Errorf(model.ENOTFOUND, "no article is left for you to annotate in project %d: each has its %d annotator(s), or you had it already", project, max(k, 1))
		}
		if _, _, err := openLayer(tx, pick.id, user, db.now()); err != nil {
			return err
		}
		var err error
		out, err = article(tx, pick.id, false)
		if err != nil {
			return err
		}
		out.Layers, err = layers(tx, pick.id)
		return err
	})
	if err != nil {
		return out, wrap(err, "assign")
	}
	return out, nil
}

// withLayers fills in the layers of each article.
func withLayers(tx *bolt.Tx, as []model.Article) error {
	for i := range as {
		ls, err := layers(tx, as[i].ID)
		if err != nil {
			return err
		}
		as[i].Layers = ls
	}
	return nil
}

// Rejections are kept in the article's doc bucket, in "rejected", keyed
// start:end:label.
var bucketRejected = []byte("rejected")

func rejectionKey(r model.Rejection) []byte {
	return fmt.Appendf(nil, "%d:%d:%s", r.Start, r.End, r.Label)
}

// Reject records (or with undo, forgets) that reviewers left a span out of
// gold, and returns the article's rejections.
func (db *DB) Reject(id uint64, r model.Rejection, undo bool) ([]model.Rejection, error) {
	var out []model.Rejection
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		a, err := article(tx, id, false)
		if err != nil {
			return err
		}
		if r.End > a.Length {
			return model.Errorf(model.EINVALID, "span %d-%d runs past the article's %d code points", r.Start, r.End, a.Length)
		}
		b, err := docBucket(tx, id).CreateBucketIfNotExists(bucketRejected)
		if err != nil {
			return err
		}
		if undo {
			err = b.Delete(rejectionKey(r))
		} else {
			r.At = db.now()
			err = putJSON(b, rejectionKey(r), r)
		}
		if err != nil {
			return err
		}
		out, err = rejections(tx, id)
		return err
	})
	return out, wrap(err, "reject")
}

// Rejections lists the spans reviewers rejected in an article.
func (db *DB) Rejections(id uint64) ([]model.Rejection, error) {
	var out []model.Rejection
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		if _, err = article(tx, id, false); err != nil {
			return err
		}
		out, err = rejections(tx, id)
		return err
	})
	return out, wrap(err, "rejections")
}

func rejections(tx *bolt.Tx, article uint64) ([]model.Rejection, error) {
	out := []model.Rejection{}
	b := docBucket(tx, article).Bucket(bucketRejected)
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(_, v []byte) error {
		var r model.Rejection
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
