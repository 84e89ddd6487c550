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

// ImportChunk is how many articles ImportFiles stores per transaction.
const ImportChunk = 500

// ImportFiles decodes files of any format the importer knows and stores
// every article in them with their annotations. It reads the files twice:
// first it only checks them (formats, UTF-8, offsets, labels and
// attributes against the project's schema), so that bad input anywhere
// stores nothing; then it stores them ImportChunk articles per
// transaction, so that memory stays flat whatever the files' size.
// Annotations without an author are credited to author. It returns a
// summary per article, not the articles: a large import keeps nothing of
// them.
func ImportFiles(db storage.Store, project uint64, author string, files []ImportFile) ([]Imported, error) {
	p, err := importProject(db, project)
	if err != nil {
		return nil, err
	}
	count := 0
	for _, f := range files {
		err := decodeFile(f, author, func(it storage.NewArticle) error {
			count++
			return checkImport(p, it)
		})
		if err != nil {
			return nil, err
		}
	}
	if count == 0 {
		return nil, invalid("no articles found in the files")
	}
	// The second pass decodes the next chunk while the previous one is
	// being stored: one goroutine stores, in order, what the decoder hands
	// it. gloss bench export, 10,000 articles, alternating runs: 13.5 and
	// 14.9 s before, 10.3 and 11.0 s so (peak heap 76-78 -> 88-91 MiB).
	var out []Imported
	chunks := make(chan []storage.NewArticle, 1)
	stored := make(chan error, 1)
	go func() {
		for chunk := range chunks {
			res, err := db.ImportArticles(p.ID, chunk)
			for _, r := range res {
				out = append(out, Imported{ID: r.Article.ID, Title: r.Article.Title, Created: r.Created, Annotations: len(r.Ops)})
			}
			if err != nil {
				stored <- err
				for range chunks {
					// the decoder stops at its next hand-over
				}
				return
			}
		}
		stored <- nil
	}()
	var storeErr error
	var chunk []storage.NewArticle
	hand := func() error {
		select {
		case storeErr = <-stored: // the storer failed
			return storeErr
		default:
		}
		select {
		case storeErr = <-stored:
			return storeErr
		case chunks <- chunk:
		}
		chunk = make([]storage.NewArticle, 0, ImportChunk)
		return nil
	}
	var decodeErr error
	for _, f := range files {
		decodeErr = decodeFile(f, author, func(it storage.NewArticle) error {
			if chunk = append(chunk, it); len(chunk) == ImportChunk {
				return hand()
			}
			return nil
		})
		if decodeErr != nil {
			break
		}
	}
	if decodeErr == nil && len(chunk) > 0 {
		decodeErr = hand()
	}
	close(chunks)
	if storeErr == nil {
		storeErr = <-stored
	}
	if storeErr != nil {
		return out, storeErr
	}
	return out, decodeErr
}

func importProject(db storage.Store, id uint64) (model.Project, error) {
	if id != 0 {
		return db.Project(id)
	}
	ps, err := db.Projects()
	if err != nil {
		return model.Project{}, err
	}
	return ps[0], nil // Open makes sure the default project exists
}

// checkImport validates one article as ImportArticles will, without
// storing it.
func checkImport(p model.Project, it storage.NewArticle) error {
	a := it.Article
	if err := storage.CheckArticle(&a); err != nil {
		return model.Errorf(model.ErrorCode(err), "%q: %s", a.Title, model.ErrorMessage(err))
	}
	ri := model.NewRuneIndex(a.Text)
	for i, c := range it.Annotations {
		if _, err := model.NewAnnotation(p, ri, c); err != nil {
			return model.Errorf(model.ErrorCode(err), "%q, annotation %d: %s", a.Title, i+1, model.ErrorMessage(err))
		}
	}
	return nil
}

func decodeFile(f ImportFile, author string, add func(storage.NewArticle) error) error {
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
		return add(it)
	})
}

type importResult struct {
	Articles []Imported `json:"articles"`
}

// Imported tells what an import did with one article.
type Imported struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Created     bool   `json:"created"`     // false: the project held the same text already
	Annotations int    `json:"annotations"` // annotations stored with it
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
	for _, r := range res {
		if r.Annotations > 0 {
			s.hub.Published(r.ID)
		}
	}
	if res == nil {
		res = []Imported{}
	}
	return c.JSON(importResult{Articles: res})
}
