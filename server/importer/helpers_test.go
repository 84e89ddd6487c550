package importer_test

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage/model"
)

func encode(t testing.TB, format string, docs []export.Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc, err := export.New(format, &buf, export.Options{BaseURL: "http://127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sortedSpans orders annotations as the export writes them.
func sortedSpans(anns []model.Annotation) []model.Annotation {
	anns = slices.Clone(anns)
	slices.SortStableFunc(anns, func(a, b model.Annotation) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	return anns
}

// decodeAll reads every record of data.
func decodeAll(format, filename string, data []byte) ([]importer.Record, error) {
	var recs []importer.Record
	err := importer.Decode(format, filename, bytes.NewReader(data), func(r importer.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, err
}

func clip(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

func itoa(i int) string { return strconv.Itoa(i) }

func quote(s string) string { return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"` }

func fmtMeta(m map[string]any) string { return fmt.Sprint(m) }
