package server

import (
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

// listSuggestions serves GET /api/articles/:id/suggestions
// [?labels=&min_score=&layer=].
func (s *Server) listSuggestions(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	o := service.SuggestOptions{Layer: c.Query("layer"), Labels: service.SplitList(strings.Clone(c.Query("labels")))}
	if o.MinScore, err = minScore(c.Query("min_score")); err != nil {
		return err
	}
	ss, err := s.svc.Suggestions(actor(c), id, o)
	if err != nil {
		return err
	}
	return c.JSON(ss)
}

func minScore(v string) (float64, error) {
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1 {
		return 0, invalid("min_score must be a number from 0 to 1, not %q", v)
	}
	return f, nil
}

// decideSuggestion serves POST /api/articles/:id/suggestions/:sid/accept
// and .../reject.
func (s *Server) decideSuggestion(accept bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := idParam(c, "id", "article")
		if err != nil {
			return err
		}
		sid := c.Params("sid")
		if len(sid) != 12 {
			return notFound("suggestion %q not found", sid)
		}
		sg, ann, err := s.svc.Decide(actor(c), id, strings.Clone(sid), accept, c.Query("layer"))
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"suggestion": sg, "annotation": ann})
	}
}

// acceptSuggestions serves POST /api/articles/:id/suggestions/accept
// {"label","min_score"}: every open suggestion of the label scored at
// least min_score becomes an annotation.
func (s *Server) acceptSuggestions(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	var req struct {
		Label    string   `json:"label"`
		MinScore *float64 `json:"min_score"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	min := 0.0
	if req.MinScore != nil {
		if *req.MinScore < 0 || *req.MinScore > 1 {
			return invalid("min_score must be from 0 to 1")
		}
		min = *req.MinScore
	}
	n, err := s.svc.AcceptAll(actor(c), id, req.Label, min, c.Query("layer"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"accepted": n})
}

// learned serves GET (explain) and DELETE (reset) /api/projects/:id/learned.
func (s *Server) learned(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	if c.Method() == fiber.MethodDelete {
		n, err := s.svc.ForgetLearned(actor(c), id)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"forgotten": n})
	}
	l, err := s.svc.Explain(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(l)
}
