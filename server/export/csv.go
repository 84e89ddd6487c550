package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
)

// csvHeader is the first row of the csv format.
var csvHeader = []string{"article_id", "title", "start", "end", "label", "text", "attrs", "author"}

type csvEncoder struct {
	cw     *csv.Writer
	header bool
	err    error
}

func newCSV(w io.Writer, _ Options) Encoder { return &csvEncoder{cw: csv.NewWriter(w)} }

func (e *csvEncoder) Encode(d Doc) error {
	if e.err != nil {
		return e.err
	}
	_, anns, err := prepare(d)
	if err != nil {
		e.err = err
		return err
	}
	if !e.header {
		e.header = true
		e.cw.Write(csvHeader)
	}
	id := strconv.FormatUint(d.Article.ID, 10)
	for _, a := range anns {
		attrs := a.Attrs
		if attrs == nil {
			attrs = map[string]string{}
		}
		js, err := json.Marshal(attrs)
		if err != nil {
			e.err = err
			return err
		}
		e.cw.Write([]string{id, d.Article.Title, strconv.Itoa(a.Start), strconv.Itoa(a.End), a.Label, a.Text, string(js), a.Author})
	}
	e.cw.Flush()
	e.err = e.cw.Error()
	return e.err
}

// Close writes the header row when no document came, so that the file is
// still a valid, empty table.
func (e *csvEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	if !e.header {
		e.header = true
		e.cw.Write(csvHeader)
		e.cw.Flush()
		e.err = e.cw.Error()
	}
	return e.err
}
