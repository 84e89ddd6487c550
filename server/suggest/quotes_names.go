package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	linked    bool // in a block of links (a tag list: "Temas: Julián Arrieta Deuda")
	byline    bool // in a line of names alone ("Lucía Beltrán / Pablo Cuesta", "By Ana Ruiz"): the writers, no antecedent
	chrome    bool // before the page's h1: the site's name, its menus and top bar, no antecedent
	det       bool // after an article: "the Ledger", "dem Schiedsrichter"
}

// runConnector: a particle inside a name (Yannick Le Bihan, Luiz Inácio
// Lula da Silva), not "of" (Daniel Okafor of Marsh Lane Law is two).
// Two particles may follow one another (Pieter van den Berg, Maria de la
// Cruz).
func (d *quoteDoc) runConnector(k int) bool {
	conn := func(k int) bool {
		t := d.toks[k]
		return t.word && qConnectors[t.low] && t.low != "of" && t.low != "for"
	}
	if !conn(k) || k == 0 || k+1 >= len(d.toks) {
		return false
	}
	before := d.nameWord(k-1) || k > 1 && conn(k-1) && d.nameWord(k-2)
	after := d.nameWord(k+1) || k+2 < len(d.toks) && conn(k+1) && d.nameWord(k+2)
	if before && after && d.nameWord(k-1) && d.nameWord(k+1) && k+2 < len(d.toks) && d.nameWord(k+2) && k > 1 && d.nameWord(k-2) {
		// a first name and a surname, then two names after the particle:
		// the person and where they work ("Jeroen Wubbels van Hogeschool
		// Polderland"), where a particle takes one surname (Vincent van
		// Gogh, Pieter van den Berg); an organisation's name keeps it
		for m := k - 2; m < k; m++ {
			if qOrgWords[d.toks[m].low] {
				return true
			}
		}
		return false
	}
	return before && after
}

// pluralPossessive: the apostrophe at k makes the name word before it,
// a plural, the possessive inside a name ("Dunmara Landowners’ Group",
// "St Mary’s Parents’ Association"): no space either side of it before,
// a name word after, and no quote closing there.
func (d *quoteDoc) pluralPossessive(k int) bool {
	t := d.toks[k]
	if t.word || t.low != "’" && t.low != "'" || k == 0 || k+1 >= len(d.toks) {
		return false
	}
	p, n := d.toks[k-1], d.toks[k+1]
	if p.e != t.s || !strings.HasSuffix(p.low, "s") || n.s != t.e+1 || d.r[t.e] != ' ' || !d.nameWord(k+1) {
		return false
	}
	for _, q := range d.quotes {
		if q.e <= t.s && t.s < q.end {
			return false // the quote's closing mark
		}
	}
	return true
}

func (d *quoteDoc) buildRuns() {
	qi := 0
	headline := d.headline()
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
			} else if d.runConnector(b) || d.pluralPossessive(b) {
				b += 2
			} else if qLegalForms[d.toks[b].low] && d.toks[b].word {
				b++ // Acque Brenzola spa
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
			run.linked = d.inLinkBlock(d.toks[a].s)
			run.byline = d.namesLine(a)
			run.chrome = d.toks[a].s < headline
			d.runs = append(d.runs, run)
		}
	}
}

// headline is where the page's h1 starts, when its blocks are known (-1
// when not): what comes before it is the site's chrome.
func (d *quoteDoc) headline() int {
	if d.h1 == 0 {
		d.h1 = -1
		for _, b := range d.in.Blocks {
			if b.Heading == 1 {
				d.h1 = b.Start
				break
			}
		}
	}
	return d.h1
}

// nameText is the text of the name toks[a:b] without the elided article
// its first word carries (L’Associazione → Associazione).
func (d *quoteDoc) nameText(a, b int) string {
	name := d.text(a, b)
	if low := d.toks[a].low; low != qElide(low) {
		name = qTrimElision(name)
	}
	return name
}

// qTrimElision takes the two characters of an elided article off name.
func qTrimElision(name string) string {
	return strings.TrimSpace(string([]rune(name)[2:]))
}

// namesLine reports whether token k stands in a byline: a line of names
// and the words that join them, and nothing else, with a "by" or more
// than one name (a name alone on a line may be a caption's, a quote's).
func (d *quoteDoc) namesLine(k int) bool {
	lo, hi := k, k+1
	for lo > 0 && !d.lineBetween(lo-1, lo) {
		lo--
	}
	for hi < len(d.toks) && !d.lineBetween(hi-1, hi) {
		hi++
	}
	joined := false
	for m := lo; m < hi; m++ {
		t := d.toks[m]
		if t.word && !d.nameWord(m) && !qBylineWords[t.low] && !d.runConnector(m) || !t.word && !strings.Contains("/,|·&", t.low) {
			return false
		}
		joined = joined || !t.word || qBylineWords[t.low] && !d.runConnector(m)
	}
	// one name alone on its line ("Sébastien Magnin" above the date) is
	// the writer's when the article never names that surname again; a
	// caption's or a quote's name ("Liam Fletcher") is named in the body
	return joined || hi-lo >= 2 && hi-lo <= 3 && d.wordCount()[d.toks[hi-1].low] == 1
}

