// Package suggest proposes spans for people to accept or reject: the
// BOILERPLATE of a news page (site chrome), its QUOTEs with their
// speakers, and its check-worthy CLAIMs (issue 11). Detectors are plain
// functions of an article's text (and, for saved web pages, its block
// structure); what the team accepts and rejects is learned per site and
// per project (learn.go) and changes the scores of later proposals.
//
// Offsets are code points of the article text, end exclusive.
package suggest

import (
	"github.com/gloss-dev/gloss/server/htmltext"
)

// Suggestion is one proposed span.
type Suggestion struct {
	Label    string            `json:"label"`
	Start    int               `json:"start"`
	End      int               `json:"end"`
	Score    float64           `json:"score"`    // 0..1: how sure the detector is
	Detector string            `json:"detector"` // which detector proposed it, e.g. "quote.marks"
	Attrs    map[string]string `json:"attrs,omitempty"`
	// Features are the signals the score came from, by name, for the
	// learned model and for --explain.
	Features map[string]float64 `json:"features,omitempty"`
}

// Input is what detectors read: the article text and, when it came from
// a saved web page, the page's blocks (nil otherwise: lines are then the
// text's own).
type Input struct {
	Text   string
	Blocks []htmltext.Block
	Site   string // the article's source site, for per-site learning
	Lang   string // an ISO 639-1 code when known ("en", "de", …), else ""
}

// Detector proposes spans of one label.
type Detector func(in Input) []Suggestion
