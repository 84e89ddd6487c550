package suggest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/htmltext"
)

var dumpQuotes = flag.String("quotes.dump", "", "print the QUOTE suggestions for this text file")
var dumpLang = flag.String("quotes.lang", "", "the language of the -quotes.dump file")

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
	for _, s := range Quotes(Input{Text: text, Lang: *dumpLang}) {
		fmt.Printf("%.3f %-18s %q speaker=%q\n   %v\n", s.Score, s.Detector, string(r[s.Start:s.End]), s.Attrs["speaker"], s.Features)
	}
}

// TestQuotesSet scores Quotes on the labelled pages of testdata/suggest
// (precision, recall and speaker accuracy by language); -v prints them,
// QUOTES_V=1 every miss.
func TestQuotesSet(t *testing.T) {
	dir := "../../testdata/suggest"
	if d := os.Getenv("QUOTES_SET"); d != "" {
		dir = d // another labelled set, e.g. ../../testdata/suggest-heldout
	}
	pages, err := LoadSet(dir)
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
		if os.Getenv("QUOTES_V") == "ctx" {
			printSpeakerMisses(p, got)
		} else if os.Getenv("QUOTES_V") != "" {
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

// printSpeakerMisses prints, for each matched QUOTE of p whose speaker is
// wrong, the text around it, to read the attribution the detector missed.
func printSpeakerMisses(p GoldPage, got []Suggestion) {
	text := []rune(p.Page.Text)
	key := func(start, end int) string {
		return strings.TrimFunc(loosen(string(text[start:end])), func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r)
		})
	}
	gold := map[string][]GoldSpan{}
	for _, g := range p.Gold {
		if g.Label == "QUOTE" {
			gold[key(g.Start, g.End)] = append(gold[key(g.Start, g.End)], g)
		}
	}
	for _, s := range got {
		k := key(s.Start, s.End)
		gs := gold[k]
		if len(gs) == 0 {
			continue
		}
		gold[k] = gs[1:]
		if strings.EqualFold(gs[0].Speaker, s.Attrs["speaker"]) {
			continue
		}
		oneLine := func(a, b int) string { return strings.ReplaceAll(string(text[a:b]), "\n", "⏎") }
		fmt.Printf("== %s: got %q want %q (%s %v)\n   …%s⟦%s⟧%s…\n", p.Name, s.Attrs["speaker"], gs[0].Speaker, s.Detector, s.Features,
			oneLine(max(0, s.Start-400), s.Start), oneLine(s.Start, s.End), oneLine(s.End, min(len(text), s.End+150)))
	}
}

// quoteWant is an expected QUOTE: its words as they stand in the text
// (the nth occurrence, from 0), and its speaker ("" for none).
type quoteWant struct {
	text    string
	speaker string
	nth     int
}

// spanOf is the code point span of the nth occurrence of sub in text.
func spanOf(t *testing.T, text, sub string, nth int) (int, int) {
	t.Helper()
	from := 0
	for ; nth >= 0; nth-- {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q is not in the text", sub)
		}
		from += i
		if nth > 0 {
			from += len(sub)
		}
	}
	start := utf8.RuneCountInString(text[:from])
	return start, start + utf8.RuneCountInString(sub)
}

