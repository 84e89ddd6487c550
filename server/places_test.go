package server

import (
	"reflect"
	"testing"
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
			if got := findPlaces(tc.text, tc.needle, tc.words); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findPlaces(%q, %q) = %v, want %v", tc.text, tc.needle, got, tc.want)
			}
		})
	}
}
