package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

const suggestUsage = `usage: gloss suggest [--db FILE] [--project ID] [--article ID] [--labels BOILERPLATE,QUOTE,CLAIM] [--min-score S] [--accept] | --explain | --reset`

// suggestCmd lists (or with --accept, accepts as "suggest") the
// suggestions of a project's articles, or explains or resets what the
// project learned.
func suggestCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss suggest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	project := fs.Uint64("project", 1, "project id")
	article := fs.Uint64("article", 0, "only this article")
	labels := fs.String("labels", "", "only these labels, comma-separated (default: all)")
	minScore := fs.Float64("min-score", 0.5, "only suggestions scored at least this")
	accept := fs.Bool("accept", false, "make the suggestions annotations, authored suggest")
	explain := fs.Bool("explain", false, "print what the project learned (its model's weights and its sites' memories) as JSON")
	reset := fs.Bool("reset", false, "forget what the project learned")
	fs.Usage = func() {
		fmt.Fprintln(stderr, suggestUsage+"\n\nProposes BOILERPLATE, QUOTE and CLAIM spans, as the editor shows them.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *minScore < 0 || *minScore > 1 || *explain && *reset {
		return errors.New(suggestUsage)
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.Hooks{})
	who := service.Owner("suggest")
	switch {
	case *explain:
		l, err := svc.Explain(who, *project)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(l)
	case *reset:
		n, err := svc.ForgetLearned(who, *project)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "forgot %d learned entries of project %d\n", n, *project)
		return nil
	}
	ids := []uint64{*article}
	if *article == 0 {
		ids = nil
		err := st.EachArticle(storage.ArticleFilter{Project: *project}, func(a model.Article, _ []model.Annotation) error {
			ids = append(ids, a.ID)
			return nil
		})
		if err != nil {
			return err
		}
	}
	want := service.SplitList(*labels)
	total, accepted := 0, 0
	for _, id := range ids {
		ss, err := svc.Suggestions(who, id, service.SuggestOptions{Labels: want, MinScore: *minScore})
		if err != nil {
			return fmt.Errorf("article %d: %s", id, errorText(err))
		}
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].Start < ss[j].Start })
		for _, s := range ss {
			total++
			if *accept {
				if _, _, err := svc.Decide(who, id, s.ID, true, ""); err != nil {
					return fmt.Errorf("article %d, suggestion %s: %s", id, s.ID, errorText(err))
				}
				accepted++
				continue
			}
			text := strings.ReplaceAll(s.Text, "\n", " ⏎ ")
			if r := []rune(text); len(r) > 80 {
				text = string(r[:77]) + "…"
			}
			extra := ""
			if sp := s.Attrs["speaker"]; sp != "" {
				extra = "  speaker: " + sp
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%d-%d\t%.2f\t%s\t%q%s\n", id, s.ID, s.Label, s.Start, s.End, s.Score, s.Detector, text, extra)
		}
	}
	if *accept {
		fmt.Fprintf(stdout, "accepted %d suggestions in %d articles\n", accepted, len(ids))
	} else {
		fmt.Fprintf(stderr, "%d suggestions in %d articles\n", total, len(ids))
	}
	return nil
}
