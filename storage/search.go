package storage

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// folded is a case-insensitive substring search for the article list.
// Lowering every text with bytes.ToLower allocated a copy of the whole
// corpus per search: 0.52-0.61 s for 20,000 articles of 2.2 kB
// (BenchmarkArticles). For an ASCII query, the common case, each text is
// instead folded (ASCII letters only) into one reused buffer and searched
// with bytes.Index. Other queries compare Unicode-normalised and
// case-folded forms of both sides: NFC, so that "café" typed with its
// precomposed é finds a text that spells it e + U+0301 (and the other way
// round), and full case folding, so that "STRASSE" finds "Straße".
type folded struct {
	q     []byte // lower case; empty matches everything
	ascii bool
	buf   []byte
}

func newFolded(query string) *folded {
	if isASCII(query) {
		q := []byte(query)
		for i, c := range q {
			if 'A' <= c && c <= 'Z' {
				q[i] = c + 'a' - 'A'
			}
		}
		return &folded{q: q, ascii: true}
	}
	return &folded{q: foldUnicode([]byte(query))}
}

// foldUnicode is b in NFC, case-folded (and NFC again: folding can
// decompose).
func foldUnicode(b []byte) []byte {
	return norm.NFC.Bytes(cases.Fold().Bytes(norm.NFC.Bytes(b)))
}

// Fold is s as search compares it: NFC and case-folded. Other searches
// (annotation texts) use it to match the way the article list does.
func Fold(s string) string { return string(foldUnicode([]byte(s))) }

func (f *folded) in(s string) bool { return containsFolded(f, s) }

func (f *folded) inBytes(b []byte) bool { return containsFolded(f, b) }

// containsFolded is in and inBytes for either type, without converting a
// string (a title) to bytes on the ASCII path.
func containsFolded[T string | []byte](f *folded, s T) bool {
	if len(f.q) == 0 {
		return true
	}
	if !f.ascii {
		return bytes.Contains(foldUnicode([]byte(s)), f.q)
	}
	f.buf = append(f.buf[:0], s...)
	return f.search()
}

// search folds buf's ASCII capitals and looks for q in it.
func (f *folded) search() bool {
	for i, c := range f.buf {
		if 'A' <= c && c <= 'Z' {
			f.buf[i] = c + 'a' - 'A'
		}
	}
	return bytes.Index(f.buf, f.q) >= 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
