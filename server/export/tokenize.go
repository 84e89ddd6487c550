package export

import (
	"slices"
	"unicode"
)

// The tokenizer and sentence splitter shared by the spacy and conll
// formats. They are rule-based and deliberately small: the point is
// stable, explainable token boundaries in code points, not linguistics.
//
// Tokens: text is cut at whitespace (unicode.IsSpace), which is never part
// of a token. Inside a run of non-space characters the unit is a grapheme
// cluster, approximated as a base character with its combining marks,
// variation selectors, emoji skin-tone modifiers and tag characters, a
// pair of regional indicators (a flag), or characters joined by U+200D
// (an emoji ZWJ sequence): a cluster is never split. Then:
//   - a run of letters, digits and marks is a word. Inside a word stay:
//     '.' between letters or digits (U.S, 3.5, example.com); ',' ':' '/'
//     between digits (2,000  10:30  1/2); apostrophes ' ’ between letters
//     (Xi's, leader’s); hyphens between letters or digits (cease-fire);
//     '_' '@' '&' '·' between letters or digits;
//   - a word followed by '.' keeps it when the word is a dotted
//     abbreviation (U.S. e.g. a.m.) or a known short form (Mr. Dr. Jan.
//     Inc. vs. etc., see abbreviations);
//   - every other punctuation or symbol character is a token of its own,
//     quotes (" “ ” ‘ ’ ' « ») and brackets included; a run of the same
//     '.', '-', '!' or '?' is one token ("...", "--");
//   - Han, Hiragana and Katakana characters and emoji are one token each,
//     since those scripts are written without spaces.
//
// Sentences end at a line break (any whitespace run holding \n, \r, U+0085,
// U+2028 or U+2029), and after a terminal token ('.', '!', '?', '…', their
// runs, and the Arabic '؟' and '۔'), possibly followed by closing quotes or
// brackets, when whitespace comes next and the following token starts
// with a letter that is not lower-case (a capital, or any letter of a
// script without case) or an opening quote or bracket. The CJK full stops
// '。' '！' '？' end a sentence with or without a following space. Dotted
// abbreviations keep their '.', so "U.S. President" does not split.

// token is one token of a text, in code points, end exclusive.
type token struct {
	start, end int
	ws         bool // whitespace follows
}

// abbreviations keep their trailing '.' as part of the word.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "Sr": true, "Jr": true,
	"St": true, "Mt": true, "Gen": true, "Gov": true, "Sen": true, "Rep": true, "Pres": true,
	"Lt": true, "Col": true, "Capt": true, "Sgt": true, "Maj": true, "Adm": true, "Rev": true,
	"Hon": true, "Inc": true, "Ltd": true, "Corp": true, "Co": true, "Bros": true,
	"vs": true, "etc": true, "approx": true, "No": true, "Nos": true, "Fig": true, "fig": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

const zwj = '\u200d'

// tokenize splits rs (a text as code points) into tokens.
func tokenize(rs []rune) []token {
	var toks []token
	i := 0
	for i < len(rs) {
		if unicode.IsSpace(rs[i]) {
			if len(toks) > 0 {
				toks[len(toks)-1].ws = true
			}
			i++
			continue
		}
		j := clusterEnd(rs, i)
		switch kind := classify(rs[i]); kind {
		case kindWord:
			j = wordEnd(rs, i, j)
		case kindPunct:
			if r := rs[i]; r == '.' || r == '-' || r == '!' || r == '?' {
				for j < len(rs) && rs[j] == r {
					j = clusterEnd(rs, j)
				}
			}
		}
		toks = append(toks, token{start: i, end: j})
		i = j
	}
	return toks
}

type kind int

const (
	kindWord   kind = iota // letters, digits, marks
	kindSingle             // CJK characters and emoji: one token each
	kindPunct              // punctuation, other symbols, controls
)

func classify(r rune) kind {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return kindSingle
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
		return kindWord
	case unicode.Is(unicode.So, r):
		return kindSingle
	}
	return kindPunct
}

// clusterEnd returns the end of the grapheme cluster that starts at i.
func clusterEnd(rs []rune, i int) int {
	j := i + 1
	if isRegional(rs[i]) && j < len(rs) && isRegional(rs[j]) {
		j++
	}
	for j < len(rs) {
		r := rs[j]
		switch {
		case r == zwj:
			j++
			if j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
		case unicode.IsMark(r), r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f:
			j++
		default:
			return j
		}
	}
	return j
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

func isAlnum(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) && classify(r) == kindWord
}

// wordEnd extends the word whose first cluster is rs[start:j].
func wordEnd(rs []rune, start, j int) int {
	for j < len(rs) {
		r := rs[j]
		if isAlnum(r) {
			j = clusterEnd(rs, j)
			continue
		}
		if j+1 < len(rs) && joins(r, lastBase(rs, start, j), rs[j+1]) {
			j = clusterEnd(rs, j+1)
			continue
		}
		break
	}
	if j < len(rs) && rs[j] == '.' && isAbbreviation(rs[start:j]) {
		j++
	}
	return j
}

// lastBase returns the last character of rs[start:j] that is not a mark.
func lastBase(rs []rune, start, j int) rune {
	for k := j - 1; k > start; k-- {
		if !unicode.IsMark(rs[k]) {
			return rs[k]
		}
	}
	return rs[start]
}

// joins reports whether connector c stays inside a word between prev and next.
func joins(c, prev, next rune) bool {
	if !isAlnum(next) {
		return false
	}
	digits := unicode.IsDigit(prev) && unicode.IsDigit(next)
	switch c {
	case '.', '-', '\u2010', '\u2011', '_', '@', '&', '\u00b7':
		return true
	case ',', ':', '/':
		return digits
	case '\'', '\u2019':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	}
	return false
}

func isAbbreviation(w []rune) bool {
	if slices.Contains(w, '.') {
		return unicode.IsLetter(w[len(w)-1]) // U.S  e.g  a.m, not 3.5
	}
	return abbreviations[string(w)]
}

// sentences returns the index of the first token of each sentence.
func sentences(rs []rune, toks []token) []int {
	if len(toks) == 0 {
		return nil
	}
	starts := []int{0}
	for i := 0; i+1 < len(toks); i++ {
		if endsSentence(rs, toks, i) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// endsSentence reports whether a sentence ends after toks[i].
func endsSentence(rs []rune, toks []token, i int) bool {
	cur, next := toks[i], toks[i+1]
	for _, r := range rs[cur.end:next.start] {
		if r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	// Walk back over closing quotes and brackets glued to a terminal.
	k := i
	for k > 0 && isCloser(rs[toks[k].start]) && toks[k].end-toks[k].start == 1 && toks[k-1].end == toks[k].start {
		k--
	}
	first := rs[toks[k].start]
	if first == '。' || first == '！' || first == '？' {
		return true
	}
	if !isTerminal(first) || cur.end == next.start {
		return false
	}
	r := rs[next.start]
	return (unicode.IsLetter(r) && !unicode.IsLower(r)) || isOpener(r)
}

func isTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '؟' || r == '۔'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '„', '「', '『':
		return true
	}
	return false
}
