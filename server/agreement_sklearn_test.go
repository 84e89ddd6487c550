package server_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/browsertest"
)

// sklearnKappa computes, in Python with scikit-learn, the kappa and exact
// F1 of every pair and label from the raw layers, building the units
// itself: the definition, independently of gloss.
const sklearnKappa = `
import json, sys
from sklearn.metrics import cohen_kappa_score
d = json.load(open(sys.argv[1]))
out = {}
names = sorted({n for a in d["articles"] for n in a["submitted"]})
for label in d["labels"]:
    for i, x in enumerate(names):
        for y in names[i+1:]:
            ux, uy, sx, sy = [], [], set(), set()
            for a in d["articles"]:
                if x not in a["submitted"] or y not in a["submitted"]:
                    continue
                for who, u, s in ((x, ux, sx), (y, uy, sy)):
                    codes = [0] * a["length"]
                    for sp in a["layers"].get(who, []):
                        if sp["label"] == label:
                            s.add((a["id"], sp["start"], sp["end"]))
                            for k in range(max(sp["start"], 0), min(sp["end"], a["length"])):
                                codes[k] = 1
                    u.extend(codes)
            key = "%s|%s|%s" % (label, x, y)
            k = None
            if ux and len(set(ux) | set(uy)) > 1:
                k = float(cohen_kappa_score(ux, uy))
            f = None
            if sx or sy:
                f = 2 * len(sx & sy) / (len(sx) + len(sy))
            out[key] = {"kappa": k, "f1_exact": f, "units": len(ux)}
print(json.dumps(out))
`

// TestAgreementMatchesScikitLearn: three annotators annotate three
// articles blind, each submitting some of them; the API's kappa and exact
// F1 for every pair and label equal scikit-learn's on units Python builds
// from the same layers.
func TestAgreementMatchesScikitLearn(t *testing.T) {
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import sklearn").Run() != nil {
		if os.Getenv("GLOSS_REQUIRE_TOOLS") == "1" {
			t.Fatal("GLOSS_REQUIRE_TOOLS=1 but python3-sklearn is missing")
		}
		browsertest.Skip(t, "the agreement check against scikit-learn needs python3-sklearn (apt-get install -y python3-sklearn); GLOSS_REQUIRE_TOOLS=1 makes this a failure")
	}
	tm := blindTeam(t)
	seed, err := os.ReadFile("../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := tm.db.CreateArticle(model.Article{Project: tm.p1.ID, Title: "Xi", Text: string(seed)})
	if err != nil {
		t.Fatal(err)
	}
	arts := []model.Article{tm.a, tm.b, c}
	submits := map[string][]int{"ann": {0, 1, 2}, "bea": {0, 1}, "cy": {1, 2}}
	type span struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
	}
	type pyArticle struct {
		ID        uint64            `json:"id"`
		Length    int               `json:"length"`
		Submitted []string          `json:"submitted"`
		Layers    map[string][]span `json:"layers"`
	}
	rng := rand.New(rand.NewPCG(3, 5))
	var py []pyArticle
	for i, a := range arts {
		pa := pyArticle{ID: a.ID, Length: a.Length, Layers: map[string][]span{}, Submitted: []string{}}
		for who, list := range submits {
			// Everyone's spans start from the same places, then drift.
			r := rand.New(rand.NewPCG(uint64(i), 9))
			for range 3 + a.Length/200 {
				start := r.IntN(a.Length - 1)
				end := min(a.Length, start+1+r.IntN(40))
				if rng.IntN(4) == 0 {
					end = min(a.Length, end+rng.IntN(8))
				}
				label := []string{"CLAIM", "QUOTE"}[r.IntN(2)]
				if rng.IntN(6) == 0 {
					continue // this one missed it
				}
				if _, err := tm.db.Apply(a.ID, model.Change{Action: model.ActionCreate, Layer: who, Start: &start, End: &end, Label: &label, Author: who}); err != nil {
					t.Fatal(err)
				}
				pa.Layers[who] = append(pa.Layers[who], span{start, end, label})
			}
			for _, j := range list {
				if j == i {
					if _, _, err := tm.db.SubmitLayer(a.ID, who, 2); err != nil {
						t.Fatal(err)
					}
					pa.Submitted = append(pa.Submitted, who)
				}
			}
		}
		py = append(py, pa)
	}
	in := filepath.Join(t.TempDir(), "layers.json")
	b, _ := json.Marshal(map[string]any{"articles": py, "labels": []string{"CLAIM", "QUOTE"}})
	os.WriteFile(in, b, 0o644)
	out, err := exec.Command(python, "-c", sklearnKappa, in).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var want map[string]struct {
		Kappa   *float64 `json:"kappa"`
		F1Exact *float64 `json:"f1_exact"`
		Units   int      `json:"units"`
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}

	code, body := tm.do("reviewer", "GET", fmt.Sprintf("/api/projects/%d/agreement?labels=CLAIM,QUOTE", tm.p1.ID), "", "")
	var rep struct {
		Pairs []struct {
			A, B, Label string
			Units       int
			Kappa       *float64
			F1Exact     *float64 `json:"f1_exact"`
		}
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil || code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if len(rep.Pairs) != 6 || len(want) != 6 {
		t.Fatalf("%d pairs from gloss, %d from Python", len(rep.Pairs), len(want))
	}
	same := func(a, b *float64) bool {
		return (a == nil) == (b == nil) && (a == nil || math.Abs(*a-*b) < 1e-9)
	}
	for _, p := range rep.Pairs {
		w := want[p.Label+"|"+p.A+"|"+p.B]
		if p.Units != w.Units || !same(p.Kappa, w.Kappa) || !same(p.F1Exact, w.F1Exact) {
			t.Errorf("%s %s-%s: gloss units %d kappa %v F1 %v; scikit-learn units %d kappa %v F1 %v",
				p.Label, p.A, p.B, p.Units, deref(p.Kappa), deref(p.F1Exact), w.Units, deref(w.Kappa), deref(w.F1Exact))
		}
	}
	t.Logf("%d pairs × labels equal to scikit-learn's", len(rep.Pairs))
}
