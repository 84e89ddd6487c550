package storage

import "testing"

func TestFolded(t *testing.T) {
	for _, tc := range []struct {
		query, text string
		want        bool
	}{
		{"", "anything", true},
		{"putin", "Vladimir PUTIN visits", true},
		{"PUTIN WELCOMES", "Putin welcomes Chinese role", true},
		{"putin", "Puti", false},
		{"read more »", "Read More » next", true},
		{"\\u0027s", `peninsula\u0027s annexation`, true},
		{"é", "CAFÉ", true},         // not ASCII: Unicode lower case
		{"чай", "ЧАЙ и кофе", true}, // Cyrillic
		{"😀", "ok 😀", true},
		{"zz", "ZZ", true},
		{"a", "", false},
		// Issue 12: normalisation. A precomposed query finds a decomposed
		// text and the other way round; full case folding.
		{"café", "Le CAFE\u0301 de Paris", true},
		{"cafe\u0301", "le café", true},
		{"CAFÉ", "cafe\u0301", true},
		{"straße", "STRASSE 5", true},
		{"ΣΟΦΊΑ", "σοφία", true},
		{"café", "cafe", false},
	} {
		f := newFolded(tc.query)
		if got := f.in(tc.text); got != tc.want {
			t.Errorf("in(%q, %q) = %v, want %v", tc.query, tc.text, got, tc.want)
		}
		if got := f.inBytes([]byte(tc.text)); got != tc.want {
			t.Errorf("inBytes(%q, %q) = %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}
