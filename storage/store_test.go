package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// mustOpen opens a fresh database, checked when the test ends.
func mustOpen(t testing.TB) *storage.DB { return storagetest.Open(t) }

func seed(t testing.TB, db *storage.DB) model.Article {
	t.Helper()
	text, err := os.ReadFile("../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, created, err := db.CreateArticle(model.Article{Title: "Xi meets Putin", Text: string(text)})
	if err != nil || !created {
		t.Fatalf("create article: %v (created %v)", err, created)
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func TestDefaultProject(t *testing.T) {
	db := mustOpen(t)
	ps, err := db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Name != model.DefaultProjectName {
		t.Fatalf("projects = %+v, want the default one", ps)
	}
	var names []string
	for _, l := range ps[0].Labels {
		names = append(names, l.Name+":"+l.Hotkey)
	}
	if got, want := strings.Join(names, " "), "BOILERPLATE:b QUOTE:q CLAIM:c SPEAKER:s"; got != want {
		t.Errorf("labels = %s, want %s", got, want)
	}
}

func TestCreateArticleDedup(t *testing.T) {
	db := mustOpen(t)
	a := seed(t, db)
	b, created, err := db.CreateArticle(model.Article{Title: "again", Text: a.Text})
	if err != nil {
		t.Fatal(err)
	}
	if created || b.ID != a.ID {
		t.Errorf("second import: created=%v id=%d, want the existing article %d", created, b.ID, a.ID)
	}
	if b.Text != a.Text {
		t.Error("text changed")
	}
	_, total, _ := db.Articles(storage.ArticleFilter{})
	if total != 1 {
		t.Errorf("total = %d, want 1", total)
	}
}

func TestCreateArticleInvalid(t *testing.T) {
	db := mustOpen(t)
	for _, tc := range []struct {
		name string
		a    model.Article
		code string
	}{
		{"ErrNotUTF8", model.Article{Text: "caf\xe9"}, model.EINVALID},
		{"ErrEmpty", model.Article{Text: "  \n"}, model.EINVALID},
		{"ErrUnknownProject", model.Article{Text: "x", Project: 99}, model.ENOTFOUND},
		{"ErrStatus", model.Article{Text: "x", Status: "archived"}, model.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := db.CreateArticle(tc.a)
			if got := model.ErrorCode(err); got != tc.code {
				t.Errorf("code = %q (%v), want %q", got, err, tc.code)
			}
		})
	}
	if _, total, _ := db.Articles(storage.ArticleFilter{}); total != 0 {
		t.Errorf("%d articles stored by failed creates", total)
	}
}

func TestApply(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	quote := "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”"
	start := len([]rune(art.Text[:strings.Index(art.Text, quote)]))
	end := start + len([]rune(quote))

	op, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end,
		Label: ptr("QUOTE"), Attrs: map[string]string{"speaker": "Xi Jinping"}, Author: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if got := op.Annotation.Text; got != quote {
		t.Errorf("text = %q, want %q", got, quote)
	}
	if op.Version != 1 || op.Annotation.Author != "ana" {
		t.Errorf("op = %+v", op)
	}
	claim, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(10), Label: ptr("CLAIM"), Author: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if got := claim.Annotation.Attrs["verdict"]; got != "unverified" {
		t.Errorf("default verdict = %q", got)
	}

	bad := []struct {
		name string
		c    model.Change
		code string
	}{
		{"ErrSpanOutOfRange", model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(art.Length + 1), Label: ptr("QUOTE")}, model.EINVALID},
		{"ErrStartNotBeforeEnd", model.Change{Action: model.ActionCreate, Start: ptr(5), End: ptr(5), Label: ptr("QUOTE")}, model.EINVALID},
		{"ErrNegative", model.Change{Action: model.ActionCreate, Start: ptr(-1), End: ptr(5), Label: ptr("QUOTE")}, model.EINVALID},
		{"ErrUnknownLabel", model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(5), Label: ptr("quote")}, model.EINVALID},
		{"ErrUnknownAttr", model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(5), Label: ptr("QUOTE"), Attrs: map[string]string{"who": "x"}}, model.EINVALID},
		{"ErrEnumValue", model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(5), Label: ptr("CLAIM"), Attrs: map[string]string{"verdict": "maybe"}}, model.EINVALID},
		{"ErrURL", model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(5), Label: ptr("CLAIM"), Attrs: map[string]string{"evidence": "javascript:alert(1)"}}, model.EINVALID},
		{"ErrMissingFields", model.Change{Action: model.ActionCreate, Start: ptr(0)}, model.EINVALID},
		{"ErrUpdateMissing", model.Change{Action: model.ActionUpdate, ID: 999, Label: ptr("QUOTE")}, model.ENOTFOUND},
		{"ErrDeleteMissing", model.Change{Action: model.ActionDelete, ID: 999}, model.ENOTFOUND},
		{"ErrUpdateOutOfRange", model.Change{Action: model.ActionUpdate, ID: op.Annotation.ID, End: ptr(art.Length + 5), Author: "ana"}, model.EINVALID},
		{"ErrAction", model.Change{Action: "move"}, model.EINVALID},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.Apply(art.ID, tc.c)
			if got := model.ErrorCode(err); got != tc.code {
				t.Errorf("code = %q (%v), want %q", got, err, tc.code)
			}
		})
	}
	if _, err := db.Apply(12345, model.Change{Action: model.ActionDelete, ID: 1}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("unknown article: %v", err)
	}
	// Nothing the bad changes asked for was stored.
	got, _ := db.Article(art.ID)
	if got.Version != 2 || got.Count != 2 || got.Status != model.StatusInProgress {
		t.Errorf("after refusals: version %d count %d status %s, want 2, 2, in_progress", got.Version, got.Count, got.Status)
	}

	upd, err := db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: claim.Annotation.ID, Label: ptr("QUOTE"), Author: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := upd.Annotation.Attrs["verdict"]; ok || upd.Annotation.Label != "QUOTE" {
		t.Errorf("relabel kept CLAIM attrs: %+v", upd.Annotation)
	}
	if _, err := db.Apply(art.ID, model.Change{Action: model.ActionDelete, ID: claim.Annotation.ID, Author: "ana"}); err != nil {
		t.Fatal(err)
	}
	anns, _ := db.Annotations(art.ID, "")
	if len(anns) != 1 || anns[0].ID != op.Annotation.ID || anns[0].Text != quote {
		t.Errorf("annotations = %+v", anns)
	}
	ops, ok, _ := db.OpsSince(art.ID, "", 1, 100)
	if !ok || len(ops) != 3 || ops[0].Version != 2 || ops[2].Action != model.ActionDelete {
		t.Errorf("ops since 1 = %+v (ok %v)", ops, ok)
	}
	if _, ok, _ := db.OpsSince(art.ID, "", 0, 2); ok {
		t.Error("OpsSince over max should ask for a full resync")
	}
}

