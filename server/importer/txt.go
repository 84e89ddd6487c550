package importer

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// decodeTxt reads a whole plain-text file as one article.
func decodeTxt(filename string, r io.Reader, fn func(Record) error) error {
	b, err := io.ReadAll(io.LimitReader(r, MaxRecordBytes+1))
	if err != nil {
		return fmt.Errorf("importer: read %s: %w", filename, err)
	}
	if len(b) > MaxRecordBytes {
		return model.Errorf(model.ETOOLARGE, "%s: the text is larger than %d MiB", filename, MaxRecordBytes>>20)
	}
	if i := invalidUTF8(b); i >= 0 {
		return model.Errorf(model.EINVALID, "%s: not UTF-8 text (invalid byte at offset %d)", filename, i)
	}
	b = bytes.TrimPrefix(b, bom)
	text := normalizeNewlines(string(b))
	rec := Record{Article: model.Article{Text: text, Source: baseName(filename)}}
	if err := finish(&rec, filename); err != nil {
		return err
	}
	return fn(rec)
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// normalizeNewlines turns CRLF and lone CR line ends into LF.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
