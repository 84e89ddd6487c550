package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gorilla/websocket"
)

// serve serves the team's server on a loopback port.
func (tm *team) serve() string {
	tm.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tm.t.Fatal(err)
	}
	go tm.srv.Serve(ln)
	tm.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		tm.srv.Shutdown(ctx)
	})
	return "http://" + ln.Addr().String()
}

func (tm *team) dial(base, actor string, article uint64) (*client.Conn, int) {
	tm.t.Helper()
	tok := tm.tokens[actor]
	hdr := http.Header{}
	if s, ok := strings.CutPrefix(tok, "cookie:"); ok {
		hdr.Set("Cookie", server.SessionCookie+"="+s)
		tok = ""
	}
	c, resp, err := client.Dial(context.Background(), base, article, tok, hdr)
	if resp == nil {
		tm.t.Fatalf("dial as %s: %v", actor, err)
	}
	if c != nil {
		tm.t.Cleanup(func() { c.Close() })
		c.Hello(0)
		next(tm.t, c, live.TypeWelcome)
	}
	return c, resp.StatusCode
}

// TestLivePermissions: who may open a socket on an article, and what each
// may do over it, as over REST.
func TestLivePermissions(t *testing.T) {
	tm := newTeam(t, false)
	base := tm.serve()
	for actor, want := range map[string]int{"admin": 101, "manager": 101, "reviewer": 101, "annotator": 101,
		"nonmember": 404, "disabled": 401, "revoked": 401, "expired": 401} {
		t.Run("Open/"+actor, func(t *testing.T) {
			if _, code := tm.dial(base, actor, tm.a.ID); code != want {
				t.Errorf("%s: %d, want %d", actor, code, want)
			}
		})
	}
	// Every action over the socket, for every role that may open one
	// (the others cannot: above). x is ana's (the admin's), y ann's.
	all := func(code string) map[string]string {
		return map[string]string{"admin": code, "manager": code, "reviewer": code, "annotator": code}
	}
	mine := all("")
	mine["annotator"] = model.EFORBIDDEN
	ops := []struct {
		name   string
		action model.Action
		f      live.AnnotationFields
		want   map[string]string // actor → error code, "" for an ack
	}{
		{"Create", model.ActionCreate, live.AnnotationFields{Start: ptr(11), End: ptr(14), Label: ptr("SPEAKER")}, all("")},
		{"UpdateOwnOrAnns", model.ActionUpdate, live.AnnotationFields{ID: tm.y.ID, Attrs: map[string]string{"note": "n"}}, all("")},
		{"UpdateOthers", model.ActionUpdate, live.AnnotationFields{ID: tm.x.ID, Attrs: map[string]string{"note": "n"}}, mine},
		{"DeleteOthers", model.ActionDelete, live.AnnotationFields{ID: tm.x.ID}, mine},
		{"DeleteOwnOrAnns", model.ActionDelete, live.AnnotationFields{ID: tm.y.ID}, all("")},
	}
	for _, op := range ops {
		for actor, code := range op.want {
			t.Run(op.name+"/"+actor, func(t *testing.T) {
				tm := newTeam(t, false)
				base := tm.serve()
				c, _ := tm.dial(base, actor, tm.a.ID)
				before := state(t, tm.db)
				c.Op("o1", op.action, op.f)
				m := nextOf(t, c, live.TypeAck, live.TypeError)
				// Presence works for every role that is in.
				c.Send(map[string]any{"type": "presence", "selection": map[string]int{"start": 0, "end": 3}})
				nextOf(t, c, live.TypePresence)
				if code == "" && m.Type != live.TypeAck || code != "" && m.Code != code {
					t.Fatalf("%s by %s: %+v, want code %q", op.name, actor, m, code)
				}
				if code != "" && state(t, tm.db) != before {
					t.Errorf("a refused op changed the database")
				}
			})
		}
	}
}

// nextOf reads until a message of one of the types arrives.
func nextOf(t *testing.T, c *client.Conn, types ...string) client.Message {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		m, err := c.Read()
		if err != nil {
			t.Fatalf("waiting for %v: %v", types, err)
		}
		for _, typ := range types {
			if m.Type == typ {
				return m
			}
		}
	}
}

