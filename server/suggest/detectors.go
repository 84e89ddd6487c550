package suggest

import "sort"

// Labels are the labels the detectors propose, in the order they run.
var Labels = []string{"BOILERPLATE", "QUOTE", "CLAIM"}

// Run runs the detectors of the labels asked for (all when none) over in,
// with the site's memory (nil: none): suggestions the site rejected are
// left out. They come back sorted by start, then label.
func Run(in Input, labels []string, mem *SiteMemory) []Suggestion {
	want := func(l string) bool {
		if len(labels) == 0 {
			return true
		}
		for _, x := range labels {
			if x == l {
				return true
			}
		}
		return false
	}
	var out []Suggestion
	// CLAIM reads a saved page's chrome too: it is worked out once, with
	// what the site taught, whether or not BOILERPLATE is asked for.
	var chrome []Suggestion
	if want("BOILERPLATE") || want("CLAIM") && len(in.Blocks) > 0 {
		chrome = Boilerplate(in, mem)
	}
	if want("BOILERPLATE") {
		out = append(out, chrome...)
	}
	if len(in.Blocks) == 0 {
		chrome = nil // plain text: see claimCandidates
	}
	for _, d := range detectors {
		if !want(d.label) {
			continue
		}
		for _, s := range d.fn(in, chrome) {
			if mem != nil && mem.WasRejected(s.Label, sliceRunes(in.Text, s.Start, s.End)) {
				continue
			}
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// detectors are the detectors of the labels other than BOILERPLATE (which
// takes the site's memory itself), each given the page's BOILERPLATE
// suggestions (nil for plain text).
var detectors = []struct {
	label string
	fn    func(in Input, chrome []Suggestion) []Suggestion
}{
	{"QUOTE", func(in Input, _ []Suggestion) []Suggestion { return Quotes(in) }},
	{"CLAIM", claimsWith},
}

func sliceRunes(s string, start, end int) string {
	rs := []rune(s)
	return string(rs[max(start, 0):min(end, len(rs))])
}
