package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gloss-dev/gloss/storage"
)

const backupUsage = `usage: gloss backup --out FILE (--url URL [--token TOKEN] | --db FILE)`

// backupCmd copies the database: from a running server (GET
// /api/admin/backup, an admin's token) or from a file no server holds.
// The copy is checked before it takes its name, so FILE is either a good
// backup or not there.
func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the backup file to write (required)")
	url := fs.String("url", "", "a running gloss, e.g. http://127.0.0.1:8080")
	token := fs.String("token", "", "an admin's API token (default: $GLOSS_TOKEN, which keeps it out of the process list)")
	db := fs.String("db", "", "a database file no server holds")
	fs.Usage = func() {
		fmt.Fprintln(stderr, backupUsage+"\n\nWrites a consistent copy of the whole database (users, projects, articles,\nannotations, op logs) while the server keeps working, checks it, and only\nthen gives it its name.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" || (*url == "") == (*db == "") {
		return errors.New(backupUsage)
	}
	if *token == "" {
		*token = os.Getenv("GLOSS_TOKEN")
	}
	if *url != "" && *token == "" {
		return errors.New("--url needs an admin's token: --token or $GLOSS_TOKEN")
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), filepath.Base(*out)+".part-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	var n int64
	if *url != "" {
		n, err = download(ctx, strings.TrimRight(*url, "/")+"/api/admin/backup", *token, tmp)
	} else {
		n, err = storage.BackupFile(*db, tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %s (nothing written to %s)", errorText(err), *out)
	}
	schema, articles, err := storage.CheckFile(tmp.Name())
	if err != nil {
		return fmt.Errorf("backup: the copy does not check: %v (nothing written to %s)", err, *out)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup %s: %d bytes, schema %d, %d articles, checked\n", *out, n, schema, articles)
	return nil
}

func download(ctx context.Context, url, token string, w io.Writer) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return 0, fmt.Errorf("%s: %s %s", url, resp.Status, strings.TrimSpace(string(b)))
	}
	return io.Copy(w, resp.Body)
}

const restoreUsage = `usage: gloss restore FILE --db DEST [--force]`

// restoreCmd puts a backup in place of a database that no server holds.
func restoreCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the database file to restore into (required)")
	force := fs.Bool("force", false, "replace an existing database file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, restoreUsage+"\n\nChecks FILE (a gloss backup), then puts it in place of DEST. Stop gloss serve\nfirst; an existing DEST is replaced only with --force.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *db == "" {
		return errors.New(restoreUsage)
	}
	if err := storage.Restore(pos[0], *db, *force); err != nil {
		return fmt.Errorf("restore: %s", errorText(err))
	}
	_, articles, _ := storage.CheckFile(*db)
	fmt.Fprintf(stdout, "restored %s into %s: %d articles\n", pos[0], *db, articles)
	return nil
}
