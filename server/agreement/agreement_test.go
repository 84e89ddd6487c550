package agreement

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/web/browsertest"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestKappa(t *testing.T) {
	// 20 units: both 1 on 5, a only on 3, b only on 2, both 0 on 10.
	var a, b []bool
	add := func(n int, x, y bool) {
		for range n {
			a, b = append(a, x), append(b, y)
		}
	}
	add(5, true, true)
	add(3, true, false)
	add(2, false, true)
	add(10, false, false)
	// po = 15/20; pa = 8/20, pb = 7/20; pe = .4·.35 + .6·.65 = .53.
	want := (0.75 - 0.53) / (1 - 0.53)
	if k, ok := Kappa(a, b); !ok || !near(k, want) {
		t.Errorf("kappa = %v %v, want %v", k, ok, want)
	}
	if _, ok := Kappa([]bool{true, true}, []bool{true, true}); ok {
		t.Errorf("kappa of no variation is defined")
	}
	if _, ok := Kappa(nil, nil); ok {
		t.Errorf("kappa of no units is defined")
	}
}

// TestAlphaKrippendorff: the nominal example of Krippendorff's
// "Computing Krippendorff's Alpha-Reliability" (2011): 4 coders, 12
// units, missing values; alpha = 0.743.
func TestAlphaKrippendorff(t *testing.T) {
	const m = Missing
	codes := [][]int8{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
		{m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
	}
	a, ok := Alpha(codes)
	if !ok || math.Abs(a-0.743) > 0.0005 {
		t.Errorf("alpha = %.4f %v, want 0.743", a, ok)
	}
	if _, ok := Alpha([][]int8{{1, 1}, {1, 1}}); ok {
		t.Errorf("alpha of no variation is defined")
	}
	if _, ok := Alpha([][]int8{{1, m}, {m, 0}}); ok {
		t.Errorf("alpha with no pairable unit is defined")
	}
}

func TestF1(t *testing.T) {
	for _, tc := range []struct {
		name           string
		a, b           []Span
		exact, overlap float64
		ok             bool
	}{
		{"same", []Span{{0, 5}, {7, 9}}, []Span{{0, 5}, {7, 9}}, 1, 1, true},
		{"shifted", []Span{{0, 5}}, []Span{{1, 5}}, 0, 1, true},
		{"one missing", []Span{{0, 5}, {7, 9}}, []Span{{0, 5}}, 2.0 / 3, 2.0 / 3, true},
		// Greedy matching would give a[0] b[0] and leave a[1] unmatched.
		{"one to one, maximum", []Span{{0, 10}, {5, 6}}, []Span{{5, 6}, {8, 12}}, 0.5, 1, true},
		{"one span cannot match two", []Span{{0, 10}}, []Span{{0, 3}, {5, 8}}, 0, 2.0 / 3, true},
		{"touching is not overlapping", []Span{{0, 5}}, []Span{{5, 9}}, 0, 0, true},
		{"none", nil, nil, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := F1Exact(tc.a, tc.b)
			o, _ := F1Overlap(tc.a, tc.b)
			if ok != tc.ok || !near(e, tc.exact) || !near(o, tc.overlap) {
				t.Errorf("exact %v, overlap %v, ok %v; want %v, %v, %v", e, o, ok, tc.exact, tc.overlap, tc.ok)
			}
		})
	}
}

func TestUnits(t *testing.T) {
	u := Units(6, []Span{{1, 3}, {2, 4}, {5, 9}})
	want := []bool{false, true, true, true, false, true}
	for i := range want {
		if u[i] != want[i] {
			t.Fatalf("units %v, want %v", u, want)
		}
	}
}

// TestAgainstScikitLearn compares Kappa with scikit-learn's
// cohen_kappa_score, and Alpha with an independent implementation (pairwise
// disagreement over every pairable pair of values, in Python), on random
// layers with missing articles.
func TestAgainstScikitLearn(t *testing.T) {
	python := sklearnPython(t)
	rng := rand.New(rand.NewPCG(7, 11))
	type trial struct {
		A     []int   `json:"a"`
		B     []int   `json:"B"`
		Codes [][]int `json:"codes"`
		Kappa *float64
		Alpha *float64
	}
	var trials []trial
	for range 40 {
		n := 50 + rng.IntN(400)
		rate := 0.05 + rng.Float64()*0.5
		a, b := make([]bool, n), make([]bool, n)
		ai, bi := make([]int, n), make([]int, n)
		for i := range n {
			a[i] = rng.Float64() < rate
			b[i] = a[i] != (rng.Float64() < 0.2) // mostly agrees
			if a[i] {
				ai[i] = 1
			}
			if b[i] {
				bi[i] = 1
			}
		}
		tr := trial{A: ai, B: bi}
		if k, ok := Kappa(a, b); ok {
			tr.Kappa = &k
		}
		coders := 2 + rng.IntN(3)
		codes := make([][]int8, coders)
		tr.Codes = make([][]int, coders)
		for c := range coders {
			codes[c] = make([]int8, n)
			tr.Codes[c] = make([]int, n)
			for i := range n {
				v := int8(0)
				if (rng.Float64() < rate) != (rng.Float64() < 0.15) {
					v = 1
				}
				if i/50 == c { // a stretch this coder did not submit
					v = Missing
				}
				codes[c][i], tr.Codes[c][i] = v, int(v)
			}
		}
		if al, ok := Alpha(codes); ok {
			tr.Alpha = &al
		}
		trials = append(trials, tr)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "trials.json")
	b, _ := json.Marshal(trials)
	os.WriteFile(in, b, 0o644)
	out, err := exec.Command(python, "-c", checkPy, in).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []struct{ Kappa, Alpha *float64 }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != len(trials) {
		t.Fatalf("%d answers for %d trials", len(got), len(trials))
	}
	defined := 0
	for i, tr := range trials {
		if tr.Kappa != nil && tr.Alpha != nil {
			defined++
		}
		if (tr.Kappa == nil) != (got[i].Kappa == nil) || tr.Kappa != nil && math.Abs(*tr.Kappa-*got[i].Kappa) > 1e-9 {
			t.Errorf("trial %d: kappa %v, scikit-learn %v", i, deref(tr.Kappa), deref(got[i].Kappa))
		}
		if (tr.Alpha == nil) != (got[i].Alpha == nil) || tr.Alpha != nil && math.Abs(*tr.Alpha-*got[i].Alpha) > 1e-9 {
			t.Errorf("trial %d: alpha %v, the pairwise implementation %v", i, deref(tr.Alpha), deref(got[i].Alpha))
		}
	}
	t.Logf("%d trials, %d with kappa and alpha defined, equal to scikit-learn and the pairwise alpha", len(trials), defined)
}

