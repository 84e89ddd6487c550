package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web"
)

// TestBackupUnderLoad: a backup taken from a running server while live
// sockets write restores to a database that holds every op acknowledged
// before the backup began, and checks clean.
func TestBackupUnderLoad(t *testing.T) {
	db, token, art := newDB(t, "admin")
	dir := filepath.Dir(db)

	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() {
		served <- server.Run(ctx, server.RunConfig{Addr: "127.0.0.1:0", DB: db, Assets: web.FS, Out: io.Discard,
			Ready: func(addr string) { ready <- addr }})
	}()
	base := "http://" + <-ready
	defer func() { stop(); <-served }()

	var (
		mu    sync.Mutex
		acked = map[uint64]bool{} // annotation ids acknowledged
		wg    sync.WaitGroup
	)
	wctx, wstop := context.WithCancel(ctx)
	for s := range 4 {
		c, _, err := client.Dial(wctx, base, art.ID, token, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.Hello(0)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; wctx.Err() == nil; i++ {
				start := (i * 7) % 700
				end := start + 5
				label := "CLAIM"
				if c.Op(fmt.Sprintf("s%d-%d", s, i), model.ActionCreate, live.AnnotationFields{Start: &start, End: &end, Label: &label}) != nil {
					return
				}
				for {
					c.SetReadDeadline(time.Now().Add(5 * time.Second))
					m, err := c.Read()
					if err != nil {
						return
					}
					if m.Type == live.TypeAck {
						mu.Lock()
						acked[m.Annotation.ID] = true
						mu.Unlock()
						break
					}
				}
			}
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 {
			break
		}
	}
	mu.Lock()
	before := make(map[uint64]bool, len(acked))
	for id := range acked {
		before[id] = true
	}
	mu.Unlock()
	backup := filepath.Join(dir, "backup.db")
	if out, _, err := gloss(t, "", "backup", "--out", backup, "--url", base, "--token", token); err != nil || !strings.Contains(out, "checked") {
		t.Fatalf("backup: %v %s", err, out)
	}
	time.Sleep(100 * time.Millisecond) // writes go on after it
	wstop()
	wg.Wait()
	if len(before) < 20 {
		t.Fatalf("only %d ops acknowledged before the backup: no load", len(before))
	}

	restored := filepath.Join(dir, "restored.db")
	if out, _, err := gloss(t, "", "restore", backup, "--db", restored); err != nil || !strings.Contains(out, "1 articles") {
		t.Fatalf("restore: %v %s", err, out)
	}
	if _, _, err := gloss(t, "", "restore", backup, "--db", restored); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("restore over an existing file without --force: %v", err)
	}
	if _, _, err := gloss(t, "", "restore", backup, "--db", db, "--force"); err == nil || !strings.Contains(err.Error(), "running gloss") {
		t.Errorf("restore over the running server's file: %v", err)
	}
	if _, _, err := gloss(t, "", "backup", "--out", filepath.Join(dir, "x.db"), "--db", db); err == nil || !strings.Contains(err.Error(), "--url") {
		t.Errorf("a file backup of the running server's file: %v", err)
	}
	rs, err := storage.Open(restored, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	anns, err := rs.Annotations(art.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	have := map[uint64]bool{}
	for _, a := range anns {
		have[a.ID] = true
	}
	for id := range before {
		if !have[id] {
			t.Errorf("annotation %d was acknowledged before the backup and is not in it", id)
		}
	}
	if err := rs.Check(); err != nil {
		t.Errorf("bbolt check of the restored file: %v", err)
	}
	if u, err := rs.User("ana"); err != nil || u.Role != model.RoleAdmin {
		t.Errorf("users are not in the backup: %v", err)
	}
	t.Logf("%d ops acknowledged before the backup, %d annotations in it, %d acknowledged in all", len(before), len(anns), len(acked))
}

func TestRestoreRefusesJunk(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if _, _, err := gloss(t, "", "restore", junk, "--db", filepath.Join(dir, "new.db")); err == nil {
		t.Errorf("restored a file that does not exist")
	}
	writeFile(t, junk, "not a database")
	if _, _, err := gloss(t, "", "restore", junk, "--db", filepath.Join(dir, "new.db")); err == nil || !strings.Contains(err.Error(), "not a gloss database") {
		t.Errorf("restored junk: %v", err)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
