package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// Every annotation route takes ?layer=: "gold", or an annotator's name in
// an independent project; without it, the caller's own default (gold, or
// their own layer when they annotate blind). service.ReadLayer decides.

func (s *Server) listAnnotations(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	as, err := s.svc.Annotations(actor(c), id, c.Query("layer"))
	if err != nil {
		return err
	}
	return c.JSON(as)
}

func (s *Server) createAnnotation(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	op, err := s.svc.Apply(actor(c), id, service.ChangeRequest{Action: model.ActionCreate, Body: c.Body(), Layer: c.Query("layer")})
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
	op, err := s.svc.Apply(actor(c), id, service.ChangeRequest{Action: model.ActionUpdate, Body: c.Body(), PathID: aid, Layer: c.Query("layer")})
	if err != nil {
		return err
	}
	return c.JSON(op.Annotation)
}

// deleteAnnotation takes an optional ?op_id= (a DELETE has no body), so
// that a client retrying a delete is answered 204 again, not 404, and an
// optional ?if_version=.
func (s *Server) deleteAnnotation(c *fiber.Ctx) error {
	id, aid, err := annotationIDs(c)
	if err != nil {
		return err
	}
	r := service.ChangeRequest{Action: model.ActionDelete, Body: c.Body(), PathID: aid, OpID: c.Query("op_id"), Layer: c.Query("layer")}
	if v := c.Query("if_version"); v != "" {
		if r.IfVersion, err = strconv.ParseUint(v, 10, 64); err != nil || r.IfVersion == 0 {
			return invalid("query parameter if_version must be a version number")
		}
	}
	if _, err := s.svc.Apply(actor(c), id, r); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) annotationHistory(c *fiber.Ctx) error {
	id, aid, err := annotationIDs(c)
	if err != nil {
		return err
	}
	h, err := s.svc.History(actor(c), id, c.Query("layer"), aid)
	if err != nil {
		return err
	}
	return c.JSON(h)
}

// Relations: GET lists a layer's, POST {"type","from","to"} links two
// annotations, DELETE .../relations/:rid removes one. ?layer= as above.

func (s *Server) listRelations(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	rs, err := s.svc.Relations(actor(c), id, c.Query("layer"))
	if err != nil {
		return err
	}
	return c.JSON(rs)
}

func (s *Server) createRelation(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	op, err := s.svc.Apply(actor(c), id, service.ChangeRequest{Action: model.ActionRelate, Body: c.Body(), Layer: c.Query("layer")})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(op.Relation)
}

func (s *Server) deleteRelation(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "article")
	if err != nil {
		return err
	}
	rid, err := idParam(c, "rid", "relation")
	if err != nil {
		return err
	}
	r := service.ChangeRequest{Action: model.ActionUnrelate, Body: c.Body(), PathID: rid, OpID: c.Query("op_id"), Layer: c.Query("layer")}
	if _, err := s.svc.Apply(actor(c), id, r); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// searchAnnotations serves GET /api/annotations: the annotations of the
// caller's projects that the query selects (service.AnnotationQuery),
// each with its article's title and the sentence around it.
func (s *Server) searchAnnotations(c *fiber.Ctx) error {
	var attrs []string
	c.Context().QueryArgs().VisitAll(func(k, _ []byte) {
		if key := string(k); strings.HasPrefix(key, "attr.") && !slices.Contains(attrs, key) {
			attrs = append(attrs, key)
		}
	})
	q, err := service.ParseAnnotationQuery(func(k string) string { return strings.Clone(c.Query(k)) }, attrs)
	if err != nil {
		return err
	}
	page, err := s.svc.SearchAnnotations(actor(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}
