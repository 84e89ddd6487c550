package storage_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// BenchmarkArticles measures the article list over a corpus of
// GLOSS_BENCH_ARTICLES articles (default 20,000) of the seed article's
// size: one page, and one page of a text search.
func BenchmarkArticles(b *testing.B) {
	n := 20000
	if v := os.Getenv("GLOSS_BENCH_ARTICLES"); v != "" {
		fmt.Sscan(v, &n)
	}
	text, err := os.ReadFile("../testdata/xi-putin-icc.txt")
	if err != nil {
		b.Fatal(err)
	}
	db := mustOpen(b)
	for i := 0; i < n; {
		var batch []storage.NewArticle
		for ; i < n && len(batch) < 500; i++ {
			batch = append(batch, storage.NewArticle{Article: model.Article{Title: fmt.Sprintf("article %d", i),
				Text: fmt.Sprintf("%d %s", i, text)}})
		}
		if _, err := db.ImportArticles(1, batch); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{"", "article 1999", "needle nowhere", strings.ToUpper("putin welcomes")} {
		b.Run(fmt.Sprintf("query=%q", q), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.Articles(storage.ArticleFilter{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
