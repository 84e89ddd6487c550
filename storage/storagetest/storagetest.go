// Package storagetest opens throwaway databases for tests.
package storagetest

import (
	"path/filepath"
	"testing"

	"github.com/gloss-dev/gloss/storage"
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
