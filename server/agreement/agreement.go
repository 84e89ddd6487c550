// Package agreement measures how far annotators agree, as issue 10 defines
// it, over code-point units: for a label L and an annotator a, x_a(i) is 1
// when code point i of an article lies inside any span of L in a's layer,
// else 0; the units are every code point of the articles compared, in
// article and offset order.
//
//   - Cohen's kappa per label for a pair of annotators (Kappa).
//   - Krippendorff's alpha (nominal) per label over all annotators, with a
//     missing value where an annotator did not submit an article (Alpha).
//   - Span F1 per label for a pair, exact (same start and end) and overlap
//     (a span matches one of the other layer's that it overlaps, matched
//     one to one): F1 = 2·matched / (|A| + |B|) (F1Exact, F1Overlap).
//
// Figures that are undefined (no variation at all, no spans) come back
// with ok false, never as NaN. Compute puts them together into a
// project's report, over the submitted layers of its articles, and
// Disagreements ranks the articles behind a figure. The package is plain
// Go over slices: the server and the CLI gather the layers, this only
// counts.
package agreement

import (
	"cmp"
	"slices"
)

// Span is a half-open range of code points.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Units marks the code points of a text of n code points that lie inside
// any of the spans (clipped to the text).
func Units(n int, spans []Span) []bool {
	u := make([]bool, n)
	for _, s := range spans {
		for i := max(s.Start, 0); i < min(s.End, n); i++ {
			u[i] = true
		}
	}
	return u
}

// Kappa is Cohen's kappa of two annotators' binary codes over the same
// units: (po − pe) / (1 − pe), po the observed agreement, pe the one
// expected from each annotator's own rate. ok is false when it is
// undefined: no units, or pe = 1 (both coded every unit alike).
func Kappa(a, b []bool) (kappa float64, ok bool) {
	if len(a) != len(b) || len(a) == 0 {
		return 0, false
	}
	var both, onlyA, onlyB, none int
	for i := range a {
		switch {
		case a[i] && b[i]:
			both++
		case a[i]:
			onlyA++
		case b[i]:
			onlyB++
		default:
			none++
		}
	}
	return kappaCounts(both, onlyA, onlyB, none)
}

// kappaCounts is Kappa from the four cells of the two annotators' table,
// so a report can count them over spans instead of over a []bool per code
// point.
func kappaCounts(both, onlyA, onlyB, none int) (kappa float64, ok bool) {
	n := float64(both + onlyA + onlyB + none)
	if n == 0 {
		return 0, false
	}
	po := float64(both+none) / n
	pa, pb := float64(both+onlyA)/n, float64(both+onlyB)/n
	pe := pa*pb + (1-pa)*(1-pb)
	if pe == 1 {
		return 0, false
	}
	return (po - pe) / (1 - pe), true
}

// Missing marks a unit an annotator did not code (an article they did not
// submit).
const Missing int8 = -1

// Alpha is Krippendorff's alpha for nominal data. codes[c][u] is coder c's
// value of unit u: 0, 1 (or any small category), or Missing. Units coded
// by fewer than two coders are not pairable and do not count. With the
// coincidences o_vk of pairable values, n_v = Σ_k o_vk and n = Σ n_v,
// alpha = 1 − (n − 1) · Σ_{v≠k} o_vk / Σ_{v≠k} n_v·n_k. ok is false when
// there are no pairable values or no variation (the denominator is 0).
func Alpha(codes [][]int8) (alpha float64, ok bool) {
	if len(codes) == 0 {
		return 0, false
	}
	units := len(codes[0])
	o := map[[2]int8]float64{}
	counts := map[int8]int{}
	for u := range units {
		clear(counts)
		m := 0
		for c := range codes {
			if v := codes[c][u]; v != Missing {
				counts[v]++
				m++
			}
		}
		if m < 2 {
			continue
		}
		// Each ordered pair of values from different coders adds 1/(m−1).
		for v, nv := range counts {
			for k, nk := range counts {
				pairs := nv * nk
				if v == k {
					pairs = nv * (nv - 1)
				}
				if pairs > 0 {
					o[[2]int8{v, k}] += float64(pairs) / float64(m-1)
				}
			}
		}
	}
	nv := map[int8]float64{}
	var n float64
	for vk, x := range o {
		nv[vk[0]] += x
		n += x
	}
	var disagree, expected float64
	for vk, x := range o {
		if vk[0] != vk[1] {
			disagree += x
		}
	}
	for v, a := range nv {
		for k, b := range nv {
			if v != k {
				expected += a * b
			}
		}
	}
	if n == 0 || expected == 0 {
		return 0, false
	}
	return 1 - (n-1)*disagree/expected, true
}

