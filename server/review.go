package server

import (
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// agreementOptions reads ?labels=, ?annotators= and ?articles= (each
// comma-separated).
func agreementOptions(c *fiber.Ctx) (service.AgreementOptions, error) {
	var o service.AgreementOptions
	// Fiber's strings live in its buffers: clone what outlives the call.
	list := func(k string) []string { return service.SplitList(strings.Clone(c.Query(k))) }
	o.Labels = list("labels")
	o.Annotators = list("annotators")
	for _, a := range list("articles") {
		id, err := strconv.ParseUint(a, 10, 64)
		if err != nil || id == 0 {
			return o, invalid("articles must list article ids, not %q", a)
		}
		o.Articles = append(o.Articles, id)
	}
	return o, nil
}

// agreement serves GET /api/projects/:id/agreement.
func (s *Server) agreement(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	o, err := agreementOptions(c)
	if err != nil {
		return err
	}
	rep, err := s.svc.Agreement(actor(c), id, o)
	if err != nil {
		return err
	}
	return c.JSON(rep)
}

// disagreements serves GET /api/projects/:id/agreement/articles?label=L
// [&a=NAME[&b=NAME]]: the articles where they disagree most, first.
func (s *Server) disagreements(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	o, err := agreementOptions(c)
	if err != nil {
		return err
	}
	if c.Query("label") == "" {
		return invalid("name the label: ?label=CLAIM")
	}
	out, err := s.svc.Disagreements(actor(c), id, c.Query("label"), c.Query("a"), c.Query("b"), o)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// review serves GET /api/articles/:id/review: the annotators' layers and
// the rejected spans, for the review page.
func (s *Server) review(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	v, err := s.svc.Review(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// rejection reads {"start","end","label"}.
func rejection(c *fiber.Ctx) (model.Rejection, error) {
	var r model.Rejection
	var in struct {
		Start *int   `json:"start"`
		End   *int   `json:"end"`
		Label string `json:"label"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return r, err
	}
	if in.Start == nil || in.End == nil || in.Label == "" {
		return r, invalid("a rejection names the span: start, end and label")
	}
	return model.Rejection{Start: *in.Start, End: *in.End, Label: in.Label}, nil
}

// reject serves POST (record) and DELETE (forget) /api/articles/:id/rejections.
func (s *Server) reject(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	r, err := rejection(c)
	if err != nil {
		return err
	}
	out, err := s.svc.Reject(actor(c), id, r, c.Method() == fiber.MethodDelete)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// acceptAgreed serves POST /api/articles/:id/accept-agreed.
func (s *Server) acceptAgreed(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	n, err := s.svc.AcceptAgreed(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"accepted": n})
}
