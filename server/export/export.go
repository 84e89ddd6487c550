package export

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/storage/model"
)

// Doc is one article as the encoders see it: its text and metadata, its
// live annotations and the relations between them, and the project whose
// label schema they follow.
type Doc struct {
	Article     model.Article
	Annotations []model.Annotation
	// Relations link two of Annotations each, named by annotation id
	// within the relation's layer. A relation with an end that is not
	// among Annotations (filtered out of the export, or cut by Clean) is
	// left out by every encoder: see the package doc's Relations.
	Relations []model.Relation
	Project   model.Project
}

// Encoder writes documents in one format to an io.Writer as they come.
// It is not safe for concurrent use. After the first error every call
// returns that error.
type Encoder interface {
	// Encode writes one document.
	Encode(d Doc) error
	// Close writes what the format needs after the last document (the
	// closing bracket of a JSON array, the archive's last entries). It
	// does not close the underlying writer.
	Close() error
}

// Options tune every format the same way.
type Options struct {
	// Clean cuts BOILERPLATE spans out of each article's text and remaps
	// the other spans onto what remains (see Clean).
	Clean bool
	// BaseURL is where this gloss instance is served, e.g.
	// http://127.0.0.1:8080. The w3c and claimreview formats build their
	// ids from it; when empty they use urn:gloss: ids.
	BaseURL string
}

// Formats lists the export formats, in the order the UI offers them.
var Formats = []string{"jsonl", "doccano", "labelstudio", "spacy", "conll", "w3c", "brat", "csv", "claimreview"}

type format struct {
	contentType string
	ext         string
	new         func(w io.Writer, opt Options) Encoder
}

var formats = map[string]format{
	"jsonl":       {"application/x-ndjson", ".jsonl", newJSONL},
	"doccano":     {"application/x-ndjson", ".jsonl", newDoccano},
	"labelstudio": {"application/json", ".json", newLabelStudio},
	"spacy":       {"application/x-ndjson", ".jsonl", newSpacy},
	"conll":       {"text/plain; charset=utf-8", ".conll", newCoNLL},
	"w3c":         {`application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`, ".jsonld", newW3C},
	"brat":        {"application/gzip", ".tar.gz", newBrat},
	"csv":         {"text/csv; charset=utf-8", ".csv", newCSV},
	"claimreview": {"application/ld+json", ".jsonld", newClaimReview},
}