// wordCount counts the text's words (in lower case), once.
func (d *quoteDoc) wordCount() map[string]int {
	if d.counts == nil {
		d.counts = make(map[string]int)
		for _, t := range d.toks {
			if t.word {
				d.counts[t.low]++
			}
		}
	}
	return d.counts
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
	b = d.dropPostNominal(a, b)
	titled := a > 0 && d.toks[a-1].word && d.isTitle(a-1)
	for t := b - 1; t >= a; t-- {
		if d.isTitle(t) {
			titled = true
			a = t + 1
			break
		}
	}
	orgLast := qOrgWords[qElide(strings.TrimSuffix(d.toks[b-1].low, "'s"))]
	for t := b - 3; t >= a && !orgLast; t-- { // "Ambulance Service NHS Trust" keeps its Service
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
	if !d.toks[a].caps && d.nameWords(a, b) >= 3 && b-a == d.nameWords(a, b) && !qOrgWords[qElide(d.toks[b-1].low)] &&
		(d.lang == "de" || d.lang == "pl" && titled || a >= 2 && d.isPrep(d.toks[a-1].low) && (d.isTitle(a-2) || qRoleWord(d.toks[a-2].low))) {
		// "Landesgeologe Michael Prenner" (German writes a person first name
		// and surname), "schepen van Mobiliteit Bart Claes", "Member for
		// Yarrabee Tanya Mulholland": the words before the last two are an
		// office's, a portfolio's, a seat's
		a = b - 2
		titled = true
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
	if last := d.toks[b-1]; b < len(d.toks) && d.toks[b].low == "." && d.toks[b].s == last.e && utf8.RuneCountInString(last.low) == 1 && last.cap {
		run.name += "." // Gerhard K.: the initial of a surname the court report leaves out
	}
	if low := d.toks[a].low; low != qElide(low) {
		run.name = qTrimElision(run.name) // l’ARS
	}
	if qPossessive(d.toks[b-1].low) {
		run.name = strings.TrimSuffix(strings.TrimSuffix(run.name, "'s"), "’s")
	}
	acronym := false
	for k := a; k < b; k++ {
		acronym = acronym || d.toks[k].caps
	}
	n := len(run.words)
	det := a > 0 && (d.isDet(d.toks[a-1].low) || qIndefinites[d.toks[a-1].low])
	run.det = det
	run.afterPrep = a > 0 && d.isPrep(d.toks[a-1].low) || det && a > 1 && d.isPrep(d.toks[a-2].low)
	run.person = !run.org && !hasOf && !acronym && !qPlaceFirst[run.words[0]] && n <= 5 && (titled || n >= 2 && !det)
	return run, true
}

// dropPostNominal is where the name toks[a:b] ends without the letters
// after it (Orla Fitzmaurice SC, Jane Smith MP), which are no part of it;
// "MP" before a name is a title.
func (d *quoteDoc) dropPostNominal(a, b int) int {
	if b-a >= 3 && d.toks[b-1].caps && qPostNominals[d.toks[b-1].low] && d.nameWord(b-2) && !d.toks[b-2].caps {
		return b - 1
	}
	return b
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
	if qLatinInflected(query, cand) {
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

// qLatinInflected: a Polish name in another case (Wróbla is Wróbel,
// Kaczmarka Kaczmarek, Wiśniewskiej Wiśniewska): the same stem, letters
// with a diacritic of Polish, the ending changed by at most three letters.
func qLatinInflected(query, cand string) bool {
	q, c := []rune(query), []rune(cand)
	if len(c) < 5 || len(q) < 4 || !strings.ContainsAny(query+cand, "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") && !qPolishEnding(query) {
		return false
	}
	n := 0
	for n < len(q) && n < len(c) && q[n] == c[n] {
		n++
	}
	return n >= 4 && n >= len(c)-2 && len(q)-n <= 4
}

// qPolishEnding: the endings of Polish surnames in the genitive, dative,
// instrumental and locative.
func qPolishEnding(w string) bool {
	for _, suf := range []string{"skiego", "skiej", "ckiego", "ckiej", "skim", "ckim", "owi", "ego"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
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
	if name, ok := d.fullestIn(words, pos-quoteArticleBack, pos, person); ok {
		return name, ok
	}
	// a headline names by surname whom the body names in full later
	return d.fullestIn(words, pos, pos+quoteArticleBack, person)
}

// inLinkBlock reports whether pos is in a block that is mostly links.
func (d *quoteDoc) inLinkBlock(pos int) bool {
	bs := d.in.Blocks
	i := sort.Search(len(bs), func(k int) bool { return bs[k].End > pos })
	return i < len(bs) && bs[i].Start <= pos && bs[i].LinkDensity() > 0.5
}

// fullestIn prefers names the article writes as a subject or an object
// in its own text: a tag list runs names together ("Julián Arrieta
// Deuda"), and after a preposition a place may run into the name ("al
// exintendente de Puerto Limay Lucio Benítez"); those count only when
// nothing else holds the words.
func (d *quoteDoc) fullestIn(words []string, from, to int, person bool) (string, bool) {
	if name, seen := d.fullestOf(words, from, to, person, true); seen {
		return name, name != ""
	}
	name, _ := d.fullestOf(words, from, to, person, false)
	return name, name != ""
}

// fullestOf is the longest name holding words, and whether any name
// (the words alone too) held them.
func (d *quoteDoc) fullestOf(words []string, from, to int, person, strict bool) (string, bool) {
	pos := to
	seen := false
	best, bestN := "", len(words)
	first := sort.Search(len(d.runs), func(i int) bool { return d.toks[d.runs[i].ts].s >= from })
	for _, run := range d.runs[first:] {
		if d.toks[run.ts].s >= pos {
			break
		}
		if run.inQuote || person && !run.person || strict && (run.linked || run.afterPrep) || len(run.words) < bestN {
			continue
		}
		if qContainsWords(run.words, words) {
			seen = true
			if len(run.words) > bestN || best != "" {
				best, bestN = run.name, len(run.words)
			}
		}
	}
	return best, seen
}
