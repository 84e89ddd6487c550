package storage

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Suggestions (issue 11) keep three things here:
//
//   - an HTML article's block structure, by article ("blocks"), which the
//     detectors read beside the text;
//   - the decisions people made on an article's suggestions, in its doc
//     bucket ("decided"), by suggestion id;
//   - what was learned, by key ("learned"): "site/PROJECT/SITE" and
//     "model/PROJECT", JSON the suggest package defines.
var (
	bucketBlocks  = []byte("blocks")
	bucketDecided = []byte("decided")
	bucketLearned = []byte("learned")
)

// Decision is what someone did with one suggestion.
type Decision struct {
	ID       string `json:"id"`
	Accepted bool   `json:"accepted"`
	By       string `json:"by"`
	At       string `json:"at"`
	Label    string `json:"label"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Layer    string `json:"layer,omitempty"`
	Created  uint64 `json:"annotation,omitempty"` // the annotation an accept made
}

// PutBlocks stores an article's block structure (raw JSON).
func (db *DB) PutBlocks(id uint64, blocks []byte) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if _, err := article(tx, id, false); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketBlocks)
		if err != nil {
			return err
		}
		return b.Put(itob(id), blocks)
	})
	return wrap(err, "put blocks")
}

// Blocks returns an article's block structure, nil when it has none.
func (db *DB) Blocks(id uint64) ([]byte, error) {
	var out []byte
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketBlocks); b != nil {
			if v := b.Get(itob(id)); v != nil {
				out = append([]byte(nil), v...)
			}
		}
		return nil
	})
	return out, wrap(err, "blocks")
}

// Decide records a decision on one of an article's suggestions.
func (db *DB) Decide(id uint64, d Decision) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if _, err := article(tx, id, false); err != nil {
			return err
		}
		b, err := docBucket(tx, id).CreateBucketIfNotExists(bucketDecided)
		if err != nil {
			return err
		}
		return putJSON(b, []byte(d.Layer+"\x00"+d.ID), d)
	})
	return wrap(err, "decide")
}

// Decisions lists the decisions made on an article's suggestions in one
// layer.
func (db *DB) Decisions(id uint64, layer string) ([]Decision, error) {
	out := []Decision{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if _, err := article(tx, id, false); err != nil {
			return err
		}
		b := docBucket(tx, id).Bucket(bucketDecided)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var d Decision
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decision %q: %w", k, err)
			}
			if d.Layer == layer {
				out = append(out, d)
			}
			return nil
		})
	})
	return out, wrap(err, "decisions")
}

// Learned returns the learned state under key (nil when none).
func (db *DB) Learned(key string) ([]byte, error) {
	var out []byte
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLearned); b != nil {
			if v := b.Get([]byte(key)); v != nil {
				out = append([]byte(nil), v...)
			}
		}
		return nil
	})
	return out, wrap(err, "learned")
}

// UpdateLearned changes the learned state under key in one transaction:
// fn gets the stored JSON (nil when none) and returns the new one.
func (db *DB) UpdateLearned(key string, fn func(old []byte) ([]byte, error)) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketLearned)
		if err != nil {
			return err
		}
		v, err := fn(b.Get([]byte(key)))
		if err != nil {
			return err
		}
		return b.Put([]byte(key), v)
	})
	return wrap(err, "learn")
}

// ForgetLearned deletes the learned state whose keys start with prefix
// (a project's, or one site's), and returns how many entries went.
func (db *DB) ForgetLearned(prefix string) (int, error) {
	n := 0
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		keys := learnedKeys(tx, prefix)
		for _, k := range keys {
			if err := tx.Bucket(bucketLearned).Delete([]byte(k)); err != nil {
				return err
			}
		}
		n = len(keys)
		return nil
	})
	return n, wrap(err, "forget learned")
}

// LearnedKeys lists the learned state's keys that start with prefix.
func (db *DB) LearnedKeys(prefix string) ([]string, error) {
	var out []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		out = learnedKeys(tx, prefix)
		return nil
	})
	return out, wrap(err, "learned keys")
}

// learnedKeys lists the keys of the learned bucket that start with prefix.
func learnedKeys(tx *bolt.Tx, prefix string) []string {
	var out []string
	b := tx.Bucket(bucketLearned)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = c.Next() {
		out = append(out, string(k))
	}
	return out
}
