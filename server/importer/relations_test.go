package importer_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage/model"
)

// relText is the article of the relation tests: the quote [8,15), Xi
// [0,2), Putin [27,32).
const relText = "Xi said “peace” loudly to Putin."

var relT0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// relDoc is an article with two relations in the gold layer, and with
// layered, the same spans and one relation again in ana's layer under the
// same annotation ids (so that only the layer tells the ends apart).
func relDoc(layered bool) export.Doc {
	layer := func(l string) string {
		if layered {
			return l
		}
		return ""
	}
	span := func(id uint64, l, label string, start, end int) model.Annotation {
		return model.Annotation{ID: id, Article: 1, Layer: layer(l), Start: start, End: end, Label: label, Author: "maria", CreatedAt: relT0, UpdatedAt: relT0}
	}
	rel := func(id uint64, l, typ string, from, to uint64) model.Relation {
		return model.Relation{ID: id, Article: 1, Layer: layer(l), Type: typ, From: from, To: to, Author: "li.wei", CreatedAt: relT0}
	}
	d := export.Doc{
		Article: model.Article{ID: 1, Project: 1, Title: "Xi and Putin", Text: relText, Length: len([]rune(relText)), ImportedAt: relT0},
		Project: model.Project{ID: 1, Labels: model.DefaultLabels(), Relations: model.DefaultRelations()},
		Annotations: []model.Annotation{
			span(1, "gold", "SPEAKER", 0, 2), span(2, "gold", "QUOTE", 8, 15), span(3, "gold", "SPEAKER", 27, 32),
		},
		Relations: []model.Relation{rel(10, "gold", "said_by", 2, 1), rel(11, "gold", "about", 2, 3)},
	}
	if layered {
		d.Annotations = append(d.Annotations, span(1, "ana", "SPEAKER", 27, 32), span(2, "ana", "QUOTE", 8, 15))
		d.Relations = append(d.Relations, rel(12, "ana", "said_by", 2, 1))
	}
	return d
}

