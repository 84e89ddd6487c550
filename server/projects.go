package server

import (
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

func (s *Server) listProjects(c *fiber.Ctx) error {
	ps, err := s.svc.Projects(actor(c))
	if err != nil {
		return err
	}
	return c.JSON(ps)
}

func (s *Server) createProject(c *fiber.Ctx) error {
	var req service.NewProject
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := s.svc.CreateProject(actor(c), req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

func (s *Server) patchProject(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	var req service.ProjectPatch
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := s.svc.UpdateProject(actor(c), id, req)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *Server) getMembers(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	ms, err := s.svc.Members(actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(ms)
}

func (s *Server) putMembers(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "project")
	if err != nil {
		return err
	}
	var req []model.Member
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ms, err := s.svc.SetMembers(actor(c), id, req)
	if err != nil {
		return err
	}
	return c.JSON(ms)
}
