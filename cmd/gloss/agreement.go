package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gloss-dev/gloss/server/service"
	"github.com/gloss-dev/gloss/storage"
)

const agreementUsage = `usage: gloss agreement --project ID [--format table|json] [--labels L,...] [--annotators A,...] [--db FILE]`

// agreementCmd prints how far a project's annotators agree on the layers
// they submitted: what GET /api/projects/:id/agreement answers.
func agreementCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss agreement", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	project := fs.Uint64("project", 0, "project id (required)")
	format := fs.String("format", "table", "table or json")
	labels := fs.String("labels", "", "only these labels, comma-separated (default: the project's)")
	annotators := fs.String("annotators", "", "only these annotators, comma-separated (default: all who submitted)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, agreementUsage+"\n\nCohen's kappa and span F1 (exact and overlap) per label for every pair of\nannotators, and Krippendorff's alpha per label, over the layers they\nsubmitted; units are code points. README's Review section defines them.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *project == 0 || (*format != "table" && *format != "json") {
		return errors.New(agreementUsage)
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	o := service.AgreementOptions{Labels: service.SplitList(*labels), Annotators: service.SplitList(*annotators)}
	rep, err := service.New(st, service.Hooks{}).Agreement(service.Owner("cli"), *project, o)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(stdout, "%d articles with a submitted layer; annotators: %s\n\n", rep.Submitted, strings.Join(rep.Annotators, ", "))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\talpha\tannotators\tarticles\tunits\t")
	for _, l := range rep.Labels {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t\n", l.Label, figure(l.Alpha), l.Annotators, l.Articles, l.Units)
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\ta\tb\tarticles\tunits\tkappa\tF1 exact\tF1 overlap\t")
	for _, p := range rep.Pairs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t\n", p.Label, p.A, p.B, p.Articles, p.Units, figure(p.Kappa), figure(p.F1Exact), figure(p.F1Overlap))
	}
	return tw.Flush()
}

// figure prints a figure to three places, or "–" where it is undefined.
func figure(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'f', 3, 64)
}
