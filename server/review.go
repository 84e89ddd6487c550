package server

import (
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

// agreementOptions reads ?labels=, ?annotators= and ?articles= (each
// comma-separated).
func agreementOptions(c *fiber.Ctx) (service.AgreementOptions, error) {
	var o service.AgreementOptions
	list := func(k string) []string {
		var out []string
		for _, f := range strings.Split(c.Query(k), ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, strings.Clone(f))
			}
		}
		return out
	}
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
