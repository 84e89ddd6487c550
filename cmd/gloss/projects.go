package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

const projectUsage = `usage: gloss project list [--db FILE]
       gloss project create NAME --labels FILE [--db FILE]`

// projectCmd lists projects or creates one from a labels file: the JSON
// list POST /api/projects takes ([{"name","color","hotkey","attrs"}]).
func projectCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(projectUsage)
	}
	fs := flag.NewFlagSet("gloss project "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	labels := fs.String("labels", "", "create: a JSON file with the label list, as POST /api/projects takes it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, projectUsage+"\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list" && len(pos) == 0:
		st, err := storage.Open(*db, storage.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		ps, err := st.Projects()
		if err != nil {
			return err
		}
		for _, p := range ps {
			names := make([]string, len(p.Labels))
			for i, l := range p.Labels {
				names[i] = l.Name
			}
			fmt.Fprintf(stdout, "%d\t%s\t%v\n", p.ID, p.Name, names)
		}
		return nil
	case args[0] == "create" && len(pos) == 1 && *labels != "":
		b, err := os.ReadFile(*labels)
		if err != nil {
			return err
		}
		var ls []model.Label
		if err := json.Unmarshal(b, &ls); err != nil {
			return fmt.Errorf("%s: a JSON list of labels [{\"name\",\"color\",\"hotkey\",\"attrs\"}]: %w", *labels, err)
		}
		st, err := storage.Open(*db, storage.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		p, err := st.CreateProject(model.Project{Name: pos[0], Labels: ls})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "project %d (%s) created with %d labels in %s\n", p.ID, p.Name, len(p.Labels), *db)
		return nil
	}
	return errors.New(projectUsage)
}
