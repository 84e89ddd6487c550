package export

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/storage/model"
)

// SplitPart returns which part of a split the document with the given key
// (an article id or source) falls in: part i gets a share ratios[i]/sum of
// the keys. The choice hangs only on the key's SHA-256, so it is the same
// on every run and machine, and a document stays in its part when others
// are added. With no positive ratio it returns 0.
func SplitPart(key string, ratios []int) int {
	total := 0
	for _, r := range ratios {
		total += max(r, 0)
	}
	if total == 0 {
		return 0
	}
	sum := sha256.Sum256([]byte(key))
	x := binary.BigEndian.Uint64(sum[:8]) % uint64(total)
	last := 0
	for i, r := range ratios {
		if r <= 0 {
			continue
		}
		if x < uint64(r) {
			return i
		}
		x -= uint64(r)
		last = i
	}
	return last
}

// ParseSplit parses a split given as comma-separated non-negative integer
// ratios, such as "80,10,10" (train, dev, test). At least one ratio must
// be positive.
func ParseSplit(s string) ([]int, error) {
	parts := strings.Split(s, ",")
	ratios := make([]int, len(parts))
	total := 0
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 0 || n > 1_000_000 {
			return nil, model.Errorf(model.EINVALID, "split %q: %q is not a ratio (want comma-separated whole numbers such as 80,10,10)", s, p)
		}
		ratios[i] = n
		total += n
	}
	if total == 0 {
		return nil, model.Errorf(model.EINVALID, "split %q: at least one ratio must be positive", s)
	}
	return ratios, nil
}
