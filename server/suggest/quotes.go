package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The QUOTE detector (issue 11). It works in three steps, each on code
// points of the text:
//
//  1. pairing: quote marks are told apart from apostrophes and paired per
//     paragraph by the characters around them (a mark opens when a word
//     follows it and a space or an opening bracket precedes it, and the
//     other way round for closing), marks of one family (" “ ” „, ' ‘ ’ ‚,
//     « », ‹ ›, 「 」) closing one another so that „…“, »…«, “…” and « … »
//     all pair; a quote never leaves its paragraph (but for the convention
//     of quotes over several paragraphs) nor runs over quoteMaxSentences;
//  2. attribution: each top-level quote is looked at in its sentence (a
//     sentence whose boundaries inside quotes do not count): an attribution
//     inside its marks (an incise), then the words after it, then those
//     before it, for a cue (a speech verb, an "according to", a "called
//     it", a colon) and the speaker next to the cue, which is resolved to
//     the fullest name the article gave (pronouns, surnames, "the
//     minister", "the ministry"); a quote with none shares its sentence's
//     other quote's, or goes on with the speaker of the quote before it
//     when it stands alone;
//  3. scoring: the signals are Features, and a hand-set logistic model
//     (quoteLogit) turns them into a Score; titles, scare quotes, nicknames
//     and quoted headlines of link lists score low and are dropped below
//     quoteMinScore.
//
// The steps are split by concern: quotes.go pairs the marks and cuts the
// words, quotes_names.go finds the names, quotes_attrib.go attributes,
// quotes_score.go scores, and quotes_lexicon.go holds the word lists
// (speech verbs, titles, function words, …), one line a language.

const (
	quoteMaxSentences     = 5     // a quote longer than this is a missing closing mark
	quoteMaxRunes         = 3000  // the same, counted in code points
	quoteMinScore         = 0.3   // candidates below this are not proposed
	quoteAfterWords       = 9     // a cue after a quote starts within these words
	quoteBeforeWords      = 12    // a cue before a quote ends within these words
	quoteThatWords        = 20    // or a "that" before the quote within these words…
	quoteThatCueWords     = 8     // …follows a speech verb within these words
	quoteCalledWords      = 5     // "called it …": the quote follows within these words
	quoteColonClauseWords = 25    // the most words of a clause before a colon whose subject speaks the quote after it
	quoteComplementWords  = 10    // the most words of a role's complement before the name in apposition ("la delegada del Sindicato … en el hospital, Rosa Mediavilla")
	quotePronounBack      = 2500  // how far back (code points) a pronoun looks for its person
	quoteArticleBack      = 20000 // how far back a surname or "the ministry" looks for the full name
)

// Quotes proposes each direct quotation of in.Text as a QUOTE span
// (without its marks), with the speaker in Attrs["speaker"] when the
// article names one, and the signals used in Features. Detector names the
// attribution rule: quote.said (a speech verb), quote.according ("according
// to X", "laut X", "selon X", …), quote.colon ("X: “…”"), quote.called
// ("called it “…”"), quote.incise (an attribution inside the marks, the
// quote in two spans), quote.follow (a quote standing alone after one of
// a known speaker), quote.marks (the marks alone) and quote.continued (a
// quote that goes on in the next paragraph, its first part). Candidates
// scoring under 0.3 (titles, scare quotes, …) are left out.
func Quotes(in Input) []Suggestion {
	if !strings.ContainsAny(in.Text, "\"'“”„‘’‚«»‹›「」『』") {
		return nil
	}
	r := []rune(in.Text)
	// src is in.Text with invalid bytes as U+FFFD, one for one, as in r
	d := &quoteDoc{in: in, src: string(r), r: r}
	d.splitParagraphs()
	d.pair()
	if len(d.quotes) == 0 {
		return nil
	}
	d.tokenize()
	d.lang = in.Lang
	if d.lang == "" {
		d.lang = d.guessLang()
	}
	d.buildRuns()
	d.attribute()
	return d.suggestions()
}

