package export

import (
	"encoding/json"
	"testing"
)

// TestAppendASCII: the doccano export's escaping leaves only ASCII and
// reads back as the same text, astral characters as surrogate pairs.
func TestAppendASCII(t *testing.T) {
	for _, s := range []string{"", "plain", "Putin\u0027s “no-limits”", "😀 👍🏽 🇺🇦", "李明 שלום é\u0301", "\u2028\ufeff", `\u0027 stays literal`} {
		in, _ := json.Marshal(map[string]string{"text": s})
		out := appendASCII(nil, in)
		for i, b := range out {
			if b >= 0x80 {
				t.Fatalf("%q: byte %d of %q is not ASCII", s, i, out)
			}
		}
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil || back["text"] != s {
			t.Errorf("%q came back as %q (%v) from %s", s, back["text"], err, out)
		}
	}
	if got := string(appendASCII(nil, []byte(`"😀"`))); got != `"\ud83d\ude00"` {
		t.Errorf("😀 as %s, want a surrogate pair", got)
	}
}
