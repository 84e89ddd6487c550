package suggest

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/htmltext"
)

// Claims proposes the check-worthy sentences of a news text as CLAIMs:
// sentences stating numbers, dates, money, official and legal actions,
// votes, comparisons and attributed facts, and not opinions, predictions,
// plans or questions (issue 11). Each suggestion is one whole sentence as
// Sentences cuts it (its final period and closing quote included).
//
// A sentence is scored by a logistic model over named signals (Features:
// has_number, official_action, opinion_marker, …, and len_words), with
// keyword lists in English, German, French, Spanish, Portuguese, Italian,
// Dutch, Polish and Russian picked by in.Lang or, when it is empty, guessed from the
// text; numbers, percentages, money and dates are read in every language.
// The weights are set by hand; a learned model can reweight the features.
//
// What is not the article's running prose is left out or marked down:
// headings, blocks that are mostly links, sentences of fewer than
// claimMinWords words, short lines without sentence-final punctuation,
// sentences the text repeats, and on saved pages the lines Boilerplate
// calls site chrome, photo captions, standfirsts and bylines.
func Claims(in Input) []Suggestion {
	var chrome []Suggestion
	if len(in.Blocks) > 0 {
		chrome = Boilerplate(in, nil)
	}
	return claimsWith(in, chrome)
}

// claimsWith is Claims with the page's BOILERPLATE suggestions (sorted by
// start) worked out already: Run has them, and working them out again
// cost the suggest pass about a quarter of its time.
func claimsWith(in Input, chrome []Suggestion) []Suggestion {
	var out []Suggestion
	for _, c := range claimCandidates(in, chrome) {
		p := sigmoid(c.f.score())
		if p < claimThreshold {
			continue
		}
		out = append(out, Suggestion{Label: "CLAIM", Start: c.Start, End: c.End, Score: round3(p),
			Detector: "claim.rules", Features: c.f.named()})
	}
	return out
}

// claimCandidate is a sentence that reads as prose, with its features.
type claimCandidate struct {
	Sentence
	f claimVector
}

// claimCandidates are the sentences of in that may be claims: prose, not
// headings, link lists or short unpunctuated lines. chrome are the page's
// BOILERPLATE suggestions: sentences inside a saved page's chrome
// (subscription offers, teasers of other articles) are not the article's
// claims. Plain text has no structure to tell chrome by, only repetition,
// so callers pass none for it.
func claimCandidates(in Input, chrome []Suggestion) []claimCandidate {
	rs := []rune(in.Text)
	sents := sentSplit(rs)
	if len(sents) == 0 {
		return nil
	}
	lex := claimLexicon(in.Lang, in.Text)
	seen := make(map[uint64]int, len(sents))
	for _, s := range sents {
		seen[claimHash(rs[s.Start:s.End])]++
	}
	var (
		out []claimCandidate
		sc  claimScratch
	)
	for _, s := range sents {
		var f claimVector
		if b, ok := claimBlockAt(in.Blocks, s.Start); ok {
			if b.Heading > 0 || b.LinkDensity() > 0.5 {
				continue
			}
			f[cfCaption], f[cfStandfirst] = claimPathFeatures(b.Path)
		}
		words := sc.features(rs[s.Start:s.End], lex, &f)
		if words < claimMinWords {
			continue
		}
		if f[cfNoFinal] > 0 && words < claimMinUnpunctuated {
			continue // a heading or a caption, not a sentence
		}
		if seen[claimHash(rs[s.Start:s.End])] > 1 {
			f[cfRepeated] = 1
		}
		f[cfBoilerplate] = claimCovering(chrome, s)
		if claimInsideQuote(rs, s) {
			f[cfQuoted] = 1
		}
		f[cfLenWords] = float64(words)
		out = append(out, claimCandidate{s, f})
	}
	return out
}

const (
	// claimThreshold is the score from which a sentence is proposed.
	claimThreshold = 0.5
	// claimMinWords: shorter sentences are headings, captions, buttons.
	claimMinWords = 5
	// claimMinUnpunctuated: a line without sentence-final punctuation
	// must be at least this long to be read as a sentence.
	claimMinUnpunctuated = 12
)

// The features of a sentence, by index; claimFeatureNames names them.
const (
	cfNumber = iota
	cfPercent
	cfDate
	cfMoney
	cfAction
	cfLegal
	cfComparison
	cfAttributed
	cfStatistic
	cfNumberWord
	cfEvent
	cfScheduled
	cfOpinion
	cfPrediction
	cfHypothetical
	cfQuestion
	cfFirstPerson
	cfPast
	cfQuoted
	cfRepeated
	cfBoilerplate
	cfCaption
	cfStandfirst
	cfNoFinal
	cfLenWords
	cfCount

	// cfMonth marks month names (a has_date) for the day beside them.
	cfMonth = cfCount
)

var claimFeatureNames = [cfCount]string{
	cfNumber:       "has_number",
	cfPercent:      "has_percent",
	cfDate:         "has_date",
	cfMoney:        "has_money",
	cfAction:       "official_action",
	cfLegal:        "legal_term",
	cfComparison:   "comparison",
	cfAttributed:   "attributed",
	cfStatistic:    "statistic",
	cfNumberWord:   "number_word",
	cfEvent:        "event",
	cfScheduled:    "scheduled",
	cfOpinion:      "opinion_marker",
	cfPrediction:   "prediction",
	cfHypothetical: "hypothetical",
	cfQuestion:     "question",
	cfFirstPerson:  "first_person",
	cfPast:         "past_tense",
	cfQuoted:       "quoted",
	cfRepeated:     "repeated",
	cfBoilerplate:  "boilerplate",
	cfCaption:      "caption",
	cfStandfirst:   "standfirst",
	cfNoFinal:      "no_final_punct",
	cfLenWords:     "len_words",
}

// claimBias and claimWeights make the score: sigmoid(bias + Σ w·f). Set by
// hand from what issue 11 calls check-worthy, then checked against the
// labelled pages of testdata/suggest (a logistic fit there, site by site,
// agrees on every sign); len_words enters through claimLenScore instead.
const claimBias = -1.6

var claimWeights = [cfCount]float64{
	cfNumber:       1.7,
	cfPercent:      0.6,
	cfDate:         0.8,
	cfMoney:        0.8,
	cfAction:       1.4,
	cfLegal:        0.7,
	cfComparison:   0.8,
	cfAttributed:   0.7,
	cfStatistic:    0.6,
	cfNumberWord:   1.0,
	cfEvent:        0.6,
	cfScheduled:    0.8,
	cfOpinion:      -1.8,
	cfPrediction:   -1.3,
	cfHypothetical: -0.6,
	cfQuestion:     -3.0,
	cfFirstPerson:  -0.8,
	cfPast:         0.4,
	cfQuoted:       -0.6,
	cfRepeated:     -2.5,
	cfBoilerplate:  -4,
	cfCaption:      -1.5,
	cfStandfirst:   -5,
	cfNoFinal:      -3,
}

type claimVector [cfCount]float64

func (f *claimVector) score() float64 {
	z := claimBias
	for i, w := range claimWeights {
		z += w * f[i]
	}
	// Rounded so that weights summing to the threshold meet it whatever
	// order float64 adds them in.
	return math.Round((z+claimLenScore(f[cfLenWords]))*1e9) / 1e9
}

// claimLenScore: very short sentences rarely state a checkable fact, very
// long ones are often several clauses of comment.
func claimLenScore(n float64) float64 {
	switch {
	case n < 8:
		return -0.5
	case n > 60:
		return -0.5
	}
	return 0
}

// named is the vector as Features: the signals present, and len_words.
func (f *claimVector) named() map[string]float64 {
	m := make(map[string]float64, 8)
	for i, v := range f {
		if v != 0 || i == cfLenWords {
			m[claimFeatureNames[i]] = v
		}
	}
	return m
}

// claimBlockAt returns the block holding code point at, if blocks say.
func claimBlockAt(blocks []htmltext.Block, at int) (htmltext.Block, bool) {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].End > at })
	if i < len(blocks) && blocks[i].Start <= at {
		return blocks[i], true
	}
	return htmltext.Block{}, false
}

// Class and tag names of blocks that are not the article's running text:
// a photo's caption and credit (anywhere on the block's path), and on the
// block itself the summary above the body (which the body says again),
// the byline and the dateline. Names are matched as words between the
// path's . # > _ - separators, case aside.
var (
	claimCaptionWords = sentSet("figcaption", "caption", "credit", "photocredit", "legende", "légende", "piedefoto",
		"didascalia")
	claimStandfirstWords = sentSet("standfirst", "dek", "summary", "subtitle", "subhead", "kicker", "chapo", "chapeau",
		"entradilla", "sumario", "teaser", "vorspann", "lede", "deck", "intro", "strapline", "excerpt", "abstract",
		"bajada", "copete", "volanta", "resumen", "resumo", "linhafina", "inleiding", "samenvatting", "occhiello", "sottotitolo", "lid", "byline", "dateline", "meta",
		"date", "datum", "author", "autor", "auteur", "fecha", "published", "timestamp")
)

