package service

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/gloss-dev/gloss/server/htmltext"
	"github.com/gloss-dev/gloss/server/suggest"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Suggestion is one proposal as the API shows it: the detector's span,
// score and attributes, its id (stable while the text and the detector's
// answer stay), and its text.
type Suggestion struct {
	ID string `json:"id"`
	suggest.Suggestion
	Text string `json:"text"`
}

// SuggestOptions narrow what Suggestions returns.
type SuggestOptions struct {
	Labels   []string
	MinScore float64
	Layer    string // as ReadLayer
}

// suggestionID names a suggestion by what it proposes.
func suggestionID(s suggest.Suggestion) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s:%d:%d", s.Label, s.Start, s.End))
	return hex.EncodeToString(sum[:6])
}

// siteKey and modelKey are where storage keeps what was learned.
func siteKey(project uint64, site string) string { return fmt.Sprintf("site/%d/%s", project, site) }
func modelKey(project uint64) string             { return fmt.Sprintf("model/%d", project) }

// Suggestions proposes spans for an article: what the detectors find, as
// the site's memory and the project's model score them, without what was
// decided on it already (in a's layer), what the site rejected, and what
// an annotation of the same label in that layer covers already.
func (s *Service) Suggestions(a Actor, article uint64, o SuggestOptions) ([]Suggestion, error) {
	out, _, err := s.suggestions(a, article, o)
	return out, err
}

// suggestions is Suggestions, with the article read for them (its text
// and site), so that deciding one need not read it again.
func (s *Service) suggestions(a Actor, article uint64, o SuggestOptions) ([]Suggestion, model.Article, error) {
	p, layer, err := s.ArticleLayer(a, article, o.Layer, model.PermView)
	if err != nil {
		return nil, model.Article{}, err
	}
	art, err := s.store.Article(article)
	if err != nil {
		return nil, art, err
	}
	for _, l := range o.Labels {
		if _, ok := p.Label(l); !ok {
			return nil, art, model.Errorf(model.EINVALID, "project %q has no label %q", p.Name, l)
		}
	}
	ss, err := s.propose(p, art, o.Labels)
	if err != nil {
		return nil, art, err
	}
	decided, err := s.store.Decisions(article, layer)
	if err != nil {
		return nil, art, err
	}
	anns, err := s.store.Annotations(article, layer)
	if err != nil {
		return nil, art, err
	}
	out := []Suggestion{}
	for _, sg := range ss {
		id := suggestionID(sg)
		if slices.ContainsFunc(decided, func(d storage.Decision) bool { return d.ID == id }) ||
			sg.Score < o.MinScore || covered(anns, sg) {
			continue
		}
		if _, ok := p.Label(sg.Label); !ok {
			continue // the project's schema has no such label
		}
		out = append(out, Suggestion{ID: id, Suggestion: sg, Text: sliceText(art.Text, sg.Start, sg.End)})
	}
	return out, art, nil
}

// propose runs the detectors with what the project learned.
func (s *Service) propose(p model.Project, art model.Article, labels []string) ([]suggest.Suggestion, error) {
	blocks, err := s.blocks(art.ID)
	if err != nil {
		return nil, err
	}
	in := suggest.Input{Text: art.Text, Site: art.Source, Blocks: blocks}
	mem, err := s.siteMemory(p, art)
	if err != nil {
		return nil, err
	}
	ss := suggest.Run(in, labels, mem)
	m, err := s.projectModel(p.ID)
	if err != nil {
		return nil, err
	}
	m.Rescore(ss)
	return ss, nil
}

// siteMemory is what the site's other pages teach: the decisions stored
// for it, and up to 50 of its other articles' gold layers (labelled by
// hand, by label-text or by accepting): their BOILERPLATE lines, the
// BOILERPLATE suggestions rejected on them, their blocks (so that the
// site's template is known by its paths), and, on an article marked done
// or reviewed, its other lines as the article's.
func (s *Service) siteMemory(p model.Project, art model.Article) (*suggest.SiteMemory, error) {
	if art.Source == "" {
		return nil, nil
	}
	mem := suggest.NewSiteMemory(art.Source)
	if raw, err := s.store.Learned(siteKey(p.ID, art.Source)); err != nil {
		return nil, err
	} else if raw != nil {
		if err := json.Unmarshal(raw, mem); err != nil {
			return nil, fmt.Errorf("site memory of %s: %w", art.Source, err)
		}
	}
	others, _, err := s.store.Articles(storage.ArticleFilter{Project: p.ID, Source: art.Source, Limit: 51})
	if err != nil {
		return nil, err
	}
	for _, o := range others {
		if o.ID == art.ID {
			continue
		}
		page, err := s.labelledPage(o)
		if err != nil {
			return nil, err
		}
		if len(page.Spans) > 0 || len(page.Rejected) > 0 {
			mem.LearnPage(page)
		}
	}
	return mem, nil
}

