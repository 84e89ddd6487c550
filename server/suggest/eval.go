package suggest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/gloss-dev/gloss/server/htmltext"
)

// The evaluation set (testdata/suggest, RULES.md there) is saved pages of
// made-up sites, each NAME.html with NAME.gold.json naming its labelled
// spans by their text in the page's extracted text. This file loads it and
// scores detectors against it; `gloss bench suggest` prints the figures
// README reports.

// GoldPage is one page of the set with its gold spans as offsets.
type GoldPage struct {
	Site, Lang, Name string
	Page             htmltext.Page
	Gold             []GoldSpan
}

// GoldSpan is one labelled span; Speaker is a QUOTE's ("" for none).
type GoldSpan struct {
	Label      string
	Start, End int
	Speaker    string
}

type goldFile struct {
	Site     string `json:"site"`
	Language string `json:"language"`
	Labels   []struct {
		Label      string  `json:"label"`
		Text       string  `json:"text"`
		Occurrence int     `json:"occurrence"`
		Speaker    *string `json:"speaker"`
	} `json:"labels"`
}

// LoadSet reads every DIR/NAME.html (and DIR/*/NAME.html) with its
// NAME.gold.json, pages sorted by site, then name. A gold text that the
// page's text does not hold is an error naming it.
func LoadSet(dir string) ([]GoldPage, error) {
	top, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return nil, err
	}
	nested, _ := filepath.Glob(filepath.Join(dir, "*", "*.html"))
	files := append(top, nested...)
	var out []GoldPage
	for _, f := range files {
		raw, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".gold.json")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		var g goldFile
		if err := json.Unmarshal(raw, &g); err != nil {
			return nil, fmt.Errorf("%s.gold.json: %w", f, err)
		}
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		page, err := htmltext.Parse(r, f)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		gp := GoldPage{Site: g.Site, Lang: g.Language, Name: filepath.Base(f), Page: page}
		if gp.Site == "" {
			gp.Site = filepath.Base(filepath.Dir(f))
		}
		text := []rune(loosen(page.Text))
		for _, l := range g.Labels {
			start := find(text, []rune(loosen(l.Text)), max(l.Occurrence, 1))
			if start < 0 {
				return nil, fmt.Errorf("%s: gold %s %q (occurrence %d) is not in the page's text", f, l.Label, l.Text, max(l.Occurrence, 1))
			}
			s := GoldSpan{Label: l.Label, Start: start, End: start + len([]rune(l.Text))}
			if l.Speaker != nil {
				s.Speaker = *l.Speaker
			}
			gp.Gold = append(gp.Gold, s)
		}
		out = append(out, gp)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no pages under %s", dir)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Site != out[j].Site {
			return out[i].Site < out[j].Site
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// loosen maps non-breaking and other spaces to a plain space, one for
// one, so that gold written with plain spaces finds its text.
func loosen(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// find returns the code point offset of the nth occurrence of sub in s.
func find(s, sub []rune, nth int) int {
	if len(sub) == 0 {
		return -1
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		match := true
		for j := range sub {
			if s[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			if nth--; nth == 0 {
				return i
			}
		}
	}
	return -1
}

// Score is precision, recall and F1 from counts.
type Score struct {
	TP, FP, FN int
	// SpeakerRight counts matched QUOTEs whose speaker is right.
	SpeakerRight int
}

// P, R and F1 of the score (0 where undefined).
func (s Score) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R is the recall.
func (s Score) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of P and R.
func (s Score) F1() float64 { return ratio(2*s.TP, 2*s.TP+s.FP+s.FN) }

// SpeakerAccuracy is the share of matched QUOTEs with the right speaker.
func (s Score) SpeakerAccuracy() float64 { return ratio(s.SpeakerRight, s.TP) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Add sums two scores.
func (s Score) Add(o Score) Score {
	return Score{s.TP + o.TP, s.FP + o.FP, s.FN + o.FN, s.SpeakerRight + o.SpeakerRight}
}

// ScoreBoilerplate counts code points: BOILERPLATE is a property of text,
// so its F1 is over the page's non-space code points inside a gold span,
// a suggested one, or both.
func ScoreBoilerplate(p GoldPage, got []Suggestion) Score {
	text := []rune(p.Page.Text)
	mark := func(spans func(yield func(start, end int))) []bool {
		in := make([]bool, len(text))
		spans(func(start, end int) {
			for i := max(start, 0); i < min(end, len(text)); i++ {
				in[i] = true
			}
		})
		return in
	}
	gold := mark(func(y func(int, int)) {
		for _, g := range p.Gold {
			if g.Label == "BOILERPLATE" {
				y(g.Start, g.End)
			}
		}
	})
	pred := mark(func(y func(int, int)) {
		for _, s := range got {
			if s.Label == "BOILERPLATE" {
				y(s.Start, s.End)
			}
		}
	})
	var s Score
	for i, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		switch {
		case gold[i] && pred[i]:
			s.TP++
		case pred[i]:
			s.FP++
		case gold[i]:
			s.FN++
		}
	}
	return s
}

// ScoreSpans counts spans of label: a suggestion matches a gold span with
// the same text once spaces and the punctuation at either end are
// trimmed from both (one to one); for QUOTE, SpeakerRight counts matches
// whose speaker is the gold one, case and spacing aside.
func ScoreSpans(p GoldPage, got []Suggestion, label string) Score {
	text := []rune(p.Page.Text)
	key := func(start, end int) string {
		return strings.TrimFunc(loosen(string(text[max(start, 0):min(end, len(text))])), func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r)
		})
	}
	golds := map[string][]GoldSpan{}
	n := 0
	for _, g := range p.Gold {
		if g.Label == label {
			k := key(g.Start, g.End)
			golds[k] = append(golds[k], g)
			n++
		}
	}
	var s Score
	for _, sg := range got {
		if sg.Label != label {
			continue
		}
		k := key(sg.Start, sg.End)
		if gs := golds[k]; len(gs) > 0 {
			s.TP++
			if strings.EqualFold(strings.Join(strings.Fields(gs[0].Speaker), " "), strings.Join(strings.Fields(sg.Attrs["speaker"]), " ")) {
				s.SpeakerRight++
			}
			golds[k] = gs[1:]
		} else {
			s.FP++
		}
	}
	s.FN = n - s.TP
	return s
}

