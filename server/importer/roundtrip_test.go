package importer_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage/model"
)

// originals reads the documents of the export golden files back from the
// jsonl one, which holds all of them.
func originals(t testing.TB) []export.Doc {
	t.Helper()
	f, err := os.Open("../../testdata/export/jsonl.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := model.Project{ID: 1, Name: model.DefaultProjectName, Labels: model.DefaultLabels(), Relations: model.DefaultRelations()}
	var docs []export.Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			model.Article
			Annotations []model.Annotation `json:"annotations"`
			Relations   []model.Relation   `json:"relations"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		line.Article.Count = len(line.Annotations)
		for i := range line.Annotations {
			line.Annotations[i].Article = line.Article.ID
		}
		for i := range line.Relations {
			line.Relations[i].Article = line.Article.ID
		}
		docs = append(docs, export.Doc{Article: line.Article, Annotations: line.Annotations, Relations: line.Relations, Project: p})
	}
	if err := sc.Err(); err != nil || len(docs) != 2 {
		t.Fatalf("read %d documents: %v", len(docs), err)
	}
	return docs
}

// kept lists, per format, which fields survive export then import; the
// round trip puts the others back from the original and checks the kept
// ones came through unchanged. Every format keeps each relation's type
// and ends.
var kept = map[string]struct{ article, annotation, relation []string }{
	"jsonl": {
		[]string{"Title", "Source", "URL", "Published", "ImportedAt", "Status", "Text", "Length", "Hash", "Meta"},
		[]string{"Start", "End", "Label", "Attrs", "Text", "Author", "CreatedAt", "UpdatedAt"},
		[]string{"Author", "CreatedAt"},
	},
	"doccano": {
		[]string{"Title", "Source", "URL", "Text", "Length", "Hash"},
		[]string{"Start", "End", "Label", "Text"},
		nil,
	},
	"labelstudio": {
		[]string{"Title", "Source", "URL", "Published", "Text", "Length", "Hash", "Meta"},
		[]string{"Start", "End", "Label", "Attrs", "Text"},
		nil,
	},
	"w3c": {
		[]string{"Title", "Source", "URL", "Published", "Text", "Length", "Hash", "Meta"},
		[]string{"Start", "End", "Label", "Attrs", "Text", "Author", "CreatedAt", "UpdatedAt"},
		[]string{"Author", "CreatedAt"},
	},
}

func TestRoundTrip(t *testing.T) {
	docs := originals(t)
	for _, format := range []string{"jsonl", "doccano", "labelstudio", "w3c"} {
		t.Run(format, func(t *testing.T) {
			first := encode(t, format, docs)
			var recs []importer.Record
			err := importer.Decode(format, "export"+export.FileExt(format), bytes.NewReader(first), func(r importer.Record) error {
				recs = append(recs, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(recs), len(docs); got != want {
				t.Fatalf("decoded %d articles, want %d", got, want)
			}
			again := make([]export.Doc, len(docs))
			for i, d := range docs {
				again[i] = restore(t, format, d, recs[i])
			}
			if second := encode(t, format, again); !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\nfirst  %s\nsecond %s", clip(first), clip(second))
			}
		})
	}
}

// restore builds the document rec stands for: orig with the fields the
// format keeps taken from rec, after checking they equal orig's.
func restore(t *testing.T, format string, orig export.Doc, rec importer.Record) export.Doc {
	t.Helper()
	if rec.Article.ID != 0 || rec.Article.Project != 0 {
		t.Errorf("article %d: record has ids %d/%d, want zero", orig.Article.ID, rec.Article.ID, rec.Article.Project)
	}
	out := orig
	out.Article = orig.Article
	copyFields(t, fmt.Sprintf("article %d", orig.Article.ID), &out.Article, &rec.Article, kept[format].article)
	want := sortedSpans(orig.Annotations)
	if got := len(rec.Annotations); got != len(want) {
		t.Fatalf("article %d: %d annotations, want %d", orig.Article.ID, got, len(want))
	}
	out.Annotations = make([]model.Annotation, len(want))
	for i := range want {
		if rec.Annotations[i].ID != 0 {
			t.Errorf("annotation has id %d, want zero", rec.Annotations[i].ID)
		}
		out.Annotations[i] = want[i]
		copyFields(t, fmt.Sprintf("article %d annotation %d", orig.Article.ID, want[i].ID), &out.Annotations[i], &rec.Annotations[i], kept[format].annotation)
	}
	// Each relation comes back between the same annotations, with the same
	// type, once.
	if got, w := len(rec.Relations), len(orig.Relations); got != w {
		t.Fatalf("article %d: %d relations, want %d", orig.Article.ID, got, w)
	}
	out.Relations = slices.Clone(orig.Relations)
	matched := make([]bool, len(orig.Relations))
	for _, r := range rec.Relations {
		from, to := want[r.From].ID, want[r.To].ID
		i := slices.IndexFunc(orig.Relations, func(o model.Relation) bool { return o.Type == r.Type && o.From == from && o.To == to })
		if i < 0 || matched[i] {
			t.Errorf("article %d: relation %s %d → %d is none of the original's, or came twice", orig.Article.ID, r.Type, from, to)
			continue
		}
		matched[i] = true
		back := model.Relation{Author: r.Author, CreatedAt: r.CreatedAt}
		copyFields(t, fmt.Sprintf("article %d relation %d", orig.Article.ID, orig.Relations[i].ID), &out.Relations[i], &back, kept[format].relation)
	}
	return out
}

// copyFields sets the named fields of dst from src, failing the test when
// they differ: a field the format claims to keep must come back as it was.
func copyFields(t *testing.T, what string, dst, src any, fields []string) {
	t.Helper()
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for _, f := range fields {
		got, want := s.FieldByName(f), d.FieldByName(f)
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%s: %s came back as %#v, want %#v", what, f, got.Interface(), want.Interface())
		}
		want.Set(got)
	}
}