// relSummary shows a record's relations by their ends' labels and offsets.
func relSummary(rec importer.Record) string {
	var out []string
	for _, r := range rec.Relations {
		a, b := rec.Annotations[r.From], rec.Annotations[r.To]
		s := fmt.Sprintf("%s %s %d-%d -> %s %d-%d", r.Type, a.Label, a.Start, a.End, b.Label, b.Start, b.End)
		if r.Author != "" {
			s += " by " + r.Author + " at " + r.CreatedAt.Format(time.RFC3339)
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// TestDecodeRelations: every format that imports reads back the relations
// gloss exports, between the right spans; in an export of all layers the
// layer tells apart ends that share an id.
func TestDecodeRelations(t *testing.T) {
	by := " by li.wei at 2024-05-01T12:00:00Z"
	tests := []struct {
		format  string
		layered bool
		want    string
	}{
		{"jsonl", false, "said_by QUOTE 8-15 -> SPEAKER 0-2" + by + "; about QUOTE 8-15 -> SPEAKER 27-32" + by},
		{"jsonl", true, "said_by QUOTE 8-15 -> SPEAKER 0-2" + by + "; about QUOTE 8-15 -> SPEAKER 27-32" + by + "; said_by QUOTE 8-15 -> SPEAKER 27-32" + by},
		{"doccano", false, "said_by QUOTE 8-15 -> SPEAKER 0-2; about QUOTE 8-15 -> SPEAKER 27-32"},
		{"doccano", true, "said_by QUOTE 8-15 -> SPEAKER 0-2; about QUOTE 8-15 -> SPEAKER 27-32; said_by QUOTE 8-15 -> SPEAKER 27-32"},
		// Label Studio's import reads the first annotation: gold's.
		{"labelstudio", false, "said_by QUOTE 8-15 -> SPEAKER 0-2; about QUOTE 8-15 -> SPEAKER 27-32"},
		{"labelstudio", true, "said_by QUOTE 8-15 -> SPEAKER 0-2; about QUOTE 8-15 -> SPEAKER 27-32"},
		{"w3c", false, "said_by QUOTE 8-15 -> SPEAKER 0-2" + by + "; about QUOTE 8-15 -> SPEAKER 27-32" + by},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/layered=%v", tt.format, tt.layered), func(t *testing.T) {
			data := encode(t, tt.format, []export.Doc{relDoc(tt.layered)})
			recs, err := decodeAll(tt.format, "export"+export.FileExt(tt.format), data)
			if err != nil {
				t.Fatal(err)
			}
			if got := relSummary(recs[0]); got != tt.want {
				t.Errorf("relations\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestDecodeRelationsForeign: relations as the tools themselves write
// them, which gloss never does.
func TestDecodeRelationsForeign(t *testing.T) {
	tests := []struct {
		name, format, input, want string
	}{
		{"DoccanoRelationProject", "doccano",
			`{"text":"` + relText + `","entities":[{"id":7,"start_offset":8,"end_offset":15,"label":"QUOTE"},{"id":9,"start_offset":0,"end_offset":2,"label":"SPEAKER"}],` +
				`"relations":[{"id":1,"from_id":7,"to_id":9,"type":"said_by"}],"Comments":[]}`,
			"said_by QUOTE 8-15 -> SPEAKER 0-2"},
		{"DoccanoStringIDs", "doccano",
			`{"text":"` + relText + `","entities":[{"id":"q","start_offset":8,"end_offset":15,"label":"QUOTE"},{"id":"s","start_offset":0,"end_offset":2,"label":"SPEAKER"}],` +
				`"relations":[{"from_id":"q","to_id":"s","type":"said_by"}]}`,
			"said_by QUOTE 8-15 -> SPEAKER 0-2"},
		{"LabelStudioLeftAndTwoLabels", "labelstudio",
			`[{"data":{"text":"` + relText + `"},"annotations":[{"completed_by":{"email":"ana@example.com"},"result":[` +
				`{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":2,"labels":["SPEAKER"]}},` +
				`{"id":"b","from_name":"label","to_name":"text","type":"labels","value":{"start":8,"end":15,"labels":["QUOTE"]}},` +
				`{"from_id":"a","to_id":"b","type":"relation","direction":"left","labels":["said_by","about"]},` +
				`{"from_id":"b","to_id":"a","type":"relation","direction":"right","labels":[]}]}]}]`,
			"said_by QUOTE 8-15 -> SPEAKER 0-2 by ana@example.com at 0001-01-01T00:00:00Z; about QUOTE 8-15 -> SPEAKER 0-2 by ana@example.com at 0001-01-01T00:00:00Z"},
		{"W3CTargetObjects", "w3c",
			`[{"id":"#q","type":"Annotation","body":{"purpose":"tagging","value":"QUOTE"},"target":{"source":{"id":"urn:x","gloss:text":"` + relText + `"},"selector":{"type":"TextPositionSelector","start":8,"end":15}}},` +
				`{"id":"#s","type":"Annotation","body":{"purpose":"tagging","value":"SPEAKER"},"target":{"source":"urn:x","selector":{"type":"TextPositionSelector","start":0,"end":2}}},` +
				`{"type":"Annotation","motivation":"linking","body":{"type":"TextualBody","value":"said_by"},"target":[{"id":"#q"},{"id":"#s"}]}]`,
			"said_by QUOTE 8-15 -> SPEAKER 0-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := decodeAll(tt.format, "in.json", []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if got := relSummary(recs[0]); got != tt.want {
				t.Errorf("relations\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestDecodeRelationsErrors: a relation that does not link two spans of
// its article is an EINVALID error naming the file, line and relation.
func TestDecodeRelationsErrors(t *testing.T) {
	ls := func(results string) string {
		return `[{"data":{"text":"` + relText + `"},"annotations":[{"result":[` +
			`{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":2,"labels":["SPEAKER"]}},` + results + `]}]}]`
	}
	w3c := func(link string) string {
		return `[{"id":"#s","type":"Annotation","body":{"purpose":"tagging","value":"SPEAKER"},"target":{"source":{"id":"urn:x","gloss:text":"` + relText +
			`"},"selector":{"type":"TextPositionSelector","start":0,"end":2}}},` + link + `]`
	}
	native := func(rels string) string {
		return `{"text":"` + relText + `","status":"new","annotations":[{"id":1,"start":0,"end":2,"label":"SPEAKER"},{"id":2,"start":8,"end":15,"label":"QUOTE"}],"relations":` + rels + `}`
	}
	tests := []struct {
		name, format, input, err string
	}{
		{"JSONLUnknownEnd", "jsonl", native(`[{"type":"said_by","from":2,"to":5}]`),
			"in.json:1: relation 1 (said_by 2 → 5) names annotation 5, which the line has not in layer gold"},
		{"JSONLOtherLayer", "jsonl", native(`[{"layer":"ana","type":"said_by","from":2,"to":1}]`),
			"in.json:1: relation 1 (said_by 2 → 1) names annotation 2, which the line has not in layer ana"},
		{"JSONLToItself", "jsonl", native(`[{"type":"said_by","from":2,"to":2}]`),
			"in.json:1: relation 1 (said_by) links annotation 2 to itself"},
		{"JSONLNoType", "jsonl", native(`[{"type":" ","from":2,"to":1}]`),
			"in.json:1: relation 1 has no type"},
		{"DoccanoNoEntities", "doccano", `{"text":"` + relText + `","label":[[0,2,"SPEAKER"]],"relations":[{"from_id":0,"to_id":1,"type":"x"}]}`,
			`in.json:1: "relations" link "entities", which the line has not`},
		{"DoccanoUnknownEntity", "doccano", `{"text":"` + relText + `","entities":[{"id":0,"start_offset":0,"end_offset":2,"label":"SPEAKER"}],"relations":[{"from_id":0,"to_id":4,"type":"said_by"}]}`,
			"in.json:1: relation 1 (said_by) links entities 0 and 4; not both are entities of the line"},
		{"DoccanoEntityIDTwice", "doccano", `{"text":"` + relText + `","entities":[{"id":0,"start_offset":0,"end_offset":2,"label":"SPEAKER"},{"id":0,"start_offset":8,"end_offset":15,"label":"QUOTE"}],"relations":[{"from_id":0,"to_id":0,"type":"said_by"}]}`,
			"in.json:1: entity id 0 is given twice"},
		{"DoccanoLabelDisagrees", "doccano", `{"text":"` + relText + `","label":[[0,3,"SPEAKER"]],"entities":[{"id":0,"start_offset":0,"end_offset":2,"label":"SPEAKER"}],"relations":[]}`,
			`in.json:1: label 1 is [0, 3, "SPEAKER"] but entity 1 is [0, 2, "SPEAKER"]; a line with both must hold the same spans in each`},
		{"LabelStudioUnknownRegion", "labelstudio", ls(`{"from_id":"a","to_id":"zz","type":"relation","direction":"right","labels":["said_by"]}`),
			`in.json:1: result 2: a relation between regions "a" and "zz", which are not both labels results of the annotation`},
		{"W3CUnknownTarget", "w3c", w3c(`{"type":"Annotation","motivation":"linking","body":{"value":"said_by"},"target":["#s","#q"]}`),
			`in.json:1: the linking annotation targets "#q", which is no annotation of this article before it`},
		{"W3COneTarget", "w3c", w3c(`{"type":"Annotation","motivation":"linking","body":{"value":"said_by"},"target":"#s"}`),
			"in.json:1: a linking annotation needs two targets, the annotations it links (start first)"},
		{"W3CNoType", "w3c", w3c(`{"type":"Annotation","motivation":"linking","body":{"purpose":"commenting","value":"hm"},"target":["#s","#s"]}`),
			"in.json:1: the linking annotation has no tagging body to take its relation type from"},
		{"W3CLinkFirst", "w3c", `[{"type":"Annotation","motivation":"linking","body":{"value":"said_by"},"target":["#s","#q"]}]`,
			"in.json:1: a linking annotation before any annotation it could link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeAll(tt.format, "in.json", []byte(tt.input))
			if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) != tt.err {
				t.Fatalf("err %v (%s)\nwant EINVALID %s", err, model.ErrorCode(err), tt.err)
			}
		})
	}
}
