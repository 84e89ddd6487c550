package service

import (
	"slices"

	"github.com/gloss-dev/gloss/server/agreement"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// AgreementOptions narrow an agreement report: which labels (default:
// the project's, in schema order), which annotators (default: everyone
// who submitted a layer), which articles (default: all of the project).
type AgreementOptions struct {
	Labels     []string
	Annotators []string
	Articles   []uint64
}

// AgreementReport is GET /api/projects/:id/agreement: the figures, and
// the articles they cover with their titles (for the disagreement list).
type AgreementReport struct {
	agreement.Report
	Annotators []string `json:"annotators"` // compared, by name
	Submitted  int      `json:"submitted"`  // articles with at least one submitted layer
}

// Agreement measures how far the annotators of an independent project
// agree, on the layers they submitted (issue 10's definitions, in package
// agreement). Reviewers, managers and admins may read it.
func (s *Service) Agreement(a Actor, project uint64, o AgreementOptions) (AgreementReport, error) {
	p, arts, err := s.submittedLayers(a, project, o)
	if err != nil {
		return AgreementReport{}, err
	}
	labels, err := agreementLabels(p, o.Labels)
	if err != nil {
		return AgreementReport{}, err
	}
	rep := agreement.Compute(arts, agreement.Options{Labels: labels, Annotators: o.Annotators})
	out := AgreementReport{Report: rep, Annotators: o.Annotators, Submitted: len(arts)}
	if out.Annotators == nil {
		seen := map[string]bool{}
		for _, art := range arts {
			for n := range art.Layers {
				seen[n] = true
			}
		}
		for n := range seen {
			out.Annotators = append(out.Annotators, n)
		}
	}
	slices.Sort(out.Annotators)
	if out.Annotators == nil {
		out.Annotators = []string{}
	}
	return out, nil
}

// Disagreement is one article of GET .../agreement/articles: how many of
// its code points the annotators compared code differently.
type Disagreement struct {
	agreement.ArticleDisagreement
	Title string `json:"title"`
}

// Disagreements ranks the project's articles by how much annotators a and
// b disagree on label (a alone: a against everyone else; neither:
// everyone), most first: where a reviewer should look.
func (s *Service) Disagreements(a Actor, project uint64, label, x, y string, o AgreementOptions) ([]Disagreement, error) {
	p, arts, err := s.submittedLayers(a, project, o)
	if err != nil {
		return nil, err
	}
	if _, ok := p.Label(label); !ok {
		return nil, model.Errorf(model.EINVALID, "project %q has no label %q", p.Name, label)
	}
	if o.Annotators != nil {
		for i := range arts {
			for n := range arts[i].Layers {
				if !slices.Contains(o.Annotators, n) {
					delete(arts[i].Layers, n)
				}
			}
		}
	}
	titles, err := s.titles(project)
	if err != nil {
		return nil, err
	}
	out := []Disagreement{}
	for _, d := range agreement.Disagreements(arts, label, x, y) {
		out = append(out, Disagreement{ArticleDisagreement: d, Title: titles[d.Article]})
	}
	return out, nil
}

// submittedLayers reads the submitted layers of the project's articles.
func (s *Service) submittedLayers(a Actor, project uint64, o AgreementOptions) (model.Project, []agreement.Article, error) {
	p, err := s.Project(a, project, model.PermReview)
	if err != nil {
		return p, nil, err
	}
	if len(o.Articles) > 10_000 {
		return p, nil, model.Errorf(model.EINVALID, "articles lists %d ids; at most 10,000", len(o.Articles))
	}
	var arts []agreement.Article
	err = s.store.EachArticle(storage.ArticleFilter{Project: project, Layer: storage.AllLayers}, func(art model.Article, anns []model.Annotation) error {
		if len(o.Articles) > 0 && !slices.Contains(o.Articles, art.ID) {
			return nil
		}
		aa := agreement.Article{ID: art.ID, Length: art.Length, Layers: map[string][]agreement.LabeledSpan{}}
		for _, l := range art.Layers {
			if l.Status == model.LayerSubmitted {
				aa.Layers[l.Name] = []agreement.LabeledSpan{}
			}
		}
		if len(aa.Layers) == 0 {
			return nil
		}
		for _, an := range anns {
			if spans, ok := aa.Layers[an.Layer]; ok {
				aa.Layers[an.Layer] = append(spans, agreement.LabeledSpan{Start: an.Start, End: an.End, Label: an.Label})
			}
		}
		arts = append(arts, aa)
		return nil
	})
	return p, arts, err
}

// agreementLabels checks the labels asked for, or gives the project's.
func agreementLabels(p model.Project, want []string) ([]string, error) {
	if len(want) == 0 {
		for _, l := range p.Labels {
			want = append(want, l.Name)
		}
		return want, nil
	}
	for _, l := range want {
		if _, ok := p.Label(l); !ok {
			return nil, model.Errorf(model.EINVALID, "project %q has no label %q", p.Name, l)
		}
	}
	return want, nil
}

// titles maps the project's article ids to their titles.
func (s *Service) titles(project uint64) (map[uint64]string, error) {
	out := map[uint64]string{}
	for offset := 0; ; offset += 500 {
		as, total, err := s.store.Articles(storage.ArticleFilter{Project: project, Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			out[a.ID] = a.Title
		}
		if offset+500 >= total {
			return out, nil
		}
	}
}
