package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/server/client"
	"github.com/gloss-dev/gloss/storage/model"
)

// TestLabelText: a project-wide "label every place this text occurs"
// counts first, then labels every unlabelled place in every article (the
// seed's six "Read more »" and a second article's two), skips places that
// carry the label already, and can be taken back with annotations/delete.
// Bad requests change nothing.
func TestLabelText(t *testing.T) {
	e := newEnv(t, server.Config{})
	other, _, err := e.db.CreateArticle(model.Article{Title: "Other", Text: "😀 Read more » and Read more »x. Read more »"})
	if err != nil {
		t.Fatal(err)
	}
	// One place in the seed is labelled already.
	i := strings.Index(e.art.Text, "Read more »")
	start := len([]rune(e.art.Text[:i]))
	end, label := start+len([]rune("Read more »")), "BOILERPLATE"
	if _, err := e.db.Apply(e.art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "ana"}); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n := 0
		for _, id := range []uint64{e.art.ID, other.ID} {
			as, err := e.db.Annotations(id, "")
			if err != nil {
				t.Fatal(err)
			}
			n += len(as)
		}
		return n
	}

	for _, tc := range []struct{ body, want string }{
		{`{"text":"","label":"BOILERPLATE"}`, "1 to 2000 characters"},
		{`{"text":" \n ","label":"BOILERPLATE","apply":true}`, "not only spaces"},
		{`{"text":"Read more »","label":"NOPE"}`, `unknown label`},
		{`{"text":"Read more »","label":"CLAIM","attrs":{"verdict":"maybe"},"apply":true}`, "verdict"},
		{`{"text":`, "malformed JSON"},
	} {
		code, body := e.do("POST", "/api/projects/1/label-text", tc.body)
		if code != 400 && code != 422 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s, want an error saying %q", tc.body, code, body, tc.want)
		}
	}
	if n := count(); n != 1 {
		t.Fatalf("bad requests changed something: %d annotations", n)
	}

	var res struct {
		Places, Articles int
		Created          []struct{ Article, ID uint64 }
		Sample           []struct {
			Article    uint64
			Start, End int
		}
	}
	code, body := e.do("POST", "/api/projects/1/label-text", `{"text":"Read more »","label":"BOILERPLATE","whole_words":true}`)
	if code != 200 || json.Unmarshal([]byte(body), &res) != nil {
		t.Fatalf("count: %d %s", code, body)
	}
	// The seed's six less the one labelled, and the other's three ("»"
	// ends no word, so "»x" is a place too).
	if res.Places != 8 || res.Articles != 2 || len(res.Sample) != 5 {
		t.Fatalf("count = %+v, want 8 places in 2 articles with a sample of 5", res)
	}
	if n := count(); n != 1 {
		t.Fatalf("counting labelled something: %d annotations", n)
	}

	code, body = e.do("POST", "/api/projects/1/label-text", `{"text":"Read more »","label":"BOILERPLATE","whole_words":true,"apply":true}`)
	if code != 200 || json.Unmarshal([]byte(body), &res) != nil || len(res.Created) != 8 {
		t.Fatalf("apply: %d %s", code, body)
	}
	if n := count(); n != 9 {
		t.Fatalf("%d annotations after labelling, want 9", n)
	}
	for _, id := range []uint64{e.art.ID, other.ID} {
		as, _ := e.db.Annotations(id, "")
		for _, a := range as {
			if a.Text != "Read more »" || a.Label != "BOILERPLATE" {
				t.Errorf("article %d: %s %q", id, a.Label, a.Text)
			}
		}
	}
	// Again: nothing left to label.
	code, body = e.do("POST", "/api/projects/1/label-text", `{"text":"Read more »","label":"BOILERPLATE","whole_words":true,"apply":true}`)
	if code != 200 || !strings.Contains(body, `"places":0`) {
		t.Errorf("second apply: %d %s", code, body)
	}

	// Take it back: the eight go, the one labelled before stays.
	var list []string
	for _, c := range res.Created {
		list = append(list, fmt.Sprintf(`{"article":%d,"id":%d}`, c.Article, c.ID))
	}
	del := `{"annotations":[` + strings.Join(list, ",") + `]}`
	code, body = e.do("POST", "/api/annotations/delete", del)
	if code != 200 || !strings.Contains(body, `"deleted":8`) {
		t.Fatalf("delete: %d %s", code, body)
	}
	if n := count(); n != 1 {
		t.Errorf("%d annotations after the delete, want 1", n)
	}
	code, body = e.do("POST", "/api/annotations/delete", del)
	if code != 200 || !strings.Contains(body, `"deleted":0`) {
		t.Errorf("deleting again: %d %s, want 0 deleted", code, body)
	}
	if code, body = e.do("POST", "/api/annotations/delete", `{"annotations":[]}`); code != 400 && code != 422 {
		t.Errorf("empty delete: %d %s", code, body)
	}
}

