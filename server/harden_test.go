package server_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
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

// TestCrossOrigin: a page of another origin (another port of the same
// host is the same site, so SameSite=Lax sends the cookie) cannot change
// anything with the user's cookie, whatever Content-Type it sends.
func TestCrossOrigin(t *testing.T) {
	e := newEnv(t, server.Config{AllowOrigins: []string{"https://desk.example.org"}})
	sess, _ := e.db.NewCredential(storage.CredSession, "ana", 0)
	path := fmt.Sprintf("/api/articles/%d/annotations", e.art.ID)
	body := `{"start":0,"end":3,"label":"CLAIM"}`
	for _, tc := range []struct {
		name   string
		hdr    []string
		status int
	}{
		{"ErrOtherPort", []string{"Origin", "http://example.com:9999", "Content-Type", "text/plain"}, 403},
		{"ErrOtherScheme", []string{"Origin", "https://example.com", "Content-Type", "application/json"}, 403},
		{"ErrSiteNoOrigin", []string{"Sec-Fetch-Site", "same-site", "Content-Type", "application/x-www-form-urlencoded"}, 403},
		{"ErrCrossSite", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"SameOrigin", []string{"Origin", "http://example.com", "Content-Type", "application/json"}, 201},
		{"AllowedOrigin", []string{"Origin", "https://desk.example.org"}, 201},
		{"Script", nil, 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := state(t, e.db)
			req := httptest.NewRequest("POST", path, strings.NewReader(body))
			req.Header.Set("Cookie", server.SessionCookie+"="+sess)
			for i := 0; i+1 < len(tc.hdr); i += 2 {
				req.Header.Set(tc.hdr[i], tc.hdr[i+1])
			}
			resp, err := e.srv.App().Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status == 403 && state(t, e.db) != before {
				t.Errorf("a cross-origin request changed the database")
			}
		})
	}
}

// TestForwardedHeaders: X-Forwarded-* count only from a trusted proxy; the
// public URL names ids in exports.
func TestForwardedHeaders(t *testing.T) {
	e := newEnv(t, server.Config{})
	// httptest requests come from 0.0.0.0: not a trusted proxy here.
	code, _ := e.do("POST", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), `{"start":0,"end":3,"label":"CLAIM"}`,
		"Origin", "https://evil.example", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https")
	if code != 403 {
		t.Errorf("a forged X-Forwarded-Host passed the origin check: %d", code)
	}
	_, body := e.do("GET", "/api/export?format=w3c", "", "X-Forwarded-Host", "evil.example")
	if strings.Contains(body, "evil.example") {
		t.Errorf("a forged X-Forwarded-Host named the export's ids")
	}

	pub := newEnv(t, server.Config{PublicURL: "https://gloss.example.org/"})
	code, _ = pub.do("POST", fmt.Sprintf("/api/articles/%d/annotations", pub.art.ID), `{"start":0,"end":3,"label":"CLAIM"}`, "Origin", "https://gloss.example.org")
	if code != 201 {
		t.Errorf("the public URL's origin was refused: %d", code)
	}
	_, body = pub.do("GET", "/api/export?format=w3c", "")
	if !strings.Contains(body, "https://gloss.example.org/") {
		t.Errorf("the export's ids do not use the public URL: %.300s", body)
	}

	// Behind a trusted proxy, its headers count.
	tr := newEnv(t, server.Config{TrustedProxies: []string{"0.0.0.0"}})
	code, _ = tr.do("POST", fmt.Sprintf("/api/articles/%d/annotations", tr.art.ID), `{"start":0,"end":3,"label":"CLAIM"}`,
		"Origin", "https://gloss.example.org", "X-Forwarded-Host", "gloss.example.org", "X-Forwarded-Proto", "https")
	if code != 201 {
		t.Errorf("a trusted proxy's forwarded origin was refused: %d", code)
	}
	if _, err := server.New(server.Config{Store: e.db, Assets: testAssets, PublicURL: "javascript:alert(1)"}); err == nil {
		t.Errorf("a javascript: public URL was accepted")
	}
}

// TestBodyNotReadBeforeAuth: a request that is not authenticated is
// refused from its headers: the server answers 401 while the client has
// sent 16 KiB of the 31 MB it announced (the server reads 8 KiB ahead), and an authenticated request over
// its route's limit gets 413 the same way.
func TestBodyNotReadBeforeAuth(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := e.listen()
	for _, tc := range []struct {
		name, path, auth string
		status           int
	}{
		{"ErrNoAuth", "/api/import", "", 401},
		{"ErrNoAuthJSON", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), "", 401},
		{"ErrOverRouteLimit", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), "Authorization: Bearer " + e.token + "\r\n", 413},
		{"ErrLogin", "/api/login", "", 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
				tc.path, tc.auth, 31<<20, strings.Repeat("x", 16<<10))
			conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no answer before the body was sent: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
	// A chunked body (no Content-Length) is cut at the route's limit.
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/articles/%d/annotations", base, e.art.ID), io.MultiReader(strings.NewReader(`{"label":"`), strings.NewReader(strings.Repeat("x", 2<<20))))
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("a chunked body over the limit: %d", resp.StatusCode)
		}
	}
}

// TestLabelTextMemory: a two-letter text that occurs a million times in
// one article is refused having collected only the places the request
// could use (it collected every one first: 912 MB on a 15 MB article).
func TestLabelTextMemory(t *testing.T) {
	e := newEnv(t, server.Config{BodyLimit: 8 << 20})
	art, _, err := e.db.CreateArticle(model.Article{Title: "ab", Text: strings.Repeat("ab ", 1_000_000)})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code, body := e.do("POST", fmt.Sprintf("/api/projects/%d/label-text", art.Project), `{"text":"ab","label":"BOILERPLATE","whole_words":true}`)
	runtime.ReadMemStats(&after)
	if code != 400 || !strings.Contains(body, "more than 10000 places") {
		t.Fatalf("%d %s", code, body)
	}
	// The article's text (3 MB) is read and indexed; a million places
	// would add 16 MB of slices and more in their growth.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20<<20 {
		t.Errorf("the request allocated %d MB", alloc>>20)
	}
}
