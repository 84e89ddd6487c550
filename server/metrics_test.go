package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/server/metrics"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// TestMetricsScraped: /metrics (admins) shows requests by route and
// status, live sockets and ops, group commits, imports and exports; every
// answer carries a request id, which the JSON access log names.
func TestMetricsScraped(t *testing.T) {
	m := metrics.New()
	db, err := storage.Open(t.TempDir()+"/g.db", storage.Options{OnCommit: m.Commit})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var logs bytes.Buffer
	hash, _ := server.HashPassword("correct horse")
	db.PutUser(model.User{Name: "ana", Role: model.RoleAdmin, PasswordHash: hash})
	tok, _ := db.NewCredential(storage.CredToken, "ana", 0)
	storagetest.Join(t, db, "ann", hash, model.RoleAnnotator)
	annTok, _ := db.NewCredential(storage.CredToken, "ann", 0)
	art, _, _ := db.CreateArticle(model.Article{Title: "t", Text: "Putin met Xi in Moscow."})
	srv, err := server.New(server.Config{Store: db, Assets: testAssets, Metrics: m,
		Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, srv: srv, token: tok, art: art}
	base := e.listen()
	c := dial(t, base, art.ID, tok)
	c.Hello(0)
	next(t, c, live.TypeWelcome)
	c.Op("m1", model.ActionCreate, live.AnnotationFields{Start: ptr(0), End: ptr(5), Label: ptr("SPEAKER")})
	next(t, c, live.TypeAck)
	c.Op("m2", model.ActionCreate, live.AnnotationFields{Start: ptr(0), End: ptr(500), Label: ptr("SPEAKER")})
	next(t, c, live.TypeError)
	e.do("GET", fmt.Sprintf("/api/articles/%d", art.ID), "", "X-Request-Id", "trace-42")
	e.do("GET", "/api/articles/999", "")
	e.do("GET", "/api/export?format=csv", "")
	ct, body := multipartBody(t, map[string]string{"a.txt": "An article to import."})
	e.do("POST", "/api/import", body.String(), "Content-Type", ct)

	get := func(token string) (int, string) {
		req, _ := http.NewRequest("GET", base+"/metrics", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get(annTok); code != 403 {
		t.Errorf("an annotator read the metrics: %d", code)
	}
	code, text := get(tok)
	if code != 200 {
		t.Fatalf("/metrics: %d %s", code, text)
	}
	for _, want := range []string{
		`gloss_http_requests_total{method="GET",route="/api/articles/:id",status="200"} 1`,
		`gloss_http_requests_total{method="GET",route="/api/articles/:id",status="404"} 1`,
		`gloss_http_request_duration_seconds_bucket{method="GET",route="/api/articles/:id",le=`,
		`gloss_live_ops_total{outcome="acked"} 1`,
		`gloss_live_ops_total{outcome="refused"} 1`,
		`gloss_live_sockets 1`,
		`gloss_live_rooms 1`,
		`gloss_commit_changes_count`,
		`gloss_commit_duration_seconds_bucket`,
		`gloss_exports_total{format="csv"} 1`,
		`gloss_imported_total{what="articles"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s in:\n%s", want, grepLines(text, "gloss_http_requests_total"))
		}
	}

	// The request id the client chose is echoed and logged with the request.
	req, _ := http.NewRequest("GET", base+"/healthz", nil)
	req.Header.Set("X-Request-Id", "trace-43")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); got != "trace-43" {
		t.Errorf("X-Request-Id echoed %q", got)
	}
	req.Header.Set("X-Request-Id", "bad id <script>")
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); got == "" || strings.Contains(got, " ") {
		t.Errorf("a bad request id was not replaced: %q", got)
	}
	found := false
	for _, line := range strings.Split(logs.String(), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) != nil || rec["msg"] != "request" {
			continue
		}
		if rec["id"] == "trace-42" {
			found = rec["status"] == float64(200) && rec["route"] == "/api/articles/:id" && rec["user"] == "ana"
		}
	}
	if !found {
		t.Errorf("no access log line for trace-42:\n%s", logs.String())
	}
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
