package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage/model"
)

// FuzzDecode feeds every decoder hostile bytes, seeded with the export
// goldens and the import fixtures: no panic, every error one for people
// (never internal: the reader cannot fail), and every record keeps the
// Record promises.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{"../../testdata/export", "../../testdata/import"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				continue // a directory: brat goldens
			}
			f.Add(b)
		}
	}
	for _, p := range []string{"../../testdata/suggest/ledger-port-jobs.html", "../../testdata/suggest/vestnik-arest-krysha.html"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<!DOCTYPE html><meta charset=windows-1252><title>\x93T\x94</title><p>a<br>b</p>"))
	f.Add([]byte(`[{"data":{"text":"ab"},"annotations":[{"result":[{"id":"x","type":"labels","value":{"start":1,"end":0,"labels":["Q"]}}]}]}]`))
	f.Add([]byte(`{"type":"AnnotationCollection","first":{"items":[{"target":{"source":{"gloss:text":"é"}}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		importer.Detect("fuzz.json", data)
		importer.Detect("fuzz", data)
		for _, format := range importer.Formats {
			err := importer.Decode(format, "fuzz", bytes.NewReader(data), func(r importer.Record) error {
				checkRecord(t, format, r)
				return nil
			})
			if err != nil && model.ErrorCode(err) == model.EINTERNAL {
				t.Fatalf("%s: internal error %v", format, err)
			}
		}
	})
}

func checkRecord(t *testing.T, format string, r importer.Record) {
	t.Helper()
	a := r.Article
	if a.ID != 0 || a.Length != utf8.RuneCountInString(a.Text) || len(a.Hash) != 64 || a.Title == "" && a.Text != "" {
		t.Fatalf("%s: article id %d length %d of %d hash %q title %q", format, a.ID, a.Length, utf8.RuneCountInString(a.Text), a.Hash, a.Title)
	}
	rs := []rune(a.Text)
	for _, s := range r.Annotations {
		if s.Start < 0 || s.Start >= s.End || s.End > len(rs) || s.Text != string(rs[s.Start:s.End]) || s.Attrs == nil || s.Label == "" {
			t.Fatalf("%s: bad span %+v in a text of %d code points", format, s, len(rs))
		}
	}
}
