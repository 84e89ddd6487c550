package export_test

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

// outSpan is a span as read back from an export.
type outSpan struct {
	start, end int
	label      string
	text       string // the text the format carries with the span
	hasText    bool
}

// outDoc is an article as read back from an export.
type outDoc struct {
	id    uint64
	text  string
	spans []outSpan
}

// TestSpanText is the offsets property: for every format that carries
// offsets, on the seed documents and on generated hostile ones, every
// exported span's text equals text[start:end] in code points, and the
// spans are exactly the input's.
func TestSpanText(t *testing.T) {
	docs := seedDocs(t)
	for i := range 300 {
		docs = append(docs, genDoc(uint64(1000+i), 1+i%90, i%25))
	}
	parsers := map[string]func(testing.TB, []byte, []export.Doc) []outDoc{
		"jsonl": parseJSONL, "doccano": parseDoccano, "labelstudio": parseLabelStudio, "spacy": parseSpacy,
		"w3c": parseW3C, "brat": parseBrat, "csv": parseCSV,
	}
	for _, format := range export.Formats {
		parse, ok := parsers[format]
		if !ok {
			continue // conll and claimreview carry no offsets
		}
		for _, clean := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/clean=%v", format, clean), func(t *testing.T) {
				in := docs
				if clean {
					in = make([]export.Doc, len(docs))
					for i, d := range docs {
						in[i] = export.Clean(d)
					}
				}
				out := parse(t, encode(t, format, export.Options{Clean: clean}, docs...), in)
				if format == "w3c" { // articles without spans are not in a w3c export
					in = slices.DeleteFunc(slices.Clone(in), func(d export.Doc) bool { return len(d.Annotations) == 0 })
				}
				if got, want := len(out), len(in); got != want {
					t.Fatalf("%d documents read back, want %d", got, want)
				}
				for i, d := range in {
					checkDoc(t, format, d, out[i])
				}
			})
		}
	}
}

func checkDoc(t *testing.T, format string, d export.Doc, got outDoc) {
	t.Helper()
	rs := []rune(d.Article.Text)
	if got.id != d.Article.ID || got.text != d.Article.Text {
		t.Fatalf("article %d read back as article %d with text %q", d.Article.ID, got.id, clip(got.text))
	}
	want := sorted(d.Annotations)
	if format == "spacy" { // spans over whitespace only have no token
		want = slices.DeleteFunc(want, func(a model.Annotation) bool {
			return strings.TrimFunc(string(rs[a.Start:a.End]), unicode.IsSpace) == ""
		})
	}
	if len(got.spans) != len(want) {
		t.Fatalf("article %d: %d spans read back, want %d", d.Article.ID, len(got.spans), len(want))
	}
	for i, s := range got.spans {
		a := want[i]
		if s.start != a.Start || s.end != a.End || s.label != a.Label {
			t.Fatalf("article %d: span %d is %s [%d,%d), want %s [%d,%d)", d.Article.ID, i, s.label, s.start, s.end, a.Label, a.Start, a.End)
		}
		if s.hasText && s.text != string(rs[s.start:s.end]) {
			t.Fatalf("article %d: span %d [%d,%d) text %q, want text[start:end] = %q", d.Article.ID, i, s.start, s.end, s.text, string(rs[s.start:s.end]))
		}
	}
}

func sorted(anns []model.Annotation) []model.Annotation {
	anns = slices.Clone(anns)
	slices.SortStableFunc(anns, func(a, b model.Annotation) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	return anns
}

func lines(t testing.TB, data []byte, fn func(line []byte)) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func unmarshal(t testing.TB, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%v in %s", err, clip(string(data)))
	}
}

func parseJSONL(t testing.TB, data []byte, _ []export.Doc) []outDoc {
	var out []outDoc
	lines(t, data, func(l []byte) {
		var v struct {
			ID          uint64 `json:"id"`
			Text        string `json:"text"`
			Length      int    `json:"length"`
			Annotations []struct {
				Start, End  int
				Label, Text string
			} `json:"annotations"`
		}
		unmarshal(t, l, &v)
		d := outDoc{id: v.ID, text: v.Text}
		for _, a := range v.Annotations {
			d.spans = append(d.spans, outSpan{a.Start, a.End, a.Label, a.Text, true})
		}
		out = append(out, d)
	})
	return out
}

