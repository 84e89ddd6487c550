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
	Relations   []nativeRelation   `json:"relations"` // shadows Article.Relations
}

type nativeAnnotation struct {
	ID        uint64            `json:"id"`
	Layer     string            `json:"layer"`
	Start     int               `json:"start"`
	End       int               `json:"end"`
	Label     string            `json:"label"`
	Attrs     map[string]string `json:"attrs"`
	Author    string            `json:"author"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// nativeRelation names its ends by the ids the line's annotations have in
// the relation's layer.
type nativeRelation struct {
	Layer     string    `json:"layer"`
	Type      string    `json:"type"`
	From      uint64    `json:"from"`
	To        uint64    `json:"to"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
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
		type end struct {
			layer string
			id    uint64
		}
		index := make(map[end]int, len(v.Annotations))
		for i, a := range v.Annotations {
			rec.Annotations[i] = model.Annotation{Start: a.Start, End: a.End, Label: a.Label, Attrs: a.Attrs,
				Author: a.Author, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
			k := end{layerOf(a.Layer), a.ID}
			if _, dup := index[k]; !dup && a.ID != 0 {
				index[k] = i
			}
		}
		place := at(filename, line)
		for i, r := range v.Relations {
			from, ok := index[end{layerOf(r.Layer), r.From}]
			to, ok2 := index[end{layerOf(r.Layer), r.To}]
			if !ok || !ok2 {
				missing := r.From
				if ok {
					missing = r.To
				}
				return model.Errorf(model.EINVALID, "%s: relation %d (%s %d → %d) names annotation %d, which the line has not in layer %s",
					place, i+1, r.Type, r.From, r.To, missing, layerOf(r.Layer))
			}
			rec.Relations = append(rec.Relations, Relation{Type: r.Type, From: from, To: to, Author: r.Author, CreatedAt: r.CreatedAt})
		}
		if err := finish(&rec, place); err != nil {
			return err
		}
		return fn(rec)
	})
}

// layerOf names the layer of a span or relation of a native line: "" (a
// gold-only export) is the gold layer.
func layerOf(l string) string {
	if l == "" {
		return model.Gold
	}
	return l
}
