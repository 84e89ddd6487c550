package export

import (
	"io"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
)

// jsonlLine is one line of the gloss native format: the article as
// model.Article marshals it, except that "annotations" holds the spans
// instead of their count, and "relations" those relations whose ends are
// both in the line.
type jsonlLine struct {
	model.Article
	Annotations []jsonlAnnotation `json:"annotations"`
	Relations   []jsonlRelation   `json:"relations,omitempty"` // shadows Article.Relations
}

// jsonlRelation is a relation as the API writes it, without the article
// id: from and to are annotation ids of its layer.
type jsonlRelation struct {
	ID        uint64    `json:"id"`
	Layer     string    `json:"layer,omitempty"` // "" in a gold-only export
	Type      string    `json:"type"`
	From      uint64    `json:"from"`
	To        uint64    `json:"to"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
	Version   uint64    `json:"version"`
}

type jsonlAnnotation struct {
	ID        uint64            `json:"id"`
	Layer     string            `json:"layer,omitempty"` // "" in a gold-only export
	Start     int               `json:"start"`
	End       int               `json:"end"`
	Label     string            `json:"label"`
	Text      string            `json:"text"`
	Attrs     map[string]string `json:"attrs"`
	Author    string            `json:"author"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
	Version   uint64            `json:"version"`
}

type jsonlEncoder struct{ jw *jsonWriter }

func newJSONL(w io.Writer, _ Options) Encoder { return &jsonlEncoder{newJSONWriter(w)} }

func (e *jsonlEncoder) Encode(d Doc) error {
	_, anns, err := prepare(d)
	if err != nil {
		return e.jw.fail(err)
	}
	line := jsonlLine{Article: d.Article, Annotations: make([]jsonlAnnotation, len(anns))}
	line.Article.Relations = nil
	for i, a := range anns {
		attrs := a.Attrs
		if attrs == nil {
			attrs = map[string]string{}
		}
		line.Annotations[i] = jsonlAnnotation{
			ID: a.ID, Layer: a.Layer, Start: a.Start, End: a.End, Label: a.Label, Text: a.Text, Attrs: attrs,
			Author: a.Author, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Version: a.Version,
		}
	}
	for _, l := range links(d.Relations, anns) {
		line.Relations = append(line.Relations, jsonlRelation{ID: l.ID, Layer: l.Layer, Type: l.Type,
			From: l.From, To: l.To, Author: l.Author, CreatedAt: l.CreatedAt, Version: l.Version})
	}
	return e.jw.line(line)
}

func (e *jsonlEncoder) Close() error { return e.jw.err }

// doccanoLine is one line of doccano's sequence-labeling JSONL. doccano
// reads "text" and "label" and keeps every other key as metadata.
type doccanoLine struct {
	ID          uint64   `json:"id"`
	Text        string   `json:"text"`
	Label       [][]any  `json:"label"`
	LabelLayers []string `json:"label_layers,omitempty"` // each label's layer, which the triples cannot hold; nil in a gold-only export
	// Entities and Relations are set when the article has relations: the
	// spans of Label again, as the objects with ids that doccano's
	// relation import reads, and the relations between them.
	Entities  []doccanoEntity   `json:"entities,omitempty"`
	Relations []doccanoRelation `json:"relations,omitempty"`
	Title     string            `json:"title,omitempty"`
	Source    string            `json:"source,omitempty"`
	URL       string            `json:"url,omitempty"`
}

// doccanoEntity is a span as doccano's relation projects hold it; its id
// is its index in "label".
type doccanoEntity struct {
	ID    int    `json:"id"`
	Start int    `json:"start_offset"`
	End   int    `json:"end_offset"`
	Label string `json:"label"`
}

// doccanoRelation links two entities by their ids.
type doccanoRelation struct {
	ID     uint64 `json:"id"`
	FromID int    `json:"from_id"`
	ToID   int    `json:"to_id"`
	Type   string `json:"type"`
}

type doccanoEncoder struct{ jw *jsonWriter }

// newDoccano writes ASCII only, non-ASCII characters as \u escapes: doccano's
// import guesses the file's encoding with chardet by default ("Auto"), and
// chardet takes UTF-8 with emoji for Windows-1254 (chardet issue #148), so
// a UTF-8 file fails to import there. The escapes read back as the same
// text, so offsets do not change.
func newDoccano(w io.Writer, _ Options) Encoder {
	jw := newJSONWriter(w)
	jw.ascii = true
	return &doccanoEncoder{jw}
}

func (e *doccanoEncoder) Encode(d Doc) error {
	_, anns, err := prepare(d)
	if err != nil {
		return e.jw.fail(err)
	}
	line := doccanoLine{ID: d.Article.ID, Text: d.Article.Text, Label: make([][]any, len(anns)),
		Title: d.Article.Title, Source: d.Article.Source, URL: d.Article.URL}
	if layered(anns) {
		line.LabelLayers = make([]string, len(anns))
	}
	for i, a := range anns {
		line.Label[i] = []any{a.Start, a.End, a.Label}
		if line.LabelLayers != nil {
			line.LabelLayers[i] = layerName(a)
		}
	}
	if ls := links(d.Relations, anns); len(ls) > 0 {
		line.Entities = make([]doccanoEntity, len(anns))
		for i, a := range anns {
			line.Entities[i] = doccanoEntity{ID: i, Start: a.Start, End: a.End, Label: a.Label}
		}
		for _, l := range ls {
			line.Relations = append(line.Relations, doccanoRelation{ID: l.ID, FromID: l.from, ToID: l.to, Type: l.Type})
		}
	}
	return e.jw.line(line)
}

func (e *doccanoEncoder) Close() error { return e.jw.err }
