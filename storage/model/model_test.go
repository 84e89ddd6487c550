package model

import (
	"strings"
	"testing"
)

func TestRuneIndex(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		start, end int
		want       string
		wantLen    int
	}{
		{"ASCII", "Putin said", 0, 5, "Putin", 10},
		{"Emoji", "a😀b", 1, 2, "😀", 3},
		{"SkinTone", "ok 👍🏽!", 3, 5, "👍🏽", 6},
		{"Flag", "Kyiv 🇺🇦 said", 5, 7, "🇺🇦", 12},
		{"ZWJFamily", "👩‍👩‍👧 fled", 0, 5, "👩‍👩‍👧", 10},
		{"CJK", "习近平会见普京", 0, 3, "习近平", 7},
		{"CombiningMark", "cafe\u0301!", 3, 5, "e\u0301", 6},
		{"RTL", "قال «مهم»", 4, 9, "«مهم»", 9},
		{"WholeText", "日本", 0, 2, "日本", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ri := NewRuneIndex(tc.text)
			if got := ri.Len(); got != tc.wantLen {
				t.Errorf("Len = %d, want %d", got, tc.wantLen)
			}
			if got := ri.Slice(tc.start, tc.end); got != tc.want {
				t.Errorf("Slice(%d, %d) = %q, want %q", tc.start, tc.end, got, tc.want)
			}
			if got := Slice(tc.text, tc.start, tc.end); got != tc.want {
				t.Errorf("Slice = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidateAttrs(t *testing.T) {
	claim, _ := Project{Labels: DefaultLabels()}.Label("CLAIM")
	for _, tc := range []struct {
		name  string
		attrs map[string]string
		msg   string // "" = valid
	}{
		{"Valid", map[string]string{"verdict": "false", "evidence": "https://example.org/x", "note": "see AP"}, ""},
		{"EmptyMeansUnset", map[string]string{"verdict": "", "evidence": ""}, ""},
		{"ErrUnknownAttr", map[string]string{"speaker": "Xi"}, "has no attribute"},
		{"ErrEnum", map[string]string{"checkworthy": "maybe"}, "must be one of yes, no"},
		{"ErrURLScheme", map[string]string{"evidence": "ftp://example.org"}, "http(s) URL"},
		{"ErrURLRelative", map[string]string{"evidence": "/relative"}, "http(s) URL"},
		{"ErrTooLong", map[string]string{"note": strings.Repeat("x", MaxAttrValueLen+1)}, "too long"},
		{"ErrNotUTF8", map[string]string{"note": "caf\xe9"}, "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateAttrs(claim, tc.attrs)
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %v, want an invalid error mentioning %q", err, tc.msg)
			}
		})
	}
}

func TestValidateSpan(t *testing.T) {
	for _, tc := range []struct {
		start, end, n int
		ok            bool
	}{
		{0, 1, 1, true}, {0, 0, 1, false}, {2, 1, 5, false}, {-1, 2, 5, false}, {3, 6, 5, false}, {0, 5, 5, true},
	} {
		if err := ValidateSpan(tc.start, tc.end, tc.n); (err == nil) != tc.ok {
			t.Errorf("ValidateSpan(%d, %d, %d) = %v, want ok=%v", tc.start, tc.end, tc.n, err, tc.ok)
		}
	}
}

func TestDefaultLabelsValid(t *testing.T) {
	if err := ValidateProject(Project{Name: DefaultProjectName, Labels: DefaultLabels()}); err != nil {
		t.Fatal(err)
	}
}

// TestValidateProjectNames: names and enum values people read may not
// hide characters that reorder or disguise them, or break export files.
func TestValidateProjectNames(t *testing.T) {
	base := Project{Name: "Desk", Labels: DefaultLabels()}
	bad := map[string]func(p *Project){
		"ErrBidiOverride":  func(p *Project) { p.Name = "Desk \u202egnp.exe" },
		"ErrZeroWidth":     func(p *Project) { p.Name = "De\u200bsk" },
		"ErrControl":       func(p *Project) { p.Name = "Desk\x07" },
		"ErrSpaces":        func(p *Project) { p.Name = " Desk" },
		"ErrEnumNewline":   func(p *Project) { p.Labels[2].Attrs[1].Values = []string{"true", "false\n[relations]"} },
		"ErrEnumEmpty":     func(p *Project) { p.Labels[2].Attrs[1].Values = []string{"true", " "} },
		"ErrEnumInvisible": func(p *Project) { p.Labels[2].Attrs[1].Values = []string{"true", "fal\u200dse"} },
	}
	for name, breakIt := range bad {
		t.Run(name, func(t *testing.T) {
			p := base
			p.Labels = DefaultLabels()
			breakIt(&p)
			if err := ValidateProject(p); ErrorCode(err) != EINVALID {
				t.Errorf("accepted: %v", err)
			}
		})
	}
	if err := ValidateProject(Project{Name: "Desk — 事实核查 🇺🇦", Labels: DefaultLabels()}); err != nil {
		t.Errorf("a plain international name: %v", err)
	}
}

func TestSkeleton(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Default", "Dеfault"}, // Cyrillic е
		{"Desk", "DESK"},       // case
		{"Fact check", "Fact  check"},
		{"Desk", "Ｄｅｓｋ"},       // full-width
		{"Poll", "Po11"},       // digits for l
		{"Ukraine", "Ukrаinе"}, // two Cyrillic letters
	} {
		if Skeleton(tc.a) != Skeleton(tc.b) {
			t.Errorf("%q and %q look alike but have skeletons %q and %q", tc.a, tc.b, Skeleton(tc.a), Skeleton(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{{"Desk", "Disk"}, {"事实核查", "事实"}, {"Київ", "Kyiv"}} {
		if Skeleton(tc.a) == Skeleton(tc.b) {
			t.Errorf("%q and %q do not look alike but share a skeleton", tc.a, tc.b)
		}
	}
}
