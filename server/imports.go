package server

import (
	"bufio"
	"fmt"
	"io"

	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gofiber/fiber/v2"
)

// ImportFile is one file to import: its name (which helps tell its
// format) and a way to read it.
type ImportFile struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// ImportFiles decodes files of any format the importer knows and stores
// every article in them, with their annotations, in one transaction: a
// bad file anywhere stores nothing. Annotations without an author are
// credited to author.
func ImportFiles(db *storage.DB, project uint64, author string, files []ImportFile) ([]storage.Imported, error) {
	var items []storage.NewArticle
	for _, f := range files {
		if err := decodeFile(f, author, func(it storage.NewArticle) { items = append(items, it) }); err != nil {
			return nil, err
		}
	}
	if len(items) == 0 {
		return nil, invalid("no articles found in the files")
	}
	return db.ImportArticles(project, items)
}

func decodeFile(f ImportFile, author string, add func(storage.NewArticle)) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(4096)
	format, err := importer.Detect(f.Name, head)
	if err != nil {
		return err
	}
	return importer.Decode(format, f.Name, br, func(r importer.Record) error {
		it := storage.NewArticle{Article: r.Article}
		for _, an := range r.Annotations {
			start, end, label := an.Start, an.End, an.Label
			who := an.Author
			if who == "" {
				who = author
			}
			it.Annotations = append(it.Annotations, model.Change{
				Action: model.ActionCreate, Start: &start, End: &end, Label: &label,
				Attrs: an.Attrs, Author: who, Applied: an.CreatedAt,
			})
		}
		if it.Article.Source == "" {
			it.Article.Source = f.Name
		}
		add(it)
		return nil
	})
}

type importResult struct {
	Articles []importedArticle `json:"articles"`
}

type importedArticle struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Created     bool   `json:"created"`
	Annotations int    `json:"annotations"`
}

func (s *Server) importFiles(c *fiber.Ctx) error {
	form, err := c.MultipartForm()
	if err != nil {
		return invalid("send the files as multipart/form-data in the field \"files\"")
	}
	var project uint64
	if p := form.Value["project"]; len(p) > 0 && p[0] != "" {
		if _, err := fmt.Sscan(p[0], &project); err != nil {
			return invalid("project must be a project id")
		}
	}
	var files []ImportFile
	for _, fh := range form.File["files"] {
		files = append(files, ImportFile{Name: fh.Filename, Open: func() (io.ReadCloser, error) { return fh.Open() }})
	}
	if len(files) == 0 {
		return invalid("no files: send them in the multipart field \"files\"")
	}
	res, err := ImportFiles(s.store, project, currentUser(c).Name, files)
	if err != nil {
		return err
	}
	out := importResult{Articles: []importedArticle{}}
	for _, r := range res {
		out.Articles = append(out.Articles, importedArticle{ID: r.Article.ID, Title: r.Article.Title, Created: r.Created, Annotations: len(r.Ops)})
		for _, op := range r.Ops {
			s.published(r.Article.ID, op)
		}
	}
	return c.JSON(out)
}
