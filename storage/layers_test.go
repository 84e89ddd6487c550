package storage_test

import (
	"sync"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestLayers: each annotator's layer is a document of its own (versions,
// log, count), the gold layer is untouched by it, and submit locks it.
func TestLayers(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	create := func(layer, author string, start, end int) model.Op {
		t.Helper()
		op, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Layer: layer, Start: ptr(start), End: ptr(end), Label: ptr("CLAIM"), Author: author})
		if err != nil {
			t.Fatal(err)
		}
		return op
	}
	g := create("", "rev", 0, 5)
	a1 := create("ana", "ana", 0, 10)
	a2 := create("ana", "ana", 2, 4)
	b1 := create("ben", "ben", 1, 3)
	if g.Version != 1 || a1.Version != 1 || a2.Version != 2 || b1.Version != 1 {
		t.Errorf("versions gold %d, ana %d %d, ben %d: want 1, 1 2, 1", g.Version, a1.Version, a2.Version, b1.Version)
	}
	if a1.Annotation.Layer != "ana" || g.Annotation.Layer != "" {
		t.Errorf("layers %q %q", a1.Annotation.Layer, g.Annotation.Layer)
	}
	ids := map[uint64]bool{g.Annotation.ID: true, a1.Annotation.ID: true, a2.Annotation.ID: true, b1.Annotation.ID: true}
	if len(ids) != 4 {
		t.Errorf("annotation ids are not unique across layers: %v", ids)
	}
	for layer, want := range map[string]int{"": 1, "ana": 2, "ben": 1, "cy": 0} {
		v, anns, err := db.Snapshot(art.ID, layer)
		if err != nil {
			t.Fatal(err)
		}
		if len(anns) != want || v != uint64(want) {
			t.Errorf("layer %q: %d annotations at version %d, want %d", layer, len(anns), v, want)
		}
		for _, an := range anns {
			if an.Layer != layer {
				t.Errorf("layer %q holds %+v", layer, an)
			}
		}
		ops, ok, err := db.OpsSince(art.ID, layer, 0, 100)
		if err != nil || !ok || len(ops) != want {
			t.Errorf("layer %q: ops %d %v %v", layer, len(ops), ok, err)
		}
	}
	// An annotation of one layer does not exist in another.
	if _, err := db.Apply(art.ID, model.Change{Action: model.ActionDelete, Layer: "ben", ID: a1.Annotation.ID, Author: "ben", EditOthers: true}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("deleting ana's annotation in ben's layer: %v", err)
	}
	if _, err := db.History(art.ID, "ben", a1.Annotation.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("ana's history in ben's layer: %v", err)
	}
	a, err := db.Article(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Count != 1 || a.Version != 1 || len(a.Layers) != 2 || a.Layers[0].Name != "ana" || a.Layers[0].Count != 2 || a.Layers[0].Status != model.LayerInProgress {
		t.Errorf("article %+v", a)
	}

	// Submit locks ana's layer; k=2 is reached with ben's.
	l, a, err := db.SubmitLayer(art.ID, "ana", 2)
	if err != nil || l.Status != model.LayerSubmitted || l.Submitted == nil || a.Status != model.StatusInProgress {
		t.Fatalf("submit: %+v %v %v", l, a.Status, err)
	}
	if _, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Layer: "ana", Start: ptr(0), End: ptr(1), Label: ptr("CLAIM"), Author: "ana"}); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("write to a submitted layer: %v", err)
	}
	if _, a, _ = db.SubmitLayer(art.ID, "ben", 2); a.Status != model.StatusSubmitted {
		t.Errorf("after k submits the article is %s", a.Status)
	}
	// Reviewed locks every annotator layer; reopening gives ana hers back.
	if _, err := db.SetStatus(art.ID, model.StatusReviewed); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SubmitLayer(art.ID, "cy", 2); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("submit on a reviewed article: %v", err)
	}
	l, a, err = db.ReopenLayer(art.ID, "ana", 2)
	if err != nil || l.Status != model.LayerInProgress || a.Status != model.StatusInProgress {
		t.Fatalf("reopen: %+v %s %v", l, a.Status, err)
	}
	create("ana", "ana", 5, 6)
	if _, _, err := db.ReopenLayer(art.ID, "nobody", 2); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("reopen a layer that is not there: %v", err)
	}

	// Exports read one layer, or all with their names.
	var got []model.Annotation
	err = db.EachArticle(storage.ArticleFilter{Layer: storage.AllLayers}, func(_ model.Article, anns []model.Annotation) error {
		got = append(got, anns...)
		return nil
	})
	if err != nil || len(got) != 5 || got[0].Layer != "" || got[1].Layer != "ana" || got[4].Layer != "ben" {
		t.Errorf("all layers: %d %v", len(got), err)
	}
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestAssign hands out articles: fewest annotators first, never one twice
// to the same person, at most k each, and an unfinished one first.
func TestAssign(t *testing.T) {
	db := mustOpen(t)
	var ids []uint64
	for _, text := range []string{"one text", "two text", "three text"} {
		a, _, err := db.CreateArticle(model.Article{Title: text, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	p := uint64(1)
	next := func(user string) uint64 {
		t.Helper()
		a, err := db.Assign(p, user, 2)
		if err != nil {
			t.Fatalf("assign %s: %v", user, err)
		}
		return a.ID
	}
	if got := next("ana"); got != ids[0] {
		t.Errorf("ana first gets %d, want %d", got, ids[0])
	}
	if got := next("ana"); got != ids[0] {
		t.Errorf("ana again (unfinished) gets %d, want %d", got, ids[0])
	}
	if got := next("ben"); got != ids[1] {
		t.Errorf("ben gets %d, want %d (the fewest held)", got, ids[1])
	}
	if _, _, err := db.SubmitLayer(ids[0], "ana", 2); err != nil {
		t.Fatal(err)
	}
	if got := next("ana"); got != ids[2] {
		t.Errorf("ana after submitting gets %d, want %d", got, ids[2])
	}
	db.SubmitLayer(ids[2], "ana", 2)
	if got := next("ana"); got != ids[1] {
		t.Errorf("ana's third gets %d, want %d", got, ids[1])
	}
	db.SubmitLayer(ids[1], "ana", 2)
	if _, err := db.Assign(p, "ana", 2); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("ana had every article: %v", err)
	}
	// Two annotators asking at once never push an article past k.
	var wg sync.WaitGroup
	for _, u := range []string{"cy", "dee", "eve", "fay"} {
		wg.Add(1)
		go func() { defer wg.Done(); db.Assign(p, u, 2) }()
	}
	wg.Wait()
	for _, id := range ids {
		ls, err := db.Layers(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(ls) > 2 {
			t.Errorf("article %d has %d annotators, k is 2", id, len(ls))
		}
	}
}