// InputOf is the detectors' input for a page of the set.
func InputOf(p GoldPage) Input {
	return Input{Text: p.Page.Text, Blocks: p.Page.Blocks, Site: p.Site, Lang: p.Lang}
}

// Labelled is a page of the set as LearnPage takes it: labelled whole.
func Labelled(p GoldPage) LabelledPage {
	lp := LabelledPage{Text: p.Page.Text, Blocks: p.Page.Blocks, Complete: true}
	for _, g := range p.Gold {
		lp.Spans = append(lp.Spans, Span{Label: g.Label, Start: g.Start, End: g.End})
	}
	return lp
}

// Row is one line of the evaluation's table.
type Row struct {
	What  string // e.g. "BOILERPLATE alone", "QUOTE, all detectors"
	Label string
	Pages int
	Score Score
}

// Evaluate runs the detectors over the set and scores them: each label's
// detector alone and all together, over every page; and BOILERPLATE on
// each site's pages after its first two, before and after learning from
// those two pages' gold (as a desk would label its first pages of a site
// by hand).
func Evaluate(pages []GoldPage) []Row {
	var rows []Row
	score := func(label string, p GoldPage, got []Suggestion) Score {
		if label == "BOILERPLATE" {
			return ScoreBoilerplate(p, got)
		}
		return ScoreSpans(p, got, label)
	}
	for _, label := range Labels {
		var alone, all Score
		for _, p := range pages {
			alone = alone.Add(score(label, p, Run(InputOf(p), []string{label}, nil)))
			all = all.Add(score(label, p, Run(InputOf(p), nil, nil)))
		}
		rows = append(rows, Row{label + " alone", label, len(pages), alone}, Row{label + ", all detectors", label, len(pages), all})
	}
	return append(rows, EvaluateLearning(pages)...)
}

// The rows of EvaluateLearning, by What.
const (
	RowBefore   = "BOILERPLATE, pages 3+ of each site, before learning"
	RowAfter    = "BOILERPLATE, pages 3+ of each site, after learning from pages 1-2"
	RowLabelled = "BOILERPLATE, pages 3+ of each site, after learning from pages 1-2's BOILERPLATE alone"
	RowPairs    = "BOILERPLATE, every pair of a site's pages learned, the others measured"
)

// EvaluateLearning measures per-site learning as a desk meets it: a
// site's pages in name order, the first two labelled whole, BOILERPLATE
// on the rest (pages 3+) before learning, after learning from those two
// (RowAfter: the goal), and after learning only their BOILERPLATE lines,
// as from pages nobody marked done (RowLabelled). RowPairs learns from
// every pair of a site's pages in turn and measures the site's other
// pages each time: the same question, less bound to which two pages come
// first. Sites of fewer than three pages are left out. Each row is also
// given per site, its What "SITE: " and the row's without "BOILERPLATE, "
// and "of each site".
func EvaluateLearning(pages []GoldPage) []Row {
	bySite := map[string][]GoldPage{}
	var sites []string
	for _, p := range pages {
		if bySite[p.Site] == nil {
			sites = append(sites, p.Site)
		}
		bySite[p.Site] = append(bySite[p.Site], p)
	}
	learn := func(site string, ps []GoldPage, complete bool) *SiteMemory {
		mem := NewSiteMemory(site)
		for _, p := range ps {
			lp := Labelled(p)
			lp.Complete = complete
			mem.LearnPage(lp)
		}
		return mem
	}
	measure := func(ps []GoldPage, mem *SiteMemory) (s Score) {
		for _, p := range ps {
			s = s.Add(ScoreBoilerplate(p, Boilerplate(InputOf(p), mem)))
		}
		return s
	}
	whats := []string{RowBefore, RowAfter, RowLabelled, RowPairs}
	total := make([]Row, len(whats))
	for i, w := range whats {
		total[i] = Row{What: w, Label: "BOILERPLATE"}
	}
	var perSite []Row
	for _, site := range sites {
		ps := bySite[site]
		if len(ps) < 3 {
			continue
		}
		rest := ps[2:]
		scores := []Score{measure(rest, nil), measure(rest, learn(site, ps[:2], true)), measure(rest, learn(site, ps[:2], false)), {}}
		pairPages := 0
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				var others []GoldPage
				for k, p := range ps {
					if k != i && k != j {
						others = append(others, p)
					}
				}
				scores[3] = scores[3].Add(measure(others, learn(site, []GoldPage{ps[i], ps[j]}, true)))
				pairPages += len(others)
			}
		}
		for i, w := range whats {
			n := len(rest)
			if i == 3 {
				n = pairPages
			}
			short := strings.Replace(strings.TrimPrefix(w, "BOILERPLATE, "), " of each site", "", 1)
			perSite = append(perSite, Row{What: site + ": " + short, Label: "BOILERPLATE", Pages: n, Score: scores[i]})
			total[i].Pages += n
			total[i].Score = total[i].Score.Add(scores[i])
		}
	}
	return append(total, perSite...)
}
