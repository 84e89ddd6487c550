package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
)

func gloss(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	if _, _, err := gloss(t, "s3cret-pass\n", "user", "add", "ana", "--role", "reviewer", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, _, err := gloss(t, "short\n", "user", "add", "ben", "--role", "annotator", "--db", db); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("short password: %v", err)
	}
	if _, _, err := gloss(t, "s3cret-pass\n", "user", "add", "ben", "--role", "boss", "--db", db); err == nil || !strings.Contains(err.Error(), "--role") {
		t.Errorf("bad role: %v", err)
	}
	out, _, err := gloss(t, "", "token", "create", "ana", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	tok := lines[len(lines)-1]
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if u, err := st.Authenticate(storage.CredToken, tok); err != nil || u.Name != "ana" {
		t.Errorf("token on the last line does not authenticate: %v", err)
	}
	st.Close()
	if _, _, err := gloss(t, "", "token", "create", "nobody", "--db", db); err == nil || !strings.Contains(errorText(err), "not found") {
		t.Errorf("token for unknown user: %v", err)
	}

	out, _, err = gloss(t, "", "import", "--db", db, "../../testdata/xi-putin-icc.txt", "../../testdata/multilingual.txt")
	if err != nil || !strings.Contains(out, "1 new") {
		t.Fatalf("import: %v %s", err, out)
	}
	bad := filepath.Join(t.TempDir(), "latin1.txt")
	os.WriteFile(bad, []byte("caf\xe9"), 0o644)
	if _, _, err := gloss(t, "", "import", "--db", db, bad); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("non-UTF-8 import: %v", err)
	}
	outFile := filepath.Join(t.TempDir(), "out.jsonl")
	if _, _, err := gloss(t, "", "export", "--db", db, "--format", "doccano", "--out", outFile, "--quiet"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(outFile)
	if got := strings.Count(string(b), "\n"); got != 2 {
		t.Errorf("doccano export has %d lines, want 2", got)
	}
	if _, _, err := gloss(t, "", "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
}

// TestProjectCommands: create a project from a labels file, list it; a
// bad schema or a taken name is refused and adds nothing.
func TestProjectCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("ads.json", `[{"name":"AD","color":"#ff0000","hotkey":"a","attrs":[]},{"name":"SPONSOR","color":"#00ff00","hotkey":"s","attrs":[{"name":"sponsor","type":"text"}]}]`)
	out, _, err := gloss(t, "", "project", "create", "Ads", "--labels", good, "--db", db)
	if err != nil || !strings.Contains(out, "project 2 (Ads) created with 2 labels") {
		t.Fatalf("create: %v %q", err, out)
	}
	for _, tc := range []struct{ name, file, want string }{
		{"Ads", good, "exists already"},
		{"Dup", write("dup.json", `[{"name":"A","color":"#ff0000","hotkey":"a"},{"name":"B","color":"#00ff00","hotkey":"a"}]`), `hotkey "a" is already taken`},
		{"Bad", write("bad.json", `{"name":"A"}`), "a JSON list of labels"},
	} {
		if _, _, err := gloss(t, "", "project", "create", tc.name, "--labels", tc.file, "--db", db); err == nil || !strings.Contains(errorText(err), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.file, err, tc.want)
		}
	}
	out, _, err = gloss(t, "", "project", "list", "--db", db)
	if err != nil || out != "1\tDefault\t[BOILERPLATE QUOTE CLAIM SPEAKER]\n2\tAds\t[AD SPONSOR]\n" {
		t.Errorf("list: %v %q", err, out)
	}
	if _, _, err := gloss(t, "", "project", "create", "NoLabels", "--db", db); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("create without --labels: %v", err)
	}
}

