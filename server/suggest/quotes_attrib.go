package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
		if prev.attr == nil || prev.attr.speaker == "" {
			continue
		}
		if q.attr != nil && q.attr.kind == "colon" && q.attr.how == "" && q.para == prev.para && !d.namesBetween(prev.end, q.open) {
			// "Il sindaco … ha parlato di «…». Poi, in consiglio comunale: «…»":
			// a colon after words that name nobody goes on with the speaker before
			q.attr, q.how = prev.attr, "follow"
			continue
		}
		if q.attr != nil || !d.standsAlone(q) {
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
	// "Schepen Els Van Damme is tevreden. ‘…’": a quote standing alone,
	// with no speaker, after a sentence whose subject is a person
	for _, q := range d.quotes {
		if q.attr != nil || !d.standsAlone(q) || d.headlineLike(q) {
			continue
		}
		if name, ok := d.previousSubject(q.open); ok {
			q.attr, q.how = &quoteAttrib{kind: "said", speaker: name, how: "name", pos: q.open}, "follow"
		}
	}
	d.echoes()
}

// endBefore is where the sentence before the one that starts at start
// ends: back over the spaces, the full stop and the closing marks between.
func (d *quoteDoc) endBefore(start int) int {
	end := start
	for end > 0 && (unicode.IsSpace(d.r[end-1]) || strings.ContainsRune(".!?…", d.r[end-1]) || quoteFamily(d.r[end-1]) != 0) {
		end--
	}
	return end
}

// previousSubject is the person who opens the sentence before the one at
// pos, outside quotes and not anonymous.
func (d *quoteDoc) previousSubject(pos int) (string, bool) {
	end := d.endBefore(d.prevBoundary(pos))
	start := d.prevBoundary(end)
	if start >= end || d.inQuote(start) || d.anonymousBetween(start, pos) {
		return "", false
	}
	k := d.tokAt(start)
	for k < len(d.toks) && d.toks[k].s < end && (!d.toks[k].word || d.isDet(d.toks[k].low) || d.isTitle(k) && !d.nameWord(k)) {
		k++
	}
	if k < len(d.toks) && d.toks[k].word && qPronouns[d.toks[k].low] && !qGroupPronouns[d.toks[k].low] {
		// "Elle a aussi pointé le coût du « plan lumière ». « Combien … ? »"
		if sp := d.pronoun(d.toks[k].low, d.toks[k].s); sp.name != "" {
			return sp.name, true
		}
	}
	i := sort.Search(len(d.runs), func(i int) bool { return d.runs[i].ts >= k })
	if i == len(d.runs) || d.runs[i].ts > k+1 || d.toks[d.runs[i].ts].s >= end {
		return d.reportedSpeaker(start, end)
	}
	run := d.runs[i]
	if run.inQuote || run.linked || run.byline || run.chrome {
		return d.reportedSpeaker(start, end)
	}
	if !run.person {
		// "Van Damme vreest dat …": a surname the article gave in full before
		if full, ok := d.fullest(run.words, d.toks[run.ts].s, true); ok && len(run.words) < len(strings.Fields(full)) {
			return full, true
		}
		return d.reportedSpeaker(start, end)
	}
	if full, ok := d.fullest(run.words, d.toks[run.ts].s, true); ok {
		return full, true
	}
	return run.name, true
}

// reportedSpeaker is the person whose words the sentence r[s:e] reports
// with a speech verb next to the name ("Er kenne den Angeklagten seit der
// Volksschule, sagte Steinbichler.", "Maria Lopez said the plan was late."):
// the quote standing alone after it goes on with them.
func (d *quoteDoc) reportedSpeaker(s, e int) (string, bool) {
	lo, hi := d.tokRange(s, e)
	for i := len(d.runs) - 1; i >= 0; i-- {
		run := d.runs[i]
		if run.ts >= hi {
			continue
		}
		if run.ts < lo {
			break
		}
		if run.inQuote || run.afterPrep || run.linked || run.byline || run.org {
			continue
		}
		p := run.ts - 1
		for p > lo && (d.isTitle(p) || d.isDet(d.toks[p].low)) {
			p-- // sagte Vereinsobmann Johann Steinbichler, said the mayor, Jane Doe
		}
		said := p >= lo && qSayVerbs[d.toks[p].low] || run.te < hi && qSayVerbs[d.toks[run.te].low]
		if !said {
			continue
		}
		if full, ok := d.fullest(run.words, d.toks[run.ts].s, true); ok {
			return full, true
		}
		if run.person {
			return run.name, true
		}
	}
	return "", false
}

// echoes gives a quote that names nobody (a headline's, a standfirst's:
// "Mayor: ‘We will rebuild’") the speaker of the article's other quote
// that holds its words.
func (d *quoteDoc) echoes() {
	words := make([][]string, len(d.quotes))
	for i, q := range d.quotes {
		lo, hi := d.tokRange(q.s, q.e)
		for k := lo; k < hi; k++ {
			if d.toks[k].word {
				words[i] = append(words[i], d.toks[k].low)
			}
		}
	}
	for i, q := range d.quotes {
		if len(words[i]) == 0 || q.attr != nil && q.attr.speaker != "" && !d.weakEcho(q) {
			continue
		}
		if len(words[i]) == 1 && !d.echoedOnce(words, i) {
			continue // one word may stand in several quotes: only one of them tells
		}
		for j, o := range d.quotes {
			// a headline or a standfirst comes before the body it echoes;
			// the words of a quote in a comment below it are no quote; a
			// title is no echo (but a German noun has a capital anyway)
			if j <= i || o.attr == nil || o.attr.speaker == "" || o.how == "echo" || d.titleCase(q) && !(d.lang == "de" && len(words[i]) == 1) {
				continue
			}
			switch o.attr.how {
			case "description", "group", "anonymous":
				continue
			}
			if q.attr != nil && q.attr.how == "anonymous" && o.attr.how == "org" {
				continue
			}
			if qContainsWords(words[j], words[i]) {
				if q.attr != nil && o.attr.kind == "called" {
					// the body's "called it «…»" says less that this is a quote
					// than the quote's own cue: it keeps that, with the body's speaker
					a := *q.attr
					a.speaker, a.how = o.attr.speaker, o.attr.how
					q.attr = &a
				} else {
					q.attr = o.attr
				}
				q.how = "echo"
				break
			}
		}
	}
}

// echoedOnce: the one word of quote i ("vergonha", "necessary") stands
// in exactly one later quote, a long one, whose speaker it then takes.
func (d *quoteDoc) echoedOnce(words [][]string, i int) bool {
	if len([]rune(words[i][0])) < 5 {
		return false
	}
	n := 0
	for j := i + 1; j < len(words); j++ {
		if qContainsWords(words[j], words[i]) {
			// a headline's word echoes a long quote, or the same word
			// quoted once in the body ("Le syndicat dénonce une « saignée »")
			if len(words[j]) < 4 && !(len(words[j]) == 1 && d.headlineLike(d.quotes[i])) {
				return false
			}
			n++
		}
	}
	return n == 1
}

