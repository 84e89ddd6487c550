package agreement

import (
	"cmp"
	"slices"
)

// LabeledSpan is a span of an annotator's layer, in code points, with its
// label.
type LabeledSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// Article is one article as a report sees it: its length in code points
// and, by annotator, the spans of the layer they submitted. An annotator
// who did not submit the article has no entry in Layers; one who submitted
// an empty layer has an entry without spans (and counts, coding every
// unit 0). Spans are clipped to the article for the units; F1 takes them
// as they are.
type Article struct {
	ID     uint64                   `json:"id"`
	Length int                      `json:"length"`
	Layers map[string][]LabeledSpan `json:"layers"`
}

// Options says what a report covers.
type Options struct {
	// Labels are the labels to report, in this order; spans of any other
	// label are ignored. No labels, no figures.
	Labels []string
	// Annotators are the annotators compared (order does not matter: the
	// report sorts them by name). nil means everyone who submitted a layer
	// of any article; an empty list, nobody. A name that submitted nothing
	// still gets its pairs, with no units.
	Annotators []string
}

// Pair is the agreement of two annotators on one label, over the articles
// both submitted. Figures that are undefined are nil (JSON null): all of
// them when the pair shares no article, kappa when neither coded any
// variation (both all 0, say), the F1s when neither has a span of the
// label there.
type Pair struct {
	A         string   `json:"a"`
	B         string   `json:"b"`
	Label     string   `json:"label"`
	Articles  int      `json:"articles"`
	Units     int      `json:"units"`
	Kappa     *float64 `json:"kappa"`
	F1Exact   *float64 `json:"f1_exact"`
	F1Overlap *float64 `json:"f1_overlap"`
}

// LabelAlpha is Krippendorff's alpha of one label over the project's
// annotators. Its units are the code points of every article that at
// least two of them submitted (Articles, Units), an annotator who did not
// submit one of those missing there; Annotators counts those who submitted
// at least one of them. Alpha is nil when there is no such article or no
// variation at all.
type LabelAlpha struct {
	Label      string   `json:"label"`
	Alpha      *float64 `json:"alpha"`
	Annotators int      `json:"annotators"`
	Articles   int      `json:"articles"`
	Units      int      `json:"units"`
}

// Report is a project's agreement: Pairs in label order, then by pair
// (A < B by name, A's pairs before the next name's), every pair of the
// compared annotators for every label; Labels in label order.
type Report struct {
	Pairs  []Pair       `json:"pairs"`
	Labels []LabelAlpha `json:"labels"`
}