// TestLabelTextCommand: count, then label, each line of a boilerplate
// list in the imported seed article; a second run finds nothing left and
// a bad label is refused.
func TestLabelTextCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	if _, _, err := gloss(t, "", "import", "--db", db, "../../testdata/xi-putin-icc.txt"); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "boilerplate.txt")
	os.WriteFile(list, []byte("Read more »\n\nSouth Africa Latest News, South Africa Headlines\n"), 0o644)
	out, _, err := gloss(t, "", "label-text", "--label", "BOILERPLATE", "--texts", list, "--db", db)
	want := "\"Read more »\": 6 places in 1 articles not labelled yet\n\"South Africa Latest News, South Africa Headlines\": 1 places in 1 articles not labelled yet\n"
	if err != nil || out != want {
		t.Fatalf("count: %v\n%s", err, out)
	}
	if out, _, err = gloss(t, "", "label-text", "--label", "BOILERPLATE", "--texts", list, "--apply", "--db", db); err != nil || !strings.Contains(out, "6 places in 1 articles labelled BOILERPLATE now (0 refused)") {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if out, _, err = gloss(t, "", "label-text", "--label", "BOILERPLATE", "--text", "Read more »", "--db", db); err != nil || !strings.Contains(out, ": 0 places") {
		t.Errorf("after: %v\n%s", err, out)
	}
	if _, _, err := gloss(t, "", "label-text", "--label", "NOPE", "--text", "Read more »", "--db", db); err == nil || !strings.Contains(err.Error(), "unknown label") {
		t.Errorf("bad label: %v", err)
	}
	if _, _, err := gloss(t, "", "label-text", "--text", "x", "--db", db); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("no label: %v", err)
	}
}

// TestLockedDatabase: a second process on the same file is told so within
// a second or two instead of hanging.
func TestLockedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, _, err = gloss(t, "", "import", "--db", db, "../../testdata/xi-putin-icc.txt")
	if err == nil || !strings.Contains(errorText(err), "locked by another process") {
		t.Fatalf("got %v, want a 'locked' error", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		rc, err := parseServe([]string{"--addr", "127.0.0.1:0", "--db", db, "--demo"}, &out, io.Discard, slog.New(slog.DiscardHandler))
		if err != nil {
			done <- err
			return
		}
		rc.Ready = func(addr string) { ready <- addr }
		done <- server.Run(ctx, rc)
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `log in as "demo" with password`) {
		t.Errorf("serve --demo printed %q", out.String())
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, total, _ := st.Articles(storage.ArticleFilter{}); total < 2 {
		t.Errorf("demo imported %d articles", total)
	}
}

// TestUserAddAgain: adding a user again replaces the password and ends
// every session and token of theirs (the old password's).
func TestUserAddAgain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	if _, _, err := gloss(t, "s3cret-pass\n", "user", "add", "ana", "--role", "annotator", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, _, err := gloss(t, "", "token", "create", "ana", "--ttl", "24h", "--name", "ci", "--db", db)
	if err != nil || !strings.Contains(out, "expires") {
		t.Fatalf("token create: %v %s", err, out)
	}
	tok := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	out, _, err = gloss(t, "", "token", "list", "--db", db)
	if err != nil || !strings.Contains(out, "ci") || !strings.Contains(out, "ana") {
		t.Fatalf("token list: %v %s", err, out)
	}
	out, _, err = gloss(t, "another-pass\n", "user", "add", "ana", "--role", "reviewer", "--db", db)
	if err != nil || !strings.Contains(out, "1 sessions and tokens revoked") {
		t.Fatalf("user add again: %v %s", err, out)
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Authenticate(storage.CredToken, tok); err == nil {
		t.Errorf("the old token still works")
	}
	ps, _ := st.Projects()
	if r, _ := ps[0].Member("ana"); r != "reviewer" {
		t.Errorf("ana's project role: %q", r)
	}
	st.Close()
	if _, _, err := gloss(t, "", "token", "revoke", "nope", "--db", db); err == nil {
		t.Errorf("revoking an unknown token id succeeded")
	}
}
