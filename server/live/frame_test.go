package live

import (
	"bytes"
	"testing"
)

// TestAppendTextFrame checks the frame header at each length encoding's
// edges (RFC 6455 section 5.2: 7-bit, 16-bit and 64-bit payload lengths).
func TestAppendTextFrame(t *testing.T) {
	for _, tc := range []struct {
		n    int
		head []byte
	}{
		{0, []byte{0x81, 0}},
		{125, []byte{0x81, 125}},
		{126, []byte{0x81, 126, 0, 126}},
		{0xffff, []byte{0x81, 126, 0xff, 0xff}},
		{0x10000, []byte{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}},
	} {
		msg := bytes.Repeat([]byte{'x'}, tc.n)
		got := appendTextFrame([]byte("prev"), msg)
		want := append(append([]byte("prev"), tc.head...), msg...)
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes: header % x, want % x", tc.n, got[4:4+len(tc.head)], tc.head)
		}
	}
}
