package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestImportProvenance: an upload is by the uploader, whatever authors,
// times and statuses the file claims; those are kept as source_author,
// source_created_at and meta.source_status. Only an admin may keep them
// as gloss's own.
func TestImportProvenance(t *testing.T) {
	file := `{"id":1,"title":"Forged","text":"The ICC charged Putin with war crimes.","status":"done","meta":{},` +
		`"annotations":[{"start":4,"end":7,"label":"CLAIM","attrs":{"verdict":"true"},"author":"ana","created_at":"2020-01-02T03:04:05Z"}]}` + "\n"
	upload := func(tm *team, actor string, keep bool) (int, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		fw, _ := w.CreateFormFile("files", "forged.jsonl")
		fw.Write([]byte(file))
		w.WriteField("project", fmt.Sprint(tm.p1.ID))
		if keep {
			w.WriteField("keep_authors", "true")
		}
		w.Close()
		return tm.do(actor, "POST", "/api/import", buf.String(), w.FormDataContentType())
	}
	tm := newTeam(t, false)
	if code, body := upload(tm, "reviewer", false); code != 200 {
		t.Fatalf("import: %d %s", code, body)
	}
	arts, _, _ := tm.db.Articles(storage.ArticleFilter{Query: "Forged"})
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	art := arts[0]
	anns, _ := tm.db.Annotations(art.ID, "")
	if len(anns) != 1 {
		t.Fatalf("%d annotations", len(anns))
	}
	an := anns[0]
	if an.Author != "rev" || an.UpdatedBy != "rev" || an.Attrs[model.AttrSourceAuthor] != "ana" ||
		an.Attrs[model.AttrSourceCreatedAt] != "2020-01-02T03:04:05Z" || an.CreatedAt.Year() == 2020 {
		t.Errorf("imported span: %+v", an)
	}
	if art.Status == model.StatusDone || art.Meta["source_status"] != "done" {
		t.Errorf("imported article: status %s, meta %v", art.Status, art.Meta)
	}

	if code, body := upload(newTeam(t, false), "reviewer", true); code != 403 || !strings.Contains(body, "admin") {
		t.Errorf("keep_authors by a reviewer: %d %s", code, body)
	}
	tm = newTeam(t, false)
	if code, body := upload(tm, "admin", true); code != 200 {
		t.Fatalf("keep_authors by an admin: %d %s", code, body)
	}
	arts, _, _ = tm.db.Articles(storage.ArticleFilter{Query: "Forged"})
	anns, _ = tm.db.Annotations(arts[0].ID, "")
	if anns[0].Author != "ana" || anns[0].CreatedAt.Year() != 2020 || arts[0].Status != model.StatusDone {
		t.Errorf("kept authors: %+v, status %s", anns[0], arts[0].Status)
	}
}

// TestFieldMerge: over REST, attrs is a merge patch (null removes), and
// if_version makes a change conditional; history lists who changed which
// field from what to what.
func TestFieldMerge(t *testing.T) {
	tm := newTeam(t, true)
	path := fmt.Sprintf("/api/articles/%d/annotations/%d", tm.a.ID, tm.x.ID)
	if code, body := tm.do("annotator", "PATCH", path, `{"attrs":{"verdict":"misleading"}}`, ""); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	code, body := tm.do("admin", "PATCH", path, `{"attrs":{"note":"see the ICC statement"}}`, "")
	var an model.Annotation
	json.Unmarshal([]byte(body), &an)
	if code != 200 || an.Attrs["verdict"] != "misleading" || an.Attrs["note"] != "see the ICC statement" || an.Author != "ana" || an.UpdatedBy != "ana" {
		t.Fatalf("after two field edits: %d %s", code, body)
	}
	code, body = tm.do("admin", "PATCH", path, `{"attrs":{"note":null}}`, "")
	an = model.Annotation{} // Unmarshal would merge into the old map
	json.Unmarshal([]byte(body), &an)
	if _, ok := an.Attrs["note"]; code != 200 || ok {
		t.Errorf("null did not remove note: %s", body)
	}
	if code, body := tm.do("admin", "DELETE", fmt.Sprintf("%s?if_version=%d", path, an.Version-1), "", ""); code != 409 || !strings.Contains(body, `"annotation"`) {
		t.Errorf("stale delete: %d %s", code, body)
	}
	if code, body := tm.do("admin", "DELETE", fmt.Sprintf("%s?if_version=%d", path, an.Version), "", ""); code != 204 {
		t.Errorf("delete at the current version: %d %s", code, body)
	}
	code, body = tm.do("reviewer", "GET", path+"/history", "", "")
	var h []service.HistoryEntry
	if err := json.Unmarshal([]byte(body), &h); err != nil || code != 200 {
		t.Fatalf("history: %d %s", code, body)
	}
	want := []struct {
		action model.Action
		who    string
		field  string
		old    any
		new    any
	}{
		{model.ActionCreate, "ana", "label", nil, "CLAIM"},
		{model.ActionUpdate, "ann", "attrs.verdict", "unverified", "misleading"},
		{model.ActionUpdate, "ana", "attrs.note", nil, "see the ICC statement"},
		{model.ActionUpdate, "ana", "attrs.note", "see the ICC statement", nil},
		{model.ActionDelete, "ana", "label", "CLAIM", nil},
	}
	if len(h) != len(want) {
		t.Fatalf("history has %d entries, want %d: %s", len(h), len(want), body)
	}
	for i, w := range want {
		c, ok := h[i].Changes[w.field]
		if h[i].Action != w.action || h[i].Who != w.who || !ok || c.Old != w.old || c.New != w.new {
			t.Errorf("entry %d: %+v, want %s by %s of %s %v → %v", i, h[i], w.action, w.who, w.field, w.old, w.new)
		}
	}
	if len(h[1].Changes) != 1 {
		t.Errorf("the verdict edit lists other fields: %+v", h[1].Changes)
	}
}

