package server

import (
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

func (s *Server) listAnnotations(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	as, err := s.store.Annotations(id)
	if err != nil {
		return err
	}
	return c.JSON(as)
}

// annotationRequest is the body of POST and PATCH. Pointers tell a field
// left out from a zero value.
type annotationRequest struct {
	Start *int              `json:"start"`
	End   *int              `json:"end"`
	Label *string           `json:"label"`
	Attrs map[string]string `json:"attrs"`
	OpID  string            `json:"op_id"`
}

func (s *Server) createAnnotation(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	var req annotationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	op, err := s.apply(c, id, model.Change{Action: model.ActionCreate, Start: req.Start, End: req.End,
		Label: req.Label, Attrs: req.Attrs, OpID: req.OpID})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(op.Annotation)
}

// annotationIDs parses the article and annotation ids of a route.
func annotationIDs(c *fiber.Ctx) (article, annotation uint64, err error) {
	if article, err = idParam(c, "id", "article"); err != nil {
		return 0, 0, err
	}
	annotation, err = idParam(c, "aid", "annotation")
	return article, annotation, err
}

func (s *Server) patchAnnotation(c *fiber.Ctx) error {
	id, aid, err := annotationIDs(c)
	if err != nil {
		return err
	}
	var req annotationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Start == nil && req.End == nil && req.Label == nil && req.Attrs == nil {
		return invalid("nothing to change: send start, end, label or attrs")
	}
	op, err := s.apply(c, id, model.Change{Action: model.ActionUpdate, ID: aid, Start: req.Start,
		End: req.End, Label: req.Label, Attrs: req.Attrs, OpID: req.OpID})
	if err != nil {
		return err
	}
	return c.JSON(op.Annotation)
}

// deleteAnnotation takes an optional ?op_id= (a DELETE has no body), so
// that a client retrying a delete is answered 204 again, not 404.
func (s *Server) deleteAnnotation(c *fiber.Ctx) error {
	id, aid, err := annotationIDs(c)
	if err != nil {
		return err
	}
	if _, err := s.apply(c, id, model.Change{Action: model.ActionDelete, ID: aid, OpID: c.Query("op_id")}); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apply commits a change as the request's user and tells live rooms.
func (s *Server) apply(c *fiber.Ctx, article uint64, ch model.Change) (model.Op, error) {
	ch.Author = currentUser(c).Name
	op, err := s.store.Apply(article, ch)
	if err != nil {
		return op, err
	}
	s.published(article, op)
	return op, nil
}

// published wakes the article's live room after a commit.
func (s *Server) published(article uint64, _ model.Op) { s.hub.Published(article) }
