package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// Annotations returns the annotations of one layer of an article ("" the
// gold layer), ordered by start, then end.
func (db *DB) Annotations(articleID uint64, layer string) ([]model.Annotation, error) {
	_, out, err := db.Snapshot(articleID, layer)
	return out, err
}

// Snapshot returns one layer's version and its annotations at that
// version, read in one transaction. A layer nobody has written yet is
// empty at version 0.
func (db *DB) Snapshot(articleID uint64, layer string) (uint64, []model.Annotation, error) {
	var (
		out     []model.Annotation
		version uint64
	)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, true)
		if err != nil {
			return err
		}
		b, v, err := readDoc(tx, a, layer)
		if err != nil {
			return err
		}
		version = v
		out, err = readAnnotations(b, model.NewRuneIndex(a.Text))
		return err
	})
	if err != nil {
		return 0, nil, wrap(err, "annotations")
	}
	return version, out, nil
}

// readAnnotations decodes the annotations of a layer's bucket (nil: none),
// sorted, with their texts.
func readAnnotations(doc *bolt.Bucket, ri *model.RuneIndex) ([]model.Annotation, error) {
	out := []model.Annotation{}
	if doc == nil {
		return out, nil
	}
	err := doc.Bucket(bucketAnn).ForEach(func(k, v []byte) error {
		var an model.Annotation
		if err := json.Unmarshal(v, &an); err != nil {
			return fmt.Errorf("annotation %d: %w", btoi(k), err)
		}
		an.Text = ri.Slice(an.Start, an.End)
		out = append(out, an)
		return nil
	})
	SortAnnotations(out)
	return out, err
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
//
// c.Layer names the layer: "" the gold one, else an annotator's, created
// on its first change.
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
	key := docKey{articleID, c.Layer}
	d := db.group[key]
	if d == nil {
		art := db.arts[articleID]
		if art == nil {
			a, err := article(tx, articleID, false)
			if err != nil {
				return model.Op{}, err
			}
			art = &artTx{a: a}
		}
		var err error
		if d, err = db.openDoc(tx, art, c.Layer, nil); err != nil {
			return model.Op{}, err
		}
		db.arts[articleID] = art
		db.group[key] = d
	}
	return d.change(c)
}

// docKey names one layer of one article in a group.
type docKey struct {
	article uint64
	layer   string
}

// artTx is an article's record inside a write transaction, shared by the
// docTx of each of its layers the group changes, and written once.
type artTx struct {
	a     model.Article
	dirty bool
}

// beginGroup forgets the articles of the previous transaction (committed,
// or rolled back and retried).
func (db *DB) beginGroup() {
	db.group = map[docKey]*docTx{}
	db.arts = map[uint64]*artTx{}
}

// endGroup writes the metadata of every layer and article the group
// changed.
func (db *DB) endGroup(tx *bolt.Tx) error {
	for _, d := range db.group {
		if err := d.save(); err != nil {
			return err
		}
	}
	for _, art := range db.arts {
		if art.dirty {
			if err := putArticle(tx, art.a); err != nil {
				return err
			}
		}
	}
	return nil
}

// docTx is one layer of an article inside a write transaction: its
// metadata as it changes, its schema and text index, and its buckets.
// Changes go through change; save writes the metadata once, however many
// changes came.
type docTx struct {
	tx               *bolt.Tx
	art              *artTx
	layer            *model.Layer // nil for the gold layer, whose metadata is the article's
	doc              *bolt.Bucket // the layer's bucket: the article's own for gold
	p                model.Project
	ri               *model.RuneIndex
	ops, anns, opids *bolt.Bucket
	dirty            bool
	max              int // annotations the layer may hold
}

// openDoc loads a layer of an article for changes ("" the gold layer; an
// annotator's is created on its first change); ri may be given when the
// caller has the text indexed already.
func (db *DB) openDoc(tx *bolt.Tx, art *artTx, layer string, ri *model.RuneIndex) (*docTx, error) {
	p, err := db.cache.project(tx, art.a.Project)
	if err != nil {
		return nil, err
	}
	if ri == nil {
		ri = db.cache.text(tx, art.a.ID)
	}
	d := &docTx{tx: tx, art: art, p: p, ri: ri, max: db.maxAnns}
	doc := docBucket(tx, art.a.ID)
	if layer != "" {
		if doc, d.layer, err = openLayer(tx, art.a.ID, layer, db.now()); err != nil {
			return nil, err
		}
	}
	d.doc = doc
	d.ops, d.anns, d.opids = doc.Bucket(bucketOps), doc.Bucket(bucketAnn), doc.Bucket(bucketOpIDs)
	return d, nil
}

