package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage/model"
)

// TestSearchAnnotations: GET /api/annotations filters by label, attribute,
// author and text (normalised), gives each result its sentence, keeps to
// the caller's projects and layer, and the export takes exactly that
// selection.
func TestSearchAnnotations(t *testing.T) {
	tm := newTeam(t, true)
	art, _, err := tm.db.CreateArticle(model.Article{Project: tm.p1.ID, Title: "Cafés",
		Text: "First line.\nThe cafe\u0301 owner said prices rose 20%. Wang Wenbin denied it! Later on."})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(who string, start, end int, label string, attrs map[string]string) model.Annotation {
		op, err := tm.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Attrs: attrs, Author: who})
		if err != nil {
			t.Fatal(err)
		}
		return op.Annotation
	}
	claim := mk("ann", 12, 49, "CLAIM", map[string]string{"verdict": "unverified"})  // "The café … 20%."
	quote := mk("rev", 50, 68, "QUOTE", map[string]string{"speaker": "Wang Wenbin"}) // "Wang Wenbin denied"
	mk("ann", 0, 5, "BOILERPLATE", nil)

	get := func(who, q string) (int, map[string]any, []map[string]any) {
		t.Helper()
		code, body := tm.do(who, "GET", "/api/annotations?"+q, "", "")
		var page struct {
			Total       int              `json:"total"`
			Annotations []map[string]any `json:"annotations"`
		}
		json.Unmarshal([]byte(body), &page)
		return code, map[string]any{"total": page.Total, "body": body}, page.Annotations
	}
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{fmt.Sprintf("project=%d&label=CLAIM&attr.verdict=unverified&q=CAFÉ", tm.p1.ID), []uint64{claim.ID}},
		{"label=QUOTE&attr.speaker=Wang%20Wenbin", []uint64{quote.ID}},
		{"author=rev&label=QUOTE", []uint64{quote.ID}},
		{"label=CLAIM&attr.verdict=false", nil},
		{"q=wenbin", []uint64{quote.ID}},
	} {
		code, info, anns := get("reviewer", tc.q)
		var ids []uint64
		for _, a := range anns {
			if uint64(a["article"].(float64)) == art.ID {
				ids = append(ids, uint64(a["id"].(float64)))
			}
		}
		if code != 200 || fmt.Sprint(ids) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %d %v, want %v (%s)", tc.q, code, ids, tc.want, info["body"])
		}
	}
	_, _, anns := get("reviewer", "q=wenbin")
	if len(anns) != 1 || anns[0]["before"] != "" || anns[0]["after"] != " it!" || anns[0]["title"] != "Cafés" {
		t.Errorf("context: %+v", anns)
	}
	_, _, anns = get("reviewer", "label=CLAIM&q=caf%C3%A9")
	if len(anns) < 1 || anns[len(anns)-1]["before"] != "" {
		t.Errorf("context of a claim that starts its sentence: %+v", anns)
	}
	if code, info, _ := get("nonmember", "label=CLAIM"); code != 200 || info["total"] != 0 {
		t.Errorf("a non-member finds %v", info)
	}
	if code, _, _ := get("nonmember", fmt.Sprintf("project=%d", tm.p1.ID)); code != 404 {
		t.Errorf("a non-member names the project: %d", code)
	}
	if code, _, _ := get("reviewer", "status=nope"); code != 400 {
		t.Errorf("bad status: %d", code)
	}
	// Export exactly that selection.
	code, body := tm.do("reviewer", "GET", fmt.Sprintf("/api/export?format=jsonl&annotation_ids=%d", quote.ID), "", "")
	if code != 200 || strings.Count(body, "\n") != 1 || !strings.Contains(body, "Wang Wenbin") || strings.Contains(body, `"label":"CLAIM"`) {
		t.Errorf("export by ids: %d %s", code, body)
	}
	code, body = tm.do("reviewer", "GET", "/api/export?format=jsonl&attr.verdict=unverified&labels=CLAIM", "", "")
	if code != 200 || !strings.Contains(body, fmt.Sprintf(`"id":%d`, claim.ID)) || strings.Contains(body, `"label":"QUOTE"`) {
		t.Errorf("export by attribute: %d %s", code, body)
	}
}

