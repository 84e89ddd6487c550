// Package storagetest opens throwaway databases for tests.
package storagetest

import (
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Open opens a fresh database in t.TempDir. When the test ends it runs
// bbolt's consistency check on the file and closes it.
func Open(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "gloss.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("bbolt check: %v", err)
		}
		db.Close()
	})
	return db
}

// Join makes a user called name (global role "user", with the given
// password hash) a member of the first project with role, creating the
// user when needed.
func Join(t testing.TB, db *storage.DB, name string, hash []byte, role model.ProjectRole) {
	t.Helper()
	if _, err := db.User(name); err != nil {
		if err := db.PutUser(model.User{Name: name, Role: model.RoleUser, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		for i, m := range p.Members {
			if m.Name == name {
				p.Members[i].Role = role
				return nil
			}
		}
		p.Members = append(p.Members, model.Member{Name: name, Role: role})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