// version and count point at the layer's op-log version and annotation
// count: the article's own for the gold layer.
func (d *docTx) version() *uint64 {
	if d.layer != nil {
		return &d.layer.Version
	}
	return &d.art.a.Version
}

func (d *docTx) count() *int {
	if d.layer != nil {
		return &d.layer.Count
	}
	return &d.art.a.Count
}

// locked refuses a change to an annotator's layer that its annotator has
// submitted, or of an article a reviewer has marked reviewed.
func (d *docTx) locked() error {
	if d.layer == nil {
		return nil
	}
	if d.layer.Status == model.LayerSubmitted {
		return model.Errorf(model.EFORBIDDEN, "%s's layer of article %d is submitted, so it is locked; a reviewer can reopen it", d.layer.Name, d.art.a.ID)
	}
	if d.art.a.Status == model.StatusReviewed {
		return model.Errorf(model.EFORBIDDEN, "article %d is reviewed, so it is locked for annotators; a reviewer can reopen it", d.art.a.ID)
	}
	return nil
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
	if err := d.locked(); err != nil {
		return model.Op{}, err
	}
	if c.Action.OnRelation() {
		return d.relationChange(c)
	}
	var an model.Annotation
	var err error
	count := d.count()
	switch c.Action {
	case model.ActionCreate:
		if *count >= d.max {
			return model.Op{}, model.Errorf(model.ETOOLARGE, "article %d holds %d annotations, the most one article may hold", d.art.a.ID, d.max)
		}
		if an, err = model.NewAnnotation(d.p, d.ri, c); err != nil {
			return model.Op{}, err
		}
		seq, err := d.tx.Bucket(bucketAnnSeq).NextSequence()
		if err != nil {
			return model.Op{}, err
		}
		an.ID, an.Article, an.CreatedAt = seq, d.art.a.ID, c.Applied
		if d.layer != nil {
			an.Layer = d.layer.Name
		}
		*count++
	case model.ActionUpdate, model.ActionDelete:
		ok, err := getJSON(d.anns, itob(c.ID), &an)
		if err != nil {
			return model.Op{}, err
		}
		if !ok {
			return model.Op{}, model.Errorf(model.ENOTFOUND, "annotation %d not found in %s", c.ID, d.where())
		}
		an.Text = d.ri.Slice(an.Start, an.End)
		if c.IfVersion != 0 && an.Version != c.IfVersion {
			cur := an
			return model.Op{}, &model.Error{Code: model.ECONFLICT, Current: &cur,
				Message: fmt.Sprintf("annotation %d changed since version %d: %s changed it (now version %d); nothing was %sd", an.ID, c.IfVersion, who(an), an.Version, c.Action)}
		}
		if !c.EditOthers && an.Author != c.Author {
			return model.Op{}, model.Errorf(model.EFORBIDDEN, "annotation %d is %s's: you may %s only your own in this project (annotators_edit_all is off)", an.ID, an.Author, c.Action)
		}
		if c.Action == model.ActionUpdate {
			if an, err = model.UpdateAnnotation(d.p, d.ri, an, c); err != nil {
				return model.Op{}, err
			}
		} else {
			// Its relations go first, each with an op of its own, so
			// that no version has a relation to nothing.
			if err := d.unrelateAll(an.ID, c); err != nil {
				return model.Op{}, err
			}
			*count--
		}
	default:
		return model.Op{}, model.Errorf(model.EINVALID, "unknown action %q (create, update, delete, relate or unrelate)", c.Action)
	}
	op := model.Op{Action: c.Action, Author: c.Author, OpID: c.OpID, At: c.Applied}
	if err := d.putAnnotation(&op, an); err != nil {
		return model.Op{}, err
	}
	return op, d.log(&op)
}

