package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// AnnotationInput is the one request type of an annotation change: the
// body of POST and PATCH .../annotations, and the "annotation" of a live
// op. Pointers tell a field left out from a zero value.
type AnnotationInput struct {
	ID    uint64  `json:"id"` // live ops name the annotation here; REST in the path
	Start *int    `json:"start"`
	End   *int    `json:"end"`
	Label *string `json:"label"`
	// Attrs is a JSON merge patch in an update: a key given is set, a key
	// given as null (or "") is removed, a key not given is kept.
	Attrs     map[string]*string `json:"attrs"`
	IfVersion uint64             `json:"if_version"`
	OpID      string             `json:"op_id"` // REST only; a live op carries it beside the annotation
}

// MaxOpID bounds an op_id.
const MaxOpID = 128

// DecodeJSON reads one JSON value from body into v strictly: no unknown
// fields, valid UTF-8, nothing after it. The message says where it went
// wrong. Every door decodes its requests with it.
func DecodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return model.Errorf(model.EINVALID, "the request body is empty; send a JSON object")
	}
	if !utf8.Valid(body) {
		return model.Errorf(model.EINVALID, "the request body is not valid UTF-8")
	}
	if err := loneSurrogate(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return model.Errorf(model.EINVALID, "malformed JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te):
			return model.Errorf(model.EINVALID, "field %q must be %s, not %s", te.Field, jsonKind(te.Type), te.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return model.Errorf(model.EINVALID, "malformed JSON: the body ends early")
		default:
			return model.Errorf(model.EINVALID, "malformed JSON: %v", err)
		}
	}
	if dec.More() {
		return model.Errorf(model.EINVALID, "malformed JSON: more than one value in the body")
	}
	return nil
}

// jsonKind names what JSON value a Go type takes, for messages: people
// send JSON, and "uint64" or "map[string]*string" mean nothing to them.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another type"
}

// loneSurrogate refuses a \uD800-\uDFFF escape that is not half of a
// pair: encoding/json would store U+FFFD in its place without a word, and
// the text would no longer be what was sent.
func loneSurrogate(body []byte) error {
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(body) || body[i] != '\\' || body[i+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(body[i+2:i+6]), 16, 32)
		return rune(v), err == nil
	}
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 >= len(body) {
			continue
		}
		if body[i+1] != 'u' {
			i++ // an escaped character, a backslash perhaps: skip it
			continue
		}
		r, ok := hex4(i)
		if !ok {
			continue // the decoder will say what is wrong
		}
		if r >= 0xD800 && r <= 0xDBFF {
			if lo, ok := hex4(i + 6); ok && lo >= 0xDC00 && lo <= 0xDFFF {
				i += 11 // a pair
				continue
			}
		}
		if r >= 0xD800 && r <= 0xDFFF {
			return model.Errorf(model.EINVALID, "malformed JSON at byte %d: \\u%04X is half of a surrogate pair (send the character itself, or both halves)", i, r)
		}
		i += 5
	}
	return nil
}

// ChangeRequest is an annotation change as a door received it, before it
// is decoded: the action, the raw JSON of the annotation (nil for a
// DELETE without a body), the annotation id from a REST path (0 on a
// socket), the op_id and if_version given outside the body (a socket's
// op_id; a DELETE's query).
type ChangeRequest struct {
	Action model.Action
	// Layer is the layer asked for: "" the actor's own default, "gold",
	// or an annotator's name (WriteLayer decides).
	Layer     string
	Body      []byte
	PathID    uint64
	OpID      string
	IfVersion uint64
}

// RelationInput is the one request type of a relation change: the body of
// POST .../relations, and the "relation" of a live relate or unrelate.
type RelationInput struct {
	ID   uint64 `json:"id"` // an unrelate's (REST: in the path)
	Type string `json:"type"`
	From uint64 `json:"from"`
	To   uint64 `json:"to"`
	OpID string `json:"op_id"` // REST only; a live op carries it beside
}