// TestLabelTextLive: a socket open on an article receives every
// annotation a label-text makes there, in order, though the group commit
// takes them in several transactions (600 places, at most 256 changes per
// group), and then every delete that takes them back. Waking the room
// after the article's first commit, as applyAll first did, lost the rest.
func TestLabelTextLive(t *testing.T) {
	e := newEnv(t, server.Config{})
	many, _, err := e.db.CreateArticle(model.Article{Title: "Many", Text: strings.Repeat("Read more » then. ", 600)})
	if err != nil {
		t.Fatal(err)
	}
	base := e.listen()
	c := dial(t, base, many.ID, e.token)
	c.Hello(0)
	version := next(t, c, "welcome").Version
	// upTo reads the socket until it has seen version want, in order.
	upTo := func(want uint64, what string) {
		t.Helper()
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		for version < want {
			m, err := c.Read()
			if err != nil {
				t.Fatalf("%s: the socket has version %d of %d: %v", what, version, want, err)
			}
			ops := m.Ops
			if m.Type == "op" {
				ops = []client.Message{m}
			}
			for _, op := range ops {
				if op.Version != version+1 {
					t.Fatalf("%s: version %d after %d", what, op.Version, version)
				}
				version = op.Version
			}
		}
	}
	code, body := e.do("POST", "/api/projects/1/label-text", `{"text":"Read more »","label":"BOILERPLATE","whole_words":true,"apply":true}`)
	if code != 200 {
		t.Fatalf("apply: %d %s", code, body)
	}
	upTo(version+600, "labels")
	var list []string
	as, _ := e.db.Annotations(many.ID, "")
	for _, a := range as {
		list = append(list, fmt.Sprintf(`{"article":%d,"id":%d}`, a.Article, a.ID))
	}
	if code, body := e.do("POST", "/api/annotations/delete", `{"annotations":[`+strings.Join(list, ",")+`]}`); code != 200 {
		t.Fatalf("delete: %d %s", code, body)
	}
	upTo(version+600, "deletes")
}

// TestLabelTextSkipsCovered: a place inside a longer span of the same
// label (a BOILERPLATE tail) is labelled already: not counted, not
// labelled again (issue 12: 6 nested duplicates broke CoNLL chunks).
func TestLabelTextSkipsCovered(t *testing.T) {
	e := newEnv(t, server.Config{})
	tailArt, _, _ := e.db.CreateArticle(model.Article{Title: "tail", Text: "News. Read more » one. Read more » two. Read more »"})
	other, _, _ := e.db.CreateArticle(model.Article{Title: "other", Text: "Read more » and Read more »"})
	start := strings.Index(tailArt.Text, "Read")
	end, label := len([]rune(tailArt.Text)), "BOILERPLATE"
	if _, err := e.db.Apply(tailArt.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "ana"}); err != nil {
		t.Fatal(err)
	}
	code, body := e.do("POST", fmt.Sprintf("/api/projects/%d/label-text", tailArt.Project), `{"text":"Read more »","label":"BOILERPLATE","whole_words":true,"apply":true}`)
	var res struct{ Places, Articles int }
	json.Unmarshal([]byte(body), &res)
	// The seed article's own "Read more »" places count too; none of the
	// tail's three does.
	seedPlaces := strings.Count(e.art.Text, "Read more »")
	if code != 200 || res.Places != seedPlaces+2 {
		t.Fatalf("%d %s: want %d places (the seed's and the other article's two)", code, body, seedPlaces+2)
	}
	if anns, _ := e.db.Annotations(tailArt.ID, ""); len(anns) != 1 {
		t.Errorf("the tail article has %d annotations, want its one tail", len(anns))
	}
	if anns, _ := e.db.Annotations(other.ID, ""); len(anns) != 2 {
		t.Errorf("the other article has %d annotations, want 2", len(anns))
	}
}
