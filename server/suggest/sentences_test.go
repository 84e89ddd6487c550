package suggest

import (
	"reflect"
	"testing"
	"unicode"
)

// sentTexts is what Sentences cuts text into, as strings.
func sentTexts(text string) []string {
	rs := []rune(text)
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, string(rs[s.Start:s.End]))
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"Plain", "The court ruled. The council appealed! Why? Nobody knows.",
			[]string{"The court ruled.", "The council appealed!", "Why?", "Nobody knows."}},
		{"Titles", "Mr. Smith met Dr. Jones and Prof. Lee. They talked.",
			[]string{"Mr. Smith met Dr. Jones and Prof. Lee.", "They talked."}},
		{"USMidSentence", "The U.S. Senate voted 52 to 48. It passed.",
			[]string{"The U.S. Senate voted 52 to 48.", "It passed."}},
		{"USAtTheEnd", "He flew to the U.S. The trip lasted a week.",
			[]string{"He flew to the U.S.", "The trip lasted a week."}},
		{"EG", "Some costs, e.g. Rent, rose. Others fell.", []string{"Some costs, e.g. Rent, rose.", "Others fell."}},
		{"Decimal", "Inflation was 4.1% in May. It was 3.9% in June.",
			[]string{"Inflation was 4.1% in May.", "It was 3.9% in June."}},
		{"Initials", "The book by J. K. Rowling sold well. Sales doubled.",
			[]string{"The book by J. K. Rowling sold well.", "Sales doubled."}},
		{"FrenchM", "M. Macron a parlé. Il est parti.", []string{"M. Macron a parlé.", "Il est parti."}},
		{"QuoteAfterPeriod", `He said: "We won." Then he left.`, []string{`He said: "We won."`, "Then he left."}},
		{"CurlyQuoteAfterPeriod", "“We won.” Then he left.", []string{"“We won.”", "Then he left."}},
		{"QuestionInQuote", "“Why?” she asked. Nobody answered.", []string{"“Why?” she asked.", "Nobody answered."}},
		{"GermanQuotes", "Er sagte: „Das ist gut.“ Dann ging er.", []string{"Er sagte: „Das ist gut.“", "Dann ging er."}},
		{"Guillemets", "Il a dit : « C'est fini. » Puis il est parti.",
			[]string{"Il a dit : « C'est fini. »", "Puis il est parti."}},
		{"GuillemetsNBSP", "Il a dit\u00a0: «\u00a0Non.\u00a0» Puis il est parti.",
			[]string{"Il a dit\u00a0: «\u00a0Non.\u00a0»", "Puis il est parti."}},
		{"Ellipsis", "He waited… and waited... Then it rained.",
			[]string{"He waited… and waited...", "Then it rained."}},
		{"GermanDate", "Am 17. März 2023 erließ das Gericht einen Haftbefehl. Er galt sofort.",
			[]string{"Am 17. März 2023 erließ das Gericht einen Haftbefehl.", "Er galt sofort."}},
		{"GermanOrdinal", "Das war der 2. Versuch. Er scheiterte.", []string{"Das war der 2. Versuch.", "Er scheiterte."}},
		{"GermanOrdinals", "Er traf in der 23. und 67. Minute. Es stand 2:0.",
			[]string{"Er traf in der 23. und 67. Minute.", "Es stand 2:0."}},
		{"GermanAbbreviations", "Es gibt z.B. Bahn und Bus, bzw. Taxis. Nr. 5 fährt nicht.",
			[]string{"Es gibt z.B. Bahn und Bus, bzw. Taxis.", "Nr. 5 fährt nicht."}},
		{"NumberEndsSentence", "The vote was 52. The motion passed.", []string{"The vote was 52.", "The motion passed."}},
		{"Spanish", "El Sr. García dijo que sí. ¿Por qué? Nadie lo sabe.",
			[]string{"El Sr. García dijo que sí.", "¿Por qué?", "Nadie lo sabe."}},
		{"RussianYear", "Это случилось в 2022 г. Потом всё изменилось.",
			[]string{"Это случилось в 2022 г.", "Потом всё изменилось."}},
		{"RussianCity", "Он живёт в г. Москва. Там холодно.", []string{"Он живёт в г. Москва.", "Там холодно."}},
		{"RussianInitials", "В. В. Путин прибыл 17 марта. Встреча началась.",
			[]string{"В. В. Путин прибыл 17 марта.", "Встреча началась."}},
		{"LineBreakIsHard", "Council tax to rise\nThe council voted on Tuesday", []string{"Council tax to rise", "The council voted on Tuesday"}},
		{"BlankLine", "First line without a stop\n\nSecond line.", []string{"First line without a stop", "Second line."}},
		{"CRLF", "One.\r\nTwo.", []string{"One.", "Two."}},
		{"SpacesTrimmed", "  Padded sentence.   Next one.  ", []string{"Padded sentence.", "Next one."}},
		{"CJK", "习近平会见普京。双方讨论了乌克兰问题。", []string{"习近平会见普京。", "双方讨论了乌克兰问题。"}},
		{"URL", "See example.com for more. Or not.", []string{"See example.com for more.", "Or not."}},
		{"MonthAbbreviation", "It opened on Jan. 5 in Oslo. Crowds came.", []string{"It opened on Jan. 5 in Oslo.", "Crowds came."}},
		{"CompanyInc", "Apple Inc. said sales rose. Shares fell.", []string{"Apple Inc. said sales rose.", "Shares fell."}},
		{"Bullet", "• The bridge opened in 1911. It is 286 m long.\n* Second item.",
			[]string{"The bridge opened in 1911.", "It is 286 m long.", "Second item."}},
		{"DatelineCapitals", "SYDNEY — The Reserve Bank raised rates by 0.25 points. Markets fell.",
			[]string{"The Reserve Bank raised rates by 0.25 points.", "Markets fell."}},
		{"DatelineCapitalsWithRegion", "SÃO PAULO, Brasil – A prefeitura aprovou a tarifa.", []string{"A prefeitura aprovou a tarifa."}},
		{"DatelineAgency", "Paris (AFP) - Le Sénat a adopté le texte.", []string{"Le Sénat a adopté le texte."}},
		{"DatelineAgencyLowercase", "Berlin (dpa) - Der Bundestag hat das Gesetz beschlossen.",
			[]string{"Der Bundestag hat das Gesetz beschlossen."}},
		{"DatelinePlaceDateAgency", "Cork, 4 de mayo (EFE).- El tribunal condenó al alcalde.", []string{"El tribunal condenó al alcalde."}},
		{"NoDatelineDashInSentence", "The council — which met on Tuesday — voted 9-2. It passed.",
			[]string{"The council — which met on Tuesday — voted 9-2.", "It passed."}},
		{"NoDatelineHyphenatedName", "Gert-Jan de Vries - een boer - won. Hij lachte.",
			[]string{"Gert-Jan de Vries - een boer - won.", "Hij lachte."}},
		{"NoDatelineAcronym", "EU - Kommission und Rat einigten sich am Montag.", []string{"EU - Kommission und Rat einigten sich am Montag."}},
		{"NoDatelineOnlyLaterInLine", "He said it. DUBLIN — no.", []string{"He said it.", "DUBLIN — no."}},
		{"LowercaseTitle", "De advocaat van de man, mr. Bakker, ging in beroep. Het OM ook.",
			[]string{"De advocaat van de man, mr. Bakker, ging in beroep.", "Het OM ook."}},
		{"Councillor", "The motion by Cllr. Byrne passed. It was close.", []string{"The motion by Cllr. Byrne passed.", "It was close."}},
		{"VerbIrNotTitle", "Não havia para onde ir. Ele ficou.", []string{"Não havia para onde ir.", "Ele ficou."}},
		{"Empty", "", nil},
		{"OnlySpaces", " \n\n \t", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sentTexts(tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestSentencesOffsets checks that offsets are code points, not bytes.
func TestSentencesOffsets(t *testing.T) {
	text := "Ça va. Я тут. 😀 Fin."
	got := Sentences(text)
	want := []Sentence{{0, 6}, {7, 13}, {14, 20}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences(%q) = %v, want %v", text, got, want)
	}
}

// FuzzSentences checks what every split must keep: spans in order, inside
// the text, not empty, not overlapping, never across a line break, and
// without spaces at either end.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Mr. Smith paid $4.1 m. He left… Then?! «Non. » Fin.", "a.\n\nb. c", "U.S. e.g. z.B. г. 17. März", " . . .", "“”.", "\r\n\u2028x. Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		last := 0
		for _, s := range Sentences(text) {
			if s.Start < last || s.End <= s.Start || s.End > len(rs) {
				t.Fatalf("Sentences(%q): bad span %v after %d", text, s, last)
			}
			for _, r := range rs[s.Start:s.End] {
				if sentLineBreak(r) {
					t.Fatalf("Sentences(%q): %v crosses a line break", text, s)
				}
			}
			if unicode.IsSpace(rs[s.Start]) || unicode.IsSpace(rs[s.End-1]) {
				t.Fatalf("Sentences(%q): %v has spaces at an end", text, s)
			}
			last = s.End
		}
	})
}
