// Command gloss is the annotation workbench: a web editor and API over one
// bbolt file, and the commands to manage it.
//
// Each subcommand parses its flags into a config and calls into the
// server or storage packages; no logic lives here.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gloss-dev/gloss/storage/model"
)

const usage = `gloss: an annotation workbench for news text

Usage:
  gloss serve  [--addr 127.0.0.1:8080] [--db gloss.db] [--demo] [--allow-origin URL]...
  gloss import [--db gloss.db] [--project ID] FILE...
  gloss export [--db gloss.db] [--format jsonl] [--out FILE] [--clean] [--split 80,10,10] [filters]
  gloss user add NAME --role admin|user|annotator|reviewer|manager [--project ID] [--db gloss.db]
  gloss token create NAME [--ttl 720h] [--name WHAT] [--db gloss.db]
  gloss token list [NAME] [--db gloss.db]
  gloss token revoke ID [--db gloss.db]
  gloss project list [--db gloss.db]
  gloss project create NAME --labels FILE.json [--db gloss.db]
  gloss backup --out FILE (--url URL --token TOKEN | --db FILE)
  gloss restore FILE --db DEST [--force]
  gloss agreement --project ID [--format table|json] [--labels L,...] [--annotators A,...] [--db gloss.db]
  gloss suggest [--db gloss.db] [--project ID] [--article ID] [--labels L,...] [--min-score S] [--accept] | --explain | --reset
  gloss label-text --label NAME (--text TEXT | --texts FILE) [--project ID] [--apply] [--db gloss.db]
  gloss bench live [--clients 10,100,500] [--rate 500] [--duration 10s] [--url URL --token T --article ID] [--json]

Run "gloss COMMAND --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gloss:", errorText(err))
		os.Exit(1)
	}
}

// errorText prefers the message meant for people.
func errorText(err error) string {
	if model.ErrorCode(err) != model.EINTERNAL {
		return model.ErrorMessage(err)
	}
	return err.Error()
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return serveCmd(ctx, rest, stdout, stderr, logger)
	case "import":
		return importCmd(rest, stdout, stderr)
	case "export":
		return exportCmd(rest, stdout, stderr)
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			return errors.New(`usage: gloss user add NAME --role admin|user|annotator|reviewer|manager [--project ID] [--db FILE]`)
		}
		return userAddCmd(rest[1:], stdin, stdout, stderr)
	case "token":
		switch {
		case len(rest) > 0 && rest[0] == "create":
			return tokenCreateCmd(rest[1:], stdout, stderr)
		case len(rest) > 0 && rest[0] == "list":
			return tokenListCmd(rest[1:], stdout, stderr)
		case len(rest) > 0 && rest[0] == "revoke":
			return tokenRevokeCmd(rest[1:], stdout, stderr)
		}
		return errors.New(`usage: gloss token create|list|revoke ... (gloss help)`)
	case "project":
		return projectCmd(rest, stdout, stderr)
	case "backup":
		return backupCmd(ctx, rest, stdout, stderr)
	case "restore":
		return restoreCmd(rest, stdout, stderr)
	case "label-text":
		return labelTextCmd(rest, stdout, stderr)
	case "agreement":
		return agreementCmd(rest, stdout, stderr)
	case "suggest":
		return suggestCmd(rest, stdout, stderr)
	case "bench":
		return benchCmd(ctx, rest, stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// parse parses flags that may come before or after the positional
// arguments, as people type them ("user add NAME --role admin").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
