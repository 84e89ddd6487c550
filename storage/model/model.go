// Package model holds gloss's domain types: projects and their label
// schemas, articles, annotations, the per-article op log, users, and the
// error type every layer above speaks. It imports only the standard library.
//
// Offsets: Annotation.Start and Annotation.End count Unicode code points
// (Python's str indexing, as spaCy, doccano and Label Studio count), end
// exclusive. Only the browser counts UTF-16 units, and it converts at its
// edge.
package model

import "time"

// Role is a user's role across the whole server: an admin may do
// everything everywhere; a user may do what their role in each project
// lets them (ProjectRole), and sees only the projects they are a member of.
type Role string

// Roles.
const (
	RoleAdmin Role = "admin"
	RoleUser  Role = "user"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleUser }

// ProjectRole is what a member may do in one project (perm.go has the
// table). Roles are ordered: manager > reviewer > annotator.
type ProjectRole string

// Project roles.
const (
	RoleAnnotator ProjectRole = "annotator"
	RoleReviewer  ProjectRole = "reviewer"
	RoleManager   ProjectRole = "manager"
)

// Valid reports whether r is one of the known project roles.
func (r ProjectRole) Valid() bool {
	return r == RoleAnnotator || r == RoleReviewer || r == RoleManager
}

// Member is a user's membership of a project.
type Member struct {
	Name string      `json:"name"`
	Role ProjectRole `json:"role"`
}

// AttrType is the kind of value an annotation attribute holds. Every value
// is stored as a string; the type says which strings are allowed.
type AttrType string

// Attribute types.
const (
	AttrText AttrType = "text" // any string
	AttrEnum AttrType = "enum" // one of AttrSpec.Values
	AttrURL  AttrType = "url"  // an absolute http(s) URL
)

// AttrSpec declares one typed attribute of a label.
type AttrSpec struct {
	Name    string   `json:"name"`
	Type    AttrType `json:"type"`
	Values  []string `json:"values,omitempty"`  // allowed values of an enum
	Default string   `json:"default,omitempty"` // set on create when absent
}

// Label is one span class of a project's schema.
type Label struct {
	Name   string     `json:"name"`
	Color  string     `json:"color"`  // CSS hex colour, e.g. "#d97706"
	Hotkey string     `json:"hotkey"` // one lower-case key, unique within the project
	Attrs  []AttrSpec `json:"attrs"`
}

// Attr returns the spec of the attribute called name.
func (l Label) Attr(name string) (AttrSpec, bool) {
	for _, a := range l.Attrs {
		if a.Name == name {
			return a, true
		}
	}
	return AttrSpec{}, false
}

// Project groups articles under one label schema.
type Project struct {
	ID        uint64    `json:"id"`
	Name      string    `json:"name"`
	Labels    []Label   `json:"labels"`
	CreatedAt time.Time `json:"created_at"`
	// AnnotatorsEditAll lets annotators update and delete others'
	// annotations too (a live review session); on for new projects.
	AnnotatorsEditAll bool     `json:"annotators_edit_all"`
	Members           []Member `json:"members"`
	// Mode is how the project's annotators work: ModeShared (one layer
	// everyone edits live) or ModeIndependent (each annotator a layer of
	// their own per article, blind to the others', and a gold layer that
	// reviewers adjudicate). "" reads as shared.
	Mode Mode `json:"mode"`
	// AnnotatorsPerArticle is how many annotators each article needs
	// (k): it steers assignment and progress, and never refuses a write.
	AnnotatorsPerArticle int `json:"annotators_per_article"`
	// Annotators are the members who are handed articles to annotate in
	// independent mode; empty means every member with the annotator role.
	Annotators []string `json:"annotators"`
	// Relations are the kinds of link between annotations the schema
	// declares (relation.go).
	Relations []RelationType `json:"relations"`
	// ClaimReview says who publishes the project's fact-checks, for the
	// claimreview export; nil when nobody said.
	ClaimReview *ClaimReviewSettings `json:"claimreview,omitempty"`
}

// ClaimReviewSettings name the publisher of a project's fact-checks and
// where each one is read: URLTemplate is the fact-check page's address,
// with {article} and {annotation} standing for the ids (a claim's own
// review_url attribute wins over it).
type ClaimReviewSettings struct {
	Publisher    string `json:"publisher"`
	PublisherURL string `json:"publisher_url,omitempty"`
	URLTemplate  string `json:"url_template,omitempty"`
}

// Mode is how a project's annotators work together.
type Mode string