// TestUsersAPI: an admin adds, changes and removes users; a user changes
// their own password (with the current one) and keeps the session they
// did it from, while their other sessions and tokens end.
func TestUsersAPI(t *testing.T) {
	tm := newTeam(t, false)
	if code, body := tm.do("admin", "POST", "/api/users", `{"name":"zoe","password":"short"}`, ""); code != 400 {
		t.Errorf("short password: %d %s", code, body)
	}
	if code, body := tm.do("admin", "POST", "/api/users", `{"name":"ann","password":"long enough pw"}`, ""); code != 409 {
		t.Errorf("a name taken: %d %s", code, body)
	}
	code, body := tm.do("admin", "POST", "/api/users", `{"name":"zoe","password":"long enough pw"}`, "")
	if code != 201 || !strings.Contains(body, `"role":"user"`) || strings.Contains(body, "hash") {
		t.Fatalf("create: %d %s", code, body)
	}
	if code, body := tm.do("admin", "PATCH", "/api/users/ana", `{"disabled":true}`, ""); code != 400 {
		t.Errorf("an admin disabled themselves: %d %s", code, body)
	}
	if code, body := tm.do("admin", "DELETE", "/api/users/ana", "", ""); code != 400 {
		t.Errorf("an admin deleted themselves: %d %s", code, body)
	}

	// ann changes her own password from one session.
	keep, _ := tm.db.NewCredential(storage.CredSession, "ann", 0)
	other, _ := tm.db.NewCredential(storage.CredSession, "ann", 0)
	hash, _ := service.HashPassword("old password")
	u, _ := tm.db.User("ann")
	u.PasswordHash = hash
	tm.db.PutUser(u)
	tm.tokens["ann-session"] = "cookie:" + keep
	if code, body := tm.do("ann-session", "PATCH", "/api/users/ann", `{"password":"new password","current_password":"wrong"}`, ""); code != 403 {
		t.Errorf("wrong current password: %d %s", code, body)
	}
	if code, body := tm.do("ann-session", "PATCH", "/api/users/ann", `{"password":"new password","current_password":"old password"}`, ""); code != 200 {
		t.Fatalf("own password: %d %s", code, body)
	}
	if code, _ := tm.do("ann-session", "GET", "/api/me", "", ""); code != 200 {
		t.Errorf("the session that changed the password ended: %d", code)
	}
	tm.tokens["ann-other"] = "cookie:" + other
	for _, actor := range []string{"ann-other", "annotator"} {
		if code, _ := tm.do(actor, "GET", "/api/me", "", ""); code != 401 {
			t.Errorf("%s still works after the password change: %d", actor, code)
		}
	}
	if code, body := tm.do("ann-session", "PATCH", "/api/users/ann", `{"role":"admin"}`, ""); code != 403 {
		t.Errorf("a user made themselves admin: %d %s", code, body)
	}
}

