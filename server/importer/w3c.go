package importer

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

type w3cItem struct {
	ID         string          `json:"id"`
	Motivation string          `json:"motivation"`
	Creator    json.RawMessage `json:"creator"`
	Created    string          `json:"created"`
	Modified   string          `json:"modified"`
	Body       json.RawMessage `json:"body"`
	Target     json.RawMessage `json:"target"`
}

type w3cBody struct {
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Attr    string `json:"gloss:attr"`
}

type w3cTarget struct {
	Source   json.RawMessage `json:"source"`
	Selector json.RawMessage `json:"selector"`
}

type w3cSource struct {
	ID        string         `json:"id"`
	Title     string         `json:"gloss:title"`
	Source    string         `json:"gloss:source"`
	URL       string         `json:"gloss:url"`
	Published string         `json:"gloss:published"`
	Meta      map[string]any `json:"gloss:meta"`
	Text      *string        `json:"gloss:text"`
}

type w3cSelector struct {
	Type   string `json:"type"`
	Start  *int   `json:"start"`
	End    *int   `json:"end"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

type w3cAgent struct {
	Name     string `json:"name"`
	Nickname string `json:"nickname"`
}

// w3cDecoder groups the annotations of a w3c file into articles: an
// annotation whose target source embeds the text (gloss:text) starts one,
// the annotations after it that name the same source belong to it.
type w3cDecoder struct {
	s    *jsonStream
	max  int // Options.MaxSpans
	fn   func(Record) error
	rec  *Record
	iri  string
	ri   *model.RuneIndex
	line int            // where rec started
	ids  map[string]int // rec's annotation ids → their index, for relations
}

func decodeW3C(filename string, r io.Reader, o Options, fn func(Record) error) error {
	d := &w3cDecoder{s: newJSONStream(filename, r), fn: fn, max: o.MaxSpans}
	first, err := d.s.firstByte()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return d.s.fail(err)
	}
	switch first {
	case '[':
		err = d.items()
	case '{':
		err = d.object(true)
	default:
		return model.Errorf(model.EINVALID, "%s: a w3c file holds an AnnotationCollection, an AnnotationPage or an array of annotations", at(filename, 1))
	}
	if err != nil {
		return err
	}
	if err := d.flush(); err != nil {
		return err
	}
	return d.s.end()
}

// object walks a collection (top) or page object, streaming its items and
// skipping its other members.
func (d *w3cDecoder) object(top bool) error {
	s := d.s
	if _, err := s.dec.Token(); err != nil { // {
		return s.fail(err)
	}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return s.fail(err)
		}
		switch key, _ := tok.(string); {
		case key == "items":
			if err := d.items(); err != nil {
				return err
			}
		case key == "first" && top:
			b, err := d.s.peekValue()
			if err != nil {
				return s.fail(err)
			}
			if b != '{' {
				return model.Errorf(model.EINVALID, "%s: the collection's first page is not embedded, so its annotations are not in the file", at(s.filename, s.lr.lineAt(s.offset())))
			}
			if err := d.object(false); err != nil {
				return err
			}
		default:
			s.lr.mark()
			var skip json.RawMessage
			if err := s.dec.Decode(&skip); err != nil {
				return s.fail(err)
			}
		}
	}
	if _, err := s.dec.Token(); err != nil { // }
		return s.fail(err)
	}
	return nil
}

// items streams an array of annotations.
func (d *w3cDecoder) items() error {
	s := d.s
	if b, err := s.peekValue(); err != nil || b != '[' {
		if err != nil {
			return s.fail(err)
		}
		return model.Errorf(model.EINVALID, "%s: items must be an array of annotations", at(s.filename, s.lr.lineAt(s.offset())))
	}
	if _, err := s.dec.Token(); err != nil {
		return s.fail(err)
	}
	for s.dec.More() {
		s.lr.mark()
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return s.fail(err)
		}
		if err := d.item(raw, s.lr.lineAt(s.offset()-int64(len(raw)))); err != nil {
			return err
		}
	}
	if _, err := s.dec.Token(); err != nil {
		return s.fail(err)
	}
	return nil
}

func (d *w3cDecoder) item(raw json.RawMessage, line int) error {
	filename := d.s.filename
	place := at(filename, line)
	var it w3cItem
	if err := unmarshal(filename, line, raw, &it); err != nil {
		return err
	}
	if it.Motivation == "linking" {
		return d.link(it, place)
	}
	var target w3cTarget
	targets, err := oneOrMany[w3cTarget](it.Target)
	if err != nil || len(targets) == 0 || targets[0].Source == nil {
		return model.Errorf(model.EINVALID, "%s: the annotation needs a target with a source and selectors", place)
	}
	target = targets[0]

	// The source: an object embedding the text starts an article.
	var src w3cSource
	if json.Unmarshal(target.Source, &src.ID) != nil {
		if err := unmarshal(filename, line, target.Source, &src); err != nil {
			return err
		}
	}
	if src.Text != nil {
		if err := d.flush(); err != nil {
			return err
		}
		d.rec = &Record{Article: model.Article{Text: *src.Text, Title: src.Title, Source: src.Source,
			URL: src.URL, Published: src.Published, Meta: src.Meta}}
		d.iri, d.line, d.ri, d.ids = src.ID, line, model.NewRuneIndex(*src.Text), map[string]int{}
	} else if d.rec == nil || src.ID != d.iri {
		return model.Errorf(model.EINVALID, "%s: the annotation targets %q, whose text is not in the file (gloss imports w3c files that embed the text, as its w3c export does)", place, src.ID)
	}

	a := model.Annotation{Attrs: map[string]string{}}
	if a.Start, a.End, err = d.anchor(place, target.Selector); err != nil {
		return err
	}
	bodies, err := oneOrMany[w3cBody](it.Body)
	if err != nil {
		return model.Errorf(model.EINVALID, "%s: body: %s", place, err)
	}
	for _, b := range bodies {
		switch {
		case b.Attr != "":
			a.Attrs[b.Attr] = b.Value
		case a.Label == "" && (b.Purpose == "tagging" || b.Purpose == "classifying" || b.Purpose == ""):
			a.Label = b.Value
		}
	}
	if a.Label == "" {
		return model.Errorf(model.EINVALID, "%s: the annotation has no tagging body to take its label from", place)
	}
	a.Author = w3cCreator(it.Creator)
	if err := w3cTimes(place, it, &a.CreatedAt, &a.UpdatedAt); err != nil {
		return err
	}
	if d.max > 0 && len(d.rec.Annotations) >= d.max {
		return model.Errorf(model.ETOOLARGE, "%s: the article has more than %d annotations, the most one may hold", at(d.s.filename, d.line), d.max)
	}
	if _, dup := d.ids[it.ID]; !dup && it.ID != "" {
		d.ids[it.ID] = len(d.rec.Annotations)
	}
	d.rec.Annotations = append(d.rec.Annotations, a)
	return nil
}

// link reads a linking annotation: a relation whose type is its tagging
// body and whose targets are two annotations of the article being read,
// named by id, the start first.
func (d *w3cDecoder) link(it w3cItem, place string) error {
	if d.rec == nil {
		return model.Errorf(model.EINVALID, "%s: a linking annotation before any annotation it could link", place)
	}
	targets, err := oneOrMany[json.RawMessage](it.Target)
	if err != nil || len(targets) != 2 {
		return model.Errorf(model.EINVALID, "%s: a linking annotation needs two targets, the annotations it links (start first)", place)
	}
	var ends [2]int
	for i, raw := range targets {
		var id string
		if json.Unmarshal(raw, &id) != nil {
			var obj struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(raw, &obj) != nil {
				return model.Errorf(model.EINVALID, "%s: target %d is neither an IRI nor an object with an id", place, i+1)
			}
			id = obj.ID
		}
		n, ok := d.ids[id]
		if !ok {
			return model.Errorf(model.EINVALID, "%s: the linking annotation targets %q, which is no annotation of this article before it", place, clip(id, 80))
		}
		ends[i] = n
	}
	bodies, err := oneOrMany[w3cBody](it.Body)
	if err != nil {
		return model.Errorf(model.EINVALID, "%s: body: %s", place, err)
	}
	r := Relation{From: ends[0], To: ends[1], Author: w3cCreator(it.Creator)}
	for _, b := range bodies {
		if b.Purpose == "tagging" || b.Purpose == "" {
			r.Type = b.Value
			break
		}
	}
	if r.Type == "" {
		return model.Errorf(model.EINVALID, "%s: the linking annotation has no tagging body to take its relation type from", place)
	}
	var modified time.Time
	if err := w3cTimes(place, it, &r.CreatedAt, &modified); err != nil {
		return err
	}
	d.rec.Relations = append(d.rec.Relations, r)
	return nil
}

// w3cCreator reads the first creator's name (or nickname).
func w3cCreator(raw json.RawMessage) string {
	agents, err := oneOrMany[json.RawMessage](raw)
	if err != nil || len(agents) == 0 {
		return ""
	}
	var name string
	var ag w3cAgent
	if json.Unmarshal(agents[0], &name) != nil && json.Unmarshal(agents[0], &ag) == nil {
		name = cmpOr(ag.Name, ag.Nickname)
	}
	return name
}

// w3cTimes reads created and modified, to the second.
func w3cTimes(place string, it w3cItem, created, modified *time.Time) error {
	for _, tm := range []struct {
		s   string
		dst *time.Time
	}{{it.Created, created}, {it.Modified, modified}} {
		if tm.s == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, tm.s)
		if err != nil {
			return model.Errorf(model.EINVALID, "%s: %q is not an RFC 3339 time", place, tm.s)
		}
		*tm.dst = t
	}
	return nil
}

// anchor finds the span the selectors point at: the TextPositionSelector
// when it agrees with the TextQuoteSelector (or stands alone), else the
// quote, searched with its prefix and suffix, then alone.
func (d *w3cDecoder) anchor(place string, raw json.RawMessage) (start, end int, err error) {
	sels, err := oneOrMany[w3cSelector](raw)
	if err != nil {
		return 0, 0, model.Errorf(model.EINVALID, "%s: selector: %s", place, err)
	}
	var pos, quote *w3cSelector
	for i := range sels {
		switch sels[i].Type {
		case "TextPositionSelector":
			pos = &sels[i]
		case "TextQuoteSelector":
			quote = &sels[i]
		}
	}
	if pos != nil {
		if pos.Start == nil || pos.End == nil {
			return 0, 0, model.Errorf(model.EINVALID, "%s: a TextPositionSelector needs start and end", place)
		}
		start, end = *pos.Start, *pos.End
		if err := model.ValidateSpan(start, end, d.ri.Len()); err != nil {
			return 0, 0, model.Errorf(model.EINVALID, "%s: %s", place, model.ErrorMessage(err))
		}
		if quote == nil || d.ri.Slice(start, end) == quote.Exact {
			return start, end, nil
		}
	}
	if quote != nil {
		if s, e, ok := findQuote(d.rec.Article.Text, *quote); ok {
			return s, e, nil
		}
		return 0, 0, model.Errorf(model.EINVALID, "%s: the quote %q is not in the text", place, clip(quote.Exact, 60))
	}
	return 0, 0, model.Errorf(model.EINVALID, "%s: the annotation needs a TextPositionSelector or a TextQuoteSelector", place)
}

// findQuote anchors a TextQuoteSelector in text, in code points.
func findQuote(text string, q w3cSelector) (start, end int, ok bool) {
	if q.Exact == "" {
		return 0, 0, false
	}
	b := strings.Index(text, q.Prefix+q.Exact+q.Suffix)
	if b >= 0 {
		b += len(q.Prefix)
	} else if b = strings.Index(text, q.Exact); b < 0 {
		return 0, 0, false
	}
	start = utf8.RuneCountInString(text[:b])
	return start, start + utf8.RuneCountInString(q.Exact), true
}

// flush hands the article read so far to fn.
func (d *w3cDecoder) flush() error {
	if d.rec == nil {
		return nil
	}
	rec := d.rec
	d.rec, d.ri = nil, nil
	if rec.Article.Source == "" {
		rec.Article.Source = d.s.filename
	}
	if err := finish(rec, at(d.s.filename, d.line)); err != nil {
		return err
	}
	return d.fn(*rec)
}

// oneOrMany reads a JSON-LD value that may be one item or an array.
func oneOrMany[T any](raw json.RawMessage) ([]T, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '[' {
		var list []T
		err := json.Unmarshal(raw, &list)
		return list, err
	}
	var one T
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, err
	}
	return []T{one}, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
