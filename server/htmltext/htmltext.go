// Package htmltext turns a saved web page into the text gloss annotates:
// the page's whole visible text, not only its main text, since the point
// of annotating news pages is to mark what is not article (issue 11).
//
// The text is one line per block element (p, div, li, h1, td, …), a blank
// line between blocks, and a line break for each <br> inside a block;
// whitespace inside a line is collapsed to one space (non-breaking spaces
// are kept: French quotes stand on them); entities are decoded; script,
// style, noscript, template and everything in <head> are dropped. The
// page's declared encoding (BOM, <meta charset>, <meta http-equiv>) is
// decoded to UTF-8, or guessed (UTF-8 when the bytes are, else
// windows-1252) when it declares none.
//
// Beside the text, each line keeps its block's structure (Block): its
// tag path, heading level, how much of it is link text, its position.
// The suggestion detectors read them; offsets are code points.
package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Page is what a saved web page gives gloss.
type Page struct {
	Title     string
	URL       string // canonical, else og:url
	Published string // as the page gives it (article:published_time, <time datetime>, …)
	Site      string // the URL's host, when the page names a URL
	Text      string
	Blocks    []Block
	Encoding  string // the encoding the page was decoded from
}

// Block is one line of the text and where it came from.
type Block struct {
	Start, End int    // code points of Text, end exclusive
	Tag        string // the block element ("p", "li", "h2", …)
	Path       string // tag path from <body>, with classes and ids: "body>div.nav>ul>li"
	Heading    int    // 1-6 inside a heading, else 0
	Links      int    // code points of the line inside <a>
	Index      int    // the line's position among the page's lines
}

// LinkDensity is the share of the block's text that is link text.
func (b Block) LinkDensity() float64 {
	if b.End <= b.Start {
		return 0
	}
	return float64(b.Links) / float64(b.End-b.Start)
}

// ErrTooLarge is the error of a page over MaxBytes, or of a text over
// MaxText.
var ErrTooLarge = errors.New("too large")

// Limits of a page, checked before the work they bound.
const (
	MaxBytes = 32 << 20 // a saved page, as read
	MaxText  = 16 << 20 // its text (storage.MaxTextBytes)
)

// Looks reports whether data is an HTML page by its start: a doctype, or
// an <html>, <head> or <body> tag, after a BOM and whitespace.
func Looks(data []byte) bool {
	s := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	s = bytes.TrimLeft(s[:min(len(s), 1024)], " \t\r\n")
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--"} {
		if len(s) >= len(p) && strings.EqualFold(string(s[:len(p)]), p) {
			return p != "<!--" || bytes.Contains(bytes.ToLower(data[:min(len(data), 4096)]), []byte("<html"))
		}
	}
	return false
}

// Parse reads a page. name is the file's name, for the site when the page
// names no URL (its folder). An error says what is wrong: too large, no
// visible text, an encoding it cannot decode.
func Parse(r io.Reader, name string) (Page, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return Page{}, fmt.Errorf("read the page: %w", err)
	}
	if len(raw) > MaxBytes {
		return Page{}, fmt.Errorf("the page is over %d MiB: %w", MaxBytes>>20, ErrTooLarge)
	}
	enc, encName, _ := charset.DetermineEncoding(raw, "text/html")
	if utf8.Valid(raw) && !declares(raw) {
		encName = "utf-8" // no declaration: a page that is valid UTF-8 is UTF-8
	} else if encName != "utf-8" {
		if raw, err = enc.NewDecoder().Bytes(raw); err != nil {
			return Page{}, fmt.Errorf("decode the page from %s: %w", encName, err)
		}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return Page{}, fmt.Errorf("parse the page: %w", err)
	}
	w := walker{}
	w.meta(doc)
	w.walk(doc, nil)
	w.flush(false)
	if strings.TrimSpace(w.text.String()) == "" {
		return Page{}, fmt.Errorf("the page has no visible text")
	}
	if w.text.Len() > MaxText {
		return Page{}, fmt.Errorf("the page's text is %d bytes; at most %d: %w", w.text.Len(), MaxText, ErrTooLarge)
	}
	p := Page{Title: w.title, URL: w.url, Published: w.published, Text: w.text.String(), Blocks: w.blocks, Encoding: encName}
	if p.Title == "" {
		p.Title = w.h1
	}
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		p.Site = strings.TrimPrefix(u.Host, "www.")
	} else {
		p.URL = ""
		// No URL: the folder the page was saved in, as people keep a
		// site's pages together ("bellow/page-1.html" is bellow's), so
		// that they share what was learned on each other.
		slashed := strings.ReplaceAll(name, "\\", "/")
		if dir := path.Base(path.Dir(slashed)); dir != "." && dir != "/" && dir != ".." {
			p.Site = dir
		}
	}
	return p, nil
}

// declares reports whether the page names its encoding (a BOM or a meta
// in its first 1024 bytes), so that a declaration wins over the guess.
func declares(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(raw, []byte("\xfe\xff")) || bytes.HasPrefix(raw, []byte("\xff\xfe")) {
		return true
	}
	head := bytes.ToLower(raw[:min(len(raw), 1024)])
	return bytes.Contains(head, []byte("charset"))
}

