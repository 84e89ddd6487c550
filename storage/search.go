package storage

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// folded is a case-insensitive substring search for the article list.
// Lowering every text with bytes.ToLower allocated a copy of the whole
// corpus per search: 0.52-0.61 s for 20,000 articles of 2.2 kB
// (BenchmarkArticles). For an ASCII query, the common case, each text is
// instead folded (ASCII letters only) into one reused buffer and searched
// with bytes.Index. Other queries still lower the text with Unicode rules.
type folded struct {
	q     []byte // lower case; empty matches everything
	ascii bool
	buf   []byte
}

func newFolded(query string) *folded {
	q := strings.ToLower(query)
	return &folded{q: []byte(q), ascii: isASCII(q)}
}

func (f *folded) in(s string) bool { return containsFolded(f, s) }

func (f *folded) inBytes(b []byte) bool { return containsFolded(f, b) }

// containsFolded is in and inBytes for either type, without converting a
// string (a title) to bytes on the ASCII path.
func containsFolded[T string | []byte](f *folded, s T) bool {
	if len(f.q) == 0 {
		return true
	}
	if !f.ascii {
		return bytes.Contains(bytes.ToLower([]byte(s)), f.q)
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
