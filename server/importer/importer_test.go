package importer_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/importer"
	"github.com/gloss-dev/gloss/storage/model"
)

func TestDetect(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b[:min(len(b), 4096)])
	}
	tests := []struct {
		name, filename, head, want string
	}{
		{"Txt", "article.txt", "Chinese leader Xi Jinping", "txt"},
		{"TxtStartingWithBrace", "notes.txt", `{"text": "x"}`, "txt"},
		{"TxtNoExtension", "README", "Plain words\n", "txt"},
		{"GlossJSONL", "export.jsonl", read("../../testdata/export/jsonl.jsonl"), "jsonl"},
		{"GlossJSONLCutEarly", "export.jsonl", `{"id":1,"project":1,"title":"Xi to me`, "jsonl"},
		{"Doccano", "export.jsonl", read("../../testdata/export/doccano.jsonl"), "doccano"},
		{"DoccanoOld", "data.jsonl", read("../../testdata/import/doccano-v1.jsonl"), "doccano"},
		{"DoccanoTextOnly", "data.ndjson", `{"text": "hello"}`, "doccano"},
		{"LabelStudio", "export.json", read("../../testdata/export/labelstudio.json"), "labelstudio"},
		{"LabelStudioIndented", "tasks.json", read("../../testdata/import/labelstudio-predictions.json"), "labelstudio"},
		{"W3C", "export.jsonld", read("../../testdata/export/w3c.jsonld"), "w3c"},
		{"W3CArray", "notes.json", read("../../testdata/import/w3c-array.jsonld"), "w3c"},
		{"JSONWithoutExtension", "download", `[{"data":{"text":"x"}}]`, "labelstudio"},
		{"BOM", "export.jsonl", "\uFEFF" + `{"text":"x","label":[]}`, "doccano"},
		{"ErrUnknownJSON", "data.json", `{"rows": []}`, ""},
		{"ErrBinary", "image.png", "\x89PNG\r\n\x1a\n\x00\x00", ""},
		{"ErrNotJSON", "data.json", "hello", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := importer.Detect(tt.filename, []byte(tt.head))
			if tt.want == "" {
				if model.ErrorCode(err) != model.EINVALID {
					t.Fatalf("Detect = %q, %v; want an EINVALID error", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	longLine := strings.Repeat("word ", 30) + "\nbody"
	tests := []struct {
		name, format, filename, input string
		want                          string // the records, summarised
		err                           string // the error message, when one is wanted
	}{
		{"TxtBOMAndCRLF", "txt", "crlf-bom.txt", read("../../testdata/import/crlf-bom.txt"),
			`"Xi meets Putin in Moscow" src=crlf-bom.txt len=104 text="Xi meets Putin in Moscow\n\nChinese leader Xi Jinping arrived in Moscow on Monday.\nThe talks 😀 began.\nEnd\n"`, ""},
		{"TxtTitleCut", "txt", "a.txt", longLine,
			`"word word word word word word word word word word word word word word word word word word word…" src=a.txt len=155 text="` + strings.Repeat("word ", 30) + `\nbody"`, ""},
		{"ErrTxtNotUTF8", "txt", "latin1.txt", read("../../testdata/import/latin1.txt"), "",
			"latin1.txt: not UTF-8 text (invalid byte at offset 6)"},
		{"ErrTxtEmpty", "txt", "empty.txt", " \n\n", "", "empty.txt: the article has no text"},
		{"DoccanoOld", "doccano", "d.jsonl", read("../../testdata/import/doccano-v1.jsonl"),
			`"Xi met Putin in Moscow. 习近平会见普京。" src=d.jsonl meta=map[lang:en] SPEAKER[0,2)"Xi" SPEAKER[7,12)"Putin" CLAIM[24,31)"习近平会见普京"` + "\n" +
				`"Moon" src=d.jsonl pub=2023-04-01 meta=map[source_id:17] CLAIM[0,28)"The moon is made of cheese 🧀"`, ""},
		{"ErrDoccanoClassification", "doccano", "d.jsonl", `{"text":"good film","label":["positive"]}`, "",
			`d.jsonl:1: label entry 1 is "positive", not [start, end, label] (text classification labels are not spans)`},
		{"LabelStudioPredictions", "labelstudio", "ls.json", read("../../testdata/import/labelstudio-predictions.json"),
			`"“Peace,” Xi wrote. Putin agreed 👍🏽." src=ls.json meta=map[headline:Xi and Putin] QUOTE[0,8)"“Peace,”"{speaker=Xi Jinping} CLAIM[19,32)"Putin agreed "{verdict=true} SPEAKER[32,34)"👍🏽"` + "\n" +
				`"Second task." src=ls.json CLAIM[0,6)"Second"@maria@example.com`, ""},
		{"W3CArrayQuoteOnly", "w3c", "w.jsonld", read("../../testdata/import/w3c-array.jsonld"),
			`"Xi said peace. Xi said war." src=w.jsonld QUOTE[23,26)"war" SPEAKER[15,17)"Xi"@li.wei`, ""},
		{"W3CQuoteOverridesWrongPosition", "w3c", "w.json",
			`[{"body":{"purpose":"tagging","value":"Q"},"target":{"source":{"id":"a","gloss:text":"ab ab cd"},"selector":[{"type":"TextPositionSelector","start":0,"end":2},{"type":"TextQuoteSelector","exact":"cd"}]}}]`,
			`"ab ab cd" src=w.json Q[6,8)"cd"`, ""},
		{"ErrW3CTextMissing", "w3c", "w.json",
			`[{"body":{"purpose":"tagging","value":"Q"},"target":{"source":"https://example.com/x","selector":{"type":"TextPositionSelector","start":0,"end":2}}}]`, "",
			`w.json:1: the annotation targets "https://example.com/x", whose text is not in the file (gloss imports w3c files that embed the text, as its w3c export does)`},
		{"ErrW3CFirstNotEmbedded", "w3c", "w.json",
			`{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":"https://example.com/page1"}`, "",
			`w.json:1: the collection's first page is not embedded, so its annotations are not in the file`},
		{"ErrJSONLBadJSONLine3", "jsonl", "g.jsonl", `{"text":"a b","annotations":[]}` + "\n" + `{"text":"c","annotations":[]}` + "\n" + `{"text": oops}` + "\n", "",
			"g.jsonl:3: invalid JSON: invalid character 'o' looking for beginning of value"},
		{"ErrJSONLTruncated", "jsonl", "g.jsonl", `{"text":"a b","annotations":[]}` + "\n" + `{"text":"c","annot`, "",
			"g.jsonl:2: unexpected end of file in the JSON"},
		{"ErrJSONLSpanOutOfRange", "jsonl", "g.jsonl", "\n" + `{"text":"short","annotations":[{"start":2,"end":9,"label":"QUOTE"}]}`, "",
			"g.jsonl:2: annotation 1: span [2, 9) is out of range: the text has 5 code points"},
		{"ErrJSONLStartNotBeforeEnd", "jsonl", "g.jsonl", `{"text":"short","annotations":[{"start":3,"end":3,"label":"QUOTE"}]}`, "",
			"g.jsonl:1: annotation 1: start must be less than end (start 3, end 3)"},
		{"ErrJSONLWrongType", "jsonl", "g.jsonl", `{"text":"short","annotations":[{"start":"3","end":4,"label":"QUOTE"}]}`, "",
			`g.jsonl:1: "annotations.start" must be a number, not string`},
		{"ErrJSONLNoLabel", "jsonl", "g.jsonl", `{"text":"short","annotations":[{"start":1,"end":4}]}`, "",
			"g.jsonl:1: annotation 1 [1, 4) has no label"},
		{"ErrLabelStudioNoText", "labelstudio", "ls.json", "[\n" + `{"data":{"html":"<p>x</p>"}}` + "\n]", "",
			`ls.json:2: a Label Studio task needs its text in data.text`},
		{"ErrLabelStudioTrailingData", "labelstudio", "ls.json", `[{"data":{"text":"x"}}] {}`, "",
			`ls.json:1: unexpected data after the end of the JSON`},
		{"ErrUnknownFormat", "xml", "a.xml", "<a/>", "", `unknown import format "xml" (known: txt, html, jsonl, doccano, labelstudio, w3c)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := decodeAll(tt.format, tt.filename, []byte(tt.input))
			if tt.err != "" {
				if model.ErrorCode(err) == model.EINTERNAL || err == nil || err.Error() != tt.err {
					t.Fatalf("err %v (code %q)\nwant %s", err, model.ErrorCode(err), tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, summary(r))
			}
			if got, want := strings.Join(got, "\n"), tt.want; got != want {
				t.Errorf("records\n got %s\nwant %s", got, want)
			}
		})
	}
}

// summary renders a record for comparison; text is shown for txt only.
func summary(r importer.Record) string {
	a := r.Article
	var b strings.Builder
	b.WriteString(`"` + a.Title + `" src=` + a.Source)
	if a.Published != "" {
		b.WriteString(" pub=" + a.Published)
	}
	if len(a.Meta) > 0 {
		b.WriteString(" meta=" + strings.NewReplacer(`"`, "").Replace(fmtMeta(a.Meta)))
	}
	if len(r.Annotations) == 0 {
		b.WriteString(" len=" + itoa(a.Length) + " text=" + quote(a.Text))
	}
	for _, s := range r.Annotations {
		b.WriteString(" " + s.Label + "[" + itoa(s.Start) + "," + itoa(s.End) + ")" + quote(s.Text))
		if len(s.Attrs) > 0 {
			var kv []string
			for k, v := range s.Attrs {
				kv = append(kv, k+"="+v)
			}
			b.WriteString("{" + strings.Join(kv, ",") + "}")
		}
		if s.Author != "" {
			b.WriteString("@" + s.Author)
		}
	}
	return b.String()
}

func TestDecodeStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := importer.Decode("doccano", "d.jsonl", strings.NewReader(`{"text":"a"}`+"\n"+`{"text":"b"}`), func(importer.Record) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Fatalf("Decode = %v after %d calls, want the callback's error after 1", err, n)
	}
}

func TestTitle(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"FirstLine", "\n\n  Headline here  \nbody", "Headline here"},
		{"Exactly100", strings.Repeat("x", 100), strings.Repeat("x", 100)},
		{"NoSpaces", strings.Repeat("习", 150), strings.Repeat("习", 99) + "…"},
		{"WordBoundary", strings.Repeat("abcdefghi ", 12), "abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi…"},
		{"Empty", "  \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importer.Title(tt.text); got != tt.want {
				t.Errorf("Title = %q, want %q", got, tt.want)
			}
			if n := len([]rune(importer.Title(tt.text))); n > importer.MaxTitle {
				t.Errorf("title has %d code points", n)
			}
		})
	}
}

