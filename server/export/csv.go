package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// csvHeader is the first row of the csv format. The layer column is there
// in every export, so that one sheet reads like another: a gold-only
// export fills it with "gold".
var csvHeader = []string{"article_id", "title", "start", "end", "label", "text", "attrs", "author", "layer"}

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
		e.cw.Write([]string{id, cell(d.Article.Title), strconv.Itoa(a.Start), strconv.Itoa(a.End), a.Label, cell(a.Text), cell(string(js)), cell(a.Author), cell(layerName(a))})
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

// cell defuses a value a spreadsheet would run as a formula (OWASP's
// "CSV injection"): one that begins with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets hide and which
// makes the cell text. Scraped text is attacker-controlled: a span
// "=HYPERLINK(...)" must not become a link in a reviewer's sheet.
// Programs that need the exact text read jsonl; UnCell undoes this.
//
// A value that begins with an apostrophe gets one too, so that UnCell
// can always take exactly one off.
func cell(s string) string {
	if s != "" && strings.ContainsRune(defused, rune(s[0])) {
		return "'" + s
	}
	return s
}

// defused lists the first characters cell prefixes.
const defused = "=+-@\t\r'"

// UnCell returns the value a csv cell was made from (see cell).
func UnCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(defused, rune(s[1])) {
		return s[1:]
	}
	return s
}
