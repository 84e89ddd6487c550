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
