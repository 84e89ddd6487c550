package importer

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// doccanoEntity is a span of doccano's relation-extraction export; its id
// is what relations name it by (an int in doccano; any JSON scalar here).
type doccanoEntity struct {
	ID    json.RawMessage `json:"id"`
	Start int             `json:"start_offset"`
	End   int             `json:"end_offset"`
	Label string          `json:"label"`
}

// doccanoRelation links two entities of its line by their ids.
type doccanoRelation struct {
	FromID json.RawMessage `json:"from_id"`
	ToID   json.RawMessage `json:"to_id"`
	Type   string          `json:"type"`
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
		// A line with entities takes its spans from them; its "label", if
		// it has one (gloss writes both), must say the same.
		var labels []model.Annotation
		hasLabels := false
		_, hasEntities := obj["entities"]
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
					if hasEntities {
						labels, hasLabels = append(labels, spans...), true
					} else {
						rec.Annotations = append(rec.Annotations, spans...)
					}
				}
			case "entities":
				var ents []doccanoEntity
				if err = unmarshal(filename, line, v, &ents); err == nil {
					for _, e := range ents {
						rec.Annotations = append(rec.Annotations, model.Annotation{Start: e.Start, End: e.End, Label: e.Label})
					}
				}
			case "relations":
				var list []any
				if json.Unmarshal(v, &list) == nil && len(list) == 0 {
					continue // the empty list doccano writes by default
				}
				if !hasEntities {
					return model.Errorf(model.EINVALID, "%s: \"relations\" link \"entities\", which the line has not", place)
				}
				// read after the loop, once the entities are
			case "Comments":
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
		if hasLabels {
			if err := sameSpans(place, labels, rec.Annotations); err != nil {
				return err
			}
		}
		if v, ok := obj["relations"]; ok && hasEntities {
			var err error
			if rec.Relations, err = doccanoRelations(filename, line, obj["entities"], v); err != nil {
				return err
			}
		}
		if art.Source == "" {
			art.Source = baseName(filename)
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

// sameSpans checks that a line's "label" spans are its entities, in order.
func sameSpans(place string, labels, ents []model.Annotation) error {
	if len(labels) != len(ents) {
		return model.Errorf(model.EINVALID, "%s: \"label\" holds %d spans and \"entities\" %d; a line with both must hold the same spans in each", place, len(labels), len(ents))
	}
	for i, l := range labels {
		if e := ents[i]; l.Start != e.Start || l.End != e.End || l.Label != e.Label {
			return model.Errorf(model.EINVALID, "%s: label %d is [%d, %d, %q] but entity %d is [%d, %d, %q]; a line with both must hold the same spans in each",
				place, i+1, l.Start, l.End, l.Label, i+1, e.Start, e.End, e.Label)
		}
	}
	return nil
}

// doccanoRelations reads a line's relations, whose from_id and to_id name
// entities of the line by id.
func doccanoRelations(filename string, line int, entities, relations json.RawMessage) ([]Relation, error) {
	place := at(filename, line)
	var ents []doccanoEntity
	var rels []doccanoRelation
	if err := unmarshal(filename, line, entities, &ents); err != nil {
		return nil, err
	}
	if err := unmarshal(filename, line, relations, &rels); err != nil {
		return nil, err
	}
	index := make(map[string]int, len(ents))
	for i, e := range ents {
		id := string(bytes.TrimSpace(e.ID))
		if id == "" || id == "null" {
			continue
		}
		if _, dup := index[id]; dup {
			return nil, model.Errorf(model.EINVALID, "%s: entity id %s is given twice", place, clip(id, 40))
		}
		index[id] = i
	}
	out := make([]Relation, len(rels))
	for i, r := range rels {
		from, ok := index[string(bytes.TrimSpace(r.FromID))]
		to, ok2 := index[string(bytes.TrimSpace(r.ToID))]
		if !ok || !ok2 {
			return nil, model.Errorf(model.EINVALID, "%s: relation %d (%s) links entities %s and %s; not both are entities of the line",
				place, i+1, r.Type, clip(string(r.FromID), 40), clip(string(r.ToID), 40))
		}
		out[i] = Relation{Type: r.Type, From: from, To: to}
	}
	return out, nil
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
