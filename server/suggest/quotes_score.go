package suggest

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/gloss-dev/gloss/server/htmltext"
)

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
	if d.unterminated(q) {
		f["paragraph_unterminated"] = 1
	}
	if !qHasWord(d.r[s:q.open]) && !qHasWord(d.r[q.end:e]) {
		f["whole_paragraph"] = 1
	}
	if b, ok := d.block(q); ok {
		if b.LinkDensity() > 0.5 {
			f["link_block"] = 1
		}
		if b.Heading > 0 {
			f["in_heading"] = 1
		}
	}
}

// unterminated: q's paragraph ends without a full stop (or another
// sentence end), as a headline or a standfirst does.
func (d *quoteDoc) unterminated(q *quoteCand) bool {
	p := d.paras[q.para]
	e := p.e
	for e > p.s && unicode.IsSpace(d.r[e-1]) {
		e--
	}
	if e == p.s || q.continued {
		return false
	}
	last := d.r[e-1]
	if quoteFamily(last) != 0 {
		i := e - 2
		for i > p.s && unicode.IsSpace(d.r[i]) {
			i-- // « … ? » stands on spaces inside its marks
		}
		if i >= p.s {
			last = d.r[i]
		}
	}
	return !strings.ContainsRune(".!?…:;。！？", last)
}

// block is the page block that holds q, when the page's blocks are known.
func (d *quoteDoc) block(q *quoteCand) (htmltext.Block, bool) {
	bs := d.in.Blocks
	i := sort.Search(len(bs), func(k int) bool { return bs[k].End > q.s })
	if i < len(bs) && bs[i].Start <= q.s {
		return bs[i], true
	}
	return htmltext.Block{}, false
}

// headlineLike: q stands in a heading or a paragraph without a full stop
// (a headline, a standfirst), whose quotes the body attributes in full.
func (d *quoteDoc) headlineLike(q *quoteCand) bool {
	if b, ok := d.block(q); ok && (b.Heading > 0 || d.standfirst(b)) {
		return true
	}
	return d.unterminated(q)
}

// standfirst: the block is one of the two lines after a page's h1, of a
// standfirst's length (under 50 words): "Die FPÖ spricht von einem
// „Millionengrab“, die Grünen stellen Bedingungen."
func (d *quoteDoc) standfirst(b htmltext.Block) bool {
	for _, h := range d.in.Blocks {
		if h.Index >= b.Index {
			break
		}
		if h.Heading == 1 && b.Index-h.Index <= 2 {
			lo, hi := d.tokRange(b.Start, b.End)
			return d.words(lo, hi) < 50
		}
	}
	return false
}
