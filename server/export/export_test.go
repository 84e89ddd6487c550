package export_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/export")

const goldenDir = "../../testdata/export"

// encode runs docs through a new encoder of format and returns its output.
func encode(t testing.TB, format string, opt export.Options, docs ...export.Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc, err := export.New(format, &buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatalf("%s: Encode(article %d): %v", format, d.Article.ID, err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatalf("%s: Close: %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	docs := seedDocs(t)
	for _, format := range export.Formats {
		for _, clean := range []bool{false, true} {
			name := format
			if clean {
				name += ".clean"
			}
			t.Run(name, func(t *testing.T) {
				out := encode(t, format, export.Options{Clean: clean, BaseURL: baseURL}, docs...)
				if format == "brat" {
					checkGoldenDir(t, filepath.Join(goldenDir, name), untar(t, out))
					return
				}
				checkGolden(t, filepath.Join(goldenDir, name+export.FileExt(format)), out)
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", path, firstDiff(got, want))
	}
}

// checkGoldenDir compares the files of an archive with a golden directory.
func checkGoldenDir(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got, want := len(files), len(entries); got != want {
		t.Errorf("archive has %d files, %s has %d", got, dir, want)
	}
	for _, e := range entries {
		want, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := files[e.Name()]
		if !ok {
			t.Errorf("archive lacks %s", e.Name())
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s/%s differs from the archive's:\n%s", dir, e.Name(), firstDiff(got, want))
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got: " + clip(gl) + "\nwant: " + clip(wl)
		}
	}
	return "(same lines, different bytes)"
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }

// untar reads a brat archive into file name → content, checking that the
// entries come in the order the encoder promises.
func untar(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	var names []string
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := files[hdr.Name]; dup {
			t.Errorf("archive holds %s twice", hdr.Name)
		}
		files[hdr.Name] = b
		names = append(names, hdr.Name)
	}
	if len(names) == 0 || names[len(names)-1] != "annotation.conf" {
		t.Errorf("archive entries %v: want annotation.conf last", names)
	}
	return files
}

func TestNew(t *testing.T) {
	t.Run("ErrUnknownFormat", func(t *testing.T) {
		_, err := export.New("xml", io.Discard, export.Options{})
		if got, want := model.ErrorCode(err), model.EINVALID; got != want {
			t.Fatalf("code %q, want %q (err %v)", got, want, err)
		}
		for _, f := range export.Formats {
			if !strings.Contains(err.Error(), f) {
				t.Errorf("error %q does not list %s", err, f)
			}
		}
	})
	t.Run("EveryFormat", func(t *testing.T) {
		for _, f := range export.Formats {
			if export.ContentType(f) == "" || !strings.HasPrefix(export.FileExt(f), ".") {
				t.Errorf("%s: content type %q, extension %q", f, export.ContentType(f), export.FileExt(f))
			}
		}
	})
	t.Run("ErrSpanOutOfRange", func(t *testing.T) {
		d := export.Doc{Article: model.Article{ID: 7, Text: "short"}, Project: project,
			Annotations: []model.Annotation{{ID: 3, Start: 2, End: 9, Label: "QUOTE"}}}
		for _, f := range export.Formats {
			enc, _ := export.New(f, io.Discard, export.Options{})
			err := enc.Encode(d)
			if got, want := model.ErrorCode(err), model.EINVALID; got != want {
				t.Errorf("%s: code %q, want %q (err %v)", f, got, want, err)
			}
			if err2 := enc.Encode(seedDocs(t)[1]); err2 == nil {
				t.Errorf("%s: Encode after an error succeeded", f)
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		want := map[string]string{
			"jsonl": "", "doccano": "", "spacy": "", "conll": "",
			"labelstudio": "[]\n", "claimreview": "[]\n",
			"csv": "article_id,title,start,end,label,text,attrs,author,layer\n",
			"w3c": `{"@context":["http://www.w3.org/ns/anno.jsonld",{"@version":1.1,"gloss":"https://github.com/gloss-dev/gloss#","gloss:meta":{"@type":"@json"}}],"type":"AnnotationCollection","label":"gloss export","first":{"type":"AnnotationPage","startIndex":0,"items":[]},"total":0}` + "\n",
		}
		for _, f := range export.Formats {
			out := encode(t, f, export.Options{})
			if f == "brat" {
				if files := untar(t, out); len(files) != 1 {
					t.Errorf("brat: empty archive holds %d files, want annotation.conf alone", len(files))
				}
				continue
			}
			if got := string(out); got != want[f] {
				t.Errorf("%s: empty export %q, want %q", f, got, want[f])
			}
		}
	})
}

// TestCSVFormulas: cells a spreadsheet would run as formulas are defused,
// and UnCell gives the text back.
func TestCSVFormulas(t *testing.T) {
	text := "=HYPERLINK(\"http://x\") +1 -2 @SUM(A1) plain"
	var buf bytes.Buffer
	enc, _ := export.New("csv", &buf, export.Options{})
	doc := export.Doc{Article: model.Article{ID: 1, Title: "=cmd|' /C calc'!A0", Text: text, Length: len(text)},
		Annotations: []model.Annotation{{Start: 0, End: 22, Label: "CLAIM", Author: "@ana"}, {Start: 23, End: 25, Label: "CLAIM"}}}
	doc.Project = model.Project{Labels: model.DefaultLabels()}
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	enc.Close()
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		for i, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %d %q would run as a formula", i, c)
			}
		}
	}
	if got := export.UnCell(rows[1][5]); got != "=HYPERLINK(\"http://x\")" {
		t.Errorf("UnCell = %q", got)
	}
}
