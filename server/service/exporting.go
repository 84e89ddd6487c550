package service

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// ExportOptions select and shape an export. The CLI's flags and the API's
// query parameters carry the same names.
type ExportOptions struct {
	Format  string
	Project uint64
	Status  model.Status
	Labels  []string  // keep only spans with these labels
	Authors []string  // keep only spans by these authors
	From    time.Time // keep only spans last changed at or after From
	To      time.Time // ... and before To
	Clean   bool
	Split   []int  // ratios, e.g. 80,10,10; nil for no split
	SplitBy string // "id" (default) or "source"
	Part    int    // with Split: which part to write
	BaseURL string
	// Layer is the layer exported: "" or "gold" the gold (shared) one,
	// "all" every layer (each span carrying its layer's name, "gold" for
	// gold's), or one annotator's name.
	Layer string
	// AnnotationIDs, when not empty, are the only spans exported, and
	// their articles the only articles (the Annotations view's "export
	// this selection").
	AnnotationIDs []uint64
	// Attrs keeps only spans whose attribute NAME is one of the values
	// given, or set at all when none is ("attr.verdict=unverified" in
	// the API).
	Attrs map[string][]string
	// Strict refuses a spacy export that holds a span whose edges fall
	// inside a token, before writing anything.
	Strict bool
	// Articles, when not empty, are the only articles exported (the
	// editor's "this article").
	Articles []uint64
	// Projects, when not nil, are the only projects exported: those the
	// requesting user may export (the server fills it in; the CLI, which
	// owns the file, leaves it nil).
	Projects map[uint64]bool
}

// SplitNames names the parts of a split of two or three ratios.
var SplitNames = map[int][]string{2: {"train", "test"}, 3: {"train", "dev", "test"}}

// PartName names part i of an n-way split.
func PartName(n, i int) string {
	if names, ok := SplitNames[n]; ok {
		return names[i]
	}
	return "part" + strconv.Itoa(i+1)
}

// ParseExportOptions reads options from string values (query parameters or
// flags): format, project, status, articles, labels, authors, from, to,
// clean, split, split_by, part, layer.
func ParseExportOptions(get func(string) string) (ExportOptions, error) {
	o := ExportOptions{Format: get("format"), Status: model.Status(get("status")), SplitBy: get("split_by"), Layer: get("layer")}
	if o.Layer == model.Gold {
		o.Layer = ""
	}
	if len(o.Layer) > 64 {
		return o, model.Errorf(model.EINVALID, "layer must be gold, all or an annotator's name")
	}
	if o.Layer == "all" && export.OneLayer(o.Format) {
		return o, model.Errorf(model.EINVALID, "a %s file holds one layer: export layer=gold or one annotator's", o.Format)
	}
	if o.Format == "" {
		o.Format = "jsonl"
	}
	if _, err := export.New(o.Format, io.Discard, export.Options{}); err != nil {
		return o, err
	}
	if p := get("project"); p != "" {
		id, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return o, model.Errorf(model.EINVALID, "project must be a project id, not %q", p)
		}
		o.Project = id
	}
	if o.Status != "" && !o.Status.Valid() {
		return o, model.Errorf(model.EINVALID, "unknown status %q (%s)", o.Status, model.Statuses)
	}
	for _, a := range SplitList(get("articles")) {
		id, err := strconv.ParseUint(a, 10, 64)
		if err != nil || id == 0 {
			return o, model.Errorf(model.EINVALID, "articles must list article ids, not %q", a)
		}
		o.Articles = append(o.Articles, id)
	}
	if len(o.Articles) > 10_000 {
		return o, model.Errorf(model.EINVALID, "articles lists %d ids; at most 10,000 (filter by project or status instead)", len(o.Articles))
	}
	for _, a := range SplitList(get("annotation_ids")) {
		id, err := strconv.ParseUint(a, 10, 64)
		if err != nil || id == 0 {
			return o, model.Errorf(model.EINVALID, "annotation_ids must list annotation ids, not %q", a)
		}
		o.AnnotationIDs = append(o.AnnotationIDs, id)
	}
	if len(o.AnnotationIDs) > 100_000 {
		return o, model.Errorf(model.EINVALID, "annotation_ids lists %d ids; at most 100,000 (export by the same filters instead)", len(o.AnnotationIDs))
	}
	o.Labels = SplitList(get("labels"))
	o.Authors = SplitList(get("authors"))
	var err error
	if o.From, err = parseDate(get("from"), false); err != nil {
		return o, err
	}
	if o.To, err = parseDate(get("to"), true); err != nil {
		return o, err
	}
	switch get("clean") {
	case "", "0", "false":
	case "1", "true":
		o.Clean = true
	default:
		return o, model.Errorf(model.EINVALID, "clean must be true or false")
	}
	switch get("strict") {
	case "", "0", "false":
	case "1", "true":
		o.Strict = true
	default:
		return o, model.Errorf(model.EINVALID, "strict must be true or false")
	}
	if s := get("split"); s != "" {
		if o.Split, err = export.ParseSplit(s); err != nil {
			return o, model.Errorf(model.EINVALID, "split: %v", err)
		}
	}
	switch o.SplitBy {
	case "", "id", "source":
	default:
		return o, model.Errorf(model.EINVALID, "split_by must be id or source")
	}
	if p := get("part"); p != "" {
		if o.Split == nil {
			return o, model.Errorf(model.EINVALID, "part needs split")
		}
		o.Part = -1
		for i := range o.Split {
			if p == PartName(len(o.Split), i) || p == strconv.Itoa(i) {
				o.Part = i
			}
		}
		if o.Part < 0 {
			return o, model.Errorf(model.EINVALID, "unknown part %q of a %d-way split", p, len(o.Split))
		}
	}
	return o, nil
}