// checkQuotes compares Quotes(in) with want, exactly: the same spans, the
// same speakers, nothing else.
func checkQuotes(t *testing.T, in Input, want []quoteWant) {
	t.Helper()
	got := Quotes(in)
	r := []rune(in.Text)
	type span struct{ s, e int }
	gotBy := map[span]Suggestion{}
	for _, s := range got {
		if s.Label != "QUOTE" || s.Start < 0 || s.End > len(r) || s.Start >= s.End {
			t.Fatalf("bad suggestion %+v", s)
		}
		if s.Score < quoteMinScore || s.Score > 1 || !strings.HasPrefix(s.Detector, "quote.") || s.Features["len_words"] == 0 {
			t.Errorf("suggestion %q: score %v, detector %q, features %v", string(r[s.Start:s.End]), s.Score, s.Detector, s.Features)
		}
		gotBy[span{s.Start, s.End}] = s
	}
	for _, w := range want {
		s, e := spanOf(t, in.Text, w.text, w.nth)
		g, ok := gotBy[span{s, e}]
		if !ok {
			t.Errorf("missing QUOTE %q (speaker %q)", w.text, w.speaker)
			continue
		}
		delete(gotBy, span{s, e})
		if got, want := g.Attrs["speaker"], w.speaker; got != want {
			t.Errorf("QUOTE %q: speaker %q, want %q (%s, %v)", w.text, got, want, g.Detector, g.Features)
		}
		if _, ok := g.Attrs["speaker"]; !ok && g.Attrs != nil {
			t.Errorf("QUOTE %q: Attrs %v without a speaker", w.text, g.Attrs)
		}
	}
	for _, g := range gotBy {
		t.Errorf("unexpected QUOTE %q (speaker %q, score %.3f, %s, %v)", string(r[g.Start:g.End]), g.Attrs["speaker"], g.Score, g.Detector, g.Features)
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []quoteWant
	}{
		// English
		{"StraightSaidAfterName", "en", `"We will rebuild every house," Maria Lopez said on Monday.`,
			[]quoteWant{{text: "We will rebuild every house,", speaker: "Maria Lopez"}}},
		{"CurlyPronounAndSurname", "en", "Health Minister Maria Lopez visited the clinic on Monday. “It is a disgrace,” she said.\n\nLater Lopez added: “We will act before the winter.”",
			[]quoteWant{{text: "It is a disgrace,", speaker: "Maria Lopez"}, {text: "We will act before the winter.", speaker: "Maria Lopez"}}},
		{"SingleCurlyWithApostrophes", "en", "‘It’s the peninsula’s future, and we don’t give up,’ said Tom O’Neill, who runs the ferry.",
			[]quoteWant{{text: "It’s the peninsula’s future, and we don’t give up,", speaker: "Tom O’Neill"}}},
		{"SingleStraightWithApostrophes", "en", "Coach Dan Miller's players weren't happy. 'We can't keep losing like this,' he said.",
			[]quoteWant{{text: "We can't keep losing like this,", speaker: "Dan Miller"}}},
		{"PluralPossessiveInsideSingle", "en", "‘The parents’ cars were all gone,’ said Jo Hart.",
			[]quoteWant{{text: "The parents’ cars were all gone,", speaker: "Jo Hart"}}},
		{"PartialCalled", "en", `Senator John Reed criticised the deal. He called it "a historic mistake".`,
			[]quoteWant{{text: "a historic mistake", speaker: "John Reed"}}},
		{"AcrossSentences", "en", "“We waited for hours. Nobody came. Nobody called,” said resident Ann Cole.",
			[]quoteWant{{text: "We waited for hours. Nobody came. Nobody called,", speaker: "Ann Cole"}}},
		{"BrokenByAttribution", "en", `Judge Helen Park spoke after the hearing. "The ruling," she said, "changes nothing."`,
			[]quoteWant{{text: "The ruling,", speaker: "Helen Park"}, {text: "changes nothing.", speaker: "Helen Park"}}},
		{"ToldReuters", "en", "Maria Lopez runs the port. “Prices will rise,” Lopez told Reuters.",
			[]quoteWant{{text: "Prices will rise,", speaker: "Maria Lopez"}}},
		{"ToldTheBBC", "en", "“Nobody warned us,” farmer Jacob Mills told the BBC.",
			[]quoteWant{{text: "Nobody warned us,", speaker: "Jacob Mills"}}},
		{"AccordingTo", "en", "According to Wang Wei, “the talks have failed”.",
			[]quoteWant{{text: "the talks have failed", speaker: "Wang Wei"}}},
		{"VerbsAddedWarnedWrote", "en", "“The river will rise again,” Kate Moss warned. “Sandbags are not enough,” she added. “Move now,” Moss wrote on X.",
			[]quoteWant{{text: "The river will rise again,", speaker: "Kate Moss"}, {text: "Sandbags are not enough,", speaker: "Kate Moss"}, {text: "Move now,", speaker: "Kate Moss"}}},
		{"Apposition", "en", "“We are ready for anything,” Anna Berg, the minister of defence, said on Tuesday.",
			[]quoteWant{{text: "We are ready for anything,", speaker: "Anna Berg"}}},
		{"RoleToName", "en", "Foreign Minister Sergei Lavrov met his counterpart. “The door is open,” the minister said.",
			[]quoteWant{{text: "The door is open,", speaker: "Sergei Lavrov"}}},
		{"OrganisationFullName", "en", "The Ministry of Health confirmed two cases on Friday. “There is no cause for alarm,” the ministry said in a statement.",
			[]quoteWant{{text: "There is no cause for alarm,", speaker: "Ministry of Health"}}},
		{"OrganisationAsGiven", "en", "“There is no cause for alarm,” the ministry said in a statement.",
			[]quoteWant{{text: "There is no cause for alarm,", speaker: "the ministry"}}},
		{"AnonymousOfficial", "en", "“The deal is dead,” a senior official said on condition of anonymity.",
			[]quoteWant{{text: "The deal is dead,"}}},
		{"AnonymousSources", "en", "President Joe Ruiz left early. “He was furious,” sources said.",
			[]quoteWant{{text: "He was furious,"}}},
		{"FollowsItsSpeaker", "en", "“The carbon is in the mud,” said Helen Marsh, who led the study.\n\n“That is where everyone has been underestimating it.”",
			[]quoteWant{{text: "The carbon is in the mud,", speaker: "Helen Marsh"}, {text: "That is where everyone has been underestimating it.", speaker: "Helen Marsh"}}},
		{"SeveralParagraphs", "en", "“We will rebuild the school.\n\n“We will rebuild the library too,” said Mayor Ann Lee.",
			[]quoteWant{{text: "We will rebuild the school.", speaker: "Ann Lee"}, {text: "We will rebuild the library too,", speaker: "Ann Lee"}}},
		{"NotScareQuotes", "en", `The government's so-called "reforms" were withdrawn. Critics called them "cosmetic".`,
			[]quoteWant{{text: "cosmetic"}}},
		{"NotTitles", "en", `She starred in the film "The Last Day" and wrote the novel "A Quiet Sea" during Operation 'Iron Shield'.`,
			nil},
		{"NotNickname", "en", `Dwayne "The Rock" Johnson arrived late, known to fans as "the People's Champion".`,
			nil},
		{"NotHeadlinesInALinkList", "en", "Related stories\n“Mayor Quits After Budget Vote”\n“Floods Hit The Valley Again”\nRead more »",
			nil},
		{"UnbalancedDoesNotRunAway", "en", "He shouted \"stop and then ran away.\n\nThe next day nothing happened. Police said \"nothing was stolen.\"",
			[]quoteWant{{text: "nothing was stolen.", speaker: "Police"}}},
		{"StrayOpenerThenQuote", "en", "The “ticket was lost, they say. “We will win,” said Ann Lee.",
			[]quoteWant{{text: "We will win,", speaker: "Ann Lee"}}},
		{"NotTooLong", "en", "“One. Two. Three. Four. Five. Six. Seven,” he counted.",
			nil},
		{"TwoSpeakersInASentence", "en", "Xi Jinping met Vladimir Putin. Xi and Putin declared a “friendship without limits” in 2022.",
			[]quoteWant{{text: "friendship without limits", speaker: "Xi Jinping and Vladimir Putin"}}},

		{"InvalidUTF8", "en", "\xff\xfe Ann Lee spoke. \xc3 “We will win,” she said.",
			[]quoteWant{{text: "We will win,", speaker: "Ann Lee"}}},
		{"CodePointOffsets", "en", "👩‍👩‍👧 Zoé́ Martin 🇺🇦 paid in €. “Café ☕ is life, 新华社 too,” Martin said. 😀",
			[]quoteWant{{text: "Café ☕ is life, 新华社 too,", speaker: "Zoé́ Martin"}}},

		// German
		{"GermanLowHigh", "de", "„Das ist ein schwarzer Tag für die Region“, sagte Bürgermeisterin Anna Schmidt am Montag.",
			[]quoteWant{{text: "Das ist ein schwarzer Tag für die Region", speaker: "Anna Schmidt"}}},
		{"GermanColon", "de", "Anna Schmidt sagte: „Wir geben nicht auf.“",
			[]quoteWant{{text: "Wir geben nicht auf.", speaker: "Anna Schmidt"}}},
		{"GermanGuillemetsSo", "de", "Anna Schmidt ist Bürgermeisterin. »Wir werden klagen«, so Schmidt.",
			[]quoteWant{{text: "Wir werden klagen", speaker: "Anna Schmidt"}}},
		{"GermanLaut", "de", "Laut Innenminister Karl Weber ist die Lage „ernst, aber beherrschbar“.",
			[]quoteWant{{text: "ernst, aber beherrschbar", speaker: "Karl Weber"}}},
		{"GermanPronoun", "de", "Karl Weber kam spät. „Die Reform kommt zu spät“, erklärte er.",
			[]quoteWant{{text: "Die Reform kommt zu spät", speaker: "Karl Weber"}}},
		{"GermanAnonymous", "de", "Ein Gemeinderat, der anonym bleiben wollte, sagte: „Das war beschlossene Sache.“",
			[]quoteWant{{text: "Das war beschlossene Sache."}}},
		{"GermanNotQuotes", "de", "Der sogenannte „Deutschlandtakt“ kommt später. Die Operation „Eiserner Schild“ endete. Das sagte er der „Bild“-Zeitung.",
			nil},

		// French
		{"FrenchNoBreakSpaces", "fr", "«\u00a0Nous ne céderons pas\u00a0», a déclaré le ministre de l’Intérieur, Gérald Martin.",
			[]quoteWant{{text: "Nous ne céderons pas", speaker: "Gérald Martin"}}},
		{"FrenchNarrowNoBreakSpaces", "fr", "Marie Dubois est maire. «\u202fC’est inacceptable\u202f», affirme-t-elle.",
			[]quoteWant{{text: "C’est inacceptable", speaker: "Marie Dubois"}}},
		{"FrenchSelon", "fr", "Selon Marie Dubois, « la situation est grave ».",
			[]quoteWant{{text: "la situation est grave", speaker: "Marie Dubois"}}},
		{"FrenchIncise", "fr", "Le juge Paul Girard a parlé. « La décision, a-t-il déclaré, ne change rien. »",
			[]quoteWant{{text: "La décision", speaker: "Paul Girard"}, {text: "ne change rien.", speaker: "Paul Girard"}}},
		{"FrenchNotTitles", "fr", "Le film « La Dernière Nuit » a marqué l’opération « Barkhane ».",
			nil},

		// Spanish
		{"SpanishGuillemets", "es", "«No vamos a rendirnos», dijo el presidente Pedro Ramírez.",
			[]quoteWant{{text: "No vamos a rendirnos", speaker: "Pedro Ramírez"}}},
		{"SpanishSegunCurly", "es", "Según la ministra Ana Torres, “el acuerdo es histórico”.",
			[]quoteWant{{text: "el acuerdo es histórico", speaker: "Ana Torres"}}},
		{"SpanishSurnameAndDroppedSubject", "es", "Carmen López dirige el puerto. “Es un día triste”, señaló López. «Estoy tranquila», añadió.",
			[]quoteWant{{text: "Es un día triste", speaker: "Carmen López"}, {text: "Estoy tranquila", speaker: "Carmen López"}}},
		{"SpanishDashIncise", "es", "El entrenador Paco Ruiz habló. «No sé si merecíamos ganar —admitió Ruiz—, pero nadie va a pedir perdón».",
			[]quoteWant{{text: "No sé si merecíamos ganar", speaker: "Paco Ruiz"}, {text: "pero nadie va a pedir perdón", speaker: "Paco Ruiz"}}},
		{"SpanishNotQuotes", "es", "La llamada «reforma» no llegó. La película «El último día» se estrenó.",
			nil},

		// Russian
		{"RussianGuillemetsDash", "ru", "«Мы не отступим», — заявил министр обороны Сергей Иванов.",
			[]quoteWant{{text: "Мы не отступим", speaker: "Сергей Иванов"}}},
		{"RussianPoSlovamInflected", "ru", "Сергей Иванов выступил в Думе. По словам Иванова, «ситуация под контролем».",
			[]quoteWant{{text: "ситуация под контролем", speaker: "Сергей Иванов"}}},
		{"RussianLowHighPronoun", "ru", "Анна Петрова вышла к журналистам. Она сказала: „Всё будет хорошо“.",
			[]quoteWant{{text: "Всё будет хорошо", speaker: "Анна Петрова"}}},
		{"RussianNotQuotes", "ru", "Родители боятся так называемой «оптимизации». О порте снят фильм «Северные ворота».",
			nil},

		// Portuguese and Italian
		{"PortugueseDisse", "pt", "“A economia vai crescer”, disse a ministra Ana Souza. Segundo Souza, “o pior já passou”.",
			[]quoteWant{{text: "A economia vai crescer", speaker: "Ana Souza"}, {text: "o pior já passou", speaker: "Ana Souza"}}},
		{"ItalianHaDetto", "it", "«Non ci arrenderemo», ha detto il sindaco Marco Rossi. Secondo Rossi, «la città è pronta».",
			[]quoteWant{{text: "Non ci arrenderemo", speaker: "Marco Rossi"}, {text: "la città è pronta", speaker: "Marco Rossi"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, Input{Text: tt.text, Lang: tt.lang}, tt.want)
		})
	}
}

