package suggest

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/gloss-dev/gloss/server/htmltext"
)

const page = `<html><head><title>Daily Ledger</title></head><body>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience. <a href="/privacy">Privacy policy</a></p><button>Accept all</button></div>
<article class="story"><h1>Court fines port operator over spill</h1>
<p class="byline">By Ana Reyes · 12 March 2024</p>
<p>A regional court on Tuesday fined the port operator 2.4 million euros for an oil spill that closed three beaches last summer, the prosecutor's office said.</p>
<p>The operator said it would appeal the ruling, which it called disproportionate, and that it had already paid for the clean-up of the affected coastline.</p>
<p>Environmental groups welcomed the decision but said the fine was small compared with the company's annual profit of 310 million euros.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Port strike ends after two weeks</a></li><li><a href="/b">Beaches reopen after clean-up</a></li></ul></aside>
<div class="newsletter"><p>Subscribe to our newsletter</p></div>
<footer><p>© 2024 Daily Ledger. All rights reserved.</p><p><a href="/terms">Terms of use</a> · <a href="/privacy">Privacy</a></p></footer>
</body></html>`

func parsePage(t *testing.T, html string) htmltext.Page {
	t.Helper()
	p, err := htmltext.Parse(strings.NewReader(html), "ledger/page.html")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// covered returns the text the suggestions of label cover, line by line.
func covered(text string, ss []Suggestion) []string {
	rs := []rune(text)
	var out []string
	for _, s := range ss {
		for _, l := range strings.Split(string(rs[s.Start:s.End]), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

func TestBoilerplatePage(t *testing.T) {
	p := parsePage(t, page)
	ss := Boilerplate(Input{Text: p.Text, Blocks: p.Blocks, Site: "ledger"}, nil)
	got := strings.Join(covered(p.Text, ss), "|")
	for _, want := range []string{"Home", "Politics", "Sport", "We use cookies", "Related", "Port strike ends", "Subscribe to our newsletter", "© 2024 Daily Ledger", "Terms of use"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q not proposed; proposed: %s", want, got)
		}
	}
	for _, not := range []string{"Court fines port operator", "A regional court", "The operator said", "Environmental groups"} {
		if strings.Contains(got, not) {
			t.Errorf("article text %q proposed as boilerplate: %s", not, got)
		}
	}
	for _, s := range ss {
		if s.Score < boilerThreshold || s.Score > 1 || s.Detector == "" || len(s.Features) == 0 {
			t.Errorf("suggestion %+v", s)
		}
	}
}

// TestBoilerplateSiteMemory: a line taught on one page of a site comes
// back at 0.99 on another; a rejected one never comes back.
func TestBoilerplateSiteMemory(t *testing.T) {
	text := "Shares rose 3% on Monday after the central bank held rates, the exchange said in a statement on its website.\n\nTop stories today from our newsroom in Lisbon and Porto and beyond\n\nBonds fell as investors moved into equities, and the euro rose 0.4% against the dollar, traders in Frankfurt said."
	mem := NewSiteMemory("ledger")
	before := Boilerplate(Input{Text: text}, mem)
	for _, s := range covered(text, before) {
		if strings.HasPrefix(s, "Top stories") {
			t.Fatalf("the test needs a line the detector misses: %v", covered(text, before))
		}
	}
	// Another page of the site had the line labelled, with another date.
	other := "Top stories today from our newsroom in Lisbon and Porto and beyond"
	mem.LearnPage(LabelledPage{Text: other, Spans: []Span{{Label: "BOILERPLATE", Start: 0, End: len([]rune(other))}}})
	after := Boilerplate(Input{Text: text}, mem)
	found := false
	for _, s := range after {
		if strings.Contains(string([]rune(text)[s.Start:s.End]), "Top stories") && s.Score == 0.99 && s.Detector == "boilerplate.site" {
			found = true
		}
	}
	if !found {
		t.Errorf("the learned line was not proposed at 0.99: %+v", after)
	}
	mem.Decide("BOILERPLATE", other, false)
	mem.Decide("BOILERPLATE", other, false)
	for _, s := range Boilerplate(Input{Text: text}, mem) {
		if strings.Contains(string([]rune(text)[s.Start:s.End]), "Top stories") {
			t.Errorf("a line rejected on the site came back: %+v", s)
		}
	}
	if LineKey("  Updated 12 March 2024, 10:45  ") != "updated 00 march 0000, 00:00" {
		t.Errorf("LineKey: %q", LineKey("  Updated 12 March 2024, 10:45  "))
	}
}

// TestBoilerplateLearnedPromoInBody: a promo the site runs inside the
// body's paragraphs ("Heb jij een tip …?") is proposed once two of its
// pages had it as BOILERPLATE; one page's teaser does not make a body
// line chrome.
func TestBoilerplateLearnedPromoInBody(t *testing.T) {
	promo := "Heb jij een tip of een video voor de redactie? Stuur ’m via WhatsApp naar 06 - 12 34 56 78 of mail naar tips@omroep.example."
	page := func(body string) (htmltext.Page, []Span) {
		html := `<html><body><nav><a href="/">Home</a></nav><h1>Gemeente sluit zwembad</h1><div class="body"><p>` + body +
			`</p><p>` + promo + `</p><p>De gemeenteraad besloot dinsdagavond met 18 tegen 11 stemmen tot de sluiting van het bad, dat sinds 1974 open is.</p></div></body></html>`
		p, err := htmltext.Parse(strings.NewReader(html), "page.html")
		if err != nil {
			t.Fatal(err)
		}
		at := strings.Index(p.Text, promo)
		start := len([]rune(p.Text[:at]))
		return p, []Span{{Label: "BOILERPLATE", Start: start, End: start + len([]rune(promo))}}
	}
	proposed := func(p htmltext.Page, mem *SiteMemory) bool {
		for _, s := range Boilerplate(Input{Text: p.Text, Blocks: p.Blocks}, mem) {
			if strings.Contains(string([]rune(p.Text)[s.Start:s.End]), "Heb jij een tip") {
				return true
			}
		}
		return false
	}
	third, _ := page("Het zwembad in Wijkerveld gaat na de zomer dicht, omdat de renovatie 6,8 miljoen euro zou kosten, meldt de gemeente.")
	mem := NewSiteMemory("omroep")
	first, spans := page("De brandweer rukte maandag uit voor een brand in een loods aan de Dijkweg, waar niemand gewond raakte bij het vuur.")
	mem.LearnPage(LabelledPage{Text: first.Text, Blocks: first.Blocks, Spans: spans})
	if proposed(third, mem) {
		t.Fatalf("one page's label made a body line chrome")
	}
	second, spans := page("Op de A7 bij Breeberg stond dinsdagochtend een file van twaalf kilometer na een ongeluk met drie auto's, meldt de politie.")
	mem.LearnPage(LabelledPage{Text: second.Text, Blocks: second.Blocks, Spans: spans})
	if !proposed(third, mem) {
		t.Errorf("the promo labelled on two pages was not proposed on the third")
	}
}

// TestBoilerplateSeed: the seed article (plain text, no blocks) has its
// teaser lists and "Read more »" lines proposed and its body left alone.
func TestBoilerplateSeed(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	got := strings.Join(covered(text, Boilerplate(Input{Text: text}, nil)), "|")
	if !strings.Contains(got, "Read more »") {
		t.Errorf("no Read more » proposed: %s", got)
	}
	if strings.Contains(got, "International Criminal Court") && strings.Contains(got, "arrest warrant for Putin") {
		t.Logf("proposed: %s", got)
	}
}

func TestModelLearns(t *testing.T) {
	m := NewModel()
	good := Suggestion{Label: "CLAIM", Score: 0.6, Features: map[string]float64{"has_number": 1}}
	bad := Suggestion{Label: "CLAIM", Score: 0.6, Features: map[string]float64{"opinion_marker": 1}}
	for range 60 {
		m.Observe(good, true)
		m.Observe(bad, false)
	}
	ss := []Suggestion{good, bad}
	m.Rescore(ss)
	if !(ss[0].Score > 0.8 && ss[1].Score < 0.3) {
		t.Errorf("after 120 decisions: good %.3f, bad %.3f", ss[0].Score, ss[1].Score)
	}
	if top := m.Labels["CLAIM"].Explain(2); len(top) != 2 {
		t.Errorf("explain: %+v", top)
	}
}

// sitePage is a page of a made-up site whose template the base detector
// reads wrong both ways: a box of other articles' titles inside the
// article's own container (neutral class names, titles that read as
// sentences), and a standfirst of bullet points (short list items before
// the body, which look like chrome).
func sitePage(headline string, bullets, teasers, body []string) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>x</title></head><body class="node-` + fmt.Sprint(len(headline)) + `">
<nav class="top"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="kx-head"><h1>` + headline + `</h1><aside class="kx-sum"><ul class="kx-points">`)
	for _, s := range bullets {
		b.WriteString(`<li class="kx-point">` + s + `</li>`)
	}
	b.WriteString(`</ul></aside></div><article class="story"><div class="kx-text">`)
	for i, s := range body {
		b.WriteString(`<p>` + s + `</p>`)
		if i == 1 {
			b.WriteString(`<div class="kx-more">`)
			for _, t := range teasers {
				b.WriteString(`<p class="kx-item">` + t + `.</p>`)
			}
			b.WriteString(`</div>`)
		}
	}
	b.WriteString(`</div></article><footer><p>© 2026 Example Gazette. All rights reserved.</p></footer></body></html>`)
	return b.String()
}

// labelTemplate labels a site page whole: the nav, the teaser box and the
// footer are BOILERPLATE, the rest is article.
func labelTemplate(p htmltext.Page) LabelledPage {
	lp := LabelledPage{Text: p.Text, Blocks: p.Blocks, Complete: true}
	for _, b := range p.Blocks {
		if strings.Contains(b.Path, "nav") || strings.Contains(b.Path, "kx-more") || strings.Contains(b.Path, "footer") {
			lp.Spans = append(lp.Spans, Span{Label: "BOILERPLATE", Start: b.Start, End: b.End})
		}
	}
	return lp
}

// TestBoilerplateSiteTemplate: after two pages of a site labelled whole,
// the site's template is known by its block paths on a third page whose
// lines are all new: its teaser box (other titles) is proposed, its
// standfirst bullets are not.
func TestBoilerplateSiteTemplate(t *testing.T) {
	prose := func(topic string) []string {
		return []string{
			"The council of " + topic + " voted on Tuesday to close the old harbour bridge to lorries from next month, after engineers found cracks in two of its piers.",
			"Traders in " + topic + " said the closure would add half an hour to every delivery, and asked the council to pay for a temporary crossing while the bridge is repaired.",
			"The council said repairs would cost 4.2 million euros and take at least a year, and that it would apply to the regional government for help with the bill.",
			"A final decision on a new crossing in " + topic + " is expected in the autumn, when engineers will present a full report on the state of the bridge.",
		}
	}
	a := parsePage(t, sitePage("Bridge closed to lorries in Arden", []string{"Cracks found in two piers", "Closure from next month"},
		[]string{"Mayor of Arden opens new library in the old station", "Arden school wins national robotics prize"}, prose("Arden")))
	b := parsePage(t, sitePage("Ferry fares to rise in Belmont", []string{"Fares up by a fifth", "Operator blames fuel costs"},
		[]string{"Belmont hospital opens its new maternity ward", "Storm damages Belmont pier and seafront"}, prose("Belmont")))
	// The third page has an insert among its paragraphs, in their path,
	// which the first two did not have.
	c := parsePage(t, sitePage("Cyclists win lane on Corran quay", []string{"Lane opens in June", "Parking spaces to go"},
		[]string{"Corran bakery marks a hundred years of trading", "Police appeal after Corran shop break-in"},
		append(prose("Corran"), "Read more: Corran ferry timetable to change in May")))
	proposed := func(mem *SiteMemory) string {
		return strings.Join(covered(c.Text, Boilerplate(Input{Text: c.Text, Blocks: c.Blocks}, mem)), "|")
	}
	before := proposed(nil)
	if !strings.Contains(before, "Lane opens in June") || strings.Contains(before, "Corran bakery") {
		t.Fatalf("the test needs a page the detector gets wrong both ways; it proposed: %s", before)
	}
	mem := NewSiteMemory("gazette")
	mem.LearnPage(labelTemplate(a))
	mem.LearnPage(labelTemplate(b))
	after := proposed(mem)
	for _, want := range []string{"Corran bakery marks a hundred years", "Police appeal after Corran shop", "Home", "© 2026", "Read more: Corran ferry"} {
		if !strings.Contains(after, want) {
			t.Errorf("%q not proposed after learning; proposed: %s", want, after)
		}
	}
	for _, not := range []string{"Lane opens in June", "Parking spaces to go", "Cyclists win lane", "The council of Corran"} {
		if strings.Contains(after, not) {
			t.Errorf("article text %q proposed after learning: %s", not, after)
		}
	}

	// Pages labelled only in part teach their BOILERPLATE, not that the
	// rest is article.
	half := NewSiteMemory("gazette")
	for _, p := range []htmltext.Page{a, b} {
		lp := labelTemplate(p)
		lp.Complete = false
		half.LearnPage(lp)
	}
	got := proposed(half)
	if !strings.Contains(got, "Corran bakery") || !strings.Contains(got, "Lane opens in June") {
		t.Errorf("after learning half-done pages: %s", got)
	}
	// A rejected suggestion is article text on any page.
	for _, p := range []htmltext.Page{a, b} {
		lp := labelTemplate(p)
		lp.Complete = false
		for _, bl := range p.Blocks {
			if strings.Contains(bl.Path, "kx-point") {
				lp.Rejected = append(lp.Rejected, Span{Label: "BOILERPLATE", Start: bl.Start, End: bl.End})
			}
		}
		half.LearnPage(lp)
	}
	if got := proposed(half); strings.Contains(got, "Lane opens in June") {
		t.Errorf("bullets rejected on two pages still proposed: %s", got)
	}
}

// TestBoilerplateSiteShapes: a line whose dates and numbers change from
// page to page is known by its shape once two pages had it, on plain
// text too (no blocks).
func TestBoilerplateSiteShapes(t *testing.T) {
	body := "The regional court on Monday fined the port operator 2.4 million euros for an oil spill that closed three beaches last summer, prosecutors said."
	page := func(date string) string {
		return "Port operator fined for spill\n\n" + body + "\n\n" + date + "\n\n" + body + "\n\n" + body
	}
	c := page("Updated 30 September 2026, 17:20 | 12 comments")
	dateLine := func(mem *SiteMemory) *Suggestion {
		for _, s := range Boilerplate(Input{Text: c}, mem) {
			if strings.Contains(c[s.Start:s.End], "September") {
				return &s
			}
		}
		return nil
	}
	if s := dateLine(nil); s != nil {
		t.Fatalf("the test needs a line the detector misses: %+v", s)
	}
	mem := NewSiteMemory("gazette")
	for _, d := range []string{"Updated 12 March 2026, 10:45 | 3 comments", "Updated 2 May 2026, 08:05 | 5 comments"} {
		p := page(d)
		start := strings.Index(p, d)
		mem.LearnPage(LabelledPage{Text: p, Spans: []Span{{Label: "BOILERPLATE", Start: start, End: start + len(d)}}})
	}
	if hit := dateLine(mem); hit == nil || hit.Features["site_shape"] <= 0 {
		t.Errorf("the date line was not proposed by its shape: %+v", hit)
	}
	if got, want := shapeKeyForTest("Published 12 March 2026 | 3 min read"), shapeKeyForTest("published 2 may 2027 | 15 min read"); got != want {
		t.Errorf("shapes differ: %x %x", got, want)
	}
}

func shapeKeyForTest(s string) uint64 {
	var first uint64
	shapesOf(LineKey(s), func(h uint64, _ bool) {
		if first == 0 {
			first = h
		}
	})
	return first
}

func TestIsByline(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"By Gareth Lyle, Business Editor", true},
		{"By DARREN HOLT, CRIME CORRESPONDENT", true},
		{"Von Anna Müller", true},
		{"Por Lucía Mendoza", true},
		{"Door Sanne de Vries", true},
		{"Автор: Ольга Киселёва", true},
		{"Tekst: Joost Bakker", true},
		{"By signing up you agree to our privacy notice.", false},
		{"by the way", false},
		{"Bypass closed until Friday", false},
		{"Porto wins the cup", false},
	} {
		if got := isByline(tc.line); got != tc.want {
			t.Errorf("isByline(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestWithoutUtilities(t *testing.T) {
	for in, want := range map[string]string{
		"div.text-xs.text-gray-500":            "div",
		"p.md:text-lg.lead":                    "p.lead",
		"div.mx-auto.content-center":           "div.mx-auto",
		"div.article-text":                     "div.article-text",
		"div.text-block":                       "div.text-block",
		"section.story.text-white/80.text-2xl": "section.story",
	} {
		if got := withoutUtilities(in); got != want {
			t.Errorf("withoutUtilities(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBoilerplateMisses prints, for the labelled set in BOILER_SET, the
// BOILERPLATE lines missed and the article lines taken on each site's
// pages 3+ after learning from its pages 1-2 (a tool, skipped without it).
func TestBoilerplateMisses(t *testing.T) {
	dir := os.Getenv("BOILER_SET")
	if dir == "" {
		t.Skip("no BOILER_SET")
	}
	pages, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	bySite := map[string][]GoldPage{}
	for _, p := range pages {
		bySite[p.Site] = append(bySite[p.Site], p)
	}
	for site, ps := range bySite {
		if len(ps) < 3 {
			continue
		}
		mem := NewSiteMemory(site)
		for _, p := range ps[:2] {
			mem.LearnPage(Labelled(p))
		}
		for _, p := range ps[2:] {
			text := []rune(p.Page.Text)
			got := make([]bool, len(text))
			for _, s := range Boilerplate(InputOf(p), mem) {
				for i := s.Start; i < s.End; i++ {
					got[i] = true
				}
			}
			gold := make([]bool, len(text))
			for _, g := range p.Gold {
				if g.Label != "BOILERPLATE" {
					continue
				}
				miss := 0
				for i := g.Start; i < g.End; i++ {
					gold[i] = true
					if !got[i] {
						miss++
					}
				}
				if miss*2 > g.End-g.Start {
					fmt.Printf("%s FN %q\n", p.Name, string(text[g.Start:g.End]))
				}
			}
			start := 0
			for i := 0; i <= len(text); i++ {
				if i == len(text) || text[i] == '\n' {
					n, fp := 0, 0
					for k := start; k < i; k++ {
						if !unicode.IsSpace(text[k]) {
							n++
							if got[k] && !gold[k] {
								fp++
							}
						}
					}
					if n > 0 && fp*2 > n {
						fmt.Printf("%s FP %q\n", p.Name, string(text[start:i]))
					}
					start = i + 1
				}
			}
		}
	}
}
