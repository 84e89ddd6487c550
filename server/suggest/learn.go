package suggest

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/gloss-dev/gloss/server/htmltext"
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
	Article           // the article's own text on the site's labelled pages
)

// SiteMemory is what the team taught gloss about one site.
type SiteMemory struct {
	Site string `json:"site"`
	// Lines counts, by line key hash (LineKey, then FNV-64a, in hex),
	// how often the line was marked boilerplate (Yes), rejected (No) and
	// left as the article's text on a page labelled whole (Article).
	Lines map[string]*Count `json:"lines"`
	// Rejected holds the suggestions of other labels rejected on the
	// site, by label and line key of their text.
	Rejected map[string]bool `json:"rejected"`
	Pages    int             `json:"pages"` // pages learned from

	// The site's template as its labelled pages show it, learned again
	// from the pages whenever the memory is built (LearnPage), never
	// stored: by hash of a suffix of a block's tag path (stepsOf), lines
	// counted; by hash of a line's shape and of its first and last two
	// words (shapesOf), pages counted.
	paths, shapes map[uint64]*Count
}

// Count is a line's tally.
type Count struct {
	Yes     int `json:"yes"`
	No      int `json:"no"`
	Article int `json:"article,omitempty"`
}

// NewSiteMemory returns an empty memory for site.
func NewSiteMemory(site string) *SiteMemory {
	return &SiteMemory{Site: site, Lines: map[string]*Count{}, Rejected: map[string]bool{},
		paths: map[uint64]*Count{}, shapes: map[uint64]*Count{}}
}

func hashKey(key string) string { return strconv.FormatUint(lineHash(key), 16) }

// Verdict says whether a line (by LineKey) was taught as boilerplate. A
// line that was boilerplate on one page and the article's on another
// (a teaser of the other page's headline) is Unknown.
func (m *SiteMemory) Verdict(key string) Verdict {
	c := m.Lines[hashKey(key)]
	switch {
	case c == nil:
		return Unknown
	case c.No > c.Yes:
		return Unlearned
	case c.Yes > c.No && c.Article == 0:
		return Learned
	case c.Yes == 0 && c.Article > 0:
		return Article
	}
	return Unknown
}

// timesLearned is how often the line was marked boilerplate on the site.
func (m *SiteMemory) timesLearned(key string) int {
	if c := m.Lines[hashKey(key)]; c != nil {
		return c.Yes
	}
	return 0
}

// Span is a labelled span of an article, for learning.
type Span struct {
	Label      string
	Start, End int
}

// LabelledPage is one of a site's pages as people labelled it, for
// LearnPage.
type LabelledPage struct {
	Text   string
	Blocks []htmltext.Block // the page's blocks when it was saved HTML, else nil
	Spans  []Span           // its annotations: the BOILERPLATE ones are read
	// Rejected are BOILERPLATE suggestions people rejected on the page:
	// their lines are article text, whether or not the page is Complete.
	Rejected []Span
	// Complete says every line of the page was looked at (the page was
	// marked done or reviewed): a line outside the BOILERPLATE spans is
	// then the article's. Lines of a page half done teach nothing but
	// what was labelled on it.
	Complete bool
}

