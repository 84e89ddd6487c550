package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
)

const labelTextUsage = `usage: gloss label-text --label NAME (--text TEXT | --texts FILE) [--project ID] [--apply] [--anywhere] [--author NAME] [--db FILE]`

// labelTextCmd labels every place in a project where a text occurs, or
// each line of a file (a list of a site's boilerplate strings): what the
// editor's "Label it in every article…" does, for scripts and for
// preparing a corpus before people start on it.
func labelTextCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss label-text", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	project := fs.Uint64("project", 1, "project id")
	label := fs.String("label", "", "label to give (required)")
	text := fs.String("text", "", "the text to find")
	texts := fs.String("texts", "", "a file of texts to find, one per line")
	apply := fs.Bool("apply", false, "label the places (without it: only count them)")
	anywhere := fs.Bool("anywhere", false, "also places that start or end inside a word")
	author := fs.String("author", "label-text", "author recorded for the annotations")
	fs.Usage = func() {
		fmt.Fprintln(stderr, labelTextUsage+"\n\nCounts, or with --apply labels, the places in the project's articles where each\ntext occurs and that do not carry the label there yet.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *label == "" || (*text == "") == (*texts == "") {
		return errors.New(labelTextUsage)
	}
	list := []string{*text}
	if *texts != "" {
		if list, err = readLines(*texts); err != nil {
			return err
		}
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.Hooks{})
	for _, t := range list {
		res, err := svc.LabelText(service.Owner(*author), *project, service.LabelTextRequest{Text: t, Label: *label, WholeWords: !*anywhere, Apply: *apply})
		if err != nil {
			return fmt.Errorf("%q: %s", t, errorText(err))
		}
		verb := "not labelled yet"
		if *apply {
			verb = fmt.Sprintf("labelled %s now (%d refused)", *label, len(res.Failed))
		}
		fmt.Fprintf(stdout, "%q: %d places in %d articles %s\n", t, res.Places, res.Articles, verb)
	}
	return nil
}

// readLines returns the file's lines that are not blank, without their
// line ends (a text's own spaces stay).
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimRight(sc.Text(), "\r"); strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no text", path)
	}
	return out, nil
}
