package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/htmltext"
	"github.com/gloss-dev/gloss/storage/model"
)

// Record is one article read from a file, with its annotations. Article
// Text, Length (code points) and Hash (hex SHA-256 of Text) are always
// set, and Title too (taken from the text when the file names none); the
// other fields are set as far as the format carries them. Each
// annotation has Start, End, Label, Attrs (never nil), Author and Text (the
// covered code points) set, and its times when the format carries them.
// Ids, versions and counts are zero: the store assigns them. Relations
// link two of Annotations each, by index.
type Record struct {
	Article     model.Article
	Annotations []model.Annotation
	Relations   []Relation
	// Blocks are a saved web page's lines and their structure (html),
	// which the suggestion detectors read; nil for other formats.
	Blocks []htmltext.Block
}

// Relation is a relation read from a file: its type, and its start and
// end as indexes into the Record's Annotations (checked to be two
// different ones); Author and CreatedAt as far as the format carries them.
// Whether the project's schema allows it is the store's to check.
type Relation struct {
	Type      string
	From, To  int
	Author    string
	CreatedAt time.Time
}

// Formats lists the formats Decode reads.
var Formats = []string{"txt", "html", "jsonl", "doccano", "labelstudio", "w3c"}

// MaxRecordBytes bounds one record of a file (one JSON value, or a whole
// txt file): past it Decode fails with ETOOLARGE rather than hold it all.
const MaxRecordBytes = 64 << 20

// MaxTitle is how many code points a title taken from the text holds at
// most, "…" included.
const MaxTitle = 100

// Detect names the format of a file from its name and its first bytes
// (head; 4 KiB or so is plenty). The extension decides between text and
// JSON (.txt .text .md are txt; .json .jsonl .ndjson .jsonld are JSON, any
// other is sniffed), then the JSON is sniffed: an AnnotationCollection,
// AnnotationPage or annotation array is w3c; an array of objects with
// "data" is labelstudio; a line with gloss article keys ("project",
// "imported_at", "status", "hash", or an "annotations" array of spans) is
// jsonl; any other object with "text" is doccano.
func Detect(filename string, head []byte) (string, error) {
	head = bytes.TrimPrefix(head, bom)
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".txt", ".text", ".md":
		return "txt", nil
	case ".html", ".htm", ".xhtml":
		return "html", nil
	case ".json", ".jsonl", ".ndjson", ".jsonld":
		if f := sniffJSON(head); f != "" {
			return f, nil
		}
		return "", model.Errorf(model.EINVALID, "%s: not a file gloss can import (a JSON file should be gloss jsonl, doccano, Label Studio or W3C annotations)", filename)
	}
	trimmed := bytes.TrimLeftFunc(head, unicode.IsSpace)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if f := sniffJSON(head); f != "" {
			return f, nil
		}
	}
	if htmltext.Looks(head) {
		return "html", nil
	}
	if looksLikeText(head) {
		return "txt", nil
	}
	return "", model.Errorf(model.EINVALID, "%s: not a file gloss can import (known formats: %s)", filename, strings.Join(Formats, ", "))
}

// looksLikeText reports whether head is UTF-8 without NUL bytes, allowing
// a rune cut off at its end.
func looksLikeText(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			return len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
		}
		i += n
	}
	return true
}

// sniffJSON reads the top-level keys of the first JSON object in head
// (which may be cut anywhere) and names the format, or returns "".
func sniffJSON(head []byte) string {
	dec := json.NewDecoder(bytes.NewReader(head))
	tok, err := dec.Token()
	if err != nil {
		return ""
	}
	array := tok == json.Delim('[')
	if array {
		if tok, err = dec.Token(); err != nil || tok != json.Delim('{') {
			return ""
		}
	} else if tok != json.Delim('{') {
		return ""
	}
	keys := map[string]string{} // key → its value when a string, else ""
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			keys[key] = "" // cut off inside the value: the key is still telling
			break
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			keys[key] = s
		} else {
			keys[key] = string(v[:min(len(v), 1)])
		}
	}
	has := func(k string) bool { _, ok := keys[k]; return ok }
	switch {
	case keys["type"] == "AnnotationCollection" || keys["type"] == "AnnotationPage" || keys["type"] == "Annotation",
		has("@context") && (has("first") || has("items")), has("target") && has("body"):
		return "w3c"
	case has("data"):
		return "labelstudio"
	case has("project") || has("imported_at") || has("status") || has("hash"), has("annotations") && keys["annotations"] == "[":
		return "jsonl"
	case has("text") || has("label") || has("labels"):
		return "doccano"
	}
	return ""
}

