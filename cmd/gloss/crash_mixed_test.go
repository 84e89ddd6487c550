package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// startServe runs `gloss serve` on db as a process of its own and returns
// its base URL, a function that SIGKILLs it (once; later calls do
// nothing) and what it has logged.
func startServe(t *testing.T, db string) (base string, kill func(), logs func() string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "serve", "--addr", addr, "--db", db)
	cmd.Env = append(os.Environ(), "GLOSS_TEST_MAIN=1")
	var out strings.Builder
	var mu sync.Mutex
	cmd.Stdout, cmd.Stderr = lockedWriter{&mu, &out}, lockedWriter{&mu, &out}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	var once sync.Once
	kill = func() { once.Do(func() { cmd.Process.Kill(); <-exited }) }
	logs = func() string { mu.Lock(); defer mu.Unlock(); return out.String() }
	base = "http://" + addr
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if r, err := http.Get(base + "/healthz"); err == nil {
			r.Body.Close()
			return base, kill, logs
		}
		if time.Now().After(deadline) {
			kill()
			t.Fatalf("the server did not start:\n%s", logs())
		}
	}
}

// lockedWriter lets a process's stdout and stderr share one buffer that
// the test reads while the process writes.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestKillsUnderMixedWriters: gloss serve is SIGKILLed five times while
// live sockets and REST clients write (creates, updates, deletes); after
// every kill the file passes bbolt's check and holds every change that was
// acknowledged (a socket's ack, a REST 2xx), with no gap in the op log.
func TestKillsUnderMixedWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a server process five times")
	}
	db, token, art := newDB(t, "annotator")
	acked := map[string]bool{} // op_ids acknowledged, over every run
	var mu sync.Mutex
	ack := func(id string) { mu.Lock(); acked[id] = true; mu.Unlock() }
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }

	for run := range 5 {
		base, kill, _ := startServe(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for s := range 2 { // live sockets, several ops in flight
			c, _, err := client.Dial(ctx, base, art.ID, token, nil)
			if err != nil {
				t.Fatal(err)
			}
			c.Hello(0)
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				slots := make(chan struct{}, 4)
				go func() {
					for i := 0; ctx.Err() == nil; i++ {
						slots <- struct{}{}
						start, end, label := (i*11)%700, (i*11)%700+4, "QUOTE"
						if c.Op(fmt.Sprintf("r%d-s%d-%d", run, s, i), model.ActionCreate, live.AnnotationFields{Start: &start, End: &end, Label: &label}) != nil {
							return
						}
					}
				}()
				for {
					m, err := c.Read()
					if err != nil {
						return
					}
					if m.Type == live.TypeAck {
						ack(m.OpID)
						<-slots
					}
				}
			}()
		}
		for w := range 2 { // REST: create, then update or delete what was created
			wg.Add(1)
			go func() {
				defer wg.Done()
				hc := &http.Client{Timeout: 5 * time.Second}
				do := func(method, path, body string) (int, string) {
					req, _ := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+token)
					resp, err := hc.Do(req)
					if err != nil {
						return 0, ""
					}
					defer resp.Body.Close()
					b, _ := io.ReadAll(resp.Body)
					return resp.StatusCode, string(b)
				}
				for i := 0; ctx.Err() == nil; i++ {
					id := fmt.Sprintf("r%d-w%d-%d", run, w, i)
					code, body := do("POST", fmt.Sprintf("/api/articles/%d/annotations", art.ID),
						fmt.Sprintf(`{"start":%d,"end":%d,"label":"CLAIM","op_id":%q}`, i%700, i%700+6, id))
					if code != 201 {
						continue
					}
					ack(id)
					var aid uint64
					fmt.Sscanf(body[strings.Index(body, `"id":`)+5:], "%d", &aid)
					path := fmt.Sprintf("/api/articles/%d/annotations/%d", art.ID, aid)
					if i%2 == 0 {
						if code, _ := do("PATCH", path, fmt.Sprintf(`{"attrs":{"note":"n%d"},"op_id":%q}`, i, id+"u")); code == 200 {
							ack(id + "u")
						}
					} else if code, _ := do("DELETE", path+"?op_id="+id+"d", ""); code == 204 {
						ack(id + "d")
					}
				}
			}()
		}
		for want, deadline := count()+150, time.Now().Add(10*time.Second); count() < want && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		kill() // SIGKILL: no shutdown, no last commit
		cancel()
		wg.Wait()

		st, err := storage.Open(db, storage.Options{})
		if err != nil {
			t.Fatalf("run %d: reopen after the kill: %v", run, err)
		}
		if err := st.Check(); err != nil {
			t.Errorf("run %d: bbolt check: %v", run, err)
		}
		ops, _, err := st.OpsSince(art.ID, "", 0, 1<<30)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]bool{}
		for i, op := range ops {
			if op.Version != uint64(i+1) {
				t.Fatalf("run %d: op %d has version %d: the log has a gap", run, i, op.Version)
			}
			stored[op.OpID] = true
		}
		mu.Lock()
		lost := 0
		for id := range acked {
			if !stored[id] {
				lost++
				if lost < 5 {
					t.Errorf("run %d: %s was acknowledged and is not in the file", run, id)
				}
			}
		}
		t.Logf("run %d: %d acknowledged so far, %d ops in the file, %d lost", run, len(acked), len(ops), lost)
		mu.Unlock()
	}
}
