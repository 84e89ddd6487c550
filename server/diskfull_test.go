package server_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/browsertest"
)

// smallDisk mounts a tmpfs of size bytes and returns its path; it is
// unmounted when the test ends. It needs root (CI is).
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		browsertest.Skip(t, "the disk-full test mounts a tmpfs: run it as root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
		browsertest.Skip(t, fmt.Sprintf("the disk-full test could not mount a tmpfs: %v %s", err, out))
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// fill writes a file as large as the free space, and returns a function
// that removes it.
func fill(t *testing.T, dir string) func() {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			break // ENOSPC: full
		}
	}
	f.Sync()
	f.Close()
	return func() { os.Remove(path) }
}

// TestDiskFull: with the disk full a write is answered 507 with why and
// changes nothing; reads go on; once space is back, writes work again
// without a restart.
func TestDiskFull(t *testing.T) {
	dir := smallDisk(t, 8<<20)
	db, err := storage.Open(filepath.Join(dir, "gloss.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hash, _ := server.HashPassword("correct horse")
	db.PutUser(model.User{Name: "ana", Role: model.RoleAdmin, PasswordHash: hash})
	tok, _ := db.NewCredential(storage.CredToken, "ana", 0)
	art, _, err := db.CreateArticle(model.Article{Title: "t", Text: strings.Repeat("Putin met Xi. ", 200)})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: db, Assets: testAssets})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, srv: srv, token: tok, art: art}
	path := fmt.Sprintf("/api/articles/%d/annotations", art.ID)
	create := func(i int) (int, string) {
		return e.do("POST", path, fmt.Sprintf(`{"start":%d,"end":%d,"label":"CLAIM","attrs":{"note":%q}}`, i%2000, i%2000+5, strings.Repeat("n", 3000)))
	}
	if code, body := create(0); code != 201 {
		t.Fatalf("before the disk is full: %d %s", code, body)
	}
	free := fill(t, dir)
	// bbolt may still have free pages in its file: write until it needs
	// more than the disk has.
	var code int
	var body string
	for i := 1; i < 2000; i++ {
		if code, body = create(i); code != 201 {
			break
		}
	}
	if code != 507 || !strings.Contains(body, "the disk is full; nothing was saved") {
		t.Fatalf("a write on a full disk: %d %s", code, body)
	}
	before, _ := db.Article(art.ID)
	if code, body := create(1); code != 507 {
		t.Fatalf("again: %d %s", code, body)
	}
	if after, _ := db.Article(art.ID); after.Version != before.Version {
		t.Errorf("a refused write moved the version %d -> %d", before.Version, after.Version)
	}
	if code, _ := e.do("GET", path, ""); code != 200 {
		t.Errorf("reads on a full disk: %d", code)
	}
	free()
	if code, body := create(2); code != 201 {
		t.Errorf("after space came back: %d %s", code, body)
	}
	if err := db.Check(); err != nil {
		t.Errorf("bbolt check: %v", err)
	}
}
