package storage_test

import (
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// TestImportArticlesRelations: relations are made after the annotations,
// in the same transaction, between the annotations they index, by their
// own authors whoever made the ends; any bad one stores nothing.
func TestImportArticlesRelations(t *testing.T) {
	const text = "Xi said “peace” loudly."
	span := func(start, end int, label, author string) model.Change {
		return model.Change{Start: &start, End: &end, Label: &label, Author: author, Attrs: map[string]string{}}
	}
	item := func(title string, rels ...storage.NewRelation) storage.NewArticle {
		return storage.NewArticle{
			Article:     model.Article{Title: title, Text: text + " " + title},
			Annotations: []model.Change{span(0, 2, "SPEAKER", "maria"), span(8, 15, "QUOTE", "maria")},
			Relations:   rels,
		}
	}
	saidBy := storage.NewRelation{Type: "said_by", From: 1, To: 0, Author: "li.wei"}

	t.Run("Stored", func(t *testing.T) {
		db := storagetest.Open(t)
		res, err := db.ImportArticles(0, []storage.NewArticle{item("one", saidBy)})
		if err != nil {
			t.Fatal(err)
		}
		r := res[0]
		if r.Annotations != 2 || r.Relations != 1 || len(r.Ops) != 3 || r.Ops[2].Action != model.ActionRelate {
			t.Fatalf("imported %d annotations, %d relations, ops %+v", r.Annotations, r.Relations, r.Ops)
		}
		rels, err := db.Relations(r.Article.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(rels) != 1 || rels[0].From != r.Ops[1].Annotation.ID || rels[0].To != r.Ops[0].Annotation.ID || rels[0].Author != "li.wei" {
			t.Errorf("relations %+v, want said_by from annotation %d to %d by li.wei", rels, r.Ops[1].Annotation.ID, r.Ops[0].Annotation.ID)
		}
		anns, _ := db.Annotations(r.Article.ID, "")
		for _, a := range anns {
			if a.Label == "QUOTE" && a.Attrs["speaker"] != "Xi" {
				t.Errorf("said_by left the quote's speaker %q, want Xi", a.Attrs["speaker"])
			}
		}
	})

	tests := []struct {
		name string
		rel  storage.NewRelation
		code string
		msg  string
	}{
		{"ErrEndOutOfRange", storage.NewRelation{Type: "said_by", From: 1, To: 2}, model.EINVALID,
			`article 2 ("two"), relation 1: its ends 2 and 3 are not both among the article's 2 annotations`},
		{"ErrUnknownType", storage.NewRelation{Type: "quotes", From: 1, To: 0}, model.EINVALID,
			`article 2 ("two"), relation 1 (quotes from annotation 2 to 1): unknown relation type "quotes"`},
		{"ErrLabels", storage.NewRelation{Type: "said_by", From: 0, To: 1}, model.EINVALID,
			`article 2 ("two"), relation 1 (said_by from annotation 1 to 2): said_by starts at a QUOTE, not a SPEAKER`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storagetest.Open(t)
			_, before, _ := db.Articles(storage.ArticleFilter{})
			_, err := db.ImportArticles(0, []storage.NewArticle{item("one", saidBy), item("two", tt.rel)})
			if model.ErrorCode(err) != tt.code || !strings.Contains(model.ErrorMessage(err), tt.msg) {
				t.Fatalf("err %v, want %s containing %q", err, tt.code, tt.msg)
			}
			if _, after, _ := db.Articles(storage.ArticleFilter{}); after != before {
				t.Errorf("%d articles after a refused import, %d before: the good one was stored", after, before)
			}
		})
	}
}