// decodeRelation is DecodeChange for relate and unrelate.
func decodeRelation(r ChangeRequest) (model.Change, error) {
	var in RelationInput
	if len(r.Body) > 0 || r.Action == model.ActionRelate {
		if err := DecodeJSON(r.Body, &in); err != nil {
			return model.Change{}, err
		}
	}
	if r.PathID != 0 {
		if in.ID != 0 && in.ID != r.PathID {
			return model.Change{}, model.Errorf(model.EINVALID, "the body names relation %d, the path %d", in.ID, r.PathID)
		}
		in.ID = r.PathID
	}
	if r.OpID != "" {
		if in.OpID != "" && in.OpID != r.OpID {
			return model.Change{}, model.Errorf(model.EINVALID, "op_id is given twice, differently")
		}
		in.OpID = r.OpID
	}
	if len(in.OpID) > MaxOpID {
		return model.Change{}, model.Errorf(model.EINVALID, "op_id is longer than %d bytes", MaxOpID)
	}
	c := model.Change{Action: r.Action, ID: in.ID, RelType: in.Type, From: in.From, To: in.To, OpID: in.OpID}
	if r.Action == model.ActionRelate {
		if in.ID != 0 {
			return c, model.Errorf(model.EINVALID, "a new relation has no id yet")
		}
		if in.Type == "" || in.From == 0 || in.To == 0 {
			return c, model.Errorf(model.EINVALID, "a relation needs type, from and to (annotation ids)")
		}
		return c, nil
	}
	if in.ID == 0 {
		return c, model.Errorf(model.EINVALID, "an unrelate needs the relation's id")
	}
	if in.Type != "" || in.From != 0 || in.To != 0 {
		return c, model.Errorf(model.EINVALID, "an unrelate takes only the id and op_id")
	}
	return c, nil
}

// DecodeChange turns a request into a model.Change: the one decoding and
// validation of an annotation or relation change, whichever door it came
// through.
func DecodeChange(r ChangeRequest) (model.Change, error) {
	if r.Action.OnRelation() {
		return decodeRelation(r)
	}
	var in AnnotationInput
	if len(r.Body) > 0 || r.Action != model.ActionDelete {
		if err := DecodeJSON(r.Body, &in); err != nil {
			return model.Change{}, err
		}
	}
	if r.PathID != 0 {
		if in.ID != 0 && in.ID != r.PathID {
			return model.Change{}, model.Errorf(model.EINVALID, "the body names annotation %d, the path %d", in.ID, r.PathID)
		}
		in.ID = r.PathID
	}
	if r.OpID != "" {
		if in.OpID != "" && in.OpID != r.OpID {
			return model.Change{}, model.Errorf(model.EINVALID, "op_id is given twice, differently")
		}
		in.OpID = r.OpID
	}
	if r.IfVersion != 0 {
		in.IfVersion = r.IfVersion
	}
	if len(in.OpID) > MaxOpID {
		return model.Change{}, model.Errorf(model.EINVALID, "op_id is longer than %d bytes", MaxOpID)
	}
	c := model.Change{Action: r.Action, ID: in.ID, Start: in.Start, End: in.End, Label: in.Label,
		IfVersion: in.IfVersion, OpID: in.OpID}
	if in.Attrs != nil {
		c.Attrs = make(map[string]string, len(in.Attrs))
		for k, v := range in.Attrs {
			if v != nil {
				c.Attrs[k] = *v
			} else if r.Action == model.ActionUpdate {
				c.Attrs[k] = "" // removes it
			}
		}
	}
	fields := in.Start != nil || in.End != nil || in.Label != nil || in.Attrs != nil
	switch r.Action {
	case model.ActionCreate:
		if in.ID != 0 {
			return c, model.Errorf(model.EINVALID, "a new annotation has no id yet")
		}
		if in.IfVersion != 0 {
			return c, model.Errorf(model.EINVALID, "if_version is for updates and deletes")
		}
		if in.Start == nil || in.End == nil || in.Label == nil {
			return c, model.Errorf(model.EINVALID, "a new annotation needs start, end and label")
		}
	case model.ActionUpdate:
		if in.ID == 0 {
			return c, model.Errorf(model.EINVALID, "an update needs the annotation's id")
		}
		if !fields {
			return c, model.Errorf(model.EINVALID, "nothing to change: send start, end, label or attrs")
		}
	case model.ActionDelete:
		if in.ID == 0 {
			return c, model.Errorf(model.EINVALID, "a delete needs the annotation's id")
		}
		if fields {
			return c, model.Errorf(model.EINVALID, "a delete takes only the id, op_id and if_version")
		}
	default:
		return c, model.Errorf(model.EINVALID, "unknown action %s (create, update, delete, relate or unrelate)", strconv.Quote(string(r.Action)))
	}
	return c, nil
}

// Submit decodes, checks and queues one annotation change by a on an
// article, and returns at once; wait blocks until it has committed (or was
// refused) and returns the op. Changes one caller submits apply in its
// order. The article's live room is woken by the caller that waits (see
// Apply), since a socket has its own way of being acknowledged.
func (s *Service) Submit(a Actor, article uint64, r ChangeRequest) (wait func() (model.Op, error)) {
	c, err := s.prepare(a, article, r)
	if err != nil {
		return func() (model.Op, error) { return model.Op{}, err }
	}
	return s.store.ApplyAsync(article, c)
}

// Apply is Submit and wait, and it wakes the article's live room.
func (s *Service) Apply(a Actor, article uint64, r ChangeRequest) (model.Op, error) {
	op, err := s.Submit(a, article, r)()
	if err != nil {
		return op, err
	}
	s.hooks.Published(article)
	return op, nil
}

