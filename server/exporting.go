package server

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gofiber/fiber/v2"
)

// exportHandler streams GET /api/export. Options are checked before the
// first byte; an error after it can only cut the stream short (and is
// logged), since the status is sent by then.
func (s *Server) exportHandler(c *fiber.Ctx) error {
	o, err := service.ParseExportOptions(func(k string) string { return c.Query(k) })
	if err != nil {
		return err
	}
	c.Context().QueryArgs().VisitAll(func(k, v []byte) {
		if name, ok := strings.CutPrefix(string(k), "attr."); ok {
			if o.Attrs == nil {
				o.Attrs = map[string][]string{}
			}
			o.Attrs[name] = append([]string{}, service.SplitList(string(v))...) // none: set at all
		}
	})
	if o.Split != nil && c.Query("part") == "" {
		return invalid("with split, name the part to download: part=%s", service.PartName(len(o.Split), 0))
	}
	o.BaseURL = s.baseURL(c)
	if o, err = s.svc.CheckExportFor(actor(c), o); err != nil {
		return err
	}
	if o.Format == "spacy" {
		// Said before the first byte: how many spans do not fit the
		// tokens (a header), or, strict, a refusal.
		m, err := service.CheckAlignment(s.store, o)
		if err != nil {
			return err
		}
		if o.Strict && m.Count > 0 {
			return m.Refusal()
		}
		c.Set("X-Gloss-Misaligned", strconv.Itoa(m.Count))
	}
	name := "gloss-" + o.Format
	if o.Split != nil {
		name += "-" + service.PartName(len(o.Split), o.Part)
	}
	c.Set(fiber.HeaderContentType, export.ContentType(o.Format))
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s%s"`, name, export.FileExt(o.Format)))
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		// The options were checked for this user above: stream them.
		if err := service.Export(s.store, w, o, nil); err != nil {
			s.log.Error("export cut short", "format", o.Format, "err", err)
		}
		w.Flush()
	})
	return nil
}

// baseURL is where people reach gloss: the public URL when one is set,
// else the request's scheme and host (through trusted proxies only).
func (s *Server) baseURL(c *fiber.Ctx) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	return c.BaseURL()
}
