package service_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/server/suggest"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// BenchmarkSuggestionsSite measures one suggestions request on a site
// whose 50 other pages are labelled: what an editor asks each time it
// opens an article, and what every accept or reject asks again.
func BenchmarkSuggestionsSite(b *testing.B) {
	set, err := suggest.LoadSet("../../testdata/suggest")
	if err != nil {
		b.Fatal(err)
	}
	var ledger []suggest.GoldPage
	for _, p := range set {
		if p.Site == "The Harbour Ledger" {
			ledger = append(ledger, p)
		}
	}
	db := storagetest.Open(b)
	svc := service.New(db, service.Hooks{})
	var files []service.ImportFile
	for i := 0; i <= 50; i++ {
		p := ledger[i%len(ledger)]
		data, err := os.ReadFile(filepath.Join("../../testdata/suggest", p.Name))
		if err != nil {
			b.Fatal(err)
		}
		// a line of its own at the page's end keeps each page's text (and
		// the gold's offsets) but makes it a page of its own
		data = bytes.Replace(data, []byte("</body>"), []byte(fmt.Sprintf("<p>Page %d</p></body>", i)), 1)
		files = append(files, file(fmt.Sprintf("%02d-%s", i, p.Name), data))
	}
	if _, err := service.ImportFiles(db, service.ImportOptions{Author: "admin"}, files); err != nil {
		b.Fatal(err)
	}
	arts, _, err := db.Articles(storage.ArticleFilter{Limit: 100})
	if err != nil || len(arts) != 51 {
		b.Fatalf("%d articles, %v", len(arts), err)
	}
	var last uint64
	for _, a := range arts {
		var i int
		if _, err := fmt.Sscanf(a.Meta["file"].(string), "%02d-", &i); err != nil {
			b.Fatal(err)
		}
		if i == 50 {
			last = a.ID // the page asked about: the others are labelled
			continue
		}
		p := ledger[i%len(ledger)]
		for _, g := range p.Gold {
			if g.Label != "BOILERPLATE" {
				continue
			}
			start, end, label := g.Start, g.End, g.Label
			if _, err := db.Apply(a.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "rev"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.Suggestions(service.Owner("admin"), last, service.SuggestOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSuggestionsFollowSiteChanges: what a site's pages teach is cached
// by their gold layer's version, so a change to their labels (here, all
// their BOILERPLATE deleted after a first request) is what the next
// request learns from, not the cached labels.
func TestSuggestionsFollowSiteChanges(t *testing.T) {
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
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]uint64{}
	for _, a := range arts {
		id[a.Meta["file"].(string)] = a.ID
	}
	for _, p := range pages[:2] {
		for _, g := range p.Gold {
			if g.Label == "BOILERPLATE" {
				start, end, label := g.Start, g.End, g.Label
				if _, err := db.Apply(id[p.Name], model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "rev"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	learned := func() int {
		ss, err := svc.Suggestions(service.Owner("admin"), id[pages[2].Name], service.SuggestOptions{Labels: []string{"BOILERPLATE"}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, s := range ss {
			if s.Features["site_learned"] > 0 {
				n++
			}
		}
		return n
	}
	if learned() == 0 {
		t.Fatal("no suggestion learned from the two labelled pages")
	}
	for _, p := range pages[:2] {
		anns, err := db.Annotations(id[p.Name], "")
		if err != nil {
			t.Fatal(err)
		}
		for _, an := range anns {
			if _, err := db.Apply(id[p.Name], model.Change{Action: model.ActionDelete, ID: an.ID, Author: "rev"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := learned(); n != 0 {
		t.Errorf("%d suggestions still learned from labels deleted since the last request", n)
	}
}