type qspan struct{ s, e int }

// quoteDoc is one run of the detector over one text.
type quoteDoc struct {
	in     Input
	lang   string // in.Lang, or guessed from the words when not given
	src    string // in.Text, valid UTF-8
	r      []rune
	paras  []qspan
	quotes []*quoteCand // top-level quotes in text order
	toks   []qtok
	runs   []qNameRun
	said   []*quoteAttrib // attributions found so far, in text order
	counts map[string]int // the text's words, by wordCount
	h1     int            // headline's cache: 0 not known yet, -1 none
	depth  int            // speechSubject's recursion guard
}

// quote is a pair of marks and what was learned about it.
type quoteCand struct {
	open, end int // the opening mark; just after the closing mark (the paragraph's end when continued)
	oc        rune
	s, e      int // the quoted words, trimmed
	para      int
	continued bool  // no closing mark: the quote goes on in the next paragraph
	nested    bool  // holds a quote of its own
	spaced    bool  // spaces inside the marks (« … »)
	more      qspan // the part after an attribution inside the marks, if any
	sent      qspan
	attr      *quoteAttrib
	how       string // how attr was had when not by the quote's own cue: shared, follow, incise, previous paragraph
}

// quoteAttrib is an attribution: the cue and the speaker it names.
type quoteAttrib struct {
	kind    string // said, according, colon, called
	speaker string
	how     string // name, surname, pronoun, implicit, role, org, description, anonymous, group
	pos     int    // the cue's position
}

// --- paragraphs and sentences ---

// splitParagraphs cuts the text at blank lines and at line breaks that end
// a sentence; a line that stops mid-sentence is a wrapped line.
func (d *quoteDoc) splitParagraphs() {
	r := d.r
	start := 0
	for i, c := range r {
		if c != '\n' || !d.paragraphBreak(i) {
			continue
		}
		if start < i {
			d.paras = append(d.paras, qspan{start, i})
		}
		start = i + 1
	}
	if start < len(r) {
		d.paras = append(d.paras, qspan{start, len(r)})
	}
}

func (d *quoteDoc) paragraphBreak(i int) bool {
	r := d.r
	j := i - 1
	for j >= 0 && r[j] != '\n' && unicode.IsSpace(r[j]) {
		j--
	}
	k := i + 1
	for k < len(r) && r[k] != '\n' && unicode.IsSpace(r[k]) {
		k++
	}
	if j < 0 || r[j] == '\n' || k >= len(r) || r[k] == '\n' {
		return true // a blank line, or the text's edge
	}
	last, next := r[j], r[k]
	wrapped := unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',' || last == '-'
	return !wrapped || quoteFamily(next) != 0 || next == '-' || next == '•' || next == '*' || next == '—'
}

// isBoundary reports whether the sentence ends at r[i] (a full stop, a
// question or exclamation mark, an ellipsis) in a paragraph ending at pe:
// a space and a capital (or a quote, a digit) must follow, and a full stop
// after an abbreviation or an initial does not count.
func (d *quoteDoc) isBoundary(i, pe int) bool {
	r := d.r
	c := r[i]
	switch c {
	case '。', '！', '？':
		return true
	case '.', '!', '?', '…':
	default:
		return false
	}
	j := i + 1
	for j < pe && strings.ContainsRune(")]\"'’”»«“", r[j]) {
		j++
	}
	if j < pe && !unicode.IsSpace(r[j]) {
		return false
	}
	for j < pe && unicode.IsSpace(r[j]) {
		j++
	}
	if j >= pe {
		return true
	}
	n := r[j]
	if !(unicode.IsUpper(n) || unicode.IsDigit(n) || quoteFamily(n) != 0 || strings.ContainsRune("(¿¡—–-", n)) {
		return false
	}
	if c == '.' {
		k := i
		for k > 0 && (unicode.IsLetter(r[k-1]) || unicode.IsDigit(r[k-1])) {
			k--
		}
		w := strings.ToLower(string(r[k:i]))
		if qAbbreviations[w] || (i-k == 1 && unicode.IsUpper(r[k])) {
			return false
		}
		if w != "" && i-k <= 2 && qDigits(w) && qMonths[strings.ToLower(qWordAt(r, j, pe))] {
			return false // "am 1. März"
		}
	}
	return true
}