// SplitList splits a comma-separated list (a query parameter, a flag),
// trimming each item and leaving out empty ones.
func SplitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseDate takes RFC 3339 or YYYY-MM-DD; a bare date as an upper bound
// means the end of that day.
func parseDate(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, model.Errorf(model.EINVALID, "date %q must be YYYY-MM-DD or RFC 3339", s)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// CheckExport refuses options that name what the database lacks: an
// unknown project, a label no project (or not the chosen one) has.
func CheckExport(db storage.Store, o ExportOptions) (map[uint64]model.Project, error) {
	projects := map[uint64]model.Project{}
	ps, err := db.Projects()
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if o.Projects == nil || o.Projects[p.ID] {
			projects[p.ID] = p
		}
	}
	if o.Project != 0 {
		if _, ok := projects[o.Project]; !ok {
			return nil, model.Errorf(model.ENOTFOUND, "project %d not found", o.Project)
		}
	}
	for _, l := range o.Labels {
		found := false
		for _, p := range projects {
			if _, ok := p.Label(l); ok && (o.Project == 0 || p.ID == o.Project) {
				found = true
			}
		}
		if !found {
			return nil, model.Errorf(model.EINVALID, "no project has a label %q", l)
		}
	}
	return projects, nil
}

// CheckExportFor is CheckExport for a: it narrows o to the projects a may
// export (ENOTFOUND or EFORBIDDEN for a project named that a may not), and
// returns the options to export with.
func (s *Service) CheckExportFor(a Actor, o ExportOptions) (ExportOptions, error) {
	if o.Project != 0 {
		if _, err := s.Project(a, o.Project, model.PermExport); err != nil {
			return o, err
		}
	}
	var err error
	if o.Projects, err = s.Allowed(a, model.PermExport); err != nil {
		return o, err
	}
	if o.Projects != nil && len(o.Projects) == 0 {
		return o, model.Errorf(model.EFORBIDDEN, "you may not export: that takes the reviewer or manager role in a project")
	}
	if _, err = CheckExport(s.store, o); err == nil {
		s.hooks.Exported(o.Format)
	}
	return o, err
}

