package service

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindPlaces(t *testing.T) {
	for _, tc := range []struct {
		name, text, needle string
		words              bool
		want               []place
	}{
		{"code points after an emoji", "😀 Read more » x Read more »", "Read more »", true, []place{{2, 13}, {16, 27}}},
		{"not inside a longer word", "Putin. Putinism. Putin", "Putin", true, []place{{0, 5}, {17, 22}}},
		{"anywhere without words", "Putin. Putinism.", "Putin", false, []place{{0, 5}, {7, 12}}},
		{"no overlaps", "aaaaa", "aa", false, []place{{0, 2}, {2, 4}}},
		{"glued words part at the case change", "CrimeaRussian President", "Russian", true, []place{{6, 13}}},
		{"not at a lower-lower join", "crimearussian", "russian", true, nil},
		{"Chinese has no spaces", "习近平会见普京。普京", "普京", true, []place{{5, 7}, {8, 10}}},
		{"combining marks belong to the word", "e\u0301tude etude", "etude", true, []place{{7, 12}}},
		{"needle with inner spaces", "a  b a b", "a b", true, []place{{5, 8}}},
		{"empty needle", "abc", "", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := findPlaces(tc.text, tc.needle, tc.words, -1, nil); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findPlaces(%q, %q) = %v, want %v", tc.text, tc.needle, got, tc.want)
			}
		})
	}
}

// FuzzFindPlaces: every place holds the needle exactly (code points), in
// order, without overlaps; without the word rule there are as many as
// strings.Count finds; with it, never more.
func FuzzFindPlaces(f *testing.F) {
	f.Add("😀 Read more » Putinism Putin", "Putin")
	f.Add("习近平会见普京。普京", "普京")
	f.Add("aaaaa", "aa")
	f.Add("e\u0301tude etude", "etude")
	f.Fuzz(func(t *testing.T, text, needle string) {
		if !utf8.ValidString(text) || !utf8.ValidString(needle) || needle == "" {
			return
		}
		runes := []rune(text)
		all := findPlaces(text, needle, false, -1, nil)
		if len(all) != strings.Count(text, needle) {
			t.Fatalf("%d places, strings.Count says %d", len(all), strings.Count(text, needle))
		}
		words := findPlaces(text, needle, true, -1, nil)
		if len(words) > len(all) {
			t.Fatalf("the word rule found more: %d > %d", len(words), len(all))
		}
		for _, ps := range [][]place{all, words} {
			end := 0
			for _, p := range ps {
				if p.Start < end || p.End > len(runes) || string(runes[p.Start:p.End]) != needle {
					t.Fatalf("place %v (after %d) holds %q, want %q", p, end, string(runes[min(p.Start, len(runes)):min(p.End, len(runes))]), needle)
				}
				end = p.End
			}
		}
	})
}

// TestFindPlacesStops: a needle that occurs a million times costs no more
// than the places asked for.
func TestFindPlacesStops(t *testing.T) {
	text := strings.Repeat("ab ", 1_000_000)
	if got := findPlaces(text, "ab", true, 10_001, nil); len(got) != 10_001 || got[10_000] != (place{30_000, 30_002}) {
		t.Errorf("%d places, last %v", len(got), got[len(got)-1])
	}
}