// walker builds the text and the blocks in one pass over the tree.
type walker struct {
	text   strings.Builder
	n      int // code points in text
	line   strings.Builder
	space  bool // a space is owed before the next word of the line
	links  int  // code points of the line inside <a>
	inLink int
	// lastLink: the line's last word was link text.
	lastLink bool
	// The block the current line belongs to.
	tag, path string
	heading   int
	blocks    []Block
	brk       bool // the next line follows a <br>: one line break, not a blank line
	// blockHasLine: the current block has a line already (a <br> then
	// separates lines of one block).
	blockHasLine bool

	title, url, published, h1 string
}

var skip = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Select: true}

var block = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true, atom.Caption: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.Option: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true,
}

var headings = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

func (w *walker) walk(n *html.Node, path []string) {
	switch n.Type {
	case html.TextNode:
		w.words(n.Data)
		return
	case html.ElementNode:
		if skip[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br {
			w.flush(true)
			return
		}
	case html.DocumentNode:
	default:
		return // comments, doctype
	}
	isBlock := n.Type == html.ElementNode && block[n.DataAtom]
	if n.Type == html.ElementNode && n.DataAtom != atom.Html {
		path = append(path, step(n))
	}
	if isBlock {
		w.flush(false)
	}
	tag, blockPath, heading := w.tag, w.path, w.heading
	if isBlock {
		w.tag, w.path = n.Data, strings.Join(path, ">")
		if h, ok := headings[n.DataAtom]; ok {
			w.heading = h
		}
	}
	if n.DataAtom == atom.A {
		w.inLink++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, path)
	}
	if n.DataAtom == atom.A {
		w.inLink--
	}
	if isBlock {
		w.flush(false)
		w.tag, w.path, w.heading = tag, blockPath, heading
	}
}

// step names an element in a path: its tag, then its id and classes.
func step(n *html.Node) string {
	s := n.Data
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			if v := strings.TrimSpace(a.Val); v != "" {
				s += "#" + v
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				s += "." + c
			}
		}
	}
	return s
}

// words adds text to the line, collapsing ASCII whitespace and dropping
// other control characters, which a browser does not show either.
func (w *walker) words(s string) {
	if strings.IndexFunc(s, isControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return -1
			}
			return r
		}, s)
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\n\r\f")
		word := s
		if i >= 0 {
			word = s[:i]
		}
		if word != "" {
			if w.space && w.line.Len() > 0 {
				w.line.WriteByte(' ')
				if w.inLink > 0 && w.lastLink {
					w.links++ // a space between two words of links
				}
			}
			w.lastLink = w.inLink > 0
			w.space = false
			w.line.WriteString(word)
			if w.inLink > 0 {
				w.links += utf8.RuneCountInString(word)
			}
		}
		if i < 0 {
			return
		}
		w.space = true
		s = s[i+1:]
	}
}

// flush ends the current line; br says a <br> ended it (else a block
// boundary did). Lines a <br> separates within one block are joined by a
// line break, lines of different blocks by a blank line.
func (w *walker) flush(br bool) {
	line := w.line.String()
	w.line.Reset()
	w.space = false
	links := w.links
	w.links = 0
	if line == "" {
		switch {
		case !br:
			w.brk, w.blockHasLine = false, false // a block boundary
		case w.blockHasLine:
			w.brk = true // <br> after a line of this block
		}
		return
	}
	if len(w.blocks) > 0 {
		if w.brk {
			w.text.WriteString("\n")
			w.n++
		} else {
			w.text.WriteString("\n\n")
			w.n += 2
		}
	}
	w.brk, w.blockHasLine = br, br
	start := w.n
	w.text.WriteString(line)
	w.n += utf8.RuneCountInString(line)
	w.blocks = append(w.blocks, Block{Start: start, End: w.n, Tag: w.tag, Path: w.path, Heading: w.heading, Links: min(links, w.n-start), Index: len(w.blocks)})
	if w.heading == 1 && w.h1 == "" {
		w.h1 = line
	}
}

// meta reads the title, URL and publication date from <head> (and the
// first <time datetime> of the body).
func (w *walker) meta(n *html.Node) {
	var title, ogTitle, canonical, ogURL, published, timeAttr string
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = collapse(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title":
					ogTitle = collapse(content)
				case "og:url":
					ogURL = content
				case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date":
					if published == "" {
						published = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if timeAttr == "" {
					timeAttr = strings.TrimSpace(attr(n, "datetime"))
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	w.title = first(ogTitle, title)
	w.url = first(canonical, ogURL)
	w.published = first(published, timeAttr)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func first(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func collapse(s string) string { return strings.Join(strings.FieldsFunc(s, isSpace), " ") }

// isControl is a C0 or C1 control character or DEL, whitespace aside.
func isControl(r rune) bool { return (r < 0x20 || r >= 0x7f && r < 0xa0) && !isSpace(r) }

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }
