package server

import (
	"bufio"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"
)

// backup streams GET /api/admin/backup: the whole database as one bbolt
// file, consistent as of the start of the download (a read transaction),
// while the server goes on taking writes. There is no Content-Length: the
// size is known only inside that transaction. gloss backup checks the
// file it receives.
func (s *Server) backup(c *fiber.Ctx) error {
	a := actor(c)
	backup, err := s.svc.Backup(a)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/octet-stream")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="gloss-%s.db"`, time.Now().UTC().Format("20060102-150405")))
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		n, err := backup(w)
		if err != nil {
			s.log.Error("backup cut short", "bytes", n, "err", err)
		} else {
			s.log.Info("backup sent", "user", a.Name, "bytes", n)
		}
		w.Flush()
	})
	return nil
}
