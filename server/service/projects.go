package service

import (
	"slices"

	"github.com/gloss-dev/gloss/storage/model"
)

// NewProject is the body of POST /api/projects.
type NewProject struct {
	Name   string        `json:"name"`
	Labels []model.Label `json:"labels"`
	// AnnotatorsEditAll defaults to true: a new project is for a live
	// review session until a manager says otherwise.
	AnnotatorsEditAll *bool          `json:"annotators_edit_all"`
	Members           []model.Member `json:"members"`
	// Mode, AnnotatorsPerArticle and Annotators: see model.Project;
	// shared, 1 and every annotator when left out.
	Mode                 model.Mode `json:"mode"`
	AnnotatorsPerArticle int        `json:"annotators_per_article"`
	Annotators           []string   `json:"annotators"`
	// Relations are the schema's relation types (none when left out).
	Relations []model.RelationType `json:"relations"`
}

// CreateProject makes a project (admins only).
func (s *Service) CreateProject(a Actor, in NewProject) (model.Project, error) {
	if err := requireAdmin(a, "create projects"); err != nil {
		return model.Project{}, err
	}
	p := model.Project{Name: in.Name, Labels: in.Labels, AnnotatorsEditAll: true, Members: in.Members,
		Mode: in.Mode, AnnotatorsPerArticle: in.AnnotatorsPerArticle, Relations: in.Relations}
	if p.Mode == "" {
		p.Mode = model.ModeShared
	}
	if p.AnnotatorsPerArticle == 0 {
		p.AnnotatorsPerArticle = 1
	}
	if in.AnnotatorsEditAll != nil {
		p.AnnotatorsEditAll = *in.AnnotatorsEditAll
	}
	if p.Members == nil {
		p.Members = []model.Member{}
	}
	if err := model.ValidateProject(p); err != nil {
		return p, err // before anything is created
	}
	created, err := s.store.CreateProject(p)
	if err != nil || len(p.Members) == 0 && len(in.Annotators) == 0 {
		return created, err
	}
	// Members are checked against the users by UpdateProject.
	return s.store.UpdateProject(created.ID, func(q *model.Project) error {
		q.Members, q.Annotators = p.Members, in.Annotators
		return nil
	})
}

// ProjectPatch is the body of PATCH /api/projects/:id; nil fields stay.
type ProjectPatch struct {
	Name                 *string               `json:"name"`
	Labels               []model.Label         `json:"labels"`
	AnnotatorsEditAll    *bool                 `json:"annotators_edit_all"`
	Mode                 *model.Mode           `json:"mode"`
	AnnotatorsPerArticle *int                  `json:"annotators_per_article"`
	Annotators           *[]string             `json:"annotators"`
	Relations            *[]model.RelationType `json:"relations"`
	// ClaimReview sets the publisher of the project's fact-checks; an
	// empty publisher removes it.
	ClaimReview *model.ClaimReviewSettings `json:"claimreview"`
}

// UpdateProject changes a project's name, settings or label schema
// (managers and admins). A schema change that removes a label or an
// attribute value still in use is refused by storage.
func (s *Service) UpdateProject(a Actor, id uint64, in ProjectPatch) (model.Project, error) {
	if _, err := s.Project(a, id, model.PermEditProject); err != nil {
		return model.Project{}, err
	}
	if in.Name == nil && in.Labels == nil && in.AnnotatorsEditAll == nil && in.Mode == nil && in.AnnotatorsPerArticle == nil && in.Annotators == nil && in.Relations == nil && in.ClaimReview == nil {
		return model.Project{}, model.Errorf(model.EINVALID, "nothing to change: send name, labels, relations, annotators_edit_all, mode, annotators_per_article, annotators or claimreview")
	}
	if in.AnnotatorsPerArticle != nil && *in.AnnotatorsPerArticle == 0 {
		return model.Project{}, model.Errorf(model.EINVALID, "annotators_per_article must be 1 to 50, not 0")
	}
	p, err := s.store.UpdateProject(id, func(p *model.Project) error {
		if in.Name != nil {
			p.Name = *in.Name
		}
		if in.Labels != nil {
			p.Labels = in.Labels
		}
		if in.AnnotatorsEditAll != nil {
			p.AnnotatorsEditAll = *in.AnnotatorsEditAll
		}
		if in.Mode != nil {
			p.Mode = *in.Mode
		}
		if in.AnnotatorsPerArticle != nil {
			p.AnnotatorsPerArticle = *in.AnnotatorsPerArticle
		}
		if in.Annotators != nil {
			p.Annotators = *in.Annotators
		}
		if in.Relations != nil {
			p.Relations = *in.Relations
		}
		if in.ClaimReview != nil {
			p.ClaimReview = in.ClaimReview
			if in.ClaimReview.Publisher == "" && in.ClaimReview.PublisherURL == "" && in.ClaimReview.URLTemplate == "" {
				p.ClaimReview = nil
			}
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	if in.Mode != nil {
		// What everyone sees changed: every member's sockets reconnect to
		// the layer they now work in.
		for _, m := range p.Members {
			s.hooks.Revoked(Revocation{User: m.Name, Why: "the project's mode changed", Reconnect: true})
		}
	} else if in.AnnotatorsEditAll != nil {
		// Annotators' rights changed; their live sockets take the new
		// ones on reconnecting.
		for _, m := range p.Members {
			if m.Role == model.RoleAnnotator {
				s.hooks.Revoked(Revocation{User: m.Name, Why: "the project's permissions changed", Reconnect: true})
			}
		}
	}
	return p, nil
}

// Members lists a project's members (anyone who may see the project).
func (s *Service) Members(a Actor, id uint64) ([]model.Member, error) {
	p, err := s.Project(a, id, model.PermView)
	if err != nil {
		return nil, err
	}
	if p.Members == nil {
		return []model.Member{}, nil
	}
	return p.Members, nil
}

// SetMembers replaces a project's member list (managers and admins). A
// manager may not take their own manager role away (another manager or an
// admin can). Whoever lost a membership or changed role has their live
// sockets closed, so that they reconnect with their new rights.
func (s *Service) SetMembers(a Actor, id uint64, ms []model.Member) ([]model.Member, error) {
	old, err := s.Project(a, id, model.PermManageMembers)
	if err != nil {
		return nil, err
	}
	if a.Role != model.RoleAdmin {
		if r, _ := (model.Project{Members: ms}).Member(a.Name); r != model.RoleManager {
			return nil, model.Errorf(model.EINVALID, "you may not remove your own manager role: another manager or an admin can")
		}
	}
	if ms == nil {
		ms = []model.Member{}
	}
	p, err := s.store.UpdateProject(id, func(p *model.Project) error {
		p.Members = ms
		// Who is no longer a member no longer annotates.
		p.Annotators = slices.DeleteFunc(p.Annotators, func(n string) bool { _, ok := p.Member(n); return !ok })
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, m := range old.Members {
		if r, ok := p.Member(m.Name); !ok || r != m.Role {
			s.hooks.Revoked(Revocation{User: m.Name, Why: "your role in project " + p.Name + " changed", Reconnect: true})
		}
	}
	return p.Members, nil
}