// New returns an encoder of the named format writing to w. An unknown
// format is an EINVALID error that lists the known ones.
func New(format string, w io.Writer, opt Options) (Encoder, error) {
	f, ok := formats[format]
	if !ok {
		return nil, model.Errorf(model.EINVALID, "unknown export format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	e := f.new(w, opt)
	if opt.Clean {
		e = &cleanEncoder{e}
	}
	return e, nil
}

// ContentType returns the MIME type of the named format's output, or ""
// for an unknown format.
func ContentType(format string) string { return formats[format].contentType }

// FileExt returns the file name extension of the named format's output,
// with its leading dot (".jsonl", ".tar.gz"), or "" for an unknown format.
func FileExt(format string) string { return formats[format].ext }

// OneLayer reports whether the named format holds the spans of one layer
// only, and so fails Encode with EINVALID when an export brings spans of
// a second layer (conll: see the package doc). An export of all layers
// can ask it before writing the first byte.
func OneLayer(format string) bool { return format == "conll" }

// cleanEncoder applies Clean to every document before encoding it.
type cleanEncoder struct{ Encoder }

func (e *cleanEncoder) Encode(d Doc) error { return e.Encoder.Encode(Clean(d)) }

// prepare checks d's spans against its text and returns the text's rune
// index and a sorted copy of the annotations, each with Text set to the
// covered code points (Annotation.Text is derived, never trusted). Sorting
// by start, then longest first, puts an enclosing span before the spans
// nested in it, which every format reads best.
func prepare(d Doc) (*model.RuneIndex, []model.Annotation, error) {
	ri := model.NewRuneIndex(d.Article.Text)
	anns := slices.Clone(d.Annotations)
	for i := range anns {
		a := &anns[i]
		if err := model.ValidateSpan(a.Start, a.End, ri.Len()); err != nil {
			return nil, nil, model.Errorf(model.EINVALID, "export: article %d: annotation %d: %s", d.Article.ID, a.ID, model.ErrorMessage(err))
		}
		a.Text = ri.Slice(a.Start, a.End)
	}
	slices.SortStableFunc(anns, compareSpans)
	return ri, anns, nil
}

func compareSpans(a, b model.Annotation) int {
	return cmp.Or(
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(b.End, a.End),
		cmp.Compare(a.Label, b.Label),
		compareLayers(layerName(a), layerName(b)),
		cmp.Compare(a.ID, b.ID),
	)
}

// link is a relation of a document whose ends are both among the
// document's annotations: from and to index them as prepare sorted them.
type link struct {
	model.Relation
	from, to int
}

// links resolves rels against anns, the annotations as prepare sorted
// them. A relation names its ends by annotation id within its own layer
// (an id may come once per layer in an export of all layers); one with
// an end that anns lack is left out. Links come in the order of their
// start spans, then of their end spans, then by type and id.
func links(rels []model.Relation, anns []model.Annotation) []link {
	if len(rels) == 0 {
		return nil
	}
	type end struct {
		layer string
		id    uint64
	}
	at := make(map[end]int, len(anns))
	for i, a := range anns {
		k := end{layerName(a), a.ID}
		if _, seen := at[k]; !seen && a.ID != 0 {
			at[k] = i
		}
	}
	out := make([]link, 0, len(rels))
	for _, r := range rels {
		l := relationLayer(r)
		from, ok := at[end{l, r.From}]
		to, ok2 := at[end{l, r.To}]
		if ok && ok2 {
			out = append(out, link{r, from, to})
		}
	}
	slices.SortStableFunc(out, func(a, b link) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to), cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// relationLayer is the layer r belongs to: model.Gold for the empty name,
// as layerName has it for spans.
func relationLayer(r model.Relation) string {
	if r.Layer == "" {
		return model.Gold
	}
	return r.Layer
}

// layered reports whether anns name their layers: the application sets
// Layer on every span of an export of all layers or of one annotator's,
// and on none of a gold-only export, whose output stays as it was before
// projects had layers.
func layered(anns []model.Annotation) bool {
	return slices.ContainsFunc(anns, func(a model.Annotation) bool { return a.Layer != "" })
}

// layerName is the layer a's span came from: model.Gold for the empty
// name, which is how storage names the gold layer.
func layerName(a model.Annotation) string {
	if a.Layer == "" {
		return model.Gold
	}
	return a.Layer
}

// compareLayers orders layer names the gold layer first, then the
// annotators' by name.
func compareLayers(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == model.Gold:
		return -1
	case b == model.Gold:
		return 1
	}
	return cmp.Compare(a, b)
}

// layerNames returns the layers anns' spans came from, in compareLayers
// order.
func layerNames(anns []model.Annotation) []string {
	var names []string
	for _, a := range anns {
		if l := layerName(a); !slices.Contains(names, l) {
			names = append(names, l)
		}
	}
	slices.SortFunc(names, compareLayers)
	return names
}

// attrNames returns the names of the attributes set (non-empty) in attrs:
// those the label declares in schema order, then any others sorted.
func attrNames(p model.Project, label string, attrs map[string]string) []string {
	if len(attrs) == 0 {
		return nil
	}
	names := make([]string, 0, len(attrs))
	l, _ := p.Label(label)
	for _, spec := range l.Attrs {
		if attrs[spec.Name] != "" {
			names = append(names, spec.Name)
		}
	}
	var rest []string
	for k, v := range attrs {
		if _, declared := l.Attr(k); !declared && v != "" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(names, rest...)
}

// labelNames returns the project's label names in schema order followed
// by any other label the annotations use, sorted.
func labelNames(p model.Project, anns []model.Annotation) []string {
	names := make([]string, 0, len(p.Labels))
	for _, l := range p.Labels {
		names = append(names, l.Name)
	}
	var extra []string
	for _, a := range anns {
		if !slices.Contains(names, a.Label) && !slices.Contains(extra, a.Label) {
			extra = append(extra, a.Label)
		}
	}
	slices.Sort(extra)
	return append(names, extra...)
}

// articleIRI names an article for the linked-data formats: its own URL
// when it has one, else its page on this gloss instance.
func articleIRI(a model.Article, base string) string {
	if a.URL != "" {
		return a.URL
	}
	return glossIRI(a, base)
}

// glossIRI names an article on this gloss instance.
func glossIRI(a model.Article, base string) string {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return "urn:gloss:article:" + strconv.FormatUint(a.ID, 10)
	}
	return base + "/articles/" + strconv.FormatUint(a.ID, 10)
}

// relationIRI names relation r, the i-th link (in export order) of
// article art.
func relationIRI(art model.Article, r model.Relation, i int, base string) string {
	if r.ID == 0 {
		return glossIRI(art, base) + "#relation-" + strconv.Itoa(i+1)
	}
	if strings.TrimRight(base, "/") == "" {
		return "urn:gloss:relation:" + strconv.FormatUint(r.ID, 10)
	}
	return glossIRI(art, base) + "/relations/" + strconv.FormatUint(r.ID, 10)
}

// annotationIRI names annotation i (in export order) of article art.
func annotationIRI(art model.Article, a model.Annotation, i int, base string) string {
	if a.ID == 0 {
		return glossIRI(art, base) + "#span-" + strconv.Itoa(i+1)
	}
	if strings.TrimRight(base, "/") == "" {
		return "urn:gloss:annotation:" + strconv.FormatUint(a.ID, 10)
	}
	return glossIRI(art, base) + "/annotations/" + strconv.FormatUint(a.ID, 10)
}

// jsonWriter encodes one JSON value at a time into a reused buffer and
// writes it with a single Write, so output streams and memory stays at
// the size of the largest document.
type jsonWriter struct {
	w     io.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	err   error
	ascii bool   // escape every non-ASCII character as \uXXXX
	esc   []byte // scratch for ascii
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{w: w}
	jw.enc = json.NewEncoder(&jw.buf)
	jw.enc.SetEscapeHTML(false)
	return jw
}

// value writes prefix, v as compact JSON, and suffix.
func (jw *jsonWriter) value(prefix string, v any, suffix string) error {
	if jw.err != nil {
		return jw.err
	}
	jw.buf.Reset()
	jw.buf.WriteString(prefix)
	if err := jw.enc.Encode(v); err != nil {
		jw.err = err
		return err
	}
	jw.buf.Truncate(jw.buf.Len() - 1) // the Encoder's newline
	jw.buf.WriteString(suffix)
	return jw.flush()
}

// line writes v as one line of JSONL.
func (jw *jsonWriter) line(v any) error { return jw.value("", v, "\n") }

// raw writes s as is.
func (jw *jsonWriter) raw(s string) error {
	if jw.err != nil {
		return jw.err
	}
	jw.buf.Reset()
	jw.buf.WriteString(s)
	return jw.flush()
}

func (jw *jsonWriter) flush() error {
	out := jw.buf.Bytes()
	if jw.ascii {
		jw.esc = appendASCII(jw.esc[:0], out)
		out = jw.esc
	}
	if _, err := jw.w.Write(out); err != nil {
		jw.err = err
	}
	if jw.buf.Cap() > 1<<20 {
		jw.buf = bytes.Buffer{} // let one huge article's buffer go
	}
	return jw.err
}

// appendASCII appends JSON text b with every non-ASCII character written
// as a \u escape (a surrogate pair above U+FFFF), which JSON readers take
// for the same string. In JSON text such characters occur only inside
// strings, so the bytes can be rewritten without parsing them.
func appendASCII(dst, b []byte) []byte {
	const hex = "0123456789abcdef"
	esc := func(dst []byte, r rune) []byte {
		return append(dst, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
	}
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			dst = append(dst, b[0])
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b) // the encoder wrote valid UTF-8
		b = b[n:]
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			dst = esc(esc(dst, r1), r2)
		} else {
			dst = esc(dst, r)
		}
	}
	return dst
}

// fail records err as the writer's sticky error and returns it.
func (jw *jsonWriter) fail(err error) error {
	if jw.err == nil {
		jw.err = err
	}
	return err
}

// arrayWriter streams a JSON array one element a line: open (which ends
// with "[") before the first element, the closing "]" at close, and an
// empty array when no element came.
type arrayWriter struct {
	*jsonWriter
	open string
	n    int
}

func newArrayWriter(w io.Writer, open string) *arrayWriter {
	return &arrayWriter{jsonWriter: newJSONWriter(w), open: open}
}

func (aw *arrayWriter) elem(v any) error {
	prefix := ",\n"
	if aw.n == 0 {
		prefix = aw.open + "\n"
	}
	aw.n++
	return aw.value(prefix, v, "")
}

// close ends the array and writes trailer after it, then a newline.
func (aw *arrayWriter) close(trailer string) error {
	if aw.n == 0 {
		return aw.raw(aw.open + "]" + trailer + "\n")
	}
	return aw.raw("\n]" + trailer + "\n")
}
