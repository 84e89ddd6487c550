package storage

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// Relations live in their layer beside its annotations, in the bucket
// "rel" (made on the first relation), keyed by id. Their ids come from the
// annotations' sequence, so an id names one thing in the whole file.
var bucketRel = []byte("rel")

// relBucket returns the layer's relation bucket, making it if need be.
func (d *docTx) relBucket() (*bolt.Bucket, error) { return d.doc.CreateBucketIfNotExists(bucketRel) }

// relationChange makes a relate or an unrelate. A relate whose type fills
// an attribute (said_by fills the QUOTE's speaker) updates its start
// annotation too, with an op of its own after the relate's.
func (d *docTx) relationChange(c model.Change) (model.Op, error) {
	rels, err := d.relBucket()
	if err != nil {
		return model.Op{}, err
	}
	op := model.Op{Action: c.Action, Author: c.Author, OpID: c.OpID, At: c.Applied}
	if c.Action == model.ActionUnrelate {
		var r model.Relation
		ok, err := getJSON(rels, itob(c.ID), &r)
		if err != nil {
			return op, err
		}
		if !ok {
			return op, model.Errorf(model.ENOTFOUND, "relation %d not found in %s", c.ID, d.where())
		}
		if !c.EditOthers && r.Author != c.Author {
			return op, model.Errorf(model.EFORBIDDEN, "relation %d is %s's: you may remove only your own in this project (annotators_edit_all is off)", r.ID, r.Author)
		}
		op.Relation = &r
		if err := rels.Delete(itob(r.ID)); err != nil {
			return op, err
		}
		return op, d.log(&op)
	}

	from, err := d.annotation(c.From, "from")
	if err != nil {
		return op, err
	}
	to, err := d.annotation(c.To, "to")
	if err != nil {
		return op, err
	}
	rt, err := model.CheckRelation(d.p, c.RelType, from, to)
	if err != nil {
		return op, err
	}
	// A relation belongs to its start: whoever may not change that span
	// may not link it (nor have its attribute filled).
	if !c.EditOthers && from.Author != c.Author {
		return op, model.Errorf(model.EFORBIDDEN, "annotation %d is %s's: you may link only your own in this project (annotators_edit_all is off)", from.ID, from.Author)
	}
	var dup *model.Relation
	n := 0
	err = rels.ForEach(func(_, v []byte) error {
		n++
		var r model.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		if r.Type == rt.Name && r.From == from.ID && r.To == to.ID {
			dup = &r
		}
		return nil
	})
	if err != nil {
		return op, err
	}
	if dup != nil {
		return op, model.Errorf(model.ECONFLICT, "annotation %d is already %s annotation %d (relation %d)", from.ID, rt.Name, to.ID, dup.ID)
	}
	if n >= d.max {
		return op, model.Errorf(model.ETOOLARGE, "%s holds %d relations, the most one may hold", d.where(), d.max)
	}
	var filled model.Annotation
	if rt.Fill != "" && from.Attrs[rt.Fill] != to.Text {
		if filled, err = model.UpdateAnnotation(d.p, d.ri, from, model.Change{Attrs: map[string]string{rt.Fill: to.Text}}); err != nil {
			return op, err
		}
	}
	seq, err := d.tx.Bucket(bucketAnnSeq).NextSequence()
	if err != nil {
		return op, err
	}
	r := model.Relation{ID: seq, Article: d.art.a.ID, Type: rt.Name, From: from.ID, To: to.ID, Author: c.Author, CreatedAt: c.Applied, Version: *d.version() + 1}
	if d.layer != nil {
		r.Layer = d.layer.Name
	}
	if err := putJSON(rels, itob(r.ID), r); err != nil {
		return op, err
	}
	op.Relation = &r
	if err := d.log(&op); err != nil {
		return op, err
	}
	if filled.ID != 0 {
		fill := model.Op{Action: model.ActionUpdate, Author: c.Author, At: c.Applied}
		if err := d.putAnnotation(&fill, filled); err != nil {
			return op, err
		}
		if err := d.log(&fill); err != nil {
			return op, err
		}
	}
	return op, nil
}

