package suggest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gloss-dev/gloss/server/htmltext"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

const set = "../../testdata/suggest"

// TestEvaluationSet scores the detectors on the labelled pages and holds
// them to issue 11's goals: boilerplate F1 (code points) ≥ 0.95, and
// ≥ 0.98 after learning from two pages of a site (EvaluateLearning, whose
// rows come per site too); quote F1 ≥ 0.9 with the right speaker on ≥
// 0.85 of them; claim F1 ≥ 0.7. The table is what README reports (go test
// -run TestEvaluationSet -v ./server/suggest).
func TestEvaluationSet(t *testing.T) {
	pages, err := LoadSet(set)
	if err != nil {
		t.Fatal(err)
	}
	rows := Evaluate(pages)
	for _, r := range rows {
		extra := ""
		if r.Label == "QUOTE" {
			extra = fmt.Sprintf(" speaker %.3f", r.Score.SpeakerAccuracy())
		}
		t.Logf("%-70s %3d pages  P %.3f  R %.3f  F1 %.3f%s", r.What, r.Pages, r.Score.P(), r.Score.R(), r.Score.F1(), extra)
	}
	goal := func(what string, want float64) {
		for _, r := range rows {
			if r.What == what && r.Score.F1() < want {
				t.Errorf("%s: F1 %.3f, the goal is %.2f", what, r.Score.F1(), want)
			}
		}
	}
	goal("BOILERPLATE alone", 0.95)
	goal("CLAIM alone", 0.7)
	goal("QUOTE alone", 0.9)
	for _, r := range rows {
		if r.What == "QUOTE alone" && r.Score.SpeakerAccuracy() < 0.85 {
			t.Errorf("QUOTE: the right speaker on %.3f of the matches, the goal is 0.85", r.Score.SpeakerAccuracy())
		}
	}
	goal(RowAfter, 0.98)
}

// TestHeldOutSet scores the detectors on the held-out sets, written by
// someone who did not read the detectors, the figures README reports:
//
//   - testdata/suggest-heldout: 12 pages of 3 sites (English, Italian,
//     Polish). Its misses were looked at in session 6 to find what kinds
//     of writing failed (Polish and Italian speech verbs, dash incises,
//     one-page template elements), so it is a validation set now.
//   - testdata/suggest-heldout2: 16 pages of 4 sites (US English,
//     Argentine Spanish, German, Dutch), written while the detectors were
//     changed and first scored after; its misses were then worked on
//     (speakers, claims), so it is a validation set too.
//   - testdata/suggest-heldout3: 12 pages of 3 sites (Irish English,
//     French, Brazilian Portuguese), written while that work went on and
//     first scored after it (speaker 0.745); then its speaker misses were
//     worked on (0.867): validation.
//   - testdata/suggest-heldout4: 9 pages of 3 sites (Scottish English,
//     Spanish, Italian), written while that went on and first scored after
//     it (speaker 0.826); its speaker misses were worked on in session 7
//     (0.986): validation.
//   - testdata/suggest-heldout5 (Australian English, Austrian German,
//     Swiss French) and suggest-heldout6 (Canadian English, European
//     Portuguese, Flemish): 12 pages each, written blind in session 7 while
//     heldout4 was worked on, and first scored after it (speaker 0.615 and
//     0.663); then their misses were worked on: validation.
//   - testdata/suggest-heldout7 (New Zealand English, Bavarian German,
//     Chilean Spanish, Sicilian Italian) and suggest-heldout8 (US English,
//     French, Brazilian Portuguese, Polish): 16 pages each, written blind
//     meanwhile and first scored after that round (speaker 0.811, 0.798;
//     CLAIM 0.655 and 0.755); then worked on: validation.
//   - testdata/suggest-heldout9 (British English, Catalan-region Spanish,
//     Swiss German, Dutch) and suggest-heldout10 (Irish English, Italian,
//     Belgian French, European Portuguese): 16 pages each, first scored
//     after the next round (speaker 0.832, 0.826); then worked on:
//     validation.
//   - testdata/suggest-heldout11 (South African English, Saxon German,
//     Mexican Spanish, Polish) and suggest-heldout12 (US English, Quebec
//     French, Dutch, Brazilian Portuguese): 12 pages each, written blind
//     during the last round and scored once after it, at 5ca1449: the
//     honest figures (speaker 0.862 and 0.897, every goal met). Do not
//     look at their misses; write new sets before trusting a later figure.
//
// The floors only catch a regression (speakerFloor the share of matched
// quotes with the right speaker): tuning on a held-out set would make it
// worthless, so they are not goals to meet here.
// speakerFloor is the floors' key for the share of right speakers.
const speakerFloor = "speaker"

