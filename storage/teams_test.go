package storage_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

func TestMergePatchAndConditions(t *testing.T) {
	db := mustOpen(t)
	art := seed(t, db)
	op, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(10), Label: ptr("CLAIM"),
		Attrs: map[string]string{"note": "first"}, Author: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	id := op.Annotation.ID
	if got := op.Annotation.UpdatedBy; got != "demo" {
		t.Errorf("updated_by after create = %q", got)
	}

	// ben sets the verdict, demo the note: both survive.
	if _, err := db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: id, Attrs: map[string]string{"verdict": "misleading"}, Author: "ben", EditOthers: true}); err != nil {
		t.Fatal(err)
	}
	up, err := db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: id, Attrs: map[string]string{"note": "second"}, Author: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if got := up.Annotation.Attrs; got["verdict"] != "misleading" || got["note"] != "second" {
		t.Errorf("attrs after two merges = %v", got)
	}
	if up.Annotation.Author != "demo" || up.Annotation.UpdatedBy != "demo" {
		t.Errorf("author %q updated_by %q", up.Annotation.Author, up.Annotation.UpdatedBy)
	}
	// "" removes a key.
	up, err = db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: id, Attrs: map[string]string{"note": ""}, Author: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := up.Annotation.Attrs["note"]; ok {
		t.Errorf("note not removed: %v", up.Annotation.Attrs)
	}

	t.Run("ErrIfVersion", func(t *testing.T) {
		_, err := db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: id, Attrs: map[string]string{"note": "late"}, IfVersion: op.Version, Author: "demo"})
		var e *model.Error
		if model.ErrorCode(err) != model.ECONFLICT || !errors.As(err, &e) || e.Current == nil || e.Current.Version != up.Version {
			t.Fatalf("stale if_version: %v", err)
		}
		if _, err := db.Apply(art.ID, model.Change{Action: model.ActionDelete, ID: id, IfVersion: op.Version, Author: "demo"}); model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("stale delete: %v", err)
		}
		if _, err := db.Apply(art.ID, model.Change{Action: model.ActionUpdate, ID: id, Attrs: map[string]string{"note": "now"}, IfVersion: up.Version, Author: "demo"}); err != nil {
			t.Fatalf("current if_version: %v", err)
		}
	})
	t.Run("ErrNotOwn", func(t *testing.T) {
		before, _ := db.Article(art.ID)
		for _, c := range []model.Change{
			{Action: model.ActionUpdate, ID: id, Label: ptr("QUOTE"), Author: "ben"},
			{Action: model.ActionDelete, ID: id, Author: "ben"},
		} {
			if _, err := db.Apply(art.ID, c); model.ErrorCode(err) != model.EFORBIDDEN {
				t.Errorf("%s of another's annotation: %v", c.Action, err)
			}
		}
		if after, _ := db.Article(art.ID); after.Version != before.Version {
			t.Errorf("a refused change moved the version %d -> %d", before.Version, after.Version)
		}
	})
	t.Run("History", func(t *testing.T) {
		ops, err := db.History(art.ID, "", id)
		if err != nil {
			t.Fatal(err)
		}
		if len(ops) != 5 || ops[0].Action != model.ActionCreate || ops[1].Author != "ben" {
			t.Fatalf("history: %d ops, first %+v", len(ops), ops[0])
		}
		if _, err := db.History(art.ID, "", 999); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("history of nothing: %v", err)
		}
	})
}

