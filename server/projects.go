package server

import (
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

func (s *Server) listProjects(c *fiber.Ctx) error {
	ps, err := s.store.Projects()
	if err != nil {
		return err
	}
	return c.JSON(ps)
}

type projectRequest struct {
	Name   string        `json:"name"`
	Labels []model.Label `json:"labels"`
}

func (s *Server) createProject(c *fiber.Ctx) error {
	var req projectRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := s.store.CreateProject(model.Project{Name: req.Name, Labels: req.Labels})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}
