package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestRelations: link a QUOTE to its SPEAKER over REST (its speaker fills
// in), see it over the socket, refuse what the schema does not allow,
// keep it through edits of its ends and lose it with an end, in the
// history all along.
func TestRelations(t *testing.T) {
	tm := newTeam(t, true)
	base := tm.serve()
	art := fmt.Sprintf("/api/articles/%d", tm.a.ID)
	mk := func(body string) model.Annotation {
		t.Helper()
		code, b := tm.do("annotator", "POST", art+"/annotations", body, "")
		if code != 201 {
			t.Fatalf("%d %s", code, b)
		}
		var an model.Annotation
		json.Unmarshal([]byte(b), &an)
		return an
	}
	// "Putin was charged with war crimes, the ICC said."
	quote := mk(`{"start":0,"end":33,"label":"QUOTE"}`)
	speaker := mk(`{"start":35,"end":42,"label":"SPEAKER"}`)
	claim := mk(`{"start":0,"end":10,"label":"CLAIM"}`)

	watch, code := tm.dial(base, "reviewer", tm.a.ID)
	if code != 101 {
		t.Fatal(code)
	}
	for _, bad := range []struct{ body, want string }{
		{fmt.Sprintf(`{"type":"said_by","from":%d,"to":%d}`, speaker.ID, quote.ID), "starts at a QUOTE"},
		{fmt.Sprintf(`{"type":"said_by","from":%d,"to":%d}`, quote.ID, claim.ID), "points to a SPEAKER"},
		{fmt.Sprintf(`{"type":"loves","from":%d,"to":%d}`, quote.ID, speaker.ID), "unknown relation type"},
		{fmt.Sprintf(`{"type":"said_by","from":%d,"to":999}`, quote.ID), "not found"},
		{fmt.Sprintf(`{"type":"said_by","from":%d}`, quote.ID), "needs type, from and to"},
		{`{"type":"said_by","from":1,"to":2,"extra":1}`, "unknown field"},
	} {
		code, body := tm.do("annotator", "POST", art+"/relations", bad.body, "")
		if code/100 != 4 || !strings.Contains(body, bad.want) {
			t.Errorf("%s: %d %s, want %q", bad.body, code, body, bad.want)
		}
	}
	code, body := tm.do("annotator", "POST", art+"/relations", fmt.Sprintf(`{"type":"said_by","from":%d,"to":%d}`, quote.ID, speaker.ID), "")
	var rel model.Relation
	json.Unmarshal([]byte(body), &rel)
	if code != 201 || rel.ID == 0 || rel.Type != "said_by" || rel.Author != "ann" {
		t.Fatalf("relate: %d %s", code, body)
	}
	if code, body := tm.do("annotator", "POST", art+"/relations", fmt.Sprintf(`{"type":"said_by","from":%d,"to":%d}`, quote.ID, speaker.ID), ""); code != 409 {
		t.Errorf("the same link twice: %d %s", code, body)
	}
	// The watcher sees the relate, then the quote's speaker filled in.
	m := nextOf(t, watch, live.TypeOp, live.TypeOps)
	raw, _ := json.Marshal(m)
	if !strings.Contains(string(raw), `"action":"relate"`) {
		t.Errorf("watcher got %s", raw)
	}
	_, body = tm.do("annotator", "GET", art+"/annotations", "", "")
	if !strings.Contains(body, `"speaker":"the ICC"`) {
		t.Errorf("said_by did not fill the speaker: %s", body)
	}
	// An edit of an end keeps the relation.
	if code, body := tm.do("annotator", "PATCH", fmt.Sprintf("%s/annotations/%d", art, speaker.ID), `{"start":39}`, ""); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	_, body = tm.do("annotator", "GET", art+"/relations", "", "")
	if !strings.Contains(body, fmt.Sprintf(`"id":%d`, rel.ID)) {
		t.Errorf("relation gone after an edit of its end: %s", body)
	}
	// A relation over the socket, then removed with its end.
	if err := watch.Send(live.ClientMessage{Type: "op", OpID: "r1", Action: model.ActionRelate,
		Relation: live.Encode(live.RelationFields{Type: "supported_by", From: claim.ID, To: quote.ID})}); err != nil {
		t.Fatal(err)
	}
	if m := nextOf(t, watch, live.TypeAck, live.TypeError); m.Type != live.TypeAck {
		t.Fatalf("relate over the socket: %+v", m)
	}
	if code, _ := tm.do("annotator", "DELETE", fmt.Sprintf("%s/annotations/%d", art, quote.ID), "", ""); code != 204 {
		t.Fatal(code)
	}
	_, body = tm.do("annotator", "GET", art+"/relations", "", "")
	if body != "[]" {
		t.Errorf("relations left after their end went: %s", body)
	}
	_, body = tm.do("annotator", "GET", fmt.Sprintf("%s/annotations/%d/history", art, speaker.ID), "", "")
	if !strings.Contains(body, `"relation":{"old":null,"new":"said_by`) || !strings.Contains(body, `"relation":{"old":"said_by`) {
		t.Errorf("history of the speaker: %s", body)
	}
	// Unrelate by id; the annotator may not remove the reviewer's.
	code, body = tm.do("reviewer", "POST", art+"/relations", fmt.Sprintf(`{"type":"supported_by","from":%d,"to":%d}`, claim.ID, mk(`{"start":11,"end":20,"label":"CLAIM"}`).ID), "")
	json.Unmarshal([]byte(body), &rel)
	if code != 201 {
		t.Fatalf("%d %s", code, body)
	}
	if code, _ := tm.do("annotator", "DELETE", fmt.Sprintf("%s/relations/%d", art, rel.ID), "", ""); code != 204 {
		t.Errorf("unrelate: %d", code)
	}
	if code, _ := tm.do("annotator", "DELETE", fmt.Sprintf("%s/relations/%d", art, rel.ID), "", ""); code != 404 {
		t.Errorf("unrelate twice: %d", code)
	}
}