// TestQuotesLinkList: quoted headlines in a page's list of links are no
// quotes, the same quote in the article's text is one.
func TestQuotesLinkList(t *testing.T) {
	page := `<html><body><article><h1>Council votes</h1>
<p>“We will appeal the decision,” said council leader Ann Price.</p></article>
<aside><ul><li><a href="/a">“We will appeal,” says council leader</a></li>
<li><a href="/b">“Mayor Quits Over Budget Vote”</a></li></ul></aside></body></html>`
	p, err := htmltext.Parse(strings.NewReader(page), "council.html")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, Input{Text: p.Text, Blocks: p.Blocks, Lang: "en"}, []quoteWant{{text: "We will appeal the decision,", speaker: "Ann Price"}})
}

// TestQuotesSeed checks the quotes of the seed article that are sure: Wang
// Wenbin's two, Xi's, and Xi's and Putin's "no-limits friendship"; and
// that no apostrophe (Xi's, the Kremlin's, peninsula\u0027s) makes one.
func TestQuotesSeed(t *testing.T) {
	b, err := os.ReadFile("../../testdata/xi-putin-icc.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := Quotes(Input{Text: text, Lang: "en"})
	r := []rune(text)
	for _, w := range []quoteWant{
		{text: "no-limits friendship", speaker: "Xi Jinping and Vladimir Putin"},
		{text: "uphold an objective and impartial stance, respect the jurisdictional immunity enjoyed by the head of state in accordance", speaker: "Wang Wenbin"},
		{text: "avoid politicization and double standards,", speaker: "Wang Wenbin"},
		{text: "My upcoming visit to Russia will be a journey of friendship, cooperation and peace,", speaker: "Xi Jinping"},
	} {
		s, e := spanOf(t, text, w.text, 0)
		found := false
		for _, g := range got {
			if g.Start == s && g.End == e {
				found = true
				if g.Attrs["speaker"] != w.speaker {
					t.Errorf("%q: speaker %q, want %q", w.text, g.Attrs["speaker"], w.speaker)
				}
			}
		}
		if !found {
			t.Errorf("missing QUOTE %q", w.text)
		}
	}
	for _, g := range got {
		if quoteFamily(r[g.Start-1]) == 0 || quoteFamily(r[g.End]) == 0 {
			t.Errorf("QUOTE %q is not between quote marks", string(r[g.Start:g.End]))
		}
	}
}

// BenchmarkQuotes runs the detector over the seed article.
func BenchmarkQuotes(b *testing.B) {
	data, err := os.ReadFile("../../testdata/xi-putin-icc.txt")
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Text: string(data), Lang: "en"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Quotes(in)
	}
}