func TestApplyOpIDIdempotent(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	c := model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(7), Label: ptr("CLAIM"), Author: "ana", OpID: "ana-1"}
	first, err := db.Apply(art.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.Apply(art.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	if again.Version != first.Version || again.Annotation.ID != first.Annotation.ID {
		t.Errorf("retry made a new op: %+v vs %+v", again, first)
	}
	// The same op_id from another author is another op.
	c.Author = "ben"
	other, err := db.Apply(art.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	if other.Version == first.Version {
		t.Error("op ids must be scoped to their author")
	}
	anns, _ := db.Annotations(art.ID, "")
	if len(anns) != 2 {
		t.Errorf("%d annotations, want 2", len(anns))
	}
}

func TestApplyConcurrent(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	const writers, each = 16, 25
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				s := (w*each + i) % (art.Length - 3)
				if _, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(s), End: ptr(s + 3), Label: ptr("BOILERPLATE"), Author: "w"}); err != nil {
					t.Error(err)
				}
				// Refusals in the same batches roll nothing back.
				db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(s), End: ptr(s), Label: ptr("BOILERPLATE")})
			}
		}()
	}
	wg.Wait()
	got, _ := db.Article(art.ID)
	if got.Version != writers*each || got.Count != writers*each {
		t.Errorf("version %d count %d, want %d", got.Version, got.Count, writers*each)
	}
	ops, _, _ := db.OpsSince(art.ID, "", 0, 1e6)
	for i, op := range ops {
		if op.Version != uint64(i+1) {
			t.Fatalf("op %d has version %d: versions must be 1..n without gaps", i, op.Version)
		}
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gloss.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// bbolt's flock is per open file description, so a second Open in the
	// same process meets the lock as another process would.
	start := time.Now()
	_, err = storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	if model.ErrorCode(err) != model.EUNAVAILABLE || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("second open: %v, want a clear 'locked' error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to give up", d)
	}
}

