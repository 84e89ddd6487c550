package export

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// bratEncoder writes a gzipped tar of brat standoff files: NAME.txt and
// NAME.ann per article, and annotation.conf at Close.
type bratEncoder struct {
	gz  *gzip.Writer
	tw  *tar.Writer
	ann bytes.Buffer
	err error

	// The schema seen so far, for annotation.conf: labels in order of
	// first appearance, attributes likewise with the labels that carry
	// them and their values (nil for free text).
	labels []string
	attrs  []bratAttr
	rels   []bratRel
}

// bratRel is a relation type for annotation.conf: the labels its first
// and second arguments may have.
type bratRel struct {
	name       string
	arg1, arg2 []string
}

type bratAttr struct {
	name   string
	args   []string
	values []string
	free   bool
}

func newBrat(w io.Writer, _ Options) Encoder {
	gz := gzip.NewWriter(w)
	return &bratEncoder{gz: gz, tw: tar.NewWriter(gz)}
}

// bratName is the file name stem of an article: its id zero-padded to
// eight digits, so that a listing sorts in id order.
func bratName(a model.Article) string { return fmt.Sprintf("%08d", a.ID) }

func (e *bratEncoder) Encode(d Doc) error {
	if e.err != nil {
		return e.err
	}
	_, anns, err := prepare(d)
	if err != nil {
		e.err = err
		return err
	}
	ls := links(d.Relations, anns)
	e.learn(d.Project, anns, ls)
	rs := []rune(d.Article.Text)
	b := &e.ann
	b.Reset()
	nattr, nnote := 0, 0
	for i, a := range anns {
		frags := bratFragments(rs, a.Start, a.End)
		texts := make([]string, len(frags))
		locs := make([]string, len(frags))
		for j, f := range frags {
			locs[j] = strconv.Itoa(f[0]) + " " + strconv.Itoa(f[1])
			texts[j] = string(rs[f[0]:f[1]])
		}
		text := oneLine(strings.Join(texts, " "))
		fmt.Fprintf(b, "T%d\t%s %s\t%s\n", i+1, a.Label, strings.Join(locs, ";"), text)
		for _, name := range attrNames(d.Project, a.Label, a.Attrs) {
			nattr++
			fmt.Fprintf(b, "A%d\t%s T%d %s\n", nattr, name, i+1, bratEscape(a.Attrs[name]))
		}
		if a.Layer != "" {
			// brat shows a span's note when the span is pointed at; a note
			// is the rest of its line, so it may hold spaces, not breaks.
			nnote++
			fmt.Fprintf(b, "#%d\tAnnotatorNotes T%d\tlayer: %s\n", nnote, i+1, oneLine(a.Layer))
		}
	}
	// A relation's layer is its arguments': no note of its own.
	for j, l := range ls {
		fmt.Fprintf(b, "R%d\t%s Arg1:T%d Arg2:T%d\n", j+1, l.Type, l.from+1, l.to+1)
	}
	mod := d.Article.ImportedAt
	name := bratName(d.Article)
	if err := e.file(name+".txt", []byte(d.Article.Text), mod); err != nil {
		return err
	}
	err = e.file(name+".ann", b.Bytes(), mod)
	if b.Cap() > 1<<20 {
		e.ann = bytes.Buffer{}
	}
	return err
}

func (e *bratEncoder) file(name string, data []byte, mod time.Time) error {
	if mod.IsZero() {
		mod = time.Unix(0, 0)
	}
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data)),
		ModTime: mod.UTC().Truncate(time.Second), Format: tar.FormatPAX}
	if err := e.tw.WriteHeader(hdr); err != nil {
		e.err = err
		return err
	}
	if _, err := e.tw.Write(data); err != nil {
		e.err = err
		return err
	}
	return nil
}

