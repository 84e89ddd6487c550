package export

import (
	"io"
	"strconv"

	"github.com/gloss-dev/gloss/storage/model"
)

type lsTask struct {
	ID          uint64         `json:"id"`
	Data        lsData         `json:"data"`
	Annotations []lsAnnotation `json:"annotations"`
}

type lsData struct {
	Text      string         `json:"text"`
	Title     string         `json:"title,omitempty"`
	Source    string         `json:"source,omitempty"`
	URL       string         `json:"url,omitempty"`
	Published string         `json:"published,omitempty"`
	Meta      map[string]any `json:"meta,omitempty"`
}

// lsAnnotation is one annotator's work on a task. A gold-only export has
// one, with no ground_truth or meta; a layered export has one per layer.
type lsAnnotation struct {
	// GroundTruth is set in a layered export only: Label Studio's import
	// takes a missing ground_truth for true, which an annotator's layer is
	// not.
	GroundTruth *bool   `json:"ground_truth,omitempty"`
	Meta        *lsMeta `json:"meta,omitempty"`
	Result      []any   `json:"result"` // lsResult, then lsRelation
}

// lsMeta names the layer of a layered export's annotation. Label Studio
// keeps who made an annotation only as a user of its own (completed_by,
// an id or the email of a member), so the layer goes in a key of its own,
// which Label Studio's import ignores and other readers can use.
type lsMeta struct {
	Layer string `json:"layer"`
}

type lsResult struct {
	ID       string  `json:"id"`
	FromName string  `json:"from_name"`
	ToName   string  `json:"to_name"`
	Type     string  `json:"type"`
	Value    lsValue `json:"value"`
}

// lsRelation is a relation between two regions, as the Label Studio
// editor saves one drawn with a <Relations> label: its type is the label.
type lsRelation struct {
	FromID    string   `json:"from_id"`
	ToID      string   `json:"to_id"`
	Type      string   `json:"type"`      // "relation"
	Direction string   `json:"direction"` // "right": from → to
	Labels    []string `json:"labels"`
}

type lsValue struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Text    any      `json:"text,omitempty"` // the span's text for labels, the typed values for textarea
	Labels  []string `json:"labels,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

type labelStudioEncoder struct{ aw *arrayWriter }

func newLabelStudio(w io.Writer, _ Options) Encoder {
	return &labelStudioEncoder{newArrayWriter(w, "[")}
}

func (e *labelStudioEncoder) Encode(d Doc) error {
	_, anns, err := prepare(d)
	if err != nil {
		return e.aw.fail(err)
	}
	art := d.Article
	task := lsTask{
		ID:   art.ID,
		Data: lsData{Text: art.Text, Title: art.Title, Source: art.Source, URL: art.URL, Published: art.Published, Meta: art.Meta},
	}
	slot := map[string]int{} // layer → its annotation; empty in a gold-only export
	if !layered(anns) {
		task.Annotations = []lsAnnotation{{Result: make([]any, 0, len(anns))}}
	} else {
		for i, l := range layerNames(anns) {
			gold := l == model.Gold
			slot[l] = i
			task.Annotations = append(task.Annotations, lsAnnotation{GroundTruth: &gold, Meta: &lsMeta{Layer: l}, Result: []any{}})
		}
	}
	// Region ids are gloss annotation ids, unique in a database; should a
	// document bring one twice (a span copied into another layer with its
	// id), the second gets a suffix, since Label Studio tells a task's
	// regions apart by id.
	used := make(map[string]bool, len(anns))
	regions := make([]string, len(anns)) // each span's region id
	for i, a := range anns {
		base := "s" + strconv.Itoa(i+1)
		if a.ID != 0 {
			base = strconv.FormatUint(a.ID, 10)
		}
		id := base
		for n := 2; used[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		used[id] = true
		regions[i] = id
		res := &task.Annotations[slot[layerName(a)]].Result
		*res = append(*res, lsResult{ID: id, FromName: "label", ToName: "text", Type: "labels",
			Value: lsValue{Start: a.Start, End: a.End, Text: a.Text, Labels: []string{a.Label}}})
		l, _ := d.Project.Label(a.Label)
		for _, name := range attrNames(d.Project, a.Label, a.Attrs) {
			r := lsResult{ID: id, FromName: name, ToName: "text", Type: "textarea",
				Value: lsValue{Start: a.Start, End: a.End, Text: []string{a.Attrs[name]}}}
			if spec, _ := l.Attr(name); spec.Type == model.AttrEnum {
				r.Type, r.Value.Text, r.Value.Choices = "choices", nil, []string{a.Attrs[name]}
			}
			*res = append(*res, r)
		}
	}
	// A relation goes in the annotation of its layer, which holds both
	// its regions.
	for _, l := range links(d.Relations, anns) {
		res := &task.Annotations[slot[layerName(anns[l.from])]].Result
		*res = append(*res, lsRelation{FromID: regions[l.from], ToID: regions[l.to], Type: "relation", Direction: "right", Labels: []string{l.Type}})
	}
	return e.aw.elem(task)
}

func (e *labelStudioEncoder) Close() error { return e.aw.close("") }
