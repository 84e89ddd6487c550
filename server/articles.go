package server

import (
	"strconv"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

type articleList struct {
	Articles []model.Article `json:"articles"`
	Total    int             `json:"total"`
	Offset   int             `json:"offset"`
	Limit    int             `json:"limit"`
	// Here says who has each article of the page open live, by article
	// id; articles nobody has open are left out.
	Here map[uint64][]presentUser `json:"here"`
}

type presentUser struct {
	Name  string `json:"name"`
	Color string `json:"color"`
}

func (s *Server) listArticles(c *fiber.Ctx) error {
	f, err := articleFilter(c)
	if err != nil {
		return err
	}
	as, total, err := s.svc.Articles(actor(c), f)
	if err != nil {
		return err
	}
	here := map[uint64][]presentUser{}
	for _, a := range as {
		for _, u := range s.hub.Present(a.ID) {
			here[a.ID] = append(here[a.ID], presentUser{Name: u.Name, Color: u.Color})
		}
	}
	return c.JSON(articleList{Articles: as, Total: total, Offset: f.Offset, Limit: f.Limit, Here: here})
}

func articleFilter(c *fiber.Ctx) (storage.ArticleFilter, error) {
	var f storage.ArticleFilter
	var err error
	if p := c.Query("project"); p != "" {
		if f.Project, err = strconv.ParseUint(p, 10, 64); err != nil {
			return f, invalid("query parameter project must be a project id")
		}
	}
	f.Status = model.Status(c.Query("status"))
	if f.Status != "" && !f.Status.Valid() {
		return f, invalid("unknown status %q (%s)", f.Status, model.Statuses)
	}
	f.Query = c.Query("q")
	if f.Offset, err = intQuery(c, "offset", 0, 0, 1<<30); err != nil {
		return f, err
	}
	if f.Limit, err = intQuery(c, "limit", 50, 1, 500); err != nil {
		return f, err
	}
	return f, nil
}

type articleRequest struct {
	Project   uint64         `json:"project"`
	Title     string         `json:"title"`
	Text      *string        `json:"text"`
	Source    string         `json:"source"`
	URL       string         `json:"url"`
	Published string         `json:"published"`
	Meta      map[string]any `json:"meta"`
}

func (s *Server) createArticle(c *fiber.Ctx) error {
	var req articleRequest
	var err error
	if err = decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Text == nil {
		return invalid("an article needs a text")
	}
	if req.Project == 0 {
		if req.Project, err = s.svc.DefaultProject(actor(c), model.PermAddArticles); err != nil {
			return err
		}
	}
	if _, err := s.svc.Project(actor(c), req.Project, model.PermAddArticles); err != nil {
		return err
	}
	a, created, err := s.store.CreateArticle(model.Article{
		Project: req.Project, Title: req.Title, Text: *req.Text, Source: req.Source,
		URL: req.URL, Published: req.Published, Meta: req.Meta,
	})
	if err != nil {
		return err
	}
	status := fiber.StatusCreated
	if !created {
		status = fiber.StatusOK // the same text is there already: that article
	}
	return c.Status(status).JSON(a)
}

func (s *Server) getArticle(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	a, err := s.svc.Article(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(a)
}

type articlePatch struct {
	Status    *model.Status `json:"status"`
	Title     *string       `json:"title"`
	Source    *string       `json:"source"`
	URL       *string       `json:"url"`
	Published *string       `json:"published"`
}

func (s *Server) patchArticle(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	var req articlePatch
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	edit := storage.ArticleEdit{Title: req.Title, Source: req.Source, URL: req.URL, Published: req.Published}
	if req.Status == nil && edit == (storage.ArticleEdit{}) {
		return invalid("nothing to change: send status, title, source, url or published")
	}
	if req.Status != nil && !req.Status.Valid() {
		return invalid("unknown status %q (%s)", *req.Status, model.Statuses) // before the details change
	}
	var a model.Article
	if edit != (storage.ArticleEdit{}) {
		if a, err = s.svc.EditArticle(actor(c), id, edit); err != nil {
			return err
		}
	}
	if req.Status != nil {
		if a, err = s.svc.SetStatus(actor(c), id, *req.Status); err != nil {
			return err
		}
	}
	return c.JSON(a)
}

// nextArticle hands the caller their next article after :id: by
// assignment in an independent project, else the next one in id order,
// wrapping round, that is not done (service.Next).
func (s *Server) nextArticle(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	next, err := s.svc.Next(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(next)
}

// assignArticle hands the caller their next article of an independent
// project: GET /api/projects/:id/next.
func (s *Server) assignArticle(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	a, err := s.svc.Assign(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// submitLayer submits the caller's layer of an independent project's
// article: POST /api/articles/:id/submit.
func (s *Server) submitLayer(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	a, err := s.svc.SubmitLayer(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// reopenLayer gives an annotator's submitted layer back to them:
// POST /api/articles/:id/reopen {"annotator": NAME}.
func (s *Server) reopenLayer(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	var req struct {
		Annotator string `json:"annotator"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Annotator == "" {
		return invalid("name the annotator whose layer to reopen: {\"annotator\": NAME}")
	}
	a, err := s.svc.ReopenLayer(actor(c), id, req.Annotator)
	if err != nil {
		return err
	}
	return c.JSON(a)
}
