package export_test

import (
	"io"
	"testing"

	"github.com/gloss-dev/gloss/server/export"
)

// BenchmarkEncode measures each encoder on the seed documents and 100
// generated ones; MB/s counts article text in.
func BenchmarkEncode(b *testing.B) {
	docs := seedDocs(b)
	for i := range 100 {
		docs = append(docs, genDoc(uint64(i+1), 300, 20))
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Article.Text))
	}
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				enc, _ := export.New(format, io.Discard, export.Options{BaseURL: baseURL})
				for _, d := range docs {
					if err := enc.Encode(d); err != nil {
						b.Fatal(err)
					}
				}
				if err := enc.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
