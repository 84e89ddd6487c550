package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

// layersText is the article of the layer tests: "Xi" is [0,2), "Putin"
// [7,12) and the claim [24,61).
const layersText = "Xi met Putin in Moscow. The ICC charged Putin with war crimes. Read more."

// layersDoc is one article as an export of all layers brings it: the
// claim in the gold layer and in both annotators' (with three verdicts),
// "Xi" in both annotators' layers, "Putin" in gold alone. layer "" gives
// every span the empty layer of a gold-only export instead.
func layersDoc(layer func(string) string) export.Doc {
	span := func(id uint64, l, label string, start, end int, author string, attrs map[string]string) model.Annotation {
		at := t0.Add(time.Duration(id) * time.Minute)
		return model.Annotation{ID: id, Article: 9, Layer: layer(l), Start: start, End: end, Label: label,
			Attrs: attrs, Author: author, CreatedAt: at, UpdatedAt: at}
	}
	return export.Doc{
		Article: model.Article{ID: 9, Project: project.ID, Title: "Xi meets Putin", URL: "https://example.com/xi-putin",
			Text: layersText, Length: len(layersText), ImportedAt: t0},
		Project: project,
		// Out of order, so that the encoders' sort shows.
		Annotations: []model.Annotation{
			span(5, "ben", "CLAIM", 24, 61, "ben", map[string]string{"verdict": "false"}),
			span(1, "gold", "CLAIM", 24, 61, "maria", map[string]string{"verdict": "true"}),
			span(3, "ben", "SPEAKER", 0, 2, "ben", nil),
			span(6, "gold", "SPEAKER", 7, 12, "maria", nil),
			span(2, "ana", "CLAIM", 24, 61, "ana", map[string]string{"verdict": "misleading"}),
			span(4, "ana", "SPEAKER", 0, 2, "ana", nil),
		},
	}
}

func named(l string) string { return l }

// spansInOrder is how every format that lists spans one by one orders the
// spans of layersDoc: by start, longest first, label, then layer (gold
// first, then the annotators by name).
var spansInOrder = []string{
	"SPEAKER 0-2 ana", "SPEAKER 0-2 ben", "SPEAKER 7-12 gold",
	"CLAIM 24-61 gold", "CLAIM 24-61 ana", "CLAIM 24-61 ben",
}

