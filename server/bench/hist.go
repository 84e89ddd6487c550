package bench

import (
	"math/bits"
	"sync/atomic"
	"time"
)

// subBits sets the histogram's resolution: 2^subBits buckets per power of
// two, so a bucket is at most 1/64 (1.6%) of its value wide.
const subBits = 6

// histBuckets covers 0 to 2^40 ns (18 minutes); larger values land in the
// last bucket.
const histBuckets = (40 - subBits + 1) << subBits

// hist is a log-linear latency histogram in nanoseconds, safe for
// concurrent recording: hundreds of reader goroutines share one per phase
// instead of keeping millions of samples.
type hist struct {
	counts [histBuckets]atomic.Uint64
	n      atomic.Uint64
	max    atomic.Int64
}

func bucketOf(v uint64) int {
	if v < 1<<subBits {
		return int(v)
	}
	shift := bits.Len64(v) - subBits - 1 // v>>shift is in [64, 128)
	i := (shift+1)<<subBits + int(v>>shift) - 1<<subBits
	return min(i, histBuckets-1)
}

// bucketLow returns the smallest value of bucket i; bucket i spans
// [bucketLow(i), bucketLow(i+1)).
func bucketLow(i int) uint64 {
	if i < 1<<subBits {
		return uint64(i)
	}
	shift := i>>subBits - 1
	return uint64(i-shift<<subBits) << shift
}

func (h *hist) record(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[bucketOf(uint64(d))].Add(1)
	h.n.Add(1)
	for {
		m := h.max.Load()
		if int64(d) <= m || h.max.CompareAndSwap(m, int64(d)) {
			return
		}
	}
}

// quantile returns the q-quantile (0 < q <= 1) as the middle of its
// bucket, or 0 when nothing was recorded.
func (h *hist) quantile(q float64) time.Duration {
	n := h.n.Load()
	if n == 0 {
		return 0
	}
	rank := uint64(q*float64(n) + 0.5)
	rank = max(rank, 1)
	var seen uint64
	for i := range h.counts {
		seen += h.counts[i].Load()
		if seen >= rank {
			lo, hi := bucketLow(i), bucketLow(i+1)
			mid := time.Duration(lo + (hi-lo)/2)
			return min(mid, time.Duration(h.max.Load()))
		}
	}
	return time.Duration(h.max.Load())
}

// Latency is one latency distribution, in milliseconds.
type Latency struct {
	Count uint64  `json:"count"`
	P50   float64 `json:"p50_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

func (h *hist) latency() Latency {
	return Latency{Count: h.n.Load(), P50: ms(h.quantile(0.50)), P99: ms(h.quantile(0.99)), Max: ms(time.Duration(h.max.Load()))}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