// LearnPage takes in one labelled page of the site. Every line lying
// whole inside a BOILERPLATE span is boilerplate on the site, and so are
// its block's path and its shape; on a Complete page every other line,
// path and shape is the article's.
func (m *SiteMemory) LearnPage(p LabelledPage) {
	if m.paths == nil {
		m.paths, m.shapes = map[uint64]*Count{}, map[uint64]*Count{}
	}
	n := 0
	// A shape counts once a page: a template's line is on every page, a
	// shape that one page repeats is not a template's for that.
	type seen struct {
		h      uint64
		boiler bool
	}
	perPage := map[seen]bool{}
	lines := splitLines(Input{Text: p.Text, Blocks: p.Blocks})
	boiler := make([]bool, len(lines))
	boilerKeys := map[uint64]bool{} // of the boilerplate lines' paths
	for i, l := range lines {
		if boiler[i] = covers(p.Spans, "BOILERPLATE", l); boiler[i] && l.hasBlock && !p.Complete {
			pathKeys(l.block.Path, func(h uint64) { boilerKeys[h] = true })
		}
	}
	for i, l := range lines {
		boiler := boiler[i]
		if !boiler && !p.Complete && !covers(p.Rejected, "", l) {
			// On a page half done, a path left unlabelled beside
			// boilerplate of the same path (the body's paragraphs beside
			// an in-body "Advertisement") is not all chrome.
			if l.hasBlock {
				pathKeys(l.block.Path, func(h uint64) {
					if boilerKeys[h] {
						bump(m.paths, h, false)
					}
				})
			}
			continue
		}
		if boiler {
			n++
		}
		m.tally(l.norm, boiler, !boiler)
		if l.hasBlock {
			pathKeys(l.block.Path, func(h uint64) { bump(m.paths, h, boiler) })
		}
		shapesOf(l.norm, func(h uint64, _ bool) {
			if k := (seen{h, boiler}); !perPage[k] {
				perPage[k] = true
				bump(m.shapes, h, boiler)
			}
		})
	}
	if n > 0 {
		m.Pages++
	}
}

// pathKeys calls fn with the keys a line in the block at path is counted
// under: its path's every suffix and its skeleton (stepsOf).
func pathKeys(path string, fn func(h uint64)) {
	fn(stepsOf(path, func(h uint64, _ int, _ bool) { fn(h) }))
}

// covers reports whether a span of label ("": any) holds the line whole.
func covers(spans []Span, label string, l line) bool {
	for _, s := range spans {
		if (label == "" || s.Label == label) && s.Start <= l.start && l.end <= s.End {
			return true
		}
	}
	return false
}

func bump(counts map[uint64]*Count, h uint64, boiler bool) {
	c := counts[h]
	if c == nil {
		c = &Count{}
		counts[h] = c
	}
	if boiler {
		c.Yes++
	} else {
		c.Article++
	}
}

