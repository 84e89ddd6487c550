package importer

import (
	"errors"
	"io"
	"path/filepath"

	"github.com/gloss-dev/gloss/server/htmltext"
	"github.com/gloss-dev/gloss/storage/model"
)

// decodeHTML reads a saved web page as one article: its whole visible
// text (package htmltext says how), title, canonical URL, publication
// date and site, and its block structure for the suggestion detectors.
func decodeHTML(filename string, r io.Reader, fn func(Record) error) error {
	page, err := htmltext.Parse(r, filename)
	if err != nil {
		code := model.EINVALID
		if errors.Is(err, htmltext.ErrTooLarge) {
			code = model.ETOOLARGE
		}
		return model.Errorf(code, "%s: %v", filename, err)
	}
	art := model.Article{Title: page.Title, URL: page.URL, Source: page.Site, Published: page.Published, Text: page.Text,
		Meta: map[string]any{"encoding": page.Encoding}}
	if art.Source == "" {
		art.Source = filepath.Base(filename)
	}
	rec := Record{Article: art, Blocks: page.Blocks}
	if err := finish(&rec, filename); err != nil {
		return err
	}
	if err := fn(rec); err != nil {
		return err
	}
	return nil
}