func qWordAt(r []rune, i, pe int) string {
	j := i
	for j < pe && unicode.IsLetter(r[j]) {
		j++
	}
	return string(r[i:j])
}

func qDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// countSentences counts the sentences of r[s:e].
func (d *quoteDoc) countSentences(s, e int) int {
	n := 1
	for i := s; i < e-1; i++ {
		if d.isBoundary(i, e) {
			n++
		}
	}
	return n
}

// sentencesOf splits a paragraph into sentences, stepping over its quotes
// (a quote of three sentences is part of one sentence of the article).
func (d *quoteDoc) sentencesOf(p qspan, qs []*quoteCand) []qspan {
	var out []qspan
	start, k := p.s, 0
	for i := p.s; i < p.e; i++ {
		if k < len(qs) && i == qs[k].open {
			i = qs[k].end - 1
			k++
			continue
		}
		if d.isBoundary(i, p.e) {
			out = append(out, qspan{start, i + 1})
			start = i + 1
		}
	}
	if start < p.e {
		out = append(out, qspan{start, p.e})
	}
	return out
}

// --- marks ---

const (
	qfamDouble = iota + 1
	qfamSingle
	qfamGuillemet
	qfamGuillemetSingle
	qfamCorner
	qfamWhiteCorner
)

func quoteFamily(c rune) int {
	switch c {
	case '"', '“', '”', '„', '‟':
		return qfamDouble
	case '\'', '‘', '’', '‚', '‛':
		return qfamSingle
	case '«', '»':
		return qfamGuillemet
	case '‹', '›':
		return qfamGuillemetSingle
	case '「', '」':
		return qfamCorner
	case '『', '』':
		return qfamWhiteCorner
	}
	return 0
}

func qWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

// A quote may open after these, and close before the second set.
func qOpensAfter(c rune) bool {
	return strings.ContainsRune("([{<—–-/:¿¡", c) || quoteFamily(c) != 0
}
func qClosesBefore(c rune) bool {
	return strings.ContainsRune(".,;:!?)]}>…—–-/", c) || quoteFamily(c) != 0
}

// flank tells whether the mark at i may open or close a quote in paragraph p.
func (d *quoteDoc) flank(i int, p qspan) (canOpen, canClose bool) {
	r := d.r
	c := r[i]
	prev, next := ' ', ' '
	if i > p.s {
		prev = r[i-1]
	}
	if i+1 < p.e {
		next = r[i+1]
	}
	spaceP, spaceN := unicode.IsSpace(prev), unicode.IsSpace(next)
	left := !spaceN && (spaceP || qOpensAfter(prev))
	right := !spaceP && (spaceN || qClosesBefore(next))
	switch c {
	case '"', '“':
		return left, right
	case '”':
		return left && !right, right
	case '„', '‚':
		return !spaceN && (spaceP || qOpensAfter(prev) || c == '„'), false
	case '‘':
		return left && !unicode.IsDigit(next), right
	case '’', '\'', '‛':
		if qWordRune(prev) && qWordRune(next) {
			return false, false // don't, it's, the peninsula's
		}
		return c != '’' && left && !unicode.IsDigit(next), right
	case '«', '‹':
		// « texte » with (non-breaking) spaces inside, or »…« (German)
		after := !spaceN || (i+2 < p.e && !unicode.IsSpace(r[i+2]))
		return (spaceP || qOpensAfter(prev)) && after, right
	case '»', '›':
		before := !spaceP || (i-2 >= p.s && !unicode.IsSpace(r[i-2]))
		canClose = before && (spaceN || qClosesBefore(next))
		return !canClose && (spaceP || qOpensAfter(prev)) && !spaceN, canClose
	case '「', '『':
		return true, false
	case '」', '』':
		return false, true
	}
	return false, false
}