func parseDoccano(t testing.TB, data []byte, _ []export.Doc) []outDoc {
	var out []outDoc
	lines(t, data, func(l []byte) {
		var v struct {
			ID    uint64          `json:"id"`
			Text  string          `json:"text"`
			Label [][]json.Number `json:"-"`
			Raw   [][3]any        `json:"label"`
		}
		unmarshal(t, l, &v)
		d := outDoc{id: v.ID, text: v.Text}
		for _, e := range v.Raw {
			d.spans = append(d.spans, outSpan{start: int(e[0].(float64)), end: int(e[1].(float64)), label: e[2].(string)})
		}
		out = append(out, d)
	})
	return out
}

func parseLabelStudio(t testing.TB, data []byte, _ []export.Doc) []outDoc {
	var tasks []struct {
		ID   uint64 `json:"id"`
		Data struct {
			Text string `json:"text"`
		} `json:"data"`
		Annotations []struct {
			Result []struct {
				ID    string `json:"id"`
				Type  string `json:"type"`
				Value struct {
					Start, End int
					Text       any
					Labels     []string
				} `json:"value"`
			} `json:"result"`
		} `json:"annotations"`
	}
	unmarshal(t, data, &tasks)
	var out []outDoc
	for _, task := range tasks {
		d := outDoc{id: task.ID, text: task.Data.Text}
		regions := map[string][2]int{}
		for _, r := range task.Annotations[0].Result {
			if r.Type == "labels" {
				d.spans = append(d.spans, outSpan{r.Value.Start, r.Value.End, r.Value.Labels[0], r.Value.Text.(string), true})
				regions[r.ID] = [2]int{r.Value.Start, r.Value.End}
			} else if regions[r.ID] != [2]int{r.Value.Start, r.Value.End} {
				t.Fatalf("task %d: %s result of region %s at [%d,%d), not at its span", task.ID, r.Type, r.ID, r.Value.Start, r.Value.End)
			}
		}
		out = append(out, d)
	}
	return out
}

func parseSpacy(t testing.TB, data []byte, _ []export.Doc) []outDoc {
	var out []outDoc
	lines(t, data, func(l []byte) {
		var v struct {
			Text   string `json:"text"`
			Tokens []struct {
				Text       string
				Start, End int
				ID         int
			} `json:"tokens"`
			Spans []struct {
				Start, End int
				Label      string
				TokenStart int `json:"token_start"`
				TokenEnd   int `json:"token_end"`
			} `json:"spans"`
			Meta struct{ ID uint64 } `json:"meta"`
		}
		unmarshal(t, l, &v)
		rs := []rune(v.Text)
		for i, tok := range v.Tokens {
			if tok.ID != i || tok.Text != string(rs[tok.Start:tok.End]) {
				t.Fatalf("article %d: token %d %q is not text[%d:%d]", v.Meta.ID, i, tok.Text, tok.Start, tok.End)
			}
		}
		d := outDoc{id: v.Meta.ID, text: v.Text}
		for _, s := range v.Spans {
			first, last := v.Tokens[s.TokenStart], v.Tokens[s.TokenEnd]
			if first.End <= s.Start || last.Start >= s.End || (s.TokenStart > 0 && v.Tokens[s.TokenStart-1].End > s.Start) ||
				(s.TokenEnd+1 < len(v.Tokens) && v.Tokens[s.TokenEnd+1].Start < s.End) {
				t.Fatalf("article %d: span [%d,%d) points at tokens %d..%d", v.Meta.ID, s.Start, s.End, s.TokenStart, s.TokenEnd)
			}
			d.spans = append(d.spans, outSpan{start: s.Start, end: s.End, label: s.Label})
		}
		out = append(out, d)
	})
	return out
}

