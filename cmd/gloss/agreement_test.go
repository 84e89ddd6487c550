package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestAgreementCommand: the table and the JSON of two submitted layers;
// a shared project with nothing submitted still answers, with nulls.
func TestAgreementCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	if _, _, err := gloss(t, "", "import", "--db", db, "../../testdata/xi-putin-icc.txt"); err != nil {
		t.Fatal(err)
	}
	out, _, err := gloss(t, "", "agreement", "--project", "1", "--db", db, "--format", "json")
	if err != nil || !strings.Contains(out, `"pairs": []`) || !strings.Contains(out, `"alpha": null`) {
		t.Fatalf("nothing submitted: %v\n%s", err, out)
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"ana", "ben"} {
		end := map[string]int{"ana": 40, "ben": 50}[who]
		if _, err := st.Apply(1, model.Change{Action: model.ActionCreate, Layer: who, Start: ptr(10), End: &end, Label: ptr("CLAIM"), Author: who}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SubmitLayer(1, who, 2); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	out, _, err = gloss(t, "", "agreement", "--project", "1", "--db", db, "--labels", "CLAIM")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// ana marks 10-40, ben 10-50: 10 of 3,222 code points differ.
	if err != nil || !strings.Contains(out, "annotators: ana, ben") || strings.Join(strings.Fields(lines[len(lines)-1]), " ") != "CLAIM ana ben 1 3222 0.856 0.000 1.000" {
		t.Errorf("table: %v\n%s", err, out)
	}
	out, _, err = gloss(t, "", "agreement", "--project", "1", "--db", db, "--labels", "CLAIM", "--format", "json")
	var rep struct {
		Pairs []struct {
			Kappa *float64 `json:"kappa"`
		} `json:"pairs"`
	}
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Pairs) != 1 || rep.Pairs[0].Kappa == nil {
		t.Errorf("json: %v\n%s", err, out)
	}
	if _, _, err := gloss(t, "", "agreement", "--db", db); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("no project: %v", err)
	}
	if _, _, err := gloss(t, "", "agreement", "--project", "1", "--labels", "NOPE", "--db", db); err == nil || !strings.Contains(err.Error(), "NOPE") {
		t.Errorf("bad label: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestSuggestCommand: the seed's suggestions are listed, accepted as
// "suggest", explained and reset.
func TestSuggestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	if _, _, err := gloss(t, "", "import", "--db", db, "../../testdata/xi-putin-icc.txt"); err != nil {
		t.Fatal(err)
	}
	out, _, err := gloss(t, "", "suggest", "--db", db, "--labels", "BOILERPLATE")
	if err != nil || !strings.Contains(out, "BOILERPLATE") || !strings.Contains(out, "Read more") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	out, _, err = gloss(t, "", "suggest", "--db", db, "--labels", "BOILERPLATE", "--min-score", "0.9", "--accept")
	if err != nil || !strings.HasPrefix(out, "accepted ") {
		t.Fatalf("accept: %v\n%s", err, out)
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	anns, _ := st.Annotations(1, "")
	st.Close()
	if len(anns) == 0 {
		t.Errorf("nothing accepted")
	}
	for _, an := range anns {
		if an.Author != "suggest" || an.Attrs["suggested_by"] == "" {
			t.Errorf("accepted: %+v", an)
		}
	}
	if out, _, err := gloss(t, "", "suggest", "--db", db, "--explain"); err != nil || !strings.Contains(out, `"model"`) {
		t.Errorf("explain: %v\n%s", err, out)
	}
	if out, _, err := gloss(t, "", "suggest", "--db", db, "--reset"); err != nil || !strings.Contains(out, "forgot") {
		t.Errorf("reset: %v\n%s", err, out)
	}
	if _, _, err := gloss(t, "", "suggest", "--db", db, "--min-score", "2"); err == nil {
		t.Errorf("a score of 2 was taken")
	}
}
