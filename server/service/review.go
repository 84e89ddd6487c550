package service

import (
	"fmt"
	"maps"
	"slices"

	"github.com/gloss-dev/gloss/storage/model"
)

// LayerView is one annotator's layer as a reviewer reads it.
type LayerView struct {
	model.Layer
	Annotations []model.Annotation `json:"spans"`
	Relations   []model.Relation   `json:"relations"`
}

// ReviewView is GET /api/articles/:id/review: everything a reviewer
// adjudicates an article from, read for them in one call. Gold itself
// comes over the live socket, as in the editor.
type ReviewView struct {
	Article  model.Article     `json:"article"`
	Layers   []LayerView       `json:"layers"`
	Rejected []model.Rejection `json:"rejected"`
}

// Review gathers an independent article's annotator layers (every one,
// with its status: the editor shows the submitted ones) and the spans
// reviewers rejected. Reviewers, managers and admins only.
func (s *Service) Review(a Actor, article uint64) (ReviewView, error) {
	p, err := s.ArticleProject(a, article, model.PermReview)
	if err != nil {
		return ReviewView{}, err
	}
	if !p.Independent() {
		return ReviewView{}, model.Errorf(model.EINVALID, "project %q works in one shared layer: there are no annotators' layers to review", p.Name)
	}
	art, err := s.store.Article(article)
	if err != nil {
		return ReviewView{}, err
	}
	v := ReviewView{Article: view(a, p, art), Layers: []LayerView{}}
	v.Article.Text = art.Text
	for _, l := range art.Layers {
		st, err := s.store.State(article, l.Name)
		if err != nil {
			return v, err
		}
		v.Layers = append(v.Layers, LayerView{Layer: l, Annotations: st.Annotations, Relations: st.Relations})
	}
	if v.Rejected, err = s.store.Rejections(article); err != nil {
		return v, err
	}
	return v, nil
}

// Reject records that reviewers leave a span (start, end, label) of the
// annotators' layers out of gold; undo removes the record. Nothing of
// any layer changes: it is the review's note, so that two reviewers
// adjudicating together see what is decided.
func (s *Service) Reject(a Actor, article uint64, r model.Rejection, undo bool) ([]model.Rejection, error) {
	p, err := s.ArticleProject(a, article, model.PermReview)
	if err != nil {
		return nil, err
	}
	if _, ok := p.Label(r.Label); !ok {
		return nil, model.Errorf(model.EINVALID, "unknown label %q in project %q", r.Label, p.Name)
	}
	if r.Start < 0 || r.End <= r.Start {
		return nil, model.Errorf(model.EINVALID, "a rejected span needs 0 <= start < end")
	}
	r.By = a.Name
	return s.store.Reject(article, r, undo)
}

// AcceptAgreed copies into gold every span (start, end, label) that all
// the article's submitted layers hold, at least two of them, and that gold
// does not hold yet nor a reviewer rejected; an attribute goes along where every layer gives it
// the same value. Each is an ordinary create by a in gold, live in every
// editor. It returns how many it created.
func (s *Service) AcceptAgreed(a Actor, article uint64) (int, error) {
	rv, err := s.Review(a, article)
	if err != nil {
		return 0, err
	}
	var subs []LayerView
	for _, l := range rv.Layers {
		if l.Status == model.LayerSubmitted {
			subs = append(subs, l)
		}
	}
	if len(subs) < 2 {
		return 0, model.Errorf(model.EINVALID, "article %d has %d submitted layer(s): agreement takes at least two", article, len(subs))
	}
	gold, err := s.store.Annotations(article, "")
	if err != nil {
		return 0, err
	}
	type key struct {
		start, end int
		label      string
	}
	inGold := map[key]bool{} // and rejected: both are decided
	for _, an := range gold {
		inGold[key{an.Start, an.End, an.Label}] = true
	}
	for _, r := range rv.Rejected {
		inGold[key{r.Start, r.End, r.Label}] = true
	}
	// spans[k][i] is the first span of layer i at k.
	spans := map[key][]*model.Annotation{}
	var order []key
	for i, l := range subs {
		for j := range l.Annotations {
			an := &l.Annotations[j]
			k := key{an.Start, an.End, an.Label}
			if spans[k] == nil {
				spans[k] = make([]*model.Annotation, len(subs))
				order = append(order, k)
			}
			if spans[k][i] == nil {
				spans[k][i] = an
			}
		}
	}
	n := 0
	// Who writes gold, checked once: every create below is the same
	// reviewer's in the same layer.
	var who model.Change
	if err := s.Authorize(a, article, model.Gold, &who); err != nil {
		return 0, err
	}
	for _, k := range order {
		all := spans[k]
		if inGold[k] || slices.Contains(all, nil) {
			continue
		}
		attrs := maps.Clone(all[0].Attrs)
		for name, v := range attrs {
			for _, an := range all[1:] {
				if an.Attrs[name] != v {
					delete(attrs, name)
				}
			}
		}
		c := who
		c.Action, c.Start, c.End, c.Label, c.Attrs = model.ActionCreate, &k.start, &k.end, &k.label, attrs
		if _, err := s.store.Apply(article, c); err != nil {
			return n, fmt.Errorf("accept %s %d-%d: %w", k.label, k.start, k.end, err)
		}
		n++
	}
	if n > 0 {
		s.hooks.Published(article)
	}
	return n, nil
}
