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

type lsAnnotation struct {
	Result []lsResult `json:"result"`
}

type lsResult struct {
	ID       string  `json:"id"`
	FromName string  `json:"from_name"`
	ToName   string  `json:"to_name"`
	Type     string  `json:"type"`
	Value    lsValue `json:"value"`
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
		ID:          art.ID,
		Data:        lsData{Text: art.Text, Title: art.Title, Source: art.Source, URL: art.URL, Published: art.Published, Meta: art.Meta},
		Annotations: []lsAnnotation{{Result: make([]lsResult, 0, len(anns))}},
	}
	res := &task.Annotations[0].Result
	for i, a := range anns {
		id := "s" + strconv.Itoa(i+1)
		if a.ID != 0 {
			id = strconv.FormatUint(a.ID, 10)
		}
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
	return e.aw.elem(task)
}

func (e *labelStudioEncoder) Close() error { return e.aw.close("") }
