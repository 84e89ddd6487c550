package export

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"

	"github.com/gloss-dev/gloss/storage/model"
)

// Boilerplate is the label whose spans Clean cuts out of the text.
const Boilerplate = "BOILERPLATE"

// Clean returns d with the text under its BOILERPLATE spans cut out and
// every other span moved onto the clean text. Overlapping or touching
// BOILERPLATE spans are merged first. A span that partly overlaps a cut
// keeps only what remains of it (the remainder is contiguous in the clean
// text, even when a cut falls in its middle); a span wholly inside a cut
// is dropped. The BOILERPLATE spans themselves are dropped. Article.Text,
// Length and Hash describe the clean text; every Annotation.Text is set
// from it. A span with invalid offsets is left as it is, for the encoder
// to report. d is not modified; without BOILERPLATE spans it comes back
// as it is.
func Clean(d Doc) Doc {
	ri := model.NewRuneIndex(d.Article.Text)
	n := ri.Len()
	var cuts []cut
	for _, a := range d.Annotations {
		if a.Label == Boilerplate && model.ValidateSpan(a.Start, a.End, n) == nil {
			cuts = append(cuts, cut{a.Start, a.End, 0})
		}
	}
	if len(cuts) == 0 {
		return d
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.start - b.start })
	merged := cuts[:1]
	for _, c := range cuts[1:] {
		last := &merged[len(merged)-1]
		if c.start <= last.end {
			last.end = max(last.end, c.end)
			continue
		}
		merged = append(merged, c)
	}
	cuts = merged

	var b strings.Builder
	prev, removed := 0, 0
	for i := range cuts {
		b.WriteString(ri.Slice(prev, cuts[i].start))
		prev = cuts[i].end
		removed += cuts[i].end - cuts[i].start
		cuts[i].removed = removed
	}
	b.WriteString(ri.Slice(prev, n))

	// pos maps an offset of the old text onto the clean text; offsets
	// inside a cut land where the cut was.
	pos := func(p int) int {
		i := sort.Search(len(cuts), func(i int) bool { return cuts[i].end > p })
		before := 0
		if i > 0 {
			before = cuts[i-1].removed
		}
		if i < len(cuts) && p > cuts[i].start {
			before += p - cuts[i].start
		}
		return p - before
	}

	out := d
	out.Article.Text = b.String()
	cri := model.NewRuneIndex(out.Article.Text)
	out.Article.Length = cri.Len()
	sum := sha256.Sum256([]byte(out.Article.Text))
	out.Article.Hash = hex.EncodeToString(sum[:])
	out.Annotations = make([]model.Annotation, 0, len(d.Annotations))
	for _, a := range d.Annotations {
		if model.ValidateSpan(a.Start, a.End, n) != nil {
			out.Annotations = append(out.Annotations, a)
			continue
		}
		if a.Label == Boilerplate {
			continue
		}
		start, end := pos(a.Start), pos(a.End)
		if start >= end {
			continue
		}
		a.Start, a.End, a.Text = start, end, cri.Slice(start, end)
		out.Annotations = append(out.Annotations, a)
	}
	out.Article.Count = len(out.Annotations)
	return out
}

// cut is one merged BOILERPLATE range; removed counts the code points cut
// up to and including it.
type cut struct{ start, end, removed int }
