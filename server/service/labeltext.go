package service

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// maxLabelText bounds how many places one label-text request labels (or
// one annotations/delete request deletes).
const maxLabelText = 10000

// LabelTextRequest asks to label every place in a project where a text
// occurs: boilerplate ("South Africa Latest News, South Africa Headlines")
// comes back word for word in every article a scraper took from one site.
type LabelTextRequest struct {
	Text       string            `json:"text"`
	Label      string            `json:"label"`
	Attrs      map[string]string `json:"attrs"`
	WholeWords bool              `json:"whole_words"` // places may not start or end inside a word
	Apply      bool              `json:"apply"`       // false: only count the places
}

type LabelTextResult struct {
	Places   int              `json:"places"`   // not labelled Label yet
	Articles int              `json:"articles"` // with at least one of them
	Created  []CreatedPlace   `json:"created,omitempty"`
	Failed   []FailedPlace    `json:"failed,omitempty"`
	Sample   []LabelTextPlace `json:"sample,omitempty"` // the first few, for a preview
}

// LabelTextPlace is a place found, in code points.
type LabelTextPlace struct {
	Article uint64 `json:"article"`
	Title   string `json:"title"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// CreatedPlace names an annotation a label-text made.
type CreatedPlace struct {
	Article uint64 `json:"article"`
	ID      uint64 `json:"id"`
}

// FailedPlace is a place whose annotation was refused, and why.
type FailedPlace struct {
	Article uint64 `json:"article"`
	Start   int    `json:"start"`
	Error   string `json:"error"`
}

// LabelText counts (req.Apply false) or labels (true), as a, the places in
// the project's articles where req.Text occurs and that do not carry
// req.Label at that span yet; it wakes the live rooms of the articles it
// changed. It takes the label_text permission.
func (s *Service) LabelText(a Actor, project uint64, req LabelTextRequest) (LabelTextResult, error) {
	if _, err := s.Project(a, project, model.PermLabelText); err != nil {
		return LabelTextResult{}, err
	}
	return labelText(s.store, project, a.Name, req, s.hooks.Published)
}

// coveredBy returns whether a place lies inside a span of label among
// anns: such a place is labelled already (a BOILERPLATE tail holds every
// "Read more »" in it), and labelling it again would nest a duplicate
// that breaks CoNLL chunks and that doccano drops. Places must be asked
// in order of their start (findPlaces finds them so): the spans are swept
// once.
func coveredBy(anns []model.Annotation, label string) func(place) bool {
	var spans []place
	for _, an := range anns {
		if an.Label == label {
			spans = append(spans, place{an.Start, an.End})
		}
	}
	slices.SortFunc(spans, func(a, b place) int { return a.Start - b.Start })
	next, reach := 0, -1 // spans[:next] start at or before the place; reach is their furthest end
	return func(p place) bool {
		for ; next < len(spans) && spans[next].Start <= p.Start; next++ {
			reach = max(reach, spans[next].End)
		}
		return reach >= p.End
	}
}

// labelText counts (req.Apply false) or labels (true) the places in the
// project's articles where req.Text occurs and that do not carry req.Label
// at that span yet. Each annotation is an ordinary create by author, in
// its article's op log; published, when given, is called once for each
// article changed, after all are committed (the server wakes its live
// rooms with it). Nothing is written when the request is refused.
func labelText(db storage.Store, project uint64, author string, req LabelTextRequest, published func(article uint64)) (LabelTextResult, error) {
	var res LabelTextResult
	p, err := db.Project(project)
	if err != nil {
		return res, err
	}
	if strings.TrimSpace(req.Text) == "" || utf8.RuneCountInString(req.Text) > 2000 {
		return res, model.Errorf(model.EINVALID, "text must have 1 to 2000 characters, not only spaces")
	}
	l, ok := p.Label(req.Label)
	if !ok {
		return res, model.Errorf(model.EINVALID, "unknown label %q in project %q", req.Label, p.Name)
	}
	if err := model.ValidateAttrs(l, req.Attrs); err != nil {
		return res, err
	}

	var found []LabelTextPlace
	// Query leaves out, before their annotations are decoded, the articles
	// without the text in any case (findPlaces then matches it exactly).
	err = db.EachArticle(storage.ArticleFilter{Project: project, Query: req.Text}, func(a model.Article, anns []model.Annotation) error {
		covered := coveredBy(anns, req.Label)
		// At most what can still be taken, plus one to know it is too
		// many: places labelled already are passed over, not collected.
		places := findPlaces(a.Text, req.Text, req.WholeWords, maxLabelText-len(found)+1, covered)
		if len(places) == 0 {
			return nil
		}
		n := len(found)
		for _, pl := range places {
			found = append(found, LabelTextPlace{Article: a.ID, Title: a.Title, Start: pl.Start, End: pl.End})
		}
		if len(found) > n {
			res.Articles++
		}
		if len(found) > maxLabelText {
			return model.Errorf(model.EINVALID, "the text occurs unlabelled in more than %d places: label a longer text", maxLabelText)
		}
		return nil
	})
	if err != nil {
		return LabelTextResult{}, err
	}
	res.Places, res.Sample = len(found), found[:min(len(found), 5)]
	if !req.Apply || len(found) == 0 {
		return res, nil
	}

	changes := make([]articleChange, len(found))
	for i, pl := range found {
		start, end, label := pl.Start, pl.End, req.Label
		changes[i] = articleChange{pl.Article, model.Change{Action: model.ActionCreate, Start: &start, End: &end,
			Label: &label, Attrs: req.Attrs, Author: author}}
	}
	ops, errs := applyAll(db, changes, published)
	for i, err := range errs {
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) {
				return res, err // the store failed, not the change
			}
			res.Failed = append(res.Failed, FailedPlace{Article: found[i].Article, Start: found[i].Start, Error: model.ErrorMessage(err)})
			continue
		}
		res.Created = append(res.Created, CreatedPlace{Article: found[i].Article, ID: ops[i].Annotation.ID})
	}
	return res, nil
}

// articleChange is a change and the article it is for.
type articleChange struct {
	article uint64
	change  model.Change
}

// applyAll queues every change to the group commit before it waits for
// any, so that they share transactions, and then calls published (the
// server: wake the live room) for each article one of them changed, once,
// when all are committed: waking a room after an article's first change
// could come before later groups commit the rest, and nothing would wake
// it for those.
func applyAll(db storage.Store, changes []articleChange, published func(article uint64)) ([]model.Op, []error) {
	waits := make([]func() (model.Op, error), len(changes))
	for i, ch := range changes {
		waits[i] = db.ApplyAsync(ch.article, ch.change)
	}
	ops, errs := make([]model.Op, len(changes)), make([]error, len(changes))
	changed := map[uint64]bool{}
	for i, wait := range waits {
		if ops[i], errs[i] = wait(); errs[i] == nil {
			changed[changes[i].article] = true
		}
	}
	for a := range changed {
		if published != nil {
			published(a)
		}
	}
	return ops, errs
}

// DeleteAnnotations deletes the annotations named (at most
// maxLabelText), as a: label-text's undo, so it takes label-text's
// permission in each article's project, and each delete is an ordinary
// one by a (own-only rules included). Those already gone are skipped and
// not counted; any other refusal refuses the whole request before
// anything is deleted.
func (s *Service) DeleteAnnotations(a Actor, list []CreatedPlace) (int, error) {
	if len(list) == 0 || len(list) > maxLabelText {
		return 0, model.Errorf(model.EINVALID, "annotations must list 1 to %d {article, id}", maxLabelText)
	}
	changes := make([]articleChange, len(list))
	checked := map[uint64]model.Change{}
	for i, an := range list {
		ch, ok := checked[an.Article]
		if !ok {
			if _, err := s.ArticleProject(a, an.Article, model.PermLabelText); err != nil {
				return 0, err
			}
			if err := s.Authorize(a, an.Article, "", &ch); err != nil {
				return 0, err
			}
			checked[an.Article] = ch
		}
		ch.Action, ch.ID = model.ActionDelete, an.ID
		changes[i] = articleChange{an.Article, ch}
	}
	_, errs := applyAll(s.store, changes, s.hooks.Published)
	deleted := 0
	for _, err := range errs {
		switch {
		case err == nil:
			deleted++
		case model.ErrorCode(err) != model.ENOTFOUND:
			return deleted, err
		}
	}
	return deleted, nil
}