func TestCredentials(t *testing.T) {
	db := mustOpen(t)
	for _, n := range []string{"ana", "ben"} {
		if err := db.PutUser(model.User{Name: n, Role: model.RoleUser, PasswordHash: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	tok, c, err := db.NewNamedCredential(storage.CredToken, "ana", "ci", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := db.NewCredential(storage.CredSession, "ana", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	benTok, err := db.NewCredential(storage.CredToken, "ben", 0)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := db.Credentials(storage.CredToken, "ana")
	if len(list) != 1 || list[0].ID != c.ID || list[0].Name != "ci" || list[0].Expires.IsZero() {
		t.Fatalf("ana's tokens: %+v", list)
	}
	if all, _ := db.Credentials(storage.CredToken, ""); len(all) != 2 {
		t.Errorf("all tokens: %d", len(all))
	}
	if _, err := db.RevokeCredential(storage.CredToken, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(storage.CredToken, tok); model.ErrorCode(err) != model.EUNAUTHORIZED {
		t.Errorf("revoked token: %v", err)
	}
	if _, err := db.RevokeCredential(storage.CredToken, c.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("revoke twice: %v", err)
	}

	// Disabling refuses every credential of the user, and new ones.
	u, _ := db.User("ana")
	u.Disabled = true
	db.PutUser(u)
	if _, err := db.Authenticate(storage.CredSession, sess); model.ErrorCode(err) != model.EUNAUTHORIZED {
		t.Errorf("disabled user's session: %v", err)
	}
	if _, err := db.NewCredential(storage.CredSession, "ana", 0); err == nil {
		t.Errorf("a disabled user got a session")
	}
	if _, err := db.Authenticate(storage.CredToken, benTok); err != nil {
		t.Errorf("ben's token: %v", err)
	}
	gone, err := db.RevokeUser("ben", "")
	if err != nil || len(gone) != 1 {
		t.Errorf("revoke ben: %v %v", gone, err)
	}
	if err := db.DeleteUser("ana"); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Credentials(storage.CredSession, ""); len(s) != 0 {
		t.Errorf("sessions after deleting ana: %+v", s)
	}
}

func TestPurgeExpired(t *testing.T) {
	db := mustOpen(t)
	db.PutUser(model.User{Name: "ana", Role: model.RoleUser, PasswordHash: []byte("x")})
	if _, err := db.NewCredential(storage.CredSession, "ana", time.Nanosecond); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewCredential(storage.CredToken, "ana", 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Millisecond)
	n, err := db.PurgeExpired()
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want 1", n, err)
	}
}

func TestUpdateProjectMembers(t *testing.T) {
	db := mustOpen(t)
	db.PutUser(model.User{Name: "ana", Role: model.RoleUser, PasswordHash: []byte("x")})
	ps, _ := db.Projects()
	p := ps[0]
	if !p.AnnotatorsEditAll {
		t.Errorf("the default project does not let annotators edit all")
	}
	bad := map[string][]model.Member{
		"ErrNoSuchUser": {{Name: "zed", Role: model.RoleAnnotator}},
		"ErrRole":       {{Name: "ana", Role: "boss"}},
		"ErrTwice":      {{Name: "ana", Role: model.RoleAnnotator}, {Name: "ana", Role: model.RoleManager}},
	}
	for name, ms := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := db.UpdateProject(p.ID, func(p *model.Project) error { p.Members = ms; return nil })
			if model.ErrorCode(err) != model.EINVALID {
				t.Errorf("%v", err)
			}
		})
	}
	got, err := db.UpdateProject(p.ID, func(p *model.Project) error {
		p.Members = []model.Member{{Name: "ana", Role: model.RoleReviewer}}
		return nil
	})
	if err != nil || len(got.Members) != 1 {
		t.Fatalf("%+v %v", got, err)
	}
	if err := db.DeleteUser("ana"); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.Project(p.ID); len(p.Members) != 0 {
		t.Errorf("members after deleting ana: %+v", p.Members)
	}
}

// TestMigrateMembers opens a schema-2 file whose users had global roles:
// after the migration each non-admin is a member of every project with
// the role they had, and their global role is "user".
func TestMigrateMembers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, 2)
		tx.Bucket([]byte("meta")).Put([]byte("schema"), v)
		users := tx.Bucket([]byte("users"))
		for name, role := range map[string]string{"ana": "admin", "ben": "reviewer", "cy": "annotator"} {
			raw, _ := json.Marshal(map[string]any{"name": name, "role": role, "password_hash": []byte("x")})
			users.Put([]byte(name), raw)
		}
		ps := tx.Bucket([]byte("projects"))
		return ps.ForEach(func(k, v []byte) error {
			var p map[string]any
			json.Unmarshal(v, &p)
			delete(p, "annotators_edit_all")
			delete(p, "members")
			raw, _ := json.Marshal(p)
			return ps.Put(k, raw)
		})
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ps, _ := db.Projects()
	p := ps[0]
	if r, _ := p.Member("ben"); r != model.RoleReviewer || !p.AnnotatorsEditAll {
		t.Errorf("project after migration: %+v", p)
	}
	if r, _ := p.Member("cy"); r != model.RoleAnnotator {
		t.Errorf("cy: %q", r)
	}
	if _, ok := p.Member("ana"); ok {
		t.Errorf("the admin was made a member")
	}
	for name, want := range map[string]model.Role{"ana": model.RoleAdmin, "ben": model.RoleUser, "cy": model.RoleUser} {
		if u, _ := db.User(name); u.Role != want {
			t.Errorf("%s: role %q, want %q", name, u.Role, want)
		}
	}
}

// TestArticleURL: only web addresses are stored as an article's url.
func TestArticleURL(t *testing.T) {
	db := mustOpen(t)
	for _, u := range []string{"javascript:alert(1)", "data:text/html,x", "//evil.example", "http://"} {
		if _, _, err := db.CreateArticle(model.Article{Title: "t", Text: "text " + u, URL: u}); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("url %q: %v", u, err)
		}
	}
	if _, _, err := db.CreateArticle(model.Article{Title: "t", Text: "text", URL: "https://news.example/a?b=1"}); err != nil {
		t.Errorf("an https url: %v", err)
	}
}

// TestMaxAnnotations: an article holds at most Options.MaxAnnotations.
func TestMaxAnnotations(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "g.db"), storage.Options{MaxAnnotations: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	art, _, _ := db.CreateArticle(model.Article{Title: "t", Text: "Putin met Xi in Moscow."})
	for i := range 4 {
		_, err := db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: ptr(i), End: ptr(i + 2), Label: ptr("CLAIM"), Author: "ana"})
		if i < 3 && err != nil {
			t.Fatal(err)
		}
		if i == 3 && model.ErrorCode(err) != model.ETOOLARGE {
			t.Errorf("the fourth annotation: %v", err)
		}
	}
}

// TestLookAlikeProjectNames: a project name that looks like another's is
// refused, on create and on rename.
func TestLookAlikeProjectNames(t *testing.T) {
	db := mustOpen(t)
	if _, err := db.CreateProject(model.Project{Name: "Dеfault", Labels: model.DefaultLabels()}); model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "looks like") {
		t.Errorf("a Cyrillic е in Default: %v", err)
	}
	p, err := db.CreateProject(model.Project{Name: "Desk", Labels: model.DefaultLabels()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateProject(p.ID, func(p *model.Project) error { p.Name = "ＤＥＦＡＵＬＴ"; return nil }); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("renamed to a full-width DEFAULT: %v", err)
	}
	if _, err := db.UpdateProject(p.ID, func(p *model.Project) error { p.Name = "desk"; return nil }); err != nil {
		t.Errorf("a project renamed to its own name in lower case: %v", err)
	}
}
