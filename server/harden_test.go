package server_test

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
)

// TestLoginLimitParallel: parallel wrong passwords for one user are
// checked at most 10 times a minute; the rest get 429 without a bcrypt.
func TestLoginLimitParallel(t *testing.T) {
	e := newEnv(t, server.Config{})
	const n = 60
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest("POST", "/api/login", strings.NewReader(`{"name":"ana","password":"wrong password"}`))
			resp, err := e.srv.App().Test(req, -1)
			if err != nil {
				t.Error(err)
				return
			}
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[401] > 10 || count[429] < n-10 || count[401]+count[429] != n {
		t.Errorf("statuses of %d parallel wrong logins: %v, want at most 10 checked (401), the rest 429", n, count)
	}
}

// TestSetupParallel: the one-time setup token makes one admin, however
// many requests carry it at once.
func TestSetupParallel(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "g.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, _ := server.New(server.Config{Store: db, Assets: testAssets, SetupToken: "tok123"})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := `{"token":"tok123","name":"root` + string(rune('a'+i)) + `","password":"long enough"}`
			srv.App().Test(httptest.NewRequest("POST", "/api/setup", strings.NewReader(body)), -1)
		}()
	}
	wg.Wait()
	if us, _ := db.Users(); len(us) != 1 {
		t.Errorf("8 parallel setups made %d admins, want 1", len(us))
	}
}

// TestLogoutClearsCookie: the cookie that ends the session has the Path
// it was set with, or the browser keeps the old one.
func TestLogoutClearsCookie(t *testing.T) {
	e := newEnv(t, server.Config{})
	sess, _ := e.db.NewCredential(storage.CredSession, "ana", 0)
	req := httptest.NewRequest("POST", "/api/logout", nil)
	req.Header.Set("Cookie", server.SessionCookie+"="+sess)
	resp, err := e.srv.App().Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	c := resp.Header.Get("Set-Cookie")
	if !strings.Contains(c, server.SessionCookie+"=;") || !strings.Contains(c, "path=/") || !strings.Contains(c, "max-age=0") {
		t.Errorf("logout cookie %q", c)
	}
}

// TestNoStore: no API answer may be cached, errors included.
func TestNoStore(t *testing.T) {
	e := newEnv(t, server.Config{})
	for _, path := range []string{"/api/me", "/api/projects", "/api/articles/999", "/api/nope"} {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := e.srv.App().Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
	}
}
