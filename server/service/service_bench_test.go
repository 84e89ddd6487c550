package service_test

import (
	"testing"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// BenchmarkArticleProject is the permission check every live op and REST
// change pays: the article's project (cached) read and checked.
func BenchmarkArticleProject(b *testing.B) {
	db := storagetest.Open(b)
	storagetest.Join(b, db, "ann", []byte("x"), model.RoleAnnotator)
	art, _, err := db.CreateArticle(model.Article{Title: "t", Text: "some text"})
	if err != nil {
		b.Fatal(err)
	}
	svc := service.New(db, service.Hooks{})
	u, _ := db.User("ann")
	a := service.Actor{User: u}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.ArticleProject(a, art.ID, model.PermAnnotate); err != nil {
			b.Fatal(err)
		}
	}
}