func parseW3C(t testing.TB, data []byte, in []export.Doc) []outDoc {
	in = slices.DeleteFunc(slices.Clone(in), func(d export.Doc) bool { return len(d.Annotations) == 0 })
	var coll struct {
		Context []any  `json:"@context"`
		Type    string `json:"type"`
		First   struct {
			Items []struct {
				Motivation string `json:"motivation"`
				Body       []struct {
					Purpose, Value string
				} `json:"body"`
				Target json.RawMessage `json:"target"`
			} `json:"items"`
		} `json:"first"`
		Total int `json:"total"`
	}
	unmarshal(t, data, &coll)
	if len(coll.Context) != 2 || coll.Context[0] != export.W3CContext || coll.Type != "AnnotationCollection" || coll.Total != len(coll.First.Items) {
		t.Fatalf("collection: context %v type %q total %d of %d items", coll.Context, coll.Type, coll.Total, len(coll.First.Items))
	}
	var out []outDoc
	for _, raw := range coll.First.Items {
		if raw.Motivation == "linking" {
			continue // a relation: TestRelations
		}
		it := struct {
			Body   []struct{ Purpose, Value string }
			Target struct {
				Source   json.RawMessage   `json:"source"`
				Selector []json.RawMessage `json:"selector"`
			}
		}{Body: raw.Body}
		unmarshal(t, raw.Target, &it.Target)
		var src struct {
			ID   string `json:"id"`
			Text string `json:"gloss:text"`
		}
		if it.Target.Source[0] == '{' {
			unmarshal(t, it.Target.Source, &src)
			out = append(out, outDoc{id: in[len(out)].Article.ID, text: src.Text})
		}
		d := &out[len(out)-1]
		rs := []rune(d.text)
		var pos struct{ Start, End int }
		var quote struct{ Exact, Prefix, Suffix string }
		unmarshal(t, it.Target.Selector[0], &pos)
		unmarshal(t, it.Target.Selector[1], &quote)
		if quote.Prefix != string(rs[max(0, pos.Start-32):pos.Start]) || quote.Suffix != string(rs[pos.End:min(len(rs), pos.End+32)]) {
			t.Fatalf("article %d: [%d,%d) prefix %q suffix %q", d.id, pos.Start, pos.End, quote.Prefix, quote.Suffix)
		}
		d.spans = append(d.spans, outSpan{pos.Start, pos.End, it.Body[0].Value, quote.Exact, true})
	}
	return out
}

func parseBrat(t testing.TB, data []byte, in []export.Doc) []outDoc {
	files := untar(t, data)
	var out []outDoc
	for _, d := range in {
		name := fmt.Sprintf("%08d", d.Article.ID)
		od := outDoc{id: d.Article.ID, text: string(files[name+".txt"])}
		rs := []rune(od.text)
		want := sorted(d.Annotations)
		for _, l := range strings.Split(strings.TrimSuffix(string(files[name+".ann"]), "\n"), "\n") {
			if !strings.HasPrefix(l, "T") {
				continue
			}
			f := strings.SplitN(l, "\t", 3) // as brat reads it: the text may hold tabs
			if len(f) != 3 {
				t.Fatalf("%s.ann: line %q has %d fields", name, l, len(f))
			}
			label, locs, _ := strings.Cut(f[1], " ")
			var texts []string
			var inside strings.Builder
			start, end := -1, -1
			for _, loc := range strings.Split(locs, ";") {
				var s, e int
				if _, err := fmt.Sscanf(loc, "%d %d", &s, &e); err != nil {
					t.Fatalf("%s.ann: %q: %v", name, l, err)
				}
				texts = append(texts, string(rs[s:e]))
				inside.WriteString(string(rs[s:e]))
				if start < 0 {
					start = s
				}
				end = e
			}
			// The fragments lie in the span and hold all of it but its
			// line breaks: recover the span from the input it stands for.
			a := want[len(od.spans)]
			all := string(rs[a.Start:a.End])
			noBreaks := strings.NewReplacer("\n", "", "\r", "").Replace(all)
			if start < a.Start || end > a.End || (inside.String() != noBreaks && inside.String() != all) {
				t.Fatalf("%s.ann: %q does not cover %q", name, l, all)
			}
			joined := strings.NewReplacer("\n", " ", "\r", " ").Replace(strings.Join(texts, " "))
			if f[2] != joined {
				t.Fatalf("%s.ann: text column %q, want %q", name, f[2], joined)
			}
			od.spans = append(od.spans, outSpan{start: a.Start, end: a.End, label: label})
		}
		out = append(out, od)
	}
	return out
}

func parseCSV(t testing.TB, data []byte, in []export.Doc) []outDoc {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[uint64]*outDoc{}
	var out []outDoc
	for _, d := range in {
		out = append(out, outDoc{id: d.Article.ID, text: d.Article.Text})
	}
	for i := range out {
		byID[out[i].id] = &out[i]
	}
	for _, r := range rows[1:] {
		id, _ := strconv.ParseUint(r[0], 10, 64)
		s, _ := strconv.Atoi(r[2])
		e, _ := strconv.Atoi(r[3])
		var attrs map[string]string
		unmarshal(t, []byte(export.UnCell(r[6])), &attrs)
		byID[id].spans = append(byID[id].spans, outSpan{s, e, r[4], export.UnCell(r[5]), true})
	}
	return out
}
