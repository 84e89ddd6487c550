package htmltext

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestParse(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Site | Headline</title>
<meta property="og:title" content="Headline">
<link rel="canonical" href="https://www.example.org/news/1">
<meta property="article:published_time" content="2023-03-17T10:00:00Z">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>
<article class="article-body"><h1>Headline   here</h1>
<p>First &amp; foremost,
   “quoted”&nbsp;text.</p><p>Line one<br>Line two<br><br>Line three
<p>Unclosed paragraph <a href="/x">with a link</a>
<noscript>Enable JavaScript</noscript><template><p>hidden</p></template>
<!-- a comment -->
</article><footer>© 2023 Example</footer></body></html>`
	p, err := Parse(strings.NewReader(page), "x.html")
	if err != nil {
		t.Fatal(err)
	}
	want := "Home\n\nWorld\n\nHeadline here\n\nFirst & foremost, “quoted”\u00a0text.\n\nLine one\nLine two\nLine three\n\nUnclosed paragraph with a link\n\n© 2023 Example"
	if p.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", p.Text, want)
	}
	if p.Title != "Headline" || p.URL != "https://www.example.org/news/1" || p.Site != "example.org" || p.Published != "2023-03-17T10:00:00Z" || p.Encoding != "utf-8" {
		t.Errorf("meta: %+v", p)
	}
	rs := []rune(p.Text)
	for _, b := range p.Blocks {
		if strings.Contains(string(rs[b.Start:b.End]), "\n") {
			t.Errorf("block %+v holds a line break", b)
		}
	}
	nav := p.Blocks[0]
	if nav.Tag != "li" || nav.Path != "body>nav.menu>ul>li" || nav.LinkDensity() != 1 || nav.Index != 0 {
		t.Errorf("nav block: %+v", nav)
	}
	h := p.Blocks[2]
	if h.Heading != 1 || string(rs[h.Start:h.End]) != "Headline here" || h.Path != "body>article.article-body>h1" {
		t.Errorf("heading block: %+v", h)
	}
	last := p.Blocks[len(p.Blocks)-2]
	if last.Links != len([]rune("with a link")) {
		t.Errorf("link chars of %q: %d", string(rs[last.Start:last.End]), last.Links)
	}
}

func TestEncodings(t *testing.T) {
	latin, _ := charmap.Windows1252.NewEncoder().String(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>Café „Zürich“ – 5 €</p></body></html>`)
	for name, tc := range map[string]struct {
		data, text, enc string
	}{
		"declared windows-1252":     {latin, "Café „Zürich“ – 5 €", "windows-1252"},
		"BOM without a declaration": {"\xef\xbb\xbf<html><body><p>Привет, «мир»</p></body></html>", "Привет, «мир»", "utf-8"},
		"undeclared UTF-8":          {"<p>Señora «sí»</p>", "Señora «sí»", "utf-8"},
		"undeclared Latin-1 bytes":  {"<p>Se\xf1ora</p>", "Señora", "windows-1252"},
		"meta charset":              {"<meta charset=\"iso-8859-1\"><p>gar\xe7on</p>", "garçon", "windows-1252"},
	} {
		p, err := Parse(strings.NewReader(tc.data), "site/page.html")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Text != tc.text || p.Encoding != tc.enc {
			t.Errorf("%s: %q from %s, want %q from %s", name, p.Text, p.Encoding, tc.text, tc.enc)
		}
		if p.Site != "site" {
			t.Errorf("%s: site %q, want the folder", name, p.Site)
		}
	}
}

func TestRefusals(t *testing.T) {
	for name, data := range map[string]string{
		"no visible text": `<html><head><title>T</title><script>x()</script></head><body>  <!-- --> </body></html>`,
		"too large":       "<p>" + strings.Repeat("a", MaxBytes) + "</p>",
	} {
		if _, err := Parse(strings.NewReader(data), "p.html"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A <br> that ends a block or starts one separates nothing.
	p, err := Parse(strings.NewReader("<div>one<br></div><p><br>two</p><p>three<br>four<br></p><td>five"), "p.html")
	if err != nil || p.Text != "one\n\ntwo\n\nthree\nfour\n\nfive" {
		t.Errorf("<br> at block edges: %q %v", p.Text, err)
	}
	// Broken HTML still gives its text.
	p, err = Parse(strings.NewReader("<div><p>one<div>two</span></b><li>three"), "p.html")
	if err != nil || p.Text != "one\n\ntwo\n\nthree" {
		t.Errorf("broken HTML: %q %v", p.Text, err)
	}
}

func TestLooks(t *testing.T) {
	for data, want := range map[string]bool{
		"<!DOCTYPE html><html>": true, "\xef\xbb\xbf  <html lang=en>": true, "<HEAD>": true,
		"<!-- saved --><html>": true, "plain text <p>": false, `{"id":1}`: false, "<p>only a fragment</p>": false,
	} {
		if got := Looks([]byte(data)); got != want {
			t.Errorf("Looks(%q) = %v", data, got)
		}
	}
}