func TestImportArticlesAtomic(t *testing.T) {
	db := mustOpen(t)
	good := storage.NewArticle{Article: model.Article{Title: "ok", Text: "Putin said hello."},
		Annotations: []model.Change{{Start: ptr(0), End: ptr(5), Label: ptr("SPEAKER"), Author: "imp"}}}
	bad := storage.NewArticle{Article: model.Article{Title: "bad", Text: "short"},
		Annotations: []model.Change{{Start: ptr(0), End: ptr(50), Label: ptr("CLAIM")}}}
	if _, err := db.ImportArticles(0, []storage.NewArticle{good, bad}); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("import with a bad span: %v, want invalid", err)
	}
	if _, total, _ := db.Articles(storage.ArticleFilter{}); total != 0 {
		t.Fatalf("%d articles stored by a failed import", total)
	}
	res, err := db.ImportArticles(0, []storage.NewArticle{good})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Created || len(res[0].Ops) != 1 || res[0].Article.Count != 1 {
		t.Errorf("import = %+v", res[0])
	}
	res, _ = db.ImportArticles(0, []storage.NewArticle{good})
	if res[0].Created || len(res[0].Ops) != 0 {
		t.Errorf("re-import stored again: %+v", res[0])
	}
}

func TestArticlesFilter(t *testing.T) {
	db := mustOpen(t)
	for _, txt := range []string{"alpha Putin", "beta Xi", "gamma Putin"} {
		db.CreateArticle(model.Article{Title: strings.Fields(txt)[0], Text: txt})
	}
	db.SetStatus(1, model.StatusDone)
	for _, tc := range []struct {
		name string
		f    storage.ArticleFilter
		want string
	}{
		{"All", storage.ArticleFilter{}, "gamma beta alpha"},
		{"Query", storage.ArticleFilter{Query: "putin"}, "gamma alpha"},
		{"Status", storage.ArticleFilter{Status: model.StatusDone}, "alpha"},
		{"Page", storage.ArticleFilter{Offset: 1, Limit: 1}, "beta"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as, _, err := db.Articles(tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, a.Title)
				if a.Text != "" {
					t.Error("listing carries texts")
				}
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
	next, err := db.NextArticle(1, 3)
	if err != nil || next.ID != 2 {
		t.Errorf("next after 3 = %d (%v), want 2 (1 is done)", next.ID, err)
	}
}

// TestApplyAsyncOrder: changes one goroutine queues without waiting apply
// in the order it queued them, alongside other writers, and a refused one
// among them fails alone.
func TestApplyAsyncOrder(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	const writers, each = 4, 60
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var waits []func() (model.Op, error)
			for i := range each {
				s := (w*each + i) % (art.Length - 3)
				end := s + 3
				if i == each/2 {
					end = s // refused: empty span
				}
				waits = append(waits, db.ApplyAsync(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(s), End: ptr(end),
					Label: ptr("QUOTE"), Author: "w", OpID: fmt.Sprintf("%d-%d", w, i)}))
			}
			var last uint64
			for i, wait := range waits {
				op, err := wait()
				if i == each/2 {
					if model.ErrorCode(err) != model.EINVALID {
						t.Errorf("writer %d: the empty span gave %v, want EINVALID", w, err)
					}
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				if op.Version <= last {
					t.Errorf("writer %d: op %d has version %d after %d: applied out of order", w, i, op.Version, last)
				}
				last = op.Version
			}
		}()
	}
	wg.Wait()
	if got, _ := db.Article(art.ID); got.Count != writers*(each-1) {
		t.Errorf("count %d, want %d", got.Count, writers*(each-1))
	}
}

// TestEachArticleQuery: EachArticle keeps only the articles whose title,
// source or text holds Query (in any case), in id order, however many
// others lie between them (more than it scans per transaction).
func TestEachArticleQuery(t *testing.T) {
	db := mustOpen(t)
	var items []storage.NewArticle
	for i := range 2500 {
		text := fmt.Sprintf("Article %d about grain exports.", i)
		if i == 700 || i == 2400 {
			text += " Read More » here."
		}
		items = append(items, storage.NewArticle{Article: model.Article{Title: fmt.Sprintf("A%d", i), Text: text}})
	}
	if _, err := db.ImportArticles(1, items); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := db.EachArticle(storage.ArticleFilter{Project: 1, Query: "read more »"}, func(a model.Article, _ []model.Annotation) error {
		got = append(got, a.Title)
		return nil
	})
	if err != nil || !slices.Equal(got, []string{"A700", "A2400"}) {
		t.Errorf("got %v, %v; want A700 and A2400", got, err)
	}
	n := 0
	if err := db.EachArticle(storage.ArticleFilter{Project: 1}, func(model.Article, []model.Annotation) error { n++; return nil }); err != nil || n != 2500 {
		t.Errorf("without a query: %d articles, %v", n, err)
	}
}
