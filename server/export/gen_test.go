package export_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

// genPieces are what generated texts are made of: news words and the
// shapes that break offset arithmetic (astral emoji, ZWJ sequences, flags,
// combining marks, CJK, RTL, line breaks).
var genPieces = []string{
	"Xi", "Putin", "Ukraine", "U.S.", "2,000", "cease-fire", "Xi's", "the", "court", "said", "a", "of",
	" ", " ", " ", " ", " ", "  ", "\n", "\n\n", "\t",
	".", ",", "!", "?", "“", "”", "‘", "’", "'", "\"", "«", "»", "(", ")", "-", "%", "\\", "<&>",
	"😀", "👍🏽", "🇺🇦", "👩\u200d👩\u200d👧", "🧀", "\u200d", "\ufe0f",
	"习近平", "会见", "普京", "。", "e\u0301", "\u0301", "قال", "،", "שלום", "\u200f", "\u2028",
}

var genValues = []string{"Xi Jinping", "Wang Wenbin", "100% sure", "line\nbreak", "tab\there", "习近平", "a=b;c", "https://example.com/a b"}

// genDoc makes document id from a generator seeded by id: about words
// pieces of text and spans annotations at random offsets.
func genDoc(id uint64, words, spans int) export.Doc {
	r := rand.New(rand.NewPCG(id, 0x61055))
	var b strings.Builder
	for range words {
		b.WriteString(genPieces[r.IntN(len(genPieces))])
	}
	text := b.String()
	n := len([]rune(text))
	d := export.Doc{
		Article: model.Article{ID: id, Project: 1, Title: "Article " + strconv.FormatUint(id, 10),
			Source: "gen", Text: text, Length: n, ImportedAt: t0, Status: model.StatusNew},
		Project: project,
	}
	if n < 2 {
		return d
	}
	for i := range spans {
		start := r.IntN(n - 1)
		end := start + 1 + r.IntN(min(n-start, 60))
		l := project.Labels[r.IntN(len(project.Labels))]
		attrs := map[string]string{}
		for _, spec := range l.Attrs {
			if r.IntN(2) == 0 {
				continue
			}
			if spec.Type == model.AttrEnum {
				attrs[spec.Name] = spec.Values[r.IntN(len(spec.Values))]
			} else {
				attrs[spec.Name] = genValues[r.IntN(len(genValues))]
			}
		}
		d.Annotations = append(d.Annotations, model.Annotation{
			ID: id*1000 + uint64(i+1), Article: id, Start: start, End: end, Label: l.Name, Attrs: attrs,
			Author: "gen", CreatedAt: t0, UpdatedAt: t0.Add(time.Hour), Version: uint64(i + 1),
		})
	}
	return d
}