// TestEditArticle: a reviewer corrects an article's details (a .txt import
// has no URL); who did it is recorded; bad input changes nothing;
// annotators may not.
func TestEditArticle(t *testing.T) {
	tm := newTeam(t, false)
	path := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	code, body := tm.do("reviewer", "PATCH", path, `{"title":"  Putin charged ","url":"https://www.icc-cpi.int/news/x","source":"ICC","published":"2023-03-17"}`, "")
	if code != 200 || !strings.Contains(body, `"title":"Putin charged"`) || !strings.Contains(body, `"updated_by":"rev"`) || !strings.Contains(body, `"published":"2023-03-17"`) {
		t.Fatalf("edit: %d %s", code, body)
	}
	before := state(t, tm.db)
	for _, bad := range []string{`{"url":"javascript:alert(1)"}`, `{"published":"last Tuesday"}`, `{"title":"two\nlines"}`, `{"title":"x","status":"nope"}`, `{"text":"new text"}`} {
		if code, body := tm.do("reviewer", "PATCH", path, bad, ""); code != 400 {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
	if code, _ := tm.do("annotator", "PATCH", path, `{"title":"mine"}`, ""); code != 403 {
		t.Errorf("an annotator edits: %d", code)
	}
	if state(t, tm.db) != before {
		t.Errorf("a refused edit changed the database")
	}
	if code, body := tm.do("reviewer", "PATCH", path, `{"url":""}`, ""); code != 200 || strings.Contains(body, `"url":"https`) {
		t.Errorf("clearing the url: %d %s", code, body)
	}
}

// TestSpacyMisaligned (issue 12): a span that cuts a word is counted in a
// header of the spacy export; strict refuses before the first byte.
func TestSpacyMisaligned(t *testing.T) {
	tm := newTeam(t, true)
	art, _, err := tm.db.CreateArticle(model.Article{Project: tm.p1.ID, Title: "P", Text: "Putin is personally responsible, the court said."})
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range [][2]int{{0, 18}, {0, 19}} { // "Putin is personall", "Putin is personally"
		if _, err := tm.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &sp[0], End: &sp[1], Label: ptr("CLAIM"), Author: "ann"}); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("/api/export?format=spacy&articles=%d", art.ID)
	req := httptestRequest(t, tm, "reviewer", path)
	if req.code != 200 || req.header.Get("X-Gloss-Misaligned") != "1" {
		t.Errorf("spacy export: %d, X-Gloss-Misaligned %q", req.code, req.header.Get("X-Gloss-Misaligned"))
	}
	code, body := tm.do("reviewer", "GET", path+"&strict=true", "", "")
	if code != 400 || !strings.Contains(body, "1 span(s) do not fit") || !strings.Contains(body, "Putin is personall") {
		t.Errorf("strict: %d %s", code, body)
	}
	if req := httptestRequest(t, tm, "reviewer", "/api/export?format=jsonl"); req.header.Get("X-Gloss-Misaligned") != "" {
		t.Errorf("a jsonl export has the header")
	}
}

type response struct {
	code   int
	header http.Header
	body   string
}

// httptestRequest is tm.do for a GET whose headers matter.
func httptestRequest(t *testing.T, tm *team, actor, path string) response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+tm.tokens[actor])
	resp, err := tm.srv.App().Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

// TestClaimReviewShape (issue 12): url is the fact-check page (the
// project's template, or a claim's review_url), appearance the article's
// own URL, citation the evidence, author the project's publisher.
func TestClaimReviewShape(t *testing.T) {
	tm := newTeam(t, true)
	code, body := tm.do("manager", "PATCH", fmt.Sprintf("/api/projects/%d", tm.p1.ID),
		`{"claimreview":{"publisher":"Desk Check","publisher_url":"https://check.example.org","url_template":"https://check.example.org/reviews/{article}-{annotation}"}}`, "")
	if code != 200 {
		t.Fatalf("settings: %d %s", code, body)
	}
	if code, body := tm.do("manager", "PATCH", fmt.Sprintf("/api/projects/%d", tm.p1.ID), `{"claimreview":{"publisher":"X","url_template":"ftp://x/{annotation}"}}`, ""); code != 400 {
		t.Errorf("a bad template: %d %s", code, body)
	}
	tm.do("reviewer", "PATCH", fmt.Sprintf("/api/articles/%d", tm.a.ID), `{"url":"https://news.example.com/putin","published":"2023-03-17"}`, "")
	mk := func(start, end int, attrs string) uint64 {
		code, body := tm.do("reviewer", "POST", fmt.Sprintf("/api/articles/%d/annotations", tm.a.ID), fmt.Sprintf(`{"start":%d,"end":%d,"label":"CLAIM","attrs":%s}`, start, end, attrs), "")
		if code != 201 {
			t.Fatalf("%d %s", code, body)
		}
		var an model.Annotation
		json.Unmarshal([]byte(body), &an)
		return an.ID
	}
	first := mk(10, 33, `{"verdict":"true","evidence":"https://www.icc-cpi.int/news/x"}`)
	mk(35, 47, `{"verdict":"false","review_url":"https://check.example.org/special"}`)
	code, body = tm.do("reviewer", "GET", fmt.Sprintf("/api/export?format=claimreview&articles=%d", tm.a.ID), "", "")
	for _, want := range []string{
		fmt.Sprintf(`"url":"https://check.example.org/reviews/%d-%d"`, tm.a.ID, first),
		`"url":"https://check.example.org/special"`,
		`"appearance":{"@type":"CreativeWork","url":"https://news.example.com/putin"`,
		`"citation":["https://www.icc-cpi.int/news/x"]`,
		`"author":{"@type":"Organization","name":"Desk Check","url":"https://check.example.org"}`,
		`"itemReviewed":{"@type":"Claim","datePublished":"2023-03-17"`,
	} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("claimreview lacks %s:\n%s", want, body)
		}
	}
}