// Project modes.
const (
	ModeShared      Mode = "shared"
	ModeIndependent Mode = "independent"
)

// Independent reports whether the project works in independent layers.
func (p Project) Independent() bool { return p.Mode == ModeIndependent }

// K is AnnotatorsPerArticle, at least 1.
func (p Project) K() int { return max(p.AnnotatorsPerArticle, 1) }

// Assignees are the members handed articles in independent mode: the
// Annotators list, or else every member with the annotator role.
func (p Project) Assignees() []string {
	if len(p.Annotators) > 0 {
		return p.Annotators
	}
	var out []string
	for _, m := range p.Members {
		if m.Role == RoleAnnotator {
			out = append(out, m.Name)
		}
	}
	return out
}

// Member returns the project role of the user called name.
func (p Project) Member(name string) (ProjectRole, bool) {
	for _, m := range p.Members {
		if m.Name == name {
			return m.Role, true
		}
	}
	return "", false
}

// Label returns the project's label called name (matched exactly).
func (p Project) Label(name string) (Label, bool) {
	for _, l := range p.Labels {
		if l.Name == name {
			return l, true
		}
	}
	return Label{}, false
}

// DefaultProjectName is the name of the project created on first start.
const DefaultProjectName = "Default"

// DefaultLabels is the schema of the project created on first start: the
// three things news text is full of, plus who said a quote.
func DefaultLabels() []Label {
	return []Label{
		{Name: "BOILERPLATE", Color: "#64748b", Hotkey: "b", Attrs: []AttrSpec{}},
		{Name: "QUOTE", Color: "#2563eb", Hotkey: "q", Attrs: []AttrSpec{
			{Name: "speaker", Type: AttrText},
		}},
		{Name: "CLAIM", Color: "#d97706", Hotkey: "c", Attrs: []AttrSpec{
			{Name: "checkworthy", Type: AttrEnum, Values: []string{"yes", "no"}},
			{Name: "verdict", Type: AttrEnum, Values: []string{"unverified", "true", "false", "misleading"}, Default: "unverified"},
			{Name: "evidence", Type: AttrURL},
			{Name: "note", Type: AttrText},
			{Name: "review_url", Type: AttrURL},
		}},
		{Name: "SPEAKER", Color: "#059669", Hotkey: "s", Attrs: []AttrSpec{}},
	}
}

// Status is where an article stands in the annotation workflow.
type Status string

// Article statuses. A shared project's articles go new → in_progress →
// done; an independent project's go new → in_progress → submitted (k
// annotators have submitted their layers) → reviewed (a reviewer
// adjudicated it into gold; locked for annotators until reopened).
const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusSubmitted  Status = "submitted"
	StatusReviewed   Status = "reviewed"
)

// Statuses lists every article status, for messages and the list.
const Statuses = "new, in_progress, done, submitted or reviewed"

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusNew, StatusInProgress, StatusDone, StatusSubmitted, StatusReviewed:
		return true
	}
	return false
}

// Gold is the name of the layer every project has: the shared layer of a
// shared project, the adjudicated one of an independent project. It is
// stored as the empty layer name, and no user may be called it.
const Gold = "gold"

// LayerStatus is where one annotator's layer of an article stands.
type LayerStatus string

// Layer statuses: handed out by assignment, worked on, submitted (locked
// for its annotator until a reviewer reopens it).
const (
	LayerAssigned   LayerStatus = "assigned"
	LayerInProgress LayerStatus = "in_progress"
	LayerSubmitted  LayerStatus = "submitted"
)

