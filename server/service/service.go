// Package service is gloss's application layer: every change, whichever
// door it comes through (the REST API, a live socket, an import, the CLI),
// is decoded, validated and permission-checked here, once, and then handed
// to storage. Handlers and socket pumps stay thin: they parse, call a
// method with the acting user, and answer.
//
// Who may do what is the table in storage/model/perm.go. A project the
// actor is not a member of does not exist for them: every method answers
// ENOTFOUND for it, exactly as for an id that names nothing.
package service

import (
	"sync"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Actor is who acts: the user, and the credential (session or token id)
// the request came with, so that revoking it can close what it opened.
type Actor struct {
	model.User
	Cred string
}

// Owner is the actor of the CLI working on a database file no server
// holds: whoever can open the file owns it, so it acts as an admin, and
// what it writes is recorded under name (the CLI's --author).
func Owner(name string) Actor { return Actor{User: model.User{Name: name, Role: model.RoleAdmin}} }

// Revocation says which live sockets must close, and why (the close
// frame's reason). A socket closes when its user is User (and Creds is
// empty), or when the credential it was opened with is in Creds.
type Revocation struct {
	User  string
	Creds []string
	Why   string
	// Reconnect: the user's rights changed and their sockets may come
	// straight back with the new ones; otherwise the credential is gone.
	Reconnect bool
}

// Hooks are what the service tells the rest of the server.
type Hooks struct {
	// Published is called after a commit that changed an article's
	// annotations: it wakes the article's live room.
	Published func(article uint64)
	// Revoked closes live sockets whose rights are gone.
	Revoked func(Revocation)
	// ArticleChanged is called after an article's status, details or
	// layers changed (submit, reopen, reviewed, an edit): open editors are
	// told, each as its user sees the article.
	ArticleChanged func(article uint64)
	// Imported and Exported count imports and exports (metrics).
	Imported func(articles, annotations int)
	Exported func(format string)
}

// Service is the application layer over one store.
type Service struct {
	store storage.Store
	hooks Hooks

	// projectOf caches each article's project: articles never move.
	mu        sync.RWMutex
	projectOf map[uint64]uint64
	// sitePages caches what each article teaches its site's suggestions.
	sitePages sitePages
}

// New returns a Service over store. Zero hooks do nothing.
func New(store storage.Store, hooks Hooks) *Service {
	if hooks.Published == nil {
		hooks.Published = func(uint64) {}
	}
	if hooks.ArticleChanged == nil {
		hooks.ArticleChanged = func(uint64) {}
	}
	if hooks.Revoked == nil {
		hooks.Revoked = func(Revocation) {}
	}
	if hooks.Imported == nil {
		hooks.Imported = func(int, int) {}
	}
	if hooks.Exported == nil {
		hooks.Exported = func(string) {}
	}
	return &Service{store: store, hooks: hooks, projectOf: map[uint64]uint64{}}
}

// Project returns project id if a may do perm in it.
func (s *Service) Project(a Actor, id uint64, perm model.Permission) (model.Project, error) {
	p, err := s.store.Project(id)
	if err != nil {
		return p, err
	}
	return p, model.Check(a.User, p, perm)
}

// ArticleProject returns the project of article id if a may do perm in
// it; ENOTFOUND for an article of a project a cannot see.
func (s *Service) ArticleProject(a Actor, id uint64, perm model.Permission) (model.Project, error) {
	s.mu.RLock()
	pid, ok := s.projectOf[id]
	s.mu.RUnlock()
	if !ok {
		art, err := s.store.Article(id)
		if err != nil {
			return model.Project{}, err
		}
		pid = art.Project
		s.mu.Lock()
		if len(s.projectOf) > 100_000 {
			s.projectOf = map[uint64]uint64{} // bounded; refilled as used
		}
		s.projectOf[id] = pid
		s.mu.Unlock()
	}
	p, err := s.store.Project(pid)
	if err != nil {
		return p, err
	}
	if err := model.Check(a.User, p, perm); err != nil {
		if model.ErrorCode(err) == model.ENOTFOUND {
			return p, model.Errorf(model.ENOTFOUND, "article %d not found", id)
		}
		return p, err
	}
	return p, nil
}

// Article returns article id with its text if a may see it, as a sees
// it (view).
func (s *Service) Article(a Actor, id uint64) (model.Article, error) {
	p, err := s.ArticleProject(a, id, model.PermView)
	if err != nil {
		return model.Article{}, err
	}
	art, err := s.store.Article(id)
	if err != nil {
		return art, err
	}
	return view(a, p, art), nil
}

// ProjectView is a project as one user sees it: with their role in it and
// what they may do there, so that the editor shows only what works.
type ProjectView struct {
	model.Project
	MyRole model.ProjectRole  `json:"my_role"` // "admin" for a global admin
	Can    []model.Permission `json:"can"`
}

// Projects lists the projects a may see.
func (s *Service) Projects(a Actor) ([]ProjectView, error) {
	ps, err := s.store.Projects()
	if err != nil {
		return nil, err
	}
	out := []ProjectView{}
	for _, p := range ps {
		if !model.Can(a.User, p, model.PermView) {
			continue
		}
		v := ProjectView{Project: p, Can: []model.Permission{}}
		v.MyRole, _ = model.RoleIn(a.User, p)
		for _, g := range model.Grants {
			if model.Can(a.User, p, g.Perm) {
				v.Can = append(v.Can, g.Perm)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// Allowed returns the set of projects in which a may do perm, for
// filtering lists and exports; nil means every project (an admin).
func (s *Service) Allowed(a Actor, perm model.Permission) (map[uint64]bool, error) {
	if a.Role == model.RoleAdmin && !a.Disabled {
		return nil, nil
	}
	ps, err := s.store.Projects()
	if err != nil {
		return nil, err
	}
	set := map[uint64]bool{}
	for _, p := range ps {
		if model.Can(a.User, p, perm) {
			set[p.ID] = true
		}
	}
	return set, nil
}

// Filter narrows f to the projects a may do perm in. When f names a
// project a may not, it answers as for a project that does not exist (or
// EFORBIDDEN when a can see it but lacks perm).
func (s *Service) Filter(a Actor, f storage.ArticleFilter, perm model.Permission) (storage.ArticleFilter, error) {
	if f.Project != 0 {
		if _, err := s.Project(a, f.Project, perm); err != nil {
			return f, err
		}
		return f, nil
	}
	set, err := s.Allowed(a, perm)
	if err != nil {
		return f, err
	}
	f.Projects = set
	return f, nil
}

// DefaultProject picks the project a change names none of: the first one
// in which a may do perm (the default project, for most).
func (s *Service) DefaultProject(a Actor, perm model.Permission) (uint64, error) {
	ps, err := s.store.Projects()
	if err != nil {
		return 0, err
	}
	for _, p := range ps {
		if model.Can(a.User, p, perm) {
			return p.ID, nil
		}
	}
	if len(ps) > 0 {
		return 0, model.Check(a.User, ps[0], perm)
	}
	return 0, model.Errorf(model.ENOTFOUND, "no project")
}

// Snapshot is the store's: the live guard checked the socket's access
// to the layer (ArticleLayer).
func (s *Service) Snapshot(article uint64, layer string) (uint64, []model.Annotation, error) {
	return s.store.Snapshot(article, layer)
}

// State is the store's: a layer's annotations and relations at one
// version (a live welcome); the live guard checked the access.
func (s *Service) State(article uint64, layer string) (storage.State, error) {
	return s.store.State(article, layer)
}

// OpsSince is the store's: the live guard checked the socket's access
// to the layer.
func (s *Service) OpsSince(article uint64, layer string, since uint64, max int) ([]model.Op, bool, error) {
	return s.store.OpsSince(article, layer, since, max)
}

// Length is the article's length in code points.
func (s *Service) Length(article uint64) (int, error) {
	a, err := s.store.Article(article)
	return a.Length, err
}
