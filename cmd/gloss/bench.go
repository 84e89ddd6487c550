package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gloss-dev/gloss/server/bench"
	"github.com/gloss-dev/gloss/server/bench/exportbench"
)

const benchUsage = `usage: gloss bench live [--clients 10,100,500] [--rate 500] [--duration 10s] [--url URL --token T --article ID] [--json]
       gloss bench export [--articles 10000,100000] [--spans 20] [--formats jsonl,...]`

func benchCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(benchUsage)
	}
	switch args[0] {
	case "live":
		cfg, err := parseBenchLive(args[1:], stdout, stderr)
		if err != nil {
			return err
		}
		return bench.Run(ctx, cfg)
	case "export":
		return benchExport(args[1:], stdout, stderr)
	case "plain-server": // started by bench live as the broadcast floor
		pc, err := parsePlainServer(args[1:], stderr)
		if err != nil {
			return err
		}
		return bench.RunPlain(ctx, pc)
	default:
		return errors.New(benchUsage)
	}
}

func parseBenchLive(args []string, stdout, stderr io.Writer) (bench.Config, error) {
	fs := flag.NewFlagSet("gloss bench live", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := bench.Config{Out: stdout, Progress: stderr}
	clients := fs.String("clients", "10,100,500", "client counts, one round each")
	fs.Float64Var(&cfg.Rate, "rate", bench.DefaultRate, "steady phase: ops per second over all clients")
	fs.DurationVar(&cfg.Duration, "duration", bench.DefaultDuration, "steady phase and each floor; saturation runs half of it")
	fs.IntVar(&cfg.Window, "window", bench.DefaultWindow, "saturation: ops in flight per client")
	fs.StringVar(&cfg.URL, "url", "", "a running gloss server (http://host:port) instead of a temporary one")
	fs.StringVar(&cfg.Token, "token", "", "API token for --url")
	fs.Uint64Var(&cfg.Article, "article", 0, "article id for --url (the ops stay in it)")
	fs.BoolVar(&cfg.JSON, "json", false, "print the report as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss bench live [flags]\n\nMeasures live sync (ack and broadcast latency, committed ops/s, server memory per\nconnection) against a bbolt floor and plain websocket broadcast floors (without and with an\nfsync before each relay), on this machine.\nWithout --url the servers run as child processes on 127.0.0.1.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return cfg, err
	}
	if len(pos) > 0 {
		return cfg, fmt.Errorf("bench live takes no arguments, got %q", pos)
	}
	for _, s := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("--clients: %q is not a positive number", s)
		}
		cfg.Clients = append(cfg.Clients, n)
	}
	return cfg, nil
}

func parsePlainServer(args []string, stderr io.Writer) (bench.PlainConfig, error) {
	fs := flag.NewFlagSet("gloss bench plain-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var pc bench.PlainConfig
	fs.StringVar(&pc.Addr, "addr", "127.0.0.1:0", "address to listen on")
	fs.StringVar(&pc.Log, "log", "", "append each message to this file and fsync before relaying it")
	pos, err := parse(fs, args)
	if err != nil {
		return pc, err
	}
	if len(pos) > 0 {
		return pc, fmt.Errorf("bench plain-server takes no arguments, got %q", pos)
	}
	return pc, nil
}

func benchExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss bench export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	articles := fs.String("articles", "10000,100000", "corpus sizes, one round each")
	spans := fs.Int("spans", 20, "spans per article")
	formats := fs.String("formats", "", "formats to export (default: all)")
	dir := fs.String("dir", "", "where the temporary databases go (default: the system's temp dir)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss bench export [flags]\n\nGenerates corpora, exports each in every format through the path GET /api/export\ntakes (MB/s and peak heap), and imports the jsonl export back (MB/s).\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("bench export takes no arguments, got %q", pos)
	}
	cfg := exportbench.Config{Spans: *spans, Dir: *dir, Log: stderr}
	for _, s := range strings.Split(*articles, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("--articles: %q is not a positive number", s)
		}
		cfg.Articles = append(cfg.Articles, n)
	}
	if *formats != "" {
		cfg.Formats = strings.Split(*formats, ",")
	}
	rep, err := exportbench.Run(cfg)
	if err != nil {
		return err
	}
	return exportbench.WriteMarkdown(stdout, rep)
}