// TestLayers: every format says which layer each span came from, as
// doc.go describes, on one article with spans of layers gold, ana and ben.
func TestLayers(t *testing.T) {
	tests := []struct {
		format string
		read   func(t *testing.T, out []byte) []string // one line per span: what the format says of it
		want   []string
	}{
		{"jsonl", readJSONLLayers, []string{
			"4 SPEAKER 0-2 ana", "3 SPEAKER 0-2 ben", "6 SPEAKER 7-12 gold",
			"1 CLAIM 24-61 gold", "2 CLAIM 24-61 ana", "5 CLAIM 24-61 ben",
		}},
		{"doccano", readDoccanoLayers, spansInOrder},
		{"labelstudio", readLabelStudioLayers, []string{
			"gold ground_truth=true: 6 SPEAKER 7-12", "gold ground_truth=true: 1 CLAIM 24-61 verdict=true",
			"ana ground_truth=false: 4 SPEAKER 0-2", "ana ground_truth=false: 2 CLAIM 24-61 verdict=misleading",
			"ben ground_truth=false: 3 SPEAKER 0-2", "ben ground_truth=false: 5 CLAIM 24-61 verdict=false",
		}},
		{"spacy", readSpacyLayers, spansInOrder},
		{"w3c", readW3CLayers, []string{
			"4 SPEAKER 0-2 ana by ana", "3 SPEAKER 0-2 ben by ben", "6 SPEAKER 7-12 gold by maria",
			"1 CLAIM 24-61 gold by maria", "2 CLAIM 24-61 ana by ana", "5 CLAIM 24-61 ben by ben",
		}},
		{"brat", readBratLayers, []string{
			"T1 SPEAKER 0-2 layer: ana", "T2 SPEAKER 0-2 layer: ben", "T3 SPEAKER 7-12 layer: gold",
			"T4 CLAIM 24-61 layer: gold", "T5 CLAIM 24-61 layer: ana", "T6 CLAIM 24-61 layer: ben",
		}},
		{"csv", readCSVLayers, []string{
			"SPEAKER 0-2 ana by ana", "SPEAKER 0-2 ben by ben", "SPEAKER 7-12 gold by maria",
			"CLAIM 24-61 gold by maria", "CLAIM 24-61 ana by ana", "CLAIM 24-61 ben by ben",
		}},
		{"claimreview", readClaimReviewLayers, []string{
			"1 true gold by maria", "2 misleading ana by ana", "5 false ben by ben",
		}},
	}
	covered := map[string]bool{"conll": true} // TestLayersCoNLL
	for _, tt := range tests {
		covered[tt.format] = true
		t.Run(tt.format, func(t *testing.T) {
			got := tt.read(t, encode(t, tt.format, export.Options{BaseURL: baseURL}, layersDoc(named)))
			if g, w := strings.Join(got, "\n"), strings.Join(tt.want, "\n"); g != w {
				t.Errorf("read back:\n%s\nwant:\n%s", g, w)
			}
		})
	}
	for _, f := range export.Formats {
		if !covered[f] {
			t.Errorf("format %s has no layer test", f)
		}
	}

	// A gold-only export leaves Layer empty and gets no trace of layers
	// but csv's layer column, all "gold" (the goldens hold the rest:
	// TestGolden).
	t.Run("GoldOnly", func(t *testing.T) {
		for _, f := range export.Formats {
			out := encode(t, f, export.Options{BaseURL: baseURL}, layersDoc(func(string) string { return "" }))
			if f == "csv" {
				for _, l := range readCSVLayers(t, out) {
					if !strings.Contains(l, " gold by ") {
						t.Errorf("csv: a gold-only export's row reads %q, want the layer gold", l)
					}
				}
				continue
			}
			if f == "brat" {
				out = untar(t, out)["00000009.ann"]
			}
			if i := bytes.Index(out, []byte("layer")); i >= 0 {
				t.Errorf("%s: a gold-only export says %q", f, out[max(0, i-40):min(len(out), i+40)])
			}
		}
	})

	// Clean keeps each span's layer.
	t.Run("Clean", func(t *testing.T) {
		d := layersDoc(named)
		d.Annotations = append(d.Annotations, model.Annotation{ID: 7, Layer: "ben", Start: 63, End: len(layersText), Label: export.Boilerplate})
		got := readJSONLLayers(t, encode(t, "jsonl", export.Options{Clean: true}, d))
		want := []string{
			"4 SPEAKER 0-2 ana", "3 SPEAKER 0-2 ben", "6 SPEAKER 7-12 gold",
			"1 CLAIM 24-61 gold", "2 CLAIM 24-61 ana", "5 CLAIM 24-61 ben",
		}
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Errorf("read back:\n%s\nwant:\n%s", g, w)
		}
	})
}

// TestLayersLabelStudioRegionIDs: region ids stay unique in a task when a
// document brings one annotation id in two layers.
func TestLayersLabelStudioRegionIDs(t *testing.T) {
	d := layersDoc(named)
	d.Annotations[0].ID = 1 // ben's claim takes the gold claim's id
	got := readLabelStudioLayers(t, encode(t, "labelstudio", export.Options{}, d))
	want := []string{
		"gold ground_truth=true: 6 SPEAKER 7-12", "gold ground_truth=true: 1 CLAIM 24-61 verdict=true",
		"ana ground_truth=false: 4 SPEAKER 0-2", "ana ground_truth=false: 2 CLAIM 24-61 verdict=misleading",
		"ben ground_truth=false: 3 SPEAKER 0-2", "ben ground_truth=false: 1-2 CLAIM 24-61 verdict=false",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("read back:\n%s\nwant:\n%s", g, w)
	}
}

