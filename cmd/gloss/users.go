package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
)

func userAddCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	role := fs.String("role", "", "admin or user; or annotator, reviewer or manager: a user with that role in --project (required)")
	project := fs.Uint64("project", 0, "the project a project role is given in (default: the first project)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss user add NAME --role ROLE [--project ID] [--db FILE]\n\nReads the password from stdin: twice at a terminal, once from a pipe.\nWorks on a database file no server holds; while gloss serve runs, admins add\nusers in the editor (Users) or with POST /api/users.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: gloss user add NAME --role admin|user|annotator|reviewer|manager [--project ID] [--db FILE]")
	}
	global, member := model.Role(*role), model.ProjectRole(*role)
	switch {
	case global.Valid():
		member = ""
	case member.Valid():
		global = model.RoleUser
	default:
		return fmt.Errorf("--role must be admin, user, annotator, reviewer or manager, not %q", *role)
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
	_, existed := st.User(pos[0])
	if err := st.PutUser(model.User{Name: pos[0], Role: global, PasswordHash: hash}); err != nil {
		return err
	}
	if existed == nil {
		// A new password ends what the old one opened, as over the API.
		gone, err := st.RevokeUser(pos[0], "")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "user %s existed: password and role replaced, %d sessions and tokens revoked\n", pos[0], len(gone))
	}
	if member == "" {
		fmt.Fprintf(stdout, "user %s (%s) saved in %s\n", pos[0], global, *db)
		return nil
	}
	pid := *project
	if pid == 0 {
		ps, err := st.Projects()
		if err != nil {
			return err
		}
		pid = ps[0].ID
	}
	p, err := st.UpdateProject(pid, func(p *model.Project) error {
		p.Members = slices.DeleteFunc(p.Members, func(m model.Member) bool { return m.Name == pos[0] })
		p.Members = append(p.Members, model.Member{Name: pos[0], Role: member})
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s saved in %s, %s in project %d (%s)\n", pos[0], *db, member, p.ID, p.Name)
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
	ttl := fs.Duration("ttl", 0, "how long the token works, e.g. 720h (default: until revoked)")
	name := fs.String("name", "", "what the token is for, shown by token list")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gloss token create NAME [--ttl 720h] [--name WHAT] [--db FILE]\n\nPrints a new API token for user NAME as the last line of stdout.\nSend it as: Authorization: Bearer TOKEN\nWhile gloss serve runs, use POST /api/tokens (or the editor) instead.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: gloss token create NAME [--ttl 720h] [--name WHAT] [--db FILE]")
	}
	if *ttl < 0 {
		return errors.New("--ttl must be positive")
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	tok, c, err := st.NewNamedCredential(storage.CredToken, pos[0], *name, *ttl)
	if err != nil {
		return err
	}
	expires := "never expires"
	if !c.Expires.IsZero() {
		expires = "expires " + c.Expires.Format(time.RFC3339)
	}
	fmt.Fprintf(stdout, "token %s for %s, %s (shown once; send it as Authorization: Bearer TOKEN):\n%s\n", c.ID, pos[0], expires, tok)
	return nil
}

func tokenListCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss token list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return errors.New("usage: gloss token list [NAME] [--db FILE]")
	}
	who := ""
	if len(pos) == 1 {
		who = pos[0]
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Credentials(storage.CredToken, who)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tEXPIRES")
	for _, c := range list {
		exp := "never"
		if !c.Expires.IsZero() {
			exp = c.Expires.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.User, c.Name, c.Created.Format(time.RFC3339), exp)
	}
	return tw.Flush()
}

func tokenRevokeCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloss token revoke", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "gloss.db", "database file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: gloss token revoke ID [--db FILE] (ids: gloss token list)")
	}
	st, err := storage.Open(*db, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.RevokeCredential(storage.CredToken, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token %s of %s revoked\n", c.ID, c.User)
	return nil
}
