// Package exportbench measures gloss's export and import throughput and
// peak memory on generated corpora: `gloss bench export`.
//
// A corpus of N articles (about 2,000 code points each, with multilingual
// text mixed in) and ~20 spans each is generated into a temporary
// database through the store, then every format is exported through
// service.Export (the path GET /api/export and `gloss export` take) to a
// byte counter, while a sampler records the Go heap; last, the jsonl
// export is imported into a fresh database through service.ImportFiles.
package exportbench

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

// Config says what to measure.
type Config struct {
	Articles []int    // corpus sizes, e.g. 10000, 100000
	Spans    int      // spans per article (20)
	Formats  []string // default: all
	Dir      string   // where the temporary databases go (default os.TempDir)
	Log      io.Writer
}

// Result is one format's export of one corpus.
type Result struct {
	Articles  int
	Format    string
	Bytes     int64
	Seconds   float64
	PeakHeap  uint64 // bytes: the largest live heap seen while exporting
	BaseHeap  uint64 // bytes: the live heap just before
	TextBytes int64  // article text in the corpus
}

// MBps is output megabytes (10^6) per second.
func (r Result) MBps() float64 { return float64(r.Bytes) / 1e6 / r.Seconds }

// Report is everything one run measured.
type Report struct {
	Exports []Result
	Imports []Result // Format "jsonl": Bytes is the file read
	Machine string
}

// Run generates each corpus, exports it in every format and imports the
// jsonl export back.
func Run(cfg Config) (Report, error) {
	if cfg.Spans == 0 {
		cfg.Spans = 20
	}
	if len(cfg.Formats) == 0 {
		cfg.Formats = export.Formats
	}
	if cfg.Dir == "" {
		cfg.Dir = os.TempDir()
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	rep := Report{Machine: fmt.Sprintf("%d cores, %s, GOMAXPROCS %d", runtime.NumCPU(), runtime.Version(), runtime.GOMAXPROCS(0))}
	dir, err := os.MkdirTemp(cfg.Dir, "gloss-bench-export-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	for _, n := range cfg.Articles {
		path := filepath.Join(dir, fmt.Sprintf("corpus-%d.db", n))
		start := time.Now()
		text, err := generate(path, n, cfg.Spans)
		if err != nil {
			return rep, err
		}
		fmt.Fprintf(cfg.Log, "generated %d articles (%.0f MB of text) in %v\n", n, float64(text)/1e6, time.Since(start).Round(time.Second))
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			return rep, err
		}
		for _, f := range cfg.Formats {
			r, err := measure(func() (int64, error) {
				cw := &counter{}
				err := service.Export(db, cw, service.ExportOptions{Format: f}, nil)
				return cw.n, err
			})
			if err != nil {
				db.Close()
				return rep, fmt.Errorf("export %s: %w", f, err)
			}
			r.Articles, r.Format, r.TextBytes = n, f, text
			rep.Exports = append(rep.Exports, r)
			fmt.Fprintf(cfg.Log, "  %-12s %8.1f MB in %6.2fs = %6.1f MB/s, peak heap %5.1f MiB\n", f, float64(r.Bytes)/1e6, r.Seconds, r.MBps(), float64(r.PeakHeap)/(1<<20))
		}
		// Import back the jsonl export.
		jsonl := filepath.Join(dir, "corpus.jsonl")
		f, err := os.Create(jsonl)
		if err != nil {
			db.Close()
			return rep, err
		}
		err = service.Export(db, f, service.ExportOptions{Format: "jsonl"}, nil)
		f.Close()
		db.Close()
		if err != nil {
			return rep, err
		}
		st, _ := os.Stat(jsonl)
		fresh, err := storage.Open(filepath.Join(dir, "import.db"), storage.Options{})
		if err != nil {
			return rep, err
		}
		r, err := measure(func() (int64, error) {
			_, err := service.ImportFiles(fresh, service.ImportOptions{Author: "bench", KeepAuthors: true}, []service.ImportFile{{Name: "corpus.jsonl", Open: func() (io.ReadCloser, error) { return os.Open(jsonl) }}})
			return st.Size(), err
		})
		fresh.Close()
		os.Remove(filepath.Join(dir, "import.db"))
		os.Remove(jsonl)
		if err != nil {
			return rep, fmt.Errorf("import: %w", err)
		}
		r.Articles, r.Format, r.TextBytes = n, "jsonl", text
		rep.Imports = append(rep.Imports, r)
		fmt.Fprintf(cfg.Log, "  import jsonl %8.1f MB in %6.2fs = %6.1f MB/s, peak heap %5.1f MiB\n", float64(r.Bytes)/1e6, r.Seconds, r.MBps(), float64(r.PeakHeap)/(1<<20))
		os.Remove(path)
	}
	return rep, nil
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// measure runs fn while sampling the live heap every 5 ms.
func measure(fn func() (int64, error)) (Result, error) {
	runtime.GC()
	base := heapLive()
	var peak atomic.Uint64
	peak.Store(base)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if h := heapLive(); h > peak.Load() {
					peak.Store(h)
				}
			}
		}
	}()
	start := time.Now()
	n, err := fn()
	secs := time.Since(start).Seconds()
	close(stop)
	<-done
	return Result{Bytes: n, Seconds: secs, PeakHeap: peak.Load(), BaseHeap: base}, err
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// heapLive is the heap held by objects, live or not yet swept: what a
// streaming export must keep flat.
func heapLive() uint64 {
	metrics.Read(heapSample)
	return heapSample[0].Value.Uint64()
}

