package importer

import (
	"strings"
	"testing"
)

// TestHTML: a saved page is detected by name or content and read as one
// article with its title, canonical URL, site, date and blocks; a page
// without text is refused.
func TestHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ledger | Port fined</title>
<meta property="og:title" content="Port fined"><link rel="canonical" href="https://www.ledger.example/news/port">
<meta property="article:published_time" content="2024-03-12T09:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><h1>Port fined</h1><p>The court fined the port 2.4 million euros.</p></body></html>`
	for _, name := range []string{"port.html", "port.HTM", "saved-page"} {
		format, err := Detect(name, []byte(page))
		if err != nil || format != "html" {
			t.Errorf("Detect(%s) = %q, %v", name, format, err)
		}
	}
	var recs []Record
	err := Decode("html", "site/port.html", strings.NewReader(page), func(r Record) error { recs = append(recs, r); return nil })
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	a := recs[0].Article
	if a.Title != "Port fined" || a.URL != "https://www.ledger.example/news/port" || a.Source != "ledger.example" ||
		a.Published != "2024-03-12T09:00:00Z" || a.Text != "Home\n\nPort fined\n\nThe court fined the port 2.4 million euros." || a.Length != len([]rune(a.Text)) {
		t.Errorf("article %+v", a)
	}
	if len(recs[0].Blocks) != 3 || recs[0].Blocks[1].Heading != 1 {
		t.Errorf("blocks %+v", recs[0].Blocks)
	}
	err = Decode("html", "empty.html", strings.NewReader("<html><body><script>x()</script></body></html>"), func(Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "empty.html: the page has no visible text") {
		t.Errorf("empty page: %v", err)
	}
}

// TestHTMLSiteWithoutURL: a page that names no site is its folder's, so
// that a folder of one site's pages learns together; without a folder it
// is the file's.
func TestHTMLSiteWithoutURL(t *testing.T) {
	page := `<html><head><title>Port fined</title></head><body><p>The court fined the port.</p></body></html>`
	for name, want := range map[string]string{
		"bellow/port.html":          "bellow",
		"pages/bellow/port.html":    "bellow",
		`pages\bellow\port.html`:    "bellow",
		"port.html":                 "port.html",
		"/port.html":                "port.html",
		"../port.html":              "port.html",
		"saved pages/Ledger/x.html": "Ledger",
	} {
		var got string
		err := Decode("html", name, strings.NewReader(page), func(r Record) error { got = r.Article.Source; return nil })
		if err != nil || got != want {
			t.Errorf("%s: site %q, %v; want %q", name, got, err, want)
		}
	}
}
