package suggest

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"testing"
)

var dumpQuotes = flag.String("quotes.dump", "", "print the QUOTE suggestions for this text file")

func TestQuotesDump(t *testing.T) {
	if *dumpQuotes == "" {
		t.Skip("no -quotes.dump")
	}
	b, err := os.ReadFile(*dumpQuotes)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	r := []rune(text)
	for _, s := range Quotes(Input{Text: text}) {
		fmt.Printf("%.3f %-18s %q speaker=%q\n   %v\n", s.Score, s.Detector, string(r[s.Start:s.End]), s.Attrs["speaker"], s.Features)
	}
}

// TestQuotesSet scores Quotes on the labelled pages of testdata/suggest
// (precision, recall and speaker accuracy by language); -v prints them,
// QUOTES_V=1 every miss.
func TestQuotesSet(t *testing.T) {
	pages, err := LoadSet("../../testdata/suggest")
	if err != nil {
		t.Skip(err)
	}
	per := map[string]Score{}
	var all Score
	for _, p := range pages {
		got := Quotes(InputOf(p))
		s := ScoreSpans(p, got, "QUOTE")
		per[p.Lang] = per[p.Lang].Add(s)
		all = all.Add(s)
		if os.Getenv("QUOTES_V") != "" {
			text := []rune(p.Page.Text)
			fmt.Printf("== %s (%s) TP %d FP %d FN %d speaker %d\n", p.Name, p.Lang, s.TP, s.FP, s.FN, s.SpeakerRight)
			for _, g := range p.Gold {
				if g.Label == "QUOTE" {
					fmt.Printf("   gold %q | %q\n", string(text[g.Start:g.End]), g.Speaker)
				}
			}
			for _, g := range got {
				fmt.Printf("   got  %.2f %-16s %q | %q\n", g.Score, g.Detector, string(text[g.Start:g.End]), g.Attrs["speaker"])
			}
		}
	}
	langs := make([]string, 0, len(per))
	for l := range per {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range append(langs, "all") {
		s := per[l]
		if l == "all" {
			s = all
		}
		t.Logf("%-3s P %.3f R %.3f F1 %.3f speaker %.3f (TP %d FP %d FN %d)", l, s.P(), s.R(), s.F1(), s.SpeakerAccuracy(), s.TP, s.FP, s.FN)
	}
}