// claimPathFeatures reads a block's tag path: caption, standfirst.
func claimPathFeatures(path string) (caption, standfirst float64) {
	last := strings.LastIndexByte(path, '>') + 1
	for i := 0; i < len(path); {
		j := i
		for j < len(path) && !claimPathSep(path[j]) {
			j++
		}
		w := path[i:j]
		if claimCaptionWords[w] || claimCaptionWords[strings.ToLower(w)] {
			caption = 1
		}
		if i >= last && (claimStandfirstWords[w] || claimStandfirstWords[strings.ToLower(w)]) {
			standfirst = 1
		}
		i = j + 1
	}
	return caption, standfirst
}

func claimPathSep(c byte) bool { return c == '.' || c == '#' || c == '>' || c == '_' || c == '-' }

// claimInsideQuote reports whether the sentence s is part of a quotation
// that runs over several sentences: an odd number of quotation marks
// before it on its line (it opens inside the quote: Hace veinte años que
// se promete …".), or in it (the quote runs on past its end: … celebró la
// decisión: "El hospital no puede esperar más.). Every quotation has two
// marks whatever the style (“…”, „…“, «…», »…«, "…"), so parity tells
// without knowing the language; single marks are left out, as ’ is an
// apostrophe too.
func claimInsideQuote(rs []rune, s Sentence) bool {
	before := 0
	for i := s.Start - 1; i >= 0 && !sentLineBreak(rs[i]); i-- {
		if claimQuoteMark(rs[i]) {
			before++
		}
	}
	in := 0
	for _, r := range rs[s.Start:s.End] {
		if claimQuoteMark(r) {
			in++
		}
	}
	return before%2 == 1 || in%2 == 1
}

func claimQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// claimHash is FNV-1a over a sentence's code points, to count repeats
// without a string per sentence.
func claimHash(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// claimCovering returns the score of the suggestion of spans (sorted by
// start) that holds the sentence s, else 0.
func claimCovering(spans []Suggestion, s Sentence) float64 {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].Start > s.Start })
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if spans[j].Start <= s.Start && s.End <= spans[j].End {
			return spans[j].Score
		}
	}
	return 0
}

// Token kinds.
const (
	ctWord = iota
	ctNumber
	ctPercent
	ctCurrency
)

type claimToken struct {
	a, b  int // bytes of claimScratch.low
	kind  uint8
	upper bool   // the word starts with a capital
	caps  bool   // the word is all capitals (two or more letters)
	glued bool   // digits glued to letters: G7, COVID-19, F-16
	age   bool   // a person's age beside the name: Teresa Vance, 44, / Hoekstra (58)
	date  bool   // a number read as a date: a year, 17.03.2023, the day beside a month
	bits  uint32 // lexicon features of a word
}

// claimScratch holds one sentence's lowercased text and tokens, reused
// from sentence to sentence.
type claimScratch struct {
	low  []byte
	toks []claimToken
}

// features fills f from the sentence s and returns its word count.
func (sc *claimScratch) features(s []rune, lex *claimLex, f *claimVector) int {
	sc.tokenize(s)
	toks := sc.toks
	var bits uint32
	words := 0
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case ctWord:
			words++
			w := sc.low[t.a:t.b]
			t.bits = lex.word(w)
			switch string(w) {
			case "may", "march":
				// The month only when capitalised inside the sentence.
				if lex.english && t.upper && i > 0 {
					t.bits = 1<<cfDate | 1<<cfMonth
				} else if string(w) == "march" {
					t.bits = 0
				}
			case "us":
				if t.caps {
					t.bits = 0 // the US
				}
			}
			if lex.english && t.bits&(1<<cfPast) != 0 && claimNotPast[string(w)] {
				t.bits &^= 1 << cfPast
			}
			bits |= t.bits
			bits |= lex.phrases(sc, i)
		case ctNumber:
			words++
		case ctPercent:
			bits |= 1 << cfPercent
		case ctCurrency:
			bits |= 1 << cfMoney
		}
	}
	// Numbers: dates (years, 17.03.2023, a day beside a month) or figures.
	for i := range toks {
		t := &toks[i]
		if t.kind != ctNumber || t.glued {
			continue
		}
		if t.age {
			// Who someone is, not a figure to check. (An 87-year-old left
			// on the floor for nine hours is the news itself: kept.)
			continue
		}
		if !t.date && t.b-t.a <= 2 && (claimMonthAt(toks, i+1) || claimMonthAt(toks, i-1) ||
			(i+2 < len(toks) && claimJoiner(string(sc.low[toks[i+1].a:toks[i+1].b])) && claimMonthAt(toks, i+2))) {
			t.date = true
		}
		if t.date {
			bits |= 1 << cfDate
		} else {
			bits |= 1 << cfNumber
		}
	}
	if bits&(1<<cfScheduled) != 0 {
		// A decision taking effect later (in force from, due to, scheduled
		// for) speaks in the future tense without predicting anything.
		bits &^= 1 << cfPrediction
	}
	for i := 0; i < cfCount; i++ {
		if bits&(1<<i) != 0 {
			f[i] = 1
		}
	}
	// The end and the start of the sentence.
	e := len(s)
	for e > 0 && (sentCloser(s[e-1]) || unicode.IsSpace(s[e-1])) {
		e--
	}
	if e == 0 || !sentTerminal(s[e-1]) {
		f[cfNoFinal] = 1
	}
	for k := e - 1; k >= 0 && sentTerminal(s[k]); k-- {
		if s[k] == '?' || s[k] == '？' || s[k] == '⁇' || s[k] == '⁈' || s[k] == '⁉' {
			f[cfQuestion] = 1
		}
	}
	if len(s) > 0 {
		switch s[0] {
		case '¿':
			f[cfQuestion] = 1
		case '"', '“', '„', '«', '»', '‘', '‹', '\'':
			f[cfQuoted] = 1
		}
	}
	return words
}

func claimMonthAt(toks []claimToken, i int) bool {
	return i >= 0 && i < len(toks) && toks[i].kind == ctWord && toks[i].bits&(1<<cfMonth) != 0
}

// claimNotPast are English words ending in -ed that are not verbs.
var claimNotPast = sentSet("need", "indeed", "speed", "seed", "feed", "hundred", "united", "limited", "red", "bed",
	"shed", "breed", "proceed", "succeed", "exceed", "weed", "greed", "bred", "sacred", "naked", "wicked", "ahead")

// claimAgeAside reports whether the number s[a:b] stands as a person's age
// after a name: "Teresa Vance, 44, a forklift operator", "Gert-Jan
// Hoekstra (58)". toks are the tokens before it.
func claimAgeAside(s []rune, a, b int, toks []claimToken) bool {
	if a < 2 || b >= len(s) || len(toks) == 0 || !toks[len(toks)-1].upper {
		return false
	}
	switch {
	case s[a-1] == '(' && s[b] == ')':
		return unicode.IsSpace(s[a-2])
	case s[a-1] == ' ' && s[a-2] == ',' && s[b] == ',':
		return a >= 3 && unicode.IsLetter(s[a-3])
	}
	return false
}

// claimJoiner: the word between a day and its month (17 de marzo, 5th of May).
func claimJoiner(w string) bool {
	return w == "de" || w == "of" || w == "di" || w == "th" || w == "st" || w == "nd" || w == "rd"
}

// tokenize cuts s into words, numbers, percent signs and currency signs,
// lowercasing words into sc.low.
func (sc *claimScratch) tokenize(s []rune) {
	sc.low = sc.low[:0]
	sc.toks = sc.toks[:0]
	for i := 0; i < len(s); {
		r := s[i]
		switch {
		case unicode.IsLetter(r):
			t := claimToken{a: len(sc.low), kind: ctWord, upper: unicode.IsUpper(r)}
			caps, n := true, 0
			for i < len(s) && (unicode.IsLetter(s[i]) || unicode.Is(unicode.Mn, s[i])) {
				caps = caps && !unicode.IsLower(s[i])
				n++
				sc.low = utf8.AppendRune(sc.low, claimFold(s[i]))
				i++
			}
			t.b, t.caps = len(sc.low), caps && n >= 2
			sc.toks = append(sc.toks, t)
		case unicode.IsDigit(r):
			start := i
			t := claimToken{a: len(sc.low), kind: ctNumber}
			t.glued = i > 0 && (unicode.IsLetter(s[i-1]) || (s[i-1] == '-' && i > 1 && unicode.IsLetter(s[i-2])))
			seps, sep := 0, rune(0)
			for i < len(s) {
				c := s[i]
				if unicode.IsDigit(c) {
					sc.low = utf8.AppendRune(sc.low, c)
					i++
					continue
				}
				if (c == '.' || c == ',' || c == '/' || c == '-' || c == ':') && i+1 < len(s) && unicode.IsDigit(s[i+1]) {
					sc.low = utf8.AppendRune(sc.low, c)
					seps++
					sep = c
					i++
					continue
				}
				break
			}
			t.b = len(sc.low)
			num := sc.low[t.a:t.b]
			t.age = seps == 0 && len(num) <= 3 && claimAgeAside(s, start, i, sc.toks)
			switch {
			case seps == 0 && len(num) == 4 && (num[0] == '1' && num[1] >= '8' || num[0] == '2' && num[1] == '0'):
				t.date = true // a year
			case seps == 2 && (sep == '.' || sep == '/' || sep == '-'):
				t.date = true // 17.03.2023, 2023-03-17, 3/17/2023
			case seps == 1 && sep == ':':
				t.date = true // 10:30, a time
			}
			sc.toks = append(sc.toks, t)
		case r == '%' || r == '‰' || r == '％':
			sc.toks = append(sc.toks, claimToken{kind: ctPercent})
			i++
		case unicode.Is(unicode.Sc, r):
			sc.toks = append(sc.toks, claimToken{kind: ctCurrency})
			i++
		default:
			i++
		}
	}
}

