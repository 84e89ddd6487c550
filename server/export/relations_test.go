package export_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

// relationsDoc is layersDoc with a relation in each layer, from the claim
// to a speaker, and two that no format may write: one to an annotation
// the document lacks, and one whose ends are ids of another layer's
// spans. Given out of order, so that the encoders' sort shows.
func relationsDoc(layer func(string) string) export.Doc {
	d := layersDoc(layer)
	rel := func(id uint64, l string, from, to uint64) model.Relation {
		return model.Relation{ID: id, Article: 9, Layer: layer(l), Type: "about", From: from, To: to, Author: "maria", CreatedAt: t0}
	}
	d.Relations = []model.Relation{
		rel(12, "ben", 5, 3),
		rel(10, "gold", 1, 6),
		rel(11, "ana", 2, 4),
		rel(13, "gold", 1, 99), // no annotation 99
		rel(14, "ana", 1, 6),   // 1 and 6 are gold's
	}
	return d
}

// relationsInOrder is what every format that holds relations says of
// relationsDoc's: ordered by the place of their start span, then of their
// end span in the export.
var relationsInOrder = []string{
	"about CLAIM 24-61 gold -> SPEAKER 7-12 gold",
	"about CLAIM 24-61 ana -> SPEAKER 0-2 ana",
	"about CLAIM 24-61 ben -> SPEAKER 0-2 ben",
}

// TestRelations: every format that can hold relations writes those whose
// ends are both in the document, each in the tool's own shape, as doc.go
// describes; conll, csv and claimreview write none.
func TestRelations(t *testing.T) {
	readers := map[string]func(t *testing.T, out []byte) []string{
		"jsonl": readJSONLRelations, "doccano": readDoccanoRelations, "labelstudio": readLabelStudioRelations,
		"spacy": readSpacyRelations, "w3c": readW3CRelations, "brat": readBratRelations,
	}
	for _, f := range export.Formats {
		read, ok := readers[f]
		t.Run(f, func(t *testing.T) {
			d := relationsDoc(named)
			if export.OneLayer(f) {
				d.Annotations = onlyLayer(d.Annotations, "gold")
			}
			out := encode(t, f, export.Options{BaseURL: baseURL}, d)
			if !ok {
				if f == "brat" {
					out = untar(t, out)["00000009.ann"]
				}
				if bytes.Contains(out, []byte("about")) {
					t.Errorf("%s holds no relations, yet writes one: %s", f, out)
				}
				return
			}
			if got, want := strings.Join(read(t, out), "\n"), strings.Join(relationsInOrder, "\n"); got != want {
				t.Errorf("read back:\n%s\nwant:\n%s", got, want)
			}
		})
	}

	// A gold-only export: the gold layer's relation, no layers named.
	t.Run("GoldOnly", func(t *testing.T) {
		d := relationsDoc(named)
		d.Annotations = onlyLayer(d.Annotations, model.Gold)
		for i := range d.Annotations {
			d.Annotations[i].Layer = ""
		}
		for i := range d.Relations {
			if d.Relations[i].Layer == model.Gold {
				d.Relations[i].Layer = ""
			}
		}
		want := "about CLAIM 24-61  -> SPEAKER 7-12 "
		for f, read := range readers {
			if got := strings.Join(read(t, encode(t, f, export.Options{BaseURL: baseURL}, d)), "\n"); got != want {
				t.Errorf("%s: read back:\n%s\nwant:\n%s", f, got, want)
			}
		}
	})

	// A relation goes with an end that a filter or Clean took out.
	t.Run("EndLeftOut", func(t *testing.T) {
		d := relationsDoc(named)
		d.Annotations = d.Annotations[1:] // ben's claim
		for f, read := range readers {
			if got := read(t, encode(t, f, export.Options{BaseURL: baseURL}, d)); len(got) != 2 {
				t.Errorf("%s: %d relations, want 2 (ben's lost its start): %v", f, len(got), got)
			}
		}
		d = relationsDoc(named)
		d.Annotations = append(d.Annotations, model.Annotation{ID: 7, Layer: "gold", Start: 7, End: 12, Label: export.Boilerplate})
		got := readJSONLRelations(t, encode(t, "jsonl", export.Options{Clean: true}, d))
		want := []string{"about CLAIM 19-56 ana -> SPEAKER 0-2 ana", "about CLAIM 19-56 ben -> SPEAKER 0-2 ben"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("clean: %v, want %v (gold's speaker was cut)", got, want)
		}
	})
}

