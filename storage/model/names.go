package model

import (
	"strings"
	"unicode"
)

// confusable maps letters of other scripts that look like Latin ones, and
// Latin look-alikes of each other, to the Latin letter people read: enough
// to catch "Dеfault" (a Cyrillic е) or "Dеsk" next to "Desk" in a project
// picker. It is the part of Unicode's confusables list (UTS #39) that
// bites names typed by people: Cyrillic, Greek and Armenian letters that
// render as Latin ones, and a few Latin and digit look-alikes.
var confusable = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
	'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ѵ': 'v', 'ү': 'y', 'ӏ': 'l',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'ϲ': 'c', 'ϳ': 'j',
	// Armenian
	'օ': 'o', 'ս': 'u', 'ց': 'g', 'հ': 'h', 'ո': 'n',
	// Latin and digits
	'ı': 'i', 'ȷ': 'j', 'ɡ': 'g', 'ℓ': 'l', '0': 'o', '1': 'l', '|': 'l',
}

// Skeleton returns what a name looks like: lower case, look-alike letters
// folded to the Latin ones (confusable), full-width forms to ASCII, and
// spaces collapsed. Two names with one skeleton are hard to tell apart.
func Skeleton(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if c, ok := confusable[r]; ok {
			r = c
		}
		b.WriteRune(r)
	}
	return b.String()
}