// Export streams the articles that o selects to w, in o.Format. progress,
// when set, is called after each article with the number written so far.
func Export(db storage.Store, w io.Writer, o ExportOptions, progress func(n int)) error {
	projects, err := CheckExport(db, o)
	if err != nil {
		return err
	}
	enc, err := export.New(o.Format, w, export.Options{BaseURL: o.BaseURL})
	if err != nil {
		return err
	}
	n := 0
	err = eachDoc(db, o, projects, func(doc export.Doc) error {
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("export article %d: %w", doc.Article.ID, err)
		}
		n++
		if progress != nil {
			progress(n)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return enc.Close()
}

// Misaligned is the spans of a spaCy export whose edges fall inside a
// token (spaCy's char_span returns None for them): how many, and the
// first few, for a message.
type Misaligned struct {
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// CheckAlignment reads what o selects, as Export would write it, and
// counts the spans that do not fit the spaCy tokens. It runs before a
// spacy export, so that the count can go into a header and --strict can
// refuse before the first byte.
func CheckAlignment(db storage.Store, o ExportOptions) (Misaligned, error) {
	var m Misaligned
	projects, err := CheckExport(db, o)
	if err != nil {
		return m, err
	}
	err = eachDoc(db, o, projects, func(doc export.Doc) error {
		for _, an := range export.Misaligned(doc) {
			m.Count++
			if len(m.Examples) < 5 {
				m.Examples = append(m.Examples, fmt.Sprintf("article %d, %s %d-%d %q", doc.Article.ID, an.Label, an.Start, an.End, an.Text))
			}
		}
		return nil
	})
	return m, err
}

// Refusal is the error of a strict spacy export that holds misaligned
// spans, naming a few.
func (m Misaligned) Refusal() error {
	return model.Errorf(model.EINVALID, "%d span(s) do not fit spaCy's tokens (an edge falls inside a word), e.g. %s; snap them to words in the editor, or export without strict", m.Count, strings.Join(m.Examples, "; "))
}

// eachDoc calls fn with each document o selects, filtered and cleaned as
// the export writes it.
func eachDoc(db storage.Store, o ExportOptions, projects map[uint64]model.Project, fn func(export.Doc) error) error {
	layer := o.Layer
	if layer == "all" {
		layer = storage.AllLayers
	}
	f := storage.ArticleFilter{Project: o.Project, Status: o.Status, Projects: o.Projects, Layer: layer}
	return db.EachArticle(f, func(a model.Article, anns []model.Annotation) error {
		if len(o.Articles) > 0 && !slices.Contains(o.Articles, a.ID) {
			return nil
		}
		if len(o.AnnotationIDs) > 0 && !slices.ContainsFunc(anns, func(an model.Annotation) bool { return slices.Contains(o.AnnotationIDs, an.ID) }) {
			return nil // none of the selection is in it
		}
		if o.Split != nil {
			key := strconv.FormatUint(a.ID, 10)
			if o.SplitBy == "source" {
				key = a.Source
			}
			if export.SplitPart(key, o.Split) != o.Part {
				return nil
			}
		}
		rels := a.Relations
		a.Relations = nil // the Doc carries them
		if layer != "" {
			// Say which layer each span and relation is from; a gold-only
			// export stays as it always was.
			for i := range anns {
				if anns[i].Layer == "" {
					anns[i].Layer = model.Gold
				}
			}
			for i := range rels {
				if rels[i].Layer == "" {
					rels[i].Layer = model.Gold
				}
			}
		}
		// A relation whose end the filters below (or Clean) take out is
		// left out by the encoders.
		doc := export.Doc{Article: a, Annotations: anns, Relations: rels, Project: projects[a.Project]}
		if o.Clean {
			// Before the filters: the cuts are every BOILERPLATE span, even
			// when the export keeps only other labels.
			doc = export.Clean(doc)
		}
		doc.Annotations = slices.DeleteFunc(doc.Annotations, func(an model.Annotation) bool { return !o.keep(an) })
		return fn(doc)
	})
}

func (o ExportOptions) keep(an model.Annotation) bool {
	if len(o.Labels) > 0 && !slices.Contains(o.Labels, an.Label) {
		return false
	}
	if len(o.AnnotationIDs) > 0 && !slices.Contains(o.AnnotationIDs, an.ID) {
		return false
	}
	if !attrsMatch(o.Attrs, an) {
		return false
	}
	if len(o.Authors) > 0 && !slices.Contains(o.Authors, an.Author) {
		return false
	}
	if !o.From.IsZero() && an.UpdatedAt.Before(o.From) {
		return false
	}
	if !o.To.IsZero() && !an.UpdatedAt.Before(o.To) {
		return false
	}
	return true
}

// exportHandler streams GET /api/export. Options are checked before the
// first byte; an error after it can only cut the stream short (and is
// logged), since the status is sent by then.
