package export

import (
	"io"
	"strconv"
	"time"
)

// W3CContext is the JSON-LD context of the Web Annotation vocabulary.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// GlossNS is the namespace of gloss's own terms in w3c exports
// (gloss:text, gloss:attr, ...). JSON-LD processors drop a key whose
// prefix no context declares, so the collection's @context declares it
// after the Web Annotation one (the model allows more contexts than its
// own), and types gloss:meta as a JSON literal (JSON-LD 1.1), since its
// keys are whatever the article's source put there.
const GlossNS = "https://github.com/gloss-dev/gloss#"

// w3cContext is the collection's @context.
const w3cContext = `["` + W3CContext + `",{"@version":1.1,"gloss":"` + GlossNS + `","gloss:meta":{"@type":"@json"}}]`

// quoteContext is how many code points a TextQuoteSelector's prefix and
// suffix hold at most.
const quoteContext = 32

type w3cAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Created    string    `json:"created,omitempty"`
	Modified   string    `json:"modified,omitempty"`
	Layer      string    `json:"gloss:layer,omitempty"` // "" in a gold-only export; the gloss prefix declares it
	Body       []w3cBody `json:"body"`
	Target     w3cTarget `json:"target"`
}

// w3cLink is a relation: a linking annotation whose body is the relation
// type and whose targets are its two annotations, the start first.
type w3cLink struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"` // "linking"
	Creator    *w3cAgent `json:"creator,omitempty"`
	Created    string    `json:"created,omitempty"`
	Layer      string    `json:"gloss:layer,omitempty"`
	Body       []w3cBody `json:"body"`
	Target     []string  `json:"target"`
}

type w3cAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type w3cBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Attr    string `json:"gloss:attr,omitempty"`
}

type w3cTarget struct {
	Source   any   `json:"source"` // a w3cSource on an article's first annotation, else its IRI
	Selector []any `json:"selector"`
}

// w3cSource describes the article, text included, once per article.
type w3cSource struct {
	ID        string         `json:"id"`
	Type      string         `json:"type"`
	Format    string         `json:"format"`
	Title     string         `json:"gloss:title,omitempty"`
	Source    string         `json:"gloss:source,omitempty"`
	URL       string         `json:"gloss:url,omitempty"`
	Published string         `json:"gloss:published,omitempty"`
	Meta      map[string]any `json:"gloss:meta,omitempty"`
	Text      string         `json:"gloss:text"`
}

type w3cPosition struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type w3cQuote struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type w3cEncoder struct {
	aw   *arrayWriter
	base string
}

const w3cOpen = `{"@context":` + w3cContext + `,"type":"AnnotationCollection","label":"gloss export","first":{"type":"AnnotationPage","startIndex":0,"items":[`

func newW3C(w io.Writer, opt Options) Encoder {
	return &w3cEncoder{aw: newArrayWriter(w, w3cOpen), base: opt.BaseURL}
}

func (e *w3cEncoder) Encode(d Doc) error {
	ri, anns, err := prepare(d)
	if err != nil {
		return e.aw.fail(err)
	}
	art := d.Article
	iri := articleIRI(art, e.base)
	ids := make([]string, len(anns))
	for i, a := range anns {
		ids[i] = annotationIRI(art, a, i, e.base)
		item := w3cAnnotation{
			ID:         ids[i],
			Type:       "Annotation",
			Motivation: "tagging",
			Created:    w3cTime(a.CreatedAt),
			Modified:   w3cTime(a.UpdatedAt),
			Layer:      a.Layer,
			Body:       []w3cBody{{Type: "TextualBody", Purpose: "tagging", Value: a.Label}},
			Target: w3cTarget{Source: iri, Selector: []any{
				w3cPosition{Type: "TextPositionSelector", Start: a.Start, End: a.End},
				w3cQuote{Type: "TextQuoteSelector", Exact: a.Text,
					Prefix: ri.Slice(max(0, a.Start-quoteContext), a.Start),
					Suffix: ri.Slice(a.End, min(ri.Len(), a.End+quoteContext))},
			}},
		}
		if a.Author != "" {
			item.Creator = &w3cAgent{Type: "Person", Name: a.Author}
		}
		for _, name := range attrNames(d.Project, a.Label, a.Attrs) {
			item.Body = append(item.Body, w3cBody{Type: "TextualBody", Purpose: "describing", Value: a.Attrs[name], Attr: name})
		}
		if i == 0 {
			item.Target.Source = w3cSource{ID: iri, Type: "Text", Format: "text/plain",
				Title: art.Title, Source: art.Source, URL: art.URL, Published: art.Published, Meta: art.Meta, Text: art.Text}
		}
		if err := e.aw.elem(item); err != nil {
			return err
		}
	}
	// Relations follow the annotations they link, so that a reader meets
	// both ends first.
	for i, l := range links(d.Relations, anns) {
		item := w3cLink{ID: relationIRI(art, l.Relation, i, e.base), Type: "Annotation", Motivation: "linking",
			Created: w3cTime(l.CreatedAt), Layer: l.Layer,
			Body:   []w3cBody{{Type: "TextualBody", Purpose: "tagging", Value: l.Type}},
			Target: []string{ids[l.from], ids[l.to]}}
		if l.Author != "" {
			item.Creator = &w3cAgent{Type: "Person", Name: l.Author}
		}
		if err := e.aw.elem(item); err != nil {
			return err
		}
	}
	return nil
}

func (e *w3cEncoder) Close() error {
	return e.aw.close(`},"total":` + strconv.Itoa(e.aw.n) + `}`)
}

// w3cTime formats t as xsd:dateTime in UTC to the second; "" for zero.
func w3cTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
