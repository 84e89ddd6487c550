package service

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"time"

	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// ImportFile is one file to import: its name (which helps tell its
// format) and a way to read it.
type ImportFile struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// ImportOptions say where an import goes and who it is by.
type ImportOptions struct {
	Project uint64 // 0: the first project
	// Author is who imports: every article, span and relation is theirs.
	// The file's own authors and creation times are kept beside gloss's
	// fields, as the attributes source_author and source_created_at of each
	// span, and an article's status as meta.source_status (it starts as
	// new), so that nobody's name is put on work they did not do in gloss.
	// A relation has no attributes: its file's author and time are not
	// kept.
	Author string
	// KeepAuthors takes the file's authors, times and statuses as gloss's
	// own (an admin restoring an export; spans and relations without an
	// author are Author's).
	KeepAuthors bool
}

// ImportChunk is how many articles ImportFiles stores per transaction.
const ImportChunk = 500

// Import imports files as a into o.Project (0: the first project a may
// add articles to), with a as the author (o.Author is set to a's name);
// keeping the files' authors takes an admin. It wakes the live rooms of
// articles that got annotations.
func (s *Service) Import(a Actor, o ImportOptions, files []ImportFile) ([]Imported, error) {
	var err error
	if o.Project == 0 {
		if o.Project, err = s.DefaultProject(a, model.PermAddArticles); err != nil {
			return nil, err
		}
	}
	p, err := s.Project(a, o.Project, model.PermAddArticles)
	if err != nil {
		return nil, err
	}
	if o.KeepAuthors {
		if err := model.Check(a.User, p, model.PermKeepAuthors); err != nil {
			return nil, model.Errorf(model.EFORBIDDEN, "only an admin may keep a file's authors (keep_authors)")
		}
	}
	o.Author = a.Name
	res, err := ImportFiles(s.store, o, files)
	articles, annotations := 0, 0
	for _, r := range res {
		if r.Annotations > 0 {
			s.hooks.Published(r.ID)
		}
		if r.Created {
			articles++
			annotations += r.Annotations
		}
	}
	s.hooks.Imported(articles, annotations)
	return res, err
}