// possessive reports whether a single closing mark at i is rather a plural
// possessive (the parents’ cars) because another closing mark follows in
// the sentence.
func (d *quoteDoc) possessive(i int, p qspan) bool {
	r := d.r
	if i == p.s || (r[i-1] != 's' && r[i-1] != 'S') || i+2 >= p.e || r[i+1] != ' ' || !unicode.IsLower(r[i+2]) {
		return false
	}
	for j := i + 2; j < p.e && j < i+200; j++ {
		if d.isBoundary(j, p.e) {
			return false
		}
		if quoteFamily(r[j]) == qfamSingle {
			if _, cl := d.flank(j, p); cl {
				return true
			}
		}
	}
	return false
}

// pair finds the quotes of every paragraph, keeping the top-level ones.
func (d *quoteDoc) pair() {
	type opener struct {
		pos int
		fam int
	}
	var all []*quoteCand
	for pi, p := range d.paras {
		var stack []opener
		for i := p.s; i < p.e; i++ {
			fam := quoteFamily(d.r[i])
			if fam == 0 {
				continue
			}
			canOpen, canClose := d.flank(i, p)
			if canClose {
				j := len(stack) - 1
				for j >= 0 && stack[j].fam != fam {
					j--
				}
				if j >= 0 && !(fam == qfamSingle && d.possessive(i, p)) {
					if q := d.newQuote(stack[j].pos, i, i+1, pi); q != nil {
						all = append(all, q)
					}
					stack = stack[:j]
					continue
				}
			}
			if canOpen {
				stack = append(stack, opener{i, fam})
			}
		}
		if len(stack) > 0 {
			if q := d.continuedQuote(stack[0].pos, stack[0].fam, pi); q != nil {
				all = append(all, q)
			}
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].open < all[b].open })
	var last *quoteCand
	for _, q := range all {
		if last != nil && q.open < last.end {
			last.nested = true
			continue
		}
		d.quotes = append(d.quotes, q)
		last = q
	}
}

// newQuote makes the quote between the marks at o and c (end just after
// the closing mark), or nil when it holds no words or runs too long.
func (d *quoteDoc) newQuote(o, c, end, para int) *quoteCand {
	s, e := o+1, c
	for s < e && unicode.IsSpace(d.r[s]) {
		s++
	}
	for e > s && unicode.IsSpace(d.r[e-1]) {
		e--
	}
	if e-s > quoteMaxRunes || !qHasWord(d.r[s:e]) || d.countSentences(s, e) > quoteMaxSentences {
		return nil
	}
	return &quoteCand{open: o, end: end, oc: d.r[o], s: s, e: e, para: para, spaced: s > o+1 || e < c}
}

// continuedQuote is the first part of a quote that goes on in the next
// paragraph: its opening mark has no closing one, its paragraph ends a
// sentence, and the next paragraph opens with a mark of its family (the
// convention for quotes of several paragraphs).
func (d *quoteDoc) continuedQuote(o, fam, pi int) *quoteCand {
	if pi+1 >= len(d.paras) {
		return nil
	}
	p, n := d.paras[pi], d.paras[pi+1]
	e := p.e
	for e > o && unicode.IsSpace(d.r[e-1]) {
		e--
	}
	if e == o || !strings.ContainsRune(".!?…", d.r[e-1]) {
		return nil
	}
	k := n.s
	for k < n.e && unicode.IsSpace(d.r[k]) {
		k++
	}
	if k >= n.e || quoteFamily(d.r[k]) != fam {
		return nil
	}
	if op, _ := d.flank(k, n); !op {
		return nil
	}
	q := d.newQuote(o, e, p.e, pi)
	if q != nil {
		q.continued = true
	}
	return q
}