// learn adds the labels, attributes and relation types of p, anns and ls
// to the schema that annotation.conf declares.
func (e *bratEncoder) learn(p model.Project, anns []model.Annotation, ls []link) {
	for _, l := range labelNames(p, anns) {
		if !slices.Contains(e.labels, l) {
			e.labels = append(e.labels, l)
		}
	}
	add := func(label string, spec model.AttrSpec) {
		i := slices.IndexFunc(e.attrs, func(a bratAttr) bool { return a.name == spec.Name })
		if i < 0 {
			e.attrs = append(e.attrs, bratAttr{name: spec.Name})
			i = len(e.attrs) - 1
		}
		at := &e.attrs[i]
		if !slices.Contains(at.args, label) {
			at.args = append(at.args, label)
		}
		if spec.Type != model.AttrEnum {
			at.free = true
		}
		for _, v := range spec.Values {
			if !slices.Contains(at.values, v) {
				at.values = append(at.values, v)
			}
		}
	}
	for _, l := range p.Labels {
		for _, spec := range l.Attrs {
			add(l.Name, spec)
		}
	}
	for _, a := range anns {
		l, _ := p.Label(a.Label)
		for _, name := range attrNames(p, a.Label, a.Attrs) {
			if _, declared := l.Attr(name); !declared {
				add(a.Label, model.AttrSpec{Name: name, Type: model.AttrText})
			}
		}
	}
	// Relation types: the schema's, then any other met; a relation whose
	// ends have labels its type does not declare widens its arguments,
	// since brat refuses a relation annotation.conf does not allow.
	rel := func(name string, arg1, arg2 []string) {
		i := slices.IndexFunc(e.rels, func(r bratRel) bool { return r.name == name })
		if i < 0 {
			e.rels = append(e.rels, bratRel{name: name})
			i = len(e.rels) - 1
		}
		r := &e.rels[i]
		for _, l := range arg1 {
			if !slices.Contains(r.arg1, l) {
				r.arg1 = append(r.arg1, l)
			}
		}
		for _, l := range arg2 {
			if !slices.Contains(r.arg2, l) {
				r.arg2 = append(r.arg2, l)
			}
		}
	}
	for _, rt := range p.Relations {
		rel(rt.Name, rt.From, rt.To)
	}
	for _, l := range ls {
		rel(l.Type, []string{anns[l.from].Label}, []string{anns[l.to].Label})
	}
}

func (e *bratEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	var b strings.Builder
	b.WriteString("# brat configuration written by gloss.\n# Free-text attributes carry percent-encoded values (see the gloss export docs);\n# brat itself only offers the listed values.\n[entities]\n")
	for _, l := range e.labels {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n[relations]\n")
	for _, r := range e.rels {
		b.WriteString(r.name + "\tArg1:" + strings.Join(r.arg1, "|") + ", Arg2:" + strings.Join(r.arg2, "|") + "\n")
	}
	b.WriteString("\n[events]\n\n[attributes]\n")
	for _, a := range e.attrs {
		b.WriteString(a.name + "\tArg:" + strings.Join(a.args, "|"))
		if len(a.values) > 0 && !a.free {
			b.WriteString(", Value:" + strings.Join(a.values, "|"))
		}
		b.WriteString("\n")
	}
	if err := e.file("annotation.conf", []byte(b.String()), time.Time{}); err != nil {
		return err
	}
	if err := e.tw.Close(); err != nil {
		e.err = err
		return err
	}
	e.err = e.gz.Close()
	return e.err
}

// bratFragments splits [start, end) of rs at line breaks, which a brat
// fragment may not hold, dropping the break characters. A span of nothing
// but line breaks stays whole.
func bratFragments(rs []rune, start, end int) [][2]int {
	var frags [][2]int
	s := start
	for i := start; i <= end; i++ {
		if i == end || rs[i] == '\n' || rs[i] == '\r' {
			if i > s {
				frags = append(frags, [2]int{s, i})
			}
			s = i + 1
		}
	}
	if len(frags) == 0 {
		frags = append(frags, [2]int{start, end})
	}
	return frags
}

// bratEscape percent-encodes '%', whitespace and control characters, so
// that an attribute value is one space-free field of its A line.
func bratEscape(v string) string {
	if !strings.ContainsFunc(v, needsBratEscape) {
		return v
	}
	var b strings.Builder
	for _, r := range v {
		if !needsBratEscape(r) {
			b.WriteRune(r)
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// oneLine replaces line breaks with spaces, so that s stays on its line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func needsBratEscape(r rune) bool {
	return r == '%' || unicode.IsSpace(r) || unicode.IsControl(r)
}