// labelledPage is what an article's gold layer teaches its site's memory
// (no text when it has no BOILERPLATE to teach).
func (s *Service) labelledPage(o model.Article) (suggest.LabelledPage, error) {
	var page suggest.LabelledPage
	cached := s.sitePages.get(o)
	if cached == nil {
		anns, err := s.store.Annotations(o.ID, "")
		if err != nil {
			return page, err
		}
		cached = &sitePage{version: o.Version}
		for _, an := range anns {
			if an.Label == "BOILERPLATE" {
				cached.spans = append(cached.spans, suggest.Span{Label: an.Label, Start: an.Start, End: an.End})
			}
		}
		s.sitePages.put(o.ID, cached)
	}
	page.Spans = cached.spans
	decided, err := s.store.Decisions(o.ID, "")
	if err != nil {
		return page, err
	}
	for _, d := range decided {
		if d.Label == "BOILERPLATE" && !d.Accepted {
			page.Rejected = append(page.Rejected, suggest.Span{Label: d.Label, Start: d.Start, End: d.End})
		}
	}
	if len(page.Spans) == 0 && len(page.Rejected) == 0 {
		return page, nil
	}
	// Done with no BOILERPLATE at all may well mean nobody looked for it.
	page.Complete = len(page.Spans) > 0 && (o.Status == model.StatusDone || o.Status == model.StatusReviewed)
	if !cached.loaded {
		full, err := s.store.Article(o.ID)
		if err != nil {
			return page, err
		}
		blocks, err := s.blocks(o.ID)
		if err != nil {
			return page, err
		}
		cached = &sitePage{version: cached.version, spans: cached.spans, loaded: true, text: full.Text, blocks: blocks}
		s.sitePages.put(o.ID, cached)
	}
	page.Text, page.Blocks = cached.text, cached.blocks
	return page, nil
}

// blocks reads the block structure stored with an imported page (nil for
// an article that came as text).
func (s *Service) blocks(article uint64) ([]htmltext.Block, error) {
	raw, err := s.store.Blocks(article)
	if err != nil || raw == nil {
		return nil, err
	}
	var out []htmltext.Block
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("article %d's blocks: %w", article, err)
	}
	return out, nil
}

// projectModel reads the project's learned model (untrained when none).
func (s *Service) projectModel(project uint64) (*suggest.Model, error) {
	m := suggest.NewModel()
	raw, err := s.store.Learned(modelKey(project))
	if err != nil || raw == nil {
		return m, err
	}
	return m, json.Unmarshal(raw, m)
}

// covered reports whether an annotation of the suggestion's label covers
// its span: the suggestion is done already.
func covered(anns []model.Annotation, sg suggest.Suggestion) bool {
	return slices.ContainsFunc(anns, func(an model.Annotation) bool {
		return an.Label == sg.Label && an.Start <= sg.Start && sg.End <= an.End
	})
}

func sliceText(text string, start, end int) string {
	return model.NewRuneIndex(text).Slice(start, end)
}

// Decide accepts or rejects one of an article's suggestions, by id, as a.
// An accept creates the annotation (author a, attrs.suggested_by the
// detector, live in every editor); both teach the site's memory and the
// project's model.
func (s *Service) Decide(a Actor, article uint64, id string, accept bool, layer string) (Suggestion, *model.Annotation, error) {
	ss, art, err := s.suggestions(a, article, SuggestOptions{Layer: layer})
	if err != nil {
		return Suggestion{}, nil, err
	}
	i := slices.IndexFunc(ss, func(x Suggestion) bool { return x.ID == id })
	if i < 0 {
		return Suggestion{}, nil, model.Errorf(model.ENOTFOUND, "suggestion %s not found in article %d (decided already, covered by an annotation, or the text's suggestions changed)", id, article)
	}
	sg := ss[i]
	ann, err := s.decide(a, art, layer, sg, accept)
	return sg, ann, err
}