// Decode reads a file of the given format from r and calls fn with each
// article as soon as it is read. filename names the file in errors and is
// the source of a txt article. It stops at the first error: a malformed
// file is an EINVALID error naming the file and line, a record larger
// than MaxRecordBytes an ETOOLARGE one; an error from fn is returned as it
// is.
func Decode(format, filename string, r io.Reader, fn func(Record) error) error {
	return DecodeWith(format, filename, r, Options{}, fn)
}

// Options bound what Decode holds in memory.
type Options struct {
	// MaxSpans, when > 0, refuses (ETOOLARGE) a record with more spans
	// than that before decoding it: the store would refuse it anyway,
	// after it had taken hundreds of megabytes to decode.
	MaxSpans int
}

// DecodeWith is Decode with options.
func DecodeWith(format, filename string, r io.Reader, o Options, fn func(Record) error) error {
	switch format {
	case "txt":
		return decodeTxt(filename, r, fn)
	case "html":
		return decodeHTML(filename, r, fn)
	case "jsonl":
		return decodeNative(filename, r, o, fn)
	case "doccano":
		return decodeDoccano(filename, r, o, fn)
	case "labelstudio":
		return decodeLabelStudio(filename, r, o, fn)
	case "w3c":
		return decodeW3C(filename, r, o, fn)
	}
	return model.Errorf(model.EINVALID, "unknown import format %q (known: %s)", format, strings.Join(Formats, ", "))
}

var bom = []byte("\uFEFF")

// finish completes rec once its article text and spans are set: it derives
// Length, Hash, a missing title and each span's text, and checks the
// spans. at names the record in errors ("file.jsonl:3").
func finish(rec *Record, at string) error {
	art := &rec.Article
	if strings.TrimSpace(art.Text) == "" {
		return model.Errorf(model.EINVALID, "%s: the article has no text", at)
	}
	ri := model.NewRuneIndex(art.Text)
	art.Length = ri.Len()
	sum := sha256.Sum256([]byte(art.Text))
	art.Hash = hex.EncodeToString(sum[:])
	if art.Title == "" {
		art.Title = Title(art.Text)
	}
	for i := range rec.Annotations {
		a := &rec.Annotations[i]
		if err := model.ValidateSpan(a.Start, a.End, ri.Len()); err != nil {
			return model.Errorf(model.EINVALID, "%s: annotation %d: %s", at, i+1, model.ErrorMessage(err))
		}
		if strings.TrimSpace(a.Label) == "" {
			return model.Errorf(model.EINVALID, "%s: annotation %d [%d, %d) has no label", at, i+1, a.Start, a.End)
		}
		if a.Attrs == nil {
			a.Attrs = map[string]string{}
		}
		a.Text = ri.Slice(a.Start, a.End)
	}
	for i, r := range rec.Relations {
		n := len(rec.Annotations)
		switch {
		case strings.TrimSpace(r.Type) == "":
			return model.Errorf(model.EINVALID, "%s: relation %d has no type", at, i+1)
		case r.From < 0 || r.From >= n || r.To < 0 || r.To >= n:
			return model.Errorf(model.EINVALID, "%s: relation %d (%s) links annotations %d and %d; the article has %d", at, i+1, r.Type, r.From+1, r.To+1, n)
		case r.From == r.To:
			return model.Errorf(model.EINVALID, "%s: relation %d (%s) links annotation %d to itself", at, i+1, r.Type, r.From+1)
		}
	}
	return nil
}

// Title returns a title for text: its first non-empty line, trimmed, cut
// at a word boundary to at most MaxTitle code points with "…" when longer.
func Title(text string) string {
	var line string
	for l := range strings.Lines(text) {
		if line = strings.TrimSpace(l); line != "" {
			break
		}
	}
	if utf8.RuneCountInString(line) <= MaxTitle {
		return line
	}
	rs := []rune(line)[:MaxTitle-1]
	cut := len(rs)
	for i := len(rs) - 1; i > MaxTitle/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// at names a place in a file for error messages.
func at(filename string, line int) string { return fmt.Sprintf("%s:%d", filename, line) }

// baseName is a file's name without its folders, whichever separator the
// name uses: the CLI passes the path a folder walk found, an upload its
// name.
func baseName(filename string) string {
	return path.Base(strings.ReplaceAll(filename, "\\", "/"))
}