// TestLayersCoNLL: a conll file holds one layer.
func TestLayersCoNLL(t *testing.T) {
	t.Run("ErrTwoLayers", func(t *testing.T) {
		enc, _ := export.New("conll", io.Discard, export.Options{})
		err := enc.Encode(layersDoc(named))
		if got, want := model.ErrorCode(err), model.EINVALID; got != want {
			t.Fatalf("code %q, want %q (err %v)", got, want, err)
		}
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "one layer") || !strings.Contains(msg, "ana") {
			t.Errorf("message %q does not say the file holds one layer, and which layers came", msg)
		}
		if err := enc.Close(); err == nil {
			t.Error("Close after a refused document succeeded")
		}
	})
	t.Run("ErrTwoLayersAcrossArticles", func(t *testing.T) {
		first, second := layersDoc(named), layersDoc(named)
		first.Annotations = onlyLayer(first.Annotations, "ana")
		second.Annotations = onlyLayer(second.Annotations, "gold")
		second.Article.ID = 10
		enc, _ := export.New("conll", io.Discard, export.Options{})
		if err := enc.Encode(first); err != nil {
			t.Fatal(err)
		}
		if got, want := model.ErrorCode(enc.Encode(second)), model.EINVALID; got != want {
			t.Fatalf("second article's layer: code %q, want %q", got, want)
		}
	})
	t.Run("OneAnnotator", func(t *testing.T) {
		d := layersDoc(named)
		d.Annotations = onlyLayer(d.Annotations, "ana")
		plain := d
		plain.Annotations = nil
		for _, a := range d.Annotations {
			a.Layer = ""
			plain.Annotations = append(plain.Annotations, a)
		}
		got, want := encode(t, "conll", export.Options{}, d), encode(t, "conll", export.Options{}, plain)
		if !bytes.Equal(got, want) {
			t.Errorf("one annotator's layer:\n%s\nwant it as a gold-only export writes the same spans:\n%s", got, want)
		}
	})
	t.Run("OneLayer", func(t *testing.T) {
		for _, f := range export.Formats {
			if got, want := export.OneLayer(f), f == "conll"; got != want {
				t.Errorf("OneLayer(%q) = %v, want %v", f, got, want)
			}
		}
	})
}

func onlyLayer(anns []model.Annotation, layer string) []model.Annotation {
	var out []model.Annotation
	for _, a := range anns {
		if a.Layer == layer {
			out = append(out, a)
		}
	}
	return out
}

func readJSONLLayers(t *testing.T, out []byte) []string {
	var line struct {
		Annotations []struct {
			ID         uint64
			Layer      *string
			Start, End int
			Label      string
		}
	}
	unmarshal(t, out, &line)
	var got []string
	for _, a := range line.Annotations {
		got = append(got, fmt.Sprintf("%d %s %d-%d %s", a.ID, a.Label, a.Start, a.End, deref(a.Layer)))
	}
	return got
}

func readDoccanoLayers(t *testing.T, out []byte) []string {
	var line struct {
		Label       [][3]any `json:"label"`
		LabelLayers []string `json:"label_layers"`
	}
	unmarshal(t, out, &line)
	if len(line.LabelLayers) != len(line.Label) {
		t.Fatalf("%d label_layers for %d labels", len(line.LabelLayers), len(line.Label))
	}
	var got []string
	for i, l := range line.Label {
		got = append(got, fmt.Sprintf("%s %v-%v %s", l[2], l[0], l[1], line.LabelLayers[i]))
	}
	return got
}

func readLabelStudioLayers(t *testing.T, out []byte) []string {
	var tasks []struct {
		Annotations []struct {
			GroundTruth *bool `json:"ground_truth"`
			Meta        struct {
				Layer string `json:"layer"`
			} `json:"meta"`
			Result []struct {
				ID       string `json:"id"`
				FromName string `json:"from_name"`
				Value    struct {
					Start, End int
					Labels     []string
					Choices    []string
				} `json:"value"`
			} `json:"result"`
		} `json:"annotations"`
	}
	unmarshal(t, out, &tasks)
	var got []string
	regions := map[string]string{} // region id → its layer, across the task
	for _, a := range tasks[0].Annotations {
		who := fmt.Sprintf("%s ground_truth=%s", a.Meta.Layer, derefBool(a.GroundTruth))
		for _, r := range a.Result {
			if l, ok := regions[r.ID]; ok && l != a.Meta.Layer {
				t.Errorf("region id %s in layers %s and %s", r.ID, l, a.Meta.Layer)
			}
			regions[r.ID] = a.Meta.Layer
			if r.FromName == "label" {
				got = append(got, fmt.Sprintf("%s: %s %s %d-%d", who, r.ID, r.Value.Labels[0], r.Value.Start, r.Value.End))
			} else {
				got[len(got)-1] += fmt.Sprintf(" %s=%s", r.FromName, strings.Join(r.Value.Choices, ","))
			}
		}
	}
	return got
}