// putAnnotation stamps an with op's next version and writes (or, for a
// delete, removes) it; op carries it.
func (d *docTx) putAnnotation(op *model.Op, an model.Annotation) error {
	an.Version, an.UpdatedAt, an.UpdatedBy = *d.version()+1, op.At, op.Author
	op.Annotation = an
	if op.Action == model.ActionDelete {
		return d.anns.Delete(itob(an.ID))
	}
	stored := an
	stored.Text = "" // derived from the text on read
	return putJSON(d.anns, itob(an.ID), stored)
}

// log gives op the layer's next version and appends it to the op log
// (with its op_id, when it has one).
func (d *docTx) log(op *model.Op) error {
	v := d.version()
	*v++
	d.dirty = true
	op.Version = *v
	if err := putJSON(d.ops, itob(op.Version), op); err != nil {
		return err
	}
	if op.OpID != "" {
		return d.opids.Put(opIDKey(op.Author, op.OpID), itob(op.Version))
	}
	return nil
}

// who names whoever changed an annotation last, for messages.
func who(an model.Annotation) string {
	if an.UpdatedBy != "" {
		return an.UpdatedBy
	}
	return an.Author
}

// where names the layer for messages.
func (d *docTx) where() string {
	if d.layer != nil {
		return fmt.Sprintf("%s's layer of article %d", d.layer.Name, d.art.a.ID)
	}
	return fmt.Sprintf("article %d", d.art.a.ID)
}

// save records that a change moved the layer: the first change moves a
// new article, and an assigned layer, to in_progress. The article record
// itself is written once by endGroup.
func (d *docTx) save() error {
	if !d.dirty {
		return nil
	}
	if d.art.a.Status == model.StatusNew {
		d.art.a.Status = model.StatusInProgress
	}
	if d.layer == nil {
		d.art.dirty = true
		return nil
	}
	if d.art.a.Status == model.StatusInProgress {
		d.art.dirty = true
	}
	if d.layer.Status == model.LayerAssigned {
		d.layer.Status = model.LayerInProgress
	}
	return putJSON(d.doc, keyLayerInfo, d.layer)
}

// OpsSince returns the article's ops with versions after since, oldest
// first. When more than max would come back it returns none and false: the
// caller should send the full state instead.
func (db *DB) OpsSince(articleID uint64, layer string, since uint64, max int) ([]model.Op, bool, error) {
	var out []model.Op
	ok := true
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, false)
		if err != nil {
			return err
		}
		doc, version, err := readDoc(tx, a, layer)
		if err != nil {
			return err
		}
		if since > version {
			ok = false // the client knows a future this file does not: resync
			return nil
		}
		if version-since > uint64(max) {
			ok = false
			return nil
		}
		if doc == nil {
			return nil
		}
		c := doc.Bucket(bucketOps).Cursor()
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

// History returns the ops of the article's log that touched one
// annotation (its relations' included), oldest first; ENOTFOUND when there are none (no such
// annotation in that article, ever). It reads the whole log of the
// article: logs are per article, and reading one of 10,000 ops takes
// milliseconds.
func (db *DB) History(articleID uint64, layer string, annotation uint64) ([]model.Op, error) {
	var out []model.Op
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, false)
		if err != nil {
			return err
		}
		doc, _, err := readDoc(tx, a, layer)
		if err != nil || doc == nil {
			return err
		}
		// The id is in every op's JSON; look for it before decoding.
		needle := fmt.Appendf(nil, `"annotation":{"id":%d,`, annotation)
		from, to := fmt.Appendf(nil, `"from":%d,`, annotation), fmt.Appendf(nil, `"to":%d,`, annotation)
		return doc.Bucket(bucketOps).ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, needle) && !bytes.Contains(v, from) && !bytes.Contains(v, to) {
				return nil
			}
			var op model.Op
			if err := json.Unmarshal(v, &op); err != nil {
				return fmt.Errorf("op %d: %w", btoi(k), err)
			}
			if op.Annotation.ID == annotation || op.Relation != nil && (op.Relation.From == annotation || op.Relation.To == annotation) {
				out = append(out, op)
			}
			return nil
		})
	})
	if err != nil {
		return nil, wrap(err, "history")
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.ENOTFOUND, "annotation %d not found in article %d", annotation, articleID)
	}
	return out, nil
}