func qHasWord(r []rune) bool {
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

// --- tokens ---

type qtok struct {
	s, e int
	word bool
	cap  bool   // starts with a capital (after an elided l', d')
	caps bool   // all capitals, two letters or more: an acronym
	name bool   // may be part of a name (see markNames)
	low  string // lower case, ’ as '
}

func (d *quoteDoc) tokenize() {
	r, text := d.r, d.src
	d.toks = make([]qtok, 0, len(r)/5)
	var buf []rune
	for i, bi := 0, 0; i < len(r); {
		c := r[i]
		if unicode.IsSpace(c) {
			i, bi = i+1, bi+utf8.RuneLen(c)
			continue
		}
		if !qWordRune(c) {
			n := utf8.RuneLen(c)
			d.toks = append(d.toks, qtok{s: i, e: i + 1, low: text[bi : bi+n]})
			i, bi = i+1, bi+n
			continue
		}
		j, bj := i+1, bi+utf8.RuneLen(c)
		for j < len(r) {
			if qWordRune(r[j]) {
				j, bj = j+1, bj+utf8.RuneLen(r[j])
			} else if (r[j] == '-' || r[j] == '\'' || r[j] == '’' || r[j] == '‐') && j+1 < len(r) && qWordRune(r[j+1]) {
				j, bj = j+2, bj+utf8.RuneLen(r[j])+utf8.RuneLen(r[j+1])
			} else {
				break
			}
		}
		t := qtok{s: i, e: j, word: true, low: text[bi:bj]}
		lower := true
		for _, c := range r[i:j] {
			if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && (c == '’' || unicode.ToLower(c) != c) {
				lower = false
				break
			}
		}
		if !lower { // the text's own words when already in lower case: no copy
			buf = buf[:0]
			for _, c := range r[i:j] {
				if c == '’' {
					c = '\''
				}
				buf = append(buf, unicode.ToLower(c))
			}
			t.low = string(buf)
		}
		k := i
		if j-i > 2 && (r[i+1] == '\'' || r[i+1] == '’') && strings.ContainsRune("lLdD", r[i]) {
			k = i + 2 // l'ONU, d'Emmanuel
		}
		for p := i + 2; p < i+6 && p+1 < j; p++ {
			if (r[p] == '\'' || r[p] == '’') && (r[p-1] == 'l' || r[p-1] == 'L') && unicode.IsUpper(r[p+1]) {
				k = p + 1 // dell’Alcara, all’Ospedale
				break
			}
		}
		t.cap = unicode.IsUpper(r[k]) || unicode.IsTitle(r[k])
		if j-i >= 2 {
			t.caps = true
			for _, c := range r[i:j] {
				if unicode.IsLower(c) {
					t.caps = false
					break
				}
			}
		}
		d.toks = append(d.toks, t)
		i, bi = j, bj
	}
	d.markNames()
}

// markNames marks the words that may be part of a name: capitalised, no
// function word, no number, and not a common word capitalised only
// because it opens a sentence ("Later Lopez added": later is written in
// lower case elsewhere in the text).
func (d *quoteDoc) markNames() {
	lower := make(map[string]bool, len(d.toks)/2)
	for _, t := range d.toks {
		if t.word && !t.cap {
			lower[t.low] = true
		}
	}
	for k := range d.toks {
		t := &d.toks[k]
		start := k == 0 || strings.Contains(".!?:;\"“”„«»—–", d.toks[k-1].low) || d.lineBetween(k-1, k)
		t.name = t.word && t.cap && !qFuncWords[t.low] && !qDigits(t.low)
		if t.name && lower[t.low] && start {
			t.name = false
		}
		if t.word && t.cap && qFuncWords[t.low] && !start && k > 0 && d.toks[k-1].word && !d.toks[k-1].cap && d.isTitle(k-1) &&
			k+1 < len(d.toks) && d.toks[k+1].word && d.toks[k+1].cap && !qFuncWords[d.toks[k+1].low] {
			t.name = true // "zei rechter An Mertens": a first name that is a function word elsewhere
		}
	}
}

// tokRange is the tokens inside r[a:b].
func (d *quoteDoc) tokRange(a, b int) (int, int) {
	i := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= a })
	j := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].e > b })
	if j < i {
		j = i
	}
	return i, j
}

