package suggest

import (
	"math"
	"sort"
	"strconv"
)

// What the team's work teaches the detectors, in two parts:
//
//   - a SiteMemory per site: the lines people labelled or accepted as
//     BOILERPLATE on the site's pages (proposed at 0.99 on its other
//     pages), and the suggestions they rejected there (never proposed
//     again on that site);
//   - a Model per project: a logistic regression per label over the
//     detectors' features, trained online by each accept (1) and reject
//     (0), whose probability is blended with the detector's own score as
//     it earns trust.
//
// Both are plain values that marshal to JSON: storage keeps them in
// bbolt, `gloss suggest --explain` prints them, a reset deletes them.

// Verdict is what a site memory says of a line.
type Verdict int

// Verdicts.
const (
	Unknown   Verdict = iota
	Learned           // labelled or accepted as BOILERPLATE on the site
	Unlearned         // rejected as BOILERPLATE on the site
)

// SiteMemory is what the team taught gloss about one site.
type SiteMemory struct {
	Site string `json:"site"`
	// Lines counts, by line key hash (LineKey, then FNV-64a, in hex),
	// how often the line was marked boilerplate (Yes) and rejected (No).
	Lines map[string]*Count `json:"lines"`
	// Rejected holds the suggestions of other labels rejected on the
	// site, by label and line key of their text.
	Rejected map[string]bool `json:"rejected"`
	Pages    int             `json:"pages"` // pages learned from
}

// Count is a line's tally.
type Count struct {
	Yes int `json:"yes"`
	No  int `json:"no"`
}

// NewSiteMemory returns an empty memory for site.
func NewSiteMemory(site string) *SiteMemory {
	return &SiteMemory{Site: site, Lines: map[string]*Count{}, Rejected: map[string]bool{}}
}

func hashKey(key string) string { return strconv.FormatUint(lineHash(key), 16) }

// Verdict says whether a line (by LineKey) was taught as boilerplate.
func (m *SiteMemory) Verdict(key string) Verdict {
	c := m.Lines[hashKey(key)]
	switch {
	case c == nil:
		return Unknown
	case c.Yes > c.No:
		return Learned
	case c.No > c.Yes:
		return Unlearned
	}
	return Unknown
}

// Span is a labelled span of an article, for learning.
type Span struct {
	Label      string
	Start, End int
}

// LearnPage takes in the BOILERPLATE spans of one page: every line lying
// whole inside one is boilerplate on the site.
func (m *SiteMemory) LearnPage(text string, spans []Span) {
	n := 0
	for _, l := range linesOf(Input{Text: text}) {
		for _, s := range spans {
			if s.Label == "BOILERPLATE" && s.Start <= l.start && l.end <= s.End {
				m.tally(l.norm, true)
				n++
				break
			}
		}
	}
	if n > 0 {
		m.Pages++
	}
}

// Decide records one accept or reject of a suggestion whose text is text.
// A BOILERPLATE decision teaches each of its lines; a rejection of another
// label keeps that suggestion away from the site.
func (m *SiteMemory) Decide(label, text string, accepted bool) {
	if label == "BOILERPLATE" {
		for _, l := range linesOf(Input{Text: text}) {
			m.tally(l.norm, accepted)
		}
		return
	}
	key := label + "\x00" + LineKey(text)
	if accepted {
		delete(m.Rejected, key)
	} else {
		m.Rejected[key] = true
	}
}

// WasRejected reports whether a suggestion of label with text was
// rejected on the site.
func (m *SiteMemory) WasRejected(label, text string) bool {
	return m.Rejected[label+"\x00"+LineKey(text)]
}

func (m *SiteMemory) tally(key string, yes bool) {
	h := hashKey(key)
	c := m.Lines[h]
	if c == nil {
		c = &Count{}
		m.Lines[h] = c
	}
	if yes {
		c.Yes++
	} else {
		c.No++
	}
}

// Model is a project's learned scoring: per label, a logistic regression
// over the detectors' features.
type Model struct {
	Labels map[string]*LabelModel `json:"labels"`
}

// LabelModel is one label's regression and how much it has seen.
type LabelModel struct {
	Weights  map[string]float64 `json:"weights"`
	Bias     float64            `json:"bias"`
	Accepted int                `json:"accepted"`
	Rejected int                `json:"rejected"`
}

// NewModel returns an untrained model.
func NewModel() *Model { return &Model{Labels: map[string]*LabelModel{}} }

// learnRate is the step of each online update.
const learnRate = 0.3

// Observe trains the label's regression on one decision.
func (m *Model) Observe(s Suggestion, accepted bool) {
	lm := m.Labels[s.Label]
	if lm == nil {
		lm = &LabelModel{Weights: map[string]float64{}}
		m.Labels[s.Label] = lm
	}
	y := 0.0
	if accepted {
		y = 1
		lm.Accepted++
	} else {
		lm.Rejected++
	}
	x := withScore(s)
	err := y - lm.prob(x)
	lm.Bias += learnRate * err
	for k, v := range x {
		lm.Weights[k] += learnRate * err * v
	}
}

// withScore adds the detector's own score to the features.
func withScore(s Suggestion) map[string]float64 {
	x := make(map[string]float64, len(s.Features)+1)
	for k, v := range s.Features {
		x[k] = v
	}
	x["detector_score"] = s.Score
	return x
}

func (lm *LabelModel) prob(x map[string]float64) float64 {
	z := lm.Bias
	for k, v := range x {
		z += lm.Weights[k] * v
	}
	return sigmoid(z)
}

// Rescore blends each suggestion's score with the model's probability,
// weighing the model by how many decisions it learned from (half at 20,
// most at 100): a handful of clicks cannot overturn the detectors.
func (m *Model) Rescore(ss []Suggestion) {
	if m == nil {
		return
	}
	for i, s := range ss {
		lm := m.Labels[s.Label]
		if lm == nil {
			continue
		}
		n := float64(lm.Accepted + lm.Rejected)
		trust := n / (n + 20)
		ss[i].Score = round3((1-trust)*s.Score + trust*lm.prob(withScore(s)))
	}
}

// Explain lists a label's heaviest weights, largest magnitude first.
func (lm *LabelModel) Explain(n int) []struct {
	Feature string
	Weight  float64
} {
	type fw = struct {
		Feature string
		Weight  float64
	}
	var out []fw
	for k, v := range lm.Weights {
		out = append(out, fw{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if math.Abs(out[i].Weight) != math.Abs(out[j].Weight) {
			return math.Abs(out[i].Weight) > math.Abs(out[j].Weight)
		}
		return out[i].Feature < out[j].Feature
	})
	return out[:min(n, len(out))]
}
