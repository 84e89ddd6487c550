package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// testAssets stands in for the embedded editor.
var testAssets = fstest.MapFS{
	"index.html": {Data: []byte("<!doctype html><title>gloss</title>")},
	"login.html": {Data: []byte("<!doctype html><title>login</title>")},
	"setup.html": {Data: []byte("<!doctype html><title>setup</title>")},
	"js/main.js": {Data: []byte("export {}")},
}

type env struct {
	t     *testing.T
	db    *storage.DB
	srv   *server.Server
	token string
	art   model.Article
}

func newEnv(t *testing.T, cfg server.Config) *env {
	t.Helper()
	db := storagetest.Open(t)
	hash, err := server.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutUser(model.User{Name: "ana", Role: model.RoleAdmin, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	tok, err := db.NewCredential(storage.CredToken, "ana", 0)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	art, _, err := db.CreateArticle(model.Article{Title: "Xi to meet Putin", Text: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Assets = db, testAssets
	if cfg.Log == nil {
		cfg.Log = quiet // access lines would bury a failure's message
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, db: db, srv: srv, token: tok, art: art}
}

// do sends a request with the env's token and returns status and body.
func (e *env) do(method, path, body string, hdr ...string) (int, string) {
	e.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := e.srv.App().Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func cp(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("not in text: " + sub)
	}
	s := utf8.RuneCountInString(text[:i])
	return s, s + utf8.RuneCountInString(sub)
}

func TestAnnotationAPI(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := fmt.Sprintf("/api/articles/%d/annotations", e.art.ID)
	quote := "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”"
	s, end := cp(e.art.Text, quote)

	code, body := e.do("POST", base, fmt.Sprintf(`{"start":%d,"end":%d,"label":"QUOTE","attrs":{"speaker":"Xi Jinping"}}`, s, end))
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var an model.Annotation
	json.Unmarshal([]byte(body), &an)
	if an.Text != quote || an.Author != "ana" || an.Start != s || an.ID == 0 {
		t.Fatalf("created %+v", an)
	}
	code, body = e.do("PATCH", fmt.Sprintf("%s/%d", base, an.ID), `{"attrs":{"speaker":"Xi"}}`)
	if code != 200 || !strings.Contains(body, `"speaker":"Xi"`) {
		t.Fatalf("patch: %d %s", code, body)
	}
	code, body = e.do("GET", base, "")
	if code != 200 || !strings.Contains(body, quote) {
		t.Fatalf("list: %d %s", code, body)
	}
	if code, body = e.do("DELETE", fmt.Sprintf("%s/%d", base, an.ID), ""); code != 204 {
		t.Fatalf("delete: %d %s", code, body)
	}
	if code, _ = e.do("DELETE", fmt.Sprintf("%s/%d", base, an.ID), ""); code != 404 {
		t.Fatalf("delete again: %d, want 404", code)
	}
	// With an op_id a retried delete is answered as the first one was.
	code, body = e.do("POST", base, `{"start":0,"end":7,"label":"CLAIM"}`)
	json.Unmarshal([]byte(body), &an)
	for i := range 2 {
		if code, body = e.do("DELETE", fmt.Sprintf("%s/%d?op_id=del-1", base, an.ID), ""); code != 204 {
			t.Fatalf("delete with op_id, try %d: %d %s", i+1, code, body)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	e := newEnv(t, server.Config{BodyLimit: 64 << 10})
	base := fmt.Sprintf("/api/articles/%d/annotations", e.art.ID)
	n := e.art.Length
	for _, tc := range []struct {
		name, method, path, body string
		hdr                      []string
		status                   int
		msg                      string
	}{
		{"ErrNoToken", "GET", "/api/articles", "", []string{"Authorization", ""}, 401, "log in"},
		{"ErrWrongToken", "GET", "/api/articles", "", []string{"Authorization", "Bearer nope"}, 401, "invalid"},
		{"ErrBadAuthHeader", "GET", "/api/articles", "", []string{"Authorization", "Basic abc"}, 401, "Bearer"},
		{"ErrMalformedJSON", "POST", base, `{"start":1,`, nil, 400, "malformed JSON"},
		{"ErrWrongType", "POST", base, `{"start":"1","end":2,"label":"QUOTE"}`, nil, 400, "start"},
		{"ErrUnknownField", "POST", base, `{"start":1,"end":2,"label":"QUOTE","colour":"red"}`, nil, 400, "colour"},
		{"ErrSpanOutOfRange", "POST", base, fmt.Sprintf(`{"start":0,"end":%d,"label":"QUOTE"}`, n+1), nil, 400, "out of range"},
		{"ErrStartNotBeforeEnd", "POST", base, `{"start":9,"end":3,"label":"QUOTE"}`, nil, 400, "less than end"},
		{"ErrUnknownLabel", "POST", base, `{"start":0,"end":3,"label":"OPINION"}`, nil, 400, "unknown label"},
		{"ErrAttrValue", "POST", base, `{"start":0,"end":3,"label":"CLAIM","attrs":{"verdict":"maybe"}}`, nil, 400, "must be one of"},
		{"ErrEmptyBody", "POST", base, ``, nil, 400, "empty"},
		{"ErrTwoValues", "POST", base, `{"start":0,"end":3,"label":"CLAIM"}{}`, nil, 400, "more than one"},
		{"ErrArticleIDShape", "GET", "/api/articles/abc", "", nil, 404, "not found"},
		{"ErrArticleMissing", "GET", "/api/articles/999", "", nil, 404, "not found"},
		{"ErrArticleIDNegative", "GET", "/api/articles/-1/annotations", "", nil, 404, "not found"},
		{"ErrAnnotationIDShape", "DELETE", base + "/x1", "", nil, 404, "not found"},
		{"ErrAnnotationMissing", "PATCH", base + "/77", `{"label":"QUOTE"}`, nil, 404, "not found"},
		{"ErrPatchNothing", "PATCH", base + "/77", `{}`, nil, 400, "nothing to change"},
		{"ErrStatus", "PATCH", fmt.Sprintf("/api/articles/%d", e.art.ID), `{"status":"archived"}`, nil, 400, "unknown status"},
		{"ErrNotUTF8", "POST", "/api/articles", "{\"text\":\"caf\xe9\"}", nil, 400, "UTF-8"},
		{"ErrNoText", "POST", "/api/articles", `{"title":"t"}`, nil, 400, "needs a text"},
		{"ErrLimit", "GET", "/api/articles?limit=0", "", nil, 400, "limit"},
		{"ErrRoute", "GET", "/api/nothing", "", nil, 404, "no such API route"},
		{"ErrLiveNotUpgrade", "GET", fmt.Sprintf("/api/articles/%d/live", e.art.ID), "", nil, 426, "Upgrade"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := e.do(tc.method, tc.path, tc.body, tc.hdr...)
			if code != tc.status {
				t.Errorf("status = %d, want %d (%s)", code, tc.status, body)
			}
			var eb struct{ Error string }
			if err := json.Unmarshal([]byte(body), &eb); err != nil || eb.Error == "" {
				t.Fatalf("body %q is not {\"error\": ...}", body)
			}
			if !strings.Contains(eb.Error, tc.msg) {
				t.Errorf("error = %q, want it to mention %q", eb.Error, tc.msg)
			}
		})
	}
	// None of it changed anything.
	a, _ := e.db.Article(e.art.ID)
	if a.Version != 0 || a.Status != model.StatusNew {
		t.Errorf("article changed by refused requests: version %d status %s", a.Version, a.Status)
	}
	if _, total, _ := e.db.Articles(storage.ArticleFilter{}); total != 1 {
		t.Errorf("%d articles, want 1", total)
	}
}

func TestArticles(t *testing.T) {
	e := newEnv(t, server.Config{})
	code, body := e.do("POST", "/api/articles", `{"title":"Emoji","text":"Kyiv 🇺🇦 said 👍🏽 ok","source":"wire","meta":{"lang":"en"}}`)
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var a model.Article
	json.Unmarshal([]byte(body), &a)
	if a.Length != 18 || a.Status != model.StatusNew || a.Meta["lang"] != "en" {
		t.Errorf("article = %+v", a)
	}
	if code, _ := e.do("POST", "/api/articles", `{"title":"Again","text":"Kyiv 🇺🇦 said 👍🏽 ok"}`); code != 200 {
		t.Errorf("same text again: %d, want 200 with the existing article", code)
	}
	code, body = e.do("GET", "/api/articles?q=kyiv", "")
	if code != 200 || !strings.Contains(body, `"total":1`) || strings.Contains(body, "said") {
		t.Errorf("search: %d %s", code, body)
	}
	code, body = e.do("PATCH", fmt.Sprintf("/api/articles/%d", a.ID), `{"status":"done"}`)
	if code != 200 || !strings.Contains(body, `"status":"done"`) {
		t.Errorf("patch: %d %s", code, body)
	}
	code, body = e.do("GET", fmt.Sprintf("/api/articles/%d/next", a.ID), "")
	if code != 200 || !strings.Contains(body, fmt.Sprintf(`"id":%d`, e.art.ID)) {
		t.Errorf("next: %d %s", code, body)
	}
	// Emoji offsets: the flag is code points 5-7, "👍🏽" 13-15.
	code, body = e.do("POST", fmt.Sprintf("/api/articles/%d/annotations", a.ID), `{"start":13,"end":15,"label":"CLAIM"}`)
	if code != 201 || !strings.Contains(body, `"text":"👍🏽"`) {
		t.Errorf("emoji span: %d %s", code, body)
	}
}

func TestLoginAndPages(t *testing.T) {
	e := newEnv(t, server.Config{})
	code, _ := e.do("GET", "/", "", "Authorization", "")
	if code != http.StatusSeeOther {
		t.Errorf("/ without login: %d, want a redirect to /login", code)
	}
	if code, _ := e.do("GET", "/login", "", "Authorization", ""); code != 200 {
		t.Errorf("/login: %d", code)
	}
	if code, body := e.do("GET", "/healthz", "", "Authorization", ""); code != 200 || !strings.Contains(body, "ok") {
		t.Errorf("/healthz: %d %s", code, body)
	}
	if code, body := e.do("POST", "/api/login", `{"name":"ana","password":"wrong password"}`, "Authorization", ""); code != 401 || !strings.Contains(body, "wrong user name or password") {
		t.Errorf("bad login: %d %s", code, body)
	}
	if code, _ := e.do("POST", "/api/login", `{"name":"nobody","password":"correct horse"}`, "Authorization", ""); code != 401 {
		t.Errorf("unknown user login: %d", code)
	}
	req := httptest.NewRequest("POST", "/api/login", strings.NewReader(`{"name":"ana","password":"correct horse"}`))
	resp, err := e.srv.App().Test(req, -1)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp.StatusCode, err)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{server.SessionCookie + "=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	session := strings.SplitN(strings.SplitN(cookie, ";", 2)[0], "=", 2)[1]
	hdr := []string{"Authorization", "", "Cookie", server.SessionCookie + "=" + session}
	if code, body := e.do("GET", "/api/me", "", hdr...); code != 200 || !strings.Contains(body, `"ana"`) {
		t.Errorf("me with cookie: %d %s", code, body)
	}
	if code, _ := e.do("GET", "/", "", hdr...); code != 200 {
		t.Errorf("/ with cookie: %d", code)
	}
	if code, _ := e.do("POST", "/api/logout", "", hdr...); code != 204 {
		t.Errorf("logout: %d", code)
	}
	if code, _ := e.do("GET", "/api/me", "", hdr...); code != 401 {
		t.Errorf("me after logout: %d", code)
	}
}

func TestSetup(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "g.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, _ := server.New(server.Config{Store: db, Assets: testAssets, SetupToken: "tok123"})
	post := func(body string) int {
		resp, err := srv.App().Test(httptest.NewRequest("POST", "/api/setup", strings.NewReader(body)), -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode
	}
	if got := post(`{"token":"wrong","name":"root","password":"long enough"}`); got != 403 {
		t.Errorf("wrong token: %d", got)
	}
	if got := post(`{"token":"tok123","name":"root","password":"short"}`); got != 400 {
		t.Errorf("short password: %d", got)
	}
	if got := post(`{"token":"tok123","name":"root","password":"long enough"}`); got != 201 {
		t.Errorf("setup: %d", got)
	}
	if got := post(`{"token":"tok123","name":"root2","password":"long enough"}`); got != 409 {
		t.Errorf("second setup: %d, want 409", got)
	}
	if u, err := db.User("root"); err != nil || u.Role != model.RoleAdmin {
		t.Errorf("first user %+v %v", u, err)
	}
}

func multipartBody(t *testing.T, files map[string]string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, content := range files {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write([]byte(content))
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestImportAPI(t *testing.T) {
	e := newEnv(t, server.Config{})
	upload := func(files map[string]string) (int, string) {
		ct, body := multipartBody(t, files)
		req := httptest.NewRequest("POST", "/api/import", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := e.srv.App().Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := upload(map[string]string{
		"one.txt":      "A first article.\nWith two lines.",
		"labels.jsonl": `{"text":"Putin said hi","label":[[0,5,"SPEAKER"]]}` + "\n",
	})
	if code != 200 || strings.Count(body, `"created":true`) != 2 {
		t.Fatalf("import: %d %s", code, body)
	}
	// A bad file anywhere imports nothing.
	code, body = upload(map[string]string{"ok.txt": "Fine text.", "bad.txt": "caf\xe9"})
	if code != 400 || !strings.Contains(body, "UTF-8") {
		t.Errorf("non-UTF-8 file: %d %s", code, body)
	}
	code, body = upload(map[string]string{"bad.jsonl": `{"text":"short","label":[[0,50,"CLAIM"]]}`})
	if code != 400 {
		t.Errorf("span out of range: %d %s", code, body)
	}
	if _, total, _ := e.db.Articles(storage.ArticleFilter{}); total != 3 {
		t.Errorf("%d articles, want 3 (seed + 2)", total)
	}
}

// TestBodyLimit goes through a real listener: app.Test reports the limit
// as a Go error instead of the 413 a client gets.
func TestBodyLimit(t *testing.T) {
	e := newEnv(t, server.Config{BodyLimit: 64 << 10})
	base := e.listen()
	// Over a raw connection: the server answers as soon as it has read the
	// headers and closes, which an http.Client still writing the body may
	// see as a reset instead of the answer.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"text":"` + strings.Repeat("x", 70<<10) + `"}`
	go fmt.Fprintf(conn, "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", e.token, len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 413 || !strings.Contains(string(b), `"error":"the request body is larger than this route takes (65536 bytes)"`) {
		t.Errorf("got %d %s, want 413 with a JSON error", resp.StatusCode, b)
	}
	if _, total, _ := e.db.Articles(storage.ArticleFilter{}); total != 1 {
		t.Errorf("%d articles after a refused body", total)
	}
}

func TestExportAPI(t *testing.T) {
	e := newEnv(t, server.Config{})
	base := e.listen()
	s, end := cp(e.art.Text, "the International Criminal Court charged him with war crimes in Ukraine")
	e.do("POST", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), fmt.Sprintf(`{"start":%d,"end":%d,"label":"CLAIM","attrs":{"verdict":"true"}}`, s, end))
	bs, _ := cp(e.art.Text, "South Africa Latest News")
	e.do("POST", fmt.Sprintf("/api/articles/%d/annotations", e.art.ID), fmt.Sprintf(`{"start":%d,"end":%d,"label":"BOILERPLATE"}`, bs, e.art.Length))
	get := func(query string) (int, http.Header, string) {
		req, _ := http.NewRequest("GET", base+"/api/export?"+query, nil)
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	code, hdr, body := get("format=doccano")
	if code != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "gloss-doccano.jsonl") {
		t.Fatalf("doccano: %d %v", code, hdr)
	}
	want := fmt.Sprintf(`[%d,%d,"CLAIM"]`, s, end)
	if !strings.Contains(body, want) {
		t.Errorf("doccano export lacks %s: %s", want, body)
	}
	code, _, body = get("format=claimreview")
	if code != 200 || !strings.Contains(body, "International Criminal Court") || !strings.Contains(body, "ClaimReview") {
		t.Errorf("claimreview: %d %s", code, body)
	}
	code, _, body = get("format=jsonl&clean=true&labels=CLAIM")
	if code != 200 || strings.Contains(body, "Read more") || strings.Contains(body, "BOILERPLATE") {
		t.Errorf("clean export: %d %.300s", code, body)
	}
	code, _, body = get("format=csv&split=80,20&part=train")
	if code != 200 {
		t.Errorf("split part: %d %s", code, body)
	}
	for _, tc := range []struct{ name, query, msg string }{
		{"ErrFormat", "format=xml", "unknown export format"},
		{"ErrSplitWithoutPart", "split=80,10,10", "name the part"},
		{"ErrPart", "split=80,20&part=dev", "unknown part"},
		{"ErrLabel", "labels=OPINION", "no project has a label"},
		{"ErrDate", "from=yesterday", "YYYY-MM-DD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := get(tc.query)
			if code != 400 || !strings.Contains(body, tc.msg) {
				t.Errorf("%d %s, want 400 mentioning %q", code, body, tc.msg)
			}
		})
	}
}

func TestProjects(t *testing.T) {
	e := newEnv(t, server.Config{})
	schema := `{"name":"Desk","labels":[{"name":"CLAIM","color":"#d97706","hotkey":"c","attrs":[{"name":"verdict","type":"enum","values":["true","false"]}]}]}`
	code, body := e.do("POST", "/api/projects", schema)
	if code != 201 || !strings.Contains(body, `"name":"Desk"`) {
		t.Fatalf("create: %d %s", code, body)
	}
	if code, _ := e.do("POST", "/api/projects", schema); code != 409 {
		t.Errorf("same name again: %d, want 409", code)
	}
	for _, tc := range []struct{ name, body, msg string }{
		{"ErrNoLabels", `{"name":"X","labels":[]}`, "at least one label"},
		{"ErrColour", `{"name":"X","labels":[{"name":"A","color":"red"}]}`, "#rrggbb"},
		{"ErrHotkeyTwice", `{"name":"X","labels":[{"name":"A","color":"#000000","hotkey":"a"},{"name":"B","color":"#000000","hotkey":"a"}]}`, "taken"},
		{"ErrLabelName", `{"name":"X","labels":[{"name":"has space","color":"#000000"}]}`, "label name"},
		{"ErrEnumValues", `{"name":"X","labels":[{"name":"A","color":"#000000","attrs":[{"name":"v","type":"enum"}]}]}`, "needs values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := e.do("POST", "/api/projects", tc.body)
			if code != 400 || !strings.Contains(body, tc.msg) {
				t.Errorf("%d %s, want 400 mentioning %q", code, body, tc.msg)
			}
		})
	}
	// An annotator may not create projects.
	ben := e.tokenFor("ben")
	if code, body := e.do("POST", "/api/projects", `{"name":"Mine","labels":[{"name":"A","color":"#000000"}]}`, "Authorization", "Bearer "+ben); code != 403 {
		t.Errorf("annotator creating a project: %d %s", code, body)
	}
	code, body = e.do("GET", "/api/projects", "")
	if code != 200 || strings.Count(body, `"labels"`) != 2 {
		t.Errorf("list: %d %s", code, body)
	}
}
