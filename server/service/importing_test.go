package service_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// file is an ImportFile over bytes in memory.
func file(name string, data []byte) service.ImportFile {
	return service.ImportFile{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// relationsOf reads a jsonl export's relations, each as its type and its
// ends' spans: "said_by QUOTE 1189-1311 -> SPEAKER 1404-1415". Authors
// and times come along with withWho.
func relationsOf(t *testing.T, jsonl []byte, withWho bool) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			Title       string `json:"title"`
			Annotations []struct {
				ID         uint64
				Layer      string
				Start, End int
				Label      string
			} `json:"annotations"`
			Relations []model.Relation `json:"relations"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		span := func(layer string, id uint64) string {
			for _, a := range line.Annotations {
				if a.ID == id && a.Layer == layer {
					return fmt.Sprintf("%s %d-%d", a.Label, a.Start, a.End)
				}
			}
			t.Fatalf("%s: relation end %d is no annotation of the line", line.Title, id)
			return ""
		}
		for _, r := range line.Relations {
			s := fmt.Sprintf("%s: %s %s -> %s", line.Title, r.Type, span(r.Layer, r.From), span(r.Layer, r.To))
			if withWho {
				s += " by " + r.Author + " at " + r.CreatedAt.UTC().Format(time.RFC3339)
			}
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func exportJSONL(t *testing.T, db storage.Store, o service.ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	o.Format = "jsonl"
	if err := service.Export(db, &buf, o, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportRelationsRoundTrip: the relations of the export goldens come
// back from every format that imports, through the store, between the
// same spans; with keep_authors the jsonl and w3c files' relation
// authors and times too, though the spans they link are someone else's.
func TestImportRelationsRoundTrip(t *testing.T) {
	golden, err := os.ReadFile("../../testdata/export/jsonl.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := relationsOf(t, golden, false)
	if len(want) != 8 {
		t.Fatalf("the golden holds %d relations, want 8", len(want))
	}
	for _, tt := range []struct {
		name string
		keep bool // keep authors, and check the relations'
	}{
		{"jsonl.jsonl", true}, {"doccano.jsonl", false}, {"labelstudio.json", false}, {"w3c.jsonld", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := storagetest.Open(t)
			data, err := os.ReadFile("../../testdata/export/" + tt.name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := service.ImportFiles(db, service.ImportOptions{Author: "admin", KeepAuthors: tt.keep}, []service.ImportFile{file(tt.name, data)})
			if err != nil {
				t.Fatal(err)
			}
			rels := 0
			for _, r := range res {
				rels += r.Relations
			}
			if rels != 8 {
				t.Errorf("import says %d relations, want 8: %+v", rels, res)
			}
			out := exportJSONL(t, db, service.ExportOptions{})
			if got := relationsOf(t, out, false); !slices.Equal(got, want) {
				t.Errorf("relations after import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if tt.keep {
				if got, w := relationsOf(t, out, true), relationsOf(t, golden, true); !slices.Equal(got, w) {
					t.Errorf("with keep_authors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
			}
		})
	}

	// Without keep_authors every relation is the importer's.
	t.Run("Author", func(t *testing.T) {
		db := storagetest.Open(t)
		if _, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, []service.ImportFile{file("jsonl.jsonl", golden)}); err != nil {
			t.Fatal(err)
		}
		for _, r := range relationsOf(t, exportJSONL(t, db, service.ExportOptions{}), true) {
			if !strings.Contains(r, " by admin at ") {
				t.Errorf("relation %s: want it by admin, who imported it", r)
			}
		}
	})

	// An export with a label filter leaves out the relations it cut an
	// end of: supported_by's ends are CLAIMs and QUOTEs.
	t.Run("ExportFilter", func(t *testing.T) {
		db := storagetest.Open(t)
		if _, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, []service.ImportFile{file("jsonl.jsonl", golden)}); err != nil {
			t.Fatal(err)
		}
		got := relationsOf(t, exportJSONL(t, db, service.ExportOptions{Labels: []string{"QUOTE", "SPEAKER"}}), false)
		var said []string
		for _, r := range want {
			if strings.Contains(r, " said_by ") {
				said = append(said, r)
			}
		}
		if !slices.Equal(got, said) {
			t.Errorf("labels=QUOTE,SPEAKER: relations\n%s\nwant said_by's alone:\n%s", strings.Join(got, "\n"), strings.Join(said, "\n"))
		}
	})
}

// TestImportRelationsInvalid: a relation the schema does not allow fails
// the import before anything is stored, naming the file, the article and
// the relation.
func TestImportRelationsInvalid(t *testing.T) {
	const text = "Xi said “peace” loudly to Putin. The talks failed."
	line := func(rels string) []byte {
		return []byte(`{"title":"Talks","text":"` + text + `","annotations":[` +
			`{"id":1,"start":0,"end":2,"label":"SPEAKER","attrs":{}},` +
			`{"id":2,"start":8,"end":15,"label":"QUOTE","attrs":{"speaker":"the president"}},` +
			`{"id":3,"start":33,"end":50,"label":"CLAIM","attrs":{}}],"relations":` + rels + "}\n")
	}
	tests := []struct {
		name, rels string
		code       string
		err        string
	}{
		{"ErrUnknownType", `[{"type":"quotes","from":2,"to":1}]`, model.EINVALID,
			`bad.jsonl: "Talks", relation 1 (quotes from annotation 2 to 1): unknown relation type "quotes" in project "` + model.DefaultProjectName + `" (said_by, supported_by)`},
		{"ErrLabelNotAllowed", `[{"type":"said_by","from":2,"to":1},{"type":"said_by","from":3,"to":1}]`, model.EINVALID,
			`bad.jsonl: "Talks", relation 2 (said_by from annotation 3 to 1): said_by starts at a QUOTE, not a CLAIM`},
		{"ErrEndLabel", `[{"type":"supported_by","from":3,"to":1}]`, model.EINVALID,
			`bad.jsonl: "Talks", relation 1 (supported_by from annotation 3 to 1): supported_by points to a QUOTE or CLAIM, not a SPEAKER`},
		{"ErrTwice", `[{"type":"said_by","from":2,"to":1},{"type":"said_by","from":2,"to":1}]`, model.ECONFLICT,
			`bad.jsonl: "Talks", relation 2 (said_by from annotation 2 to 1): relation 1 links the same annotations the same way`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storagetest.Open(t)
			_, before, _ := db.Articles(storage.ArticleFilter{})
			files := []service.ImportFile{file("good.jsonl", line(`[{"type":"said_by","from":2,"to":1}]`)), file("bad.jsonl", line(tt.rels))}
			_, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, files)
			if model.ErrorCode(err) != tt.code || model.ErrorMessage(err) != tt.err {
				t.Fatalf("err %v (%s)\nwant %s %s", err, model.ErrorCode(err), tt.code, tt.err)
			}
			if _, after, _ := db.Articles(storage.ArticleFilter{}); after != before {
				t.Errorf("%d articles after a refused import, %d before", after, before)
			}
		})
	}

	// A said_by fills the quote's speaker with the speaker's text, as
	// linking in the editor does, over what the file said.
	t.Run("Fill", func(t *testing.T) {
		db := storagetest.Open(t)
		res, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, []service.ImportFile{file("ok.jsonl", line(`[{"type":"said_by","from":2,"to":1}]`))})
		if err != nil {
			t.Fatal(err)
		}
		anns, err := db.Annotations(res[0].ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range anns {
			if a.Label == "QUOTE" && a.Attrs["speaker"] != "Xi" {
				t.Errorf("the quote's speaker is %q, want Xi", a.Attrs["speaker"])
			}
		}
		if res[0].Annotations != 3 || res[0].Relations != 1 {
			t.Errorf("import says %d annotations and %d relations, want 3 and 1", res[0].Annotations, res[0].Relations)
		}
	})
}