// ImportFiles decodes files of any format the importer knows and stores
// every article in them with their annotations. It reads the files twice:
// first it only checks them (formats, UTF-8, offsets, labels and
// attributes against the project's schema), so that bad input anywhere
// stores nothing; then it stores them ImportChunk articles per
// transaction, so that memory stays flat whatever the files' size.
// Provenance (see ImportOptions) is settled while decoding. It returns a
// summary per article, not the articles: a large import keeps nothing of
// them.
func ImportFiles(db storage.Store, o ImportOptions, files []ImportFile) ([]Imported, error) {
	p, err := importProject(db, o.Project)
	if err != nil {
		return nil, err
	}
	count := 0
	for _, f := range files {
		err := decodeFile(f, o, db.MaxAnnotations(), func(it storage.NewArticle) error {
			count++
			if err := checkImport(p, it, db.MaxAnnotations()); err != nil {
				return model.Errorf(model.ErrorCode(err), "%s: %s", f.Name, model.ErrorMessage(err))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if count == 0 {
		return nil, model.Errorf(model.EINVALID, "no articles found in the files")
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
				out = append(out, Imported{ID: r.Article.ID, Title: r.Article.Title, Created: r.Created, Annotations: r.Annotations, Relations: r.Relations})
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
		decodeErr = decodeFile(f, o, db.MaxAnnotations(), func(it storage.NewArticle) error {
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
// storing it: the article, each annotation, and each relation against the
// schema's relation types and the labels of its ends (numbered as in the
// file, from 1), and what said_by's fill would write.
func checkImport(p model.Project, it storage.NewArticle, max int) error {
	a := it.Article
	if err := storage.CheckArticle(&a); err != nil {
		return model.Errorf(model.ErrorCode(err), "%q: %s", a.Title, model.ErrorMessage(err))
	}
	if len(it.Annotations) > max {
		return model.Errorf(model.ETOOLARGE, "%q has %d annotations; one article may hold at most %d", a.Title, len(it.Annotations), max)
	}
	if len(it.Relations) > max {
		return model.Errorf(model.ETOOLARGE, "%q has %d relations; one article may hold at most %d", a.Title, len(it.Relations), max)
	}
	ri := model.NewRuneIndex(a.Text)
	anns := make([]model.Annotation, len(it.Annotations))
	for i, c := range it.Annotations {
		an, err := model.NewAnnotation(p, ri, c)
		if err != nil {
			return model.Errorf(model.ErrorCode(err), "%q, annotation %d: %s", a.Title, i+1, model.ErrorMessage(err))
		}
		an.ID = uint64(i + 1) // CheckRelation tells the ends apart by id
		anns[i] = an
	}
	type link struct {
		typ      string
		from, to int
	}
	seen := make(map[link]int, len(it.Relations))
	for i, r := range it.Relations {
		where := fmt.Sprintf("%q, relation %d (%s from annotation %d to %d)", a.Title, i+1, r.Type, r.From+1, r.To+1)
		if r.From < 0 || r.From >= len(anns) || r.To < 0 || r.To >= len(anns) {
			return model.Errorf(model.EINVALID, "%s: the article has %d annotations", where, len(anns))
		}
		from, to := anns[r.From], anns[r.To]
		rt, err := model.CheckRelation(p, r.Type, from, to)
		if err != nil {
			return model.Errorf(model.ErrorCode(err), "%s: %s", where, model.ErrorMessage(err))
		}
		k := link{r.Type, r.From, r.To}
		if j, dup := seen[k]; dup {
			return model.Errorf(model.ECONFLICT, "%s: relation %d links the same annotations the same way", where, j+1)
		}
		seen[k] = i
		if rt.Fill != "" && from.Attrs[rt.Fill] != to.Text {
			// Linking fills the start's attribute with the end's text, as
			// the editor's relate does: it must fit there.
			if anns[r.From], err = model.UpdateAnnotation(p, ri, from, model.Change{Attrs: map[string]string{rt.Fill: to.Text}}); err != nil {
				return model.Errorf(model.ErrorCode(err), "%s: filling %s: %s", where, rt.Fill, model.ErrorMessage(err))
			}
		}
	}
	return nil
}

func decodeFile(f ImportFile, o ImportOptions, maxSpans int, add func(storage.NewArticle) error) error {
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
	return importer.DecodeWith(format, f.Name, br, importer.Options{MaxSpans: maxSpans}, func(r importer.Record) error {
		it := storage.NewArticle{Article: r.Article}
		if it.Article.Meta == nil {
			it.Article.Meta = map[string]any{}
		}
		it.Article.Meta["file"] = filepath.Base(f.Name) // whatever the format, where it came from
		if r.Blocks != nil {
			raw, err := json.Marshal(r.Blocks)
			if err != nil {
				return err
			}
			it.Blocks = raw
		}
		if !o.KeepAuthors && it.Article.Status != "" && it.Article.Status != model.StatusNew {
			if it.Article.Meta == nil {
				it.Article.Meta = map[string]any{}
			}
			it.Article.Meta["source_status"] = string(it.Article.Status)
			it.Article.Status = model.StatusNew
		}
		for _, an := range r.Annotations {
			start, end, label := an.Start, an.End, an.Label
			c := model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label,
				Attrs: an.Attrs, Author: an.Author, Applied: an.CreatedAt}
			if c.Author == "" {
				c.Author = o.Author
			}
			if !o.KeepAuthors {
				c.Attrs = maps.Clone(an.Attrs)
				if c.Attrs == nil {
					c.Attrs = map[string]string{}
				}
				if an.Author != "" && an.Author != o.Author {
					c.Attrs[model.AttrSourceAuthor] = an.Author
				}
				if !an.CreatedAt.IsZero() {
					c.Attrs[model.AttrSourceCreatedAt] = an.CreatedAt.UTC().Format(time.RFC3339)
				}
				c.Author, c.Applied = o.Author, time.Time{}
			}
			it.Annotations = append(it.Annotations, c)
		}
		for _, rel := range r.Relations {
			nr := storage.NewRelation{Type: rel.Type, From: rel.From, To: rel.To, Author: rel.Author, Applied: rel.CreatedAt}
			if nr.Author == "" || !o.KeepAuthors {
				nr.Author = o.Author
			}
			if !o.KeepAuthors {
				nr.Applied = time.Time{}
			}
			it.Relations = append(it.Relations, nr)
		}
		if it.Article.Source == "" {
			it.Article.Source = filepath.Base(f.Name)
		}
		return add(it)
	})
}

// Imported tells what an import did with one article.
type Imported struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Created     bool   `json:"created"`     // false: the project held the same text already
	Annotations int    `json:"annotations"` // annotations stored with it
	Relations   int    `json:"relations"`   // relations stored with it
}
