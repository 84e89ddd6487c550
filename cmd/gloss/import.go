package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
)

// importable are the file endings a folder walk picks up; other files in
// a folder of saved pages (images, .css, .js beside a "Save page as…")
// are not articles. A file named on the command line is imported whatever
// its name, its format sniffed.
var importable = []string{".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl"}

func importCmd(args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("gloss import", flag.ContinueOnError)
	fset.SetOutput(stderr)
	db := fset.String("db", "gloss.db", "database file")
	project := fset.Uint64("project", 0, "project id (default: the first project)")
	author := fset.String("author", "import", "who the import is by: every article and span is theirs (the file's authors are kept as source_author)")
	keep := fset.Bool("keep-authors", false, "take the file's authors, times and statuses as gloss's own (restoring an export)")
	fset.Usage = func() {
		fmt.Fprintln(stderr, `Usage: gloss import [--db FILE] [--project ID] FILE|FOLDER...

Imports .txt articles, saved web pages (.html, .htm: their visible text,
title, URL, site and date), gloss JSONL, doccano JSONL, Label Studio JSON
and W3C annotation collections, with their labels. A folder is walked
for files ending in `+strings.Join(importable, " ")+`; a page without a URL
gets its folder's name as its site, so that a site's folder keeps its
pages together for the site's learned suggestions. Each file is checked whole
before anything of it is stored: a bad file stores nothing, and the
others are still imported.

Flags:`)
		fset.PrintDefaults()
	}
	args, err := parse(fset, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return errors.New("usage: gloss import [--db FILE] [--project ID] FILE|FOLDER...")
	}
	files, err := importFiles(args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no file to import in %s (a folder is walked for %s)", strings.Join(args, ", "), strings.Join(importable, " "))
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.Hooks{})
	var failed []string
	for _, p := range files {
		f := service.ImportFile{Name: p.name, Open: func() (io.ReadCloser, error) { return os.Open(p.path) }}
		res, err := svc.Import(service.Owner(*author), service.ImportOptions{Project: *project, KeepAuthors: *keep}, []service.ImportFile{f})
		if err != nil {
			err = fmt.Errorf("%s: %s (nothing of it was imported)", p.path, errorText(err))
			if len(files) == 1 {
				return err
			}
			fmt.Fprintln(stderr, err)
			failed = append(failed, p.path)
			continue
		}
		created, spans := 0, 0
		for _, r := range res {
			if r.Created {
				created++
			}
			spans += r.Annotations
		}
		fmt.Fprintf(stdout, "%s: %d articles (%d new, %d already there), %d annotations\n", p.path, len(res), created, len(res)-created, spans)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d files were not imported: %s", len(failed), len(files), strings.Join(failed, ", "))
	}
	if len(files) > 1 {
		fmt.Fprintf(stdout, "%d files imported\n", len(files))
	}
	return nil
}

// importFile is a file to import: where it is, and the name the import
// knows it by, which keeps its folder (the site of a page without a URL).
type importFile struct{ path, name string }

// importFiles lists the files args name: files as they are, folders
// walked (in name order, so a re-run imports in the same order).
func importFiles(args []string) ([]importFile, error) {
	var out []importFile
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, importFile{path: arg, name: filepath.ToSlash(filepath.Clean(arg))})
			continue
		}
		parent := filepath.Dir(filepath.Clean(arg))
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != arg && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !slices.Contains(importable, strings.ToLower(filepath.Ext(path))) {
				return nil
			}
			name, err := filepath.Rel(parent, path)
			if err != nil {
				name = path
			}
			out = append(out, importFile{path: path, name: filepath.ToSlash(name)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
