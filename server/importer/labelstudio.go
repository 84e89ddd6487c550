package importer

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/gloss-dev/gloss/storage/model"
)

type lsTask struct {
	Data        map[string]json.RawMessage `json:"data"`
	Annotations []lsAnnotation             `json:"annotations"`
	Predictions []lsAnnotation             `json:"predictions"`
}

type lsAnnotation struct {
	Result      []lsResult      `json:"result"`
	CompletedBy json.RawMessage `json:"completed_by"`
}

type lsResult struct {
	ID       string  `json:"id"`
	FromName string  `json:"from_name"`
	Type     string  `json:"type"`
	Value    lsValue `json:"value"`
	// A relation's: the regions it links, which way, and its labels.
	FromID    string   `json:"from_id"`
	ToID      string   `json:"to_id"`
	Direction string   `json:"direction"`
	Labels    []string `json:"labels"`
}

type lsValue struct {
	Start   *int            `json:"start"`
	End     *int            `json:"end"`
	Text    json.RawMessage `json:"text"`
	Labels  []string        `json:"labels"`
	Choices []string        `json:"choices"`
}

func decodeLabelStudio(filename string, r io.Reader, o Options, fn func(Record) error) error {
	s := newJSONStream(filename, r)
	s.maxSpans = o.MaxSpans
	return s.each(func(raw json.RawMessage, line int) error {
		place := at(filename, line)
		var task lsTask
		if err := unmarshal(filename, line, raw, &task); err != nil {
			return err
		}
		var rec Record
		art := &rec.Article
		if task.Data == nil {
			return model.Errorf(model.EINVALID, "%s: a Label Studio task needs \"data\"", place)
		}
		if v, ok := task.Data["text"]; !ok || unmarshal(filename, line, v, &art.Text) != nil {
			return model.Errorf(model.EINVALID, "%s: a Label Studio task needs its text in data.text", place)
		}
		for _, key := range slices.Sorted(maps.Keys(task.Data)) {
			v := task.Data[key]
			if f := articleField(art, key); f != nil {
				if err := unmarshal(filename, line, v, f); err != nil {
					return err
				}
				continue
			}
			if key == "text" {
				continue
			}
			if err := keepMeta(art, filename, line, key, v); err != nil {
				return err
			}
		}
		if art.Source == "" {
			art.Source = baseName(filename)
		}

		list := task.Annotations
		if len(list) == 0 {
			list = task.Predictions
		}
		if len(list) > 0 {
			ann := list[0]
			author := lsAuthor(ann.CompletedBy)
			// Spans first, then the per-region attributes by region id.
			regions := map[string][]int{} // region id → indexes in rec.Annotations
			for i, res := range ann.Result {
				if res.Type != "labels" {
					continue
				}
				if res.Value.Start == nil || res.Value.End == nil || len(res.Value.Labels) == 0 {
					return model.Errorf(model.EINVALID, "%s: result %d: a labels result needs value.start, value.end and value.labels", place, i+1)
				}
				for _, l := range res.Value.Labels {
					regions[res.ID] = append(regions[res.ID], len(rec.Annotations))
					rec.Annotations = append(rec.Annotations, model.Annotation{Start: *res.Value.Start, End: *res.Value.End,
						Label: l, Attrs: map[string]string{}, Author: author})
				}
			}
			for _, res := range ann.Result {
				var val string
				switch res.Type {
				case "choices":
					val = strings.Join(res.Value.Choices, ",")
				case "textarea":
					var texts []string
					if json.Unmarshal(res.Value.Text, &texts) != nil {
						continue
					}
					val = strings.Join(texts, "\n")
				default:
					continue // relations (below), ratings and other controls have no gloss meaning
				}
				for _, i := range regions[res.ID] {
					rec.Annotations[i].Attrs[res.FromName] = val
				}
			}
			for i, res := range ann.Result {
				if res.Type != "relation" {
					continue
				}
				from, ok := regions[res.FromID]
				to, ok2 := regions[res.ToID]
				if !ok || !ok2 {
					return model.Errorf(model.EINVALID, "%s: result %d: a relation between regions %q and %q, which are not both labels results of the annotation", place, i+1, res.FromID, res.ToID)
				}
				// A relation links the first span of each region (a region
				// with several labels is several spans); "left" points the
				// other way, "bi" is read as "right".
				f, t := from[0], to[0]
				if res.Direction == "left" {
					f, t = t, f
				}
				for _, l := range res.Labels {
					rec.Relations = append(rec.Relations, Relation{Type: l, From: f, To: t, Author: author})
				}
			}
		}
		if err := finish(&rec, place); err != nil {
			return err
		}
		return fn(rec)
	})
}

// lsAuthor reads completed_by: a user object with an email, or a name.
// A bare user number means nothing outside its Label Studio.
func lsAuthor(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var u struct {
		Email string `json:"email"`
	}
	if json.Unmarshal(raw, &u) == nil {
		return u.Email
	}
	return ""
}

// keepMeta keeps a field the format does not define in the article's
// meta: a "meta" object's entries each, anything else under its own key.
func keepMeta(art *model.Article, filename string, line int, key string, v json.RawMessage) error {
	if key == "meta" {
		var meta map[string]any
		if json.Unmarshal(v, &meta) != nil {
			return model.Errorf(model.EINVALID, "%s: \"meta\" must be an object", at(filename, line))
		}
		for k, val := range meta {
			setMeta(art, k, val)
		}
		return nil
	}
	var val any
	if err := unmarshal(filename, line, v, &val); err != nil {
		return err
	}
	setMeta(art, key, val)
	return nil
}

func setMeta(art *model.Article, k string, v any) {
	if art.Meta == nil {
		art.Meta = map[string]any{}
	}
	art.Meta[k] = v
}
