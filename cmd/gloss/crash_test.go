package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestMain lets the test binary stand in for gloss: with GLOSS_TEST_MAIN=1
// it is `gloss` with its arguments, so that a test can run `gloss serve`
// as a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("GLOSS_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestAckedOpsSurviveKill: a server killed with SIGKILL while live ops are
// in flight (several per socket, through the group commit) loses none of
// the ops it acknowledged. The database file is opened afterwards and
// every acknowledged op_id must be in the article's op log, with the
// version its ack gave. A kill tests that nothing is acknowledged before
// its transaction has committed; that a commit survives a power cut is
// bbolt's fsync on commit, which gloss leaves on.
func TestAckedOpsSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a server process")
	}
	db, token, art := newDB(t, "annotator")

	base, kill, logs := startServe(t, db)
	defer kill()

	// Four sockets, each keeping 8 ops in flight, until the kill.
	const sockets, window = 4, 8
	var (
		mu    sync.Mutex
		acked = map[string]uint64{} // op_id → version
		wg    sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for s := range sockets {
		c, _, err := client.Dial(ctx, base, art.ID, token, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Hello(0); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots := make(chan struct{}, window)
			go func() {
				for i := 0; ctx.Err() == nil; i++ {
					slots <- struct{}{}
					start, end := (i*7)%700, (i*7)%700+5
					label := "CLAIM"
					if c.Op(fmt.Sprintf("s%d-%d", s, i), model.ActionCreate, live.AnnotationFields{Start: &start, End: &end, Label: &label}) != nil {
						return
					}
				}
			}()
			for {
				m, err := c.Read()
				if err != nil {
					return // the kill
				}
				if m.Type == live.TypeAck {
					mu.Lock()
					acked[m.OpID] = m.Version
					mu.Unlock()
					<-slots
				}
			}
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 400 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d acks in 10 s:\n%s", n, logs())
		}
	}
	kill() // SIGKILL: no shutdown, no last commit
	cancel()
	wg.Wait()

	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer st.Close()
	ops, _, err := st.OpsSince(art.ID, "", 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]uint64{}
	for i, op := range ops {
		if op.Version != uint64(i+1) {
			t.Fatalf("op %d has version %d: the log has a gap", i, op.Version)
		}
		stored[op.OpID] = op.Version
	}
	mu.Lock()
	defer mu.Unlock()
	for id, v := range acked {
		if got, ok := stored[id]; !ok || got != v {
			t.Errorf("op %s was acknowledged at version %d but the file has %d (present %v)", id, v, got, ok)
		}
	}
	t.Logf("%d ops acknowledged before the kill, %d in the file (committed but not yet acknowledged: %d)", len(acked), len(ops), len(ops)-len(acked))
}

// newDB makes a database file with user ana (role), her API token, and
// one article, through the CLI as an operator would, and closes it for a
// server to open.
func newDB(t *testing.T, role string) (db, token string, art model.Article) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "g.db")
	if _, _, err := gloss(t, "s3cret-pass\n", "user", "add", "ana", "--role", role, "--db", db); err != nil {
		t.Fatal(err)
	}
	out, _, err := gloss(t, "", "token", "create", "ana", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	token = strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	art, _, err = st.CreateArticle(model.Article{Project: 1, Title: "t", Text: strings.Repeat("Xi meets Putin. ", 50)})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	return db, token, art
}