// TestMaxSpans: a record with more spans than an article may hold is
// refused before it is decoded, in every format that carries spans.
func TestMaxSpans(t *testing.T) {
	text := strings.Repeat("Putin met Xi. ", 100)
	var ls, native, doccano, docArrays, w3c strings.Builder
	ls.WriteString(`[{"data":{"text":` + quoteJSON(text) + `},"annotations":[{"result":[`)
	native.WriteString(`{"text":` + quoteJSON(text) + `,"annotations":[`)
	doccano.WriteString(`{"text":` + quoteJSON(text) + `,"entities":[`)
	docArrays.WriteString(`{"text":` + quoteJSON(text) + `,"label":[`)
	w3c.WriteString(`[`)
	for i := range 11 {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&ls, `%s{"id":"r%d","from_name":"label","to_name":"text","type":"labels","value":{"start":%d,"end":%d,"labels":["CLAIM"]}}`, sep, i, i, i+3)
		fmt.Fprintf(&native, `%s{"start":%d,"end":%d,"label":"CLAIM"}`, sep, i, i+3)
		fmt.Fprintf(&doccano, `%s{"start_offset":%d,"end_offset":%d,"label":"CLAIM"}`, sep, i, i+3)
		fmt.Fprintf(&docArrays, `%s[%d,%d,"CLAIM"]`, sep, i, i+3)
		source := `"urn:a"` // the text is embedded once, by the first
		if i == 0 {
			source = `{"id":"urn:a","gloss:text":` + quoteJSON(text) + `}`
		}
		fmt.Fprintf(&w3c, `%s{"type":"Annotation","body":{"type":"TextualBody","purpose":"tagging","value":"CLAIM"},"target":{"source":%s,"selector":{"type":"TextPositionSelector","start":%d,"end":%d}}}`, sep, source, i, i+3)
	}
	ls.WriteString(`]}]}]`)
	native.WriteString(`]}`)
	doccano.WriteString(`]}`)
	docArrays.WriteString(`]}`)
	w3c.WriteString(`]`)
	for _, tc := range []struct{ format, data string }{
		{"labelstudio", ls.String()}, {"jsonl", native.String()}, {"doccano", doccano.String()}, {"doccano", docArrays.String()}, {"w3c", w3c.String()},
	} {
		t.Run(tc.format, func(t *testing.T) {
			err := importer.DecodeWith(tc.format, "f", strings.NewReader(tc.data), importer.Options{MaxSpans: 10}, func(importer.Record) error { return nil })
			if model.ErrorCode(err) != model.ETOOLARGE {
				t.Errorf("11 spans with a bound of 10: %v", err)
			}
			var n int
			err = importer.DecodeWith(tc.format, "f", strings.NewReader(tc.data), importer.Options{MaxSpans: 11}, func(r importer.Record) error { n += len(r.Annotations); return nil })
			if err != nil || n != 11 {
				t.Errorf("11 spans with a bound of 11: %d, %v", n, err)
			}
		})
	}
}

func quoteJSON(s string) string { b, _ := json.Marshal(s); return string(b) }
