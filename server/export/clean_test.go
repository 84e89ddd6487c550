package export_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

func TestClean(t *testing.T) {
	// Spans are written "LABEL start end"; BP is BOILERPLATE.
	tests := []struct {
		name  string
		text  string
		spans []string
		want  string
		kept  []string // surviving spans, "LABEL start end text"
	}{
		{"NoBoilerplate", "Hello world", []string{"QUOTE 0 5"}, "Hello world", []string{"QUOTE 0 5 Hello"}},
		{"CutTail", "News. Read more", []string{"BP 5 15", "CLAIM 0 4"}, "News.", []string{"CLAIM 0 4 News"}},
		{"CutHeadShiftsSpans", "AD: Buy! Real news", []string{"BP 0 9", "CLAIM 9 13"}, "Real news", []string{"CLAIM 0 4 Real"}},
		{"SpanWhollyInsideCutDropped", "keep CUT keep", []string{"BP 4 9", "QUOTE 5 8"}, "keepkeep", nil},
		{"SpanEqualToCutDropped", "keep CUT keep", []string{"BP 4 9", "QUOTE 4 9"}, "keepkeep", nil},
		{"PartialOverlapLeftClipped", "one two three", []string{"BP 0 4", "QUOTE 2 7"}, "two three", []string{"QUOTE 0 3 two"}},
		{"PartialOverlapRightClipped", "one two three", []string{"BP 7 13", "QUOTE 4 10"}, "one two", []string{"QUOTE 4 7 two"}},
		{"CutInsideSpanShrinks", "a bc XX de f", []string{"BP 5 8", "CLAIM 2 10"}, "a bc de f", []string{"CLAIM 2 7 bc de"}},
		{"OverlappingCutsMerged", "0123456789", []string{"BP 2 5", "BP 4 7", "SPEAKER 1 9"}, "01789", []string{"SPEAKER 1 4 178"}},
		{"TouchingCutsMerged", "0123456789", []string{"BP 2 4", "BP 4 6", "SPEAKER 0 10"}, "016789", []string{"SPEAKER 0 6 016789"}},
		{"NestedCuts", "0123456789", []string{"BP 1 8", "BP 2 3", "QUOTE 0 10"}, "089", []string{"QUOTE 0 3 089"}},
		{"EmojiAndCJK", "👍🏽 广告 习近平会见普京", []string{"BP 0 6", "CLAIM 6 13", "SPEAKER 6 9"}, "习近平会见普京", []string{"CLAIM 0 7 习近平会见普京", "SPEAKER 0 3 习近平"}},
		{"ZWJSequenceCut", "a 👩\u200d👩\u200d👧 b", []string{"BP 2 7", "QUOTE 0 9"}, "a  b", []string{"QUOTE 0 4 a  b"}},
		{"WholeTextCut", "all ads", []string{"BP 0 7", "QUOTE 0 3"}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := export.Doc{Article: model.Article{ID: 1, Text: tt.text, Length: len([]rune(tt.text))}, Project: project}
			for i, s := range tt.spans {
				var label string
				var start, end int
				if _, err := fmt.Sscanf(s, "%s %d %d", &label, &start, &end); err != nil {
					t.Fatal(err)
				}
				if label == "BP" {
					label = export.Boilerplate
				}
				d.Annotations = append(d.Annotations, model.Annotation{ID: uint64(i + 1), Start: start, End: end, Label: label,
					Text: string([]rune(tt.text)[start:end])})
			}
			before := fmt.Sprint(d.Annotations)
			got := export.Clean(d)
			if fmt.Sprint(d.Annotations) != before || d.Article.Text != tt.text {
				t.Error("Clean modified its input")
			}
			if got.Article.Text != tt.want {
				t.Errorf("text %q, want %q", got.Article.Text, tt.want)
			}
			if got, want := got.Article.Length, len([]rune(tt.want)); got != want {
				t.Errorf("length %d, want %d", got, want)
			}
			var kept []string
			for _, a := range got.Annotations {
				if a.Text != string([]rune(got.Article.Text)[a.Start:a.End]) {
					t.Errorf("span %d text %q is not text[%d:%d]", a.ID, a.Text, a.Start, a.End)
				}
				kept = append(kept, fmt.Sprintf("%s %d %d %s", a.Label, a.Start, a.End, a.Text))
			}
			if got, want := strings.Join(kept, "|"), strings.Join(tt.kept, "|"); got != want {
				t.Errorf("spans\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestCleanSeed(t *testing.T) {
	d := export.Clean(seedDocs(t)[0])
	if strings.Contains(d.Article.Text, "South Africa Latest News") || !strings.HasSuffix(d.Article.Text, "Xinhua News Agency.\n") {
		t.Errorf("clean text ends %q", d.Article.Text[len(d.Article.Text)-60:])
	}
	for _, a := range d.Annotations {
		if a.Label == export.Boilerplate || strings.HasPrefix(a.Text, "Putin travelled to Crimea") {
			t.Errorf("span %d (%s %q) should have been cut", a.ID, a.Label, a.Text)
		}
	}
}