// Compute is the report of issue 10 over the articles (see the package
// doc for the units). A pair that shares no article is kept, with zero
// units and null figures, so a table of pairs × labels has every cell. F1
// pools the pair's spans of the label over the articles they share:
// matched spans over all of them, spans of different articles never
// matching. Nothing is held per code point: each article's spans are
// merged into ranges and counted by range, one article at a time, so the
// cost follows the number of spans, not the length of the articles.
func Compute(arts []Article, o Options) Report {
	labels := uniq(o.Labels)
	who := o.Annotators
	if who == nil {
		for _, art := range arts {
			for name := range art.Layers {
				who = append(who, name)
			}
		}
	}
	who = uniq(who)
	slices.Sort(who)
	labelOf := indexOf(labels)
	whoOf := indexOf(who)
	n := len(who)
	npairs := n * (n - 1) / 2
	pairOf := func(i, j int) int { return i*(2*n-i-1)/2 + j - i - 1 } // i < j

	type pairTotals struct{ articles, units int }
	type labelTotals struct {
		both, a, b             int // units coded 1 by both, by a, by b
		spans, exact, overlaps int // spans of a and b, matched exactly, matched overlapping
	}
	pairs := make([]pairTotals, npairs)
	perLabel := make([]labelTotals, len(labels)*npairs)
	// coincide[l][m] sums, over the units of articles m annotators
	// submitted, the ordered pairs of values of different annotators; the
	// 1/(m−1) weight of alpha's coincidences is applied once at the end,
	// so the sums stay exact integers.
	coincide := make([][]coincidences, len(labels))
	for l := range coincide {
		coincide[l] = make([]coincidences, n+1)
	}
	var alphaArticles, alphaUnits int
	alphaWho := make([]bool, n)

	// Per article buffers, indexed [annotator][label].
	spans := make([][][]Span, n)
	covers := make([][][]Span, n)
	for i := range n {
		spans[i] = make([][]Span, len(labels))
		covers[i] = make([][]Span, len(labels))
	}
	var present []int
	var sweep sweeper
	var level [][]Span
	for _, art := range arts {
		present = present[:0]
		for name := range art.Layers {
			if i, ok := whoOf[name]; ok {
				present = append(present, i)
			}
		}
		if len(present) < 2 {
			continue // nobody to compare with
		}
		slices.Sort(present)
		units := max(art.Length, 0)
		for _, i := range present {
			for l := range labels {
				spans[i][l] = spans[i][l][:0]
			}
			for _, s := range art.Layers[who[i]] {
				if l, ok := labelOf[s.Label]; ok {
					spans[i][l] = append(spans[i][l], Span{s.Start, s.End})
				}
			}
			for l := range labels {
				covers[i][l] = cover(covers[i][l][:0], units, spans[i][l])
			}
		}
		for x, i := range present {
			for _, j := range present[x+1:] {
				p := pairOf(i, j)
				pairs[p].articles++
				pairs[p].units += units
				for l := range labels {
					t := &perLabel[l*npairs+p]
					t.both += overlapLength(covers[i][l], covers[j][l])
					t.a += length(covers[i][l])
					t.b += length(covers[j][l])
					t.spans += len(spans[i][l]) + len(spans[j][l])
					t.exact += exactMatches(spans[i][l], spans[j][l])
					t.overlaps += overlapMatches(spans[i][l], spans[j][l])
				}
			}
		}
		m := len(present)
		alphaArticles++
		alphaUnits += units
		for _, i := range present {
			alphaWho[i] = true
		}
		for l := range labels {
			level = level[:0]
			for _, i := range present {
				level = append(level, covers[i][l])
			}
			c := &coincide[l][m]
			sweep.runs(units, level, func(from, to, k int) {
				w := to - from
				c.ones += w * k * (k - 1)
				c.zeros += w * (m - k) * (m - k - 1)
				c.mixed += w * k * (m - k)
			})
		}
	}

	r := Report{Pairs: make([]Pair, 0, len(labels)*npairs), Labels: make([]LabelAlpha, 0, len(labels))}
	for l, label := range labels {
		for i := range n {
			for j := i + 1; j < n; j++ {
				p := pairOf(i, j)
				t := perLabel[l*npairs+p]
				units := pairs[p].units
				out := Pair{A: who[i], B: who[j], Label: label, Articles: pairs[p].articles, Units: units}
				out.Kappa = defined(kappaCounts(t.both, t.a-t.both, t.b-t.both, units-t.a-t.b+t.both))
				out.F1Exact = defined(f1Score(t.exact, t.spans))
				out.F1Overlap = defined(f1Score(t.overlaps, t.spans))
				r.Pairs = append(r.Pairs, out)
			}
		}
		annotators := 0
		for _, ok := range alphaWho {
			if ok {
				annotators++
			}
		}
		r.Labels = append(r.Labels, LabelAlpha{
			Label:      label,
			Alpha:      defined(binaryAlpha(coincide[l])),
			Annotators: annotators,
			Articles:   alphaArticles,
			Units:      alphaUnits,
		})
	}
	return r
}

// coincidences are the ordered pairs of values of different annotators in
// units that m annotators coded, m fixed: both 1, both 0, and one of each
// (counted once, as the 1-0 pairs; the 0-1 pairs are as many).
type coincidences struct{ ones, zeros, mixed int }

// binaryAlpha is Alpha for values 0 and 1 from coincidences by the number
// of coders m, the same formula as Alpha: with o_vk = Σ_m pairs/(m−1),
// alpha = 1 − (n − 1)·(o_01 + o_10) / (2·n_0·n_1).
func binaryAlpha(byM []coincidences) (float64, bool) {
	var o00, o11, o01 float64
	for m := 2; m < len(byM); m++ {
		w := float64(m - 1)
		o00 += float64(byM[m].zeros) / w
		o11 += float64(byM[m].ones) / w
		o01 += float64(byM[m].mixed) / w
	}
	n0, n1 := o00+o01, o11+o01
	if n0 == 0 || n1 == 0 {
		return 0, false
	}
	return 1 - (n0+n1-1)*2*o01/(2*n0*n1), true
}

// ArticleDisagreement is how much the annotators compared on an article
// disagree on a label: Disagree of its Units are code points where they
// do not all code the same, in the Ranges given (merged, in order).
type ArticleDisagreement struct {
	Article    uint64 `json:"article"`
	Annotators int    `json:"annotators"`
	Units      int    `json:"units"`
	Disagree   int    `json:"disagree"`
	Ranges     []Span `json:"ranges"`
}