// TestChangeParity sends the same bad changes over REST and over the
// socket: one decoder and one validation, so the same refusal (code and
// message) comes back both ways and nothing is written either way.
func TestChangeParity(t *testing.T) {
	tm := newTeam(t, false)
	base := tm.serve()
	stale := tm.x.Version
	if _, err := tm.db.Apply(tm.a.ID, model.Change{Action: model.ActionUpdate, ID: tm.x.ID, Attrs: map[string]string{"note": "moved on"}, Author: "ana"}); err != nil {
		t.Fatal(err)
	}
	a, x := tm.a.ID, tm.x.ID
	cases := []struct {
		name   string
		actor  string
		action model.Action
		id     uint64 // in the REST path; in the socket op's annotation
		body   string // REST body = the socket op's annotation (without id)
		status int
		code   string
	}{
		{"ErrEmptyUpdate", "admin", model.ActionUpdate, x, `{}`, 400, model.EINVALID},
		{"ErrUnknownField", "admin", model.ActionCreate, 0, `{"start":0,"end":3,"label":"CLAIM","colour":"red"}`, 400, model.EINVALID},
		{"ErrMissingLabel", "admin", model.ActionCreate, 0, `{"start":0,"end":3}`, 400, model.EINVALID},
		{"ErrOutOfRange", "admin", model.ActionCreate, 0, `{"start":0,"end":3000,"label":"CLAIM"}`, 400, model.EINVALID},
		{"ErrUnknownLabel", "admin", model.ActionCreate, 0, `{"start":0,"end":3,"label":"claim"}`, 400, model.EINVALID},
		{"ErrAttrType", "admin", model.ActionUpdate, x, `{"attrs":{"note":5}}`, 400, model.EINVALID},
		{"ErrEnumValue", "admin", model.ActionUpdate, x, `{"attrs":{"verdict":"maybe"}}`, 400, model.EINVALID},
		{"ErrMissingAnnotation", "admin", model.ActionUpdate, 999, `{"label":"QUOTE"}`, 404, model.ENOTFOUND},
		{"ErrStale", "admin", model.ActionUpdate, x, fmt.Sprintf(`{"attrs":{"note":"late"},"if_version":%d}`, stale), 409, model.ECONFLICT},
		{"ErrDeleteWithFields", "admin", model.ActionDelete, x, `{"label":"QUOTE"}`, 400, model.EINVALID},
		{"ErrOthers", "annotator", model.ActionUpdate, x, `{"attrs":{"note":"mine now"}}`, 403, model.EFORBIDDEN},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := state(t, tm.db)
			method, path := "POST", fmt.Sprintf("/api/articles/%d/annotations", a)
			switch tc.action {
			case model.ActionUpdate:
				method, path = "PATCH", fmt.Sprintf("%s/%d", path, tc.id)
			case model.ActionDelete:
				method, path = "DELETE", fmt.Sprintf("%s/%d", path, tc.id)
			}
			status, body := tm.do(tc.actor, method, path, tc.body, "")
			var rest struct {
				Error      string            `json:"error"`
				Annotation *model.Annotation `json:"annotation"`
			}
			json.Unmarshal([]byte(body), &rest)
			if status != tc.status {
				t.Fatalf("REST: %d %s, want %d", status, body, tc.status)
			}

			var ann map[string]any
			json.Unmarshal([]byte(tc.body), &ann)
			if tc.id != 0 {
				ann["id"] = tc.id
			}
			raw, _ := json.Marshal(ann)
			c, _ := tm.dial(base, tc.actor, a)
			c.Send(map[string]any{"type": "op", "op_id": "p-" + tc.name, "action": tc.action, "annotation": json.RawMessage(raw)})
			m := nextOf(t, c, live.TypeAck, live.TypeError)
			if m.Type != live.TypeError || m.Code != tc.code {
				t.Fatalf("socket: %+v, want an error %s", m, tc.code)
			}
			if m.Error != rest.Error {
				t.Errorf("messages differ:\nREST   %s\nsocket %s", rest.Error, m.Error)
			}
			if tc.code == model.ECONFLICT && (rest.Annotation == nil || m.Annotation.Attrs["note"] != "moved on" || rest.Annotation.Attrs["note"] != "moved on") {
				t.Errorf("a conflict does not carry the current annotation: REST %+v, socket %+v", rest.Annotation, m.Annotation)
			}
			if state(t, tm.db) != before {
				t.Errorf("a refused change was written")
			}
		})
	}
}

// closedWith waits (1 s at most) for the server to close c and returns the
// close frame's code and reason.
func closedWith(t *testing.T, c *client.Conn) (int, string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(time.Second))
	for {
		_, err := c.Read()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Text
		}
		if err != nil {
			t.Fatalf("the socket was not closed with a close frame within a second: %v", err)
		}
	}
}

