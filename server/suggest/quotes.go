package suggest

import (
	"math"
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
// Word lists (speech verbs, titles, function words, …) are at the end of
// the file, one line a language.

const (
	quoteMaxSentences = 5     // a quote longer than this is a missing closing mark
	quoteMaxRunes     = 3000  // the same, counted in code points
	quoteMinScore     = 0.3   // candidates below this are not proposed
	quoteAfterWords   = 9     // a cue after a quote starts within these words
	quoteBeforeWords  = 12    // a cue before a quote ends within these words
	quoteCalledWords  = 5     // "called it …": the quote follows within these words
	quotePronounBack  = 2500  // how far back (code points) a pronoun looks for its person
	quoteArticleBack  = 20000 // how far back a surname or "the ministry" looks for the full name
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
	d.buildRuns()
	d.attribute()
	return d.suggestions()
}

type qspan struct{ s, e int }

// quoteDoc is one run of the detector over one text.
type quoteDoc struct {
	in     Input
	src    string // in.Text, valid UTF-8
	r      []rune
	paras  []qspan
	quotes []*quoteCand // top-level quotes in text order
	toks   []qtok
	runs   []qNameRun
	said   []*quoteAttrib // attributions found so far, in text order
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
		t.name = t.word && t.cap && !qFuncWords[t.low] && !qDigits(t.low)
		if t.name && lower[t.low] && (k == 0 || strings.Contains(".!?:;\"“”„«»—–", d.toks[k-1].low) || d.lineBetween(k-1, k)) {
			t.name = false
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
	if qTitles[t.low] {
		return true
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

// --- names ---

// qNameRun is a run of capitalised words: a name, its titles taken off.
type qNameRun struct {
	ts, te    int      // tokens of the name
	words     []string // its words in lower case, possessive 's and elided l' taken off
	name      string
	titled    bool // a title or a role came before it: a person
	person    bool
	org       bool
	inQuote   bool
	afterPrep bool // "of Marsh Lane Law", "in Lindach": no subject, no antecedent
	det       bool // after an article: "the Ledger", "dem Schiedsrichter"
}

// runConnector: a particle inside a name (Yannick Le Bihan, Luiz Inácio
// Lula da Silva), not "of" (Daniel Okafor of Marsh Lane Law is two).
func (d *quoteDoc) runConnector(k int) bool {
	t := d.toks[k]
	return t.word && qConnectors[t.low] && t.low != "of" && t.low != "for" && k > 0 && d.nameWord(k-1) && k+1 < len(d.toks) && d.nameWord(k+1)
}

func (d *quoteDoc) buildRuns() {
	qi := 0
	for k := 0; k < len(d.toks); {
		if !d.nameWord(k) {
			k++
			continue
		}
		a, b := k, k+1
		for b < len(d.toks) && !d.lineBetween(b-1, b) && !qPossessive(d.toks[b-1].low) {
			if d.nameWord(b) {
				b++
			} else if d.toks[b].low == "." && qTitles[d.toks[b-1].low] && b+1 < len(d.toks) && d.nameWord(b+1) {
				b += 2 // Mr. Smith
			} else if d.runConnector(b) {
				b += 2
			} else {
				break
			}
		}
		k = b
		for qi < len(d.quotes) && d.quotes[qi].end <= d.toks[a].s {
			qi++
		}
		inQuote := qi < len(d.quotes) && d.quotes[qi].open <= d.toks[a].s
		if run, ok := d.makeRun(a, b); ok {
			run.inQuote = inQuote
			d.runs = append(d.runs, run)
		}
	}
}

// weakTitle: a capitalised word that names a role by its ending
// (Superintendent, Stürmer, Geschäftsführerin), which a first name may
// also have: it counts only before a first and a last name.
func (d *quoteDoc) weakTitle(k int) bool {
	t := d.toks[k]
	if !t.word || !t.cap {
		return false
	}
	for _, suf := range qWeakSuffixes {
		if len(t.low) > len(suf)+2 && strings.HasSuffix(t.low, suf) {
			return true
		}
	}
	return false
}

func (d *quoteDoc) nameWords(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if d.nameWord(k) {
			n++
		}
	}
	return n
}

// makeRun takes titles (President, Dr., Minister…), roles and acronyms
// off the front of the capitalised words toks[a:b].
func (d *quoteDoc) makeRun(a, b int) (qNameRun, bool) {
	titled := a > 0 && d.toks[a-1].word && d.isTitle(a-1)
	for t := b - 1; t >= a; t-- {
		if d.isTitle(t) {
			titled = true
			a = t + 1
			break
		}
	}
	for t := b - 3; t >= a; t-- {
		if d.weakTitle(t) && d.nameWords(t+1, b) >= 2 {
			titled = true
			a = t + 1
			break
		}
	}
	for a < b-1 && d.toks[a].caps {
		a++
	}
	for a < b && !d.nameWord(a) {
		a++
	}
	if a >= b {
		return qNameRun{}, false
	}
	if qCyrillic(d.toks[a].low) {
		// мэр Северогорска Андрей Ковалёв: a name is two words, or three with a patronymic
		for d.nameWords(a, b) > 3 || d.nameWords(a, b) == 3 && !qPatronymic(d.toks[b-2].low) {
			a++
		}
	}
	run := qNameRun{ts: a, te: b, titled: titled}
	hasOf := false
	for k := a; k < b; k++ {
		t := d.toks[k]
		if !t.word {
			continue
		}
		w := qElide(strings.TrimSuffix(t.low, "'s"))
		if qConnectors[w] {
			hasOf = hasOf || w == "of" || w == "for"
		}
		if qOrgWords[w] || qOrgSuffix(w) {
			run.org = true
		}
		run.words = append(run.words, w)
	}
	run.name = d.text(a, b)
	if low := d.toks[a].low; low != qElide(low) {
		run.name = strings.TrimSpace(string([]rune(run.name)[2:])) // l’ARS
	}
	if qPossessive(d.toks[b-1].low) {
		run.name = strings.TrimSuffix(strings.TrimSuffix(run.name, "'s"), "’s")
	}
	acronym := false
	for k := a; k < b; k++ {
		acronym = acronym || d.toks[k].caps
	}
	n := len(run.words)
	det := a > 0 && (qDeterminers[d.toks[a-1].low] || qIndefinites[d.toks[a-1].low])
	run.det = det
	run.afterPrep = a > 0 && qPrepositions[d.toks[a-1].low] || det && a > 1 && qPrepositions[d.toks[a-2].low]
	run.person = !run.org && !hasOf && !acronym && !qPlaceFirst[run.words[0]] && n <= 5 && (titled || n >= 2 && !det)
	return run, true
}

// qPatronymic: Владимирович, Сергеевна.
func qPatronymic(w string) bool {
	for _, suf := range []string{"ович", "евич", "ич", "овна", "евна", "ична", "инична"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// qElide takes an elided article off a word: l'ars, d'emmanuel.
func qElide(w string) string {
	if len(w) > 3 && (strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "d'")) {
		return w[2:]
	}
	return w
}

func qPossessive(low string) bool { return strings.HasSuffix(low, "'s") }

func qOrgSuffix(w string) bool {
	for _, suf := range qOrgSuffixes {
		if len(w) > len(suf) && strings.Contains(w, suf) {
			return true
		}
	}
	return false
}

// qSameWord compares name words, letting a Cyrillic name carry a case
// ending (Путина is Путин).
func qSameWord(query, cand string) bool {
	if query == cand {
		return true
	}
	if len(cand) < 6 || !strings.HasPrefix(query, cand) || !qCyrillic(cand) {
		return false
	}
	return len([]rune(query))-len([]rune(cand)) <= 2
}

func qCyrillic(s string) bool {
	for _, c := range s {
		return unicode.Is(unicode.Cyrillic, c)
	}
	return false
}

func qContainsWords(cand, query []string) bool {
	for i := 0; i+len(query) <= len(cand); i++ {
		ok := true
		for j := range query {
			if !qSameWord(query[j], cand[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// fullest is the longest name given before pos, outside quotes, that
// holds the words (a surname, a name without its first name); person
// keeps to names of people.
func (d *quoteDoc) fullest(words []string, pos int, person bool) (string, bool) {
	best, bestN := "", len(words)
	from := sort.Search(len(d.runs), func(i int) bool { return d.toks[d.runs[i].ts].s >= pos-quoteArticleBack })
	for _, run := range d.runs[from:] {
		if d.toks[run.ts].s >= pos {
			break
		}
		if run.inQuote || person && !run.person || len(run.words) < bestN || len(run.words) == bestN && best == "" {
			continue
		}
		if qContainsWords(run.words, words) {
			best, bestN = run.name, len(run.words)
		}
	}
	return best, best != ""
}

// --- attribution ---

func (d *quoteDoc) attribute() {
	qi := 0
	for pi, p := range d.paras {
		var qs []*quoteCand
		for qi < len(d.quotes) && d.quotes[qi].para == pi {
			qs = append(qs, d.quotes[qi])
			qi++
		}
		if len(qs) == 0 {
			continue
		}
		k := 0
		for _, sent := range d.sentencesOf(p, qs) {
			var in []*quoteCand
			for k < len(qs) && qs[k].open < sent.e {
				qs[k].sent = sent
				in = append(in, qs[k])
				k++
			}
			if len(in) > 0 {
				d.attributeSentence(sent, in)
			}
		}
	}
	// a quote of several paragraphs: its first parts take the speaker of the last
	for i := len(d.quotes) - 2; i >= 0; i-- {
		q, n := d.quotes[i], d.quotes[i+1]
		if q.continued && q.attr == nil && n.para == q.para+1 && n.attr != nil {
			q.attr, q.how = n.attr, "shared"
		}
	}
	// "“…,” she said. “…”": a quote standing alone goes on with the speaker before it
	for i := 1; i < len(d.quotes); i++ {
		q, prev := d.quotes[i], d.quotes[i-1]
		if q.attr != nil || prev.attr == nil || prev.attr.speaker == "" || !d.standsAlone(q) {
			continue
		}
		if q.para == prev.para || q.para == prev.para+1 && d.blank(d.paras[q.para].s, q.open) && !d.namesBetween(prev.sent.e, q.open) {
			q.attr, q.how = prev.attr, "follow"
		}
	}
	for i := len(d.quotes) - 2; i >= 0; i-- {
		q, n := d.quotes[i], d.quotes[i+1]
		if q.continued && q.attr == nil && n.para == q.para+1 && n.attr != nil {
			q.attr, q.how = n.attr, "shared"
		}
	}
}

// standsAlone: a quote that is a sentence of its own (a capital, and a
// full stop inside or right after the marks), not a phrase in a sentence.
func (d *quoteDoc) standsAlone(q *quoteCand) bool {
	if !unicode.IsUpper(d.r[q.s]) && !q.continued {
		return false
	}
	lo, _ := d.tokRange(q.sent.s, q.open)
	hi, _ := d.tokRange(q.end, q.sent.e)
	for k := lo; k < len(d.toks) && d.toks[k].e <= q.open; k++ {
		if d.toks[k].word {
			return false
		}
	}
	for k := hi; k < len(d.toks) && d.toks[k].s < q.sent.e; k++ {
		if d.toks[k].word {
			return false
		}
	}
	return true
}

// namesBetween reports whether a person is named in r[a:b] outside quotes.
func (d *quoteDoc) namesBetween(a, b int) bool {
	from := sort.Search(len(d.runs), func(i int) bool { return d.toks[d.runs[i].ts].s >= a })
	for _, run := range d.runs[from:] {
		s := d.toks[run.ts].s
		if s >= b {
			break
		}
		if s >= a && run.person && !run.inQuote {
			return true
		}
	}
	return false
}

func (d *quoteDoc) attributeSentence(sent qspan, qs []*quoteCand) {
	for k, q := range qs {
		if d.incise(q, sent) {
			continue
		}
		b := sent.e
		if k+1 < len(qs) {
			b = qs[k+1].open
		}
		if !q.continued {
			q.attr = d.findAttrib(q.end, b, false, sent)
		}
		if q.attr == nil {
			a := sent.s
			if k > 0 {
				a = qs[k-1].end
			}
			q.attr = d.findAttrib(a, q.open, true, sent)
			if q.attr == nil && k == 0 && d.blank(sent.s, q.open) && sent.s == d.paras[q.para].s && q.para > 0 {
				// "Lopez said:" ending the paragraph before
				pp := d.paras[q.para-1]
				e := pp.e
				for e > pp.s && unicode.IsSpace(d.r[e-1]) {
					e--
				}
				if e > pp.s && d.r[e-1] == ':' {
					ss := d.sentencesOf(pp, nil)
					if q.attr = d.findAttrib(ss[len(ss)-1].s, e, true, ss[len(ss)-1]); q.attr != nil {
						q.how = "previous paragraph"
					}
				}
			}
		}
		if q.attr != nil {
			d.said = append(d.said, q.attr)
		}
	}
	for k, q := range qs {
		if q.attr != nil {
			continue
		}
		// "“…” and “…,” said X": the sentence's other quote, when only a
		// few words part them
		for dist := 1; dist < len(qs) && q.attr == nil; dist++ {
			for _, j := range []int{k + dist, k - dist} {
				if j < 0 || j >= len(qs) || qs[j].attr == nil || qs[j].how != "" || qs[j].attr.kind == "called" {
					continue
				}
				a, b := min(q.end, qs[j].end), max(q.open, qs[j].open)
				if lo, hi := d.tokRange(a, b); d.words(lo, hi) <= 4 || qs[j].attr.pos > a && qs[j].attr.pos < b {
					q.attr, q.how = qs[j].attr, "shared"
					break
				}
			}
		}
	}
}

func (d *quoteDoc) blank(a, b int) bool {
	for _, c := range d.r[a:b] {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

func (d *quoteDoc) words(lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if d.toks[k].word {
			n++
		}
	}
	return n
}

// incise splits a quote around the attribution set inside its marks
// (« La décision, a-t-il déclaré, ne change rien. », «No sé —admitió
// Ruiz—, pero…»): two spans, one speaker. An attribution that ends the
// quote inside its marks is taken too, without a split.
func (d *quoteDoc) incise(q *quoteCand, sent qspan) bool {
	if q.continued {
		return false
	}
	lo, hi := d.tokRange(q.s, q.e)
	for k := lo + 1; k < hi-1; k++ {
		t := d.toks[k]
		dash := t.low == "—" || t.low == "–"
		if t.low != "," && !dash {
			continue
		}
		v := k + 1
		for v < hi && v < k+3 && d.toks[v].word && qSkipBefore[d.toks[v].low] {
			v++ // a dit, ha detto
		}
		if v < hi-1 && (qPronouns[d.toks[v].low] || d.nameWord(v) || qInverted(d.toks[v].low)) && !qSayVerbs[d.toks[v].low] {
			v++ // , she said,   , a-t-il déclaré,
		}
		if v >= hi {
			continue
		}
		c := d.cueAt(v, k+1, hi, false)
		if c.kind != qcueSay || c.participle {
			continue
		}
		e := -1
		if dash {
			for m := v + 1; m < hi && m < v+12; m++ {
				if d.toks[m].low == t.low {
					e = m
					break
				}
			}
		} else {
			end := v + 1
			if !c.pronoun && !qPronouns[d.toks[v-1].low] && !d.nameWord(v-1) {
				end = d.npAfter(v+1, hi)[1]
			}
			for end < hi && end < v+8 && d.toks[end].word {
				end++ // a-t-il affirmé sur France Inter.
			}
			if end == hi || strings.Contains(",.!?;", d.toks[end].low) {
				e = end
			}
		}
		if e < 0 {
			continue
		}
		at := d.resolveCue(c, k, e, sent, false)
		if at == nil || at.how == "" {
			continue
		}
		first := qspan{q.s, t.s}
		for first.e > first.s && unicode.IsSpace(d.r[first.e-1]) {
			first.e--
		}
		second := qspan{q.e, q.e}
		if e < hi {
			second.s = d.toks[e].e
			for second.s < q.e && (unicode.IsSpace(d.r[second.s]) || strings.ContainsRune(",;—–", d.r[second.s])) {
				second.s++
			}
		}
		if !qHasWord(d.r[first.s:first.e]) {
			continue
		}
		q.e, q.attr, q.how = first.e, at, "incise"
		if qHasWord(d.r[second.s:second.e]) {
			q.more = second
		}
		d.said = append(d.said, at)
		return true
	}
	return false
}

const (
	qcueSay = iota + 1
	qcueTell
	qcueCall
	qcueAccording
	qcueZufolge
	qcueSo
)

type qCue struct {
	kind, k, n int  // kind, first token, tokens
	participle bool // "adding", "jugeant": the speaker is the main clause's
	pronoun    bool // "dit-il", "affirme-t-elle": the speaker is in the verb
}

// cueAt reads an attribution cue at token k (its piece is toks[lo:hi]).
func (d *quoteDoc) cueAt(k, lo, hi int, before bool) qCue {
	t := d.toks[k]
	if !t.word {
		return qCue{}
	}
	w := t.low
	if strings.HasPrefix(w, "s'") && len(w) > 4 {
		w = w[2:] // s'interroge
	}
	next := func(n int) string {
		if k+n < hi && d.toks[k+n].word {
			return d.toks[k+n].low
		}
		return ""
	}
	switch {
	case qSayVerbs[w]:
		return qCue{kind: qcueSay, k: k, n: 1, participle: qParticiple(w)}
	case qTellVerbs[w]:
		return qCue{kind: qcueTell, k: k, n: 1}
	case qCallVerbs[w]:
		return qCue{kind: qcueCall, k: k, n: 1, participle: qParticiple(w)}
	case qAccordingCues[w]:
		return qCue{kind: qcueAccording, k: k, n: 1}
	case w == "according" && next(1) == "to", w == "по" && (next(1) == "словам" || next(1) == "мнению"),
		w == "за" && next(1) == "словами":
		return qCue{kind: qcueAccording, k: k, n: 2}
	case w == "de" && (next(1) == "acuerdo" && next(2) == "con" || next(1) == "acordo" && next(2) == "com"):
		return qCue{kind: qcueAccording, k: k, n: 3}
	case w == "zufolge":
		return qCue{kind: qcueZufolge, k: k, n: 1}
	case w == "so" && !before && k == lo+1 && !d.toks[lo].word && k+1 < hi && d.nameWord(k+1):
		return qCue{kind: qcueSo, k: k, n: 1} // „…“, so Scholz.
	}
	if i := strings.IndexByte(w, '-'); i > 0 && qSayVerbs[w[:i]] && qInverted(w) {
		return qCue{kind: qcueSay, k: k, n: 1, pronoun: true} // dit-il, affirme-t-elle
	}
	return qCue{}
}

// qParticiple: a verb form whose subject is the main clause's.
func qParticiple(w string) bool {
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ant") && !strings.HasSuffix(w, "iant") ||
		strings.HasSuffix(w, "ando") || strings.HasSuffix(w, "endo")
}

func qInverted(w string) bool {
	for _, p := range []string{"-il", "-elle", "-ils", "-elles", "-on"} {
		if strings.HasSuffix(w, p) {
			return true
		}
	}
	return false
}

// findAttrib looks for an attribution in r[a:b]: after a quote (before is
// false) a cue must come within quoteAfterWords words of its start, before
// a quote within quoteBeforeWords of its end.
func (d *quoteDoc) findAttrib(a, b int, before bool, sent qspan) *quoteAttrib {
	lo, hi := d.tokRange(a, b)
	if lo >= hi {
		return nil
	}
	if !before {
		words := 0
		for k := lo; k < hi && words < quoteAfterWords; k++ {
			if c := d.cueAt(k, lo, hi, false); c.kind != 0 && c.kind != qcueCall {
				if at := d.resolveCue(c, lo, hi, sent, false); at != nil {
					return at
				}
			}
			if d.toks[k].word {
				words++
			} else if strings.Contains(";()", d.toks[k].low) || d.isBoundary(d.toks[k].s, b) {
				break
			}
		}
		return nil
	}
	words := 0
	for k := hi - 1; k >= lo; k-- {
		if d.toks[k].word {
			words++
		}
		c := d.cueAt(k, lo, hi, true)
		if c.kind == qcueCall && words > quoteCalledWords+1 || c.kind == qcueSo {
			continue
		}
		if c.kind != 0 {
			if at := d.resolveCue(c, lo, hi, sent, true); at != nil {
				return at
			}
		}
		if words > quoteBeforeWords {
			break
		}
	}
	// Scholz: „…“ — a name and a colon, nothing else
	e := hi - 1
	if d.toks[e].low != ":" {
		return nil
	}
	at := &quoteAttrib{kind: "colon", pos: d.toks[e].s}
	s := e
	for s > lo && (d.nameWord(s-1) || d.isTitle(s-1) || d.runConnector(s-1)) {
		s--
	}
	if s < e && (s == lo || strings.Contains(".!?—–-|", d.toks[s-1].low)) {
		if sp := d.nameSpeaker(s, e); sp.how == "name" || sp.how == "surname" {
			at.speaker, at.how = sp.name, sp.how
		}
	}
	return at
}

// resolveCue finds the speaker of the cue c in the piece toks[lo:hi]; nil
// when the cue is no attribution of the quote next to the piece (after a
// quote, words before the cue that are not its subject: "… for his years
// in the Navy, said the council had").
func (d *quoteDoc) resolveCue(c qCue, lo, hi int, sent qspan, before bool) *quoteAttrib {
	at := &quoteAttrib{kind: "said", pos: d.toks[c.k].s}
	var sp qSpeaker
	switch c.kind {
	case qcueAccording, qcueSo:
		at.kind = "according"
		sp = d.speakerFromNP(d.npAfter(c.k+c.n, hi), true, at.pos)
	case qcueZufolge:
		at.kind = "according"
		np, _ := d.npBefore(lo, c.k)
		sp = d.speakerFromNP(np, false, at.pos)
	default:
		if c.kind == qcueCall {
			at.kind = "called"
		}
		if c.pronoun {
			sp = d.pronoun(d.toks[c.k].low[strings.LastIndexByte(d.toks[c.k].low, '-')+1:], at.pos)
			break
		}
		np, coord := d.npBefore(lo, c.k)
		if coord && !before {
			return nil // "‘…’ and said": a new clause, not this quote's attribution
		}
		if coord || c.participle {
			sp = d.mainSubject(sent, c.k)
			break
		}
		if c.kind == qcueCall && np[0] == np[1] {
			return nil // "the programme, called “Resilient Roots”": a name given, nobody speaking
		}
		comma := d.commaBefore(lo, c.k)
		if !before && np[0] > lo && d.words(lo, np[0]) > 0 && !comma {
			return nil
		}
		if !before && !comma && d.words(lo, c.k) == 0 && !d.quoteEndsPunct(lo) {
			return nil // "le « tram-bus » promis par …": no comma, no attribution
		}
		sp = d.speakerFromNP(np, false, at.pos)
		named := sp.named
		if sp.how == "" && c.kind == qcueSay && (!before || np[1] == lo || comma) {
			after := d.npAfter(c.k+c.n, hi)
			if !before || after[1] == hi || d.toks[hi-1].low == ":" {
				sp = d.speakerFromNP(after, true, at.pos)
			}
		}
		named = named || sp.named
		if sp.how == "" && comma {
			sp = d.sentenceSubject(sent, c.k)
		}
		sp.named = sp.named || named
	}
	if sp.how == "" && !sp.named {
		// no subject written: "», dijo." (the language drops it)
		sp = d.pronoun("", at.pos)
		sp.how = "implicit"
	}
	if sp.how != "name" && sp.how != "surname" && sp.how != "org" && d.anonymous(sent) {
		sp = qSpeaker{how: "anonymous"}
	}
	at.speaker, at.how = sp.name, sp.how
	return at
}

// quoteEndsPunct: the quote before the piece starting at token lo ends
// with a punctuation mark inside its marks, and so needs no comma after
// them before its attribution (",” she said", "?” she asked").
func (d *quoteDoc) quoteEndsPunct(lo int) bool {
	i := d.toks[lo].s - 1
	for i >= 0 && unicode.IsSpace(d.r[i]) {
		i--
	}
	if i < 0 || quoteFamily(d.r[i]) == 0 {
		return false
	}
	i--
	for i >= 0 && unicode.IsSpace(d.r[i]) {
		i--
	}
	return i >= 0 && strings.ContainsRune(",.;:?!…—–", d.r[i])
}

// commaBefore: the cue at k follows a comma or a dash (over auxiliaries),
// as an attribution after a quote does: "…”, said X", "«…», — сказал он".
func (d *quoteDoc) commaBefore(lo, k int) bool {
	j := k
	for j > lo && d.toks[j-1].word && qSkipBefore[d.toks[j-1].low] {
		j--
	}
	return j > lo && strings.Contains(",—–", d.toks[j-1].low)
}

// mainSubject is the speaker of the sentence's main verb, for a
// participle ("…, adding") or a second verb ("… and said").
func (d *quoteDoc) mainSubject(sent qspan, k int) qSpeaker {
	lo, _ := d.tokRange(sent.s, sent.e)
	for m := k - 1; m >= lo; m-- {
		if d.inQuote(d.toks[m].s) {
			continue
		}
		c := d.cueAt(m, lo, k, true)
		if c.kind == 0 || c.participle || c.kind == qcueAccording || c.kind == qcueZufolge || c.kind == qcueSo {
			continue
		}
		if at := d.resolveCue(c, lo, k, sent, true); at != nil && at.how != "implicit" {
			return qSpeaker{name: at.speaker, how: at.how}
		}
		break
	}
	return d.sentenceSubject(sent, k)
}

// sentenceSubject is the name that opens the sentence before its first
// comma: "Council leader Raymond Teale, known … as “the Admiral” …, said".
func (d *quoteDoc) sentenceSubject(sent qspan, k int) qSpeaker {
	lo, _ := d.tokRange(sent.s, sent.e)
	for m := lo; m < k && m < lo+9; m++ {
		if d.toks[m].low == "," {
			if sp := d.speakerFromNP([2]int{lo, m}, false, d.toks[lo].s); sp.how == "name" || sp.how == "surname" {
				return sp
			}
			break
		}
		if !d.toks[m].word && d.toks[m].low != "." {
			break
		}
	}
	return qSpeaker{}
}

// inQuote reports whether pos is inside a top-level quote.
func (d *quoteDoc) inQuote(pos int) bool {
	i := sort.Search(len(d.quotes), func(k int) bool { return d.quotes[k].end > pos })
	return i < len(d.quotes) && d.quotes[i].open <= pos
}

// anonymous reports whether the sentence says that its source is not named.
func (d *quoteDoc) anonymous(sent qspan) bool {
	s := strings.ToLower(string(d.r[sent.s:sent.e]))
	for _, m := range qAnonymityMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// npBefore is the noun phrase that ends just before the cue at k: over
// auxiliaries and adverbs ("has also said"), over an apposition ("Lopez,
// the minister of health, said"), or the apposition itself when it is the
// name ("the council's cabinet member for housing, Jim Baxter, said").
// coord is true when a conjunction comes first ("… and said"): the
// subject is the sentence's.
func (d *quoteDoc) npBefore(lo, k int) (np [2]int, coord bool) {
	j := k
	for j > lo && d.toks[j-1].word && (qSkipBefore[d.toks[j-1].low] || qClitics[d.toks[j-1].low]) {
		j-- // "has also said", "lo calificó", "l'a qualifié"
	}
	if j > lo && qConjunctions[d.toks[j-1].low] {
		return [2]int{j, j}, true
	}
	if j > lo && d.toks[j-1].low == "," {
		m := j - 2
		for ; m >= lo && m > j-18; m-- {
			if t := d.toks[m]; !t.word && !strings.Contains(".-()’'", t.low) {
				break
			}
		}
		if m < lo || d.toks[m].low != "," {
			return [2]int{j, j}, false
		}
		if d.nameWord(j-2) && d.nameWords(m+1, j-1) > 0 {
			name := true
			for x := m + 1; x < j-1; x++ {
				name = name && (d.nameWord(x) || d.isTitle(x) || qConnectors[d.toks[x].low] || d.toks[x].low == ".")
			}
			if name {
				return [2]int{m + 1, j - 1}, false
			}
		}
		j = m
	}
	i := d.phraseBack(lo, j, k)
	// "O vereador Jorge Amaral, da oposição, que votou contra, chamou":
	// more appositions, each after a comma and opening with a preposition
	for n := 0; n < 2 && i > lo && i < j && d.toks[i-1].low == "," && (qPrepositions[d.toks[i].low] || qClauseStops[d.toks[i].low]); n++ {
		j = i - 1
		i = d.phraseBack(lo, j, k)
	}
	return [2]int{i, j}, false
}

// phraseBack is where the phrase ending at j begins (at most 8 tokens).
func (d *quoteDoc) phraseBack(lo, j, k int) int {
	i := j
	for i > lo && j-i < 8 {
		t := d.toks[i-1]
		if !t.word {
			if t.low == "." && i-2 >= lo && (qTitles[d.toks[i-2].low] || qAbbreviations[d.toks[i-2].low]) {
				i--
				continue
			}
			break
		}
		if qClauseStops[t.low] || qPrepositions[t.low] && !qConnectors[t.low] || d.cueAt(i-1, lo, k, true).kind != 0 {
			break
		}
		i--
	}
	return i
}

// npAfter is the noun phrase that starts at k: up to a punctuation mark, a
// preposition, or a determiner after a name ("sagte Merkel der Zeitung");
// a description followed by the name in apposition gives the name ("la
// présidente du tribunal, Anne-Sophie Delorme").
func (d *quoteDoc) npAfter(k, hi int) [2]int {
	j := k
	sawName := false
	for j < hi && j-k < 9 {
		t := d.toks[j]
		if !t.word {
			if t.low == "." && j > k && qTitles[d.toks[j-1].low] {
				j++
				continue
			}
			break
		}
		according := k > 0 && qAccordingCues[d.toks[k-1].low] // segundo a Associação: "a" is no "to"
		article := (qDeterminers[t.low] || qIndefinites[t.low]) && !(t.low == "a" && !according && j+1 < hi && (qDeterminers[d.toks[j+1].low] || d.nameWord(j+1)))
		if d.runConnector(j) && sawName {
			j += 2 // Sandrine Le Goff
			continue
		}
		if article && !sawName {
			j++ // said the minister, disse a juíza
			continue
		}
		if qPrepositions[t.low] && !(qConnectors[t.low] && sawName && j+1 < hi && d.nameWord(j+1)) ||
			qClauseStops[t.low] || article || d.cueAt(j, k, hi, false).kind != 0 {
			break
		}
		if sawName && !d.nameWord(j) && !d.roleAhead(j, hi) {
			break // "sagte Merkel am …", "la SNCF mercredi soir"
		}
		if d.nameWord(j) {
			sawName = true
		}
		j++
		if qPronouns[t.low] && j == k+1 {
			return [2]int{k, j}
		}
	}
	if j > k+1 && !d.nameWord(j-1) && d.nameWord(k) && !qAnonHeads[d.toks[j-1].low] && !qRoleWord(d.toks[j-1].low) && !d.isTitle(j-1) {
		n := k + 1
		for n < j && (d.nameWord(n) || d.runConnector(n)) {
			n++
		}
		return [2]int{k, n} // "dijo Medina entre lágrimas"
	}
	if j > k && !d.nameWord(j-1) {
		// over a complement to a comma, then a name closed by , . ( or the
		// end; or, after a role, straight to the name ("l'assessora alla
		// mobilità Eugenio Patanè")
		role := d.isTitle(j-1) || qRoleWord(qElide(d.toks[j-1].low))
		direct := func(m int) bool { // a name right after the role's complement, not a complement's own
			return role && d.nameWord(m) && m > j && !d.nameWord(m-1) && !qPrepositions[d.toks[m-1].low] && qElide(d.toks[m].low) == d.toks[m].low
		}
		m := j
		for m < hi && m < j+6 && d.toks[m].word && !direct(m) {
			m++
		}
		if m < hi && direct(m) {
			m-- // the name starts at m+1
		}
		if m < hi && (d.toks[m].low == "," || role && d.nameWord(m+1)) && m+1 < hi && d.nameWord(m+1) {
			n := m + 1
			for n < hi && (d.nameWord(n) || d.runConnector(n)) {
				n++
			}
			if n == hi || strings.Contains(",.(;", d.toks[n].low) {
				return [2]int{m + 1, n}
			}
		}
	}
	return [2]int{k, j}
}

// roleAhead: the lower-case words from j lead to a role and a name
// ("Chinese foreign ministry spokesperson Wang Wenbin").
func (d *quoteDoc) roleAhead(j, hi int) bool {
	for m := j; m < hi && m < j+5 && d.toks[m].word; m++ {
		if d.nameWord(m) {
			return m > j && (d.isTitle(m-1) || qRoleWord(d.toks[m-1].low))
		}
	}
	return false
}

// qSpeaker is a resolved speaker.
type qSpeaker struct {
	name  string
	how   string // "" when the phrase names nobody
	named bool   // a phrase was there, naming nobody we know
}

// speakerFromNP reads the speaker from the noun phrase toks[i:j]; after
// tells that it followed its cue.
func (d *quoteDoc) speakerFromNP(ij [2]int, after bool, pos int) qSpeaker {
	i, j := ij[0], ij[1]
	if i >= j {
		return qSpeaker{}
	}
	sp := d.speakerFromPhrase(i, j, after, pos)
	if sp.how == "" && d.words(i, j) > 0 {
		sp.named = true
	}
	return sp
}

func (d *quoteDoc) speakerFromPhrase(i, j int, after bool, pos int) qSpeaker {
	if after && j == i+1 && qPronouns[d.toks[i].low] {
		return d.pronoun(d.toks[i].low, pos)
	}
	last := d.toks[j-1]
	if qPronouns[last.low] {
		return d.pronoun(last.low, pos)
	}
	if qInverted(last.low) && strings.Contains(last.low, "-t-") {
		return d.pronoun(last.low[strings.LastIndexByte(last.low, '-')+1:], pos) // a-t-il déclaré
	}
	if d.nameWord(j-1) && !d.isTitle(j-1) {
		m := j - 1
		for m > i && (d.nameWord(m-1) || d.isTitle(m-1) || m-2 >= i && d.runConnector(m-1) && d.nameWord(m-2) ||
			m-2 >= i && (d.toks[m-1].low == "of" || d.toks[m-1].low == "for") && d.nameWord(m-2)) {
			m--
		}
		p := m - 1
		if p > i && (qDeterminers[d.toks[p].low] || qIndefinites[d.toks[p].low]) {
			p--
		}
		if p > i && qPrepositions[d.toks[p].low] && d.toks[p-1].word && !d.nameWord(p-1) &&
			(!d.isTitle(p-1) || p-2 >= i && (qDeterminers[d.toks[p-2].low] || qIndefinites[d.toks[p-2].low])) {
			return d.description(i, p, pos) // "a resident of San Roque", "the head of the council": a person
		}
		if m-1 >= i && (qDeterminers[d.toks[m-1].low] || d.toks[m-1].word && qIndefinites[d.toks[m-1].low]) && j-m == 1 {
			return d.description(i, j, pos) // "ein Kreisrat", "der Minister"
		}
		if j-m == 1 && qAnonHeads[d.toks[m].low] {
			return qSpeaker{how: "anonymous"} // "Critics called it"
		}
		sp := d.nameSpeaker(m, j)
		// "Xi and Putin declared"
		if m-2 >= i && qConjunctions[d.toks[m-1].low] && d.nameWord(m-2) {
			n := m - 2
			for n > i && d.nameWord(n-1) {
				n--
			}
			if first := d.nameSpeaker(n, m-1); first.how != "" && sp.how != "" {
				sp.name = first.name + " " + string(d.r[d.toks[m-1].s:d.toks[m-1].e]) + " " + sp.name
			}
		}
		return sp
	}
	return d.description(i, j, pos)
}

// description reads a speaker described, not named: "the ministry", "a
// senior official", "sources", "the 24-year-old".
func (d *quoteDoc) description(i, j, pos int) qSpeaker {
	head := qElide(strings.TrimSuffix(d.toks[j-1].low, "'s"))
	det := -1
	for m := j - 1; m >= i && m >= j-5; m-- {
		if qDeterminers[d.toks[m].low] || qIndefinites[d.toks[m].low] || qElide(d.toks[m].low) != d.toks[m].low {
			det = m // the, l'assessora
			break
		}
	}
	if !d.toks[j-1].word || det < 0 && !d.isTitle(j-1) && !qRoleWord(head) && !qAnonHeads[head] && !qOrgWords[head] {
		return qSpeaker{}
	}
	if qAnonHeads[head] && (det < 0 || d.indefinite(det)) || det >= 0 && d.indefinite(det) {
		return qSpeaker{how: "anonymous"}
	}
	from := det
	if from < 0 {
		from = j - 1
	}
	var mods []string
	for m := from + 1; m < j-1; m++ {
		mods = append(mods, d.toks[m].low)
	}
	if name, ok := d.role(head, mods, pos); ok {
		return qSpeaker{name: name, how: "role"}
	}
	if d.toks[j-1].cap && j-from == 2 && !d.isTitle(j-1) && (qOrgWords[head] || qOrgSuffix(head)) {
		return qSpeaker{name: d.text(j-1, j), how: "org"} // das Landesgesundheitsministerium
	}
	if (d.isTitle(j-1) || qRoleWord(head) || strings.ContainsAny(head, "0123456789")) && !qOrgWords[head] && !qOrgSuffix(head) {
		// "the judge", "the 24-year-old": the person last named
		if sp := d.pronoun("", pos); sp.name != "" {
			sp.how = "role"
			return sp
		}
	}
	return qSpeaker{name: d.text(from, j), how: "description"}
}

// qRoleWord: a word for a role by its ending (coordenador, Sprecherin).
func qRoleWord(w string) bool {
	for _, suf := range qWeakSuffixes {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// indefinite reports whether the determiner at k is an indefinite article:
// "a" is one in English, but the feminine "the" in Portuguese ("a
// ministra").
func (d *quoteDoc) indefinite(k int) bool {
	t := d.toks[k]
	if t.low != "a" {
		return qIndefinites[t.low]
	}
	if d.in.Lang == "pt" {
		return false
	}
	if k+1 < len(d.toks) {
		n := []rune(d.toks[k+1].low)
		return !(len(n) > 3 && (n[len(n)-1] == 'a' || n[len(n)-1] == 'ã'))
	}
	return true
}

// nameSpeaker is the speaker named by the capitalised words toks[a:b],
// given in full when the article gave more of the name before.
func (d *quoteDoc) nameSpeaker(a, b int) qSpeaker {
	for p := a + 2; p < b; p++ {
		if w := d.toks[p].low; w == "of" || w == "for" {
			if run, ok := d.makeRun(a, p); ok && run.person {
				b = p // Daniel Okafor of Marsh Lane Law
			}
			break
		}
	}
	run, ok := d.makeRun(a, b)
	if !ok {
		// only a title: "the Russian President said"
		var mods []string
		for m := a; m < b-1; m++ {
			mods = append(mods, d.toks[m].low)
		}
		if name, ok := d.role(d.toks[b-1].low, mods, d.toks[a].s); ok {
			return qSpeaker{name: name, how: "role"}
		}
		return qSpeaker{name: d.text(a, b), how: "description"}
	}
	if full, ok := d.fullest(run.words, d.toks[a].s, len(run.words) == 1 || !run.org); ok {
		return qSpeaker{name: full, how: "surname"}
	}
	if run.org {
		return qSpeaker{name: run.name, how: "org"}
	}
	return qSpeaker{name: run.name, how: "name"}
}

// role finds who "the minister" or "the ministry" is: the last mention
// before pos of that word followed by a name (Health Minister Maria
// Lopez), heading or ending a capitalised name (Ministry of Health,
// Westhaven and District Hospitals Trust), or after a name and a comma
// (Maria Lopez, the health minister). A headline speaks of "the
// minister" before the article names her: failing all before pos, the
// mentions after it count.
func (d *quoteDoc) role(head string, mods []string, pos int) (string, bool) {
	if name, ok := d.roleIn(head, mods, pos, false); ok {
		return name, ok
	}
	return d.roleIn(head, mods, pos, true)
}

func (d *quoteDoc) roleIn(head string, mods []string, pos int, forward bool) (string, bool) {
	_, end := d.tokRange(0, pos)
	first, last, step := end-1, d.tokAt(pos-quoteArticleBack)-1, -1
	if forward {
		_, limit := d.tokRange(0, pos+quotePronounBack)
		first, last, step = end, limit, 1
	}
	orgPart := func(b int) bool {
		return b > 0 && b < len(d.toks) && !d.lineBetween(b-1, b) && (d.nameWord(b) ||
			d.toks[b].word && (qConnectors[d.toks[b].low] || d.toks[b].low == "and" || d.toks[b].low == "&") && b+1 < len(d.toks) && d.nameWord(b+1))
	}
	for pass := 0; pass < 2; pass++ {
		for k := first; k != last; k += step {
			t := d.toks[k]
			if !t.word || d.inQuote(t.s) || !(t.low == head || len(head) >= 5 && strings.HasSuffix(t.low, head) || qSameWord(t.low, head)) {
				continue
			}
			if pass == 0 && len(mods) > 0 && (k == 0 || d.toks[k-1].low != mods[len(mods)-1]) {
				continue
			}
			// followed by a name
			n := k + 1
			for n < len(d.toks) && d.isTitle(n) && !d.lineBetween(n-1, n) {
				n++
			}
			if n < len(d.toks) && d.nameWord(n) && !d.lineBetween(n-1, n) {
				b := n + 1
				for b < len(d.toks) && !qPossessive(d.toks[b-1].low) && (d.nameWord(b) || d.runConnector(b)) {
					b++
				}
				if run, ok := d.makeRun(n, b); ok && run.person {
					if full, ok := d.fullest(run.words, d.toks[n].s, true); ok {
						return full, true
					}
					return run.name, true
				}
			}
			// heading or ending a capitalised name (an organisation's; a
			// title only heading one: "Secretaria Municipal de Saúde", not
			// "Russian President")
			if t.cap {
				a, b := k, k+1
				for a > 0 && orgPart(a-1) && d.nameWord(a-1) || a > 1 && orgPart(a-1) && d.nameWord(a-2) {
					a--
				}
				for orgPart(b) {
					b++
				}
				for a < k && !d.nameWord(a) {
					a++
				}
				if b-a >= 2 && (a == k || b == k+1 && !d.isTitle(k)) {
					return d.text(a, b), true
				}
			}
			// "the coordinator of the survey, Luís Carvalho"
			for m := k + 1; m < len(d.toks) && m < k+6; m++ {
				if !d.toks[m].word {
					if d.toks[m].low == "," && m+1 < len(d.toks) && d.nameWord(m+1) {
						b := m + 2
						for b < len(d.toks) && (d.nameWord(b) || d.runConnector(b)) {
							b++
						}
						if b == len(d.toks) || strings.Contains(",.(;", d.toks[b].low) {
							if run, ok := d.makeRun(m+1, b); ok && run.person {
								return run.name, true
							}
						}
					}
					break
				}
			}
			// after "Name, the"
			m := k - 1
			for m >= 0 && m > k-5 && d.toks[m].word && !qDeterminers[d.toks[m].low] {
				m--
			}
			if m >= 2 && qDeterminers[d.toks[m].low] && d.toks[m-1].low == "," && d.nameWord(m-2) {
				a := m - 2
				for a > 0 && d.nameWord(a-1) {
					a--
				}
				if run, ok := d.makeRun(a, m-1); ok && !run.org {
					return run.name, true
				}
			}
		}
	}
	return "", false
}

// pronoun resolves a personal pronoun (or an unwritten subject, w == "")
// to a person named before pos: the subject of the last speech verb
// ("Carol Mensah, regional secretary of the Port and Dock Workers’ Union,
// said …"), unless a person is named in a later sentence, outside quotes
// and not as the object of a preposition. A plural pronoun goes to the
// organisation that spoke last.
func (d *quoteDoc) pronoun(w string, pos int) qSpeaker {
	if qGroupPronouns[w] {
		for i := len(d.said) - 1; i >= 0; i-- {
			a := d.said[i]
			if a.pos < pos-quotePronounBack {
				break
			}
			if a.pos < pos && (a.how == "org" || a.how == "description" || a.how == "role" && !strings.Contains(a.speaker, " ")) {
				return qSpeaker{name: a.speaker, how: "group"}
			}
		}
		return qSpeaker{how: "anonymous"}
	}
	subj, cue := d.speechSubject(pos)
	after := d.nextBoundary(cue, pos) // a person named after this counts over subj
	for i := sort.Search(len(d.runs), func(i int) bool { return d.toks[d.runs[i].ts].s >= pos }) - 1; i >= 0; i-- {
		run := d.runs[i]
		s := d.toks[run.ts].s
		if s < pos-quotePronounBack || subj != "" && s < after {
			break
		}
		if run.inQuote || run.afterPrep || run.det {
			continue
		}
		if run.person {
			if full, ok := d.fullest(run.words, s, true); ok {
				return qSpeaker{name: full, how: "pronoun"}
			}
			return qSpeaker{name: run.name, how: "pronoun"}
		}
		if len(run.words) == 1 && !run.org {
			if full, ok := d.fullest(run.words, s, true); ok {
				return qSpeaker{name: full, how: "pronoun"}
			}
		}
	}
	return qSpeaker{name: subj, how: "pronoun"}
}

// speechSubject is the name that is the subject of the last speech verb
// before pos outside quotes (and the verb's position).
func (d *quoteDoc) speechSubject(pos int) (string, int) {
	if d.depth > 0 {
		return "", 0
	}
	d.depth++
	defer func() { d.depth-- }()
	_, end := d.tokRange(0, pos)
	for k := end - 1; k >= 0 && d.toks[k].s > pos-quotePronounBack; k-- {
		c := d.cueAt(k, 0, len(d.toks), true)
		if c.kind != qcueSay && c.kind != qcueTell && c.kind != qcueCall || c.participle || c.pronoun || d.inQuote(d.toks[k].s) {
			continue
		}
		np, coord := d.npBefore(max(0, k-20), k)
		if coord || np[0] >= np[1] || !d.nameWord(np[1]-1) {
			continue
		}
		if sp := d.speakerFromNP(np, false, d.toks[k].s); sp.how == "name" || sp.how == "surname" {
			return sp.name, d.toks[k].s
		}
	}
	return "", 0
}

// nextBoundary is where the sentence that holds a ends (at most b).
func (d *quoteDoc) nextBoundary(a, b int) int {
	for i := a; i < b; i++ {
		if d.r[i] == '\n' || d.isBoundary(i, len(d.r)) {
			return i
		}
	}
	return b
}

// --- scoring ---

func (d *quoteDoc) suggestions() []Suggestion {
	out := make([]Suggestion, 0, len(d.quotes))
	for _, q := range d.quotes {
		rule := "marks"
		switch {
		case q.continued:
			rule = "continued"
		case q.how == "incise" || q.how == "follow":
			rule = q.how
		case q.attr != nil:
			rule = q.attr.kind
		}
		for _, sp := range []qspan{{q.s, q.e}, q.more} {
			if sp.e <= sp.s {
				continue
			}
			f := d.features(q, sp)
			score := 1 / (1 + math.Exp(-quoteLogit(f)))
			if score < quoteMinScore {
				continue
			}
			s := Suggestion{Label: "QUOTE", Start: sp.s, End: sp.e, Score: math.Round(score*1000) / 1000,
				Detector: "quote." + rule, Features: f}
			if q.attr != nil && q.attr.speaker != "" {
				s.Attrs = map[string]string{"speaker": q.attr.speaker}
			}
			out = append(out, s)
		}
	}
	return out
}

// quoteLogit weighs the features; a learned model may replace it.
func quoteLogit(f map[string]float64) float64 {
	z := -1.0
	switch {
	case f["attribution_verb"] > 0 || f["attribution_according"] > 0:
		z += 3
		if f["attribution_follow"] > 0 {
			z -= 1
		}
	case f["attribution_colon"] > 0:
		z += 1.2 + 0.8*f["speaker_found"]
	case f["attribution_called"] > 0:
		z += 2.5
	}
	if f["speaker_found"] > 0 || f["speaker_anonymous"] > 0 {
		z += 0.5
	}
	if f["full_sentence"] > 0 {
		z += 1.2
	}
	attributed := f["attribution_verb"]+f["attribution_according"]+f["attribution_called"] > 0
	switch n := f["len_words"]; {
	case n <= 2 && attributed:
		z -= 1.2 // "called the plan “reckless”", “no choice”
	case n <= 2:
		z -= 2.5
	case n == 3:
		z -= 0.5
	case n >= 6:
		z += 0.5
	}
	if f["inside_title_case"] > 0 {
		if f["attribution_verb"] > 0 {
			z -= 0.5
		} else {
			z -= 2
		}
	}
	z -= 3.5*f["title_cue"] + 4*f["scare_cue"] + 4*f["nickname"] + 3*f["compound"] + 3*f["addressee"]
	if attributed {
		z -= 0.6 * f["paragraph_unterminated"] // a headline: "Union calls cuts ‘a betrayal’"
	} else {
		z -= 1.2 * f["paragraph_unterminated"]
	}
	z -= 4*f["link_block"] + 0.5*f["in_heading"]
	return z
}

// features are the signals about the span sp of quote q.
func (d *quoteDoc) features(q *quoteCand, sp qspan) map[string]float64 {
	f := map[string]float64{}
	switch q.oc {
	case '"':
		f["marks_straight"] = 1
	case '“', '”', '‟':
		f["marks_curly"] = 1
	case '„':
		f["marks_low"] = 1
	case '«', '»', '‹', '›':
		f["marks_guillemet"] = 1
	case '「', '『':
		f["marks_corner"] = 1
	default:
		f["marks_single"] = 1
	}
	if q.spaced {
		f["spaced_inside"] = 1
	}
	content := d.r[sp.s:sp.e]
	lo, hi := d.tokRange(sp.s, sp.e)
	words, capWords, contentWords := 0, 0, 0
	for k := lo; k < hi; k++ {
		t := d.toks[k]
		if !t.word {
			continue
		}
		words++
		if !qFuncWords[t.low] && unicode.IsLetter([]rune(t.low)[0]) {
			contentWords++
			if t.cap {
				capWords++
			}
		}
	}
	f["len_words"] = float64(words)
	if n := d.countSentences(sp.s, sp.e); n > 1 {
		f["sentences"] = float64(n)
	}
	first, lastc := content[0], content[len(content)-1]
	endsPunct := strings.ContainsRune(".!?…,;:", lastc)
	closingPunct := q.end < len(d.r) && strings.ContainsRune(".!?", d.r[q.end])
	if unicode.IsUpper(first) {
		f["starts_upper"] = 1
	}
	if endsPunct {
		f["ends_punct"] = 1
	}
	if (unicode.IsUpper(first) || unicode.IsDigit(first) || first == '¿' || first == '¡') && (endsPunct || closingPunct) && words >= 3 {
		f["full_sentence"] = 1
	}
	if contentWords > 0 && float64(capWords) >= 0.8*float64(contentWords) && !strings.ContainsRune(".!?", lastc) && words <= 10 && !(words >= 4 && q.attr != nil && q.attr.kind == "said") {
		f["inside_title_case"] = 1
	}
	if q.nested {
		f["nested"] = 1
	}
	if q.continued {
		f["continued"] = 1
	}
	if a := q.attr; a != nil {
		switch a.kind {
		case "said":
			f["attribution_verb"] = 1
		case "according":
			f["attribution_according"] = 1
		case "colon":
			f["attribution_colon"] = 1
		case "called":
			f["attribution_called"] = 1
		}
		if a.speaker != "" {
			f["speaker_found"] = 1
		}
		switch a.how {
		case "anonymous":
			f["speaker_anonymous"] = 1
		case "pronoun", "implicit", "group":
			if a.speaker != "" {
				f["pronoun_resolved"] = 1
			}
		case "surname":
			f["surname_resolved"] = 1
		case "role":
			f["role_resolved"] = 1
		}
		switch q.how {
		case "shared":
			f["attribution_shared"] = 1
		case "follow":
			f["attribution_follow"] = 1
		case "incise":
			f["attribution_incise"] = 1
		case "previous paragraph":
			f["attribution_prev_paragraph"] = 1
		}
	}
	d.cueFeatures(q, f, words)
	d.placeFeatures(q, f)
	return f
}

// cueFeatures: the words around the marks that make a title, a scare
// quote or a nickname of them.
func (d *quoteDoc) cueFeatures(q *quoteCand, f map[string]float64, words int) {
	lo := d.tokAt(q.open)
	for k, n := lo-1, 0; k >= 0 && n < 3 && d.toks[k].e > q.sent.s-1; k-- {
		t := d.toks[k]
		if !t.word {
			if n == 0 && (t.low == "," || t.low == ":") {
				break // "the film, “…”" is not its title; "said: “…”" neither
			}
			continue
		}
		n++
		if qScareCues[t.low] || t.low == "called" && k > 0 && d.toks[k-1].low == "so" {
			f["scare_cue"] = 1
		}
		if qTitleCues[t.low] && (n == 1 || qNamingWords[t.low]) {
			f["title_cue"] = 1 // the film “…”, a report titled “…”
		}
		if n <= 2 && words <= 3 && (qSayVerbs[t.low] || qTellVerbs[t.low]) && unicode.IsUpper(d.r[q.s]) && !strings.ContainsRune(".!?,…", d.r[q.e-1]) &&
			(n == 1 || qPronouns[d.toks[k+1].low] || d.nameWord(k+1)) {
			f["addressee"] = 1 // сказала она «Северному вестнику», told “The Times”
		}
		if n == 1 && qAsWords[t.low] {
			// "known across the chamber as “the Admiral”"
			for m := k - 1; m >= 0 && m > k-7 && d.toks[m].word; m-- {
				if qKnownWords[d.toks[m].low] {
					f["nickname"] = 1
				}
			}
		}
	}
	if hi := d.tokAt(q.end); hi < len(d.toks) {
		t := d.toks[hi]
		if t.s == q.end && t.low == "-" {
			f["compound"] = 1 // „Bild“-Zeitung
		}
		if t.word && qTitleNouns[t.low] && t.s <= q.end+1 {
			f["title_cue"] = 1 // the “Guardian” newspaper
		}
		if t.word && qNickVerbs[t.low] && words <= 4 {
			f["nickname"] = 1 // den die Fans „den Bomber“ nennen
		}
		if words <= 3 && lo > 0 && d.nameWord(lo-1) && d.nameWord(hi) && d.toks[lo-1].e == q.open-1 && t.s == q.end+1 {
			f["nickname"] = 1 // Dwayne "The Rock" Johnson
		}
	}
}

// placeFeatures: where the quote stands (a paragraph of its own, a
// paragraph without a full stop, a link list, a heading).
func (d *quoteDoc) placeFeatures(q *quoteCand, f map[string]float64) {
	p := d.paras[q.para]
	e := p.e
	for e > p.s && unicode.IsSpace(d.r[e-1]) {
		e--
	}
	s := p.s
	for s < e && unicode.IsSpace(d.r[s]) {
		s++
	}
	if e > p.s {
		last := d.r[e-1]
		if quoteFamily(last) != 0 && e-2 >= p.s {
			last = d.r[e-2]
		}
		if !strings.ContainsRune(".!?…:;。！？", last) && !q.continued {
			f["paragraph_unterminated"] = 1
		}
	}
	if !qHasWord(d.r[s:q.open]) && !qHasWord(d.r[q.end:e]) {
		f["whole_paragraph"] = 1
	}
	if len(d.in.Blocks) > 0 {
		bs := d.in.Blocks
		i := sort.Search(len(bs), func(k int) bool { return bs[k].End > q.s })
		if i < len(bs) && bs[i].Start <= q.s {
			if bs[i].LinkDensity() > 0.5 {
				f["link_block"] = 1
			}
			if bs[i].Heading > 0 {
				f["in_heading"] = 1
			}
		}
	}
}

// --- word lists ---

func qWordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

var (
	qSayVerbs = qWordSet(
		// en
		`said says say saying added adds adding noted notes noting stated states warned warns warning insisted insists insisting
		wrote writes writing explained explains argued argues claimed claims declared declares announced announces asked asks
		replied replies responded responds continued commented comments remarked remarks observed observes acknowledged
		acknowledges admitted admits conceded concedes emphasised emphasized emphasises emphasizes stressed stresses recalled
		recalls tweeted tweets posted urged urges cautioned cautions predicted predicts suggested suggests agreed countered
		complained complains vowed vows promised promises boasted confirmed confirms lamented joked quipped shouted exclaimed
		whispered testified concluded reiterated reiterates maintained maintains contended asserted asserts alleged demanded
		pleaded mused wondered recounted recounts added explaining arguing`,
		// de
		`sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten meinte meint schrieb schreibt
		warnte warnt kritisierte kritisiert forderte fordert erläuterte erläutert unterstrich räumte bekräftigte versicherte
		ergänzte ergänzt teilte berichtete antwortete entgegnete kommentierte mahnte verkündete twitterte sagt meinte
		hieß heißt zitiert sprach spricht findet fand`,
		// fr
		`dit déclaré déclare affirmé affirme ajouté ajoute expliqué explique souligné souligne estimé estime indiqué indique
		assuré assure averti avertit insisté insiste écrit précisé précise lancé lance confié confie martelé martèle
		répondu répond rappelé rappelle dénoncé dénonce commenté commente annoncé annonce reconnu reconnaît poursuivi
		poursuit résumé tweeté regretté regrette jugé juge prévenu prévient observé raconte raconté glisse glissé interroge
		invoqué invoque promis promet appelle appelé salué salue contesté conteste jugeant estimant affirmant soulignant
		expliquant ajoutant déplore déploré s'inquiète inquiète félicite exclame`,
		// es
		`dijo dice decía afirmó afirma señaló señala declaró declara explicó explica aseguró asegura añadió añade agregó
		agrega advirtió advierte indicó indica insistió insiste manifestó manifiesta sostuvo sostiene subrayó subraya
		escribió escribe comentó comenta apuntó apunta expresó expresa destacó destaca precisó respondió responde
		recordó recuerda reconoció reconoce anunció anuncia denunció denuncia criticó concluyó dijeron afirmaron
		aseguran informó dicen afirman señalan explican indican sostienen advierten resume resumió admitió admite lamentó lamenta
		dicho afirmado declarado explicado señalado asegurado indicado añadido reconocido subrayado advertido insistido
		considera consideró estima estimó`,
		// pt
		`disse diz dizia afirmou declarou explicou acrescentou acrescenta escreveu ressaltou ressalta destacou
		avaliou avalia garantiu garante alertou alerta completou disseram afirmaram comentou respondeu lembrou observou
		criticou informou dizem afirmam admitiu reconheceu avisou dito afirmado declarado explicado`,
		// it
		`detto dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge sottolineato sottolinea scritto scrive
		commentato commenta precisato ribadito ribadisce osservato risposto risponde annunciato avvertito ricordato
		ricorda concluso rilevato assicurato`,
		// ru, uk
		`сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул подчеркнула добавил добавила
		добавили сообщил сообщила сообщили пояснил пояснила написал написала написали говорит говорят заявляет считает
		рассказал рассказала признал признала уточнил уточнила указал указала ответил ответила объяснил объяснила
		предупредил предупредила заметил заметила констатировал признался призналась признали сказав заявив зазначив додав повідомив`,
	)
	qTellVerbs     = qWordSet(`told tells tell informed reminded`)
	qCallVerbs     = qWordSet(`called calls call described describes branded labelled labeled termed nannte nennt bezeichnete bezeichnet qualifié qualifie qualifiait calificó califica llamó definió chamou classificou definiu definito назвал назвала назвали`)
	qAccordingCues = qWordSet(`laut selon d'après según segundo conforme secondo`)

	qAnonymityMarks = []string{"anonymity", "not to be named", "declined to be named", "not authorized to", "not authorised to",
		"anonym", "nicht genannt werden", "vorgehaltener hand", "anonymat", "anonimato", "no dar su nombre", "no ser identificad",
		"não quis se identificar", "não ser identificad", "non essere identificat", "анонимн", "пожелавш", "не назвал"}
	qNamingWords = qWordSet(`titled entitled named dubbed nicknamed intitulé intitulée baptisé baptisée titulado titulada intitulado intitulada intitolato intitolata namens под названием`)
	// qClitics are object pronouns before a verb: "Tellado lo calificó de …".
	qClitics    = qWordSet(`lo la le los las les lui leur li gli ne lhe lhes l' l'a`)
	qAsWords    = qWordSet(`as als comme como come как`)
	qKnownWords = qWordSet(`known referred bekannt connu connue conocido conocida conhecido conhecida noto nota известен известная`)
	qNickVerbs  = qWordSet(`nennen nennt nannten genannt surnomment surnommé apodan apodado apelidam chiamano называют`)

	qPronouns      = qWordSet(`he she they it er sie es il elle ils elles on él ella ellos ellas ele ela eles elas lui lei loro он она они оно`)
	qGroupPronouns = qWordSet(`they it es ils elles ellos ellas eles elas loro они оно`)
	qDeterminers   = qWordSet(`este esta estos estas ese esa esos esas aquel aquella ce cet cette ces dieser diese dieses questo questa quel quella
		the this that these his her its their der die das den dem des le la les l' el los las lo o os as il gli i lo`)
	qIndefinites = qWordSet(`a an one some several two three many ein eine einer einen einem un une des uno una unos unas um uma alguns algumas`)
	qAnonHeads   = qWordSet(`source sources official officials person people insider insiders diplomat diplomats witness witnesses resident residents
		critics opponents supporters experts analysts observers activists campaigners
		quelle quellen kreise insider source sources responsable responsables fuente fuentes fonte fontes fonti fonte источник источники`)
	qConjunctions = qWordSet(`and und et y e и i`)
	qConnectors   = qWordSet(`of for de del della dei di da dos das du van von der den ter bin ibn al la le y`)
	qPrepositions = qWordSet(`of in on at to for from with by during after before about over under into near than
		in im am an auf aus bei mit nach von vom zu zum zur für über unter vor gegenüber
		à au aux dans sur sous avec pour par en de du des lors après avant pendant devant
		en con por para de del al a entre durante tras desde sobre hacia ante
		em no na nos nas com por para de do da dos das ao
		a in con per da di del della al alla nel nella su
		в на с к из от до за для о об по при перед`)
	qClauseStops = qWordSet(`that which who whom whose because but when while as if since though although where what how
		dass weil aber wenn als wie ob obwohl denn
		que qui mais quand lorsque car où comme
		que quien pero cuando porque donde como
		que quem mas quando porque onde
		che chi ma quando perché dove come
		что который которая которые но когда как где потому
		was is are were be been will would could should can may might has have had`)
	qSkipBefore = qWordSet(`se also later then again previously earlier once recently repeatedly further often reportedly publicly
		privately separately however has have had had was is would will today yesterday tonight himself herself themselves
		auch noch bereits zudem außerdem ebenfalls hat habe haben hatte hatten
		a avait ont aussi encore déjà
		ha han había ya también
		tem tinha também já
		ha hanno aveva anche già
		также тоже ещё уже`)
	qFuncWords = qWordSet(
		`the a an and or but if in on at to of for with by from as is was were are be been has have had it its this that these those
		there their they he she we i you his her our my your after before during while when where what which who why how not no yes
		so than then also just only about over under into up out according said says mr mrs ms dr read more
		later earlier meanwhile however today yesterday now still yet instead separately previously afterwards here asked speaking
		später heute gestern dann danach zuvor außerdem ensuite puis hier aujourd'hui luego después ayer hoy además depois ontem hoje
		poi dopo ieri oggi позже вчера сегодня затем потом
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december`,
		`der die das den dem des ein eine einen einem einer eines und oder aber in im am an auf aus bei mit nach von vom zu zum zur
		für über unter vor durch gegen ohne um es er sie wir ich ihr sein seine ihre dieser diese dieses als wie wenn dass ob auch
		noch schon nur nicht kein keine so da dort hier heute gestern laut zufolge
		montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz mai juni juli oktober dezember`,
		`le la les l' un une des du de d' et ou mais dans sur sous avec pour par en au aux ce cet cette ces il elle ils elles nous
		vous je son sa ses leur leurs qui que quand comme si selon lundi mardi mercredi jeudi vendredi samedi dimanche janvier
		février mars avril mai juin juillet août septembre octobre novembre décembre`,
		`el la los las un una unos unas y o pero en con por para de del al a lo que como si cuando este esta estos estas ese esa
		su sus él ella ellos ellas según lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio
		julio agosto septiembre octubre noviembre diciembre`,
		`o a os as um uma e ou mas em no na nos nas com por para de do da dos das ao que como se quando este esta esse essa seu
		sua ele ela eles elas segundo segunda terça quarta quinta sexta sábado domingo janeiro fevereiro março abril maio junho
		julho agosto setembro outubro novembro dezembro`,
		`il lo la i gli le un una uno e o ma in con per da di del della dei delle al alla che come se quando questo questa quel
		suo sua lui lei loro secondo lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile
		maggio giugno luglio agosto settembre ottobre novembre dicembre`,
		`и в во на с со по к ко из от до за для о об а но или что как это этот эта он она они мы я его её их не`,
	)
	qMonths = qWordSet(`januar februar märz april mai juni juli august september oktober november dezember
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`)
	qAbbreviations = qWordSet(`mr mrs ms dr prof st gen sen rep gov lt col sgt capt cmdr adm jr sr inc ltd co corp no vs
		jan feb mar apr jun jul aug sep sept oct nov dec u.s m mme mlle hr fr sra srta dra sta ing av gral
		г ул им тов`)
	qTitles = qWordSet(
		`executive manager coach president prime minister chancellor secretary spokesman spokeswoman spokesperson senator governor mayor general gen
		colonel col captain capt king queen prince princess pope judge justice rep sen gov dr mr mrs ms miss sir dame lord lady
		prof professor ceo chairman chairwoman chair director ambassador commissioner leader head chief envoy officer deputy vice
		foreign state sheikh emir premier attorney sheriff detective sergeant sgt lieutenant lt coach bishop cardinal rabbi imam
		presidential minister-president`,
		`herr frau präsident präsidentin kanzler kanzlerin minister ministerin bürgermeister bürgermeisterin sprecher sprecherin
		chef chefin vorsitzende vorsitzender ministerpräsident ministerpräsidentin`,
		`m mme mlle me maître docteur président présidente ministre premier porte-parole maire général secrétaire directeur directrice`,
		`sr sra don doña presidente presidenta ministro ministra portavoz alcalde alcaldesa secretario secretaria director
		directora jefe jefa canciller`,
		`porta-voz prefeito prefeita senador senadora deputado deputada governador governadora`,
		`portavoce sindaco premier`,
		`президент министр депутат судья адвокат премьер премьер-министр глава пресс-секретарь представитель мэр губернатор генерал председатель
		директор господин г-н канцлер`,
	)
	// qWeakSuffixes end words for roles, and some first names: a role only before two names.
	qWeakSuffixes = []string{"er", "or", "ent", "ant", "ist", "ian", "back", "man", "woman", "erin", "in", "eur", "euse", "ice",
		"iste", "ien", "ienne", "ora", "ista", "ente", "ero", "era", "ario", "aria", "ário", "ária"}
	qTitleSuffixes = []string{"minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin",
		"chef", "chefin", "bürgermeister", "sekretär", "sekretärin", "leiter", "leiterin", "министр", "secretary"}
	qOrgWords = qWordSet(`trust ministry court agency party union council bank university news company corporation group association
		committee department office government police army navy forces force times post kremlin inc ltd corp reuters afp bbc cnn
		organization organisation nations federation republic kingdom states commission parliament assembly senate congress
		institute foundation centre center service network channel tv radio press house agency authority board
		ministerium regierung polizei bundesregierung partei gericht
		ministère gouvernement police tribunal parti
		ministerio gobierno policía tribunal partido
		ministério governo polícia
		ministero governo polizia
		министерство правительство кремль мид суд партия`)
	qOrgSuffixes = []string{"ministerium", "regierung", "ministry", "министерство"}
	qPlaceFirst  = qWordSet(`north south east west new saint san santa los las hong el al united`)
	qScareCues   = qWordSet(`so-called sogenannte sogenannten sogenannter sogenanntes soi-disant prétendu prétendue supuesto supuesta
		llamado llamada cosiddetto cosiddetta chamado chamada так называемый так называемая называемых называемые называемой`)
	qTitleCues = qWordSet(`film films movie book novel song album series show play opera poem documentary essay headline
		operation operations campaign programme program law act bill project exhibition game titled entitled named dubbed
		nicknamed hashtag slogan motto brand newspaper magazine
		buch roman lied serie sendung operation gesetz titel kampagne programm projekt zeitung magazin genannt namens spitzname
		livre chanson opération loi série émission intitulé intitulée baptisé baptisée surnommé surnommée journal
		película libro novela canción operación ley serie programa titulado titulada apodado apodada bautizado periódico revista proyecto
		filme livro romance canção operação lei série intitulado intitulada apelidado apelidada jornal revista projeto
		romanzo canzone operazione legge intitolato intitolata soprannominato giornale rivista progetto
		фильм книга книги роман песня песни операция операции закон закона сериал программа газета газеты журнал проект названием прозвище акция`)
	qTitleNouns = qWordSet(`newspaper magazine daily film movie series show album campaign operation`)
)
