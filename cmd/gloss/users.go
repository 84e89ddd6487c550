package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

func userAddCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	role := fs.String("role", "", "admin, reviewer or annotator (required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss user add NAME --role ROLE [--db FILE]\n\nReads the password from stdin: twice at a terminal, once from a pipe.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: gloss user add NAME --role admin|reviewer|annotator [--db FILE]")
	}
	if !model.Role(*role).Valid() {
		return fmt.Errorf("--role must be admin, reviewer or annotator, not %q", *role)
	}
	pw, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	hash, err := server.HashPassword(pw)
	if err != nil {
		return err
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.PutUser(model.User{Name: pos[0], Role: model.Role(*role), PasswordHash: hash}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s (%s) saved in %s\n", pos[0], *role, *db)
	return nil
}

// readPassword reads a password line from stdin; at a terminal it asks
// twice and checks that both match. Echo is not turned off: gloss keeps to
// the standard library here, and most use is scripted.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	tty := false
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	r := bufio.NewReader(stdin)
	read := func(prompt string) (string, error) {
		if tty {
			fmt.Fprint(stderr, prompt)
		}
		line, err := r.ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return "", errors.New("no password on stdin")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	pw, err := read("Password: ")
	if err != nil {
		return "", err
	}
	if tty {
		again, err := read("Again: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", errors.New("the passwords differ")
		}
	}
	return pw, nil
}

func tokenCreateCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss token create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss token create NAME [--db FILE]\n\nPrints a new API token for user NAME as the last line of stdout.\nSend it as: Authorization: Bearer TOKEN\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: gloss token create NAME [--db FILE]")
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	tok, err := st.NewCredential(storage.CredToken, pos[0], 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token for %s (shown once; send it as Authorization: Bearer TOKEN):\n%s\n", pos[0], tok)
	return nil
}
