package suggest

import (
	"strings"
	"unicode"
)

// Sentence is one sentence of a text: code points, end exclusive, without
// the spaces around it.
type Sentence struct {
	Start, End int
}

// Sentences splits text into sentences, offsets in code points.
//
// A line break is always a boundary: news pages are one block per line, so
// a sentence never runs from one line into the next. Inside a line a
// sentence ends after '.', '!', '?', '…' or a CJK full stop, taking the
// closing quotes and brackets that follow it (."  .”  .»  .)  and the
// French ". »"), when a space follows and the next word does not start
// with a lowercase letter. A period does not end a sentence after a
// decimal's digits (4.1, no space), an initial (J. K. Rowling, M. Macron),
// a title or an abbreviation (Mr., Dr., Nr., z.B., Sr., e.g., ул.), a
// German ordinal before a month (17. März), or a Russian "г." that does
// not follow a year. Acronyms that may end a sentence (U.S., etc., Inc.)
// end it only when a common sentence opener follows.
func Sentences(text string) []Sentence {
	return sentSplit([]rune(text))
}

func sentSplit(rs []rune) []Sentence {
	var out []Sentence
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || sentLineBreak(rs[i]) {
			out = sentSplitLine(rs, start, i, out)
			start = i + 1
		}
	}
	return out
}

func sentLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// sentSplitLine appends the sentences of the line rs[a:b].
func sentSplitLine(rs []rune, a, b int, out []Sentence) []Sentence {
	start := sentDateline(rs, a, b)
	for i := a; i < b; i++ {
		if !sentTerminal(rs[i]) {
			continue
		}
		t := i + 1 // end of the run of terminators ("?!", "...")
		for t < b && (sentTerminal(rs[t])) {
			t++
		}
		end := t
		for end < b && sentCloser(rs[end]) {
			end++
		}
		// French closing guillemet after a (non-breaking) space: « Non. »
		if end+1 < b && unicode.IsSpace(rs[end]) && (rs[end+1] == '»' || rs[end+1] == '›') && (end+2 == b || unicode.IsSpace(rs[end+2])) {
			end += 2
		}
		cjk := false
		for k := i; k < t; k++ {
			cjk = cjk || sentCJKTerminal(rs[k])
		}
		if end < b && !cjk && !unicode.IsSpace(rs[end]) {
			i = end - 1 // 4.1, U.S, example.com, "?!"
			continue
		}
		if end < b && !cjk && !sentBreaks(rs, a, i, t, end, b) {
			i = end - 1
			continue
		}
		out = sentAppend(out, rs, start, end)
		start = end
		i = end - 1
	}
	return sentAppend(out, rs, start, b)
}

// sentDatelineMax is the longest dateline prefix read, in code points.
const sentDatelineMax = 60

// sentDateline returns where the line rs[a:b] starts past a news agency's
// dateline, which is not part of the first sentence: "MILLBROOK — ",
// "SÃO PAULO, Brazil – ", "PARIS (AFP) - ", "Berlin (dpa) - ", "Puerto
// Limay, 3 de junio (ADV).- ". A dateline is a place in capitals, or a
// capitalised place and date closed by an agency in brackets, then a dash
// (a hyphen only with spaces or a period before it). It returns a when
// the line has none.
func sentDateline(rs []rune, a, b int) int {
	for k := a; k < b && k-a <= sentDatelineMax; k++ {
		r := rs[k]
		if r == '!' || r == '?' || r == ';' || r == ':' || r == '"' || r == '“' || r == '«' || r == '„' {
			return a
		}
		if !sentDash(r) || k == a || k+1 >= b || !unicode.IsSpace(rs[k+1]) {
			continue
		}
		e := k // the prefix ends before the dash, its space or its period
		switch {
		case unicode.IsSpace(rs[k-1]):
			e = k - 1
		case rs[k-1] == '.':
			e = k - 1
		case r == '-':
			continue // a hyphenated word: Gert-Jan
		}
		if !sentDatelinePrefix(rs[a:e]) {
			return a
		}
		k++
		for k < b && unicode.IsSpace(rs[k]) {
			k++
		}
		if k == b {
			return a
		}
		return k
	}
	return a
}

func sentDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '―' }

