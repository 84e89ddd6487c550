package storage

import (
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

func TestListEntryRoundTrip(t *testing.T) {
	for _, a := range []model.Article{
		{Project: 1, Status: model.StatusNew},
		{Project: 1 << 40, Status: model.StatusInProgress, Title: "Xi to meet Putin", Source: "apnews.com"},
		{Project: 7, Status: model.StatusDone, Title: "😀 ünïcode\x00title", Source: ""},
		{Project: 2, Status: model.StatusDone, Title: string(make([]byte, 300)), Source: "s"},
	} {
		got, err := decodeList(encodeList(a))
		want := listEntry{Project: a.Project, Status: a.Status, Title: a.Title, Source: a.Source}
		if err != nil || got != want {
			t.Errorf("%+v: got %+v, %v", want, got, err)
		}
	}
	for _, bad := range [][]byte{nil, {1, 2, 3}, append(make([]byte, 8), 9, 0), append(make([]byte, 8), 0, 50, 'a')} {
		if _, err := decodeList(bad); err == nil {
			t.Errorf("decodeList(%v) took a corrupt record", bad)
		}
	}
}

// TestMigrateList opens a schema-1 file (articles without list records)
// and finds the list rebuilt from the articles.
func TestMigrateList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gloss.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"first", "second", "third"} {
		a, _, err := db.CreateArticle(model.Article{Project: 1, Title: title, Source: "src", Text: title + " text " + string(rune('a'+i))})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if _, err := db.SetStatus(a.ID, model.StatusDone); err != nil {
				t.Fatal(err)
			}
		}
	}
	db.Close()

	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketList); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, itob(1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, total, err := db.Articles(ArticleFilter{})
	if err != nil || total != 3 || len(all) != 3 || all[0].Title != "third" {
		t.Fatalf("after migration: %d articles (%v), %v", total, all, err)
	}
	done, total, err := db.Articles(ArticleFilter{Status: model.StatusDone})
	if err != nil || total != 1 || done[0].Title != "second" {
		t.Fatalf("done after migration: %v %d %v", done, total, err)
	}
	if _, total, _ := db.Articles(ArticleFilter{Query: "TEXT C"}); total != 1 {
		t.Errorf("search after migration found %d, want 1", total)
	}
}

// TestListFollowsStatus: every path that moves an article's status keeps
// its list record in step (a first change, SetStatus).
func TestListFollowsStatus(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "gloss.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, _, err := db.CreateArticle(model.Article{Project: 1, Title: "t", Text: "some text here"})
	if err != nil {
		t.Fatal(err)
	}
	count := func(s model.Status) int {
		_, n, err := db.Articles(ArticleFilter{Status: s})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count(model.StatusNew) != 1 {
		t.Fatal("a new article is not listed as new")
	}
	start, end, label := 0, 4, "CLAIM"
	if _, err := db.Apply(a.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "ann"}); err != nil {
		t.Fatal(err)
	}
	if count(model.StatusNew) != 0 || count(model.StatusInProgress) != 1 {
		t.Error("after a first change the list does not say in_progress")
	}
	if _, err := db.SetStatus(a.ID, model.StatusDone); err != nil {
		t.Fatal(err)
	}
	if count(model.StatusInProgress) != 0 || count(model.StatusDone) != 1 {
		t.Error("after SetStatus the list does not say done")
	}
}
