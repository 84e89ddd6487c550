package server_test

import (
	"os"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/storage/model"
)

// TestReadmePermissions keeps README's permission table true to
// model.Grants, the table the code enforces.
func TestReadmePermissions(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 7 {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[1]] = cells[2:6]
	}
	mark := func(ok bool) string {
		if ok {
			return "✓"
		}
		return ""
	}
	for _, g := range model.Grants {
		got, ok := rows[g.What]
		if !ok {
			t.Errorf("README has no permission row %q", g.What)
			continue
		}
		want := []string{mark(g.Annotator), mark(g.Reviewer), mark(g.Manager), "✓"}
		if g.Perm == model.PermEditOthers {
			want[0] = "when `annotators_edit_all`"
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("README row %q: %q, want %q", g.What, got, want)
		}
	}
}
