package importer

import (
	"encoding/json"
	"io"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
)

// nativeLine is one line of gloss's own jsonl export.
type nativeLine struct {
	model.Article
	Annotations []nativeAnnotation `json:"annotations"`
}

type nativeAnnotation struct {
	Start     int               `json:"start"`
	End       int               `json:"end"`
	Label     string            `json:"label"`
	Attrs     map[string]string `json:"attrs"`
	Author    string            `json:"author"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
}

func decodeNative(filename string, r io.Reader, o Options, fn func(Record) error) error {
	s := newJSONStream(filename, r)
	s.maxSpans = o.MaxSpans
	return s.each(func(raw json.RawMessage, line int) error {
		var v nativeLine
		if err := unmarshal(filename, line, raw, &v); err != nil {
			return err
		}
		art := v.Article
		art.ID, art.Project, art.Version, art.Count = 0, 0, 0, 0
		rec := Record{Article: art, Annotations: make([]model.Annotation, len(v.Annotations))}
		for i, a := range v.Annotations {
			rec.Annotations[i] = model.Annotation{Start: a.Start, End: a.End, Label: a.Label, Attrs: a.Attrs,
				Author: a.Author, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
		}
		if err := finish(&rec, at(filename, line)); err != nil {
			return err
		}
		return fn(rec)
	})
}