// sklearnPython is the Python that has scikit-learn, or skips the test
// (fails it under GLOSS_REQUIRE_TOOLS=1).
func sklearnPython(t *testing.T) string {
	t.Helper()
	// Debian's python3-sklearn installs for /usr/bin/python3, not for a
	// python3 earlier on the PATH (pyenv).
	const python = "/usr/bin/python3"
	if exec.Command(python, "-c", "import sklearn").Run() != nil {
		if os.Getenv("GLOSS_REQUIRE_TOOLS") == "1" {
			t.Fatal("GLOSS_REQUIRE_TOOLS=1 but python3-sklearn is missing")
		}
		browsertest.Skip(t, "the agreement check against scikit-learn needs python3-sklearn (apt-get install -y python3-sklearn); GLOSS_REQUIRE_TOOLS=1 makes this a failure")
	}
	return python
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// checkPy computes each trial's kappa with scikit-learn and its alpha with
// alphaPy's pairwise_alpha, written apart from the Go code's coincidence
// matrix.
const checkPy = alphaPy + `
import json, sys, warnings
from sklearn.metrics import cohen_kappa_score
out = []
for t in json.load(open(sys.argv[1])):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = float(cohen_kappa_score(t["a"], t["B"]))
    k = None if k != k else k
    alpha = pairwise_alpha([[c[u] for c in t["codes"] if c[u] != -1] for u in range(len(t["codes"][0]))])
    out.append({"Kappa": k, "Alpha": alpha})
print(json.dumps(out))
`

// TestOverlapMatchesRandom compares overlapMatches, which finds overlaps
// from b sorted by start, with a matching over every pair of spans, on
// random layers with nested, touching and empty spans.
func TestOverlapMatchesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	layer := func() []Span {
		s := make([]Span, rng.IntN(9))
		for i := range s {
			start := rng.IntN(40)
			s[i] = Span{start, start + rng.IntN(15)}
		}
		return s
	}
	for trial := range 3000 {
		a, b := layer(), layer()
		if got, want := overlapMatches(a, b), allPairsMatches(a, b); got != want {
			t.Fatalf("trial %d: %v against %v: %d matched, want %d", trial, a, b, got, want)
		}
	}
}

// allPairsMatches is a maximum matching by augmenting paths over the
// overlap test of every pair, the first F1Overlap's way.
func allPairsMatches(a, b []Span) int {
	matchB := make([]int, len(b))
	for j := range matchB {
		matchB[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j, y := range b {
			if seen[j] || !(a[i].Start < y.End && y.Start < a[i].End) {
				continue
			}
			seen[j] = true
			if matchB[j] < 0 || try(matchB[j], seen) {
				matchB[j] = i
				return true
			}
		}
		return false
	}
	matched := 0
	for i := range a {
		if try(i, make([]bool, len(b))) {
			matched++
		}
	}
	return matched
}

// alphaPy defines pairwise_alpha(units), each unit the list of the values
// coders gave it (missing ones left out): 1 − D_o/D_e over every ordered
// pair of values from different coders in a unit, each unit's pairs
// weighted 1/(m−1); None when undefined.
const alphaPy = `
def pairwise_alpha(units):
    units = [v for v in units if len(v) >= 2]
    n = sum(len(v) for v in units)
    if n <= 1:
        return None
    d_o = sum(sum(1 for i in range(len(v)) for j in range(len(v)) if i != j and v[i] != v[j]) / (len(v) - 1) for v in units) / n
    counts = {}
    for v in units:
        for x in v:
            counts[x] = counts.get(x, 0) + 1
    d_e = sum(counts[c] * counts[d] for c in counts for d in counts if c != d) / (n * (n - 1))
    return 1 - d_o / d_e if d_e > 0 else None
`
