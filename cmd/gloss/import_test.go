package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage"
)

// TestImportFolder: a folder of saved pages imports in one command,
// walking sub-folders for the files gloss reads and leaving the rest
// (a saved page's .css and images); a page without a URL is its folder's
// site, so one site's pages learn together; a bad file is reported and
// stores nothing while the others are imported.
func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	page := func(title, body string) string {
		return "<html><head><title>" + title + "</title></head><body><nav>Home | World</nav><h1>" + title + "</h1><p>" + body + "</p></body></html>"
	}
	files := map[string]string{
		"pages/bellow/one.html":        page("Port fined", "The court fined the port 2.4 million euros."),
		"pages/bellow/two.htm":         page("Council tax up", "Council tax rises by 4.9 per cent, the council said."),
		"pages/bellow/two_files/s.css": "body{}",
		"pages/bellow/.hidden/x.html":  page("Hidden", "Not imported."),
		"pages/ledger/three.html":      `<html><head><title>Rower</title><link rel="canonical" href="https://www.ledger.example/rower"></head><body><p>She won gold.</p></body></html>`,
		"pages/ledger/notes.txt":       "A plain text article.",
		"pages/ledger/empty.html":      "<html><body><script>x()</script></body></html>",
		"pages/ledger/logo.png":        "\x89PNG",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "g.db")
	out, errOut, err := gloss(t, "", "import", "--db", db, filepath.Join(dir, "pages"))
	if err == nil || !strings.Contains(err.Error(), "1 of 5 files were not imported") || !strings.Contains(errOut, "empty.html: ") || !strings.Contains(errOut, "no visible text") {
		t.Errorf("import: err %v, stderr %q", err, errOut)
	}
	if strings.Count(out, "1 new") != 4 {
		t.Errorf("stdout %q", out)
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, _, err := st.Articles(storage.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Title+"@"+a.Source+"@"+a.Meta["file"].(string))
	}
	slices.Sort(got)
	want := []string{
		"A plain text article.@notes.txt@notes.txt",
		"Council tax up@bellow@two.htm",
		"Port fined@bellow@one.html",
		"Rower@ledger.example@three.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("articles\n got %q\nwant %q", got, want)
	}
	if _, _, err := gloss(t, "", "import", "--db", db, filepath.Join(dir, "pages", "bellow", "two_files")); err == nil || !strings.Contains(err.Error(), "no file to import") {
		t.Errorf("folder without articles: %v", err)
	}
}