// Decide records one accept or reject of a suggestion whose text is text.
// A BOILERPLATE decision teaches each of its lines; a rejection of another
// label keeps that suggestion away from the site.
func (m *SiteMemory) Decide(label, text string, accepted bool) {
	if label == "BOILERPLATE" {
		for _, l := range splitLines(Input{Text: text}) {
			m.tally(l.norm, accepted, false)
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

// tally counts a line as boilerplate (yes), as rejected (neither), or as
// the article's text (article).
func (m *SiteMemory) tally(key string, yes, article bool) {
	h := hashKey(key)
	c := m.Lines[h]
	if c == nil {
		c = &Count{}
		m.Lines[h] = c
	}
	switch {
	case yes:
		c.Yes++
	case article:
		c.Article++
	default:
		c.No++
	}
}

// The evidence of a site's template for a line is the log-odds of
// boilerplate against article from what its labelled pages showed (0:
// none): of the line's block path, counted by lines, and of its shape,
// counted by pages and only once two pages had it. A path that held both
// says little.

// evidence is the log-odds of a tally, smoothed so that one line is
// weak evidence and a box of ten strong, and bounded.
func evidence(c *Count) float64 {
	ev := math.Log((float64(c.Yes) + 0.5) / (float64(c.Article+c.No) + 0.5))
	return math.Max(-maxEvidence, math.Min(maxEvidence, ev))
}

const maxEvidence = 3

// mixedPath discounts the evidence of a path that held both boilerplate
// and article lines.
const mixedPath = 0.15

// pathEvidence is what the site's labelled pages say of lines in the
// block at path: the tally of the whole path (full) if they had it, else
// of its skeleton (stepsOf), else of the longest suffix of it they had if
// that suffix names a class or an id (a bare "div>p" says nothing of a
// site whose boxes are all divs), the last two discounted.
func (m *SiteMemory) pathEvidence(path string) float64 {
	var best *Count
	var bestNamed, full bool
	sk := stepsOf(path, func(h uint64, _ int, named bool) {
		if c := m.paths[h]; c != nil {
			best, bestNamed, full = c, named, true
		} else {
			full = false
		}
	})
	weight := 1.0
	switch c := m.paths[sk]; {
	case full:
	case c != nil:
		best, weight = c, siteSkeletonPath
	case best != nil && bestNamed:
		weight = sitePartialPath
	default:
		return 0
	}
	ev := weight * evidence(best)
	if best.Yes > 0 && best.Article > 0 {
		// A block of both (the body's paragraphs and its "Read also"
		// insert): its lines are mostly one, but not by their path.
		ev *= mixedPath
	}
	return ev
}

// shapeEvidence is what the site's labelled pages say of lines shaped as
// this one: the whole shape's tally when two pages had it, else the mean
// of its first and last words' tallies that two pages had.
func (m *SiteMemory) shapeEvidence(norm string) float64 {
	var sum, whole float64
	n := 0
	shapesOf(norm, func(h uint64, isWhole bool) {
		c := m.shapes[h]
		if c == nil || c.Yes+c.Article < 2 {
			return
		}
		if isWhole {
			whole = evidence(c)
			return
		}
		sum += evidence(c)
		n++
	})
	switch {
	case whole != 0:
		return whole
	case n > 0:
		return sum / float64(n)
	}
	return 0
}

// stepsOf calls fn with the hash of each suffix of a block's tag path,
// the last step alone first (k = 1), then two, … up to the whole path;
// named says whether the suffix has a class or an id. Steps are compared
// as a site's pages vary them: the body's own classes (a page's section,
// its node id) are left out, a run of digits is one 0 (post-1234), and
// classes that say a state rather than a place (active, even, is-open)
// are dropped. It returns the hash of the path's skeleton: the whole
// path with each step's first class alone, since a CMS names an element
// first and its variants after ("node node-article node-promoted").
func stepsOf(path string, fn func(h uint64, k int, named bool)) (skeleton uint64) {
	h, sk := uint64(fnvOffset), fnvByte(fnvOffset, 'k')
	named := false
	end := len(path)
	for k := 1; end >= 0; k++ {
		start := strings.LastIndexByte(path[:end], '>') + 1
		var stepNamed bool
		h, stepNamed = hashStep(h, path[start:end], start == 0, false)
		sk, _ = hashStep(sk, path[start:end], start == 0, true)
		named = named || stepNamed
		fn(h, k, named)
		end = start - 1
	}
	return sk
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

// hashStep adds one step of a path ("div#post-12.entry.active") to h,
// with only its first class if firstClass.
func hashStep(h uint64, step string, first, firstClass bool) (uint64, bool) {
	h = fnvByte(h, '>')
	if first && strings.HasPrefix(step, "body") {
		step = "body"
	}
	named, class := false, false
	for i := 0; i < len(step); {
		j := i + 1
		for j < len(step) && step[j] != '.' && step[j] != '#' {
			j++
		}
		tok := step[i:j]
		if i > 0 && (stateClass(tok[1:]) || firstClass && class && tok[0] == '.') {
			i = j
			continue
		}
		named = named || i > 0
		class = class || tok[0] == '.'
		digits := false
		for k := 0; k < len(tok); k++ {
			c := tok[k]
			if c >= '0' && c <= '9' {
				if !digits {
					h = fnvByte(h, '0')
				}
				digits = true
				continue
			}
			digits = false
			h = fnvByte(h, c)
		}
		i = j
	}
	return h, named
}

// stateClass reports whether a class says what state an element is in,
// or is a layout helper, rather than what it is: it changes from page to
// page.
func stateClass(c string) bool {
	switch c {
	case "active", "current", "selected", "first", "last", "even", "odd", "open", "closed", "collapsed",
		"expanded", "show", "hidden", "visible", "in", "on", "off", "clearfix", "":
		return true
	}
	return strings.HasPrefix(c, "is-") || strings.HasPrefix(c, "has-")
}

// shapesOf calls fn with the hashes of a short line's shape, then of its
// first two and its last two words (its first word alone when that is a
// label, "Tags:"): the line key with every word that holds a digit
// as 0 and every month and weekday name as @, so that "Published 12
// March 2026 | 3 min read" and "Published 2 May 2026 | 5 min read" are
// one shape. Lines of more than shapeWords words are prose: no shapes.
func shapesOf(norm string, fn func(h uint64, whole bool)) {
	// norm is a line key: words one space apart. A long line is left
	// before it is split.
	if norm == "" || strings.Count(norm, " ") >= shapeWords {
		return
	}
	var buf [shapeWords]string
	shape := buf[:0]
	placeholder := false
	for w := range strings.SplitSeq(norm, " ") {
		sw := shapeWord(w)
		shape = append(shape, sw)
		placeholder = placeholder || sw != w
	}
	if placeholder {
		// Without one the shape is the line, which Lines counts.
		fn(hashWords('s', shape), true)
	}
	if len(shape) < 3 {
		return
	}
	first := shape[:2]
	if strings.HasSuffix(shape[0], ":") {
		first = shape[:1]
	}
	if literal(first) {
		fn(hashWords('b', first), false)
	}
	if last := shape[len(shape)-2:]; literal(last) {
		fn(hashWords('e', last), false)
	}
}

func hashWords(kind byte, ws []string) uint64 {
	h := fnvByte(fnvOffset, kind)
	for _, w := range ws {
		h = fnvByte(h, ' ')
		for k := 0; k < len(w); k++ {
			h = fnvByte(h, w[k])
		}
	}
	return h
}

// literal reports whether words of a shape hold a word that is no
// placeholder: a placeholder alone ("@ 0": any date) is no one
// template's.
func literal(ws []string) bool {
	for _, w := range ws {
		if w != "0" && !strings.Contains(w, "@") {
			return true
		}
	}
	return false
}

const shapeWords = 12

// shapeWord is a word of a line's shape.
func shapeWord(w string) string {
	if strings.ContainsRune(w, '0') {
		return "0" // LineKey made every digit 0
	}
	core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	if calendarWords[core] {
		return strings.Replace(w, core, "@", 1)
	}
	return w
}

// calendarWords are month and weekday names (and their usual short
// forms) in the languages gloss's users read, lower case.
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		// en
		"january february march april may june july august september october november december " +
			"jan feb mar apr jun jul aug sep sept oct nov dec " +
			"monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun",
		// de
		"januar jänner februar märz mai juni juli oktober dezember " +
			"montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so",
		// nl
		"januari februari maart mei augustus oktober " +
			"maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo",
		// es, pt
		"enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre " +
			"lunes martes miércoles jueves viernes sábado domingo " +
			"janeiro fevereiro março maio junho julho setembro outubro novembro dezembro " +
			"segunda-feira terça-feira quarta-feira quinta-feira sexta-feira segunda terça quarta quinta sexta",
		// fr, it
		"janvier février mars avril juin juillet août septembre octobre novembre décembre " +
			"lundi mardi mercredi jeudi vendredi samedi dimanche " +
			"gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre " +
			"lunedì martedì mercoledì giovedì venerdì sabato domenica",
		// pl, ru
		"stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia " +
			"styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień " +
			"poniedziałek wtorek środa czwartek piątek sobota niedziela " +
			"января февраля марта апреля мая июня июля августа сентября октября ноября декабря " +
			"понедельник вторник среда четверг пятница суббота воскресенье",
	} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

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
