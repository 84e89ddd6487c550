package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Backup writes a consistent copy of the whole database (users, projects,
// articles, annotations, op logs, ids) to w while the database stays in
// use: it is one read transaction (bbolt's Tx.WriteTo), so writers go on
// and the copy is the state at its start. It returns the bytes written.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("storage: backup: %w", err)
	}
	return n, nil
}

// BackupFile copies the database file at path, which no server may hold,
// to w. It opens the file read-only; a running gloss holds it locked, and
// then the answer says to back up through the server instead.
func BackupFile(path string, w io.Writer) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return 0, model.Errorf(model.EUNAVAILABLE, "%s is in use by a running gloss: back it up through the server (gloss backup --url URL --token TOKEN)", path)
	}
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	defer b.Close()
	var n int64
	err = b.View(func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// CheckFile opens the database file at path read-only and checks it: a
// bbolt file whose pages are consistent, with a schema this gloss knows.
// It returns its schema version and how many articles it holds.
func CheckFile(path string) (schema uint64, articles int, err error) {
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return 0, 0, fmt.Errorf("%s is not a gloss database: %w", path, err)
	}
	defer b.Close()
	err = b.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("%s is damaged: %w", path, errors.Join(errs...))
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil || meta.Get(keySchema) == nil {
			return fmt.Errorf("%s is a bbolt file but not a gloss database (no schema version)", path)
		}
		schema = btoi(meta.Get(keySchema))
		if schema > SchemaVersion {
			return fmt.Errorf("%s has schema %d; this gloss knows up to %d: use a newer gloss", path, schema, SchemaVersion)
		}
		if a := tx.Bucket(bucketArticles); a != nil {
			articles = a.Stats().KeyN
		}
		return nil
	})
	return schema, articles, err
}

// Restore puts the backup at src in place of the database at dst: it
// checks src first, refuses to replace an existing dst unless force, and
// refuses a dst that a running gloss holds. The copy is written beside dst
// and renamed over it, so dst is never half written.
func Restore(src, dst string, force bool) error {
	if _, _, err := CheckFile(src); err != nil {
		return err
	}
	if _, err := os.Stat(dst); err == nil {
		if !force {
			return model.Errorf(model.ECONFLICT, "%s exists: give --force to replace it", dst)
		}
		// Take the lock a server would hold: refuse while one runs.
		b, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: time.Second})
		if errors.Is(err, berrors.ErrTimeout) {
			return model.Errorf(model.EUNAVAILABLE, "%s is in use by a running gloss: stop it first", dst)
		}
		if err == nil {
			b.Close()
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return fmt.Errorf("restore: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("restore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	// The rename itself must survive a crash: sync the directory.
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