// claimFold lowercases, and reads ё as е as Russian writers mostly do.
func claimFold(r rune) rune {
	r = unicode.ToLower(r)
	if r == 'ё' {
		return 'е'
	}
	return r
}

// claimLex is one language's keyword lists, compiled: words, word
// prefixes (pattern "charg*"), word suffixes ("*gericht", for German
// compounds and Romance futures) and phrases ("according to"), each with
// the features it signals.
type claimLex struct {
	english bool
	exact   map[string]uint32
	prefix  map[string]uint32
	suffix  map[string]uint32
	phrase  map[string][]claimPhrase // by first word
	phrasep map[string][]claimPhrase // by first word's prefix
	// prefixLens, suffixLens and phrasepLens have bit n set when a prefix
	// or a suffix of n code points is listed (63: longer), to look up only
	// those.
	prefixLens, suffixLens, phrasepLens uint64
}

type claimPhrase struct {
	words []string // after the first; "pre*" matches a prefix
	bits  uint32
}

// word returns the features of one lowercased word.
func (l *claimLex) word(w []byte) uint32 {
	bits := l.exact[string(w)]
	if l.prefixLens != 0 {
		n := 0 // runes before k
		for k := range string(w) {
			if l.prefixLens&(1<<min(n, 63)) != 0 {
				bits |= l.prefix[string(w[:k])]
			}
			n++
		}
		if l.prefixLens&(1<<min(n, 63)) != 0 {
			bits |= l.prefix[string(w)]
		}
	}
	if l.suffixLens != 0 {
		n := utf8.RuneCount(w)
		k := 0 // runes before i
		for i := range string(w) {
			if k > 0 && l.suffixLens&(1<<min(n-k, 63)) != 0 {
				bits |= l.suffix[string(w[i:])]
			}
			k++
		}
	}
	return bits
}

// phrases returns the features of the phrases starting at token i.
func (l *claimLex) phrases(sc *claimScratch, i int) uint32 {
	w := sc.low[sc.toks[i].a:sc.toks[i].b]
	var bits uint32
	for _, p := range l.phrase[string(w)] {
		if claimPhraseAt(sc, i+1, p.words) {
			bits |= p.bits
		}
	}
	if l.phrasepLens != 0 {
		n := 0 // runes before k
		for k := range string(w) {
			if l.phrasepLens&(1<<min(n, 63)) != 0 {
				for _, p := range l.phrasep[string(w[:k])] {
					if claimPhraseAt(sc, i+1, p.words) {
						bits |= p.bits
					}
				}
			}
			n++
		}
		if l.phrasepLens&(1<<min(n, 63)) != 0 {
			for _, p := range l.phrasep[string(w)] {
				if claimPhraseAt(sc, i+1, p.words) {
					bits |= p.bits
				}
			}
		}
	}
	return bits
}

func claimPhraseAt(sc *claimScratch, i int, words []string) bool {
	if i+len(words) > len(sc.toks) {
		return false
	}
	for j, want := range words {
		t := sc.toks[i+j]
		if t.kind != ctWord {
			return false
		}
		got := string(sc.low[t.a:t.b])
		if pre, ok := strings.CutSuffix(want, "*"); ok {
			if !strings.HasPrefix(got, pre) {
				return false
			}
		} else if got != want {
			return false
		}
	}
	return true
}

// claimLexicon returns the keyword lists for lang, or for the language
// text looks like when lang is not one gloss has lists for.
func claimLexicon(lang, text string) *claimLex {
	lang = strings.ToLower(lang)
	if len(lang) > 2 {
		lang = lang[:2] // en-GB, pt-BR
	}
	if _, ok := claimLangWords[lang]; !ok {
		lang = claimGuessLang(text)
	}
	claimLexOnce.Do(claimCompile)
	return claimLexes[lang]
}

// claimGuessLang names the language of text from its commonest small words
// (and Cyrillic letters for Russian); English when nothing fits.
func claimGuessLang(text string) string {
	var counts [len(claimGuessed)]int
	cyr, lat := 0, 0
	words := 0
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if words++; words > 2000 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
			continue
		}
		lat++
		if len(w) > 6 {
			continue // no small word
		}
		for _, i := range claimStopLangs[strings.ToLower(w)] {
			counts[i]++
		}
	}
	if cyr > lat {
		return "ru"
	}
	best, n := 0, 0 // English when nothing fits
	for i, c := range counts {
		if c > n {
			best, n = i, c
		}
	}
	return claimGuessed[best]
}

// claimGuessed are the languages claimGuessLang tells apart by small words.
var claimGuessed = [...]string{"en", "de", "fr", "es", "pt", "it", "nl", "pl"}

// claimStopLangs maps small words to the languages they are common in.
var claimStopLangs = func() map[string][]int {
	m := map[string][]int{}
	for i, ws := range [len(claimGuessed)]string{
		"the and of to is that was for with said on by from have has it his are were this be",
		"der die das und ist nicht mit den von sich auf ein eine dem zu wurde auch im für sind",
		"le les et des est une dans du pour qui pas sur au ont été il aux ce sont avec",
		"el los las y del por una con para se su es al fue como más pero sus ha",
		"o os e do da em um uma não com para dos das foi ao no na são ser mais",
		"il gli e che di della un una non per è sono del con nel alla ha dei nella",
		"het een van niet dat zijn werd ook met voor naar bij door heeft hebben wordt worden maar nog deze",
		"się nie że jest oraz przez który która które został została jego jej także w z na",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = append(m[w], i)
		}
	}
	return m
}()

var (
	claimLexOnce sync.Once
	claimLexes   map[string]*claimLex
)

// claimCompile builds every language's lexicon from claimLangWords and
// claimUniversal.
func claimCompile() {
	claimLexes = map[string]*claimLex{}
	for lang, lists := range claimLangWords {
		l := &claimLex{english: lang == "en", exact: map[string]uint32{}, prefix: map[string]uint32{},
			suffix: map[string]uint32{}, phrase: map[string][]claimPhrase{}, phrasep: map[string][]claimPhrase{}}
		for _, src := range []map[int]string{claimUniversal, lists} {
			for feat, patterns := range src {
				bits := uint32(1) << feat
				if feat == cfMonth {
					bits |= 1 << cfDate
				}
				for _, p := range strings.Split(patterns, "|") {
					l.add(strings.Map(claimFold, strings.TrimSpace(p)), bits)
				}
			}
		}
		claimLexes[lang] = l
	}
}

func (l *claimLex) add(p string, bits uint32) {
	ws := strings.Fields(p)
	switch {
	case len(ws) == 0:
	case len(ws) > 1:
		if pre, ok := strings.CutSuffix(ws[0], "*"); ok {
			l.phrasep[pre] = append(l.phrasep[pre], claimPhrase{ws[1:], bits})
			l.phrasepLens |= 1 << min(utf8.RuneCountInString(pre), 63)
		} else {
			l.phrase[ws[0]] = append(l.phrase[ws[0]], claimPhrase{ws[1:], bits})
		}
	case strings.HasPrefix(p, "*"):
		l.suffix[p[1:]] |= bits
		l.suffixLens |= 1 << min(utf8.RuneCountInString(p[1:]), 63)
	case strings.HasSuffix(p, "*"):
		l.prefix[p[:len(p)-1]] |= bits
		l.prefixLens |= 1 << min(utf8.RuneCountInString(p[:len(p)-1]), 63)
	default:
		l.exact[p] |= bits
	}
}

