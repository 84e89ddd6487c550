package server

import (
	"io"
	"strconv"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

type importResult struct {
	Articles []service.Imported `json:"articles"`
}

// importFiles reads POST /api/import's form: files in "files", optional
// "project" and "keep_authors".
func (s *Server) importFiles(c *fiber.Ctx) error {
	form, err := c.MultipartForm()
	if err != nil {
		return invalid("send the files as multipart/form-data in the field \"files\"")
	}
	var o service.ImportOptions
	if p := form.Value["project"]; len(p) > 0 && p[0] != "" {
		if o.Project, err = strconv.ParseUint(p[0], 10, 64); err != nil || o.Project == 0 {
			return invalid("project must be a project id")
		}
	}
	if k := form.Value["keep_authors"]; len(k) > 0 && k[0] != "" {
		if o.KeepAuthors, err = strconv.ParseBool(k[0]); err != nil {
			return invalid("keep_authors must be true or false")
		}
	}
	var files []service.ImportFile
	for _, fh := range form.File["files"] {
		files = append(files, service.ImportFile{Name: fh.Filename, Open: func() (io.ReadCloser, error) { return fh.Open() }})
	}
	if len(files) == 0 {
		return invalid("no files: send them in the multipart field \"files\"")
	}
	res, err := s.svc.Import(actor(c), o, files)
	if err != nil {
		return err
	}
	if res == nil {
		res = []service.Imported{}
	}
	return c.JSON(importResult{Articles: res})
}