// weakEcho: the quote names its speaker in a headline's shorthand, which
// the body's own attribution of the same words outranks: a colon after
// one word ("Betriebsrat: „Ein rabenschwarzer Tag“", "Angeklagte: »Ich
// schäme mich«"), a description ("the union"), or "one commissioner",
// whom the body names.
func (d *quoteDoc) weakEcho(q *quoteCand) bool {
	if (q.how == "follow" || q.how == "shared") && d.headlineLike(q) {
		return true // an in-body heading «…» after a quote of somebody else's
	}
	switch {
	case q.attr.how == "description", q.attr.how == "anonymous":
		return true
	case q.attr.kind == "colon" && !strings.Contains(q.attr.speaker, " "):
		return true
	}
	// "La oposición … habla de un plan «hecho a medida»", "L’Asl: «Mancano
	// i medici»": a headline's or a standfirst's speaker that is not a name
	// written out gives way to the body's
	return !(q.attr.how == "name" && strings.Contains(q.attr.speaker, " ")) && d.headlineLike(q)
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
		for n := k + 1; n < len(qs); n++ {
			if !(d.titleCase(qs[n]) && qs[n].end-qs[n].open < 40) {
				b = qs[n].open // the next quote ends the piece; a name in marks does not
				break
			}
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
				if lo, hi := d.tokRange(a, b); d.words(lo, hi) <= 4 || qs[j].attr.pos > a && qs[j].attr.pos < b ||
					j < k && d.words(lo, hi) <= 10 && lo+1 < hi && qConjunctions[d.toks[lo].low] && qThat[d.toks[lo+1].low] ||
					j < k && d.words(lo, hi) <= 8 && lo < hi && qConjunctions[d.toks[lo].low] && !d.namesBetween(a, b) {
					// "garante que «…» e que a lagoa «…»": a second that-clause of the same verb
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
	case w == "so" && !before && k == lo+1 && !d.toks[lo].word && k+1 < hi && (d.nameWord(k+1) || d.isDet(d.toks[k+1].low) || d.isTitle(k+1)):
		return qCue{kind: qcueSo, k: k, n: 1} // „…“, so Scholz. „…“, so die Ministerin.
	case (w == "per" || w == "para" || w == "pour" || w == "für" || w == "voor") && before && k == lo && t.cap && k+1 < hi && (d.nameWord(k+1) || d.isDet(d.toks[k+1].low)):
		return qCue{kind: qcueAccording, k: k, n: 1} // Per Fabio Locatelli, «…»
	case (w == "si" && next(1) == "legge" || w == "se" && next(1) == "lee") && !before:
		return qCue{kind: qcueSay, k: k, n: 2} // «…», si legge nella nota del Consorzio
	case (w == "fa" || w == "fanno" || w == "fatto") && next(1) == "sapere":
		return qCue{kind: qcueSay, k: k, n: 2} // «…», fa sapere l’ente in una nota
	case qAskVerbs[w] && !before && d.quoteEndsWith(lo, "?"):
		return qCue{kind: qcueSay, k: k, n: 1} // «…?», chiede Giulia Sartori (chiedere is to ask for, too)
	case (w == "laat" || w == "staat") && !before && d.wordAhead(k, hi, 8, func(x string) bool { return x == "weten" || qStatementNouns[x] }):
		return qCue{kind: qcueSay, k: k, n: 1} // ‘…’, laat de gemeente weten
	}
	if i := strings.IndexByte(w, '-'); i > 0 && qSayVerbs[w[:i]] && qInverted(w) {
		return qCue{kind: qcueSay, k: k, n: 1, pronoun: true} // dit-il, affirme-t-elle
	}
	if (strings.HasPrefix(w, "a-t-") || strings.HasPrefix(w, "ont-") || strings.HasPrefix(w, "avait-")) && qInverted(w) && !before && k == lo+1 && next(1) != "" {
		// "« … », a-t-elle plaidé": right after a quote, an inverted
		// auxiliary makes any participle an attribution
		return qCue{kind: qcueSay, k: k, n: 2, pronoun: true}
	}
	return qCue{}
}

// wordAhead reports whether one of the n words after token k (within hi,
// and before a punctuation mark) satisfies ok.
func (d *quoteDoc) wordAhead(k, hi, n int, ok func(string) bool) bool {
	for m := k + 1; m < hi && m <= k+n && d.toks[m].word; m++ {
		if ok(d.toks[m].low) {
			return true
		}
	}
	return false
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
	words, that := 0, -1
	for k := hi - 1; k >= lo; k-- {
		if d.toks[k].word {
			words++
			if that < 0 && qThat[d.toks[k].low] && words <= quoteThatWords {
				that = words // "afirmou em entrevista … que a fábrica pode voltar a contratar «…»"
			}
		}
		c := d.cueAt(k, lo, hi, true)
		if c.kind == qcueCall && words > quoteCalledWords+1 || c.kind == qcueSo {
			continue
		}
		if c.kind != 0 && (words <= quoteBeforeWords+1 || c.kind == qcueSay && words-that <= quoteThatCueWords) {
			if at := d.resolveCue(c, lo, hi, sent, true); at != nil {
				return at
			}
		}
		if words > quoteBeforeWords && (that < 0 || words-that > quoteThatCueWords) {
			break
		}
	}
	// "Per il Comitato Salviamo il Lago, che da anni chiede …, «…»": an
	// according-to that opens the sentence, however long its subject
	if c := d.cueAt(lo, lo, hi, true); c.kind == qcueAccording && d.toks[lo].s == sent.s {
		if at := d.resolveCue(c, lo, hi, sent, true); at != nil && at.speaker != "" {
			return at
		}
	}
	// Scholz: „…“ — a name and a colon, nothing else
	e := hi - 1
	if d.toks[e].low != ":" {
		return nil
	}
	at := &quoteAttrib{kind: "colon", pos: d.toks[e].s}
	// "Scholz: „…“", "La sindaca Valsecchi: «…»", "El portavoz del PP,
	// Luis Sanz: «…»": a noun phrase that opens the piece or follows a
	// punctuation mark, naming somebody
	np, _ := d.npBefore(lo, e)
	if np[0] < np[1] && (np[0] == lo || strings.Contains(".!?—–-|,", d.toks[np[0]-1].low)) {
		switch sp := d.speakerFromNP(np, false, at.pos); sp.how {
		case "name", "surname", "role", "org":
			at.speaker, at.how = sp.name, sp.how
		}
	}
	if at.how == "" {
		// "Umweltministerin Anke Voß (Grüne) hält davon wenig: „…“", "Su
		// secretario general, Ramón Giménez, …, fue más lejos: «…»": a
		// whole clause before the colon, its subject the speaker
		start, _ := d.tokRange(sent.s, sent.e)
		for m := start; m < e; m++ {
			if t := d.toks[m]; strings.Contains(".!?", t.low) && !d.inQuote(t.s) && m+1 < e && d.toks[m+1].cap {
				start = m + 1 // the sentence splitter kept "…“. Umweltministerin" together
			}
		}
		if d.words(start, e) <= quoteColonClauseWords {
			if sp := d.clauseSubject(start, e); sp.how != "" {
				at.speaker, at.how = sp.name, sp.how
			}
		}
	}
	if (at.how != "name" && at.how != "surname" && at.how != "org" || d.indefiniteName(sent, at.speaker)) && d.anonymous(sent) {
		at.speaker, at.how = "", "anonymous" // "Ein Jäger aus der Gegend, der nicht genannt werden möchte, ist sicher: „…“"
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
		sp = d.speakerFromNP(d.extendComplement(d.npAfter(c.k+c.n, hi), hi), true, at.pos)
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
		if before && c.k+c.n < hi && qInvertedSubjects[d.toks[c.k+c.n].low] && !d.commaBefore(lo, c.k) {
			// "In ihrem letzten Wort sagte sie: »…«", "Daarna zei hij: ‘…’":
			// the verb second, its subject the pronoun after it
			sp = d.pronoun(d.toks[c.k+c.n].low, at.pos)
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
			after := d.extendComplement(d.npAfter(d.skipObjects(c.k+c.n, hi), hi), hi)
			if !before || after[1] == hi || d.toks[hi-1].low == ":" {
				sp = d.speakerFromNP(after, true, at.pos)
			}
			if !before && (sp.how == "" || sp.how == "group" || sp.how == "anonymous" && !sp.named) {
				if sp2, ok := d.statementAuthor(c.k+c.n, hi, at.pos); ok {
					sp = sp2 // „…“, heißt es in einer Mitteilung der Stadtwerke
				}
			}
			if sp.how == "" && !before {
				// "powiedział po sesji Tomasz Wróbel", "aveva sostenuto in
				// aula la pm Silvia Dal Bosco": the subject after an adverbial
				if k := d.skipAdverbials(c.k+c.n, hi); k > c.k+c.n {
					if sp2 := d.speakerFromNP(d.extendComplement(d.npAfter(k, hi), hi), true, at.pos); sp2.how != "" {
						sp = sp2
					}
				}
			}
		}
		named = named || sp.named
		if sp.how == "" && comma {
			sp = d.sentenceSubject(sent, c.k)
		}
		if sp.how == "" && before && c.k > lo && qRelatives[d.toks[c.k-1].low] {
			// "El Colegio Médico respaldó la iniciativa en un comunicado, en
			// el que señaló que «…»": the relative clause's speaker is the
			// subject that opens the sentence
			if start, _ := d.tokRange(sent.s, sent.e); start < c.k {
				if sp2 := d.clauseSubject(start, c.k); sp2.how != "" {
					sp = sp2
				}
			}
		}
		sp.named = sp.named || named
	}
	if sp.how == "" && !sp.named {
		// no subject written: "», dijo." (the language drops it)
		sp = d.pronoun("", at.pos)
		sp.how = "implicit"
	}
	if (sp.how != "name" && sp.how != "surname" && sp.how != "org" || d.indefiniteName(sent, sp.name)) && d.anonymous(sent) {
		sp = qSpeaker{how: "anonymous"}
	}
	if full, ok := d.expandAcronym(sp.name, at.pos); ok {
		sp.name, sp.how = full, "org"
	}
	sp.name = qNoElidedArticle(sp.name)
	if sp.how == "description" && d.unnamedDescription(sp.name) {
		sp.name = "" // "Der Angeklagte selbst", "the man": somebody the article does not name
	}
	at.speaker, at.how = sp.name, sp.how
	return at
}

// unnamedDescription: a description of a person that names nobody: an
// article, then no capitalised word (German capitalises every noun), and
// no word for a body (RULES.md: null for unnamed people).
func (d *quoteDoc) unnamedDescription(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 || !d.isDet(strings.ToLower(words[0])) || qOrgName(name) {
		return false // "the ministry" speaks for a body, as the article leaves it
	}
	for _, w := range words[1:] {
		if unicode.IsUpper([]rune(w)[0]) && d.lang != "de" {
			return false
		}
	}
	return true
}

// qNoElidedArticle takes an elided article off a name: l’Agence régionale
// de santé is the Agence régionale de santé.
func qNoElidedArticle(name string) string {
	r := []rune(name)
	if len(r) > 3 && (r[0] == 'l' || r[0] == 'L') && (r[1] == '’' || r[1] == '\'') && unicode.IsUpper(r[2]) {
		return string(r[2:])
	}
	return name
}

// expandAcronym is the name an organisation's initials stand for when the
// article wrote it out before pos: "a ULS" after "Unidade Local de Saúde
// do Alto Sorna" (its capitalised words' initials start with the letters).
func (d *quoteDoc) expandAcronym(name string, pos int) (string, bool) {
	if strings.ContainsRune(name, ' ') || !qAcronym(strings.ToLower(name), name) {
		return "", false
	}
	letters := []rune(strings.ToLower(name))
	for i := sort.Search(len(d.runs), func(i int) bool { return d.toks[d.runs[i].ts].s >= pos }) - 1; i >= 0; i-- {
		run := d.runs[i]
		if d.toks[run.ts].s < pos-quoteArticleBack {
			break
		}
		if run.inQuote || run.linked || run.person {
			continue
		}
		var initials []rune
		for k := run.ts; k < run.te; k++ {
			if t := d.toks[k]; t.word && t.cap && !qConnectors[t.low] {
				initials = append(initials, []rune(t.low)[0])
			}
		}
		if len(initials) > len(letters) && string(initials[:len(letters)]) == string(letters) {
			return run.name, true
		}
	}
	return "", false
}

// indefiniteName: the sentence brings name in after an indefinite article
// (over one adjective): a capitalised noun that is nobody's name ("Eine
// frühere Mitarbeiterin, die anonym bleiben möchte", "Ein Ratsmitglied der
// CDU"), a description that an anonymity mark leaves unnamed.
func (d *quoteDoc) indefiniteName(sent qspan, name string) bool {
	if name == "" {
		return false
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		words[w] = true // "Ortsteil Rietach" for "Eine Mutter aus Rietach, die ihren Namen nicht …"
	}
	lo, hi := d.tokRange(sent.s, sent.e)
	for k := lo; k < hi; k++ {
		if !words[d.toks[k].low] {
			continue
		}
		for m := k - 1; m >= lo && m >= k-2 && d.toks[m].word; m-- {
			if qIndefinites[d.toks[m].low] && d.indefinite(m) {
				return true
			}
		}
		// "One nurse at Alder Creek", "een bewoonster van de Molenstraat",
		// "A woman who lives on Riverside Drive": the name is a place in an
		// unnamed person's description
		for m := k - 1; m >= lo && m >= k-3 && d.toks[m].word; m-- {
			if !d.isPrep(d.toks[m].low) {
				continue
			}
			for n := m - 1; n >= lo && n >= m-4 && d.toks[n].word; n-- {
				if qIndefinites[d.toks[n].low] && d.indefinite(n) {
					return true
				}
			}
			break
		}
	}
	return false
}

// quoteEndsPunct: the quote before the piece starting at token lo ends
// with a punctuation mark inside its marks, and so needs no comma after
// them before its attribution (",” she said", "?” she asked").
func (d *quoteDoc) quoteEndsPunct(lo int) bool {
	return strings.ContainsRune(",.;:?!…—–", d.lastInQuote(lo, false))
}

// quoteEndsWith: the quote before the piece starting at token lo ends
// with one of marks inside its marks, a comma after them or not ("?»,
// chiede", "?” she asked").
func (d *quoteDoc) quoteEndsWith(lo int, marks string) bool {
	return strings.ContainsRune(marks, d.lastInQuote(lo, true))
}

// lastInQuote is the last character inside the marks of the quote that
// closes just before token lo (over a comma after it when comma), or 0.
func (d *quoteDoc) lastInQuote(lo int, comma bool) rune {
	i := d.toks[lo].s - 1
	for i >= 0 && (unicode.IsSpace(d.r[i]) || comma && d.r[i] == ',') {
		i--
	}
	if i < 0 || quoteFamily(d.r[i]) == 0 {
		return 0
	}
	i--
	for i >= 0 && unicode.IsSpace(d.r[i]) {
		i--
	}
	if i < 0 {
		return 0
	}
	return d.r[i]
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
	if sp := d.sentenceSubject(sent, k); sp.how != "" {
		return sp
	}
	// "El Sindicato de … rechazó la medida y habló de «…»": the name that
	// opens the sentence, its verb after it
	return d.clauseSubject(lo, k)
}

// sentenceSubject is the name that opens the sentence before its first
// comma: "Council leader Raymond Teale, known … as “the Admiral” …, said".
func (d *quoteDoc) sentenceSubject(sent qspan, k int) qSpeaker {
	lo, _ := d.tokRange(sent.s, sent.e)
	for m := lo; m < k && m < lo+9; m++ {
		if d.toks[m].low == "," {
			if sp := d.speakerFromNP([2]int{lo, m}, false, d.toks[lo].s); sp.how == "name" || sp.how == "surname" || sp.how == "org" {
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
func (d *quoteDoc) anonymous(sent qspan) bool { return d.anonymityMark(sent.s, sent.e, false) }

// anonymityMark reports whether [a, b) holds an anonymity mark that is no
// word of a name, and, with outsideQuotes, none inside a quotation.
func (d *quoteDoc) anonymityMark(a, b int, outsideQuotes bool) bool {
	s := strings.ToLower(string(d.r[a:b]))
	for _, m := range qAnonymityMarks {
		for off := 0; ; {
			i := strings.Index(s[off:], m)
			if i < 0 {
				break
			}
			off += i + len(m)
			if at := a + utf8.RuneCountInString(s[:off-len(m)]); !(outsideQuotes && d.inQuote(at)) && !d.markInName(at) {
				return true
			}
		}
	}
	return false
}

// markInName: the anonymity mark at pos is a word of a name (Gamblers
// Anonymous, Alcoholics Anonymous), capitalised after a capitalised word.
func (d *quoteDoc) markInName(pos int) bool {
	k := d.tokAt(pos)
	return k > 0 && k < len(d.toks) && d.toks[k].s == pos && d.toks[k].cap && d.nameWord(k-1) && !d.lineBetween(k-1, k)
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
	// "a spokesman for the Dayton Police Department", "Karin Smit van het
	// ziekenhuis", "a source close to the star": the head before the
	// preposition is the subject
	if i > lo+1 && i < j && d.isPrep(d.toks[i-1].low) && !qConnectors[d.toks[i-1].low] || i > lo+1 && i < j && (d.toks[i-1].low == "of" || d.toks[i-1].low == "for" || d.toks[i-1].low == "van" || d.toks[i-1].low == "von") {
		h := d.phraseBack(lo, i-1, k)
		if h < i-1 && d.headsPhrase(h, i-1) {
			i = h
		}
	}
	// "O vereador Jorge Amaral, da oposição, que votou contra, chamou":
	// more appositions, each after a comma and opening with a preposition
	for n := 0; n < 2 && i > lo && i < j && d.toks[i-1].low == "," && (d.isPrep(d.toks[i].low) || qClauseStops[d.toks[i].low]); n++ {
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
			if i-2 >= lo && d.pluralPossessive(i-1) {
				i-- // the Dunmara Landowners’ Group
				continue
			}
			break
		}
		if qClauseStops[t.low] || d.isPrep(t.low) && !qConnectors[t.low] || d.cueAt(i-1, lo, k, true).kind != 0 {
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
			if t.low == "." && j > k && qAbbreviations[d.toks[j-1].low] && j+1 < hi && d.toks[j+1].word {
				j++
				continue
			}
			break
		}
		if !sawName && d.nameWord(j) && qPossessive(t.low) && j+1 < hi && d.toks[j+1].word {
			j++ // "said Ruby's mother, Jodie Parkes": Ruby is not speaking
			k = j
			continue
		}
		according := k > 0 && qAccordingCues[d.toks[k-1].low] // segundo a Associação: "a" is no "to"
		// "dijo a Clarín" is "told"; Portuguese "informou a Cerâmica Santa Luzia" has the feminine article
		article := (d.isDet(t.low) || qIndefinites[t.low]) && !(t.low == "a" && !according && j+1 < hi && (d.isDet(d.toks[j+1].low) || d.nameWord(j+1) && d.lang != "pt"))
		if d.runConnector(j) && sawName {
			j += 2 // Sandrine Le Goff
			continue
		}
		if article && !sawName {
			j++ // said the minister, disse a juíza
			continue
		}
		if sawName && !d.nameWord(j) && !d.roleAhead(j, hi) {
			h := k
			for h < j && !d.nameWord(h) {
				h++ // over the article
			}
			if e := d.orgTail(h, j, hi); e > j {
				return [2]int{h, e} // a assuré le Service cantonal de l’emploi
			}
		}
		if d.isPrep(t.low) && !(qConnectors[t.low] && sawName && j+1 < hi && d.nameWord(j+1)) ||
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
	if j < hi && j > k+1 && d.nameWord(j-1) && !d.nameWord(k) {
		// "sagte der Fraktionsvorsitzende der Grünen, Malte Brinkmann": a
		// role, its complement a name, then the person in apposition
		for m := k; m < j-1; m++ {
			if d.isTitle(m) || qRoleWord(qElide(d.toks[m].low)) {
				if e, ok := d.appositionEnd(j, hi); ok {
					return [2]int{j + 1, e}
				}
				break
			}
			if d.nameWord(m) {
				break
			}
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
			return role && d.nameWord(m) && m > j && !d.nameWord(m-1) && !d.isPrep(d.toks[m-1].low) && qElide(d.toks[m].low) == d.toks[m].low
		}
		m := j
		for m < hi && m < j+quoteComplementWords && d.toks[m].word && !direct(m) {
			m++
		}
		if m < hi && direct(m) {
			m-- // the name starts at m+1
		}
		if m+2 < hi && d.toks[m].low == "," && d.toks[m+1].word && !d.toks[m+1].cap && d.isTitle(m+1) && d.nameWord(m+2) {
			m++ // ", capitano Andrea Lo Presti": a title before the name in apposition
		}
		if m+1 < hi && (d.toks[m].low == "," || role) && d.nameWord(m+1) {
			n := m + 1
			for n < hi && (d.nameWord(n) || d.runConnector(n)) {
				n++
			}
			if n == hi || strings.Contains(",.(;", d.toks[n].low) {
				if run, ok := d.makeRun(m+1, n); !ok || !run.person {
					if e, ok := d.appositionEnd(n, hi); ok {
						return [2]int{n + 1, e} // "le président du groupe Écologistes, Julien Morel"
					}
				}
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

// clauseSubject is the person or body that opens the clause toks[lo:e]:
// a name (after its title), or a description followed by the name in
// apposition; a subject followed by its verb, a comma or a parenthesis.
func (d *quoteDoc) clauseSubject(lo, e int) qSpeaker {
	m := lo
	for m < e && m < lo+12 && d.toks[m].word && (d.nameWord(m) || d.isDet(d.toks[m].low) || d.isTitle(m) || qRoleWord(d.toks[m].low) ||
		d.runConnector(m) || m > lo && d.isPrep(d.toks[m].low) && m+1 < e && (d.nameWord(m+1) || d.isDet(d.toks[m+1].low))) {
		m++
	}
	if m == lo || m >= e || d.isPrep(d.toks[m-1].low) || d.isDet(d.toks[m-1].low) {
		return qSpeaker{}
	}
	if t := d.toks[m]; t.low == "," {
		role := d.isTitle(lo) || lo+1 < m && d.isDet(d.toks[lo].low) && d.isTitle(lo+1)
		if name, ok := d.appositionName(m); ok && (!d.nameWord(m-1) || role) { // "O presidente da Junta de Freguesia de X, Amílcar Bento,"
			return qSpeaker{name: name, how: "name"} // Su secretario general, Ramón Giménez,
		}
		return qSpeaker{} // "Cartiera del Sorbo, 140 esuberi: «…»", a headline's shorthand
	} else if t.low != "(" && !(t.word && !t.cap) {
		return qSpeaker{}
	}
	if !d.nameWord(m - 1) {
		return qSpeaker{}
	}
	switch sp := d.speakerFromNP([2]int{lo, m}, false, d.toks[lo].s); sp.how {
	case "name", "surname", "org":
		return sp
	}
	return qSpeaker{}
}

// appositionName is the person named after the comma at k ("…, Dara
// Colgan, to visit"), the name closed by a comma, a full stop, a
// parenthesis or the end.
func (d *quoteDoc) appositionName(k int) (string, bool) {
	if b, ok := d.appositionEnd(k, len(d.toks)); ok {
		a := k + 1
		for a < b && !d.nameWord(a) {
			a++ // over a title
		}
		run, _ := d.makeRun(a, b)
		return run.name, true
	}
	return "", false
}

// appositionEnd is where the person's name after the comma at k ends,
// within toks[:hi].
func (d *quoteDoc) appositionEnd(k, hi int) (int, bool) {
	if k+1 >= hi || d.toks[k].low != "," || d.lineBetween(k, k+1) {
		return 0, false
	}
	t := k + 1
	for t < hi && t < k+3 && d.toks[t].word && !d.toks[t].cap && d.isTitle(t) {
		t++ // ", capitano Andrea Lo Presti"
	}
	if t >= hi || !d.nameWord(t) {
		return 0, false
	}
	k = t - 1
	b := k + 2
	for b < hi && (d.nameWord(b) || d.runConnector(b)) {
		b++
	}
	if b < hi && !strings.Contains(",.(;", d.toks[b].low) {
		return 0, false
	}
	if run, ok := d.makeRun(k+1, b); ok && run.person {
		return b, true
	}
	return 0, false
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
	j = d.dropPostNominal(i, j)
	sp := d.speakerFromPhrase(i, j, after, pos)
	if sp.how == "" && d.words(i, j) > 0 && !(after && j == i+1 && !d.toks[i].cap && !qPronouns[d.toks[i].low]) {
		sp.named = true // (not "dijo emocionada": an adjective, the subject left out)
	}
	return sp
}

func (d *quoteDoc) speakerFromPhrase(i, j int, after bool, pos int) qSpeaker {
	if after && j == i+1 && qPronouns[d.toks[i].low] {
		return d.pronoun(d.toks[i].low, pos)
	}
	if d.lang == "de" && j-i >= 2 && qIndefinites[d.toks[i].low] && d.indefinite(i) && !qSpokesNouns[d.toks[i+1].low] {
		return qSpeaker{how: "anonymous"} // "Eine Anwohnerin der Dorfstrasse": German nouns have capitals, but nobody is named
	}
	if h := d.skipArticles(i, j); h+2 < j && qAnonHeads[d.toks[h].low] && !d.nameWord(h+1) && d.nameWord(j-1) {
		return qSpeaker{how: "anonymous"} // "Mieszkaniec ulicy Nadbrzeżnej": a resident of a street, unnamed
	}
	if h := d.skipArticles(i, j); h < j && d.nameWord(h) {
		e := h + 1
		for e < j && d.nameWord(e) {
			e++
		}
		if e < j && d.orgTail(h, e, j) == j {
			return qSpeaker{name: d.nameText(h, j), how: "org"} // le Service cantonal de l’emploi
		}
	}
	if sp, ok := d.complexSpeaker(i, j, pos); ok {
		return sp
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
		for m > i && (d.nameWord(m-1) || d.isTitle(m-1) || m-2 >= i && (d.runConnector(m-1) || d.pluralPossessive(m-1)) && d.nameWord(m-2) ||
			m-2 >= i && (d.toks[m-1].low == "of" || d.toks[m-1].low == "for") && d.nameWord(m-2)) {
			m--
		}
		p := m - 1
		if p > i && (d.isDet(d.toks[p].low) || qIndefinites[d.toks[p].low]) {
			p--
		}
		if p > i && d.isPrep(d.toks[p].low) && qOrgWords[d.toks[p-1].low] && !d.toks[p-1].cap && p == m-1 &&
			(p-1 == i || p-2 == i && d.isDet(d.toks[i].low)) {
			return qSpeaker{name: d.text(p-1, j), how: "org"} // het gemeentebestuur van Kalmhove
		}
		if p > i && d.isPrep(d.toks[p].low) && d.toks[p-1].word && !d.nameWord(p-1) &&
			(!d.isTitle(p-1) || p-2 >= i && (d.isDet(d.toks[p-2].low) || qIndefinites[d.toks[p-2].low])) {
			return d.description(i, p, pos) // "a resident of San Roque", "the head of the council": a person
		}
		if m-1 >= i && (d.isDet(d.toks[m-1].low) || d.toks[m-1].word && qIndefinites[d.toks[m-1].low]) && j-m == 1 {
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
		if d.isDet(d.toks[m].low) || qIndefinites[d.toks[m].low] || qElide(d.toks[m].low) != d.toks[m].low {
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
	if qStatementNouns[head] && det >= 0 {
		if name, ok := d.statementSource(pos); ok {
			return qSpeaker{name: name, how: "org"} // "the district said in a statement …. “…,” the statement said"
		}
		if name, ok := d.recentBody(pos); ok {
			return qSpeaker{name: name, how: "org"} // "«…», añade el comunicado": the body whose statement it is
		}
	}
	from := det
	if from < 0 {
		from = j - 1
	}
	var mods []string
	for m := from + 1; m < j-1; m++ {
		mods = append(mods, d.toks[m].low)
	}
	if head == "cittadino" && len(mods) == 1 && mods[0] == "primo" {
		head, mods = "sindaco", nil // il primo cittadino: the mayor
	}
	if _, ok := d.role(head, mods, pos); !ok && qRoleSynonyms[head] != "" {
		head = qRoleSynonyms[head] // o magistrado: the judge named before
	}
	if name, ok := d.role(head, mods, pos); ok && !(qBodyHeads[head] && strings.Contains(name, " ") && !qOrgName(name)) {
		// (not "the company" → "Company spokesperson Jenna Farrow": a body is nobody's name)
		return qSpeaker{name: name, how: "role"}
	}
	if d.toks[j-1].cap && j-from == 2 && !d.isTitle(j-1) && (qOrgWords[head] || qOrgSuffix(head)) {
		return qSpeaker{name: d.text(j-1, j), how: "org"} // das Landesgesundheitsministerium
	}
	if (d.isTitle(j-1) || qRoleWord(head) || qPersonHeads[head] || strings.ContainsAny(head, "0123456789")) && !qOrgWords[head] && !qOrgSuffix(head) {
		// "the judge", "the 24-year-old": the person last named
		if sp := d.pronoun("", pos); sp.name != "" {
			sp.how = "role"
			return sp
		}
	}
	if t := d.toks[j-1]; j-from == 2 && qAcronym(t.low, d.text(j-1, j)) {
		return qSpeaker{name: d.text(j-1, j), how: "org"} // la CGT, the GAA: the article is no part of the name
	}
	// "the prefecture", "l’ente"; a person's role ("the head of …") is no body
	elided := det == j-1 && qElide(d.toks[det].low) != d.toks[det].low
	if det >= 0 && (j-det == 2 || elided) && !d.isTitle(j-1) && (!qRoleWord(head) || qOrgWords[head]) {
		if name, ok := d.namedKind(head, pos); ok {
			return qSpeaker{name: name, how: "description"} // la préfecture → préfecture de la Haute-Sérane
		}
		if d.lang == "de" && !qBodyHeads[head] {
			head = strings.TrimSuffix(head, "s") // des Vereins, des Unternehmens
		}
		if qBodyHeads[head] && !d.indefinite(det) {
			if name, ok := d.recentBody(pos); ok {
				return qSpeaker{name: name, how: "org"} // "Inmoalcor ha rechazado … «…», ha señalado la empresa"
			}
		}
	}
	return qSpeaker{name: d.text(from, j), how: "description"}
}

// qAcronym: an organisation's initials (CGT, SIPTU), the word in
// capitals.
func qAcronym(low, word string) bool {
	n := utf8.RuneCountInString(word)
	return n >= 2 && n <= 6 && word != low && strings.ToUpper(word) == word && !strings.ContainsAny(word, "0123456789")
}

// namedKind is who "the prefecture" is when the article named it with a
// complement or a name right after the word before: the last "préfecture
// de la Haute-Sérane", "rechtbank Noord-Polderland" before pos, outside
// quotes, the kind's word heading a name that ends capitalised.
func (d *quoteDoc) namedKind(head string, pos int) (string, bool) {
	best := ""
	for k := d.tokAt(pos - quoteArticleBack); k < len(d.toks) && d.toks[k].s < pos; k++ {
		t := d.toks[k]
		if !t.word || qElide(t.low) != head || d.inQuote(t.s) {
			continue
		}
		if e := d.orgTail(k, d.orgEnd(k), len(d.toks)); t.cap && e-k >= 2 && !d.nameWord(e-1) {
			best = d.text(k, e) // le Service cantonal de l’environnement → le service
			continue
		}
		if e := d.orgEnd(k); e-k >= 2 && d.nameWord(e-1) && (e-k >= 3 && d.isPrep(d.toks[k+1].low) || !t.cap && d.nameWord(k+1)) {
			best = d.nameText(k, e) // l’Union des … → Union des …
			if !t.cap && qBodyHeads[head] && d.nameWord(k+1) {
				best = d.text(k+1, e) // la empresa Recialcor → Recialcor
			}
		}
	}
	return best, best != ""
}

// recentBody is the body "the company" or "l’ente" stands for: the name
// that is the subject of one of the three sentences before pos (outside
// quotes), an organisation's or one no title marks as a person's
// ("MILLBROOK — Crestfield Logistics will close …", "La Provincia di
// Varena ha stanziato …", "SIPTU organiser Fergal Daly said …").
func (d *quoteDoc) recentBody(pos int) (string, bool) {
	end := pos
	for n := 0; n < 4 && end > 0; {
		start := d.prevBoundary(end)
		if start >= end {
			break
		}
		if !d.inQuote(start) {
			n++
			if name, ok := d.subjectName(start, end); ok {
				return name, true
			}
		}
		end = d.endBefore(start)
	}
	return "", false
}

// statementSource is who issued "the statement": the speaker of one of
// the three sentences before pos that speaks of a statement ("The
// district said in a statement on Monday that …", "In a statement,
// Kestrel Orthopaedics said …").
func (d *quoteDoc) statementSource(pos int) (string, bool) {
	end := pos
	for n := 0; n < 4 && end > 0; n++ {
		start := d.prevBoundary(end)
		if start >= end {
			break
		}
		lo, hi := d.tokRange(start, end)
		statement := false
		for k := lo; k < hi; k++ {
			statement = statement || qStatementNouns[d.toks[k].low] && !d.inQuote(d.toks[k].s)
		}
		for k := lo; statement && k < hi; k++ {
			if c := d.cueAt(k, lo, hi, true); c.kind == qcueSay && !d.inQuote(d.toks[k].s) {
				np, _ := d.npBefore(lo, k)
				if sp := d.speakerFromNP(np, false, d.toks[k].s); sp.name != "" && (sp.how == "org" || sp.how == "role" || sp.how == "name" || sp.how == "surname") {
					return sp.name, true
				}
				break
			}
		}
		end = d.endBefore(start)
	}
	return "", false
}

// subjectName is the name that opens the sentence r[s:e] (after an
// article and a dateline), when it is no titled person's.
func (d *quoteDoc) subjectName(s, e int) (string, bool) {
	k := d.tokAt(s)
	for k < len(d.toks) && d.toks[k].s < e && (!d.toks[k].word || d.definite(k) || d.toks[k].caps && k+1 < len(d.toks) && strings.Contains("—–-", d.toks[k+1].low)) {
		k++
	}
	i := sort.Search(len(d.runs), func(i int) bool { return d.runs[i].ts >= k })
	if i == len(d.runs) || d.runs[i].ts != k || d.toks[k].s >= e {
		return "", false
	}
	run := d.runs[i]
	if run.titled || run.inQuote || run.linked || run.person && len(run.words) < 2 {
		return "", false
	}
	if run.te >= len(d.toks) || d.lineBetween(run.te-1, run.te) || d.toks[run.te].low == ":" {
		return "", false // a label alone on its line ("Advertisement"), a caption's "Picture:"
	}
	if !strings.Contains(run.name, " ") {
		if full, ok := d.orgFullest(run.words[0], d.toks[k].s); ok {
			return full, true
		}
	}
	return run.name, true
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
				if run, ok := d.makeRun(n, b); ok && run.person && !(qOrgWords[head] && !d.isTitle(k)) {
					// (not for a body: "Trust chief executive Janine Kerr" is not the trust)
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
				// (leftwards, the line must not break between a-1 and a)
				for a > 0 && !d.lineBetween(a-1, a) && (d.nameWord(a-1) || a > 1 && orgPart(a-1) && d.nameWord(a-2)) {
					a--
				}
				for orgPart(b) {
					b++
				}
				for a < k && !d.nameWord(a) {
					a++
				}
				if b-a >= 2 && (a == k || b == k+1 && !d.isTitle(k) || qOrgWords[head] && a < k && k+1 < b) {
					// (a body's word inside its name too: University Hospital Ardcarrig)
					if name, ok := d.appositionName(b); ok && d.isTitle(k) {
						return name, true // the Minister for Enterprise, Dara Colgan: the office's holder
					}
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
			for m >= 0 && m > k-5 && d.toks[m].word && !d.isDet(d.toks[m].low) {
				m--
			}
			if m >= 2 && d.isDet(d.toks[m].low) && d.toks[m-1].low == "," && d.nameWord(m-2) {
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
			if a.pos < pos && (a.how == "org" || a.how == "description" || a.how == "role" && (!strings.Contains(a.speaker, " ") || qOrgName(a.speaker))) {
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
		if run.inQuote || run.afterPrep || run.det || run.byline || run.chrome {
			continue
		}
		if d.anonymousBetween(s, pos) {
			// "One mother, who declined to give her name, said …. “…,” she said"
			return qSpeaker{how: "anonymous"}
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
	if subj != "" && (d.anonymousBetween(cue, pos) || d.indefiniteName(qspan{d.prevBoundary(cue), cue}, subj) && d.anonymousBetween(d.prevBoundary(cue), cue)) {
		return qSpeaker{how: "anonymous"}
	}
	return qSpeaker{name: subj, how: "pronoun"}
}

// qOrgName: a body's name, by a word for a body in it ("St Fionán’s
// University Hospital" for "the hospital").
func qOrgName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if qOrgWords[w] || qOrgSuffix(w) {
			return true
		}
	}
	return false
}

// anonymousBetween reports whether an anonymity mark stands in r[a:b]
// outside quotes: a source left unnamed came after the person last named,
// and a pronoun after it is that source.
func (d *quoteDoc) anonymousBetween(a, b int) bool {
	return a < b && d.anonymityMark(a, b, true)
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

// prevBoundary is where the sentence that holds a starts.
func (d *quoteDoc) prevBoundary(a int) int {
	for i := a - 1; i >= 0 && i > a-quotePronounBack; i-- {
		if d.r[i] == '\n' || d.isBoundary(i, len(d.r)) {
			return i + 1
		}
	}
	return max(0, a-quotePronounBack)
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

// titleCase reports whether every content word of q is capitalised (a
// title, a name: "Island of Love").
func (d *quoteDoc) titleCase(q *quoteCand) bool {
	lo, hi := d.tokRange(q.s, q.e)
	for k := lo; k < hi; k++ {
		if t := d.toks[k]; t.word && !t.cap && !qFuncWords[t.low] {
			return false
		}
	}
	return true
}

// skipObjects steps over an object pronoun after a speech verb
// ("powiedział nam", "told us").
func (d *quoteDoc) skipObjects(k, hi int) int {
	if k < hi && d.toks[k].word && qObjects[d.toks[k].low] {
		return k + 1
	}
	return k
}

// skipAdverbials steps over at most two adverbials between a speech verb
// and its subject: a preposition and its lower-case words ("po sesji", "in
// aula"), or a word of time ("ieri", "dinsdag").
func (d *quoteDoc) skipAdverbials(k, hi int) int {
	j := k
	if j < hi && !d.toks[j].word && quoteFamily([]rune(d.toks[j].low)[0]) != 0 {
		// "powiedziała „Echu Borowca” prezes …": a paper's name in marks, the addressee
		for i, q := range d.quotes {
			if q.open == d.toks[j].s && d.titleCase(d.quotes[i]) && q.end-q.open < 40 {
				_, j = d.tokRange(q.open, q.end)
				return j
			}
		}
	}
	for n := 0; n < 2 && j < hi && d.toks[j].word; n++ {
		w := d.toks[j].low
		switch {
		case qTimeWords[w]:
			j++
		case d.isPrep(w) && !d.isDet(w):
			m := j + 1
			for m < hi && m < j+5 && d.toks[m].word && !d.nameWord(m) && !d.isTitle(m) && !d.isDet(d.toks[m].low) && !qIndefinites[d.toks[m].low] {
				m++
			}
			if m == j+1 && m < hi && d.nameWord(m) {
				// "afirmou ao Jornal do Sorna a presidente …": a name after
				// the preposition, and then the subject's article or title
				for m < hi && m < j+8 && (d.nameWord(m) || d.runConnector(m) || (qConnectors[d.toks[m].low] || d.isPrep(d.toks[m].low)) && m+1 < hi && d.nameWord(m+1)) {
					m++
				}
				if m < hi && d.toks[m].word && (d.isDet(d.toks[m].low) || d.isTitle(m) || d.lang == "pt" && d.toks[m].low == "a") {
					j = m // (Portuguese "a" is the feminine article)
					continue
				}
				return j
			}
			if m == j+1 {
				return j
			}
			j = m
		default:
			return j
		}
	}
	return j
}

// extendComplement carries a phrase that ends in a spokesman or an
// anonymous head over its complement ("ein Sprecher der Polizei
// Freiburg", "a source at the company").
func (d *quoteDoc) extendComplement(np [2]int, hi int) [2]int {
	if np[0] >= np[1] || np[1] >= hi {
		return np
	}
	head := d.toks[np[1]-1].low
	if !qSpokesNouns[head] && !qAnonHeads[head] && !(qOrgWords[head] && !d.toks[np[1]-1].cap && np[1]+1 < hi && d.nameWord(np[1]+1)) {
		return np
	}
	x := np[1]
	if d.isPrep(d.toks[x].low) || qConnectors[d.toks[x].low] {
		x++
	}
	if comp := d.npAfter(x, hi); comp[1] > x {
		return [2]int{np[0], comp[1]}
	}
	return np
}

// headsPhrase: the phrase toks[h:e] is the head of a noun phrase whose
// complement follows: it holds a spokesman, an anonymous source, an
// indefinite article, or ends in a person's name.
func (d *quoteDoc) headsPhrase(h, e int) bool {
	if s := d.skipArticles(h, e); s < e && d.toks[s].cap && qOrgWords[qElide(d.toks[s].low)] {
		return true // l’Union des propriétaires, La Asamblea Vecinal por el Agua: a body's name
	}
	for m := h; m < e; m++ {
		if w := d.toks[m].low; qSpokesNouns[w] || qAnonHeads[w] || m == h && qIndefinites[w] && w != "one" {
			return true
		}
	}
	if d.nameWord(e - 1) {
		a := e - 1
		for a > h && d.nameWord(a-1) {
			a--
		}
		if run, ok := d.makeRun(a, e); ok && run.person && !run.org {
			return true
		}
	}
	return false
}

// complexSpeaker reads the phrases that name their speaker through
// another: the organisation of a spokesman ("a spokesman for the Dayton
// Police Department", "A Marchwood Water spokesman"), a person before a
// preposition ("Karin Smit van het ziekenhuis"), an anonymous head
// ("sources at the ministry", "a source close to the star"), and an
// organisation whose name holds lower-case words ("Klub radnych Wspólne
// Mielnice", "Consorzio di bonifica Val Sorba").
func (d *quoteDoc) complexSpeaker(i, j, pos int) (qSpeaker, bool) {
	first := j // the first preposition
	for m := i + 1; m < j; m++ {
		if d.isPrep(d.toks[m].low) && !(qConnectors[d.toks[m].low] && m+1 < j && d.nameWord(m-1) && d.nameWord(m+1)) {
			first = m
			break
		}
	}
	for m := i; m < first; m++ {
		w := d.toks[m].low
		if qSpokesNouns[w] {
			if m+1 < j && d.nameWord(m+1) {
				return qSpeaker{}, false // spokesman John Smith: a person
			}
			if m > i && !d.toks[m-1].cap && qOrgWords[d.toks[m-1].low] && m+1 == j {
				if name, ok := d.role(d.toks[m-1].low, nil, pos); ok {
					return qSpeaker{name: name, how: "org"}, true // "A council spokesperson said"
				}
			}
			if first < j {
				c := first + 1
				for c < j && (d.isDet(d.toks[c].low) || d.isPrep(d.toks[c].low)) {
					c++
				}
				if c < j {
					if sp := d.orgSpeaker(c, j, pos); sp.how != "" {
						return sp, true
					}
				}
			}
			a := i
			for a < m && !d.nameWord(a) {
				a++
			}
			if a < m && d.nameWord(m-1) {
				return d.orgSpeaker(a, m, pos), true
			}
			return qSpeaker{}, false
		}
	}
	for m := i; m < first; m++ {
		if qAnonHeads[qElide(d.toks[m].low)] && first < j {
			return qSpeaker{how: "anonymous"}, true // sources at the ministry
		}
	}
	if first < j && first > i {
		if qIndefinites[d.toks[i].low] && d.toks[i].low != "one" && !d.nameWord(first-1) {
			return qSpeaker{how: "anonymous"}, true // a paramedic at the trust
		}
		if d.nameWord(first - 1) {
			a := first - 1
			for a > i && (d.nameWord(a-1) || d.runConnector(a-1)) {
				a--
			}
			if run, ok := d.makeRun(a, first); ok && run.person && !run.org && !run.det {
				return d.nameSpeaker(a, first), true // Karin Smit van het ziekenhuis
			}
		}
	}
	a := i
	for a < j && (d.isDet(d.toks[a].low) || !d.toks[a].word) {
		a++
	}
	if run, ok := d.makeRun(a, j); a < j && d.toks[a].cap && qOrgWords[qElide(d.toks[a].low)] && !(ok && run.titled && run.person) {
		// not "Commission President Ray Delgado": a title and a person's name end it
		if e := d.orgEnd(a); e >= j {
			return qSpeaker{name: d.nameText(a, e), how: "org"}, true // L’Associazione
		}
	}
	return qSpeaker{}, false
}

// orgSpeaker is the organisation that toks[a:b] names: by its name
// (a lower-case word for the kind of body before it kept: "gemeente
// Amersfoort"), or by "the council", resolved to its fullest name.
func (d *quoteDoc) orgSpeaker(a, b, pos int) qSpeaker {
	a0 := a // with its article, for description
	for a < b && (d.isDet(d.toks[a].low) || qIndefinites[d.toks[a].low]) {
		a++
	}
	if a >= b {
		return qSpeaker{}
	}
	if low := d.toks[a].low; b-a == 1 && a > 0 && d.definite(a-1) && (qBodyHeads[low] || d.lang == "de" && qBodyHeads[strings.TrimSuffix(low, "s")]) {
		if name, ok := d.recentBody(pos); ok {
			return qSpeaker{name: name, how: "org"} // „…“, hieß es in einer Aussendung des Vereins
		}
	}
	if d.nameWord(b - 1) {
		s := a
		if !d.nameWord(s) && !qOrgWords[d.toks[s].low] {
			for s < b && !d.nameWord(s) {
				s++
			}
		}
		sp := d.nameSpeaker(s, b)
		if sp.how == "name" || sp.how == "surname" {
			sp.how = "org"
		}
		if s < b-1 && !d.toks[s].cap && qOrgWords[d.toks[s].low] && !strings.Contains(sp.name, " ") {
			sp.name = d.text(s, b) // gemeente Amersfoort
			return sp
		}
		if !strings.Contains(sp.name, " ") {
			if full, ok := d.orgFullest(strings.ToLower(sp.name), pos); ok {
				sp.name = full
			} else if full, ok := d.orgFullest(strings.TrimSuffix(strings.ToLower(sp.name), "s"), pos); ok && d.lang == "de" {
				sp.name = full // des Amts → Amt für Jagd und Fischerei
			}
		}
		return sp
	}
	sp := d.description(a0, b, pos)
	if sp.how == "role" || sp.how == "org" {
		sp.how = "org"
		return sp
	}
	if qOrgWords[qElide(d.toks[b-1].low)] {
		return qSpeaker{name: d.text(a, b), how: "org"} // the police, as the article leaves it
	}
	return qSpeaker{}
}

// definite: the token at k is a definite article (Portuguese "a" too).
func (d *quoteDoc) definite(k int) bool {
	w := d.toks[k].low
	return d.toks[k].word && (d.isDet(w) || qIndefinites[w] && !d.indefinite(k))
}

// skipArticles is the first token of toks[i:j] after its articles.
func (d *quoteDoc) skipArticles(i, j int) int {
	for i < j && d.toks[i].word && d.isDet(d.toks[i].low) {
		i++
	}
	return i
}

// orgTail is where a Romance organisation's name that a body word heads
// ends when lower-case words follow it: "Service cantonal de l’emploi",
// "Société de pêche de la Brêne", "Association Brêne Sécurité routière".
// It goes over adjectives and "de"-complements (de, du, des, d’, l’, di,
// del, della, do, da and an article after them), not over another
// preposition, a verb it knows, a punctuation mark or a line break; at most
// 6 words, ending on a word that is no particle. head is the name's first
// token, j the first token after its capitalised words.
func (d *quoteDoc) orgTail(head, j, hi int) int {
	switch d.lang {
	case "fr", "es", "it", "pt":
	default:
		return j
	}
	if !qOrgWords[qElide(d.toks[head].low)] {
		return j
	}
	end := j
	for m := j; m < hi && m < j+6 && d.toks[m].word && !d.lineBetween(m-1, m); m++ {
		w := d.toks[m].low
		de := qConnectors[w] || w == "des" || w == "du" || strings.HasPrefix(w, "d’") || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "l’") || strings.HasPrefix(w, "l'")
		if !de && (d.isPrep(w) || qSkipBefore[w] || qClauseStops[w] || qClitics[w] || qFuncWords[w] || d.cueAt(m, m, hi, true).kind != 0 || strings.Contains(w, "’") || strings.Contains(w, "'")) {
			break
		}
		if i := strings.IndexAny(w, "’'"); de && i > 0 && len(w) > i+len("’")+1 {
			end = m + 1 // l’emploi, d’élèves: the particle and the noun
			continue
		}
		if de || d.isDet(w) {
			continue
		}
		end = m + 1
	}
	if end > j && !d.toks[end-1].cap || end > j && d.nameWord(end-1) {
		return end
	}
	return j
}

// orgEnd is where the organisation's name that starts with the
// capitalised word at a ends: over capitalised words, particles, and at
// most two lower-case words before a capitalised one ("Consorzio di
// bonifica Val Sorba", "Klub radnych Wspólne Mielnice").
func (d *quoteDoc) orgEnd(a int) int {
	e := a + 1
	for e < len(d.toks) && !d.lineBetween(e-1, e) {
		if d.nameWord(e) {
			e++
			continue
		}
		// German capitalises its nouns: a lower-case word there is a verb
		lower := d.lang != "de" && d.lang != "en"
		m := e
		for m < len(d.toks) && m < e+3 && d.toks[m].word && !d.nameWord(m) && !qClauseStops[d.toks[m].low] &&
			(qConnectors[d.toks[m].low] || d.isDet(d.toks[m].low) || lower && !d.isPrep(d.toks[m].low) && d.cueAt(m, m, m+1, true).kind == 0 && !qSkipBefore[d.toks[m].low]) {
			m++
		}
		if m > e && m < len(d.toks) && d.nameWord(m) && !d.lineBetween(m-1, m) {
			e = m + 1
			continue
		}
		break
	}
	return e
}

// orgFullest is the longest organisation's name the article gives that
// starts with the word w ("der Stadtwerke" → "Stadtwerke Lindau"; "del
// Consorzio" → "Consorzio di bonifica Val Sorba").
func (d *quoteDoc) orgFullest(w string, pos int) (string, bool) {
	best, bestN := "", 1
	_, limit := d.tokRange(0, pos+quotePronounBack)
	for k := d.tokAt(pos - quoteArticleBack); k < limit && k < len(d.toks); k++ {
		t := d.toks[k]
		if !t.cap || qElide(t.low) != w || d.inQuote(t.s) || d.inLinkBlock(t.s) || t.s < d.headline() {
			continue // (a tag list's or a menu's longer name is no mention)
		}
		e := d.orgEnd(k)
		e = d.orgTail(k, e, len(d.toks))
		if e-k > bestN {
			best, bestN = d.text(k, e), e-k
		}
	}
	return best, best != ""
}

// statementAuthor is the organisation whose statement the words after a
// cue name: "heißt es in einer Mitteilung der Stadtwerke", "si legge
// nella nota del Consorzio", "staat in een verklaring van de gemeente".
func (d *quoteDoc) statementAuthor(k, hi, pos int) (qSpeaker, bool) {
	for m := k; m < hi && m < k+8 && d.toks[m].word; m++ {
		if !qStatementNouns[d.toks[m].low] {
			continue
		}
		x := m + 1
		for x < hi && (d.isPrep(d.toks[x].low) || d.isDet(d.toks[x].low)) {
			x++
		}
		if x < hi && x > m+1 {
			if sp := d.orgSpeaker(x, d.npAfter(x, hi)[1], pos); sp.how != "" {
				return sp, true
			}
		}
		return qSpeaker{}, false
	}
	return qSpeaker{}, false
}
