package htmltext

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds the page reader hostile bytes, seeded with the labelled
// pages of every language and charset: no panic, and every page it
// accepts keeps Page's promises (valid UTF-8 text with no control
// characters but newlines and tabs, blocks in order inside the text, one
// a line, link text inside its block, a known encoding), so the importer
// and the detectors can trust it.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"../../testdata/suggest", "../../testdata/suggest-heldout"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		for i, p := range paths {
			if i%3 != 0 { // a third of them: each site's templates, every charset
				continue
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"<p>a<br>b</p><p></p><div><div>c</div></div>",
		"<meta charset=\"iso-8859-1\"><p>gar\xe7on</p>",
		"\xef\xbb\xbf<title>t</title><body><nav><a href=x>Home</a></nav><h1>H</h1>",
		"<table><tr><td>a<td>b</table><ul><li>x<li>y</ul>",
		"<p>\x00\x01\u200b\u2028 x \r\n y</p><template><p>no</p></template><noscript>no</noscript>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(bytes.NewReader(data), "site/page.html")
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) || strings.TrimSpace(p.Text) == "" || p.Encoding == "" {
			t.Fatalf("page %+v", p)
		}
		for _, r := range p.Text {
			if r < 0x20 && r != '\n' && r != '\t' {
				t.Fatalf("control character %U in the text %q", r, p.Text)
			}
		}
		runes := []rune(p.Text)
		end := 0
		for i, b := range p.Blocks {
			if b.Start < end || b.End < b.Start || b.End > len(runes) || b.Links < 0 || b.Links > b.End-b.Start || b.Index < 0 {
				t.Fatalf("block %d %+v after %d in %d code points", i, b, end, len(runes))
			}
			if strings.ContainsRune(string(runes[b.Start:b.End]), '\n') {
				t.Fatalf("block %d %+v spans lines: %q", i, b, string(runes[b.Start:b.End]))
			}
			end = b.End
		}
	})
}