// TestRevocationClosesSockets: whatever takes a user's rights away closes
// their live sockets at once, with a close frame that says why; sockets
// of other credentials and users stay open.
func TestRevocationClosesSockets(t *testing.T) {
	cases := []struct {
		name   string
		do     func(tm *team)
		code   int
		reason string
	}{
		{"Logout", func(tm *team) { tm.do("expired", "POST", "/api/logout", "", "") }, live.CloseRevoked, "you logged out"},
		{"RevokeToken", func(tm *team) { tm.do("annotator", "DELETE", "/api/tokens/"+tm.annTok, "", "") }, live.CloseRevoked, "the token was revoked"},
		{"Disable", func(tm *team) { tm.do("admin", "PATCH", "/api/users/ann", `{"disabled":true}`, "") }, live.CloseRevoked, "your account was disabled"},
		{"Delete", func(tm *team) { tm.do("admin", "DELETE", "/api/users/ann", "", "") }, live.CloseRevoked, "your account was deleted"},
		{"NewPassword", func(tm *team) { tm.do("admin", "PATCH", "/api/users/ann", `{"password":"a brand new one"}`, "") }, live.CloseRevoked, "your password was changed"},
		{"RoleChanged", func(tm *team) {
			tm.do("manager", "PUT", fmt.Sprintf("/api/projects/%d/members", tm.p1.ID), `[{"name":"mia","role":"manager"},{"name":"rev","role":"reviewer"},{"name":"ann","role":"reviewer"}]`, "")
		}, live.CloseRightsChanged, "your role in project Default changed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tm := newTeam(t, false)
			// A live session for ann (the "expired" slot holds a session
			// cookie: give it a fresh one) and a socket with her token.
			sess, err := tm.db.NewCredential("session", "ann", time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			tm.tokens["expired"] = "cookie:" + sess
			base := tm.serve()
			viaToken, _ := tm.dial(base, "annotator", tm.a.ID)
			viaSession, _ := tm.dial(base, "expired", tm.a.ID)
			other, _ := tm.dial(base, "reviewer", tm.a.ID)
			tc.do(tm)
			closed := viaToken
			if tc.name == "Logout" {
				closed = viaSession
			}
			code, reason := closedWith(t, closed)
			if code != tc.code || reason != tc.reason {
				t.Errorf("closed with %d %q, want %d %q", code, reason, tc.code, tc.reason)
			}
			// The reviewer's socket is untouched: it still answers.
			other.Send(map[string]any{"type": "presence", "selection": map[string]int{"start": 0, "end": 1}})
			nextOf(t, other, live.TypePresence)
		})
	}
}

// TestPresenceChecked: a selection outside the article is refused, not
// relayed to the others' editors.
func TestPresenceChecked(t *testing.T) {
	tm := newTeam(t, false)
	base := tm.serve()
	a, _ := tm.dial(base, "annotator", tm.a.ID)
	b, _ := tm.dial(base, "reviewer", tm.a.ID)
	for _, sel := range []map[string]int{{"start": -1, "end": 3}, {"start": 5, "end": 2}, {"start": 0, "end": 10000}} {
		a.Send(map[string]any{"type": "presence", "selection": sel})
		if m := nextOf(t, a, live.TypeError); m.Code != model.EINVALID {
			t.Errorf("selection %v: %+v", sel, m)
		}
	}
	a.Send(map[string]any{"type": "presence", "selection": map[string]int{"start": 0, "end": 5}})
	for {
		m := nextOf(t, b, live.TypePresence)
		for _, u := range m.Users {
			if u.Selection != nil && (u.Selection.Start < 0 || u.Selection.End > 100) {
				t.Fatalf("relayed a bad selection: %+v", u.Selection)
			}
			if u.Name == "ann" && u.Selection != nil && u.Selection.End == 5 {
				return
			}
		}
	}
}

// TestSocketsPerUser: one user's live sockets are bounded; others are not
// affected.
func TestSocketsPerUser(t *testing.T) {
	tm := newTeam(t, false)
	tm.srv, _ = server.New(server.Config{Store: tm.db, Assets: testAssets, Live: live.Options{MaxPerUser: 3}})
	base := tm.serve()
	for range 3 {
		if _, code := tm.dial(base, "annotator", tm.a.ID); code != 101 {
			t.Fatalf("socket within the bound: %d", code)
		}
	}
	if _, code := tm.dial(base, "annotator", tm.a.ID); code != 429 {
		t.Errorf("a fourth socket: %d, want 429", code)
	}
	if _, code := tm.dial(base, "reviewer", tm.a.ID); code != 101 {
		t.Errorf("another user's socket: %d", code)
	}
}