// AcceptAll accepts every open suggestion of label with at least minScore.
func (s *Service) AcceptAll(a Actor, article uint64, label string, minScore float64, layer string) (int, error) {
	if label == "" {
		return 0, model.Errorf(model.EINVALID, "name the label to accept: {\"label\":\"BOILERPLATE\",\"min_score\":0.8}")
	}
	ss, art, err := s.suggestions(a, article, SuggestOptions{Labels: []string{label}, MinScore: minScore, Layer: layer})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sg := range ss {
		if _, err := s.decide(a, art, layer, sg, true); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (s *Service) decide(a Actor, art model.Article, layer string, sg Suggestion, accept bool) (*model.Annotation, error) {
	article := art.ID
	p, err := s.ArticleProject(a, article, model.PermAnnotate)
	if err != nil {
		return nil, err
	}
	stored, err := WriteLayer(a, p, layer)
	if err != nil {
		return nil, err
	}
	d := storage.Decision{ID: sg.ID, Accepted: accept, By: a.Name, At: time.Now().UTC().Format(time.RFC3339),
		Label: sg.Label, Start: sg.Start, End: sg.End, Layer: stored}
	var ann *model.Annotation
	if accept {
		attrs := map[string]string{}
		for k, v := range sg.Attrs {
			attrs[k] = v
		}
		if l, ok := p.Label(sg.Label); ok {
			attrs = model.KnownAttrs(l, attrs)
		}
		attrs[model.AttrSuggestedBy] = sg.Detector
		c := model.Change{Action: model.ActionCreate, Start: &sg.Start, End: &sg.End, Label: &sg.Label, Attrs: attrs}
		if err := s.Authorize(a, article, layerName(stored), &c); err != nil {
			return nil, err
		}
		op, err := s.store.Apply(article, c)
		if err != nil {
			return nil, err
		}
		s.hooks.Published(article)
		ann = &op.Annotation
		d.Created = op.Annotation.ID
	}
	if err := s.store.Decide(article, d); err != nil {
		return ann, err
	}
	return ann, s.learn(p, art.Source, sg, accept)
}

// layerName turns a stored layer name back into one WriteLayer takes.
func layerName(stored string) string {
	if stored == "" {
		return model.Gold
	}
	return stored
}

// learn teaches the site's memory (site: the article's source) and the
// project's model one decision.
func (s *Service) learn(p model.Project, site string, sg Suggestion, accept bool) error {
	if site != "" {
		err := s.store.UpdateLearned(siteKey(p.ID, site), func(old []byte) ([]byte, error) {
			mem := suggest.NewSiteMemory(site)
			if old != nil {
				if err := json.Unmarshal(old, mem); err != nil {
					return nil, err
				}
			}
			mem.Decide(sg.Label, sg.Text, accept)
			return json.Marshal(mem)
		})
		if err != nil {
			return err
		}
	}
	return s.store.UpdateLearned(modelKey(p.ID), func(old []byte) ([]byte, error) {
		m := suggest.NewModel()
		if old != nil {
			if err := json.Unmarshal(old, m); err != nil {
				return nil, err
			}
		}
		m.Observe(sg.Suggestion, accept)
		return json.Marshal(m)
	})
}

// Learned is what a project learned: its model and its sites' memories.
type Learned struct {
	Model *suggest.Model                 `json:"model"`
	Sites map[string]*suggest.SiteMemory `json:"sites"`
}

// Explain returns what project learned (reviewers and up).
func (s *Service) Explain(a Actor, project uint64) (Learned, error) {
	if _, err := s.Project(a, project, model.PermReview); err != nil {
		return Learned{}, err
	}
	out := Learned{Sites: map[string]*suggest.SiteMemory{}}
	var err error
	if out.Model, err = s.projectModel(project); err != nil {
		return out, err
	}
	keys, err := s.store.LearnedKeys(fmt.Sprintf("site/%d/", project))
	if err != nil {
		return out, err
	}
	for _, k := range keys {
		raw, err := s.store.Learned(k)
		if err != nil {
			return out, err
		}
		mem := suggest.NewSiteMemory("")
		if err := json.Unmarshal(raw, mem); err != nil {
			return out, err
		}
		out.Sites[mem.Site] = mem
	}
	return out, nil
}

// ForgetLearned resets what project learned (managers and up): the model
// and every site's memory. Decisions on articles stay.
func (s *Service) ForgetLearned(a Actor, project uint64) (int, error) {
	if _, err := s.Project(a, project, model.PermEditProject); err != nil {
		return 0, err
	}
	n, err := s.store.ForgetLearned(fmt.Sprintf("site/%d/", project))
	if err != nil {
		return n, err
	}
	m, err := s.store.ForgetLearned(modelKey(project))
	return n + m, err
}

// StoreBlocks keeps an imported page's block structure for the
// detectors.
func (s *Service) StoreBlocks(article uint64, blocks []htmltext.Block) error {
	raw, err := json.Marshal(blocks)
	if err != nil {
		return err
	}
	return s.store.PutBlocks(article, raw)
}