func TestHeldOutSet(t *testing.T) {
	for _, tc := range []struct {
		dir    string
		floors map[string]float64
	}{
		{"../../testdata/suggest-heldout", map[string]float64{"BOILERPLATE alone": 0.94, "QUOTE alone": 0.96, "CLAIM alone": 0.79, RowAfter: 0.97, speakerFloor: 0.94}},
		{"../../testdata/suggest-heldout2", map[string]float64{"BOILERPLATE alone": 0.94, "QUOTE alone": 0.95, "CLAIM alone": 0.8, RowAfter: 0.97, speakerFloor: 0.9}},
		{"../../testdata/suggest-heldout3", map[string]float64{"BOILERPLATE alone": 0.96, "QUOTE alone": 0.96, "CLAIM alone": 0.75, RowAfter: 0.98, speakerFloor: 0.9}},
		{"../../testdata/suggest-heldout4", map[string]float64{"BOILERPLATE alone": 0.94, "QUOTE alone": 0.94, "CLAIM alone": 0.69, RowAfter: 0.97, speakerFloor: 0.96}},
		{"../../testdata/suggest-heldout5", map[string]float64{"BOILERPLATE alone": 0.95, "QUOTE alone": 0.93, "CLAIM alone": 0.68, RowAfter: 0.97, speakerFloor: 0.91}},
		{"../../testdata/suggest-heldout6", map[string]float64{"BOILERPLATE alone": 0.93, "QUOTE alone": 0.93, "CLAIM alone": 0.72, RowAfter: 0.97, speakerFloor: 0.95}},
		{"../../testdata/suggest-heldout7", map[string]float64{"BOILERPLATE alone": 0.93, "QUOTE alone": 0.94, "CLAIM alone": 0.63, RowAfter: 0.97, speakerFloor: 0.89}},
		{"../../testdata/suggest-heldout8", map[string]float64{"BOILERPLATE alone": 0.96, "QUOTE alone": 0.93, "CLAIM alone": 0.73, RowAfter: 0.97, speakerFloor: 0.9}},
		{"../../testdata/suggest-heldout9", map[string]float64{"BOILERPLATE alone": 0.93, "QUOTE alone": 0.93, "CLAIM alone": 0.7, RowAfter: 0.97, speakerFloor: 0.85}},
		{"../../testdata/suggest-heldout10", map[string]float64{"BOILERPLATE alone": 0.93, "QUOTE alone": 0.96, "CLAIM alone": 0.78, RowAfter: 0.98, speakerFloor: 0.89}},
		{"../../testdata/suggest-heldout11", map[string]float64{"BOILERPLATE alone": 0.93, "QUOTE alone": 0.94, "CLAIM alone": 0.73, RowAfter: 0.98, speakerFloor: 0.84}},
		{"../../testdata/suggest-heldout12", map[string]float64{"BOILERPLATE alone": 0.96, "QUOTE alone": 0.93, "CLAIM alone": 0.73, RowAfter: 0.97, speakerFloor: 0.87}},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			pages, err := LoadSet(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range Evaluate(pages) {
				extra := ""
				if r.Label == "QUOTE" {
					extra = fmt.Sprintf(" speaker %.3f", r.Score.SpeakerAccuracy())
				}
				t.Logf("%-70s %3d pages  P %.3f  R %.3f  F1 %.3f%s", r.What, r.Pages, r.Score.P(), r.Score.R(), r.Score.F1(), extra)
				if f, ok := tc.floors[r.What]; ok && r.Score.F1() < f {
					t.Errorf("%s on the held-out pages: F1 %.3f, below its floor %.2f (a regression)", r.What, r.Score.F1(), f)
				}
				if f, ok := tc.floors[speakerFloor]; ok && r.What == "QUOTE alone" && r.Score.SpeakerAccuracy() < f {
					t.Errorf("QUOTE on the held-out pages: the right speaker on %.3f, below its floor %.2f (a regression)", r.Score.SpeakerAccuracy(), f)
				}
			}
		})
	}
}