// claimUniversal are read in every language: months, weekdays, percent
// and currency words. (May and March are English words too: Claims reads
// them as months only capitalised; mai and mars are listed per language.)
var claimUniversal = map[int]string{
	cfMonth: "january|february|april|june|july|august|september|october|november|december|jan|feb|apr|aug|sept|oct|nov|dec|" +
		"januar|jänner|februar|märz|juni|juli|oktober|dezember|" +
		"janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre|" +
		"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|" +
		"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|" +
		"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|" +
		"январ*|феврал*|март|марта|марте|апрел*|май|мая|мае|июн*|июл*|август*|сентябр*|октябр*|ноябр*|декабр*",
	cfDate: "monday|tuesday|wednesday|thursday|friday|saturday|sunday|" +
		"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|" +
		"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|" +
		"lunes|martes|miércoles|jueves|viernes|sábado|domingo|" +
		"segunda feira|terça feira|quarta feira|quinta feira|sexta feira|" +
		"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|" +
		"понедельник*|вторник*|в среду|четверг*|пятниц*|суббот*|воскресень*",
	cfPercent: "percent|per cent|percentage point*|prozent|prozentpunkt*|pour cent|pourcent|por ciento|por cento|per cento|" +
		"percentuale|процент*|п п",
	cfMoney: "dollar|dollars|euro|euros|yen|yuan|renminbi|rupee|rupees|franc|francs|rubel|ruble|rubles|rouble|roubles|" +
		"hryvnia|hryvnias|pound sterling|dólar|dólares|reais|dollaro|dollari|sterline|sterlina|" +
		"долл*|евро|рубл*|гривн*|юан*|usd|eur|gbp|rub|chf|uah|cny|jpy|brl",
}

