package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// blindTeam is newTeam's project 1 in independent mode with k=2 and a
// second annotator, bea.
func blindTeam(t *testing.T) *team {
	tm := newTeam(t, true)
	if err := tm.db.PutUser(model.User{Name: "bea", Role: model.RoleUser, PasswordHash: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	tok, _, err := tm.db.NewNamedCredential(storage.CredToken, "bea", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	tm.tokens["bea"] = tok
	code, body := tm.do("manager", "PUT", fmt.Sprintf("/api/projects/%d/members", tm.p1.ID),
		`[{"name":"mia","role":"manager"},{"name":"rev","role":"reviewer"},{"name":"ann","role":"annotator"},{"name":"bea","role":"annotator"}]`, "")
	if code != 200 {
		t.Fatalf("members: %d %s", code, body)
	}
	code, body = tm.do("manager", "PATCH", fmt.Sprintf("/api/projects/%d", tm.p1.ID), `{"mode":"independent","annotators_per_article":2}`, "")
	if code != 200 || !strings.Contains(body, `"mode":"independent"`) || !strings.Contains(body, `"annotators_per_article":2`) {
		t.Fatalf("mode: %d %s", code, body)
	}
	return tm
}

// TestBlindLayers: in an independent project no span of another layer
// reaches an annotator, through REST, the socket, counts or history; the
// reviewer reads every layer and works in gold; submit locks; k submits
// make the article submitted.
func TestBlindLayers(t *testing.T) {
	tm := blindTeam(t)
	base := tm.serve()
	art := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	bea, code := tm.dial(base, "bea", tm.a.ID)
	if code != 101 {
		t.Fatalf("bea's socket: %d", code)
	}
	// The welcome bea got (in dial) held her empty layer; gold's x and y
	// are not hers.

	code, body := tm.do("annotator", "POST", art+"/annotations", `{"start":0,"end":5,"label":"CLAIM","attrs":{"note":"ann's secret"}}`, "")
	if code != 201 {
		t.Fatalf("ann's create: %d %s", code, body)
	}
	var annSpan model.Annotation
	json.Unmarshal([]byte(body), &annSpan)
	if annSpan.Layer != "ann" {
		t.Errorf("ann's span is in layer %q", annSpan.Layer)
	}
	if err := bea.Op("b1", model.ActionCreate, live.AnnotationFields{Start: ptr(6), End: ptr(10), Label: ptr("QUOTE"), Attrs: map[string]string{"speaker": "bea's secret"}}); err != nil {
		t.Fatal(err)
	}
	// bea's socket carries her ack and nothing of ann's.
	bea.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		m, err := bea.Read()
		if err != nil {
			t.Fatalf("bea's socket: %v", err)
		}
		raw, _ := json.Marshal(m)
		if strings.Contains(string(raw), "ann's secret") || strings.Contains(string(raw), `"author":"ana"`) {
			t.Fatalf("another layer leaked into bea's socket: %s", raw)
		}
		if m.Type == live.TypeAck {
			if m.Annotation.Layer != "bea" || m.Version != 1 {
				t.Errorf("bea's ack: %+v", m)
			}
			break
		}
	}

	leaks := func(who, body string) {
		t.Helper()
		for _, secret := range []string{"ann's secret", "bea's secret", `"author":"ana"`} {
			if strings.Contains(body, secret) && !(who == "annotator" && secret == "ann's secret") && !(who == "bea" && secret == "bea's secret") {
				t.Errorf("%s sees %s: %s", who, secret, body)
			}
		}
	}
	for _, who := range []string{"annotator", "bea"} {
		for _, path := range []string{art + "/annotations", art, "/api/articles", "/api/articles?q=Putin", art + "/next"} {
			code, body := tm.do(who, "GET", path, "", "")
			if code != 200 {
				t.Errorf("%s GET %s: %d %s", who, path, code, body)
			}
			leaks(who, body)
		}
		// Their own count, their own status; never the others' layers.
		_, body := tm.do(who, "GET", art, "", "")
		var a model.Article
		json.Unmarshal([]byte(body), &a)
		if a.Count != 1 || a.Layers != nil || a.Mine == nil || a.Mine.Status != model.LayerInProgress {
			t.Errorf("%s's view of the article: count %d, layers %v, mine %+v", who, a.Count, a.Layers, a.Mine)
		}
		for _, layer := range []string{"gold", "bea", "ann"} {
			if layer == map[string]string{"annotator": "ann", "bea": "bea"}[who] {
				continue
			}
			if code, body := tm.do(who, "GET", art+"/annotations?layer="+layer, "", ""); code != 403 {
				t.Errorf("%s reads layer %s: %d %s", who, layer, code, body)
			}
		}
		if code, _ := tm.do(who, "GET", "/api/export?format=jsonl&layer=all", "", ""); code != 403 {
			t.Errorf("%s exports: %d", who, code)
		}
	}
	// History of ann's span: hers, not bea's to read.
	if code, _ := tm.do("bea", "GET", fmt.Sprintf("%s/annotations/%d/history", art, annSpan.ID), "", ""); code != 404 {
		t.Errorf("bea reads ann's history: %d", code)
	}
	if code, _ := tm.do("annotator", "GET", fmt.Sprintf("%s/annotations/%d/history", art, annSpan.ID), "", ""); code != 200 {
		t.Errorf("ann reads her history: %d", code)
	}
	// ann cannot change gold, bea's layer, or bea's span from her own.
	if code, _ := tm.do("annotator", "POST", art+"/annotations?layer=gold", `{"start":0,"end":5,"label":"CLAIM"}`, ""); code != 403 {
		t.Errorf("ann writes gold: %d", code)
	}
	if code, _ := tm.do("annotator", "DELETE", fmt.Sprintf("%s/annotations/%d", art, tm.x.ID), "", ""); code != 404 {
		t.Errorf("ann deletes gold's x from her layer: %d", code)
	}

	// The reviewer reads every layer and works in gold.
	for layer, want := range map[string]string{"ann": "ann's secret", "bea": "bea's secret"} {
		code, body := tm.do("reviewer", "GET", art+"/annotations?layer="+layer, "", "")
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("reviewer reads %s: %d %s", layer, code, body)
		}
	}
	if code, body := tm.do("reviewer", "GET", art+"/annotations", "", ""); code != 200 || strings.Contains(body, "secret") {
		t.Errorf("reviewer's default is gold: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "POST", art+"/annotations?layer=ann", `{"start":0,"end":5,"label":"CLAIM"}`, ""); code != 403 {
		t.Errorf("reviewer writes ann's layer: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "GET", art, "", ""); code != 200 || !strings.Contains(body, `"layers":[{"name":"ann"`) {
		t.Errorf("reviewer's view lists the layers: %d %s", code, body)
	}
	code, body = tm.do("reviewer", "GET", "/api/export?format=jsonl&layer=all", "", "")
	if code != 200 || !strings.Contains(body, `"layer":"ann"`) || !strings.Contains(body, `"layer":"bea"`) || !strings.Contains(body, `"layer":"gold"`) {
		t.Errorf("export layer=all: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "GET", "/api/export?format=jsonl", "", ""); code != 200 || strings.Contains(body, "secret") {
		t.Errorf("export defaults to gold: %d %s", code, body)
	}

	// Submit: ann's layer locks; with bea's, k=2 makes it submitted.
	code, body = tm.do("annotator", "POST", art+"/submit", "", "")
	if code != 200 || !strings.Contains(body, `"status":"submitted"`) {
		t.Fatalf("ann submits: %d %s", code, body)
	}
	if code, body := tm.do("annotator", "POST", art+"/annotations", `{"start":0,"end":2,"label":"CLAIM"}`, ""); code != 403 || !strings.Contains(body, "submitted") {
		t.Errorf("ann writes after submitting: %d %s", code, body)
	}
	if code, body := tm.do("bea", "POST", art+"/submit", "", ""); code != 200 {
		t.Fatalf("bea submits: %d %s", code, body)
	}
	code, body = tm.do("reviewer", "GET", "/api/articles?status=submitted", "", "")
	if code != 200 || !strings.Contains(body, fmt.Sprintf(`"id":%d`, tm.a.ID)) {
		t.Errorf("the submitted filter: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "PATCH", art, `{"status":"reviewed"}`, ""); code != 200 {
		t.Fatalf("reviewed: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "POST", art+"/reopen", `{"annotator":"ann"}`, ""); code != 200 || !strings.Contains(body, `"status":"submitted"`) {
		// bea's layer is still submitted, ann's reopened: 1 of 2.
		if !strings.Contains(body, `"status":"in_progress"`) {
			t.Errorf("reopen: %d %s", code, body)
		}
	}
	if code, body := tm.do("annotator", "POST", art+"/annotations", `{"start":0,"end":2,"label":"CLAIM"}`, ""); code != 201 {
		t.Errorf("ann writes after reopening: %d %s", code, body)
	}
	if code, _ := tm.do("annotator", "POST", art+"/reopen", `{"annotator":"bea"}`, ""); code != 403 {
		t.Errorf("an annotator reopens: %d", code)
	}
}

// TestAssignAPI: GET /api/projects/:id/next hands annotators articles up
// to k each; a shared project has no assignment.
func TestAssignAPI(t *testing.T) {
	tm := blindTeam(t)
	next := func(who string) (int, model.Article) {
		code, body := tm.do(who, "GET", fmt.Sprintf("/api/projects/%d/next", tm.p1.ID), "", "")
		var a model.Article
		json.Unmarshal([]byte(body), &a)
		return code, a
	}
	_, a1 := next("annotator")
	_, b1 := next("bea")
	if a1.ID != tm.a.ID || b1.ID != tm.b.ID {
		t.Errorf("ann got %d, bea %d: want %d and %d (fewest held first)", a1.ID, b1.ID, tm.a.ID, tm.b.ID)
	}
	if a1.Mine == nil || a1.Mine.Status != model.LayerAssigned || a1.Layers != nil {
		t.Errorf("ann's assignment: %+v", a1)
	}
	if code, _ := next("reviewer"); code != 403 {
		t.Errorf("a reviewer who is not an annotator is assigned: %d", code)
	}
	if code, body := tm.do("annotator", "GET", fmt.Sprintf("/api/projects/%d/next", tm.p2.ID), "", ""); code != 404 {
		t.Errorf("another project: %d %s", code, body)
	}
	tm.do("manager", "PATCH", fmt.Sprintf("/api/projects/%d", tm.p1.ID), `{"mode":"shared"}`, "")
	if code, body := tm.do("annotator", "GET", fmt.Sprintf("/api/projects/%d/next", tm.p1.ID), "", ""); code != 400 || !strings.Contains(body, "shared") {
		t.Errorf("assign in a shared project: %d %s", code, body)
	}
}

// TestAgreementAPI: the figures of two submitted layers, worked by hand;
// only reviewers, managers and admins read them.
func TestAgreementAPI(t *testing.T) {
	tm := blindTeam(t)
	art := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	// ann marks "Putin" (0-5), bea "Putin was" (0-10) as CLAIM; the
	// article has 48 code points.
	for who, body := range map[string]string{"annotator": `{"start":0,"end":5,"label":"CLAIM"}`, "bea": `{"start":0,"end":10,"label":"CLAIM"}`} {
		if code, b := tm.do(who, "POST", art+"/annotations", body, ""); code != 201 {
			t.Fatalf("%s: %d %s", who, code, b)
		}
	}
	path := fmt.Sprintf("/api/projects/%d/agreement?labels=CLAIM", tm.p1.ID)
	code, body := tm.do("reviewer", "GET", path, "", "")
	if code != 200 || !strings.Contains(body, `"pairs":[],"labels":[{"label":"CLAIM","alpha":null`) {
		t.Errorf("before anyone submits: %d %s", code, body)
	}
	tm.do("annotator", "POST", art+"/submit", "", "")
	tm.do("bea", "POST", art+"/submit", "", "")
	code, body = tm.do("reviewer", "GET", path, "", "")
	var rep struct {
		Pairs []struct {
			A, B      string
			Units     int
			Kappa     *float64
			F1Exact   *float64 `json:"f1_exact"`
			F1Overlap *float64 `json:"f1_overlap"`
		}
		Labels []struct {
			Label string
			Alpha *float64
			Units int
		}
		Annotators []string
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil || code != 200 || len(rep.Pairs) != 1 || len(rep.Labels) != 1 {
		t.Fatalf("%d %s", code, body)
	}
	p := rep.Pairs[0]
	// po = 43/48; pe = (5·10 + 43·38)/48² = 1684/2304; kappa = 380/620.
	if p.Units != 48 || p.Kappa == nil || !near(*p.Kappa, 380.0/620) || p.F1Exact == nil || *p.F1Exact != 0 || p.F1Overlap == nil || *p.F1Overlap != 1 {
		t.Errorf("pair %+v (kappa %v)", p, deref(p.Kappa))
	}
	if rep.Labels[0].Units != 48 || rep.Labels[0].Alpha == nil {
		t.Errorf("alpha %+v", rep.Labels[0])
	}
	code, body = tm.do("manager", "GET", fmt.Sprintf("/api/projects/%d/agreement/articles?label=CLAIM&a=ann&b=bea", tm.p1.ID), "", "")
	if code != 200 || !strings.Contains(body, `"disagree":5`) || !strings.Contains(body, `"title":"A"`) {
		t.Errorf("disagreements: %d %s", code, body)
	}
	for _, who := range []string{"annotator", "nonmember"} {
		if code, _ := tm.do(who, "GET", path, "", ""); code != 403 && code != 404 {
			t.Errorf("%s reads agreement: %d", who, code)
		}
	}
	if code, body := tm.do("reviewer", "GET", fmt.Sprintf("/api/projects/%d/agreement?labels=NOPE", tm.p1.ID), "", ""); code != 400 || !strings.Contains(body, "NOPE") {
		t.Errorf("unknown label: %d %s", code, body)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestReviewAPI: a reviewer reads the layers in one call, records a
// rejection, and accepts in one action every span all submitted layers
// agree on (with the attributes they agree on) into gold.
func TestReviewAPI(t *testing.T) {
	tm := blindTeam(t)
	art := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	for who, spans := range map[string][]string{
		"annotator": {`{"start":23,"end":33,"label":"CLAIM","attrs":{"verdict":"false","note":"ann"}}`, `{"start":6,"end":10,"label":"QUOTE"}`},
		"bea":       {`{"start":23,"end":33,"label":"CLAIM","attrs":{"verdict":"false","note":"bea"}}`, `{"start":11,"end":20,"label":"CLAIM"}`},
	} {
		for _, b := range spans {
			if code, body := tm.do(who, "POST", art+"/annotations", b, ""); code != 201 {
				t.Fatalf("%s: %d %s", who, code, body)
			}
		}
	}
	if code, body := tm.do("reviewer", "POST", art+"/accept-agreed", "", ""); code != 400 || !strings.Contains(body, "0 submitted") {
		t.Errorf("accept-agreed before submits: %d %s", code, body)
	}
	tm.do("annotator", "POST", art+"/submit", "", "")
	tm.do("bea", "POST", art+"/submit", "", "")
	code, body := tm.do("reviewer", "GET", art+"/review", "", "")
	if code != 200 || !strings.Contains(body, `"name":"ann","status":"submitted"`) || !strings.Contains(body, `"note":"bea"`) || !strings.Contains(body, `"text":"Putin was`) {
		t.Errorf("review: %d %s", code, body)
	}
	if code, _ := tm.do("annotator", "GET", art+"/review", "", ""); code != 403 {
		t.Errorf("an annotator reads the review: %d", code)
	}
	code, body = tm.do("reviewer", "POST", art+"/rejections", `{"start":6,"end":10,"label":"QUOTE"}`, "")
	if code != 200 || !strings.Contains(body, `"by":"rev"`) {
		t.Errorf("reject: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "POST", art+"/rejections", `{"start":6,"end":99,"label":"QUOTE"}`, ""); code != 400 {
		t.Errorf("reject past the end: %d %s", code, body)
	}
	// A rejected agreed span stays out.
	tm.do("reviewer", "POST", art+"/rejections", `{"start":23,"end":33,"label":"CLAIM"}`, "")
	if code, body := tm.do("reviewer", "POST", art+"/accept-agreed", "", ""); body != `{"accepted":0}` {
		t.Errorf("accept-agreed took a rejected span: %d %s", code, body)
	}
	tm.do("reviewer", "DELETE", art+"/rejections", `{"start":23,"end":33,"label":"CLAIM"}`, "")
	code, body = tm.do("reviewer", "POST", art+"/accept-agreed", "", "")
	if code != 200 || body != `{"accepted":1}` {
		t.Fatalf("accept-agreed: %d %s", code, body)
	}
	_, body = tm.do("reviewer", "GET", art+"/annotations", "", "")
	if !strings.Contains(body, `"start":23,"end":33,"label":"CLAIM","attrs":{"verdict":"false"},"text":"war crimes","author":"rev"`) {
		t.Errorf("gold after accept-agreed: %s", body)
	}
	if code, body := tm.do("reviewer", "POST", art+"/accept-agreed", "", ""); body != `{"accepted":0}` {
		t.Errorf("accept-agreed again: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "DELETE", art+"/rejections", `{"start":6,"end":10,"label":"QUOTE"}`, ""); code != 200 || body != "[]" {
		t.Errorf("unreject: %d %s", code, body)
	}
}

// TestArticleChangedLive: a submit, a reopen and "reviewed" reach the open
// editors at once, each as its user sees the article.
func TestArticleChangedLive(t *testing.T) {
	tm := blindTeam(t)
	base := tm.serve()
	art := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	ann, _ := tm.dial(base, "annotator", tm.a.ID)
	bea, _ := tm.dial(base, "bea", tm.a.ID)
	tm.do("annotator", "POST", art+"/annotations", `{"start":0,"end":5,"label":"CLAIM"}`, "")
	if code, body := tm.do("annotator", "POST", art+"/submit", "", ""); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	m := nextOf(t, ann, live.TypeArticle)
	raw, _ := json.Marshal(m)
	if !strings.Contains(string(raw), `"mine":{"name":"ann","status":"submitted"`) {
		t.Errorf("ann's article message: %s", raw)
	}
	m = nextOf(t, bea, live.TypeArticle)
	raw, _ = json.Marshal(m)
	if strings.Contains(string(raw), `"ann"`) || strings.Contains(string(raw), `"layers"`) {
		t.Errorf("bea learns of ann's layer: %s", raw)
	}
	tm.do("reviewer", "POST", art+"/reopen", `{"annotator":"ann"}`, "")
	m = nextOf(t, ann, live.TypeArticle)
	raw, _ = json.Marshal(m)
	if !strings.Contains(string(raw), `"status":"in_progress"`) {
		t.Errorf("after reopen: %s", raw)
	}
}
