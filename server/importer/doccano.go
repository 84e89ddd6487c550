package importer

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// doccanoEntity is a span of doccano's relation-extraction export.
type doccanoEntity struct {
	Start int    `json:"start_offset"`
	End   int    `json:"end_offset"`
	Label string `json:"label"`
}

func decodeDoccano(filename string, r io.Reader, o Options, fn func(Record) error) error {
	s := newJSONStream(filename, r)
	s.maxSpans = o.MaxSpans
	return s.each(func(raw json.RawMessage, line int) error {
		place := at(filename, line)
		var obj map[string]json.RawMessage
		if err := unmarshal(filename, line, raw, &obj); err != nil {
			return err
		}
		var rec Record
		art := &rec.Article
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			v := obj[key]
			if f := articleField(art, key); f != nil {
				if err := unmarshal(filename, line, v, f); err != nil {
					return err
				}
				continue
			}
			var err error
			switch key {
			case "id":
				// the store assigns ids
			case "text":
				err = unmarshal(filename, line, v, &art.Text)
			case "label", "labels":
				var spans []model.Annotation
				if spans, err = doccanoLabels(place, key, v); err == nil {
					rec.Annotations = append(rec.Annotations, spans...)
				}
			case "entities":
				var ents []doccanoEntity
				if err = unmarshal(filename, line, v, &ents); err == nil {
					for _, e := range ents {
						rec.Annotations = append(rec.Annotations, model.Annotation{Start: e.Start, End: e.End, Label: e.Label})
					}
				}
			case "Comments", "relations":
				var list []any
				if json.Unmarshal(v, &list) == nil && len(list) == 0 {
					continue // empty lists doccano writes by default
				}
				err = keepMeta(art, filename, line, key, v)
			default:
				err = keepMeta(art, filename, line, key, v)
			}
			if err != nil {
				return err
			}
		}
		if art.Source == "" {
			art.Source = filename
		}
		if err := finish(&rec, place); err != nil {
			return err
		}
		return fn(rec)
	})
}

// doccanoLabels reads [[start, end, "LABEL"], ...].
func doccanoLabels(place, key string, v json.RawMessage) ([]model.Annotation, error) {
	var entries []json.RawMessage
	if err := json.Unmarshal(v, &entries); err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: %q must be a list of [start, end, label]", place, key)
	}
	spans := make([]model.Annotation, 0, len(entries))
	for i, e := range entries {
		var parts []json.RawMessage
		var a model.Annotation
		if json.Unmarshal(e, &parts) != nil || len(parts) != 3 ||
			json.Unmarshal(parts[0], &a.Start) != nil || json.Unmarshal(parts[1], &a.End) != nil ||
			json.Unmarshal(parts[2], &a.Label) != nil {
			return nil, model.Errorf(model.EINVALID, "%s: %s entry %d is %s, not [start, end, label] (text classification labels are not spans)",
				place, key, i+1, clip(string(e), 40))
		}
		spans = append(spans, a)
	}
	return spans, nil
}

// clip shortens s to about n bytes for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