// claimLangWords are each language's keyword lists by feature, "|"
// between patterns: "word", "prefix*", "*suffix", "two words".
var claimLangWords = map[string]map[int]string{
	"en": {
		cfDate: "yesterday|today|tonight|ago|last week|last month|last year|last weekend|last night|this week|this month|" +
			"this year|earlier this|overnight",
		cfAction: "allowed|permitted|halted|scrapped|triggered|activated|" +
			"charg*|arrest*|indict*|convict*|sentenced|acquitt*|fined|sanctioned|voted|votes|vote|banned|bans|approved|" +
			"approves|signed|signs|ratified|ratifies|vetoed|vetoes|passed|enacted|repealed|annexed|ordered|issued|imposed|" +
			"sued|seized|detained|deported|expelled|extradited|appointed|elected|dismissed|fired|resigned|suspended|" +
			"declared|authorized|authorised|rejected|blocked|overturned|upheld|ruled|struck down|pleaded|confiscated|" +
			"raided|awarded|jailed|imprisoned|cleared|found guilty|adopted|granted|refused|barred|removed|cut|raised",
		cfLegal: "confess*|" +
			"court|courts|judge|judges|jury|juror*|prosecut*|lawsuit*|warrant*|verdict*|indictment*|trial|trials|" +
			"tribunal*|law|laws|legislat*|bill|statute*|constitution*|treaty|treaties|crime|crimes|criminal*|" +
			"jurisdiction*|appeal*|testimony|plea|guilty|sanctions|regulat*|decree*|ordinance*|ruling|rulings|attorney*|" +
			"lawyer*|justice|illegal*|unlawful*|violat*|allegation*|alleged*|investigat*|probe|act|case|police",
		cfComparison: "more than|less than|fewer than|higher than|lower than|greater than|larger than|bigger than|" +
			"smaller than|compared with|compared to|up from|down from|as much as|as many as|at least|at most|first time|" +
			"rose by|fell by|highest|lowest|largest|biggest|smallest|most|least|record|doubled|tripled|quadrupled|halved|" +
			"rose|fell|risen|fallen|increased|decreased|declined|dropped|surged|soared|jumped|plunged|plummeted|grew|" +
			"shrank|climbed|slumped|worst|deadliest|longest|oldest|outnumber*|exceed*|surpass*|overtook|than|" +
			"increase|decrease|rise|fall|drop|the first|best|worse|better",
		cfAttributed: "said|says|told|according to|reported|reports|stated|announced|announces|confirmed|confirms|" +
			"added|wrote|writes|quoted|cited|claimed|testified|acknowledged|admitted|denied|denies|insisted|noted|" +
			"explained|revealed|disclosed|estimated|showed|shows|found|spokes*|statement|figures show|data show",
		cfStatistic: "million*|billion*|trillion*|thousand*|hundreds|dozens|percentage*|average|median|rate|rates|" +
			"per capita|survey*|poll|polls|census|data|figures|statistic*|gdp|inflation|unemployment|deficit|budget|" +
			"majority|half|annual*|per year|a year|tonnes|barrels|households|residents|people|cases|deaths|jobs|workers|a third|one third|two thirds|a quarter|three quarters|a fifth",
		cfNumberWord: "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|" +
			"hundreds|thousand|thousands|dozen|dozens|millions|billions|twice|tens",
		cfEvent: "founded|established|inaugurated|" +
			"killed|died|dead|injured|wounded|attacked|destroyed|exploded|crashed|collapsed|launched|struck|" +
			"evacuated|rescued|closed|opened|won|lost|beat|defeated|scored|hired|bought|sold|paid|spent|invested|" +
			"recorded|reached|hit|completed|built|introduced|published|released|visited|met",
		cfOpinion: "i think|i believe|we believe|i feel|in my opinion|in my view|it is time|we need|we must|need to|" +
			"needs to|ought to|of course|should|must|outrageous|shameful|disgrace*|disgusting|terrible|horrible|awful|" +
			"appalling|unacceptable|ridiculous|absurd|wonderful|fantastic|amazing|brilliant|stupid|shocking|scandal*|" +
			"i hope|we hope|hopefully|wish|believe|believes|clearly|obviously|unfortunately|sadly|deserve*|wrong|evil|" +
			"disappointed|delighted|proud|pleased|sorry|thrilled|optimistic|pessimistic|overjoyed|happy|sad|angry|" +
			"worried|concerned|excited|grateful|confident|satisfied|relieved|frustrated|upset|devastated",
		cfScheduled: "is due to|are due to|was due to|is scheduled|are scheduled|was scheduled|scheduled for|take effect|takes effect|took effect|come into force|comes into force|came into force|in force",
		cfPrediction: "will|won t|ll|could|might|may|is expected|are expected|expected to|expects|is set to|are set to|" +
			"plans to|plan to|planned|plans|intends|intend|aims to|going to|likely|forecast*|" +
			"predict*|projected|next week|next month|next year|upcoming|soon|future|wants to|want to|hopes to|seeks to|" +
			"proposed|proposal|promised|pledged|vowed|wants|want|next|possible|possibly",
		cfHypothetical: "would|if|unless|whether",
		cfPast: "was|were|had|has been|have been|did|*ed|took|became|won|lost|made|gave|went|came|saw|began|paid|rose|" +
			"fell|grew|left|met|held|sold|bought|spent|built|led|brought|sent|wrote|broke|chose|fought|knew|spoke|" +
			"struck|threw|stood|told|said|found",
		cfFirstPerson: "i|we|my|our|me|us|ours|myself|ourselves",
	},
	"de": {
		cfMonth: "mai",
		cfDate: "montag*|dienstag*|mittwoch*|donnerstag*|freitag*|samstag*|sonntag*|" +
			"gestern|vorgestern|heute|jüngst|vergangen* woche|vergangen* monat|vergangen* jahr|letzt* woche|" +
			"letzt* monat|letzt* jahr|dies* woche|dies* jahr|diesen monat|vor * jahren",
		cfAction: "gestoppt|stoppte*|erlaubt|ausgelöst|aktiviert|ausgerufen|verkündet|" +
			"angeklagt|anklage*|verurteil*|verhaftet|festgenommen|festnahme*|inhaftiert|beschlossen|beschloss|" +
			"beschluss|verabschiedet*|abgestimmt|stimmte*|gestimmt|unterzeichne*|unterschrieb*|unterschrieben|verboten|" +
			"verbot|verbietet|genehmigt*|billigte*|gebilligt|sanktioniert|verhängt*|erlassen|erließ|ernannt|ernennt|" +
			"gewählt|wählte*|entlassen|zurückgetreten|beschlagnahmt|abgeschoben|ausgewiesen|ausgeliefert|angeordnet|" +
			"ordnete|annektiert*|eingeleitet|verklagt|freigesprochen|bestraft|gekündigt|gestrichen|erhöht|gesenkt",
		cfLegal: "rechtskräftig|geständnis|*geständnis|" +
			"gericht*|*gericht|*gerichts|*gerichtshof|richter*|*richter|staatsanwalt*|*staatsanwaltschaft|klage|" +
			"urteil*|haftbefehl*|gesetz*|*gesetz|*gesetzes|verfassung*|prozess|strafe|strafen|*strafe|straf*|" +
			"kriegsverbrech*|verbrechen|völkerrecht*|rechtswidrig|illegal|ermittlung*|ermittler*|vertrag|*vertrag|" +
			"sanktion*|*sanktionen|anwalt|anwälte|*anwalt|justiz*|verordnung*|vorwurf|vorwürfe|mutmaßlich*|" +
			"beschuldigt*|polizei",
		cfComparison: "mehr als|weniger als|höher als|niedriger als|größer als|kleiner als|mindestens|höchst*|" +
			"niedrigst*|größte*|kleinste*|meiste*|wenigste*|rekord*|*rekord|verdoppelt*|verdreifacht*|halbiert*|" +
			"gestiegen|gesunken|stieg|stiegen|sank|sanken|fiel|fielen|zugenommen|abgenommen|gewachsen|wuchs|" +
			"zurückgegangen|im vergleich|gegenüber|erstmals|anstieg|rückgang|zuwachs|als im|schlechteste*|beste*|schlechter|besser",
		cfAttributed: "sagte|sagten|sagt|erklärte*|erklärt|teilte|mitgeteilt|mitteilte|laut|zufolge|berichtet*|" +
			"berichtete*|bestätigt*|bestätigte*|betonte*|meldet*|meldete*|schrieb|schreibt|hieß es|heißt es|" +
			"nach angaben|äußerte*|eingeräumt|räumte|gefordert|forderte*|zeigt|zeigen|ergab|ergibt|sprecher*|sprecherin|*sprecher|*sprecherin|mitteilung",
		cfStatistic: "million*|milliard*|mio|mrd|tausend*|hunderte|prozent*|durchschnitt*|*durchschnitt|quote|*quote|" +
			"rate|*rate|umfrage*|statistik*|daten|zahlen|*zahlen|*zahl|inflation|arbeitslos*|bip|haushalt*|mehrheit|" +
			"hälfte|jährlich*|einwohner|menschen|fälle|*fälle|tote|toten|drittel|viertel|fünftel",
		cfNumberWord: "zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|hundert|tausend*|" +
			"dutzend*|hunderte|doppelt",
		cfEvent: "gegründet|errichtet|eingeweiht|nachgewiesen|" +
			"getötet|gestorben|starb|starben|verletzt|angegriffen|zerstört|explodiert*|abgestürzt|eröffnet|" +
			"geschlossen|gewonnen|verloren|gekauft|verkauft|gezahlt|bezahlt|investiert|erreicht|veröffentlicht|" +
			"besuchte|traf",
		cfOpinion: "ich glaube|ich denke|ich finde|meiner meinung|meines erachtens|wir müssen|sollte|sollten|müsste|" +
			"müssten|muss|müssen|skandal*|empörend|unerträglich|schrecklich|furchtbar|schändlich|inakzeptabel|" +
			"unverschämt|hoffentlich|leider|endlich|glaube|hoffe|finde|absurd|lächerlich|katastrophal|enttäuscht",
		cfScheduled: "in kraft|planmäßig|angesetzt|terminiert",
		cfPrediction: "wird|werden|will|wollen|soll|sollen|könnte|könnten|dürfte|dürften|voraussichtlich|plant|planen|" +
			"geplant|erwartet*|künftig*|demnächst|bald|prognose*|nächst* woche|nächst* monat|nächst* jahr|kommend*|" +
			"morgen|beabsichtig*|vorgeschlagen|vorschlag",
		cfHypothetical: "würde|würden|wäre|wären|hätte|hätten|falls|wenn|ob",
		cfPast: "war|waren|hatte|hatten|wurde|wurden|worden|hat|haben|gab|kam|kamen|stieg|sank|fiel|lag|lagen|ging|" +
			"stand|standen|traf|starb|sagte|erklärte|teilte|gewann|verlor",
		cfFirstPerson: "ich|wir|mein|meine|meinen|meinem|meiner|unser|unsere|unseren|unserem|unserer|mir|mich|uns",
	},
	"fr": {
		cfMonth: "mai|mars",
		cfDate: "hier|aujourd hui|avant hier|semaine dernière|mois dernier|an dernier|année dernière|cette semaine|" +
			"cette année|ce mois|il y a",
		cfAction: "déclench*|autoris*|suspendu*|" +
			"inculp*|condamn*|arrêté|arrêtés|arrêtée|arrêtées|interpell*|écroué*|mis en examen|mise en examen|" +
			"voté|votée|votés|votées|vote|votent|adopté*|signé*|interdit*|approuv*|sanctionn*|élu|élue|élus|nommé*|" +
			"limogé*|démissionn*|ratifi*|annex*|promulgu*|rejeté*|ordonné*|décrété|emprisonn*|expuls*|extrad*|" +
			"garde à vue|perquisition*|saisi|saisie|infligé*|accusé*|inculpation|relaxé*|acquitté*|supprimé*",
		cfLegal: "aveux|avoué*|définitif|définitive|" +
			"tribunal*|cour|juge|juges|juridiction*|procureur*|parquet|avocat*|mandat*|loi|lois|législat*|justice|" +
			"procès|enquête*|plainte*|verdict*|jugement*|constitution*|traité*|décret*|sanction*|crime|crimes|" +
			"criminel*|délit*|illégal*|pénal*|amende*|prison|police|gendarmerie",
		cfComparison: "plus de|moins de|plus que|moins que|davantage|au moins|record*|hausse|baisse|doublé|triplé|" +
			"augment*|diminu*|progress*|recul*|chut*|grimp*|bondi|plus haut|plus bas|le plus|la plus|les plus|" +
			"par rapport|comparé*|première fois|inédit*|supérieur*|inférieur*|dépass*|pire|meilleur*",
		cfAttributed: "a dit|dit|disent|déclaré|déclare|selon|d après|affirmé|affirme|indiqué|indique|annoncé|" +
			"annonce|rapporté|rapporte|précisé|précise|expliqué|explique|confirmé|confirme|ajouté|ajoute|souligné|" +
			"souligne|écrit|rapport|communiqué|porte parole|montre|montrent|révèle|révélé|assuré|assure",
		cfStatistic: "million*|milliard*|millier*|centaines|dizaines|pourcentage|taux|moyenne|sondage*|chiffre*|" +
			"statistique*|données|inflation|chômage|pib|budget|déficit|majorité|moitié|par an|annuel*|habitants|" +
			"personnes|victimes|emplois|salariés|tiers|un quart|trois quarts",
		cfNumberWord: "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|trente|cent|cents|mille|dizaine*|" +
			"centaine*|millier*",
		cfEvent: "fondé*|créé*|inauguré*|" +
			"tué|tués|tuée|tuées|mort|morts|morte|décédé*|blessé*|attaqué*|détruit*|explos*|effondré*|lancé*|" +
			"fermé*|ouvert*|gagné|perdu|acheté*|vendu*|payé*|investi|atteint|publié*|visité",
		cfOpinion: "je pense|je crois|nous pensons|à mon avis|selon moi|il faut|faut|doit|doivent|devons|devrait|" +
			"devraient|scandaleu*|inadmissible|inacceptable|honte*|honteu*|absurde|ridicule|terrible|horrible|" +
			"magnifique|formidable|espère|espérons|souhait*|malheureusement|évidemment|bien sûr|déçu*|doive|doivent",
		cfScheduled: "en vigueur|doit comparaître|est prévu le|prévue le|programmé*",
		cfPrediction: "sera|seront|aura|auront|fera|feront|pourra|pourront|pourrait|pourraient|devra|devront|ira|iront|" +
			"va|vont|prévoit|prévoient|prévu*|envisag*|prochain*|à venir|bientôt|futur*|attendu*|s attend|*era|" +
			"*eront|*iront|*ira|projette|compte|souhaite",
		cfHypothetical: "serait|seraient|aurait|auraient|ferait|si",
		cfPast:         "a|ont|avait|avaient|était|étaient|fut|furent|été|eu",
		cfFirstPerson:  "je|j|nous|mon|ma|mes|notre|nos|moi|me",
	},
	"es": {
		cfDate: "ayer|hoy|anoche|anteayer|semana pasada|mes pasado|año pasado|esta semana|este año|este mes|hace",
		cfAction: "permitió|autorizó|autorizad*|activó|suspendió|suspendid*|" +
			"acusad*|acusó|conden*|detenid*|detuv*|arrestad*|arrestó|imputad*|imputó|procesad*|votó|votaron|" +
			"votación|votaciones|aprobó|aprobad*|aprobaron|firmó|firmad*|firmaron|prohibió|prohibid*|sancionó|" +
			"sancionad*|multad*|multó|multa|multas|elegid*|eligió|nombrad*|nombró|destituid*|destituyó|dimitió|" +
			"renunció|ratificó|rechazó|ordenó|impuso|decretó|encarcelad*|expulsad*|extraditad*|anexionó|anexión|" +
			"promulgó|vetó|incautó|allanamiento*|absuelto|absolvió|recortó|subió",
		cfLegal: "tribunal*|juez|jueces|jueza|juzgado*|fiscal|fiscalía|fiscales|orden de arresto|orden de detención|" +
			"orden de captura|ley|leyes|legislación|demanda*|sentencia*|juicio*|crimen|crímenes|delito*|" +
			"constitución*|constitucional|corte|decreto*|sanciones|ilegal*|justicia|penal|cárcel|prisión|" +
			"investigación|policía|abogad*",
		cfComparison: "más de|menos de|más que|menos que|al menos|récord|duplicó|triplicó|aument*|disminu*|cayó|" +
			"cayeron|subieron|creció|crecieron|descendió|bajó|mayor|menor|máximo|mínimo|el más|la más|los más|" +
			"las más|respecto|comparación|primera vez|supera*|superó|peor|peores|mejor|mejores",
		cfAttributed: "dijo|dice|dicen|afirmó|afirma|aseguró|asegura|declaró|señaló|señala|explicó|indicó|indica|" +
			"según|informó|informa|anunció|confirmó|añadió|reportó|de acuerdo con|manifestó|sostuvo|admitió|" +
			"reconoció|negó|escribió|publicó|muestra|muestran|revela|reveló|portavoz|comunicado|destacó|dicho|explicado|señalado|subrayado|subrayó|afirmado|asegurado|indicado|añadido|añade|declarado|informado|anunciado|confirmado|reconocido|destacado|apuntado|apuntó|precisado|precisó|advertido|advirtió|recordado|recordó|explica|apunta|subraya|advierte|recuerda|precisa|sostiene|destaca",
		cfStatistic: "millón|millones|mil|miles|cientos|decenas|billón|porcentaje|tasa|promedio|encuesta*|cifra*|" +
			"estadística*|datos|inflación|desempleo|paro|pib|presupuesto|déficit|mayoría|mitad|anual*|al año|" +
			"habitantes|personas|víctimas|empleos|trabajadores|tercio|tercios|un cuarto|tres cuartos|quinta parte",
		cfNumberWord: "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|treinta|cien|cientos|mil|docena*|" +
			"decenas",
		cfEvent: "fundad*|fundó|inaugurad*|inauguró|" +
			"murió|murieron|muerto*|muerta*|fallecid*|herid*|atacó|destruy*|explot*|derrumb*|lanzó|cerró|abrió|" +
			"ganó|perdió|compró|vendió|pagó|invirtió|alcanzó|publicó|visitó",
		cfOpinion: "creo|pienso|creemos|en mi opinión|a mi juicio|debe|deben|debemos|debería*|tiene que|tienen que|" +
			"hay que|vergonzoso|vergüenza|inaceptable|inadmisible|escandal*|absurdo|ridículo|terrible|horrible|" +
			"maravilloso|ojalá|espero|esperamos|lamentablemente|obviamente|por supuesto|debería|deba|deban",
		cfScheduled: "en vigor|está previsto|está prevista|prevista para|previsto para|programad*",
		cfPrediction: "será|serán|podría*|podrá|podrán|va a|van a|vamos a|prevé|prevén|previsto*|planea*|planifica|" +
			"pretende*|próxim*|tendrá|tendrán|habrá|hará|harán|*ará|*erá|*irá|*arán|*erán|*irán|se espera|" +
			"espera que|futuro|pronto|propuesta|propone",
		cfHypothetical: "sería|serían|habría|habrían|tendría|si",
		cfPast:         "fue|fueron|ha|han|había|habían|era|eran|estaba|estaban|*ó|*aron|*ieron",
		cfFirstPerson:  "yo|nosotros|nosotras|mi|mis|nuestro|nuestra|nuestros|nuestras|me",
	},
	"pt": {
		cfDate: "ontem|hoje|anteontem|semana passada|mês passado|ano passado|esta semana|este ano|este mês|" +
			"nesta semana|neste ano",
		cfAction: "permitiu|autorizou|autorizad*|acionou|suspendeu|interditou|interditad*|" +
			"acusad*|acusou|condenad*|condenou|preso|presos|presa|presas|prendeu|detid*|deteve|votou|" +
			"votaram|votação|aprovou|aprovad*|aprovaram|assinou|assinad*|assinaram|proibiu|proibid*|sancionou|" +
			"sancionad*|multad*|multou|multa|eleit*|elegeu|nomead*|nomeou|demitid*|demitiu|renunciou|ratificou|" +
			"rejeitou|ordenou|decretou|indiciad*|indiciou|denunciad*|denunciou|expuls*|extradit*|anexou|vetou|" +
			"apreend*|absolvid*|cortou",
		cfLegal: "confessou|confissão|recurso|recorrer|recorra|" +
			"tribunal|tribunais|juiz|juíza|juízes|promotor*|procurador*|ministério público|mandado*|lei|leis|" +
			"legislação|processo*|sentença|julgamento|crime|crimes|criminos*|stf|constituição|constitucional|decreto|" +
			"justiça|ilegal|penal|inquérito|investigação|delegado|polícia|prisão|advogad*",
		cfComparison: "mais de|menos de|mais do que|menos do que|pelo menos|recorde|dobrou|triplicou|aument*|" +
			"diminu*|caiu|caíram|subiu|subiram|cresceu|cresceram|recuou|maior|menor|máxim*|mínim*|o mais|a mais|" +
			"em relação|comparação|primeira vez|superou|supera|pior|piores|melhor|melhores",
		cfAttributed: "disse|diz|dizem|afirmou|afirma|declarou|segundo|de acordo com|informou|informa|anunciou|" +
			"confirmou|relatou|explicou|acrescentou|destacou|ressaltou|admitiu|negou|escreveu|publicou|mostra|" +
			"mostram|revela|revelou|porta voz|nota|comunicado",
		cfStatistic: "milhão|milhões|mil|bilhão|bilhões|bilião|biliões|centenas|dezenas|milhares|porcentagem|" +
			"percentual|taxa|média|pesquisa|sondagem|dados|índice|inflação|desemprego|pib|orçamento|déficit|maioria|" +
			"metade|anual*|por ano|habitantes|ibge|pessoas|vítimas|empregos|trabalhadores|terço|terços|um quarto|três quartos",
		cfNumberWord: "dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|doze|vinte|trinta|cem|cento|mil|dezenas|" +
			"centenas|milhares|dúzia*",
		cfEvent: "fundad*|fundou|inaugurad*|inaugurou|" +
			"morreu|morreram|mort*|ferid*|atacou|destru*|explod*|desab*|lançou|fechou|abriu|venceu|ganhou|" +
			"perdeu|comprou|vendeu|pagou|investiu|atingiu|publicou|visitou",
		cfOpinion: "acho|acredito|penso|achamos|acreditamos|na minha opinião|deve|devem|devemos|deveria*|tem que|" +
			"têm que|é preciso|precisamos|vergonh*|inaceitável|absurdo|ridículo|terrível|horrível|maravilhos*|" +
			"espero|esperamos|infelizmente|obviamente|claro que|deva|devam",
		cfScheduled: "em vigor|está previsto|está prevista|prevista para|previsto para|marcad* para|agendad*",
		cfPrediction: "vai|vão|vamos|será|serão|poderá|poderão|poderia*|deverá|deverão|planeja*|pretende*|prevê|" +
			"previsto*|próxim*|futuro|em breve|*ará|*erá|*irá|*arão|*erão|*irão|espera se|proposta|propõe",
		cfHypothetical: "seria|seriam|teria|teriam|caso",
		cfPast:         "foi|foram|tinha|tinham|era|eram|estava|estavam|houve|*ou|*aram|*eram|*iram",
		cfFirstPerson:  "eu|nós|meu|minha|meus|minhas|nosso|nossa|nossos|nossas|me|mim",
	},
	"it": {
		cfDate: "ieri|oggi|l altro ieri|settimana scorsa|mese scorso|anno scorso|questa settimana|quest anno|" +
			"questo mese|stanotte|stamattina|fa",
		cfAction: "autorizzat*|consentit*|sospes*|" +
			"accusat*|condannat*|condannò|arrestat*|arresto|fermat*|votat*|votò|voto|approvat*|approvò|" +
			"approvazione|firmat*|firmò|vietat*|vietò|divieto|sanzionat*|multat*|multa|eletto|eletta|eletti|" +
			"nominat*|nominò|dimess*|dimission*|ratificat*|ratificò|indagat*|imputat*|respint*|ordinat*|ordinò|" +
			"espuls*|estradat*|annessione|sequestrat*|sequestro|incarcerat*|rinviat*|assolt*|tagliat*",
		cfLegal: "tribunale|tribunali|corte|giudic*|procura|procuratore|procuratori|pm|mandato|mandati|legge|leggi|" +
			"legislazione|processo|sentenza|sentenze|crimin*|reato|reati|costituzion*|decreto|giustizia|cassazione|" +
			"illegal*|penale|carcere|inchiesta|indagine|indagini|avvocat*|polizia|carabinieri",
		cfComparison: "più di|meno di|più che|meno che|almeno|record|raddoppiat*|triplicat*|aument*|cresciut*|" +
			"crescita|calat*|calo|diminuit*|salit*|scesi|scesa|sceso|maggiore|minore|massim*|minim*|il più|la più|" +
			"i più|le più|rispetto|confronto|prima volta|superat*|supera|peggior*|miglior*",
		cfAttributed: "ha detto|detto|dice|dicono|dichiarato|ha dichiarato|secondo|affermato|afferma|spiegato|" +
			"spiega|annunciato|annuncia|riferito|riferisce|aggiunto|confermato|conferma|ha scritto|sottolineato|" +
			"sottolinea|ammesso|negato|reso noto|rende noto|portavoce|nota|comunicato|mostrano|rivela|rivelato",
		cfStatistic: "milion*|miliard*|mila|migliaia|centinaia|decine|tasso|media|sondaggi*|dati|cifre|statistic*|" +
			"istat|inflazione|disoccupazione|pil|bilancio|deficit|maggioranza|metà|annuo|annua|annui|annuale|" +
			"annuali|all anno|abitanti|persone|vittime|posti di lavoro|lavoratori|terzo|terzi|un quarto|tre quarti",
		cfNumberWord: "due|tre|quattro|cinque|sette|otto|nove|dieci|dodici|venti|trenta|cento|mille|decine|" +
			"centinaia|migliaia|dozzin*",
		cfEvent: "fondat*|inaugurat*|" +
			"morto|morti|morta|morte|deceduto*|ferit*|attaccat*|distrutt*|esplos*|crollat*|lanciat*|chius*|" +
			"apert*|vinto|perso|acquistat*|vendut*|pagat*|investit*|raggiunt*|pubblicat*|visitat*",
		cfOpinion: "penso|credo|ritengo|crediamo|secondo me|a mio avviso|a mio parere|deve|devono|dobbiamo|" +
			"dovrebbe*|bisogna|occorre|vergogn*|inaccettabile|inammissibile|scandal*|assurdo|ridicolo|terribile|" +
			"orribile|meraviglios*|spero|speriamo|purtroppo|ovviamente|naturalmente|debba|debbano|dovremmo",
		cfScheduled: "in vigore|è previsto|è prevista|prevista per|previsto per|fissat* per|calendarizzat*",
		cfPrediction: "sarà|saranno|potrebbe*|potrà|potranno|dovrà|dovranno|prevede|prevedono|previst*|intende|" +
			"intendono|prossim*|futuro|presto|*erà|*irà|*arà|*eranno|*iranno|*aranno|si prevede|si attende|atteso|" +
			"attesa|proposta|propone",
		cfHypothetical: "sarebbe|sarebbero|avrebbe|avrebbero|se",
		cfPast:         "è stato|è stata|sono stati|sono state|ha|hanno|aveva|avevano|era|erano|fu|furono|*ò",
		cfFirstPerson:  "io|noi|mio|mia|miei|mie|nostro|nostra|nostri|nostre|mi",
	},
	"nl": {
		cfMonth: "januari|februari|maart|mei|juni|juli|augustus|oktober",
		cfDate: "gisteren|vandaag|vannacht|gisteravond|vanochtend|vanmorgen|eergisteren|vorige week|vorige maand|" +
			"vorig jaar|afgelopen week|afgelopen maand|afgelopen jaar|deze week|deze maand|dit jaar|geleden|" +
			"maandag*|dinsdag*|woensdag*|donderdag*|vrijdag*|zaterdag*|zondag*",
		cfPercent: "procent|procentpunt*",
		cfAction: "afgekondigd|uitgeroepen|toegestaan|" +
			"veroordeeld|veroordeelde|veroordeelden|aangehouden|gearresteerd|opgepakt|aangeklaagd|vervolgd|" +
			"geëist|eiste|eisten|besloten|besloot|besluit|goedgekeurd|keurde|stemde|stemden|gestemd|aangenomen|" +
			"verworpen|ondertekend|getekend|tekende|verboden|verbood|verbod|*verbod|ingesteld|ingevoerd|opgelegd|" +
			"legde|beboet|benoemd|gekozen|ontslagen|afgetreden|vrijgesproken|geschrapt|verhoogd|verlaagd|bevolen|" +
			"beval|uitgezet|uitgeleverd|geschorst|toegekend|afgewezen|opgeheven|bewezen|stopgezet|gestopt",
		cfLegal: "rechtbank|rechter|rechters|*rechter|gerechtshof|officier van justitie|openbaar ministerie|" +
			"justitie|advocaat|advocaten|wet|wetten|*wet|wetsvoorstel|vonnis|uitspraak|straf|*straf|celstraf|" +
			"gevangenisstraf|taakstraf|verdachte|verdachten|aanklacht|rechtszaak|proces|misdrijf|strafbaar|illegaal|" +
			"politie|onderzoek|boete|*boete|onherroepelijk|hoger beroep|grondwet|verordening|vergunning*",
		cfComparison: "meer dan|minder dan|hoger dan|lager dan|groter dan|kleiner dan|ruim|ten minste|minstens|" +
			"hoogste|laagste|grootste|kleinste|meeste|record*|verdubbeld|gestegen|gedaald|steeg|stegen|daalde|" +
			"daalden|toegenomen|afgenomen|stijging|daling|vergeleken met|ten opzichte van|voor het eerst|" +
			"slechtste|beste|op rij",
		cfAttributed: "zei|zegt|zeggen|zeiden|gezegd|volgens|aldus|verklaarde|verklaarden|verklaart|meldde|meldt|" +
			"liet weten|laat weten|bevestigde|bevestigt|vertelde|vertelt|schreef|schrijft|benadrukte|stelde|stelt|" +
			"woordvoerder|woordvoerster|*woordvoerder|verklaring|persbericht|bleek|blijkt|toonde|toont|erkende|" +
			"ontkende|ontkent",
		cfStatistic: "miljoen|miljard|duizend*|honderden|tientallen|percentage|gemiddeld*|cijfers|statistiek*|cbs|" +
			"inflatie|werkloosheid|begroting|tekort|meerderheid|helft|jaarlijks*|per jaar|inwoners|mensen|" +
			"slachtoffers|banen|werknemers|medewerkers|derde|kwart|meldingen",
		cfNumberWord: "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|" +
			"dertig|veertig|vijftig|zestig|honderd|duizend|tientallen|honderden|dozijn",
		cfEvent: "gedood|omgekomen|overleden|overleed|stierf|gewond|gewonden|aangevallen|vernield|verwoest|ontploft|" +
			"neergestort|ingestort|geopend|opende|gesloten|sloot|sluit|gewonnen|won|verloren|verloor|gekocht|verkocht|" +
			"betaald|geïnvesteerd|bereikt|gepubliceerd|bezocht|opgericht|gebouwd|verbouwd|aangetroffen|gevonden|" +
			"ontdekt|geëvacueerd|gered|aangetoond|vastgesteld",
		cfOpinion: "ik denk|ik vind|ik geloof|wij vinden|we vinden|naar mijn mening|moet|moeten|zou moeten|" +
			"schandalig|schande|onaanvaardbaar|onacceptabel|verschrikkelijk|vreselijk|belachelijk|absurd|geweldig|" +
			"prachtig|hopelijk|helaas|natuurlijk|uiteraard|hoop|hopen|teleurgesteld|blij|trots|boos|bezorgd|bang",
		cfScheduled: "van kracht|in werking|gaat in op|staat gepland|gepland voor",
		cfPrediction: "zal|zullen|gaat|gaan|mogelijk|waarschijnlijk|verwacht*|plant|plannen|van plan|wil|willen|" +
			"binnenkort|straks|volgend* week|volgend* maand|volgend* jaar|komend*|morgen|voorstel|voorgesteld|" +
			"prognose*|naar verwachting",
		cfHypothetical: "zou|zouden|indien|tenzij|mocht|mochten",
		cfPast: "was|waren|had|hadden|werd|werden|heeft|hebben|kreeg|kregen|gaf|gaven|kwam|kwamen|ging|gingen|" +
			"stond|stonden|lag|lagen|vond|vonden|zei|zeiden|stierf|won|verloor|nam|namen|bleek|sprak|viel|steeg|" +
			"daalde|stemde|besloot|gold",
		cfFirstPerson: "ik|wij|we|mijn|ons|onze|mij|me",
	},
	"pl": {
		cfMonth: "stycznia|styczeń|lutego|luty|marca|marzec|kwietnia|kwiecień|maja|maj|czerwca|czerwiec|lipca|lipiec|" +
			"sierpnia|sierpień|września|wrzesień|października|październik|listopada|listopad|grudnia|grudzień",
		cfDate: "wczoraj|dziś|dzisiaj|przedwczoraj|w zeszłym tygodniu|w ubiegłym tygodniu|w zeszłym roku|" +
			"w ubiegłym roku|w tym roku|temu|poniedziałek|poniedziałku|wtorek|wtorku|środa|środę|środy|czwartek|" +
			"czwartku|piątek|piątku|sobota|sobotę|soboty|niedziela|niedzielę|niedzieli",
		cfPercent: "proc|procent*|punkt* procentow*",
		cfAction: "skazał*|skazan*|zatrzyma*|aresztowa*|oskarż*|głosowa*|zagłosowa*|przegłosowa*|uchwalił*|" +
			"uchwalon*|zatwierdził*|zatwierdzon*|podpisał*|podpisan*|zakaza*|zakaz|ukarał*|ukaran*|grzywn*|wybran*|" +
			"wybrał*|powołan*|powołał*|odwołan*|odwołał*|zwolnił*|zwolnion*|zwolnie*|nakazał*|wprowadził*|" +
			"wprowadzon*|udzielił*|udzielon*|odrzucił*|uniewinni*|nałożył*|zamknięt*|zamknął|zamknęł*|złożył*",
		cfLegal: "sąd|sądu|sądzie|sądem|sądy|sędzi*|prokurat*|wyrok*|ustaw*|kodeks*|przestęp*|karn*|więzieni*|" +
			"pozbawieni* wolności|policj*|adwokat*|śledztw*|zarzut*|uchwał*|trybunał*|kara|kary|karę|kar",
		cfComparison: "więcej niż|mniej niż|ponad|co najmniej|najwyższ*|najniższ*|największ*|najmniejsz*|rekord*|" +
			"wzrósł|wzrosł*|wzrost*|spadł*|spadek|spadk*|zmalał*|podwoił*|w porównaniu|po raz pierwszy|gorsz*|" +
			"lepsz*|najgorsz*|najlepsz*",
		cfAttributed: "powiedział*|mówi|mówią|stwierdził*|oświadczył*|poinformował*|informuje|według|zdaniem|podał*|" +
			"przekazał*|dodał*|podkreślił*|wyjaśnił*|potwierdził*|napisał*|pisze|ogłosił*|przyznał*|zaprzeczył*|" +
			"rzeczni*|komunikat*|wynika",
		cfStatistic: "mln|mld|tys|milion*|miliard*|tysi*|setki|dziesiątki|średni*|odsetek|wskaźnik*|dane|danych|" +
			"sondaż*|inflacj*|bezroboci*|budżet*|deficyt*|większość|połow*|rocznie|mieszkańc*|osób|ludzi|ofiar*|" +
			"pracowników|miejsc pracy",
		cfNumberWord: "dwa|dwie|dwóch|trzy|trzech|cztery|czterech|pięć|pięciu|sześć|sześciu|siedem|siedmiu|osiem|" +
			"ośmiu|dziewięć|dziesięć|dziesięciu|dwanaście|dwadzieścia|trzydzieści|sto|stu|tysiąc|kilkanaście|" +
			"kilkadziesiąt|kilkaset",
		cfEvent: "zginął|zginęł*|zginęli|zmarł*|rann*|zaatakowa*|zniszczon*|zniszczył*|wybuch*|zawalił*|otwart*|" +
			"otworzył*|wygrał*|przegrał*|kupił*|sprzedał*|zapłacił*|wypłacił*|zainwestowa*|osiągnął|osiągnęł*|" +
			"opublikowa*|odwiedził*|założon*|założył*",
		cfOpinion: "myślę|uważam|sądzę|moim zdaniem|powinien|powinna|powinno|powinni|trzeba|należy|musi|muszą|musimy|" +
			"skandal*|haniebn*|niedopuszczaln*|absurd*|straszn*|okropn*|wspaniał*|mam nadzieję|niestety|oczywiście|" +
			"rozczarowan*",
		cfScheduled: "wchodzi w życie|wejdzie w życie|wszedł w życie|weszła w życie|weszły w życie|zaplanowan*",
		cfPrediction: "będzie|będą|może|mogą|mógłby|mogłaby|mogłoby|mogliby|planuje|planują|zamierza*|ma zamiar|" +
			"prawdopodobnie|spodziewa*|oczekuje|prognoz*|wkrótce|w przyszłości|przyszłym|przyszłego|następn*|" +
			"chce|chcą",
		cfHypothetical: "gdyby|jeśli|jeżeli|czy|byłby|byłaby|byłoby|byliby",
		cfPast:         "był|była|było|byli|były|*ł|*ła|*li|*ły",
		cfFirstPerson:  "ja|my|mój|moja|moje|nasz|nasza|nasze|naszych|mi|mnie|nam|nas",
	},
	"ru": {
		cfDate: "вчера|сегодня|позавчера|на прошлой неделе|в прошлом месяце|в прошлом году|на этой неделе|" +
			"в этом году|в этом месяце|назад|накануне",
		cfAction: "обвин*|арест*|задержан*|задержал*|осужд*|осудил*|осужден*|приговор*|проголосова*|голосовани*|" +
			"подписал*|подписан*|запрет*|запрещ*|одобрил*|одобрен*|утвердил*|утвержд*|санкци*|оштрафова*|штраф*|" +
			"назначен*|назначил*|избран*|уволен*|уволил*|отставк*|аннекси*|аннексирова*|постановил*|принял*|" +
			"принят*|ввел*|введен*|выслан*|депортирова*|экстрадир*|изъят*|конфискова*|оправда*|сократил*|повысил*|вводит*|вводя*",
		cfLegal: "суд|суда|суде|судом|суду|суды|судов|судья|судьи|судей|судебн*|ордер*|закон*|законопроект*|" +
			"прокурор*|прокуратур*|преступлен*|преступник*|трибунал*|иск|иска|иском|исков|обвинени*|конституц*|" +
			"договор*|мус|следствие|следовател*|уголовн*|незаконн*|нарушени*|полици*|адвокат*",
		cfComparison: "более|менее|больше|меньше|выше|ниже|как минимум|не менее|рекорд*|вдвое|втрое|удвоил*|" +
			"утроил*|вырос*|выросл*|рост|снизил*|снижени*|сокращени*|увеличил*|увеличени*|упал*|падени*|" +
			"наибольш*|наименьш*|крупнейш*|самый|самая|самое|самых|самого|впервые|по сравнению|превысил*|" +
			"максимальн*|минимальн*|худш*|лучш*",
		cfAttributed: "сказал*|заявил*|заявляет|заявлени*|сообщил*|сообщает|сообщается|по словам|по данным|" +
			"согласно|отметил*|подчеркнул*|рассказал*|пишет|написал*|объявил*|подтвердил*|добавил*|передает|" +
			"указал*|пояснил*|признал*|отрицает|опроверг*|уточнил*|говорится|пресс|представител*",
		cfStatistic: "млн|млрд|трлн|миллион*|миллиард*|триллион*|тысяч*|тыс|сотни|сотен|десятки|доля|доли|средн*|" +
			"опрос*|статистик*|данные|данным|инфляци*|безработиц*|ввп|бюджет*|дефицит*|большинство|половин*|" +
			"ежегодн*|в год|жителей|человек|людей|жертв*|треть|трети|четверть|четверти",
		cfNumberWord: "два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двенадцать|двадцать|тридцать|сто|" +
			"тысяч*|сотни|десятки|десятков|дюжин*|двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|двадцати|тридцати|сотен",
		cfEvent: "погиб*|убит*|умер*|ранен*|атаков*|разрушен*|взорва*|взрыв*|обрушил*|запустил*|закрыл*|открыл*|" +
			"выиграл*|победил*|проиграл*|купил*|продал*|заплатил*|выплатил*|инвестировал*|достиг*|опубликова*|" +
			"посетил*|встретил*",
		cfOpinion: "я думаю|я считаю|считаю|мы считаем|по моему мнению|на мой взгляд|должен|должна|должно|" +
			"должны|следует|надо|нужно|необходимо|возмутительн*|позор*|недопустим*|неприемлем*|абсурд*|ужасн*|" +
			"прекрасн*|надеюсь|надеемся|к сожалению|очевидно|конечно",
		cfScheduled: "в силу|запланирова*|назначено на|намечен*",
		cfPrediction: "будет|будут|буду|будем|может|могут|мог бы|могла бы|могли бы|планиру*|намерен*|" +
			"собирается|собираются|ожидается|ожида*|прогноз*|вероятно|скоро|предстоящ*|следующ*|в будущем|станет|" +
			"станут|смогут|сможет|предлож*|обжалует|обжалуют",
		cfHypothetical: "бы|если",
		cfPast: "был|была|было|были|*ал|*ял|*ил|*ел|*ула|*ала|*яла|*ила|*ела|*али|*яли|*или|*ели|*ало|*ило|*лся|" +
			"*лась|*лись",
		cfFirstPerson: "я|мы|мой|моя|мое|мои|наш|наша|наше|наши|мне|меня|нас|нам|нами",
	},
}
