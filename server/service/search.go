package service

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// AnnotationQuery selects annotations across a project's articles: GET
// /api/annotations and the editor's Annotations view. Zero fields do not
// filter.
type AnnotationQuery struct {
	Project uint64
	Labels  []string
	// Attrs keeps annotations whose attribute NAME is one of the values
	// given for it ("attr.verdict=unverified").
	Attrs   map[string][]string
	Authors []string
	Status  model.Status // the article's
	// Q keeps annotations whose text holds it (NFC, case-folded).
	Q      string
	Layer  string // as ReadLayer: "" one's own default
	Offset int
	Limit  int // default 50, at most 500
}

// Found is one annotation of a search with where it stands: its article
// and the sentence around it.
type Found struct {
	model.Annotation
	Title  string `json:"title"`
	Before string `json:"before"` // the sentence's text before the span (at most 160 code points)
	After  string `json:"after"`  // and after it
}

// FoundPage is one page of a search, with how many match in all.
type FoundPage struct {
	Annotations []Found `json:"annotations"`
	Total       int     `json:"total"`
	Offset      int     `json:"offset"`
	Limit       int     `json:"limit"`
}

// ParseAnnotationQuery reads a query from string values (query
// parameters): project, label(s), attr.NAME, author(s), status, q, layer,
// offset, limit. attrs lists the attr.NAME keys given.
func ParseAnnotationQuery(get func(string) string, attrs []string) (AnnotationQuery, error) {
	q := AnnotationQuery{Labels: SplitList(get("label") + "," + get("labels")), Authors: SplitList(get("author") + "," + get("authors")),
		Status: model.Status(get("status")), Q: get("q"), Layer: get("layer"), Attrs: map[string][]string{}}
	if p := get("project"); p != "" {
		id, err := strconv.ParseUint(p, 10, 64)
		if err != nil || id == 0 {
			return q, model.Errorf(model.EINVALID, "project must be a project id, not %q", p)
		}
		q.Project = id
	}
	if q.Status != "" && !q.Status.Valid() {
		return q, model.Errorf(model.EINVALID, "unknown status %q (%s)", q.Status, model.Statuses)
	}
	for _, k := range attrs {
		name := strings.TrimPrefix(k, "attr.")
		q.Attrs[name] = SplitList(get(k))
	}
	for name, n := range map[string]*int{"offset": &q.Offset, "limit": &q.Limit} {
		if v := get(name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 0 {
				return q, model.Errorf(model.EINVALID, "%s must be a number of 0 or more, not %q", name, v)
			}
			*n = i
		}
	}
	if len(q.Q) > 2000 {
		return q, model.Errorf(model.EINVALID, "q must be at most 2000 bytes")
	}
	return q, nil
}

// SearchAnnotations finds the annotations a may see that q selects, in
// article order, then by start.
func (s *Service) SearchAnnotations(a Actor, q AnnotationQuery) (FoundPage, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 500)
	out := FoundPage{Annotations: []Found{}, Offset: q.Offset, Limit: q.Limit}
	f, err := s.Filter(a, storage.ArticleFilter{Project: q.Project, Status: q.Status}, model.PermView)
	if err != nil {
		return out, err
	}
	// Each project's layer for a: the filter may span several projects.
	layers := map[uint64]string{}
	ps, err := s.store.Projects()
	if err != nil {
		return out, err
	}
	for _, p := range ps {
		if f.Projects != nil && !f.Projects[p.ID] || q.Project != 0 && p.ID != q.Project {
			continue
		}
		l, err := ReadLayer(a, p, q.Layer)
		if err != nil {
			if q.Project != 0 {
				return out, err
			}
			continue // a layer name that means nothing in that project
		}
		layers[p.ID] = l
	}
	match := foldQuery(q.Q)
	keep := func(an model.Annotation) bool {
		if len(q.Labels) > 0 && !slices.Contains(q.Labels, an.Label) {
			return false
		}
		if len(q.Authors) > 0 && !slices.Contains(q.Authors, an.Author) {
			return false
		}
		if !attrsMatch(q.Attrs, an) {
			return false
		}
		return match == "" || strings.Contains(storage.Fold(an.Text), match)
	}
	// Layers differ by project: read each project's own.
	for pid, layer := range layers {
		pf := f
		pf.Project, pf.Projects, pf.Layer = pid, nil, layer
		err := s.store.EachArticle(pf, func(art model.Article, anns []model.Annotation) error {
			var ri *model.RuneIndex
			for _, an := range anns {
				if !keep(an) {
					continue
				}
				if out.Total >= q.Offset && len(out.Annotations) < q.Limit {
					if ri == nil {
						ri = model.NewRuneIndex(art.Text)
					}
					before, after := sentenceAround(ri, an.Start, an.End)
					out.Annotations = append(out.Annotations, Found{Annotation: an, Title: art.Title, Before: before, After: after})
				}
				out.Total++
			}
			return nil
		})
		if err != nil {
			return out, err
		}
	}
	slices.SortStableFunc(out.Annotations, func(x, y Found) int {
		if x.Article != y.Article {
			return int(x.Article) - int(y.Article)
		}
		return x.Start - y.Start
	})
	return out, nil
}

func foldQuery(q string) string { return storage.Fold(strings.TrimSpace(q)) }

// sentenceAround returns the text of the span's sentence before and after
// it: back to the last sentence end (. ! ? or a line break) and on to the
// next, at most 160 code points each way.
func sentenceAround(ri *model.RuneIndex, start, end int) (string, string) {
	const reach = 160
	from := max(0, start-reach)
	before := []rune(ri.Slice(from, start))
	for i := len(before) - 1; i >= 0; i-- {
		if before[i] == '\n' || i > 0 && strings.ContainsRune(".!?", before[i-1]) && unicode.IsSpace(before[i]) {
			before = before[i+1:]
			break
		}
	}
	after := []rune(ri.Slice(end, min(ri.Len(), end+reach)))
	for i, r := range after {
		if r == '\n' {
			after = after[:i]
			break
		}
		if strings.ContainsRune(".!?", r) && (i+1 == len(after) || unicode.IsSpace(after[i+1])) {
			after = after[:i+1]
			break
		}
	}
	return strings.TrimLeft(string(before), " \t"), string(after)
}

// attrsMatch reports whether an's attributes pass want: for each name,
// one of the values given, or any value when none is given.
func attrsMatch(want map[string][]string, an model.Annotation) bool {
	for name, vals := range want {
		if len(vals) == 0 && an.Attrs[name] == "" || len(vals) > 0 && !slices.Contains(vals, an.Attrs[name]) {
			return false
		}
	}
	return true
}
