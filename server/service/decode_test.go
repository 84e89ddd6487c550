package service_test

import (
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage/model"
)

func TestDecodeJSON(t *testing.T) {
	type body struct {
		Text  string            `json:"text"`
		Start *int              `json:"start"`
		Attrs map[string]string `json:"attrs"`
	}
	for _, tc := range []struct {
		name, in, want string // want: "" for accepted, else part of the message
	}{
		{"pair", `{"text":"\ud83d\ude00"}`, ""},
		{"escaped backslash then u", `{"text":"\\ud800"}`, ""},
		{"ErrLoneHigh", `{"text":"a\ud800b"}`, "half of a surrogate pair"},
		{"ErrLoneLow", `{"text":"\udc00"}`, "half of a surrogate pair"},
		{"ErrHighThenText", `{"text":"\ud83d\u0041"}`, "half of a surrogate pair"},
		{"ErrTypeNumber", `{"start":"5"}`, `field "start" must be a number, not string`},
		{"ErrTypeObject", `{"attrs":[1]}`, `field "attrs" must be an object, not array`},
		{"ErrUnknownField", `{"colour":1}`, `unknown field "colour"`},
		{"ErrTwoValues", `{} {}`, "more than one value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b body
			err := service.DecodeJSON([]byte(tc.in), &b)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzDecodeChange: whatever bytes arrive as an op's annotation (REST body
// or socket op), the decoder never panics, and what it accepts is a change
// storage can act on.
func FuzzDecodeChange(f *testing.F) {
	for _, seed := range []string{
		`{"start":0,"end":5,"label":"CLAIM","attrs":{"verdict":"true"}}`,
		`{"id":3,"attrs":{"note":null},"if_version":7}`,
		`{"id":3}`, `{}`, `null`, `[]`, `{"start":"0"}`, `{"id":1,"label":"Q","op_id":"x"}`,
		"{\"attrs\":{\"\\ud800\":\"x\"}}",
	} {
		for _, a := range []model.Action{model.ActionCreate, model.ActionUpdate, model.ActionDelete, "move"} {
			f.Add(string(a), []byte(seed), uint64(0), "op1")
		}
	}
	f.Fuzz(func(t *testing.T, action string, body []byte, pathID uint64, opID string) {
		c, err := service.DecodeChange(service.ChangeRequest{Action: model.Action(action), Body: body, PathID: pathID, OpID: opID})
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("refused with %s, not invalid: %v", model.ErrorCode(err), err)
			}
			return
		}
		switch c.Action {
		case model.ActionCreate:
			if c.Start == nil || c.End == nil || c.Label == nil || c.ID != 0 {
				t.Fatalf("accepted create %+v", c)
			}
		case model.ActionUpdate:
			if c.ID == 0 || (c.Start == nil && c.End == nil && c.Label == nil && c.Attrs == nil) {
				t.Fatalf("accepted update %+v", c)
			}
		case model.ActionDelete:
			if c.ID == 0 || c.Start != nil || c.End != nil || c.Label != nil || c.Attrs != nil {
				t.Fatalf("accepted delete %+v", c)
			}
		default:
			t.Fatalf("accepted action %q", c.Action)
		}
		if len(c.OpID) > service.MaxOpID {
			t.Fatalf("accepted an op_id of %d bytes", len(c.OpID))
		}
	})
}
