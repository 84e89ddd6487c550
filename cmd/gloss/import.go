package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
)

func importCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	project := fs.Uint64("project", 0, "project id (default: the first project)")
	author := fs.String("author", "import", "who the import is by: every article and span is theirs (the file's authors are kept as source_author)")
	keep := fs.Bool("keep-authors", false, "take the file's authors, times and statuses as gloss's own (restoring an export)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss import [--db FILE] [--project ID] FILE...\n\nImports .txt articles, gloss JSONL, doccano JSONL, Label Studio JSON and W3C\nannotation collections, with their labels. Each file is checked whole\nbefore anything of it is stored: bad input stores nothing.\n\nFlags:")
		fs.PrintDefaults()
	}
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return errors.New("usage: gloss import [--db FILE] [--project ID] FILE...")
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.Hooks{})
	for _, p := range paths {
		f := service.ImportFile{Name: filepath.Base(p), Open: func() (io.ReadCloser, error) { return os.Open(p) }}
		res, err := svc.Import(service.Owner(*author), service.ImportOptions{Project: *project, KeepAuthors: *keep}, []service.ImportFile{f})
		if err != nil {
			return fmt.Errorf("%s: %s (nothing of it was imported)", p, errorText(err))
		}
		created, spans := 0, 0
		for _, r := range res {
			if r.Created {
				created++
			}
			spans += r.Annotations
		}
		fmt.Fprintf(stdout, "%s: %d articles (%d new, %d already there), %d annotations\n", p, len(res), created, len(res)-created, spans)
	}
	return nil
}
