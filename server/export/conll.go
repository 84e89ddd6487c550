package export

import (
	"bytes"
	"io"

	"github.com/gloss-dev/gloss/storage/model"
)

type conllEncoder struct {
	w     io.Writer
	buf   bytes.Buffer
	err   error
	layer string // the layer of the spans written so far; "" before the first
}

func newCoNLL(w io.Writer, _ Options) Encoder { return &conllEncoder{w: w} }

func (e *conllEncoder) Encode(d Doc) error {
	if e.err != nil {
		return e.err
	}
	ri, anns, err := prepare(d)
	if err != nil {
		e.err = err
		return err
	}
	// A tag column cannot say whose a span is: the spans of two layers
	// would read as one annotator's (and one label's overlapping spans
	// would merge), so a file holds one layer, whichever came first.
	for _, a := range anns {
		l := layerName(a)
		if e.layer == "" {
			e.layer = l
		}
		if l != e.layer {
			e.err = model.Errorf(model.EINVALID, "export: article %d: a conll file holds one layer (its tag columns cannot say whose a span is), and this export brings spans of layers %s and %s: export the gold layer or one annotator's", d.Article.ID, e.layer, l)
			return e.err
		}
	}
	rs := []rune(d.Article.Text)
	toks := tokenize(rs)
	labels := labelNames(d.Project, anns)

	// tags[c][t] is token t's tag in column c: 0 O, 1 B-, 2 I-.
	tags := make([][]byte, len(labels))
	for c := range tags {
		tags[c] = make([]byte, len(toks))
	}
	for _, a := range anns {
		first, last, ok := coveringTokens(toks, a.Start, a.End)
		if !ok {
			continue
		}
		col := tags[indexOf(labels, a.Label)]
		col[first] = 1
		for t := first + 1; t <= last; t++ {
			if col[t] == 0 {
				col[t] = 2
			}
		}
	}

	b := &e.buf
	b.Reset()
	b.WriteString("-DOCSTART-")
	for range labels {
		b.WriteString(" O")
	}
	b.WriteString("\n")
	starts := sentences(rs, toks)
	s := 0
	for t, tok := range toks {
		if s < len(starts) && starts[s] == t {
			b.WriteString("\n")
			s++
		}
		b.WriteString(ri.Slice(tok.start, tok.end))
		for c, l := range labels {
			switch tags[c][t] {
			case 0:
				b.WriteString(" O")
			case 1:
				b.WriteString(" B-" + l)
			case 2:
				b.WriteString(" I-" + l)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	if _, err := e.w.Write(b.Bytes()); err != nil {
		e.err = err
	}
	if b.Cap() > 1<<20 {
		e.buf = bytes.Buffer{}
	}
	return e.err
}

func (e *conllEncoder) Close() error { return e.err }

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}
