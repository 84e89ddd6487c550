package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RelationType is one kind of link a project's schema declares between
// two annotations: from a span of one of From's labels to a span of one
// of To's, e.g. said_by QUOTE → SPEAKER.
type RelationType struct {
	Name string   `json:"name"`
	From []string `json:"from"` // labels a relation may start at
	To   []string `json:"to"`   // labels it may point to
	// Fill, when set, names a text attribute of the From span that
	// linking sets to the To span's text: said_by fills a QUOTE's
	// speaker with the SPEAKER's words.
	Fill string `json:"fill,omitempty"`
}

// DefaultRelations are the relation types of the project created on
// first start.
func DefaultRelations() []RelationType {
	return []RelationType{
		{Name: "said_by", From: []string{"QUOTE"}, To: []string{"SPEAKER"}, Fill: "speaker"},
		{Name: "supported_by", From: []string{"CLAIM"}, To: []string{"QUOTE", "CLAIM"}},
	}
}

// RelationType returns the project's relation type called name.
func (p Project) RelationType(name string) (RelationType, bool) {
	for _, r := range p.Relations {
		if r.Name == name {
			return r, true
		}
	}
	return RelationType{}, false
}

// Relation links two annotations of one layer of an article. It lives as
// long as both ends do: deleting either end deletes it.
type Relation struct {
	ID        uint64    `json:"id"`
	Article   uint64    `json:"article"`
	Layer     string    `json:"layer,omitempty"`
	Type      string    `json:"type"`
	From      uint64    `json:"from"`
	To        uint64    `json:"to"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
	Version   uint64    `json:"version"`
}

// validateRelations checks a schema's relation types against its labels.
func validateRelations(p Project) error {
	seen := map[string]bool{}
	for _, r := range p.Relations {
		if !labelName.MatchString(r.Name) {
			return Errorf(EINVALID, "relation name %q must start with a letter and hold only letters, digits, _ and - (at most 32)", r.Name)
		}
		if seen[r.Name] {
			return Errorf(EINVALID, "relation %s is declared twice", r.Name)
		}
		seen[r.Name] = true
		if len(r.From) == 0 || len(r.To) == 0 {
			return Errorf(EINVALID, "relation %s needs from and to labels", r.Name)
		}
		for _, l := range slices.Concat(r.From, r.To) {
			if _, ok := p.Label(l); !ok {
				return Errorf(EINVALID, "relation %s names label %q, which the project does not have", r.Name, l)
			}
		}
		if r.Fill != "" {
			for _, l := range r.From {
				lb, _ := p.Label(l)
				if a, ok := lb.Attr(r.Fill); !ok || a.Type != AttrText {
					return Errorf(EINVALID, "relation %s fills %q, which label %s has no text attribute of", r.Name, r.Fill, l)
				}
			}
		}
	}
	return nil
}

// CheckRelation checks that a relation of type name may link from to to.
func CheckRelation(p Project, name string, from, to Annotation) (RelationType, error) {
	rt, ok := p.RelationType(name)
	if !ok {
		var names []string
		for _, r := range p.Relations {
			names = append(names, r.Name)
		}
		if len(names) == 0 {
			return rt, Errorf(EINVALID, "project %q declares no relation types", p.Name)
		}
		return rt, Errorf(EINVALID, "unknown relation type %q in project %q (%s)", name, p.Name, strings.Join(names, ", "))
	}
	if from.ID == to.ID {
		return rt, Errorf(EINVALID, "a relation links two different annotations")
	}
	if !slices.Contains(rt.From, from.Label) {
		return rt, Errorf(EINVALID, "%s starts at a %s, not a %s", rt.Name, strings.Join(rt.From, " or "), from.Label)
	}
	if !slices.Contains(rt.To, to.Label) {
		return rt, Errorf(EINVALID, "%s points to a %s, not a %s", rt.Name, strings.Join(rt.To, " or "), to.Label)
	}
	return rt, nil
}

// String names a relation for messages.
func (r Relation) String() string {
	return fmt.Sprintf("%s %d → %d", r.Type, r.From, r.To)
}