// BenchmarkBaselines reports what BOILERPLATE would be under two plain
// extractors, beside the detector: "all visible text is article" (nothing
// proposed), and go-trafilatura's main text (every line it leaves out is
// boilerplate). A benchmark, not a test: trafilatura takes seconds.
// go-trafilatura is a test dependency only; gloss does not link it.
func BenchmarkBaselines(b *testing.B) {
	pages, err := LoadSet(set)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rows := baselines(b, pages)
		var ours Score
		for _, p := range pages {
			ours = ours.Add(ScoreBoilerplate(p, Boilerplate(InputOf(p), nil)))
		}
		b.ReportMetric(ours.F1(), "F1-gloss")
		b.ReportMetric(rows[0].Score.F1(), "F1-all-text")
		b.ReportMetric(rows[1].Score.P(), "P-trafilatura")
		b.ReportMetric(rows[1].Score.R(), "R-trafilatura")
		b.ReportMetric(rows[1].Score.F1(), "F1-trafilatura")
	}
}

func baselines(t testing.TB, pages []GoldPage) []Row {
	var none, traf Score
	for _, p := range pages {
		none = none.Add(ScoreBoilerplate(p, nil))
		f, err := os.Open(set + "/" + p.Name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := trafilatura.Extract(f, trafilatura.Options{ExcludeComments: true, EnableFallback: true})
		if err != nil {
			t.Logf("trafilatura on %s: %v (all of it boilerplate, then)", p.Name, err)
		}
		f.Close()
		main := map[string]bool{}
		if err == nil {
			for _, l := range strings.Split(res.ContentText, "\n") {
				main[LineKey(l)] = true
			}
			if res.Metadata.Title != "" {
				main[LineKey(res.Metadata.Title)] = true
			}
		}
		var got []Suggestion
		for _, l := range linesOf(InputOf(p)) {
			if !main[l.norm] {
				got = append(got, Suggestion{Label: "BOILERPLATE", Start: l.start, End: l.end})
			}
		}
		traf = traf.Add(ScoreBoilerplate(p, got))
	}
	return []Row{{"baseline: all visible text is article", "BOILERPLATE", len(pages), none},
		{"baseline: go-trafilatura's main text is article, the rest boilerplate", "BOILERPLATE", len(pages), traf}}
}

// BenchmarkSuggestPass is the suggest pass over the set (every detector,
// no learning): pages/s.
func BenchmarkSuggestPass(b *testing.B) {
	pages, err := LoadSet(set)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			Run(InputOf(p), nil, nil)
			n++
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "pages/s")
}

// BenchmarkHTMLParse is HTML import's own work over the set: pages/s.
func BenchmarkHTMLParse(b *testing.B) {
	var raw [][]byte
	files, _ := filepath.Glob(set + "/*.html")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		raw = append(raw, data)
	}
	start := time.Now()
	n := 0
	for b.Loop() {
		for _, data := range raw {
			if _, err := htmltext.Parse(bytes.NewReader(data), "p.html"); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "pages/s")
}
