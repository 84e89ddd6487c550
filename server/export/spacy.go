package export

import (
	"github.com/gloss-dev/gloss/storage/model"
	"io"
	"sort"
)

type spacyLine struct {
	Text      string          `json:"text"`
	Tokens    []spacyToken    `json:"tokens"`
	Spans     []spacySpan     `json:"spans"`
	Relations []spacyRelation `json:"relations,omitempty"`
	Meta      spacyMeta       `json:"meta"`
}

// spacyRelation is a relation as Prodigy's rel recipes write it: head and
// child are the last tokens of the head and child spans, which follow in
// full but for the layer.
type spacyRelation struct {
	Head      int         `json:"head"`
	Child     int         `json:"child"`
	HeadSpan  spacyRelEnd `json:"head_span"`
	ChildSpan spacyRelEnd `json:"child_span"`
	Label     string      `json:"label"`
	Layer     string      `json:"layer,omitempty"` // both ends' layer; "" in a gold-only export
}

type spacyRelEnd struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`
	Label      string `json:"label"`
}

type spacyToken struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    int    `json:"id"`
	WS    bool   `json:"ws"`
}

type spacySpan struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Label      string `json:"label"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`       // inclusive, as Prodigy writes it
	Layer      string `json:"layer,omitempty"` // "" in a gold-only export
}

type spacyMeta struct {
	ID     uint64 `json:"id"`
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
}

type spacyEncoder struct{ jw *jsonWriter }

func newSpacy(w io.Writer, _ Options) Encoder { return &spacyEncoder{newJSONWriter(w)} }

func (e *spacyEncoder) Encode(d Doc) error {
	ri, anns, err := prepare(d)
	if err != nil {
		return e.jw.fail(err)
	}
	toks := tokenize([]rune(d.Article.Text))
	art := d.Article
	line := spacyLine{
		Text:   art.Text,
		Tokens: make([]spacyToken, len(toks)),
		Spans:  make([]spacySpan, 0, len(anns)),
		Meta:   spacyMeta{ID: art.ID, Title: art.Title, Source: art.Source, URL: art.URL},
	}
	for i, t := range toks {
		line.Tokens[i] = spacyToken{Text: ri.Slice(t.start, t.end), Start: t.start, End: t.end, ID: i, WS: t.ws}
	}
	written := make([]int, len(anns)) // each span's index in line.Spans, or -1
	for i, a := range anns {
		written[i] = -1
		first, last, ok := coveringTokens(toks, a.Start, a.End)
		if !ok {
			continue // whitespace only: no token to point at
		}
		written[i] = len(line.Spans)
		line.Spans = append(line.Spans, spacySpan{Start: a.Start, End: a.End, Label: a.Label, TokenStart: first, TokenEnd: last, Layer: a.Layer})
	}
	for _, l := range links(d.Relations, anns) {
		if written[l.from] < 0 || written[l.to] < 0 {
			continue // an end left out: a relation needs both
		}
		h, c := line.Spans[written[l.from]], line.Spans[written[l.to]]
		line.Relations = append(line.Relations, spacyRelation{Head: h.TokenEnd, Child: c.TokenEnd,
			HeadSpan:  spacyRelEnd{h.Start, h.End, h.TokenStart, h.TokenEnd, h.Label},
			ChildSpan: spacyRelEnd{c.Start, c.End, c.TokenStart, c.TokenEnd, c.Label},
			Label:     l.Type, Layer: l.Layer})
	}
	return e.jw.line(line)
}

func (e *spacyEncoder) Close() error { return e.jw.err }

// Misaligned returns the spans of d whose start or end falls inside a
// token of the spacy export's tokenizer: spaCy's Doc.char_span returns
// None for them, so a pipeline that trusts token_start and token_end
// would train on a span the annotator did not draw. A span over
// whitespace only is left out of the export, and not counted here.
func Misaligned(d Doc) []model.Annotation {
	_, anns, err := prepare(d)
	if err != nil {
		return nil
	}
	toks := tokenize([]rune(d.Article.Text))
	var out []model.Annotation
	for _, a := range anns {
		first, last, ok := coveringTokens(toks, a.Start, a.End)
		if ok && (toks[first].start != a.Start || toks[last].end != a.End) {
			out = append(out, a)
		}
	}
	return out
}

// coveringTokens returns the first and last (inclusive) of the tokens that
// overlap [start, end), and false when none does.
func coveringTokens(toks []token, start, end int) (first, last int, ok bool) {
	first = sort.Search(len(toks), func(i int) bool { return toks[i].end > start })
	last = sort.Search(len(toks), func(i int) bool { return toks[i].start >= end }) - 1
	return first, last, first <= last
}
