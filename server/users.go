package server

import (
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

func (s *Server) listUsers(c *fiber.Ctx) error {
	us, err := s.svc.Users(actor(c))
	if err != nil {
		return err
	}
	return c.JSON(us)
}

func (s *Server) createUser(c *fiber.Ctx) error {
	var req service.NewUser
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.svc.CreateUser(actor(c), req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(u)
}

func (s *Server) patchUser(c *fiber.Ctx) error {
	var req service.UserPatch
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.svc.UpdateUser(actor(c), c.Params("name"), req)
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) deleteUser(c *fiber.Ctx) error {
	if err := s.svc.DeleteUser(actor(c), c.Params("name")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) createToken(c *fiber.Ctx) error {
	var req service.NewToken
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	t, err := s.svc.CreateToken(actor(c), req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(t)
}

func (s *Server) listTokens(c *fiber.Ctx) error {
	ts, err := s.svc.Tokens(actor(c))
	if err != nil {
		return err
	}
	return c.JSON(ts)
}

func (s *Server) deleteToken(c *fiber.Ctx) error {
	if err := s.svc.RevokeToken(actor(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
