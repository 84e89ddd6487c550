package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// team is a database with one user of every kind the permission table
// knows, for TestPermissions: an admin, a manager, a reviewer and an
// annotator of project 1, a user who is only a member of project 2, a
// disabled user, a revoked token and an expired session.
type team struct {
	t      *testing.T
	db     *storage.DB
	srv    *server.Server
	tokens map[string]string // actor → Authorization token (or session cookie for "expired")
	p1, p2 model.Project
	a, b   model.Article // project 1
	c      model.Article // project 2
	x, y   model.Annotation
	annTok string // the id of ann's token, for DELETE /api/tokens/:id
}

var actors = []string{"admin", "manager", "reviewer", "annotator", "nonmember", "disabled", "revoked", "expired"}

func newTeam(t *testing.T, editAll bool) *team {
	t.Helper()
	db := storagetest.Open(t)
	tm := &team{t: t, db: db, tokens: map[string]string{}}
	users := map[string]string{"admin": "ana", "manager": "mia", "reviewer": "rev", "annotator": "ann", "nonmember": "out", "disabled": "dis"}
	for actor, name := range users {
		role := model.RoleUser
		if actor == "admin" {
			role = model.RoleAdmin
		}
		if err := db.PutUser(model.User{Name: name, Role: role, PasswordHash: []byte("not used")}); err != nil {
			t.Fatal(err)
		}
		tok, c, err := db.NewNamedCredential(storage.CredToken, name, "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		tm.tokens[actor] = tok
		if actor == "annotator" {
			tm.annTok = c.ID
		}
	}
	revoked, c, _ := db.NewNamedCredential(storage.CredToken, "ann", "old", 0)
	if _, err := db.RevokeCredential(storage.CredToken, c.ID); err != nil {
		t.Fatal(err)
	}
	tm.tokens["revoked"] = revoked
	expired, _ := db.NewCredential(storage.CredSession, "ann", time.Nanosecond)
	tm.tokens["expired"] = "cookie:" + expired

	ps, _ := db.Projects()
	var err error
	tm.p1, err = db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		p.AnnotatorsEditAll = editAll
		p.Members = []model.Member{{Name: "mia", Role: model.RoleManager}, {Name: "rev", Role: model.RoleReviewer},
			{Name: "ann", Role: model.RoleAnnotator}, {Name: "dis", Role: model.RoleAnnotator}}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tm.p2, err = db.CreateProject(model.Project{Name: "Other desk", Labels: model.DefaultLabels(), AnnotatorsEditAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if tm.p2, err = db.UpdateProject(tm.p2.ID, func(p *model.Project) error {
		p.Members = []model.Member{{Name: "out", Role: model.RoleAnnotator}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	dis, _ := db.User("dis")
	dis.Disabled = true
	db.PutUser(dis)

	tm.a, _, _ = db.CreateArticle(model.Article{Project: tm.p1.ID, Title: "A", Text: "Putin was charged with war crimes, the ICC said."})
	tm.b, _, _ = db.CreateArticle(model.Article{Project: tm.p1.ID, Title: "B", Text: "Xi Jinping will visit Moscow."})
	tm.c, _, _ = db.CreateArticle(model.Article{Project: tm.p2.ID, Title: "C", Text: "Read more » Similar News:"})
	x, err := db.Apply(tm.a.ID, model.Change{Action: model.ActionCreate, Start: ptr(0), End: ptr(5), Label: ptr("CLAIM"), Author: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	y, err := db.Apply(tm.a.ID, model.Change{Action: model.ActionCreate, Start: ptr(6), End: ptr(10), Label: ptr("CLAIM"), Author: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	tm.x, tm.y = x.Annotation, y.Annotation
	time.Sleep(time.Millisecond) // the session's nanosecond is over
	tm.srv, err = server.New(server.Config{Store: db, Assets: testAssets, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// do sends one request as actor.
func (tm *team) do(actor, method, path, body, contentType string) (int, string) {
	tm.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	if tok := tm.tokens[actor]; strings.HasPrefix(tok, "cookie:") {
		req.Header.Set("Cookie", server.SessionCookie+"="+strings.TrimPrefix(tok, "cookie:"))
	} else if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := tm.srv.App().Test(req, -1)
	if err != nil {
		tm.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// state is everything a request could change, as text: a refused request
// must leave it as it was.
func state(t *testing.T, db *storage.DB) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	ps, _ := db.Projects()
	us, _ := db.Users()
	toks, _ := db.Credentials(storage.CredToken, "")
	sess, _ := db.Credentials(storage.CredSession, "")
	arts, _, err := db.Articles(storage.ArticleFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	enc.Encode([]any{ps, us, toks, sess, arts})
	for _, a := range arts {
		for _, l := range append([]model.Layer{{}}, a.Layers...) {
			st, _ := db.State(a.ID, l.Name)
			enc.Encode(st)
		}
		rej, _ := db.Rejections(a.ID)
		enc.Encode(rej)
	}
	return b.String()
}

func importBody() (string, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	f, _ := w.CreateFormFile("files", "new.txt")
	f.Write([]byte("A text nobody imported before."))
	w.Close()
	return buf.String(), w.FormDataContentType()
}

// TestPermissions walks every route for every kind of actor: the status
// each gets, and that a refused request changed nothing. Each cell runs on
// a fresh database, so an allowed change cannot mask the next cell.
func TestPermissions(t *testing.T) {
	multipartBody, multipartType := importBody()
	routes := func(tm *team) []permRoute {
		p1, a, b, x, y := tm.p1.ID, tm.a.ID, tm.b.ID, tm.x.ID, tm.y.ID
		return []permRoute{
			{"Me", "GET", "/api/me", "", "", "200 200 200 200 200"},
			{"ListProjects", "GET", "/api/projects", "", "", "200 200 200 200 200"},
			{"CreateProject", "POST", "/api/projects", `{"name":"New desk","labels":[{"name":"X","color":"#123456","hotkey":"x","attrs":[]}]}`, "", "201 403 403 403 403"},
			{"PatchProject", "PATCH", fmt.Sprintf("/api/projects/%d", p1), `{"annotators_edit_all":true}`, "", "200 200 403 403 404"},
			{"GetMembers", "GET", fmt.Sprintf("/api/projects/%d/members", p1), "", "", "200 200 200 200 404"},
			{"PutMembers", "PUT", fmt.Sprintf("/api/projects/%d/members", p1), `[{"name":"mia","role":"manager"},{"name":"rev","role":"reviewer"}]`, "", "200 200 403 403 404"},
			{"LabelText", "POST", fmt.Sprintf("/api/projects/%d/label-text", p1), `{"text":"Putin","label":"SPEAKER","apply":true}`, "", "200 200 200 403 404"},
			{"ListArticles", "GET", "/api/articles", "", "", "200 200 200 200 200"},
			{"ListArticlesOfProject", "GET", fmt.Sprintf("/api/articles?project=%d", p1), "", "", "200 200 200 200 404"},
			{"CreateArticle", "POST", "/api/articles", fmt.Sprintf(`{"title":"t","text":"A new text.","project":%d}`, p1), "", "201 201 201 403 404"},
			{"Import", "POST", "/api/import", multipartBody, multipartType, "200 200 200 403 404"},
			{"GetArticle", "GET", fmt.Sprintf("/api/articles/%d", a), "", "", "200 200 200 200 404"},
			{"SetStatus", "PATCH", fmt.Sprintf("/api/articles/%d", a), `{"status":"done"}`, "", "200 200 200 403 404"},
			{"Next", "GET", fmt.Sprintf("/api/articles/%d/next", a), "", "", "200 200 200 200 404"},
			{"ListAnnotations", "GET", fmt.Sprintf("/api/articles/%d/annotations", a), "", "", "200 200 200 200 404"},
			{"CreateAnnotation", "POST", fmt.Sprintf("/api/articles/%d/annotations", b), `{"start":0,"end":2,"label":"SPEAKER"}`, "", "201 201 201 201 404"},
			{"UpdateOthers", "PATCH", fmt.Sprintf("/api/articles/%d/annotations/%d", a, x), `{"attrs":{"note":"n"}}`, "", "200 200 200 403 404"},
			{"UpdateOwn", "PATCH", fmt.Sprintf("/api/articles/%d/annotations/%d", a, y), `{"attrs":{"note":"n"}}`, "", "200 200 200 200 404"},
			{"DeleteOthers", "DELETE", fmt.Sprintf("/api/articles/%d/annotations/%d", a, x), "", "", "204 204 204 403 404"},
			{"DeleteOwn", "DELETE", fmt.Sprintf("/api/articles/%d/annotations/%d", a, y), "", "", "204 204 204 204 404"},
			{"Relate", "POST", fmt.Sprintf("/api/articles/%d/relations", a), fmt.Sprintf(`{"type":"supported_by","from":%d,"to":%d}`, y, x), "", "201 201 201 201 404"},
			{"ListRelations", "GET", fmt.Sprintf("/api/articles/%d/relations", a), "", "", "200 200 200 200 404"},
			{"History", "GET", fmt.Sprintf("/api/articles/%d/annotations/%d/history", a, x), "", "", "200 200 200 200 404"},
			{"BulkDelete", "POST", "/api/annotations/delete", fmt.Sprintf(`{"annotations":[{"article":%d,"id":%d}]}`, a, y), "", "200 200 200 403 404"},
			{"ExportProject", "GET", fmt.Sprintf("/api/export?format=jsonl&project=%d", p1), "", "", "200 200 200 403 404"},
			{"ExportAll", "GET", "/api/export?format=jsonl", "", "", "200 200 200 403 403"},
			{"ListUsers", "GET", "/api/users", "", "", "200 403 403 403 403"},
			{"CreateUser", "POST", "/api/users", `{"name":"newbie","password":"long enough pw"}`, "", "201 403 403 403 403"},
			{"DisableUser", "PATCH", "/api/users/rev", `{"disabled":true}`, "", "200 403 403 403 403"},
			{"DeleteUser", "DELETE", "/api/users/rev", "", "", "204 403 403 403 403"},
			{"CreateToken", "POST", "/api/tokens", `{"name":"ci","ttl":"24h"}`, "", "201 201 201 201 201"},
			{"ListTokens", "GET", "/api/tokens", "", "", "200 200 200 200 200"},
			{"RevokeAnnsToken", "DELETE", "/api/tokens/" + tm.annTok, "", "", "204 404 404 204 404"},
			{"Backup", "GET", "/api/admin/backup", "", "", "200 403 403 403 403"},
			{"Logout", "POST", "/api/logout", "", "", "204 204 204 204 204"},
		}
	}
	// annotators_edit_all off: the strict case (on is TestPermissionsSee's).
	walkRoutes(t, func(t *testing.T) *team { return newTeam(t, false) }, routes)
}

// permRoute is one row of a permission table.
type permRoute struct {
	name, method, path, body, ctype string
	// want lists the statuses of admin, manager, reviewer, annotator
	// and nonmember; disabled, revoked and expired always get 401.
	want string
}

// walkRoutes runs every route for every actor, each on a fresh team:
// the status, and that a refusal says why and changes nothing.
func walkRoutes(t *testing.T, fresh func(*testing.T) *team, routes func(*team) []permRoute) {
	for i, r := range routes(fresh(t)) {
		t.Run(r.name, func(t *testing.T) {
			want := strings.Fields(r.want)
			for j, actor := range actors {
				t.Run(actor, func(t *testing.T) {
					tm := fresh(t)
					r := routes(tm)[i]
					before := state(t, tm.db)
					code, body := tm.do(actor, r.method, r.path, r.body, r.ctype)
					w := 401
					if j < len(want) {
						w, _ = strconv.Atoi(want[j])
					}
					if code != w {
						t.Fatalf("%s %s as %s: %d %s, want %d", r.method, r.path, actor, code, body, w)
					}
					if code >= 400 {
						if !strings.Contains(body, `"error":`) {
							t.Errorf("refusal without an error message: %s", body)
						}
						if after := state(t, tm.db); after != before {
							t.Errorf("a refused %s %s changed the database", r.method, r.path)
						}
					}
				})
			}
		})
	}
}

// TestPermissionsIndependent walks the routes of independent annotation
// and review: project 1 blind with k=2, ann's and bea's layers of article
// A submitted.
func TestPermissionsIndependent(t *testing.T) {
	fresh := func(t *testing.T) *team {
		tm := blindTeam(t)
		for _, who := range []string{"ann", "bea"} {
			if _, err := tm.db.Apply(tm.a.ID, model.Change{Action: model.ActionCreate, Layer: who, Start: ptr(0), End: ptr(5), Label: ptr("CLAIM"), Author: who}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := tm.db.SubmitLayer(tm.a.ID, who, 2); err != nil {
				t.Fatal(err)
			}
		}
		return tm
	}
	routes := func(tm *team) []permRoute {
		p1, a := tm.p1.ID, tm.a.ID
		return []permRoute{
			{"Submit", "POST", fmt.Sprintf("/api/articles/%d/submit", tm.b.ID), "", "", "200 200 200 200 404"},
			{"Reopen", "POST", fmt.Sprintf("/api/articles/%d/reopen", a), `{"annotator":"bea"}`, "", "200 200 200 403 404"},
			{"AssignNext", "GET", fmt.Sprintf("/api/projects/%d/next", p1), "", "", "403 403 403 200 404"},
			{"Agreement", "GET", fmt.Sprintf("/api/projects/%d/agreement", p1), "", "", "200 200 200 403 404"},
			{"Disagreements", "GET", fmt.Sprintf("/api/projects/%d/agreement/articles?label=CLAIM", p1), "", "", "200 200 200 403 404"},
			{"Review", "GET", fmt.Sprintf("/api/articles/%d/review", a), "", "", "200 200 200 403 404"},
			{"Reject", "POST", fmt.Sprintf("/api/articles/%d/rejections", a), `{"start":0,"end":5,"label":"CLAIM"}`, "", "200 200 200 403 404"},
			{"AcceptAgreed", "POST", fmt.Sprintf("/api/articles/%d/accept-agreed", a), "", "", "200 200 200 403 404"},
			{"MarkReviewed", "PATCH", fmt.Sprintf("/api/articles/%d", a), `{"status":"reviewed"}`, "", "200 200 200 403 404"},
			{"ReadGold", "GET", fmt.Sprintf("/api/articles/%d/annotations?layer=gold", a), "", "", "200 200 200 403 404"},
			{"ReadBeasLayer", "GET", fmt.Sprintf("/api/articles/%d/annotations?layer=bea", a), "", "", "200 200 200 403 404"},
			{"WriteGold", "POST", fmt.Sprintf("/api/articles/%d/annotations?layer=gold", a), `{"start":6,"end":9,"label":"CLAIM"}`, "", "201 201 201 403 404"},
			{"WriteBeasLayer", "POST", fmt.Sprintf("/api/articles/%d/annotations?layer=bea", tm.b.ID), `{"start":0,"end":2,"label":"CLAIM"}`, "", "403 403 403 403 404"},
			{"WriteSubmitted", "POST", fmt.Sprintf("/api/articles/%d/annotations", a), `{"start":6,"end":9,"label":"CLAIM"}`, "", "201 201 201 403 404"},
			{"ExportAll", "GET", fmt.Sprintf("/api/export?format=jsonl&layer=all&project=%d", p1), "", "", "200 200 200 403 404"},
		}
	}
	walkRoutes(t, fresh, routes)
}

// TestPermissionsSee checks that lists and exports hold only the caller's
// projects, and that messages name what is missing.
func TestPermissionsSee(t *testing.T) {
	tm := newTeam(t, false)
	code, body := tm.do("nonmember", "GET", "/api/projects", "", "")
	var ps []struct {
		ID     uint64   `json:"id"`
		MyRole string   `json:"my_role"`
		Can    []string `json:"can"`
	}
	json.Unmarshal([]byte(body), &ps)
	if code != 200 || len(ps) != 1 || ps[0].ID != tm.p2.ID || ps[0].MyRole != "annotator" || strings.Join(ps[0].Can, ",") != "view,annotate,edit_others" {
		t.Errorf("out's projects: %d %s", code, body)
	}
	_, body = tm.do("nonmember", "GET", "/api/articles", "", "")
	if !strings.Contains(body, `"total":1`) || !strings.Contains(body, `"title":"C"`) {
		t.Errorf("out's articles: %s", body)
	}
	_, body = tm.do("reviewer", "GET", "/api/export?format=jsonl", "", "")
	if strings.Count(body, "\n") != 2 || strings.Contains(body, "Similar News") {
		t.Errorf("rev's export holds other projects' articles: %s", body)
	}
	_, body = tm.do("annotator", "PATCH", fmt.Sprintf("/api/articles/%d/annotations/%d", tm.a.ID, tm.x.ID), `{"attrs":{"note":"n"}}`, "")
	if !strings.Contains(body, "ana's") || !strings.Contains(body, "annotators_edit_all") {
		t.Errorf("the refusal does not say why: %s", body)
	}
	_, body = tm.do("annotator", "PATCH", fmt.Sprintf("/api/articles/%d", tm.a.ID), `{"status":"done"}`, "")
	if !strings.Contains(body, "reviewer or manager") || !strings.Contains(body, "you are annotator") {
		t.Errorf("the refusal does not say what is missing: %s", body)
	}

	// With annotators_edit_all on, annotators edit others' work too.
	on := newTeam(t, true)
	if code, body := on.do("annotator", "PATCH", fmt.Sprintf("/api/articles/%d/annotations/%d", on.a.ID, on.x.ID), `{"attrs":{"note":"n"}}`, ""); code != 200 {
		t.Errorf("annotator with edit-all on: %d %s", code, body)
	}
}
