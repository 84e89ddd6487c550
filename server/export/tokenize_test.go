package export

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // tokens joined by |
	}{
		{"Words", "Xi meets Putin", "Xi|meets|Putin"},
		{"TrailingPunct", "in Ukraine.", "in|Ukraine|."},
		{"CurlyQuotes", "“My visit,” Xi wrote", "“|My|visit|,|”|Xi|wrote"},
		{"StraightQuotes", `"peace" 'now'`, `"|peace|"|'|now|'`},
		{"Guillemets", "«الزيارة مهمة»", "«|الزيارة|مهمة|»"},
		{"SingleCurly", "‘good old friend’", "‘|good|old|friend|’"},
		{"Possessive", "Xi's leader’s", "Xi's|leader’s"},
		{"Thousands", "2,000 people and 3.5%", "2,000|people|and|3.5|%"},
		{"NumberThenComma", "in 2022, then", "in|2022|,|then"},
		{"Abbreviation", "the U.S. president", "the|U.S.|president"},
		{"AbbreviationList", "Mr. Xi and Dr. Wang", "Mr.|Xi|and|Dr.|Wang"},
		{"Hyphen", "cease-fire energy-hungry", "cease-fire|energy-hungry"},
		{"Colon", "News:You at 10:30", "News|:|You|at|10:30"},
		{"Ellipsis", "wait... now", "wait|...|now"},
		{"Parens", "(ICC)", "(|ICC|)"},
		{"Emoji", "cheers 👍🏽.", "cheers|👍🏽|."},
		{"EmojiGlued", "great😀news", "great|😀|news"},
		{"Flag", "Ukraine 🇺🇦🇺🇦", "Ukraine|🇺🇦|🇺🇦"},
		{"ZWJ", "families 👩\u200d👩\u200d👧 wait", "families|👩\u200d👩\u200d👧|wait"},
		{"CJK", "习近平会见普京。", "习|近|平|会|见|普|京|。"},
		{"Combining", "cafe\u0301 Zoe\u0301.", "cafe\u0301|Zoe\u0301|."},
		{"Hebrew", `אמר: "השלום חשוב".`, `אמר|:|"|השלום|חשוב|"|.`},
		{"ArabicComma", "قال، المتحدث", "قال|،|المتحدث"},
		{"Escape", `peninsula\u0027s`, `peninsula|\|u0027s`},
		{"Whitespace", " \t a \u00a0 b \n", "a|b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			var got []string
			for _, tok := range tokenize(rs) {
				got = append(got, string(rs[tok.start:tok.end]))
			}
			if got, want := strings.Join(got, "|"), tt.want; got != want {
				t.Errorf("tokenize(%q)\n got %s\nwant %s", tt.text, got, want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // sentences joined by |, tokens by space
	}{
		{"Period", "Xi came. Putin met him.", "Xi came .|Putin met him ."},
		{"NoCapital", "in 3 p.m. talks. and more", "in 3 p.m. talks . and more"},
		{"Abbreviation", "The U.S. President came.", "The U.S. President came ."},
		{"Title", "Mr. Xi came.", "Mr. Xi came ."},
		{"QuoteAfterPeriod", "“Peace.” Xi wrote. “Yes,” he said", "“ Peace . ”|Xi wrote .|“ Yes , ” he said"},
		{"Question", "Why? Because! Then", "Why ?|Because !|Then"},
		{"Newline", "Title\nBody text", "Title|Body text"},
		{"BlankLines", "One\n\n\nTwo", "One|Two"},
		{"CJK", "习近平会见普京。双方讨论。", "习 近 平 会 见 普 京 。|双 方 讨 论 。"},
		{"Arabic", "قال المتحدث. الزيارة مهمة", "قال المتحدث .|الزيارة مهمة"},
		{"Decimal", "It grew 3.5 percent. Then", "It grew 3.5 percent .|Then"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			toks := tokenize(rs)
			starts := append(sentences(rs, toks), len(toks))
			var sents []string
			for i := 0; i+1 < len(starts); i++ {
				var words []string
				for _, tok := range toks[starts[i]:starts[i+1]] {
					words = append(words, string(rs[tok.start:tok.end]))
				}
				sents = append(sents, strings.Join(words, " "))
			}
			if got, want := strings.Join(sents, "|"), tt.want; got != want {
				t.Errorf("sentences(%q)\n got %s\nwant %s", tt.text, got, want)
			}
		})
	}
}

// TestTokenizeCovers checks on random text that tokens are ordered, never
// empty, never hold whitespace, and together hold every other character.
func TestTokenizeCovers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		text := randomText(r, 1+r.IntN(80))
		rs := []rune(text)
		toks := tokenize(rs)
		var joined strings.Builder
		prev := 0
		for _, tok := range toks {
			if tok.start < prev || tok.end <= tok.start {
				t.Fatalf("case %d %q: bad token [%d,%d) after %d", i, text, tok.start, tok.end, prev)
			}
			for _, c := range rs[prev:tok.start] {
				if !unicode.IsSpace(c) {
					t.Fatalf("case %d %q: %q skipped", i, text, c)
				}
			}
			s := string(rs[tok.start:tok.end])
			if strings.ContainsFunc(s, unicode.IsSpace) {
				t.Fatalf("case %d %q: token %q holds whitespace", i, text, s)
			}
			joined.WriteString(s)
			prev = tok.end
		}
		if got, want := joined.String(), strings.Join(strings.FieldsFunc(text, unicode.IsSpace), ""); got != want {
			t.Fatalf("case %d %q: tokens hold %q, want %q", i, text, got, want)
		}
		starts := sentences(rs, toks)
		for j := 1; j < len(starts); j++ {
			if starts[j] <= starts[j-1] || starts[j] >= len(toks) {
				t.Fatalf("case %d %q: sentence starts %v", i, text, starts)
			}
		}
	}
}

// pieces are what random texts are made of: the shapes news text and
// hostile input take.
var pieces = []string{
	"Xi", "Putin", "U.S.", "2,000", "3.5", "cease-fire", "Xi's", "the", "a", " ", " ", " ", "  ", "\n", "\t", "\u00a0",
	".", ",", "!", "?", "…", "“", "”", "‘", "’", "'", "\"", "«", "»", "(", ")", "-", "%", "\\",
	"😀", "👍🏽", "🇺🇦", "👩\u200d👩\u200d👧", "🧀", "\u200d", "\ufe0f", "\U0001F3FD",
	"习近平", "会见", "普京", "。", "e\u0301", "\u0301", "\u0301\u0301", "قال", "،", "שלום", "\u200f",
	"\U0001F1FA", "a\u200d", "Ω", "ß", "İ", "\x00", "\u2028",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}