// sentDatelinePrefix reports whether p reads as a dateline: its first
// part (up to a comma or a bracket) a place in capital letters, or,
// starting with a capital, a place (and date) closed by an agency in
// brackets of at most three words.
func sentDatelinePrefix(p []rune) bool {
	for len(p) > 0 && unicode.IsSpace(p[len(p)-1]) {
		p = p[:len(p)-1]
	}
	if len(p) == 0 || !unicode.IsUpper(p[0]) {
		return false
	}
	// A place in capitals: MILLBROOK, SÃO PAULO, NEW YORK.
	upper, lower := 0, 0
	for _, r := range p {
		if r == ',' || r == '(' {
			break
		}
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	if upper >= 3 && lower == 0 {
		return true
	}
	// An agency in brackets: Berlin (dpa), Puerto Limay, 3 de junio (ADV).
	if p[len(p)-1] != ')' {
		return false
	}
	open := -1
	for i := len(p) - 2; i >= 0; i-- {
		if p[i] == '(' {
			open = i
			break
		}
	}
	if open <= 0 {
		return false
	}
	agency := strings.Fields(string(p[open+1 : len(p)-1]))
	return len(agency) >= 1 && len(agency) <= 3 && len(strings.Fields(string(p[:open]))) <= 6
}

// sentAppend appends rs[start:end] trimmed of spaces and of a list's
// bullet, if anything is left.
func sentAppend(out []Sentence, rs []rune, start, end int) []Sentence {
	for start < end && unicode.IsSpace(rs[start]) {
		start++
	}
	if start+1 < end && sentBullet(rs[start]) && unicode.IsSpace(rs[start+1]) {
		for start++; start < end && unicode.IsSpace(rs[start]); start++ {
		}
	}
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	if start < end {
		out = append(out, Sentence{start, end})
	}
	return out
}

// sentBreaks decides whether the terminators rs[i:t] (with closers up to
// end, a space after them) end a sentence on the line rs[a:b].
func sentBreaks(rs []rune, a, i, t, end, b int) bool {
	// The next word, past spaces, opening quotes, brackets and dashes.
	k := end
	for k < b && (unicode.IsSpace(rs[k]) || sentOpener(rs[k])) {
		k++
	}
	if k == b {
		return true
	}
	next := rs[k]
	if unicode.IsLower(next) {
		return false // "Why?" she asked. / etc. and / г. в
	}
	if t-i > 1 || rs[i] != '.' {
		return true // ! ? … ...
	}
	// One period: look at the word before it.
	ws := i
	for ws > a && !unicode.IsSpace(rs[ws-1]) {
		ws--
	}
	for ws < i && sentOpener(rs[ws]) {
		ws++
	}
	w := string(rs[ws:i])
	if w == "" {
		return true
	}
	nextWord := sentWordAt(rs, k, b)
	prev := sentWordBefore(rs, a, ws)
	switch {
	case sentAllDigits(w):
		// German ordinals: "am 17. März", "der 2. Weltkrieg".
		if len([]rune(w)) <= 2 && sentMonths[strings.ToLower(nextWord)] {
			return false
		}
		if len([]rune(w)) <= 3 && sentOrdinalBefore[strings.ToLower(prev)] {
			return false
		}
		// "in der 23. und 67. Minute"
		if len([]rune(w)) <= 3 && sentOrdinalJoin[strings.ToLower(prev)] && sentOrdinalAt(rs, a, ws) {
			return false
		}
		return true
	case len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]):
		if unicode.IsUpper([]rune(w)[0]) {
			return false // an initial: J. K. Rowling, M. Macron
		}
		// "в 2023 г. Путин": after a year the abbreviation ends the sentence.
		return sentAllDigits(prev)
	case sentNoEnd[w] || sentNoEnd[strings.ToLower(w)]:
		return false
	case unicode.IsDigit(next) && (sentMayEnd[w] || sentMonthAbbr[strings.ToLower(w)]):
		return false // Jan. 5, Inc. 500
	case sentMayEnd[w] || sentAcronym(w):
		return sentOpeners[nextWord]
	}
	return true
}

// sentAcronym reports whether w is dotted like U.S, e.g, z.B, EE.UU: every
// piece between the dots a letter or three.
func sentAcronym(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, p := range strings.Split(w, ".") {
		n := 0
		for _, r := range p {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		}
		if n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// sentWordAt returns the letters and digits starting at rs[k].
func sentWordAt(rs []rune, k, b int) string {
	e := k
	for e < b && (unicode.IsLetter(rs[e]) || unicode.IsDigit(rs[e])) {
		e++
	}
	return string(rs[k:e])
}

// sentWordBefore returns the word ending before the spaces before rs[ws].
func sentWordBefore(rs []rune, a, ws int) string {
	e := ws
	for e > a && unicode.IsSpace(rs[e-1]) {
		e--
	}
	s := e
	for s > a && (unicode.IsLetter(rs[s-1]) || unicode.IsDigit(rs[s-1])) {
		s--
	}
	return string(rs[s:e])
}

func sentAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func sentTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

func sentBullet(r rune) bool {
	switch r {
	case '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▶', '▸', '·', '*':
		return true
	}
	return false
}

func sentCJKTerminal(r rune) bool { return r == '。' || r == '！' || r == '？' }

// sentCloser: what may close a sentence after its final punctuation. The
// German “ and « close quotes („So.“ / »So.«).
func sentCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '“', '»', '«', '›', '‹', ')', ']', '}', '」', '』', '）':
		return true
	}
	return false
}

// sentOpener: what may stand before a sentence's first word.
func sentOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '„', '‘', '‚', '«', '»', '‹', '›', '(', '[', '{', '¿', '¡', '-', '–', '—', '•', '「', '『', '（':
		return true
	}
	return false
}