// tokAt is the first token at or after pos.
func (d *quoteDoc) tokAt(pos int) int {
	return sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= pos })
}

func (d *quoteDoc) text(i, j int) string {
	if i >= j {
		return ""
	}
	return strings.Join(strings.Fields(string(d.r[d.toks[i].s:d.toks[j-1].e])), " ")
}

// nameWord: a capitalised word that is no function word.
func (d *quoteDoc) nameWord(k int) bool { return d.toks[k].name }

func (d *quoteDoc) isTitle(k int) bool {
	t := d.toks[k]
	if !t.word {
		return t.low == "." && k > 0 && qTitles[d.toks[k-1].low]
	}
	if qTitles[t.low] || t.cap && d.lang == "de" && qGermanDegrees[t.low] {
		return true
	}
	if i := strings.LastIndexByte(t.low, '-'); i > 0 && i+1 < len(t.low) && qTitles[t.low[i+1:]] {
		return true // FPÖ-Stadtrat, Groen-raadslid: a party and the office
	}
	for _, suf := range qTitleSuffixes {
		if len(t.low) > len(suf)+2 && strings.HasSuffix(t.low, suf) {
			return true
		}
	}
	return false
}

// lineBetween reports whether a line break separates tokens a and b.
func (d *quoteDoc) lineBetween(a, b int) bool {
	for i := d.toks[a].e; i < d.toks[b].s; i++ {
		if d.r[i] == '\n' {
			return true
		}
	}
	return false
}

// qLangMarks are frequent words that tell a language from its neighbours
// (one line a language, in qLangs' order).
var (
	qLangs     = []string{"en", "nl", "de", "fr", "es", "pt", "it", "pl"}
	qLangMarks = func() []map[string]bool {
		var out []map[string]bool
		for _, l := range []string{
			`the and of is was with that for`,
			`het een niet zijn wordt ook naar voor dat bij`,
			`und der nicht ist mit sich auch dem`,
			`les des est une pas qui dans sur`,
			`el los del las por una que con`,
			`não uma com os ao pelo pela foi`,
			`il della che non gli per sono degli`,
			`się nie jest że na to oraz przez`,
		} {
			out = append(out, qWordSet(l))
		}
		return out
	}()
)

// guessLang is the language whose frequent words the text uses most, for
// the words that languages read differently (Dutch "de" is "the", Romance
// "de" is "of"); "" when none stands out (or the text is Cyrillic: its
// words are no other language's).
func (d *quoteDoc) guessLang() string {
	counts := make([]int, len(qLangs))
	n := 0
	for _, t := range d.toks {
		if !t.word {
			continue
		}
		if n++; n > 3000 {
			break
		}
		for i, m := range qLangMarks {
			if m[t.low] {
				counts[i]++
			}
		}
	}
	best := -1
	for i, c := range counts {
		if c >= 3 && (best < 0 || c > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return qLangs[best]
}

// isDet reports whether w is an article or a demonstrative in the text's
// language (any language's when it is not known).
func (d *quoteDoc) isDet(w string) bool {
	if qPossessiveDets[d.lang][w] {
		return true
	}
	if d.lang == "nl" {
		return qDutchDeterminers[w] || qDeterminers[w] && w != "die" && w != "de"
	}
	return qDeterminers[w]
}

// isPrep reports whether w is a preposition: Dutch "de" is not one.
func (d *quoteDoc) isPrep(w string) bool {
	if d.lang == "nl" && qDutchDeterminers[w] || qPossessiveDets[d.lang][w] {
		return false
	}
	if w == "a" && (d.lang == "en" || d.lang == "nl" || d.lang == "de" || d.lang == "pl") {
		return false // an article, or nothing, not Romance "to"
	}
	return qPrepositions[w]
}
