package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/gloss-dev/gloss/storage/model"
)

// errTooLarge is what lineReader returns past its budget.
var errTooLarge = errors.New("record too large")

// lineReader counts the lines of what it reads, so that errors can name
// the line of a byte offset, and bounds how much is read per record.
type lineReader struct {
	r      io.Reader
	read   int64   // bytes read so far
	nl     []int64 // offsets of newlines not yet passed by lineAt
	line   int     // newlines before the last offset lineAt was asked about
	budget int64   // bytes that may still be read before the next mark
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, budget: MaxRecordBytes}
}

func (lr *lineReader) Read(p []byte) (int, error) {
	if lr.budget <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > lr.budget {
		p = p[:lr.budget]
	}
	n, err := lr.r.Read(p)
	for i, b := 0, p[:n]; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		lr.nl = append(lr.nl, lr.read+int64(i+j))
		i += j + 1
	}
	lr.read += int64(n)
	lr.budget -= int64(n)
	return n, err
}

// mark starts a new record's budget.
func (lr *lineReader) mark() { lr.budget = MaxRecordBytes }

// lineAt returns the 1-based line of byte offset off. Offsets asked about
// must not decrease.
func (lr *lineReader) lineAt(off int64) int {
	i := 0
	for i < len(lr.nl) && lr.nl[i] < off {
		i++
	}
	lr.line += i
	lr.nl = lr.nl[i:]
	return lr.line + 1
}

// jsonStream reads a file holding JSON values: either one array of them
// or a sequence (JSONL, or values one after another).
type jsonStream struct {
	filename string
	lr       *lineReader
	br       *bufio.Reader
	dec      *json.Decoder
	skipped  int64 // bytes of a BOM the decoder did not see
	// maxSpans, when > 0, refuses a record with more span starts than
	// that before it is decoded (see spanKeys).
	maxSpans int
}

func newJSONStream(filename string, r io.Reader) *jsonStream {
	s := &jsonStream{filename: filename, lr: newLineReader(r)}
	s.br = bufio.NewReader(s.lr)
	if b, err := s.br.Peek(len(bom)); err == nil && bytes.Equal(b, bom) {
		s.br.Discard(len(bom))
		s.skipped = int64(len(bom))
	}
	s.dec = json.NewDecoder(s.br)
	return s
}

// spanKeys counts the "start" and "start_offset" keys in a record's raw
// JSON: every span of the formats read record by record carries one
// (Label Studio's value.start, gloss's start, doccano's start_offset), so
// it bounds the spans from above. Inside a JSON string a quote is always
// escaped, so `"start"` followed by a colon is a key, never text. A
// doccano line's "label" triples are counted apart, and the larger count
// is the bound: a line with both entities and label holds the same spans
// in each (decodeDoccano refuses it otherwise).
func spanKeys(raw []byte) int {
	n := 0
	for _, key := range [][]byte{[]byte(`"start"`), []byte(`"start_offset"`)} {
		for rest := raw; ; {
			i := bytes.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			j := 0
			for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\n' || rest[j] == '\r') {
				j++
			}
			if j < len(rest) && rest[j] == ':' {
				n++
			}
		}
	}
	// doccano's [[start, end, "LABEL"], ...] spans have no keys: count the
	// arrays of its "label" list.
	if i := bytes.Index(raw, []byte(`"label"`)); i >= 0 {
		if arrays := bytes.Count(raw[i:], []byte("],[")); arrays > 0 || bytes.Contains(raw[i:], []byte("[[")) {
			n = max(n, arrays+1)
		}
	}
	return n
}

// offset returns the decoder's position as a file offset.
func (s *jsonStream) offset() int64 { return s.dec.InputOffset() + s.skipped }

