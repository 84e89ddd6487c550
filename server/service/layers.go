package service

import (
	"slices"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Layers. A shared project has one layer, gold (stored as ""), that
// everyone edits live. An independent project has a layer per annotator
// per article, blind to the others, and the gold layer that reviewers
// adjudicate: an annotator sees and changes only their own; a reviewer,
// manager or admin works in gold and may read every layer. Every read and
// change of annotations names its layer through ReadLayer or WriteLayer,
// so there is one place that says who sees what.

// ReadLayer resolves the layer a asks to read in p: want is "" (their
// default), "gold", or an annotator's name. It returns the stored layer
// name ("" for gold).
func ReadLayer(a Actor, p model.Project, want string) (string, error) {
	if !p.Independent() {
		if want != "" && want != model.Gold {
			return "", model.Errorf(model.EINVALID, "project %q works in one shared layer; there is no layer %q", p.Name, want)
		}
		return "", nil
	}
	if model.Can(a.User, p, model.PermReview) {
		if want == model.Gold {
			return "", nil
		}
		return want, nil
	}
	if want == "" || want == a.Name {
		return a.Name, nil
	}
	return "", model.Errorf(model.EFORBIDDEN, "project %q is annotated blind (independent mode): you see only your own layer, not %q", p.Name, want)
}

// WriteLayer resolves the layer a's change goes to: as ReadLayer, except
// that nobody changes another annotator's layer (a reviewer accepts its
// spans into gold instead).
func WriteLayer(a Actor, p model.Project, want string) (string, error) {
	l, err := ReadLayer(a, p, want)
	if err != nil {
		return "", err
	}
	if l != "" && l != a.Name {
		return "", model.Errorf(model.EFORBIDDEN, "%q's layer is theirs alone: accept its spans into gold instead", l)
	}
	return l, nil
}

// ArticleLayer checks that a may do perm on article and read its layer
// want, and returns the project and the stored layer name.
func (s *Service) ArticleLayer(a Actor, article uint64, want string, perm model.Permission) (model.Project, string, error) {
	p, err := s.ArticleProject(a, article, perm)
	if err != nil {
		return p, "", err
	}
	l, err := ReadLayer(a, p, want)
	return p, l, err
}

// view is an article as a sees it: in an independent project an
// annotator sees their own layer's count and status, never the others'
// nor gold's; Mine is the caller's own layer there.
func view(a Actor, p model.Project, art model.Article) model.Article {
	if !p.Independent() {
		art.Layers = nil
		return art
	}
	i := slices.IndexFunc(art.Layers, func(l model.Layer) bool { return l.Name == a.Name })
	if i >= 0 {
		mine := art.Layers[i]
		art.Mine = &mine
	}
	if model.Can(a.User, p, model.PermReview) {
		if art.Layers == nil {
			art.Layers = []model.Layer{}
		}
		return art
	}
	art.Layers = nil
	art.Count, art.Version = 0, 0
	if art.Mine != nil {
		art.Count, art.Version = art.Mine.Count, art.Mine.Version
	}
	return art
}

// Articles lists one page of the articles a may see that pass f.
func (s *Service) Articles(a Actor, f storage.ArticleFilter) ([]model.Article, int, error) {
	f, err := s.Filter(a, f, model.PermView)
	if err != nil {
		return nil, 0, err
	}
	as, total, err := s.store.Articles(f)
	if err != nil {
		return nil, 0, err
	}
	ps := map[uint64]model.Project{}
	for i, art := range as {
		p, ok := ps[art.Project]
		if !ok {
			if p, err = s.store.Project(art.Project); err != nil {
				return nil, 0, err
			}
			ps[art.Project] = p
		}
		as[i] = view(a, p, art)
	}
	return as, total, nil
}

// SubmitLayer submits a's layer of an article in an independent project:
// it is locked for them until a reviewer reopens it.
func (s *Service) SubmitLayer(a Actor, article uint64) (model.Article, error) {
	p, err := s.ArticleProject(a, article, model.PermAnnotate)
	if err != nil {
		return model.Article{}, err
	}
	if !p.Independent() {
		return model.Article{}, model.Errorf(model.EINVALID, "project %q works in one shared layer: there is nothing to submit; mark the article done instead", p.Name)
	}
	if _, _, err := s.store.SubmitLayer(article, a.Name, p.K()); err != nil {
		return model.Article{}, err
	}
	s.hooks.ArticleChanged(article)
	return s.Article(a, article)
}

// ReopenLayer gives name's submitted layer back to them (reviewers).
func (s *Service) ReopenLayer(a Actor, article uint64, name string) (model.Article, error) {
	p, err := s.ArticleProject(a, article, model.PermReview)
	if err != nil {
		return model.Article{}, err
	}
	if !p.Independent() {
		return model.Article{}, model.Errorf(model.EINVALID, "project %q works in one shared layer: there are no layers to reopen", p.Name)
	}
	if _, _, err := s.store.ReopenLayer(article, name, p.K()); err != nil {
		return model.Article{}, err
	}
	s.hooks.ArticleChanged(article)
	return s.Article(a, article)
}

// Next hands a their next article after the one they are on: in an
// independent project by assignment (Assign), in a shared one the next
// article in id order that is not done.
func (s *Service) Next(a Actor, after uint64) (model.Article, error) {
	p, err := s.ArticleProject(a, after, model.PermView)
	if err != nil {
		return model.Article{}, err
	}
	if !p.Independent() || model.Can(a.User, p, model.PermReview) && !slices.Contains(p.Assignees(), a.Name) {
		next, err := s.store.NextArticle(p.ID, after)
		if err != nil {
			return next, err
		}
		return view(a, p, next), nil
	}
	return s.Assign(a, p.ID)
}

// Assign hands a their next article to annotate in an independent
// project: the one they have unfinished, else one fewest annotators hold
// (fewer than k) that they never had.
func (s *Service) Assign(a Actor, project uint64) (model.Article, error) {
	p, err := s.Project(a, project, model.PermAnnotate)
	if err != nil {
		return model.Article{}, err
	}
	if !p.Independent() {
		return model.Article{}, model.Errorf(model.EINVALID, "project %q works in one shared layer: articles are not assigned", p.Name)
	}
	if !slices.Contains(p.Assignees(), a.Name) {
		return model.Article{}, model.Errorf(model.EFORBIDDEN, "you are not one of project %q's annotators (a manager chooses them in the project's settings); open any article to annotate it", p.Name)
	}
	art, err := s.store.Assign(project, a.Name, p.K())
	if err != nil {
		return art, err
	}
	return view(a, p, art), nil
}

// SetStatus sets an article's status. In an independent project,
// "reviewed" and going back from it take the reviewer role.
func (s *Service) SetStatus(a Actor, article uint64, st model.Status) (model.Article, error) {
	p, err := s.ArticleProject(a, article, model.PermSetStatus)
	if err != nil {
		return model.Article{}, err
	}
	if st == model.StatusReviewed || st == model.StatusSubmitted {
		if err := model.Check(a.User, p, model.PermReview); err != nil {
			return model.Article{}, err
		}
	}
	art, err := s.store.SetStatus(article, st)
	if err != nil {
		return art, err
	}
	s.hooks.ArticleChanged(article)
	return view(a, p, art), nil
}

// EditArticle changes an article's title, source, URL or published date
// (whoever may add articles: reviewers, managers, admins), recorded as
// theirs.
func (s *Service) EditArticle(a Actor, article uint64, e storage.ArticleEdit) (model.Article, error) {
	p, err := s.ArticleProject(a, article, model.PermAddArticles)
	if err != nil {
		return model.Article{}, err
	}
	e.By = a.Name
	art, err := s.store.EditArticle(article, e)
	if err != nil {
		return art, err
	}
	s.hooks.ArticleChanged(article)
	return view(a, p, art), nil
}

// ArticleView is article as a sees it, without its text: what a live
// "article" message carries when the article's status, details or layers
// change. The socket's access was checked when it opened.
func (s *Service) ArticleView(a Actor, article uint64) (model.Article, error) {
	art, err := s.Article(a, article)
	art.Text = ""
	return art, err
}
