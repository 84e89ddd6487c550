package exportbench

import "testing"

func TestRunSmall(t *testing.T) {
	rep, err := Run(Config{Articles: []int{50}, Spans: 5, Formats: []string{"jsonl", "conll", "brat"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Exports) != 3 || len(rep.Imports) != 1 {
		t.Fatalf("report %+v", rep)
	}
	for _, r := range append(rep.Exports, rep.Imports...) {
		if r.Bytes <= 0 || r.Seconds <= 0 || r.PeakHeap < r.BaseHeap || r.MBps() <= 0 {
			t.Errorf("%s: %+v", r.Format, r)
		}
	}
}
