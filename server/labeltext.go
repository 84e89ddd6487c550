package server

import (
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

func (s *Server) labelText(c *fiber.Ctx) error {
	project, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	var req service.LabelTextRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.svc.LabelText(actor(c), project, req)
	if err != nil {
		return err
	}
	return c.JSON(res)
}

// deleteAnnotationsRequest names annotations to delete, each with its
// article: what the editor sends to take back a label-text.
type deleteAnnotationsRequest struct {
	Annotations []service.CreatedPlace `json:"annotations"`
}

func (s *Server) deleteAnnotations(c *fiber.Ctx) error {
	var req deleteAnnotationsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	n, err := s.svc.DeleteAnnotations(actor(c), req.Annotations)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"deleted": n})
}