// annotation reads one annotation of the layer, with its text.
func (d *docTx) annotation(id uint64, end string) (model.Annotation, error) {
	var an model.Annotation
	ok, err := getJSON(d.anns, itob(id), &an)
	if err != nil {
		return an, err
	}
	if !ok {
		return an, model.Errorf(model.ENOTFOUND, "annotation %d (the relation's %s) not found in %s", id, end, d.where())
	}
	an.Text = d.ri.Slice(an.Start, an.End)
	return an, nil
}

// unrelateAll removes every relation of the layer that starts or ends at
// annotation id, each with an unrelate op by c's author.
func (d *docTx) unrelateAll(id uint64, c model.Change) error {
	rels := d.doc.Bucket(bucketRel)
	if rels == nil {
		return nil
	}
	var gone []model.Relation
	err := rels.ForEach(func(_, v []byte) error {
		var r model.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		if r.From == id || r.To == id {
			gone = append(gone, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range gone {
		if err := rels.Delete(itob(r.ID)); err != nil {
			return err
		}
		op := model.Op{Action: model.ActionUnrelate, Relation: &r, Author: c.Author, At: c.Applied}
		if err := d.log(&op); err != nil {
			return err
		}
	}
	return nil
}

// readRelations decodes a layer's relations (doc nil: none), by id.
func readRelations(doc *bolt.Bucket) ([]model.Relation, error) {
	out := []model.Relation{}
	if doc == nil || doc.Bucket(bucketRel) == nil {
		return out, nil
	}
	err := doc.Bucket(bucketRel).ForEach(func(k, v []byte) error {
		var r model.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("relation %d: %w", btoi(k), err)
		}
		out = append(out, r)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// State is one layer of an article at one version: what a live welcome
// sends.
type State struct {
	Version     uint64
	Annotations []model.Annotation
	Relations   []model.Relation
}

// State reads one layer's annotations and relations at one version, in
// one transaction.
func (db *DB) State(articleID uint64, layer string) (State, error) {
	var st State
	err := db.bolt.View(func(tx *bolt.Tx) error {
		a, err := article(tx, articleID, true)
		if err != nil {
			return err
		}
		doc, v, err := readDoc(tx, a, layer)
		if err != nil {
			return err
		}
		st.Version = v
		if st.Annotations, err = readAnnotations(doc, model.NewRuneIndex(a.Text)); err != nil {
			return err
		}
		st.Relations, err = readRelations(doc)
		return err
	})
	return st, wrap(err, "state")
}

// Relations lists one layer's relations.
func (db *DB) Relations(articleID uint64, layer string) ([]model.Relation, error) {
	st, err := db.State(articleID, layer)
	return st.Relations, err
}

// migrateRelations (schema 3 → 4) gives the project made on first start
// the default relation types, when its schema still has the labels they
// link and it declares none of its own, and its CLAIM label the
// review_url attribute (the fact-check page, for ClaimReview) when it
// lacks one.
func migrateRelations(tx *bolt.Tx) error {
	b := tx.Bucket(bucketProjects)
	k, v := b.Cursor().First()
	if k == nil {
		return nil
	}
	var p model.Project
	if err := json.Unmarshal(v, &p); err != nil {
		return fmt.Errorf("project %d: %w", btoi(k), err)
	}
	for i, l := range p.Labels {
		if _, ok := l.Attr("review_url"); l.Name == "CLAIM" && !ok {
			p.Labels[i].Attrs = append(p.Labels[i].Attrs, model.AttrSpec{Name: "review_url", Type: model.AttrURL})
		}
	}
	if len(p.Relations) == 0 {
		p.Relations = model.DefaultRelations()
		if model.ValidateProject(p) != nil {
			p.Relations = nil // a schema of its own: its manager declares relations
		}
	}
	if model.ValidateProject(p) != nil {
		return nil
	}
	return putJSON(b, k, p)
}