// spanName names a span the way relationsInOrder does.
func spanName(label string, start, end int, layer string) string {
	return fmt.Sprintf("%s %d-%d %s", label, start, end, layer)
}

func readJSONLRelations(t *testing.T, out []byte) []string {
	var line struct {
		Annotations []struct {
			ID         uint64
			Layer      string
			Start, End int
			Label      string
		}
		Relations []struct {
			ID       uint64
			Layer    string
			Type     string
			From, To uint64
		}
	}
	unmarshal(t, out, &line)
	span := func(layer string, id uint64) string {
		for _, a := range line.Annotations {
			if a.ID == id && a.Layer == layer {
				return spanName(a.Label, a.Start, a.End, a.Layer)
			}
		}
		t.Fatalf("relation end %s/%d is no annotation of the line", layer, id)
		return ""
	}
	var got []string
	for _, r := range line.Relations {
		got = append(got, r.Type+" "+span(r.Layer, r.From)+" -> "+span(r.Layer, r.To))
	}
	return got
}

func readDoccanoRelations(t *testing.T, out []byte) []string {
	var line struct {
		Label       [][3]any `json:"label"`
		LabelLayers []string `json:"label_layers"`
		Entities    []struct {
			ID    int
			Start int `json:"start_offset"`
			End   int `json:"end_offset"`
			Label string
		} `json:"entities"`
		Relations []struct {
			ID     uint64
			FromID int `json:"from_id"`
			ToID   int `json:"to_id"`
			Type   string
		} `json:"relations"`
	}
	unmarshal(t, out, &line)
	if len(line.Entities) != len(line.Label) {
		t.Fatalf("%d entities for %d labels", len(line.Entities), len(line.Label))
	}
	layer := func(i int) string {
		if line.LabelLayers == nil {
			return ""
		}
		return line.LabelLayers[i]
	}
	byID := map[int]int{}
	for i, e := range line.Entities {
		if l := line.Label[i]; e.ID != i || fmt.Sprint(l[0], l[1], l[2]) != fmt.Sprint(e.Start, e.End, e.Label) {
			t.Errorf("entity %d %+v is not label %d %v", i, e, i, l)
		}
		byID[e.ID] = i
	}
	span := func(id int) string {
		e := line.Entities[byID[id]]
		return spanName(e.Label, e.Start, e.End, layer(byID[id]))
	}
	var got []string
	for _, r := range line.Relations {
		got = append(got, r.Type+" "+span(r.FromID)+" -> "+span(r.ToID))
	}
	return got
}

func readLabelStudioRelations(t *testing.T, out []byte) []string {
	var tasks []struct {
		Annotations []struct {
			Meta struct {
				Layer string `json:"layer"`
			} `json:"meta"`
			Result []struct {
				ID        string   `json:"id"`
				Type      string   `json:"type"`
				FromID    string   `json:"from_id"`
				ToID      string   `json:"to_id"`
				Direction string   `json:"direction"`
				Labels    []string `json:"labels"`
				Value     struct {
					Start, End int
					Labels     []string
				} `json:"value"`
			} `json:"result"`
		} `json:"annotations"`
	}
	unmarshal(t, out, &tasks)
	var got []string
	for _, a := range tasks[0].Annotations {
		regions := map[string]string{}
		for _, r := range a.Result {
			switch r.Type {
			case "labels":
				regions[r.ID] = spanName(r.Value.Labels[0], r.Value.Start, r.Value.End, a.Meta.Layer)
			case "relation":
				from, ok := regions[r.FromID]
				to, ok2 := regions[r.ToID]
				if !ok || !ok2 || r.Direction != "right" || len(r.Labels) != 1 {
					t.Fatalf("relation %+v: not two regions of its annotation, direction right, one label", r)
				}
				got = append(got, r.Labels[0]+" "+from+" -> "+to)
			}
		}
	}
	return got
}