func readSpacyLayers(t *testing.T, out []byte) []string {
	var line struct {
		Spans []struct {
			Start, End int
			Label      string
			Layer      *string
		}
	}
	unmarshal(t, out, &line)
	var got []string
	for _, s := range line.Spans {
		got = append(got, fmt.Sprintf("%s %d-%d %s", s.Label, s.Start, s.End, deref(s.Layer)))
	}
	return got
}

func readW3CLayers(t *testing.T, out []byte) []string {
	var coll struct {
		Context []any `json:"@context"`
		First   struct {
			Items []struct {
				ID      string  `json:"id"`
				Layer   *string `json:"gloss:layer"`
				Creator struct {
					Name string `json:"name"`
				} `json:"creator"`
				Body []struct {
					Value string `json:"value"`
				} `json:"body"`
				Target struct {
					Selector []struct {
						Start, End int
					} `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	unmarshal(t, out, &coll)
	if ctx, _ := coll.Context[1].(map[string]any); ctx["gloss"] != export.GlossNS {
		t.Errorf("@context %v does not declare the gloss prefix", coll.Context)
	}
	var got []string
	for _, it := range coll.First.Items {
		sel := it.Target.Selector[0]
		got = append(got, fmt.Sprintf("%s %s %d-%d %s by %s", it.ID[strings.LastIndex(it.ID, "/")+1:], it.Body[0].Value, sel.Start, sel.End, deref(it.Layer), it.Creator.Name))
	}
	return got
}

func readBratLayers(t *testing.T, out []byte) []string {
	ann := string(untar(t, out)["00000009.ann"])
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		f := strings.SplitN(l, "\t", 3)
		switch {
		case strings.HasPrefix(l, "T"):
			label, locs, _ := strings.Cut(f[1], " ")
			got = append(got, f[0]+" "+label+" "+strings.ReplaceAll(locs, " ", "-"))
		case strings.HasPrefix(l, "#"):
			kind, target, _ := strings.Cut(f[1], " ")
			last := got[len(got)-1]
			if kind != "AnnotatorNotes" || !strings.HasPrefix(last, target+" ") {
				t.Errorf("note %q does not follow its span (last span: %s)", l, last)
			}
			got[len(got)-1] += " " + f[2]
		}
	}
	return got
}

func readCSVLayers(t *testing.T, out []byte) []string {
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), "article_id,title,start,end,label,text,attrs,author,layer"; got != want {
		t.Errorf("header %s, want %s", got, want)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, fmt.Sprintf("%s %s-%s %s by %s", r[4], r[2], r[3], r[8], export.UnCell(r[7])))
	}
	return got
}

func readClaimReviewLayers(t *testing.T, out []byte) []string {
	var reviews []struct {
		Context []any   `json:"@context"`
		ID      string  `json:"@id"`
		Layer   *string `json:"gloss:layer"`
		Author  struct {
			Name string `json:"name"`
		} `json:"author"`
		ReviewRating struct {
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
	}
	unmarshal(t, out, &reviews)
	var got []string
	for _, r := range reviews {
		if len(r.Context) != 2 || r.Context[0] != "https://schema.org" || r.Context[1].(map[string]any)["gloss"] != export.GlossNS {
			t.Errorf("@context %v, want schema.org and the gloss prefix", r.Context)
		}
		got = append(got, fmt.Sprintf("%s %s %s by %s", r.ID[strings.LastIndex(r.ID, "=")+1:], r.ReviewRating.AlternateName, deref(r.Layer), r.Author.Name))
	}
	return got
}

// deref shows a missing key as "(none)", apart from an empty value.
func deref(s *string) string {
	if s == nil {
		return "(none)"
	}
	return *s
}

func derefBool(b *bool) string {
	if b == nil {
		return "(none)"
	}
	return fmt.Sprint(*b)
}
