// Package live keeps every browser on an article in sync over websockets.
//
// One room per article, owned by one goroutine, holds its clients; each
// client has a read pump and a write pump (gorilla's chat example). The
// article's op log in storage is the source of truth: a committed change
// only wakes the room ("article N has new ops"), and the room reads the log
// from the last version it delivered. So every client sees every op once,
// in version order, whichever socket, REST call or import made it, and the
// fan-out between servers needs to carry nothing but those wake-ups
// (Notifier).
//
// A client's own op comes back to it as an "ack" in its place in that
// order, to everyone else as an "op". Versions a client sees are therefore
// contiguous: the last one is what it sends as "since" when it reconnects.
package live

import (
	"encoding/json"
	"errors"

	"github.com/gloss-dev/gloss/storage/model"
)

// Message types.
const (
	TypeHello    = "hello"
	TypeWelcome  = "welcome"
	TypeOps      = "ops"
	TypeOp       = "op"
	TypeAck      = "ack"
	TypePresence = "presence"
	TypeError    = "error"
	TypeArticle  = "article"
)

// ArticleMessage says that the article's status, details or layers
// changed, with the article (without its text) as the receiver sees it.
type ArticleMessage struct {
	Type    string        `json:"type"`
	Article model.Article `json:"article"`
}

// Span is a selection in code points.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// AnnotationFields is what a Go client (tests, gloss bench) puts in an
// op's annotation. It only encodes: the server decodes every op with
// service.DecodeChange, the decoder of REST's annotation bodies too.
type AnnotationFields struct {
	ID        uint64            `json:"id,omitempty"`
	Start     *int              `json:"start,omitempty"`
	End       *int              `json:"end,omitempty"`
	Label     *string           `json:"label,omitempty"`
	Attrs     map[string]string `json:"attrs,omitempty"`
	IfVersion uint64            `json:"if_version,omitempty"`
}

// RelationFields is what a Go client puts in a relate or unrelate op.
type RelationFields struct {
	ID   uint64 `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
	From uint64 `json:"from,omitempty"`
	To   uint64 `json:"to,omitempty"`
}

// Encode returns f (AnnotationFields or RelationFields) as an op's
// annotation or relation.
func Encode[F AnnotationFields | RelationFields](f F) json.RawMessage { return mustJSON(f) }

// ClientMessage is any message a client sends.
type ClientMessage struct {
	Type       string          `json:"type"`
	Since      uint64          `json:"since,omitempty"`      // hello
	OpID       string          `json:"op_id,omitempty"`      // op
	Action     model.Action    `json:"action,omitempty"`     // op
	Annotation json.RawMessage `json:"annotation,omitempty"` // op: service.AnnotationInput, decoded by the service
	Relation   json.RawMessage `json:"relation,omitempty"`   // relate/unrelate op: service.RelationInput
	Selection  *Span           `json:"selection"`            // presence; null clears
}

// User is a member of a room as others see it.
type User struct {
	Name      string `json:"name"`
	Color     string `json:"color"`
	Selection *Span  `json:"selection"`
}

// Welcome answers hello: the full state, or (when the client's since is
// recent) only the version, followed by an Ops message.
type Welcome struct {
	Type    string `json:"type"`
	Version uint64 `json:"version"`
	You     User   `json:"you"`
	// Annotations is the full state; nil (left out) when an Ops catch-up
	// follows instead. A pointer, so that an empty state is still sent.
	Annotations *[]model.Annotation `json:"annotations,omitempty"`
	// Relations come with the full state.
	Relations *[]model.Relation `json:"relations,omitempty"`
}

// OpMessage is one committed change: "op" to others, "ack" (with the
// sender's op_id) to the sender. An annotation's op (create, update,
// delete) carries the annotation; a relation's (relate, unrelate) the
// relation instead.
type OpMessage struct {
	Type       string           `json:"type"`
	OpID       string           `json:"op_id,omitempty"`
	Version    uint64           `json:"version"`
	Action     model.Action     `json:"action"`
	Annotation model.Annotation `json:"annotation,omitzero"`
	Relation   *model.Relation  `json:"relation,omitempty"`
	Author     string           `json:"author"`
}

// Ops is a catch-up: everything after the client's since, oldest first.
type Ops struct {
	Type string      `json:"type"`
	Ops  []OpMessage `json:"ops"`
}

// Presence lists who is on the article.
type Presence struct {
	Type  string `json:"type"`
	Users []User `json:"users"`
}

// Error refuses one op, or the connection's last message. Code is the
// error's kind (invalid, not_found, conflict, forbidden, ...: the codes of
// storage/model, the same that REST maps to statuses). A conflict over a
// conditional change carries the annotation as it now stands.
type Error struct {
	Type       string            `json:"type"`
	OpID       string            `json:"op_id,omitempty"`
	Code       string            `json:"code,omitempty"`
	Error      string            `json:"error"`
	Annotation *model.Annotation `json:"annotation,omitempty"`
}

func errorMessage(opID string, err error) Error {
	e := Error{Type: TypeError, OpID: opID, Code: model.ErrorCode(err), Error: model.ErrorMessage(err)}
	var me *model.Error
	if errors.As(err, &me) {
		e.Annotation = me.Current
	}
	return e
}

func opMessage(typ string, op model.Op) OpMessage {
	m := OpMessage{Type: typ, Version: op.Version, Action: op.Action, Annotation: op.Annotation, Relation: op.Relation, Author: op.Author}
	if typ == TypeAck {
		m.OpID = op.OpID
	}
	return m
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own types are marshalled
	}
	return b
}

// palette gives each user a stable colour, distinct from the label colours
// and dark enough for the white initials of their avatar (4.5:1 or more).
var palette = []string{"#e11d48", "#7c3aed", "#0e7490", "#4d7c0f", "#c2410c", "#be185d", "#4f46e5", "#0f766e"}

// ColorOf returns the presence colour of a user name.
func ColorOf(name string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(name); i++ {
		h = (h ^ uint32(name[i])) * 16777619
	}
	return palette[h%uint32(len(palette))]
}
