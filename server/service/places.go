package service

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// place is where a text occurs in an article, in code points.
type place struct{ Start, End int }

// findPlaces returns where needle occurs in text, in order, without
// overlaps, as code-point spans. With words set, a place must not start or
// end inside a word (the editor's rule for its "Label N more": a label on
// "Putin" does not go to "Putinism"); in scripts written without spaces
// every character is a word edge, and so is a change from lower to upper
// case, where scraping glued two words ("CrimeaRussian").
//
// It stops after max places (max < 0: no bound), so that a two-letter
// needle in a 15 MB text collects no more than the caller can use
// (label-text collected every match before its limit: 912 MB).
//
// skip, when not nil, passes over places it reports true for (asked in
// order): they are neither collected nor counted against max.
func findPlaces(text, needle string, words bool, max int, skip func(place) bool) []place {
	var out []place
	if needle == "" {
		return out
	}
	cp := 0   // code points before byte offset at
	at := 0   // bytes of text consumed
	from := 0 // byte offset the next search starts at
	for {
		i := strings.Index(text[from:], needle)
		if i < 0 {
			return out
		}
		i += from
		j := i + len(needle)
		cp += utf8.RuneCountInString(text[at:i])
		at = i
		if !words || (wordEdge(text, i) && wordEdge(text, j)) {
			n := utf8.RuneCountInString(needle)
			if pl := (place{cp, cp + n}); skip == nil || !skip(pl) {
				out = append(out, pl)
				if len(out) == max {
					return out
				}
			}
			cp += n
			at, from = j, j
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
}

// wordEdge reports whether byte offset i of text is not inside a word.
func wordEdge(text string, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i:])
	if !inWord(before) || !inWord(after) || spaceless(before) || spaceless(after) {
		return true
	}
	return unicode.IsLower(before) && unicode.IsUpper(after)
}

func inWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// spaceless reports whether r belongs to a script written without spaces
// between words, where only a dictionary knows word edges.
func spaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