// Rejection is a span of the annotators' layers that reviewers left out
// of gold: a note of the review, kept with the article.
type Rejection struct {
	Start int       `json:"start"`
	End   int       `json:"end"`
	Label string    `json:"label"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
}

// Layer is one annotator's layer of an article in an independent
// project: its own annotations, op log and versions.
type Layer struct {
	Name      string      `json:"name"` // the annotator
	Status    LayerStatus `json:"status"`
	Version   uint64      `json:"version"`
	Count     int         `json:"annotations"`
	Assigned  time.Time   `json:"assigned_at"`
	Submitted *time.Time  `json:"submitted_at,omitempty"`
}

// Article is one text to annotate. Its Text never changes once stored:
// annotations stand on it.
type Article struct {
	ID         uint64         `json:"id"`
	Project    uint64         `json:"project"`
	Title      string         `json:"title"`
	Source     string         `json:"source"`
	URL        string         `json:"url"`
	Published  string         `json:"published"` // as given by the source; RFC 3339 or YYYY-MM-DD when set
	ImportedAt time.Time      `json:"imported_at"`
	Status     Status         `json:"status"`
	Text       string         `json:"text,omitempty"` // left out of listings
	Length     int            `json:"length"`         // code points in Text
	Hash       string         `json:"hash"`           // hex SHA-256 of Text: the dedup key within a project
	Meta       map[string]any `json:"meta"`
	Version    uint64         `json:"version"`     // newest op-log version; 0 before the first change
	Count      int            `json:"annotations"` // number of live annotations
	// UpdatedBy and UpdatedAt say who last edited the article's details
	// (title, source, url, published); empty until someone does.
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
	// Layers are the annotators' layers of an independent project's
	// article (never stored in the article's record; read beside it).
	// The service shows each caller only what they may see.
	Layers []Layer `json:"layers,omitempty"`
	// Mine is the caller's own layer of the article (independent
	// projects; nil before they have one). Set by the service.
	Mine *Layer `json:"mine,omitempty"`
	// Relations are the article's relations, read beside it by exports
	// (never stored in the record).
	Relations []Relation `json:"relations,omitempty"`
}

// Annotation is one labeled span of an article.
type Annotation struct {
	ID        uint64            `json:"id"`
	Article   uint64            `json:"article"`
	Layer     string            `json:"layer,omitempty"` // the annotator's layer; "" is the gold (shared) layer
	Start     int               `json:"start"`           // code points, inclusive
	End       int               `json:"end"`             // code points, exclusive
	Label     string            `json:"label"`
	Attrs     map[string]string `json:"attrs"`
	Text      string            `json:"text"`   // the covered substring; derived, never trusted from input
	Author    string            `json:"author"` // who created it
	CreatedAt time.Time         `json:"created_at"`
	UpdatedBy string            `json:"updated_by"` // who changed it last (the author until someone else does)
	UpdatedAt time.Time         `json:"updated_at"`
	Version   uint64            `json:"version"` // op-log version of the last change to it
}

// Action is what an op did to an annotation.
type Action string

// Op actions: annotations are created, updated and deleted; relations
// are made (relate) and removed (unrelate).
const (
	ActionCreate   Action = "create"
	ActionUpdate   Action = "update"
	ActionDelete   Action = "delete"
	ActionRelate   Action = "relate"
	ActionUnrelate Action = "unrelate"
)

// OnRelation reports whether the action changes a relation.
func (a Action) OnRelation() bool { return a == ActionRelate || a == ActionUnrelate }

// Op is one entry of an article's op log: a committed change to one
// annotation. Versions start at 1 and only grow within an article.
type Op struct {
	Version    uint64     `json:"version"`
	Action     Action     `json:"action"`
	Annotation Annotation `json:"annotation,omitzero"` // the state after the change; for a delete, the state before it
	// Relation is a relate's new relation, an unrelate's removed one (the
	// op's Annotation is then zero); nil for an annotation's op.
	Relation *Relation `json:"relation,omitempty"`
	Author   string    `json:"author"`
	OpID     string    `json:"op_id,omitempty"` // the client's id for the op, when it sent one
	At       time.Time `json:"at"`
}

// Change asks for one annotation change. Pointer fields of an update are
// nil when they stay as they are.
type Change struct {
	Action Action
	// RelType, From and To are a relate's: the relation type and the
	// annotations it links (ID names the relation of an unrelate).
	RelType  string
	From, To uint64
	// Layer is the layer changed: "" the gold (shared) one, else an
	// annotator's. The application layer decides it from the project's
	// mode and the actor's role.
	Layer string
	ID    uint64  // update, delete
	Start *int    // create, update
	End   *int    // create, update
	Label *string // create, update
	// Attrs are a create's attributes. In an update they are a merge
	// patch: each key given is set, a key given as "" is removed, keys not
	// given are kept; so two people's edits of different fields both
	// survive.
	Attrs map[string]string
	// IfVersion, when not 0, makes an update or delete conditional: it is
	// refused (ECONFLICT, with the current annotation) unless the
	// annotation's version is still IfVersion.
	IfVersion uint64
	Author    string // who makes the change
	// EditOthers lets Author update and delete annotations someone else
	// created; without it those are refused (EFORBIDDEN). The application
	// layer decides it from the project role; storage enforces it in the
	// transaction that reads the annotation's author.
	EditOthers bool
	OpID       string // optional; a repeated (Author, OpID) returns the first op again
	Applied    time.Time
}

// User is a person or script that may use gloss.
type User struct {
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	Disabled     bool      `json:"disabled"` // may not log in; every credential refused
	PasswordHash []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}