// F1Exact is span F1 counting a span of a as matched when b has one with
// the same start and end. ok is false when neither has a span.
func F1Exact(a, b []Span) (f1 float64, ok bool) {
	return f1Score(exactMatches(a, b), len(a)+len(b))
}

// F1Overlap is span F1 where a span of a matches a span of b that it
// overlaps, each span matched at most once (a maximum matching, so the
// order of the spans does not change the figure). ok is false when
// neither has a span.
func F1Overlap(a, b []Span) (f1 float64, ok bool) {
	return f1Score(overlapMatches(a, b), len(a)+len(b))
}

func f1Score(matched, spans int) (float64, bool) {
	if spans == 0 {
		return 0, false
	}
	return 2 * float64(matched) / float64(spans), true
}

// exactMatches counts the spans of a that have a span of b with the same
// start and end, each span of b used once.
func exactMatches(a, b []Span) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	in := make(map[Span]int, len(b))
	for _, s := range b {
		in[s]++
	}
	matched := 0
	for _, s := range a {
		if in[s] > 0 {
			in[s]--
			matched++
		}
	}
	return matched
}

// overlapMatches is the size of a maximum one-to-one matching of the spans
// of a with the spans of b they overlap.
func overlapMatches(a, b []Span) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// The spans of b that overlap x start before x ends and end after x
	// starts. With b sorted by start and reach[j] the furthest end among
	// bs[:j+1], the scan back from the last one starting before x ends
	// stops at the first j whose reach falls short of x: an article with
	// thousands of spans of a label costs about its overlaps, not |a|·|b|.
	bs := slices.Clone(b)
	slices.SortFunc(bs, func(x, y Span) int { return cmp.Compare(x.Start, y.Start) })
	reach := make([]int, len(bs))
	for j, y := range bs {
		reach[j] = y.End
		if j > 0 {
			reach[j] = max(reach[j], reach[j-1])
		}
	}
	adj := make([][]int, len(a))
	for i, x := range a {
		hi, _ := slices.BinarySearchFunc(bs, x.End, func(y Span, end int) int {
			if y.Start < end {
				return -1
			}
			return 1
		})
		for j := hi - 1; j >= 0 && reach[j] > x.Start; j-- {
			if bs[j].End > x.Start {
				adj[i] = append(adj[i], j)
			}
		}
	}
	// Augmenting paths (Kuhn's algorithm), a span of b seen once per
	// attempt (seen[j] == attempt): overlaps of one label in one article
	// are few, so O(V·E) is plenty.
	matchB := make([]int, len(bs))
	for j := range matchB {
		matchB[j] = -1
	}
	seen := make([]int, len(bs))
	attempt := 0
	var try func(i int) bool
	try = func(i int) bool {
		for _, j := range adj[i] {
			if seen[j] == attempt {
				continue
			}
			seen[j] = attempt
			if matchB[j] < 0 || try(matchB[j]) {
				matchB[j] = i
				return true
			}
		}
		return false
	}
	matched := 0
	for i := range a {
		attempt++
		if try(i) {
			matched++
		}
	}
	return matched
}