func TestTokensAPI(t *testing.T) {
	tm := newTeam(t, false)
	if code, body := tm.do("annotator", "POST", "/api/tokens", `{"name":"ci","ttl":"forever"}`, ""); code != 400 {
		t.Errorf("bad ttl: %d %s", code, body)
	}
	code, body := tm.do("annotator", "POST", "/api/tokens", `{"name":"ci","ttl":"720h"}`, "")
	var created struct {
		ID, Token string
		Expires   string `json:"expires"`
	}
	json.Unmarshal([]byte(body), &created)
	if code != 201 || created.ID == "" || !strings.HasPrefix(created.Token, "gls_") || created.Expires == "" {
		t.Fatalf("create: %d %s", code, body)
	}
	tm.tokens["ci"] = created.Token
	if code, _ := tm.do("ci", "GET", "/api/me", "", ""); code != 200 {
		t.Errorf("the new token does not work: %d", code)
	}
	_, body = tm.do("annotator", "GET", "/api/tokens", "", "")
	if strings.Contains(body, created.Token) || strings.Count(body, `"user":"ann"`) != 2 || strings.Contains(body, `"user":"ana"`) {
		t.Errorf("ann's token list: %s", body)
	}
	_, body = tm.do("admin", "GET", "/api/tokens", "", "")
	if !strings.Contains(body, `"user":"ana"`) || !strings.Contains(body, `"user":"ann"`) {
		t.Errorf("the admin's token list: %s", body)
	}
	if code, _ := tm.do("reviewer", "DELETE", "/api/tokens/"+created.ID, "", ""); code != 404 {
		t.Errorf("rev revoked ann's token: %d", code)
	}
	if code, _ := tm.do("annotator", "DELETE", "/api/tokens/"+created.ID, "", ""); code != 204 {
		t.Errorf("ann revoking her token: %d", code)
	}
	if code, _ := tm.do("ci", "GET", "/api/me", "", ""); code != 401 {
		t.Errorf("a revoked token works: %d", code)
	}
}

// TestSchemaEdit: a manager edits the label schema; a schema that an
// annotation no longer fits is refused and nothing changes.
func TestSchemaEdit(t *testing.T) {
	tm := newTeam(t, false)
	path := fmt.Sprintf("/api/projects/%d", tm.p1.ID)
	labels := func(ls []model.Label) string {
		// Only said_by: supported_by links CLAIMs.
		b, _ := json.Marshal(map[string]any{"labels": ls, "relations": model.DefaultRelations()[:1]})
		return string(b)
	}
	noClaim := []model.Label{}
	for _, l := range model.DefaultLabels() {
		if l.Name != "CLAIM" {
			noClaim = append(noClaim, l)
		}
	}
	before := state(t, tm.db)
	if code, body := tm.do("manager", "PATCH", path, labels(noClaim), ""); code != 400 || !strings.Contains(body, "CLAIM is still used") {
		t.Errorf("removing a label in use: %d %s", code, body)
	}
	if state(t, tm.db) != before {
		t.Errorf("a refused schema change was written")
	}
	more := append(model.DefaultLabels(), model.Label{Name: "SOURCE", Color: "#7c3aed", Hotkey: "o", Attrs: []model.AttrSpec{}})
	if code, body := tm.do("manager", "PATCH", path, labels(more), ""); code != 200 || !strings.Contains(body, "SOURCE") {
		t.Errorf("adding a label: %d %s", code, body)
	}
	// The new label is usable at once (the store's project cache forgot the old schema).
	if code, body := tm.do("annotator", "POST", fmt.Sprintf("/api/articles/%d/annotations", tm.b.ID), `{"start":0,"end":2,"label":"SOURCE"}`, ""); code != 201 {
		t.Errorf("annotating with the new label: %d %s", code, body)
	}
}

// TestExportArticles: ?articles= exports just those articles (the
// editor's "this article"), and a bad id is refused.
func TestExportArticles(t *testing.T) {
	tm := newTeam(t, false)
	code, body := tm.do("reviewer", "GET", fmt.Sprintf("/api/export?format=jsonl&articles=%d", tm.b.ID), "", "")
	if code != 200 || strings.Count(body, "\n") != 1 || !strings.Contains(body, `"title":"B"`) {
		t.Errorf("one article: %d %s", code, body)
	}
	if code, body := tm.do("reviewer", "GET", "/api/export?format=jsonl&articles=x", "", ""); code != 400 {
		t.Errorf("a bad id: %d %s", code, body)
	}
	// Another project's article is not exported to someone who cannot see it.
	if _, body := tm.do("reviewer", "GET", fmt.Sprintf("/api/export?format=jsonl&articles=%d", tm.c.ID), "", ""); strings.Contains(body, `"title":"C"`) {
		t.Errorf("an article of another project was exported: %s", body)
	}
}
