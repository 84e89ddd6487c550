package export_test

import (
	"strconv"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

func TestParseSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []int
	}{
		{"TrainDevTest", "80,10,10", []int{80, 10, 10}},
		{"Spaces", " 70 , 30 ", []int{70, 30}},
		{"ZeroPart", "90,0,10", []int{90, 0, 10}},
		{"OnePart", "1", []int{1}},
		{"ErrEmpty", "", nil},
		{"ErrNegative", "80,-10,30", nil},
		{"ErrNotANumber", "80,ten", nil},
		{"ErrAllZero", "0,0", nil},
		{"ErrFraction", "0.8,0.2", nil},
		{"ErrTrailingComma", "80,20,", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := export.ParseSplit(tt.in)
			if tt.want == nil {
				if code := model.ErrorCode(err); code != model.EINVALID {
					t.Fatalf("ParseSplit(%q) = %v, %v; want an EINVALID error", tt.in, got, err)
				}
				return
			}
			if err != nil || len(got) != len(tt.want) {
				t.Fatalf("ParseSplit(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("ParseSplit(%q) = %v, want %v", tt.in, got, tt.want)
				}
			}
		})
	}
}

func TestSplitPart(t *testing.T) {
	t.Run("Deterministic", func(t *testing.T) {
		// Pinned values: a change of hash would move documents between
		// train and test sets that users have already published.
		for key, want := range map[string]int{"1": 0, "4": 0, "5": 1, "8": 2, "xi-putin-icc.txt": 0} {
			if got := export.SplitPart(key, []int{80, 10, 10}); got != want {
				t.Errorf("SplitPart(%q, 80/10/10) = %d, want %d", key, got, want)
			}
		}
	})
	t.Run("Ratios", func(t *testing.T) {
		ratios := []int{80, 0, 10, 10}
		counts := make([]int, len(ratios))
		const n = 20000
		for i := range n {
			counts[export.SplitPart(strconv.Itoa(i), ratios)]++
		}
		for i, r := range ratios {
			want := n * r / 100
			if d := counts[i] - want; d < -n/100 || d > n/100 {
				t.Errorf("part %d got %d of %d keys, want about %d", i, counts[i], n, want)
			}
		}
	})
	t.Run("NoPositiveRatio", func(t *testing.T) {
		if got := export.SplitPart("x", nil); got != 0 {
			t.Errorf("SplitPart with no ratios = %d, want 0", got)
		}
	})
}