// Disagreements ranks the articles by how much annotators disagree on the
// label, most first (then by article ID), so a cell of the report can
// lead to the articles behind it. With a and b, the pair on the articles
// both submitted; with a alone (b ""), a and everyone else who submitted
// on the articles a and at least one other submitted (a unit counts when
// a's code differs from anyone's, that is when they do not all agree);
// with neither, everyone who submitted, on articles two or more
// submitted. Articles where they agree throughout are listed too, with
// Disagree 0. To compare fewer annotators than submitted, leave the
// others out of Layers.
func Disagreements(arts []Article, label, a, b string) []ArticleDisagreement {
	if a == "" {
		a, b = b, ""
	}
	out := []ArticleDisagreement{}
	if a != "" && a == b {
		return out
	}
	var sweep sweeper
	for _, art := range arts {
		var names []string
		switch _, hasA := art.Layers[a]; {
		case b != "":
			if _, hasB := art.Layers[b]; hasA && hasB {
				names = []string{a, b}
			}
		case a == "" || hasA:
			for name := range art.Layers {
				names = append(names, name)
			}
		}
		if len(names) < 2 {
			continue
		}
		units := max(art.Length, 0)
		covers := make([][]Span, len(names))
		var of []Span
		for c, name := range names {
			of = of[:0]
			for _, s := range art.Layers[name] {
				if s.Label == label {
					of = append(of, Span{s.Start, s.End})
				}
			}
			covers[c] = cover(nil, units, of)
		}
		d := ArticleDisagreement{Article: art.ID, Annotators: len(names), Units: units, Ranges: []Span{}}
		sweep.runs(units, covers, func(from, to, k int) {
			if k == 0 || k == len(names) {
				return
			}
			d.Disagree += to - from
			if last := len(d.Ranges) - 1; last >= 0 && d.Ranges[last].End == from {
				d.Ranges[last].End = to
			} else {
				d.Ranges = append(d.Ranges, Span{from, to})
			}
		})
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(x, y ArticleDisagreement) int {
		return cmp.Or(cmp.Compare(y.Disagree, x.Disagree), cmp.Compare(x.Article, y.Article))
	})
	return out
}

// cover appends to dst the code points of a text of n code points that
// lie in any of the spans, as sorted, disjoint, non-touching ranges.
func cover(dst []Span, n int, spans []Span) []Span {
	start := len(dst)
	for _, s := range spans {
		if s := (Span{max(s.Start, 0), min(s.End, n)}); s.Start < s.End {
			dst = append(dst, s)
		}
	}
	out := dst[start:]
	slices.SortFunc(out, func(x, y Span) int { return cmp.Compare(x.Start, y.Start) })
	merged := out[:0]
	for _, s := range out {
		if last := len(merged) - 1; last >= 0 && s.Start <= merged[last].End {
			merged[last].End = max(merged[last].End, s.End)
		} else {
			merged = append(merged, s)
		}
	}
	return dst[:start+len(merged)]
}

// length is the number of code points in disjoint ranges.
func length(c []Span) int {
	t := 0
	for _, s := range c {
		t += s.End - s.Start
	}
	return t
}

// overlapLength is the number of code points in both of two sorted lists
// of disjoint ranges.
func overlapLength(a, b []Span) int {
	t := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if lo, hi := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End); lo < hi {
			t += hi - lo
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return t
}

// sweeper walks a text by how many coverages hold each code point; its
// buffer is reused from one call to the next.
type sweeper struct{ edges []edge }

type edge struct{ at, step int }

// runs calls visit(from, to, k) for consecutive runs [from, to) covering
// the text of n code points, k the number of covers (each from cover)
// holding every code point of the run.
func (s *sweeper) runs(n int, covers [][]Span, visit func(from, to, k int)) {
	s.edges = s.edges[:0]
	for _, c := range covers {
		for _, r := range c {
			s.edges = append(s.edges, edge{r.Start, 1}, edge{r.End, -1})
		}
	}
	slices.SortFunc(s.edges, func(x, y edge) int { return cmp.Compare(x.at, y.at) })
	at, k := 0, 0
	for _, e := range s.edges {
		if e.at > at {
			visit(at, e.at, k)
			at = e.at
		}
		k += e.step
	}
	if at < n {
		visit(at, n, k)
	}
}

// defined is a figure for JSON: nil when undefined.
func defined(x float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &x
}

func uniq(s []string) []string {
	out := make([]string, 0, len(s))
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func indexOf(s []string) map[string]int {
	m := make(map[string]int, len(s))
	for i, x := range s {
		m[x] = i
	}
	return m
}