// each calls fn with every value of the file and the line it starts on.
func (s *jsonStream) each(fn func(raw json.RawMessage, line int) error) error {
	first, err := s.firstByte()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return s.fail(err)
	}
	if first == '[' {
		if _, err := s.dec.Token(); err != nil {
			return s.fail(err)
		}
	}
	for {
		if first == '[' && !s.dec.More() {
			break
		}
		s.lr.mark()
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			if first != '[' && errors.Is(err, io.EOF) {
				return nil
			}
			return s.fail(err)
		}
		line := s.lr.lineAt(s.offset() - int64(len(raw)))
		if n := spanKeys(raw); s.maxSpans > 0 && n > s.maxSpans {
			// Decoded, a span costs a few hundred bytes of structs, maps and
			// strings: a 31 MB task of 215,000 regions took 650 MB before
			// the article's bound refused it. Its raw bytes say so first.
			return model.Errorf(model.ETOOLARGE, "%s: the record has %d spans; one article may hold at most %d", at(s.filename, line), n, s.maxSpans)
		}
		if err := fn(raw, line); err != nil {
			return err
		}
	}
	if _, err := s.dec.Token(); err != nil { // the closing ]
		return s.fail(err)
	}
	return s.end()
}

// end checks that nothing but whitespace follows.
func (s *jsonStream) end() error {
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return s.fail(err)
		}
		return model.Errorf(model.EINVALID, "%s: unexpected data after the end of the JSON", at(s.filename, s.lr.lineAt(s.offset())))
	}
	return nil
}

// firstByte returns the first non-space byte of the file, unread.
func (s *jsonStream) firstByte() (byte, error) {
	for {
		b, err := s.br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			s.br.Discard(1)
			s.skipped++
			continue
		}
		return b[0], nil
	}
}

// fail turns a decoding error into one for people, naming the line.
func (s *jsonStream) fail(err error) error {
	off := s.offset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = max(off, se.Offset-1+s.skipped)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		off = max(off, s.lr.read-1) // where the file ends
	}
	line := s.lr.lineAt(off)
	switch {
	case errors.Is(err, errTooLarge):
		return model.Errorf(model.ETOOLARGE, "%s: a record is larger than %d MiB", at(s.filename, line), MaxRecordBytes>>20)
	case se != nil:
		return model.Errorf(model.EINVALID, "%s: invalid JSON: %s", at(s.filename, line), se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return model.Errorf(model.EINVALID, "%s: unexpected end of file in the JSON", at(s.filename, line))
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	return fmt.Errorf("importer: read %s: %w", s.filename, err)
}

// unmarshal decodes one record's JSON into v, naming the line on error.
func unmarshal(filename string, line int, raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return model.Errorf(model.EINVALID, "%s: %s must be %s, not %s", at(filename, line), fieldName(te), jsonKind(te.Type.Kind().String()), te.Value)
		}
		return model.Errorf(model.EINVALID, "%s: %s", at(filename, line), err)
	}
	return nil
}

func fieldName(te *json.UnmarshalTypeError) string {
	if te.Field == "" {
		return "the record"
	}
	return fmt.Sprintf("%q", te.Field)
}

func jsonKind(k string) string {
	switch k {
	case "int", "int64", "uint64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	}
	return k
}

// peekValue returns the first byte of the next value, after whitespace
// and any ':' or ',' the decoder has yet to read, without consuming it.
func (s *jsonStream) peekValue() (byte, error) {
	skip := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':' || c == ',' }
	if buffered, err := io.ReadAll(s.dec.Buffered()); err == nil {
		for _, c := range buffered {
			if !skip(c) {
				return c, nil
			}
		}
	}
	for n := 1; ; n++ {
		b, err := s.br.Peek(n)
		if len(b) < n {
			if errors.Is(err, bufio.ErrBufferFull) {
				return 0, model.Errorf(model.EINVALID, "%s: invalid JSON: too much whitespace", at(s.filename, s.lr.lineAt(s.offset())))
			}
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		if !skip(b[n-1]) {
			return b[n-1], nil
		}
	}
}

// articleField returns the string field of art that a JSON key of the
// import formats names (title, source, url, published), or nil.
func articleField(art *model.Article, key string) *string {
	switch key {
	case "title":
		return &art.Title
	case "source":
		return &art.Source
	case "url":
		return &art.URL
	case "published":
		return &art.Published
	}
	return nil
}