// Words the generator draws from: news English with some multilingual
// tokens, so that offsets and tokenizers meet code points beyond ASCII.
var words = strings.Fields(`the president said on Monday that talks with officials in Beijing were
constructive and open while critics in Washington called the plan a ratification of battlefield gains
according to the ministry spokesperson the court charged him with war crimes in Ukraine thousands of
children were abducted governments that recognize the jurisdiction would be obligated to arrest
analysts said “no-limits friendship” Kyiv 🇺🇦 习近平 普京 café naïve Москва 👍🏽 Read more » Similar News:`)

// generate writes n articles with spans spans each into a new database
// and returns the bytes of text written.
func generate(path string, n, spans int) (int64, error) {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(uint64(n), 42))
	labels := []string{"BOILERPLATE", "QUOTE", "CLAIM", "SPEAKER"}
	verdicts := []string{"unverified", "true", "false", "misleading"}
	var total int64
	batch := make([]storage.NewArticle, 0, 500)
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Article %d. ", i)
		for b.Len() < 2200 {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(14) == 0 {
				b.WriteString(".\n")
			} else {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		length := len([]rune(text))
		total += int64(len(text))
		it := storage.NewArticle{Article: model.Article{Title: fmt.Sprintf("Generated article %d", i), Source: fmt.Sprintf("site%d.example", i%50), Text: text}}
		for range spans {
			s := rng.IntN(length - 60)
			e, l := s+1+rng.IntN(59), labels[rng.IntN(len(labels))]
			c := model.Change{Start: &s, End: &e, Label: &l, Author: "gen"}
			if l == "CLAIM" {
				c.Attrs = map[string]string{"verdict": verdicts[rng.IntN(4)], "checkworthy": "yes"}
			}
			it.Annotations = append(it.Annotations, c)
		}
		batch = append(batch, it)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := db.ImportArticles(0, batch); err != nil {
				return 0, err
			}
			batch = batch[:0]
		}
	}
	return total, nil
}

// WriteMarkdown prints the report as the README's tables.
func WriteMarkdown(w io.Writer, rep Report) error {
	fmt.Fprintf(w, "Machine: %s\n\n", rep.Machine)
	fmt.Fprintln(w, "| format | articles | seconds | articles/s | text MB/s | output MB | output MB/s | peak heap MiB |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range rep.Exports {
		fmt.Fprintf(w, "| %s | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f |\n", r.Format, r.Articles, r.Seconds, float64(r.Articles)/r.Seconds,
			float64(r.TextBytes)/1e6/r.Seconds, float64(r.Bytes)/1e6, r.MBps(), float64(r.PeakHeap)/(1<<20))
	}
	fmt.Fprintln(w, "\n| import | articles | input MB | MB/s | articles/s | peak heap MiB |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rep.Imports {
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f | %.0f | %.1f |\n", r.Format, r.Articles, float64(r.Bytes)/1e6, r.MBps(), float64(r.Articles)/r.Seconds, float64(r.PeakHeap)/(1<<20))
	}
	return nil
}
