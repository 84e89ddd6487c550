package export_test

import (
	"io"
	"runtime"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
)

// heapBound is the most heap any encoder may hold while streaming a
// corpus of any size.
const heapBound = 64 << 20

// TestMemoryFlat streams generated articles of 20 spans each
// through every encoder to io.Discard, made one at a time, and checks that
// the heap in use stays under heapBound and does not grow with the corpus.
// Each article is a fresh Doc with its own id, built on a pool of 64
// generated texts and span sets, so that the test measures the encoders
// rather than the generator. It streams 20,000 articles (5,000 under
// -race or -short): the bound is the point, not the count, and the heap
// settles after the first tenth (100,000 took 80 s of the test run for
// the same verdict).
func TestMemoryFlat(t *testing.T) {
	n := 20_000
	if testing.Short() || raceEnabled {
		n = 5_000
	}
	pool := make([]export.Doc, 64)
	for i := range pool {
		pool[i] = genDoc(uint64(i+1), 60, 20)
	}
	for _, format := range export.Formats {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			enc, err := export.New(format, io.Discard, export.Options{Clean: true, BaseURL: baseURL})
			if err != nil {
				t.Fatal(err)
			}
			var ms runtime.MemStats
			var peak, settled uint64
			for i := range n {
				d := pool[i%len(pool)]
				d.Article.ID = uint64(i + 1)
				if err := enc.Encode(d); err != nil {
					t.Fatal(err)
				}
				if i%(n/20) == 0 {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
					if i == n/10 {
						runtime.GC()
						runtime.ReadMemStats(&ms)
						settled = ms.HeapInuse
					}
				}
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&ms)
			t.Logf("%d articles: heap in use peaked at %.1f MiB, %.1f MiB after the last GC", n, float64(peak)/(1<<20), float64(ms.HeapInuse)/(1<<20))
			if peak > heapBound {
				t.Errorf("heap in use peaked at %d MiB streaming %d articles, bound %d MiB", peak>>20, n, heapBound>>20)
			}
			// The other subtests run alongside, so allow them their share.
			if grown := int64(ms.HeapInuse) - int64(settled); grown > heapBound/4 {
				t.Errorf("heap in use grew by %d MiB over %d articles", grown>>20, n)
			}
		})
	}
}
