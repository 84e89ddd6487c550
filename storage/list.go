package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// bucketList holds, per article id, what the article list filters and
// searches on: project, status, title and source, in a small binary
// record. The list reads every article to count the matches; decoding
// each one's JSON (meta, times and all) cost 5 µs an article, 0.5 s a
// page at 100,000 articles. putArticle keeps it in step with the articles
// bucket, in the same transaction.
var bucketList = []byte("list")

// listEntry is one article's record in bucketList.
type listEntry struct {
	Project uint64
	Status  model.Status
	Title   string
	Source  string
}

var statusCodes = []model.Status{model.StatusNew, model.StatusInProgress, model.StatusDone, model.StatusSubmitted, model.StatusReviewed}

// encodeList lays out e as project (8 bytes, big-endian), status (1 byte),
// the title's length (uvarint), the title, and the source.
func encodeList(a model.Article) []byte {
	b := make([]byte, 9, 9+binary.MaxVarintLen64+len(a.Title)+len(a.Source))
	binary.BigEndian.PutUint64(b, a.Project)
	for i, s := range statusCodes {
		if s == a.Status {
			b[8] = byte(i)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(a.Title)))
	b = append(b, a.Title...)
	return append(b, a.Source...)
}

func decodeList(v []byte) (listEntry, error) {
	if len(v) < 10 || int(v[8]) >= len(statusCodes) {
		return listEntry{}, fmt.Errorf("list entry of %d bytes: corrupt", len(v))
	}
	e := listEntry{Project: binary.BigEndian.Uint64(v), Status: statusCodes[v[8]]}
	n, k := binary.Uvarint(v[9:])
	rest := v[9+max(k, 0):]
	if k <= 0 || n > uint64(len(rest)) {
		return listEntry{}, fmt.Errorf("list entry of %d bytes: corrupt title", len(v))
	}
	e.Title, e.Source = string(rest[:n]), string(rest[n:])
	return e, nil
}

// putArticle writes an article's metadata (a.Text must be empty: texts
// have their own bucket) and its list record.
func putArticle(tx *bolt.Tx, a model.Article) error {
	a.Layers, a.Mine = nil, nil // read beside the record, never stored in it
	if err := putJSON(tx.Bucket(bucketArticles), itob(a.ID), a); err != nil {
		return err
	}
	return tx.Bucket(bucketList).Put(itob(a.ID), encodeList(a))
}

// migrateList (schema 1 → 2) writes the list record of every article.
func migrateList(tx *bolt.Tx) error {
	list, err := tx.CreateBucketIfNotExists(bucketList)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		var a model.Article
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("article %d: %w", btoi(k), err)
		}
		return list.Put(k, encodeList(a))
	})
}