// sentNoEnd are abbreviations that do not end a sentence, as written
// (their lowercase form is looked up as well).
var sentNoEnd = sentSet(
	// titles
	"Mr", "Mrs", "Ms", "Mssrs", "Dr", "Prof", "Sr", "Sra", "Srta", "Sres", "St", "Ste", "Gen", "Sen", "Rep", "Gov",
	"Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Pres", "Hon", "Rev", "Mt", "Fr", "Hr", "Hrn", "Dipl",
	"Ing", "Mme", "Mlle", "MM", "Me", "Dña", "Dra", "Sto", "Sta", "Dott", "Sig", "Sig.ra", "Avv", "Supt",
	"Insp", "Det", "Cpl", "Pvt", "Amb", "Atty", "Dep", "Const", "Cllr", "Snr", "Jnr", "Assoc", "Mgr", "Pr", "Profa",
	"Exmo", "Exma", "Des", "Min",
	// titles written in lowercase: Dutch mr. (a lawyer), dr., drs., dhr., mevr.
	"mr", "mrs", "dr", "drs", "prof", "dhr", "mevr", "mw", "cllr", "supt", "insp", "sgt",
	// references and numbers
	"No", "Nos", "Nr", "Art", "Abs", "Vol", "vs", "ca", "approx", "aprox", "bzw", "vgl", "evtl", "ggf", "sog", "inkl",
	"zzgl", "geb", "gest", "Tel", "tel", "Fig", "fig", "Abb", "Ziff", "Bd", "Hg", "Hrsg", "pp", "pág", "págs", "núm",
	"nº", "cf", "Av", "Avda", "av", "ex", "z.B", "e.g", "i.e", "d.h", "u.a", "o.ä", "u.ä", "s.o", "s.u", "v.a", "z.T",
	"u.U", "p.ex", "p.ej", "т.е", "т.к", "им", "ул", "пр", "пос", "обл", "ст", "см", "напр", "проф", "акад", "дер",
	"тел", "стр", "рис", "гл", "пл",
)

// sentMayEnd are abbreviations that may end a sentence.
var sentMayEnd = sentSet("etc", "Jr", "Inc", "Ltd", "Co", "Corp", "Bros", "usw", "ecc", "млн", "млрд", "тыс",
	"руб", "т.д", "т.п", "др", "Mio", "Mrd", "Tsd", "bn", "p.m", "a.m", "P.M", "A.M")

// sentMonthAbbr may stand before a day: "Jan. 5".
var sentMonthAbbr = sentSet("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov",
	"dec", "dez", "janv", "févr", "avr", "juil", "déc", "ene", "dic", "set", "ago", "out", "gen", "mag", "lug",
	"янв", "фев", "февр", "апр", "авг", "сент", "окт", "нояб", "дек")

// sentMonths are month names (lowercase) in the languages gloss reads.
var sentMonths = sentSet(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember",
	"jan", "feb", "mär", "apr", "aug", "sep", "sept", "okt", "nov", "dez",
)

// sentOrdinalBefore: German words before an ordinal number ("der 2.").
var sentOrdinalBefore = sentSet("der", "die", "das", "den", "dem", "des", "am", "im", "vom", "zum", "zur", "beim",
	"seit", "bis", "ab", "ihr", "ihrem", "ihrer", "sein", "seinem", "seiner", "dieser", "diesem", "jeder", "jedem")

// sentOrdinalJoin join two German ordinals: "der 23. und 67.".
var sentOrdinalJoin = sentSet("und", "oder", "bis", "sowie")

// sentOrdinalAt reports whether the word before the word before rs[ws]
// is an ordinal: digits and a period.
func sentOrdinalAt(rs []rune, a, ws int) bool {
	e := ws
	for e > a && unicode.IsSpace(rs[e-1]) {
		e--
	}
	for e > a && unicode.IsLetter(rs[e-1]) {
		e--
	}
	for e > a && unicode.IsSpace(rs[e-1]) {
		e--
	}
	return e-2 >= a && rs[e-1] == '.' && unicode.IsDigit(rs[e-2])
}

// sentOpeners are words that commonly open a sentence, for the acronyms
// that may end one ("in the U.S. The …").
var sentOpeners = sentSet(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At", "This", "That",
	"These", "Those", "His", "Her", "Its", "Their", "There", "Some", "Many", "Most", "As", "After", "Before", "When",
	"While", "If", "However", "Meanwhile", "Officials", "According", "Last", "Yet", "So", "Still", "Now", "For",
	"Der", "Die", "Das", "Er", "Sie", "Es", "Ein", "Eine", "Im", "Am", "Auch", "Doch", "Aber", "Nach", "Wir", "Ich",
	"Dies", "Diese", "Dieser", "Le", "La", "Les", "Il", "Elle", "Ils", "Elles", "Un", "Une", "Ce", "Cette", "En",
	"Mais", "Selon", "Dans", "Pour", "El", "Los", "Las", "Una", "Pero", "Según", "Es", "O", "Os", "As", "Um", "Uma",
	"Em", "Mas", "Segundo", "Ele", "Ela", "Lo", "Gli", "Ma", "Secondo", "В", "На", "Он", "Она", "Они", "Это", "По",
	"Но", "А", "И", "Как",
)

func sentSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