func readSpacyRelations(t *testing.T, out []byte) []string {
	type end struct {
		Start, End int
		TS         int `json:"token_start"`
		TE         int `json:"token_end"`
		Label      string
	}
	var line struct {
		Spans []struct {
			Start, End int
			Label      string
			TS         int `json:"token_start"`
			TE         int `json:"token_end"`
			Layer      string
		}
		Relations []struct {
			Head, Child int
			HeadSpan    end `json:"head_span"`
			ChildSpan   end `json:"child_span"`
			Label       string
			Layer       string
		}
	}
	unmarshal(t, out, &line)
	span := func(e end, layer string) string {
		for _, s := range line.Spans {
			if s.Start == e.Start && s.End == e.End && s.Label == e.Label && s.TS == e.TS && s.TE == e.TE && s.Layer == layer {
				return spanName(s.Label, s.Start, s.End, s.Layer)
			}
		}
		t.Fatalf("relation end %+v (layer %q) is no span of the line", e, layer)
		return ""
	}
	var got []string
	for _, r := range line.Relations {
		if r.Head != r.HeadSpan.TE || r.Child != r.ChildSpan.TE {
			t.Errorf("relation %+v: head and child are not the spans' last tokens, as Prodigy has them", r)
		}
		got = append(got, r.Label+" "+span(r.HeadSpan, r.Layer)+" -> "+span(r.ChildSpan, r.Layer))
	}
	return got
}

func readW3CRelations(t *testing.T, out []byte) []string {
	var coll struct {
		First struct {
			Items []struct {
				ID         string `json:"id"`
				Motivation string `json:"motivation"`
				Layer      string `json:"gloss:layer"`
				Body       []struct {
					Purpose, Value string
				} `json:"body"`
				Target json.RawMessage `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	unmarshal(t, out, &coll)
	spans := map[string]string{}
	var got []string
	for _, it := range coll.First.Items {
		if it.Motivation != "linking" {
			var target struct {
				Selector []struct{ Start, End int } `json:"selector"`
			}
			unmarshal(t, it.Target, &target)
			spans[it.ID] = spanName(it.Body[0].Value, target.Selector[0].Start, target.Selector[0].End, it.Layer)
			continue
		}
		var ends []string
		unmarshal(t, it.Target, &ends)
		from, ok := spans[ends[0]]
		to, ok2 := spans[ends[1]]
		if len(ends) != 2 || !ok || !ok2 || len(it.Body) != 1 || it.Body[0].Purpose != "tagging" {
			t.Fatalf("linking annotation %s: targets %v are not two annotations before it, or its body %+v is not one tag", it.ID, ends, it.Body)
		}
		if want := baseURL + "/articles/9/relations/"; !strings.HasPrefix(it.ID, want) {
			t.Errorf("relation id %s, want it under %s", it.ID, want)
		}
		got = append(got, it.Body[0].Value+" "+from+" -> "+to)
	}
	return got
}

func readBratRelations(t *testing.T, out []byte) []string {
	files := untar(t, out)
	ann := string(files["00000009.ann"])
	spans := map[string]string{}
	var last string
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		f := strings.SplitN(l, "\t", 3)
		switch l[0] {
		case 'T':
			label, locs, _ := strings.Cut(f[1], " ")
			start, end, _ := strings.Cut(locs, " ")
			s, _ := strconv.Atoi(start)
			e, _ := strconv.Atoi(end)
			spans[f[0]] = spanName(label, s, e, "")
			last = f[0]
		case '#':
			spans[last] = strings.TrimSuffix(spans[last], " ") + " " + strings.TrimPrefix(f[2], "layer: ")
		case 'R':
			var typ, a1, a2 string
			if n, err := fmt.Sscanf(f[1], "%s Arg1:%s Arg2:%s", &typ, &a1, &a2); n != 3 || err != nil || len(f) != 2 {
				t.Fatalf("R line %q is not TYPE Arg1:T Arg2:T", l)
			}
			got = append(got, typ+" "+spans[a1]+" -> "+spans[a2])
		}
	}
	if conf := string(files["annotation.conf"]); !strings.Contains(conf, "\n[relations]\nsaid_by\tArg1:QUOTE, Arg2:SPEAKER\nsupported_by\tArg1:CLAIM, Arg2:QUOTE|CLAIM\nabout\tArg1:CLAIM, Arg2:SPEAKER\n\n") {
		t.Errorf("annotation.conf does not declare the schema's relations and then about:\n%s", conf)
	}
	return got
}
