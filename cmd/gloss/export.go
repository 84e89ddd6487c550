package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
)

func exportCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	out := fs.String("out", "", "output file (default stdout); with --split, the prefix of one file per part")
	vals := map[string]*string{}
	for _, f := range []struct{ name, usage string }{
		{"format", "one of " + strings.Join(export.Formats, ", ")},
		{"project", "only this project id"},
		{"status", "only articles with this status: new, in_progress, done, submitted or reviewed"},
		{"layer", "the layer of independent projects: gold (default), all (each span with its layer), or an annotator's name"},
		{"articles", "only these article ids, comma-separated"},
		{"labels", "only spans with these labels, comma-separated"},
		{"authors", "only spans by these authors, comma-separated"},
		{"from", "only spans changed at or after this date (YYYY-MM-DD or RFC 3339)"},
		{"to", "only spans changed before the end of this date"},
		{"split", "ratios of a deterministic split, e.g. 80,10,10 (train, dev, test)"},
		{"split-by", "what the split hashes: id (default) or source, so one site never straddles parts"},
	} {
		def := ""
		if f.name == "format" {
			def = "jsonl"
		}
		vals[f.name] = fs.String(f.name, def, f.usage)
	}
	clean := fs.Bool("clean", false, "cut BOILERPLATE spans out of the text and remap the other spans onto it")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	strict := fs.Bool("strict", false, "spacy: refuse, before writing, when a span's edge falls inside a token")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss export [--format F] [--out FILE] [flags]\n\nWrites the labeled data of a database file. While gloss serve holds the\nfile, download from GET /api/export instead.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("export takes no arguments, got %q", pos)
	}
	get := func(k string) string {
		if k == "clean" {
			return fmt.Sprint(*clean)
		}
		if k == "strict" {
			return fmt.Sprint(*strict)
		}
		if k == "split_by" {
			k = "split-by"
		}
		if v, ok := vals[k]; ok {
			return *v
		}
		return ""
	}
	o, err := service.ParseExportOptions(get)
	if err != nil {
		return err
	}
	if o.Split != nil && *out == "" {
		return errors.New("--split writes one file per part: give --out PREFIX")
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if o, err = service.New(st, service.Hooks{}).CheckExportFor(service.Owner("gloss"), o); err != nil {
		return err
	}
	if o.Format == "spacy" {
		m, err := service.CheckAlignment(st, o)
		if err != nil {
			return err
		}
		if o.Strict && m.Count > 0 {
			return m.Refusal()
		}
		if m.Count > 0 {
			fmt.Fprintf(stderr, "%d span(s) do not fit spaCy's tokens (an edge falls inside a word), e.g. %s\n", m.Count, strings.Join(m.Examples, "; "))
		}
	}
	parts := 1
	if o.Split != nil {
		parts = len(o.Split)
	}
	for part := range parts {
		o.Part = part
		path := *out
		if o.Split != nil {
			path = fmt.Sprintf("%s-%s%s", strings.TrimSuffix(*out, export.FileExt(o.Format)), service.PartName(parts, part), export.FileExt(o.Format))
		}
		if err := exportTo(st, path, o, stdout, stderr, *quiet); err != nil {
			return err
		}
	}
	return nil
}

func exportTo(st *storage.DB, path string, o service.ExportOptions, stdout, stderr io.Writer, quiet bool) error {
	w := stdout
	var f *os.File
	if path != "" {
		var err error
		if f, err = os.Create(path); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	start, last := time.Now(), time.Now()
	total := 0
	progress := func(n int) {
		total = n
		if !quiet && time.Since(last) > 500*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(stderr, "\rexport %s: %d articles…", o.Format, n)
		}
	}
	if err := service.Export(st, bw, o, progress); err != nil {
		if f != nil {
			os.Remove(path) // never leave half a file that looks whole
		}
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
	}
	if !quiet {
		where := path
		if where == "" {
			where = "stdout"
		}
		fmt.Fprintf(stderr, "\rexport %s: %d articles to %s in %v\n", o.Format, total, where, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
