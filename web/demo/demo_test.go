package demo

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"unicode/utf8"
)

// TestSeedArticleInSync keeps the embedded seed article equal to the one
// the tests use.
func TestSeedArticleInSync(t *testing.T) {
	want, err := os.ReadFile("../../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(FS, "xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("web/demo/xi-putin-icc.txt differs from testdata/xi-putin-icc.txt")
	}
	names, _ := fs.Glob(FS, "*.txt")
	for _, n := range names {
		b, _ := fs.ReadFile(FS, n)
		if !utf8.Valid(b) {
			t.Errorf("%s is not UTF-8", n)
		}
	}
}
