package agreement

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

func fig(x float64) *float64 { return &x }

func sameFigure(got, want *float64) bool {
	return (got == nil) == (want == nil) && (got == nil || near(*got, *want))
}

// sameReport says where got differs from want, figures within 1e-9.
func sameReport(got, want Report) error {
	if len(got.Pairs) != len(want.Pairs) || len(got.Labels) != len(want.Labels) {
		return fmt.Errorf("%d pairs and %d labels, want %d and %d", len(got.Pairs), len(got.Labels), len(want.Pairs), len(want.Labels))
	}
	for i, g := range got.Pairs {
		w := want.Pairs[i]
		if g.A != w.A || g.B != w.B || g.Label != w.Label || g.Articles != w.Articles || g.Units != w.Units ||
			!sameFigure(g.Kappa, w.Kappa) || !sameFigure(g.F1Exact, w.F1Exact) || !sameFigure(g.F1Overlap, w.F1Overlap) {
			return fmt.Errorf("pair %d: %s, want %s", i, show(g), show(w))
		}
	}
	for i, g := range got.Labels {
		w := want.Labels[i]
		if g.Label != w.Label || g.Annotators != w.Annotators || g.Articles != w.Articles || g.Units != w.Units || !sameFigure(g.Alpha, w.Alpha) {
			return fmt.Errorf("label %d: %s, want %s", i, show(g), show(w))
		}
	}
	return nil
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func layer(spans ...LabeledSpan) []LabeledSpan { return append([]LabeledSpan{}, spans...) }

func TestCompute(t *testing.T) {
	// Three annotators; c did not submit article 2. Worked out by hand:
	//   a-b, units 1100 0011 against 1100 0001: po 7/8, pa 1/2, pb 3/8,
	//   pe 1/2, kappa 3/4; exact 1 of 4 spans matched each way, F1 1/2;
	//   overlapping, every span matched, F1 1.
	//   a-c and b-c, article 1 only, 1100 against 1000: po 3/4, pe 1/2,
	//   kappa 1/2; F1 exact 0, overlap 1.
	//   alpha: article 1 (3 coders) gives o11 3+1, o01 1, o00 6; article 2
	//   (2 coders) o11 2, o01 1, o00 4: n1 8, n0 12, n 20,
	//   alpha = 1 − 19·4/(2·12·8) = 29/48.
	missing := []Article{
		{ID: 1, Length: 4, Layers: map[string][]LabeledSpan{
			"a": layer(LabeledSpan{0, 2, "L"}),
			"b": layer(LabeledSpan{0, 2, "L"}, LabeledSpan{1, 3, "X"}),
			"c": layer(LabeledSpan{0, 1, "L"}),
		}},
		{ID: 2, Length: 4, Layers: map[string][]LabeledSpan{
			"a": layer(LabeledSpan{2, 4, "L"}),
			"b": layer(LabeledSpan{3, 4, "L"}),
		}},
	}
	for _, tc := range []struct {
		name string
		arts []Article
		o    Options
		want Report
	}{
		{
			name: "identical layers",
			arts: []Article{{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{
				"a": layer(LabeledSpan{2, 5, "L"}),
				"b": layer(LabeledSpan{2, 5, "L"}),
			}}},
			o: Options{Labels: []string{"L"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "b", Label: "L", Articles: 1, Units: 10, Kappa: fig(1), F1Exact: fig(1), F1Overlap: fig(1)}},
				Labels: []LabelAlpha{{Label: "L", Alpha: fig(1), Annotators: 2, Articles: 1, Units: 10}},
			},
		},
		{
			// a's two spans cover what b's one does: the same units, but
			// three spans for F1, one matched when overlapping.
			name: "overlapping spans in one layer",
			arts: []Article{{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{
				"a": layer(LabeledSpan{0, 5, "L"}, LabeledSpan{3, 8, "L"}),
				"b": layer(LabeledSpan{0, 8, "L"}),
			}}},
			o: Options{Labels: []string{"L"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "b", Label: "L", Articles: 1, Units: 10, Kappa: fig(1), F1Exact: fig(0), F1Overlap: fig(2.0 / 3)}},
				Labels: []LabelAlpha{{Label: "L", Alpha: fig(1), Annotators: 2, Articles: 1, Units: 10}},
			},
		},
		{
			name: "no spans at all",
			arts: []Article{{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{"a": nil, "b": {}}}},
			o:    Options{Labels: []string{"L"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "b", Label: "L", Articles: 1, Units: 10}},
				Labels: []LabelAlpha{{Label: "L", Annotators: 2, Articles: 1, Units: 10}},
			},
		},
		{
			name: "one annotator missing an article",
			arts: missing,
			o:    Options{Labels: []string{"L"}},
			want: Report{
				Pairs: []Pair{
					{A: "a", B: "b", Label: "L", Articles: 2, Units: 8, Kappa: fig(0.75), F1Exact: fig(0.5), F1Overlap: fig(1)},
					{A: "a", B: "c", Label: "L", Articles: 1, Units: 4, Kappa: fig(0.5), F1Exact: fig(0), F1Overlap: fig(1)},
					{A: "b", B: "c", Label: "L", Articles: 1, Units: 4, Kappa: fig(0.5), F1Exact: fig(0), F1Overlap: fig(1)},
				},
				Labels: []LabelAlpha{{Label: "L", Alpha: fig(29.0 / 48), Annotators: 3, Articles: 2, Units: 8}},
			},
		},
		{
			// Only a and c, named out of order: article 2 has a alone and
			// drops out. Alpha on article 1: o11 2, o01 1, o00 4, so n1 3,
			// n0 5, alpha = 1 − 7·2/(2·5·3) = 8/15.
			name: "annotator filter",
			arts: missing,
			o:    Options{Labels: []string{"L"}, Annotators: []string{"c", "a"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "c", Label: "L", Articles: 1, Units: 4, Kappa: fig(0.5), F1Exact: fig(0), F1Overlap: fig(1)}},
				Labels: []LabelAlpha{{Label: "L", Alpha: fig(8.0 / 15), Annotators: 2, Articles: 1, Units: 4}},
			},
		},
		{
			// X first, as asked; Y is not asked for and its span is
			// ignored. On X, a codes 3 units of 10 and b none: po 7/10,
			// pe 7/10, kappa 0; alpha: o01 3, o00 14, n1 3, n0 17,
			// 1 − 19·6/(2·17·3) = −2/17.
			name: "label filter and order",
			arts: []Article{{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{
				"a": layer(LabeledSpan{2, 5, "L"}, LabeledSpan{0, 3, "X"}),
				"b": layer(LabeledSpan{2, 5, "L"}, LabeledSpan{5, 9, "Y"}),
			}}},
			o: Options{Labels: []string{"X", "L", "X"}},
			want: Report{
				Pairs: []Pair{
					{A: "a", B: "b", Label: "X", Articles: 1, Units: 10, Kappa: fig(0), F1Exact: fig(0), F1Overlap: fig(0)},
					{A: "a", B: "b", Label: "L", Articles: 1, Units: 10, Kappa: fig(1), F1Exact: fig(1), F1Overlap: fig(1)},
				},
				Labels: []LabelAlpha{
					{Label: "X", Alpha: fig(-2.0 / 17), Annotators: 2, Articles: 1, Units: 10},
					{Label: "L", Alpha: fig(1), Annotators: 2, Articles: 1, Units: 10},
				},
			},
		},
		{
			name: "no shared article",
			arts: []Article{
				{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{"a": layer(LabeledSpan{0, 3, "L"})}},
				{ID: 2, Length: 10, Layers: map[string][]LabeledSpan{"b": layer(LabeledSpan{0, 3, "L"})}},
			},
			o: Options{Labels: []string{"L"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "b", Label: "L"}},
				Labels: []LabelAlpha{{Label: "L"}},
			},
		},
		{
			name: "filtered annotator who submitted nothing",
			arts: missing,
			o:    Options{Labels: []string{"L"}, Annotators: []string{"a", "zed"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "zed", Label: "L"}},
				Labels: []LabelAlpha{{Label: "L"}},
			},
		},
		{
			// a's span starts before the text and b's ends after it: units
			// 11000 against 11111, po 2/5, pa 2/5, pb 1, pe 2/5, kappa 0;
			// alpha: o11 4, o01 3, so n1 7, n0 3, 1 − 9·6/(2·3·7) = −2/7.
			name: "spans clipped to the article",
			arts: []Article{{ID: 1, Length: 5, Layers: map[string][]LabeledSpan{
				"a": layer(LabeledSpan{-3, 2, "L"}),
				"b": layer(LabeledSpan{0, 9, "L"}),
			}}},
			o: Options{Labels: []string{"L"}},
			want: Report{
				Pairs:  []Pair{{A: "a", B: "b", Label: "L", Articles: 1, Units: 5, Kappa: fig(0), F1Exact: fig(0), F1Overlap: fig(1)}},
				Labels: []LabelAlpha{{Label: "L", Alpha: fig(-2.0 / 7), Annotators: 2, Articles: 1, Units: 5}},
			},
		},
		{
			name: "no labels",
			arts: missing,
			want: Report{Pairs: []Pair{}, Labels: []LabelAlpha{}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Compute(tc.arts, tc.o)
			if err := sameReport(got, tc.want); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestComputeJSON pins the response's shape: null for undefined figures,
// [] rather than null for no pairs.
func TestComputeJSON(t *testing.T) {
	arts := []Article{{ID: 1, Length: 4, Layers: map[string][]LabeledSpan{
		"a": layer(LabeledSpan{0, 2, "L"}),
		"b": layer(LabeledSpan{0, 2, "L"}),
	}}}
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"figures", Options{Labels: []string{"L", "M"}},
			`{"pairs":[{"a":"a","b":"b","label":"L","articles":1,"units":4,"kappa":1,"f1_exact":1,"f1_overlap":1},` +
				`{"a":"a","b":"b","label":"M","articles":1,"units":4,"kappa":null,"f1_exact":null,"f1_overlap":null}],` +
				`"labels":[{"label":"L","alpha":1,"annotators":2,"articles":1,"units":4},{"label":"M","alpha":null,"annotators":2,"articles":1,"units":4}]}`},
		{"no labels", Options{}, `{"pairs":[],"labels":[]}`},
		{"one annotator", Options{Labels: []string{"L"}, Annotators: []string{"a"}},
			`{"pairs":[],"labels":[{"label":"L","alpha":null,"annotators":0,"articles":0,"units":0}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(Compute(arts, tc.o)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// randomProject is a project of a few articles (some empty) that four
// annotators mostly submitted, their layers a shared draft with spans
// dropped, shifted, relabelled and added, some overlapping, some out of
// the text, some of a label no report asks for.
func randomProject(rng *rand.Rand) []Article {
	labels := []string{"PER", "ORG", "LOC", "MISC"}
	span := func(n int) LabeledSpan {
		start := rng.IntN(n+4) - 2
		return LabeledSpan{start, start + 1 + rng.IntN(30), labels[rng.IntN(len(labels))]}
	}
	arts := make([]Article, 3+rng.IntN(8))
	for i := range arts {
		n := rng.IntN(250)
		if i == 0 {
			n = 0
		}
		draft := make([]LabeledSpan, rng.IntN(8))
		for j := range draft {
			draft[j] = span(n)
		}
		arts[i] = Article{ID: uint64(100 + rng.IntN(50)*10 + i), Length: n, Layers: map[string][]LabeledSpan{}}
		for _, who := range []string{"ana", "ben", "cho", "dev"} {
			if rng.Float64() < 0.25 {
				continue // did not submit
			}
			l := []LabeledSpan{}
			for _, s := range draft {
				switch r := rng.Float64(); {
				case r < 0.15:
					continue
				case r < 0.35:
					s.Start += rng.IntN(5) - 2
					s.End += rng.IntN(5) - 2
					s.End = max(s.End, s.Start+1)
				case r < 0.45:
					s.Label = labels[rng.IntN(len(labels))]
				}
				l = append(l, s)
			}
			for rng.Float64() < 0.3 {
				l = append(l, span(n))
			}
			arts[i].Layers[who] = l
		}
	}
	return arts
}

// randomOptions asks for three of the four labels, and either everyone or
// a few annotators (one who never submits).
func randomOptions(trial int) Options {
	o := Options{Labels: []string{"PER", "ORG", "LOC"}}
	if trial%3 == 2 {
		o.Annotators = []string{"dev", "ana", "zed"}
	}
	return o
}

// TestComputeAgainstUnits compares Compute, which counts merged ranges,
// with Kappa and Alpha over a []bool and []int8 per code point built with
// Units, and F1 with matches counted article by article.
func TestComputeAgainstUnits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		arts, o := randomProject(rng), randomOptions(trial)
		if err := sameReport(Compute(arts, o), byUnits(arts, o)); err != nil {
			t.Fatalf("trial %d: %v\n%s", trial, err, show(arts))
		}
	}
}

// byUnits is Compute the slow way: a value per code point.
func byUnits(arts []Article, o Options) Report {
	who := o.Annotators
	if who == nil {
		for _, art := range arts {
			for name := range art.Layers {
				if !slices.Contains(who, name) {
					who = append(who, name)
				}
			}
		}
	}
	slices.Sort(who)
	spansOf := func(art Article, name, label string) []Span {
		var s []Span
		for _, x := range art.Layers[name] {
			if x.Label == label {
				s = append(s, Span{x.Start, x.End})
			}
		}
		return s
	}
	r := Report{Pairs: []Pair{}, Labels: []LabelAlpha{}}
	for _, label := range o.Labels {
		for i, a := range who {
			for _, b := range who[i+1:] {
				p := Pair{A: a, B: b, Label: label}
				var xa, xb []bool
				var spans, exact, overlap int
				for _, art := range arts {
					_, hasA := art.Layers[a]
					_, hasB := art.Layers[b]
					if !hasA || !hasB {
						continue
					}
					p.Articles++
					p.Units += art.Length
					sa, sb := spansOf(art, a, label), spansOf(art, b, label)
					xa = append(xa, Units(art.Length, sa)...)
					xb = append(xb, Units(art.Length, sb)...)
					spans += len(sa) + len(sb)
					exact += exactMatches(sa, sb)
					overlap += allPairsMatches(sa, sb)
				}
				p.Kappa = defined(Kappa(xa, xb))
				if spans > 0 {
					p.F1Exact = fig(2 * float64(exact) / float64(spans))
					p.F1Overlap = fig(2 * float64(overlap) / float64(spans))
				}
				r.Pairs = append(r.Pairs, p)
			}
		}
		la := LabelAlpha{Label: label}
		codes := make([][]int8, len(who))
		seen := map[string]bool{}
		for _, art := range arts {
			var present []string
			for _, name := range who {
				if _, ok := art.Layers[name]; ok {
					present = append(present, name)
				}
			}
			if len(present) < 2 {
				continue
			}
			la.Articles++
			la.Units += art.Length
			for c, name := range who {
				x := slices.Repeat([]int8{Missing}, art.Length)
				if _, ok := art.Layers[name]; ok {
					seen[name] = true
					for i, in := range Units(art.Length, spansOf(art, name, label)) {
						x[i] = 0
						if in {
							x[i] = 1
						}
					}
				}
				codes[c] = append(codes[c], x...)
			}
		}
		la.Annotators = len(seen)
		if la.Units > 0 {
			la.Alpha = defined(Alpha(codes))
		}
		r.Labels = append(r.Labels, la)
	}
	return r
}

// TestComputeAgainstScikitLearn compares the pairs of Compute with
// scikit-learn's cohen_kappa_score and scipy's maximum bipartite matching,
// and its alphas with alphaPy's pairwise alpha, on units Python builds
// itself from the same random projects.
func TestComputeAgainstScikitLearn(t *testing.T) {
	python := sklearnPython(t)
	rng := rand.New(rand.NewPCG(5, 8))
	type trial struct {
		Labels     []string  `json:"labels"`
		Annotators []string  `json:"annotators"`
		Articles   []Article `json:"articles"`
	}
	var trials []trial
	var reports []Report
	for i := range 30 {
		arts, o := randomProject(rng), randomOptions(i)
		who := o.Annotators
		if who == nil {
			who = []string{}
			for _, art := range arts {
				for name := range art.Layers {
					if !slices.Contains(who, name) {
						who = append(who, name)
					}
				}
			}
		}
		trials = append(trials, trial{o.Labels, who, arts})
		reports = append(reports, Compute(arts, o))
	}
	in := filepath.Join(t.TempDir(), "projects.json")
	if err := os.WriteFile(in, []byte(show(trials)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", reportPy, in).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var want []Report
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(want) != len(trials) {
		t.Fatalf("%d answers for %d projects", len(want), len(trials))
	}
	var kappas, alphas int
	for i := range trials {
		if err := sameReport(reports[i], want[i]); err != nil {
			t.Errorf("project %d: %v", i, err)
		}
		for _, p := range reports[i].Pairs {
			if p.Kappa != nil {
				kappas++
			}
		}
		for _, l := range reports[i].Labels {
			if l.Alpha != nil {
				alphas++
			}
		}
	}
	t.Logf("%d projects, %d kappas and %d alphas defined, equal to scikit-learn's and the pairwise alpha", len(trials), kappas, alphas)
}

// reportPy is the report of each project computed from issue 10's text:
// a 0/1 list per annotator, label and article, concatenated over the
// shared articles.
const reportPy = alphaPy + `
import itertools, json, sys, warnings
from collections import Counter
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from sklearn.metrics import cohen_kappa_score

def codes(art, who, label):
    x = [0] * art["length"]
    for s in art["layers"][who] or []:
        if s["label"] == label:
            for i in range(max(s["start"], 0), min(s["end"], art["length"])):
                x[i] = 1
    return x

def spans(art, who, label):
    return [(s["start"], s["end"]) for s in art["layers"][who] or [] if s["label"] == label]

def overlapping(a, b):
    if not a or not b:
        return 0
    g = csr_matrix([[1 if x[0] < y[1] and y[0] < x[1] else 0 for y in b] for x in a])
    return int((maximum_bipartite_matching(g, perm_type="column") >= 0).sum())

out = []
for p in json.load(open(sys.argv[1])):
    arts, who = p["articles"], sorted(set(p["annotators"]))
    pairs, labels = [], []
    for label in p["labels"]:
        for a, b in itertools.combinations(who, 2):
            shared = [art for art in arts if a in art["layers"] and b in art["layers"]]
            xa, xb, n, exact, over = [], [], 0, 0, 0
            for art in shared:
                xa += codes(art, a, label)
                xb += codes(art, b, label)
                sa, sb = spans(art, a, label), spans(art, b, label)
                n += len(sa) + len(sb)
                exact += sum((Counter(sa) & Counter(sb)).values())
                over += overlapping(sa, sb)
            kappa = None
            if xa:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    k = float(cohen_kappa_score(xa, xb))
                kappa = None if k != k else k
            pairs.append({"a": a, "b": b, "label": label, "articles": len(shared), "units": len(xa), "kappa": kappa,
                          "f1_exact": 2 * exact / n if n else None, "f1_overlap": 2 * over / n if n else None})
        units, coders, articles = [], set(), 0
        for art in arts:
            present = [w for w in who if w in art["layers"]]
            if len(present) < 2:
                continue
            articles += 1
            coders.update(present)
            xs = [codes(art, w, label) for w in present]
            units += [[x[i] for x in xs] for i in range(art["length"])]
        labels.append({"label": label, "alpha": pairwise_alpha(units), "annotators": len(coders), "articles": articles, "units": len(units)})
    out.append({"pairs": pairs, "labels": labels})
print(json.dumps(out))
`

func TestDisagreements(t *testing.T) {
	arts := []Article{
		{ID: 1, Length: 10, Layers: map[string][]LabeledSpan{
			"a": layer(LabeledSpan{0, 5, "L"}, LabeledSpan{5, 10, "X"}),
			"b": layer(LabeledSpan{0, 3, "L"}),
			"c": layer(LabeledSpan{4, 8, "L"}),
		}},
		{ID: 2, Length: 6, Layers: map[string][]LabeledSpan{
			"a": layer(LabeledSpan{0, 6, "L"}),
			"b": layer(LabeledSpan{0, 6, "L"}),
		}},
		{ID: 3, Length: 5, Layers: map[string][]LabeledSpan{"a": layer(LabeledSpan{0, 1, "L"})}},
	}
	agree := ArticleDisagreement{Article: 2, Annotators: 2, Units: 6, Ranges: []Span{}}
	for _, tc := range []struct {
		name string
		a, b string
		want []ArticleDisagreement
	}{
		{"pair", "a", "b", []ArticleDisagreement{
			{Article: 1, Annotators: 2, Units: 10, Disagree: 2, Ranges: []Span{{3, 5}}}, agree}},
		{"pair, two ranges", "b", "c", []ArticleDisagreement{
			{Article: 1, Annotators: 2, Units: 10, Disagree: 7, Ranges: []Span{{0, 3}, {4, 8}}}}},
		// a, b, c on article 1: 0-2 a b, 3 a, 4 a c, 5-7 c: none all alike
		// before 8.
		{"against everyone", "a", "", []ArticleDisagreement{
			{Article: 1, Annotators: 3, Units: 10, Disagree: 8, Ranges: []Span{{0, 8}}}, agree}},
		{"against everyone, b given", "", "c", []ArticleDisagreement{
			{Article: 1, Annotators: 3, Units: 10, Disagree: 8, Ranges: []Span{{0, 8}}}}},
		{"everyone", "", "", []ArticleDisagreement{
			{Article: 1, Annotators: 3, Units: 10, Disagree: 8, Ranges: []Span{{0, 8}}}, agree}},
		{"self", "a", "a", []ArticleDisagreement{}},
		{"unknown", "a", "zed", []ArticleDisagreement{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Disagreements(arts, "L", tc.a, tc.b); show(got) != show(tc.want) {
				t.Errorf("got  %s\nwant %s", show(got), show(tc.want))
			}
		})
	}
}

// TestDisagreementsAgainstUnits compares Disagreements with the code
// points counted one by one.
func TestDisagreementsAgainstUnits(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 4))
	for trial := range 300 {
		arts := randomProject(rng)
		for _, q := range [][2]string{{"ana", "ben"}, {"cho", ""}, {"", ""}} {
			got := Disagreements(arts, "PER", q[0], q[1])
			if want := disagreementsByUnits(arts, "PER", q[0], q[1]); show(got) != show(want) {
				t.Fatalf("trial %d, %q: got %s\nwant %s", trial, q, show(got), show(want))
			}
		}
	}
}

func disagreementsByUnits(arts []Article, label, a, b string) []ArticleDisagreement {
	out := []ArticleDisagreement{}
	for _, art := range arts {
		var names []string
		for name := range art.Layers {
			if b == "" || name == a || name == b {
				names = append(names, name)
			}
		}
		if _, ok := art.Layers[a]; a != "" && !ok || len(names) < 2 {
			continue
		}
		var xs [][]bool
		for _, name := range names {
			var s []Span
			for _, x := range art.Layers[name] {
				if x.Label == label {
					s = append(s, Span{x.Start, x.End})
				}
			}
			xs = append(xs, Units(art.Length, s))
		}
		d := ArticleDisagreement{Article: art.ID, Annotators: len(names), Units: art.Length, Ranges: []Span{}}
		for i := range art.Length {
			differ := false
			for _, x := range xs {
				differ = differ || x[i] != xs[0][i]
			}
			if !differ {
				continue
			}
			d.Disagree++
			if last := len(d.Ranges) - 1; last >= 0 && d.Ranges[last].End == i {
				d.Ranges[last].End++
			} else {
				d.Ranges = append(d.Ranges, Span{i, i + 1})
			}
		}
		out = append(out, d)
	}
	// Insertion sort, most disagreement first, then by article.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].Disagree > out[j-1].Disagree || out[j].Disagree == out[j-1].Disagree && out[j].Article < out[j-1].Article); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestComputeLongArticle: a billion code points with a few spans cost
// what the spans cost, nothing per code point.
func TestComputeLongArticle(t *testing.T) {
	arts := []Article{{ID: 1, Length: 1e9, Layers: map[string][]LabeledSpan{
		"a": layer(LabeledSpan{10, 5e8, "L"}, LabeledSpan{6e8, 7e8, "L"}),
		"b": layer(LabeledSpan{0, 5e8, "L"}),
		"c": layer(LabeledSpan{6e8, 9e8, "L"}),
	}}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := Compute(arts, Options{Labels: []string{"L"}})
	d := Disagreements(arts, "L", "", "")
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("allocated %d bytes", got)
	}
	if r.Pairs[0].Units != 1e9 || r.Labels[0].Alpha == nil || d[0].Units != 1e9 {
		t.Errorf("report %s, disagreements %s", show(r), show(d))
	}
}

// BenchmarkCompute: 3 annotators, 200 articles of 5000 code points, 5
// labels, about 80 spans per layer and article, the layers a shared draft
// with a fifth of the spans moved or dropped.
func BenchmarkCompute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	labels := []string{"PER", "ORG", "LOC", "DATE", "MISC"}
	arts := make([]Article, 200)
	for i := range arts {
		var draft []LabeledSpan
		for at := rng.IntN(30); at < 5000; at += 20 + rng.IntN(80) {
			draft = append(draft, LabeledSpan{at, min(at+3+rng.IntN(25), 5000), labels[rng.IntN(len(labels))]})
		}
		arts[i] = Article{ID: uint64(i + 1), Length: 5000, Layers: map[string][]LabeledSpan{}}
		for _, who := range []string{"ana", "ben", "cho"} {
			var l []LabeledSpan
			for _, s := range draft {
				switch r := rng.Float64(); {
				case r < 0.1:
					continue
				case r < 0.2:
					s.Start++
				}
				l = append(l, s)
			}
			arts[i].Layers[who] = l
		}
	}
	o := Options{Labels: labels}
	b.ReportAllocs()
	for b.Loop() {
		Compute(arts, o)
	}
}
