package service_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/server/suggest"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// TestSuggestionsLearnSiteTemplate: a site's pages labelled whole and
// marked done teach the suggestions of its next page through the store
// (the other articles' gold, blocks and status), as they teach
// suggest.EvaluateLearning from the gold files: the same figure on the
// third page. Until the two pages are marked done, only their
// BOILERPLATE is learned.
func TestSuggestionsLearnSiteTemplate(t *testing.T) {
	set, err := suggest.LoadSet("../../testdata/suggest")
	if err != nil {
		t.Fatal(err)
	}
	var pages []suggest.GoldPage
	for _, p := range set {
		if p.Site == "The Harbour Ledger" && len(pages) < 3 {
			pages = append(pages, p)
		}
	}
	db := storagetest.Open(t)
	svc := service.New(db, service.Hooks{})
	var files []service.ImportFile
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join("../../testdata/suggest", p.Name))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file(p.Name, data))
	}
	if _, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, files); err != nil {
		t.Fatal(err)
	}
	arts, _, err := db.Articles(storage.ArticleFilter{})
	if err != nil || len(arts) != 3 {
		t.Fatalf("%d articles, %v", len(arts), err)
	}
	id := map[string]uint64{}
	for _, a := range arts {
		id[a.Meta["file"].(string)] = a.ID
	}
	for _, p := range pages[:2] {
		for _, g := range p.Gold {
			if g.Label != "BOILERPLATE" {
				continue
			}
			start, end, label := g.Start, g.End, g.Label
			if _, err := db.Apply(id[p.Name], model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "rev"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	third := pages[2]
	f1 := func() float64 {
		ss, err := svc.Suggestions(service.Owner("admin"), id[third.Name], service.SuggestOptions{Labels: []string{"BOILERPLATE"}})
		if err != nil {
			t.Fatal(err)
		}
		var got []suggest.Suggestion
		for _, s := range ss {
			got = append(got, s.Suggestion)
		}
		return suggest.ScoreBoilerplate(third, got).F1()
	}
	mem := func(complete bool) *suggest.SiteMemory {
		m := suggest.NewSiteMemory(third.Site)
		for _, p := range pages[:2] {
			lp := suggest.Labelled(p)
			lp.Complete = complete
			m.LearnPage(lp)
		}
		return m
	}
	want := func(m *suggest.SiteMemory) float64 {
		return suggest.ScoreBoilerplate(third, suggest.Boilerplate(suggest.InputOf(third), m)).F1()
	}
	if got, want := f1(), want(mem(false)); got != want {
		t.Errorf("pages labelled, not done: F1 %.4f through the service, %.4f from the gold files", got, want)
	}
	for _, p := range pages[:2] {
		if _, err := db.SetStatus(id[p.Name], model.StatusDone); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := f1(), want(mem(true)); got != want || got < 0.99 {
		t.Errorf("pages done: F1 %.4f through the service, %.4f from the gold files", got, want)
	}
}
