package server

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// maxLabelText bounds how many places one label-text request labels (or
// one annotations/delete request deletes).
const maxLabelText = 10000

// labelTextRequest asks to label every place in a project where a text
// occurs: boilerplate ("South Africa Latest News, South Africa Headlines")
// comes back word for word in every article a scraper took from one site.
type labelTextRequest struct {
	Text       string            `json:"text"`
	Label      string            `json:"label"`
	Attrs      map[string]string `json:"attrs"`
	WholeWords bool              `json:"whole_words"` // places may not start or end inside a word
	Apply      bool              `json:"apply"`       // false: only count the places
}

type labelTextResult struct {
	Places   int              `json:"places"`   // not labelled Label yet
	Articles int              `json:"articles"` // with at least one of them
	Created  []createdPlace   `json:"created,omitempty"`
	Failed   []failedPlace    `json:"failed,omitempty"`
	Sample   []labelTextPlace `json:"sample,omitempty"` // the first few, for a preview
}

type labelTextPlace struct {
	Article uint64 `json:"article"`
	Title   string `json:"title"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

type createdPlace struct {
	Article uint64 `json:"article"`
	ID      uint64 `json:"id"`
}

type failedPlace struct {
	Article uint64 `json:"article"`
	Start   int    `json:"start"`
	Error   string `json:"error"`
}

// labelText counts (apply false) or labels (apply true) the places in the
// project's articles where text occurs and that do not carry the label at
// that span yet. Each annotation is an ordinary create by the request's
// user, in its article's op log, so open editors see them arrive.
func (s *Server) labelText(c *fiber.Ctx) error {
	project, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	var req labelTextRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := s.store.Project(project)
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.Text) == "" || utf8.RuneCountInString(req.Text) > 2000 {
		return invalid("text must have 1 to 2000 characters, not only spaces")
	}
	l, ok := p.Label(req.Label)
	if !ok {
		return invalid("unknown label %q in project %q", req.Label, p.Name)
	}
	if err := model.ValidateAttrs(l, req.Attrs); err != nil {
		return err
	}

	var found []labelTextPlace
	articles := 0
	// Query leaves out, before their annotations are decoded, the articles
	// without the text in any case (findPlaces then matches it exactly).
	err = s.store.EachArticle(storage.ArticleFilter{Project: project, Query: req.Text}, func(a model.Article, anns []model.Annotation) error {
		places := findPlaces(a.Text, req.Text, req.WholeWords)
		if len(places) == 0 {
			return nil
		}
		labelled := map[place]bool{}
		for _, an := range anns {
			if an.Label == req.Label {
				labelled[place{an.Start, an.End}] = true
			}
		}
		n := len(found)
		for _, pl := range places {
			if !labelled[pl] {
				found = append(found, labelTextPlace{Article: a.ID, Title: a.Title, Start: pl.Start, End: pl.End})
			}
		}
		if len(found) > n {
			articles++
		}
		if len(found) > maxLabelText {
			return invalid("the text occurs unlabelled in more than %d places: label a longer text", maxLabelText)
		}
		return nil
	})
	if err != nil {
		return err
	}
	res := labelTextResult{Places: len(found), Articles: articles, Sample: found[:min(len(found), 5)]}
	if !req.Apply || len(found) == 0 {
		return c.JSON(res)
	}

	user := currentUser(c).Name
	changes := make([]articleChange, len(found))
	for i, pl := range found {
		start, end, label := pl.Start, pl.End, req.Label
		changes[i] = articleChange{pl.Article, model.Change{Action: model.ActionCreate, Start: &start, End: &end,
			Label: &label, Attrs: req.Attrs, Author: user}}
	}
	ops, errs := s.applyAll(changes)
	for i, err := range errs {
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) {
				return err // the store failed, not the change
			}
			res.Failed = append(res.Failed, failedPlace{Article: found[i].Article, Start: found[i].Start, Error: model.ErrorMessage(err)})
			continue
		}
		res.Created = append(res.Created, createdPlace{Article: found[i].Article, ID: ops[i].Annotation.ID})
	}
	return c.JSON(res)
}

// articleChange is a change and the article it is for.
type articleChange struct {
	article uint64
	change  model.Change
}

// applyAll queues every change to the group commit before it waits for
// any, so that they share transactions, and then wakes the live room of
// each article that one of them changed, once, when all are committed:
// waking a room after an article's first change could come before later
// groups commit the rest, and nothing would wake it for those.
func (s *Server) applyAll(changes []articleChange) ([]model.Op, []error) {
	waits := make([]func() (model.Op, error), len(changes))
	for i, ch := range changes {
		waits[i] = s.store.ApplyAsync(ch.article, ch.change)
	}
	ops, errs := make([]model.Op, len(changes)), make([]error, len(changes))
	changed := map[uint64]bool{}
	for i, wait := range waits {
		if ops[i], errs[i] = wait(); errs[i] == nil {
			changed[changes[i].article] = true
		}
	}
	for a := range changed {
		s.hub.Published(a)
	}
	return ops, errs
}

// deleteAnnotationsRequest names annotations to delete, each with its
// article: what the editor sends to take back a label-text.
type deleteAnnotationsRequest struct {
	Annotations []createdPlace `json:"annotations"`
}

// deleteAnnotations deletes the annotations named, as the request's user.
// Those already gone are skipped and not counted.
func (s *Server) deleteAnnotations(c *fiber.Ctx) error {
	var req deleteAnnotationsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if len(req.Annotations) == 0 || len(req.Annotations) > maxLabelText {
		return invalid("annotations must list 1 to %d {article, id}", maxLabelText)
	}
	user := currentUser(c).Name
	changes := make([]articleChange, len(req.Annotations))
	for i, a := range req.Annotations {
		changes[i] = articleChange{a.Article, model.Change{Action: model.ActionDelete, ID: a.ID, Author: user}}
	}
	_, errs := s.applyAll(changes)
	deleted := 0
	for _, err := range errs {
		switch {
		case err == nil:
			deleted++
		case model.ErrorCode(err) != model.ENOTFOUND:
			return err
		}
	}
	return c.JSON(fiber.Map{"deleted": deleted})
}
