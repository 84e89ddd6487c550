package bench

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BoltFloor is what bbolt alone commits on this disk: writers goroutines,
// each committing one record at a time through db.Batch, with fsync.
type BoltFloor struct {
	Writers     int     `json:"writers"`
	RecordBytes int     `json:"record_bytes"`
	Commits     int64   `json:"commits"`
	Seconds     float64 `json:"seconds"`
	PerSec      float64 `json:"commits_per_sec"`
	Latency     Latency `json:"latency"`
}

// Batch settings tuned for many writers (NOTES.md: with bbolt's defaults,
// 1,000 and 10 ms, a batch never fills and every commit waits 10 ms).
// storage itself group-commits instead (storage/commit.go).
const (
	storageMaxBatchSize  = 128
	storageMaxBatchDelay = time.Millisecond
)

// boltFloor measures raw db.Batch commits of record-sized values into a
// fresh file in dir, from writers goroutines for d.
func boltFloor(ctx context.Context, dir string, writers int, record []byte, d time.Duration) (BoltFloor, error) {
	f := BoltFloor{Writers: writers, RecordBytes: len(record)}
	path := filepath.Join(dir, "floor.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, InitialMmapSize: 64 << 20})
	if err != nil {
		return f, fmt.Errorf("bbolt floor: %w", err)
	}
	defer os.Remove(path)
	defer db.Close()
	db.MaxBatchSize = storageMaxBatchSize
	db.MaxBatchDelay = storageMaxBatchDelay
	bucket := []byte("ops")
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucket)
		return err
	}); err != nil {
		return f, fmt.Errorf("bbolt floor: %w", err)
	}

	var (
		h       hist
		commits atomic.Int64
		failed  atomic.Pointer[error]
		wg      sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(d)
	for range writers {
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(end) && failed.Load() == nil {
				t0 := time.Now()
				err := db.Batch(func(tx *bolt.Tx) error {
					b := tx.Bucket(bucket)
					seq, err := b.NextSequence()
					if err != nil {
						return err
					}
					var k [8]byte
					binary.BigEndian.PutUint64(k[:], seq)
					return b.Put(k[:], record)
				})
				if err != nil {
					failed.CompareAndSwap(nil, &err)
					return
				}
				h.record(time.Since(t0))
				commits.Add(1)
			}
		})
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		return f, fmt.Errorf("bbolt floor: %w", *p)
	}
	if err := ctx.Err(); err != nil {
		return f, err
	}
	f.Seconds = time.Since(start).Seconds()
	f.Commits = commits.Load()
	f.PerSec = float64(f.Commits) / f.Seconds
	f.Latency = h.latency()
	return f, nil
}