var updateQuotes = flag.Bool("quotes.update", false, "rewrite testdata/quotes/*.golden from Quotes")

// TestQuotesGolden runs Quotes over the articles of testdata/quotes (news
// in the house styles of several languages, written for these tests and
// not tuned on) and compares each quote, rule and speaker with NAME.golden,
// which -quotes.update rewrites. The goldens are the detector's reviewed
// output, its known misses included: in en-bbc-style the body's "not fit
// for purpose" is "the head" (of the council), whom the article names only
// later; in ru-ria-style Локоть keeps the genitive of "по словам мэра …
// Анатолия Локтя" (no morphology).
func TestQuotesGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/quotes/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			lang, _, _ := strings.Cut(filepath.Base(f), "-")
			var out strings.Builder
			r := []rune(text)
			for _, s := range Quotes(Input{Text: text, Lang: lang}) {
				fmt.Fprintf(&out, "%s\t%q\t%q\n", s.Detector, string(r[s.Start:s.End]), s.Attrs["speaker"])
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *updateQuotes {
				if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -quotes.update)", err)
			}
			if got, want := out.String(), string(want); got != want {
				t.Errorf("Quotes differ from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// TestQuotesStandfirstTakesBodySpeaker: a standfirst that ends with a full
// stop (the line after the h1) is known by the page's blocks, and its
// quote takes the speaker the body gives the same words.
func TestQuotesStandfirstTakesBodySpeaker(t *testing.T) {
	page, err := htmltext.Parse(strings.NewReader(`<html><body><h1>Hallenbad: Gemeinderat gibt 6,8 Millionen frei</h1>
<p>Nach Streit ist die Sanierung beschlossen. Die FPÖ spricht von einem „Millionengrab“, die Grünen stellen Bedingungen.</p>
<p>Der Gemeinderat hat am Dienstag die Sanierung des Hallenbads mit 23 zu 8 Stimmen beschlossen, nach monatelangem Streit über die Kosten.</p>
<p>„Das ist ein Millionengrab ohne Boden“, sagte FPÖ-Stadtrat Herbert Zauner in der Sitzung.</p></body></html>`), "bad.html")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, Input{Text: page.Text, Blocks: page.Blocks, Lang: "de"}, []quoteWant{
		{text: "Millionengrab", speaker: "Herbert Zauner"},
		{text: "Das ist ein Millionengrab ohne Boden", speaker: "Herbert Zauner"},
	})
}

// TestQuotesSiteNameIsNobody: the names above the page's h1 (the site's
// name, its menus) are no antecedent for "the judge" or "il".
func TestQuotesSiteNameIsNobody(t *testing.T) {
	page, err := htmltext.Parse(strings.NewReader(`<html><body><header><p>Feuille d’Avis de la Brêne</p><p>Le quotidien de la Brêne</p></header>
<h1>Le chauffard condamné à 14 mois avec sursis</h1>
<p>Le tribunal a reconnu un apprenti de 23 ans coupable. À la barre, l’apprenti mécanicien a reconnu les faits. « Je ne sais pas ce qui m’a pris », a-t-il expliqué.</p></body></html>`), "chauffard.html")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, Input{Text: page.Text, Blocks: page.Blocks, Lang: "fr"}, []quoteWant{{text: "Je ne sais pas ce qui m’a pris"}})
}
