package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestSuggestionsAPI: a site's labelled line is proposed on its other
// pages; accepting makes an annotation by the accepter with suggested_by;
// rejecting keeps it away; both are learned; a manager resets it.
func TestSuggestionsAPI(t *testing.T) {
	tm := newTeam(t, true)
	body := "Shares rose 3% on Monday after the central bank held rates, the exchange said in a statement on its website."
	chrome := "Top stories today from our newsroom in Lisbon and Porto and beyond"
	mk := func(title, text string) model.Article {
		a, _, err := tm.db.CreateArticle(model.Article{Project: tm.p1.ID, Title: title, Source: "ledger.example", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := mk("One", body+"\n\n"+chrome+"\n\nBonds fell as investors moved into equities, and the euro rose 0.4% against the dollar, traders said.")
	second := mk("Two", "Oil fell 2% on Tuesday after producers agreed to raise output next month, the cartel said in Vienna on Monday.\n\n"+chrome+"\n\nGold rose to a record as the dollar weakened, dealers in London and Zurich said on Tuesday afternoon.\n\nRead more »")
	// Someone labels the line on the first page.
	start := len([]rune(body)) + 2
	end := start + len([]rune(chrome))
	if _, err := tm.db.Apply(first.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: ptr("BOILERPLATE"), Author: "rev"}); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/articles/%d/suggestions", second.ID)
	code, raw := tm.do("annotator", "GET", path+"?labels=BOILERPLATE", "", "")
	var ss []struct {
		ID       string  `json:"id"`
		Label    string  `json:"label"`
		Text     string  `json:"text"`
		Score    float64 `json:"score"`
		Detector string  `json:"detector"`
	}
	json.Unmarshal([]byte(raw), &ss)
	var site, more string
	for _, s := range ss {
		if strings.Contains(s.Text, "Top stories") && s.Score == 0.99 && s.Detector == "boilerplate.site" {
			site = s.ID
		}
		if strings.Contains(s.Text, "Read more") {
			more = s.ID
		}
	}
	if code != 200 || site == "" || more == "" {
		t.Fatalf("suggestions: %d %s", code, raw)
	}
	code, raw = tm.do("annotator", "POST", path+"/"+site+"/accept", "", "")
	if code != 200 || !strings.Contains(raw, `"suggested_by":"boilerplate.site"`) || !strings.Contains(raw, `"author":"ann"`) {
		t.Fatalf("accept: %d %s", code, raw)
	}
	if code, raw := tm.do("annotator", "POST", path+"/"+site+"/accept", "", ""); code != 404 {
		t.Errorf("accept twice: %d %s", code, raw)
	}
	if code, raw := tm.do("annotator", "POST", path+"/"+more+"/reject", "", ""); code != 200 {
		t.Fatalf("reject: %d %s", code, raw)
	}
	_, raw = tm.do("annotator", "GET", path, "", "")
	if strings.Contains(raw, site) || strings.Contains(raw, more) {
		t.Errorf("decided suggestions came back: %s", raw)
	}
	if code, raw := tm.do("annotator", "GET", path+"?labels=NOPE", "", ""); code != 400 {
		t.Errorf("unknown label: %d %s", code, raw)
	}
	if code, _ := tm.do("nonmember", "GET", path, "", ""); code != 404 {
		t.Errorf("a non-member: %d", code)
	}
	learned := fmt.Sprintf("/api/projects/%d/learned", tm.p1.ID)
	code, raw = tm.do("reviewer", "GET", learned, "", "")
	if code != 200 || !strings.Contains(raw, `"ledger.example"`) || !strings.Contains(raw, `"accepted":1`) || !strings.Contains(raw, `"rejected":1`) {
		t.Errorf("explain: %d %s", code, raw)
	}
	if code, _ := tm.do("reviewer", "DELETE", learned, "", ""); code != 403 {
		t.Errorf("a reviewer resets: %d", code)
	}
	if code, raw := tm.do("manager", "DELETE", learned, "", ""); code != 200 || !strings.Contains(raw, `"forgotten":2`) {
		t.Errorf("reset: %d %s", code, raw)
	}
	// Accept all of a label above a score.
	third := mk("Three", "Stocks fell 1% on Wednesday, the exchange said.\n\nRead more »\n\nSubscribe to our newsletter")
	code, raw = tm.do("annotator", "POST", fmt.Sprintf("/api/articles/%d/suggestions/accept", third.ID), `{"label":"BOILERPLATE","min_score":0.5}`, "")
	if code != 200 || raw == `{"accepted":0}` {
		t.Errorf("accept all: %d %s", code, raw)
	}
	anns, _ := tm.db.Annotations(third.ID, "")
	if len(anns) == 0 || anns[0].Attrs["suggested_by"] == "" {
		t.Errorf("after accept all: %+v", anns)
	}
}

// TestImportHTML: a saved page uploads as its visible text with its
// metadata and meta.file; its blocks reach the detectors, which propose
// its site chrome at once.
func TestImportHTML(t *testing.T) {
	tm := newTeam(t, true)
	page, err := os.ReadFile("../testdata/suggest/ledger-port-jobs.html")
	if err != nil {
		t.Fatal(err)
	}
	ctype, body := multipartBody(t, map[string]string{"saved/ledger-port-jobs.html": string(page)})
	code, raw := tm.do("reviewer", "POST", "/api/import", body.String(), ctype)
	if code != 200 {
		t.Fatalf("import: %d %s", code, raw)
	}
	arts, _, _ := tm.db.Articles(storage.ArticleFilter{Query: "Westhaven"})
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := arts[0]
	if a.Meta["file"] != "ledger-port-jobs.html" || a.URL == "" || a.Source == "" || a.Title == "" || a.Meta["encoding"] != "utf-8" {
		t.Errorf("imported page: %+v", a)
	}
	if blocks, _ := tm.db.Blocks(a.ID); len(blocks) == 0 {
		t.Errorf("no blocks kept")
	}
	code, raw = tm.do("reviewer", "GET", fmt.Sprintf("/api/articles/%d/suggestions?labels=BOILERPLATE&min_score=0.6", a.ID), "", "")
	if code != 200 || !strings.Contains(raw, `"label":"BOILERPLATE"`) || !strings.Contains(raw, "path_chrome") {
		t.Errorf("suggestions of an imported page: %d %.400s", code, raw)
	}
	// A txt import records its file too.
	ctype, body = multipartBody(t, map[string]string{"notes/plain.txt": "A plain text nobody imported before."})
	tm.do("reviewer", "POST", "/api/import", body.String(), ctype)
	arts, _, _ = tm.db.Articles(storage.ArticleFilter{Query: "nobody imported"})
	if len(arts) != 1 || arts[0].Meta["file"] != "plain.txt" {
		t.Errorf("txt import's meta: %+v", arts)
	}
}