// prepare is the check every annotation change passes: decoded, the actor
// a member who may annotate, and whether they may touch others' work.
func (s *Service) prepare(a Actor, article uint64, r ChangeRequest) (model.Change, error) {
	c, err := DecodeChange(r)
	if err != nil {
		return c, err
	}
	if err := s.Authorize(a, article, r.Layer, &c); err != nil {
		return c, err
	}
	return c, nil
}

// Authorize checks that a may make change c on article, in the layer
// asked for (ChangeRequest.Layer), and fills in who makes it and where.
// Changes that did not come in as JSON (label-text, undo of a
// label-text) pass here too.
func (s *Service) Authorize(a Actor, article uint64, layer string, c *model.Change) error {
	p, err := s.ArticleProject(a, article, model.PermAnnotate)
	if err != nil {
		return err
	}
	if c.Layer, err = WriteLayer(a, p, layer); err != nil {
		return err
	}
	if p.Independent() && c.Layer == "" {
		// Gold is adjudicated: reviewers, managers and admins only.
		if err := model.Check(a.User, p, model.PermReview); err != nil {
			return err
		}
	}
	c.Author = a.Name
	// In one's own layer every annotation is one's own.
	c.EditOthers = c.Layer != "" || model.Can(a.User, p, model.PermEditOthers)
	return nil
}

// Relations lists the relations of one layer of an article (layer "" is
// a's default, as for Annotations).
func (s *Service) Relations(a Actor, article uint64, layer string) ([]model.Relation, error) {
	_, l, err := s.ArticleLayer(a, article, layer, model.PermView)
	if err != nil {
		return nil, err
	}
	return s.store.Relations(article, l)
}

// Annotations lists the annotations of one layer of an article (layer ""
// is a's default: gold, or their own in an independent project).
func (s *Service) Annotations(a Actor, article uint64, layer string) ([]model.Annotation, error) {
	_, l, err := s.ArticleLayer(a, article, layer, model.PermView)
	if err != nil {
		return nil, err
	}
	return s.store.Annotations(article, l)
}

// FieldChange is one field's old and new value in a history entry; nil
// stands for "not set" (before a create, after a delete, an attribute
// added or removed).
type FieldChange struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// HistoryEntry is one change of an annotation, from the op log.
type HistoryEntry struct {
	Version uint64                 `json:"version"`
	Action  model.Action           `json:"action"`
	Who     string                 `json:"who"`
	At      string                 `json:"at"`
	Changes map[string]FieldChange `json:"changes"`
}

// History returns every change of one annotation, oldest first, with the
// fields each changed (start, end, label, attrs.NAME).
func (s *Service) History(a Actor, article uint64, layer string, annotation uint64) ([]HistoryEntry, error) {
	_, l, err := s.ArticleLayer(a, article, layer, model.PermView)
	if err != nil {
		return nil, err
	}
	ops, err := s.store.History(article, l, annotation)
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, 0, len(ops))
	var prev *model.Annotation
	for _, op := range ops {
		cur := op.Annotation
		e := HistoryEntry{Version: op.Version, Action: op.Action, Who: op.Author, At: op.At.Format("2006-01-02T15:04:05.000Z07:00")}
		if r := op.Relation; r != nil {
			// A link made or removed: "relation" old → new, as people
			// read it ("said_by 12 → 14").
			fc := FieldChange{New: r.String()}
			if op.Action == model.ActionUnrelate {
				fc = FieldChange{Old: r.String()}
			}
			e.Changes = map[string]FieldChange{"relation": fc}
			out = append(out, e)
			continue
		}
		switch op.Action {
		case model.ActionDelete:
			e.Changes = diff(&cur, nil)
		default:
			e.Changes = diff(prev, &cur)
		}
		out = append(out, e)
		prev = &cur
		if op.Action == model.ActionDelete {
			prev = nil
		}
	}
	return out, nil
}

// diff lists the fields that differ between two states of an annotation;
// nil is "no annotation".
func diff(old, cur *model.Annotation) map[string]FieldChange {
	out := map[string]FieldChange{}
	field := func(name string, get func(*model.Annotation) any) {
		var o, n any
		if old != nil {
			o = get(old)
		}
		if cur != nil {
			n = get(cur)
		}
		if o != n {
			out[name] = FieldChange{Old: o, New: n}
		}
	}
	field("start", func(a *model.Annotation) any { return a.Start })
	field("end", func(a *model.Annotation) any { return a.End })
	field("label", func(a *model.Annotation) any { return a.Label })
	var keys []string
	for _, a := range []*model.Annotation{old, cur} {
		if a != nil {
			for k := range a.Attrs {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		field(fmt.Sprintf("attrs.%s", k), func(a *model.Annotation) any {
			if v, ok := a.Attrs[k]; ok && v != "" {
				return v
			}
			return nil
		})
	}
	return out
}
