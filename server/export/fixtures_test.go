package export_test

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
)

// baseURL is the BaseURL every golden file is written with.
const baseURL = "http://127.0.0.1:8080"

var (
	t0      = time.Date(2023, 3, 20, 9, 0, 0, 0, time.UTC)
	project = model.Project{ID: 1, Name: "Default", Labels: model.DefaultLabels(), Relations: model.DefaultRelations(), CreatedAt: t0}
)

// spec is one annotation of a fixture, found by its text: the first
// occurrence of find in the article (or in the first occurrence of in),
// or, with to set, from there to the end of to's first occurrence after
// it; "" to stands for the end of the text.
type spec struct {
	label  string
	find   string
	in     string
	to     string
	attrs  map[string]string
	author string
}

// rel is one relation of a fixture: its type and ends, by their 1-based
// place in the fixture's specs.
type rel struct {
	typ      string
	from, to int
	author   string
}

// seedDocs returns the two documents every golden file holds: the
// xi-putin-icc news article and the multilingual text, annotated, with
// relations between the spans (one of them, from a claim inside the
// boilerplate, goes with that claim when Clean cuts it).
func seedDocs(t testing.TB) []export.Doc {
	t.Helper()
	xi := article(t, 1, "../../testdata/xi-putin-icc.txt", "Xi to meet Putin after ICC warrant",
		"https://example.com/world/xi-putin-icc", "2023-03-20", map[string]any{"lang": "en", "section": "world"})
	ml := article(t, 2, "../../testdata/multilingual.txt", "Leaders meet in Moscow",
		"", "", nil)
	return []export.Doc{
		doc(t, xi, []spec{
			{label: "CLAIM", find: "the International Criminal Court charged him with war crimes in Ukraine",
				attrs: map[string]string{"checkworthy": "yes", "verdict": "true",
					"evidence": "https://www.icc-cpi.int/news/situation-ukraine-icc-judges-issue-arrest-warrants-against-vladimir-vladimirovich-putin-and"},
				author: "maria"},
			{label: "SPEAKER", find: "Xi", in: "Xi's government", author: "li.wei"}, // ends inside the token "Xi's"
			{label: "CLAIM", find: "Xi and Putin declared", to: "attack on Ukraine",
				attrs: map[string]string{"checkworthy": "yes", "verdict": "unverified"}, author: "maria"},
			{label: "QUOTE", find: "“no-limits friendship”", attrs: map[string]string{"speaker": "Xi Jinping and Vladimir Putin"}, author: "maria"},
			{label: "CLAIM", find: "China has tried to portray itself as neutral",
				attrs: map[string]string{"verdict": "misleading", "note": "China abstained on UN votes condemning the invasion; 100% neutral it is not"}, author: "li.wei"},
			{label: "CLAIM", find: "Putin is personally responsible for the abductions of thousands of children from Ukraine",
				attrs: map[string]string{"checkworthy": "yes", "verdict": "unverified"}, author: "maria"},
			{label: "QUOTE", find: "“uphold an objective", to: "in accordance”", attrs: map[string]string{"speaker": "Wang Wenbin"}, author: "li.wei"},
			{label: "QUOTE", find: "“avoid politicization and double standards,”", attrs: map[string]string{"speaker": "Wang Wenbin"}, author: "li.wei"},
			{label: "SPEAKER", find: "Wang Wenbin", author: "li.wei"},
			{label: "QUOTE", find: "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”",
				attrs: map[string]string{"speaker": "Xi Jinping"}, author: "maria"},
			{label: "SPEAKER", find: "Xi", in: "Xi wrote", author: "maria"},
			{label: "BOILERPLATE", find: "South Africa Latest News", to: "$", author: "maria"},
			{label: "CLAIM", find: "Putin travelled to Crimea to mark the ninth anniversary",
				attrs: map[string]string{"verdict": "true"}, author: "li.wei"},
		}, []rel{
			{"said_by", 7, 9, "li.wei"}, {"said_by", 8, 9, "li.wei"},
			{"supported_by", 3, 4, "maria"}, {"supported_by", 5, 7, "li.wei"},
			{"supported_by", 13, 1, "li.wei"}, // inside the boilerplate
		}),
		doc(t, ml, []spec{
			{label: "QUOTE", find: "Leaders meet", to: "🇺🇦 responds", attrs: map[string]string{"speaker": "the reporter"}, author: "maria"},
			{label: "CLAIM", find: "the crowd cheers 👍🏽", attrs: map[string]string{"verdict": "true"}, author: "maria"},
			{label: "CLAIM", find: "Ukraine 🇺🇦 responds", attrs: map[string]string{"verdict": "misleading"}, author: "li.wei"},
			{label: "SPEAKER", find: "👩\u200d👩\u200d👧", author: "li.wei"},
			{label: "CLAIM", find: "习近平会见普京", attrs: map[string]string{"verdict": "true", "evidence": "https://www.xinhuanet.com/"}, author: "li.wei"},
			{label: "SPEAKER", find: "习近平", author: "li.wei"},
			{label: "SPEAKER", find: "普京", author: "li.wei"},
			{label: "QUOTE", find: "cafe\u0301 du Kremlin était plein", attrs: map[string]string{"speaker": "Zoe\u0301 Martin"}, author: "maria"},
			{label: "SPEAKER", find: "Zoe\u0301 Martin", author: "maria"},
			{label: "QUOTE", find: "«الزيارة مهمة جدا»", attrs: map[string]string{"speaker": "المتحدث"}, author: "li.wei"},
			{label: "QUOTE", find: "\"השלום חשוב לכולם\"", attrs: map[string]string{"speaker": "הנשיא"}, author: "li.wei"},
			{label: "CLAIM", find: "The moon is made of cheese 🧀", attrs: map[string]string{"checkworthy": "no", "verdict": "false"}, author: "maria"},
			{label: "BOILERPLATE", find: "Read more »", to: "$", author: "maria"},
		}, []rel{
			{"said_by", 8, 9, "maria"}, {"supported_by", 3, 1, "li.wei"}, {"supported_by", 12, 5, "maria"},
		}),
	}
}

// layeredDocs returns docs as an export of all layers brings them: every
// span in the gold layer, and copies in two annotators' layers, ana's
// (every other span, with another verdict) and ben's (every third), so
// that one text span comes up to three times, once per layer. Each layer
// holds the relations whose ends it holds.
func layeredDocs(docs []export.Doc) []export.Doc {
	otherVerdict := map[string]string{"true": "false", "false": "true", "misleading": "true", "unverified": "misleading"}
	out := make([]export.Doc, len(docs))
	for i, d := range docs {
		d.Annotations, d.Relations = nil, nil
		index := map[uint64]int{}
		for j, a := range docs[i].Annotations {
			index[a.ID] = j
		}
		for _, r := range docs[i].Relations {
			gold := r
			gold.Layer = model.Gold
			d.Relations = append(d.Relations, gold)
			from, to := index[r.From], index[r.To]
			if from%2 == 0 && to%2 == 0 {
				ana := r
				ana.ID, ana.Layer, ana.Author, ana.From, ana.To = r.ID+1000, "ana", "ana", r.From+1000, r.To+1000
				d.Relations = append(d.Relations, ana)
			}
			if from%3 == 0 && to%3 == 0 {
				ben := r
				ben.ID, ben.Layer, ben.Author, ben.From, ben.To = r.ID+2000, "ben", "ben", r.From+2000, r.To+2000
				d.Relations = append(d.Relations, ben)
			}
		}
		for j, a := range docs[i].Annotations {
			gold := a
			gold.Layer = model.Gold
			d.Annotations = append(d.Annotations, gold)
			if j%2 == 0 {
				ana := a
				ana.ID, ana.Layer, ana.Author = a.ID+1000, "ana", "ana"
				if v := a.Attrs["verdict"]; v != "" {
					ana.Attrs = maps.Clone(a.Attrs)
					ana.Attrs["verdict"] = otherVerdict[v]
				}
				d.Annotations = append(d.Annotations, ana)
			}
			if j%3 == 0 {
				ben := a
				ben.ID, ben.Layer, ben.Author = a.ID+2000, "ben", "ben"
				d.Annotations = append(d.Annotations, ben)
			}
		}
		d.Article.Count = len(d.Annotations)
		out[i] = d
	}
	return out
}

func article(t testing.TB, id uint64, path, title, url, published string, meta map[string]any) model.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	sum := sha256.Sum256(b)
	return model.Article{ID: id, Project: project.ID, Title: title, Source: path[strings.LastIndex(path, "/")+1:],
		URL: url, Published: published, ImportedAt: t0, Status: model.StatusInProgress, Text: text,
		Length: utf8.RuneCountInString(text), Hash: hex.EncodeToString(sum[:]), Meta: meta}
}

func doc(t testing.TB, art model.Article, specs []spec, rels []rel) export.Doc {
	t.Helper()
	d := export.Doc{Article: art, Project: project}
	for i, s := range specs {
		start, end := find(t, art.Text, s)
		at := t0.Add(time.Duration(i+1) * time.Minute)
		attrs := s.attrs
		if attrs == nil {
			attrs = map[string]string{}
		}
		d.Annotations = append(d.Annotations, model.Annotation{
			ID: art.ID*100 + uint64(i+1), Article: art.ID, Start: start, End: end, Label: s.label,
			Attrs: attrs, Text: model.Slice(art.Text, start, end), Author: s.author,
			CreatedAt: at, UpdatedAt: at.Add(30 * time.Second), Version: uint64(i + 1),
		})
	}
	for k, r := range rels {
		at := t0.Add(time.Duration(len(specs)+k+1) * time.Minute)
		d.Relations = append(d.Relations, model.Relation{
			ID: art.ID*100 + 50 + uint64(k+1), Article: art.ID, Type: r.typ,
			From: d.Annotations[r.from-1].ID, To: d.Annotations[r.to-1].ID,
			Author: r.author, CreatedAt: at, Version: uint64(len(specs) + k + 1),
		})
	}
	d.Article.Version = uint64(len(specs) + len(rels))
	d.Article.Count = len(specs)
	return d
}

// find locates s in text, in code points.
func find(t testing.TB, text string, s spec) (start, end int) {
	t.Helper()
	base := 0
	if s.in != "" {
		base = strings.Index(text, s.in)
		if base < 0 {
			t.Fatalf("fixture: %q not in the text", s.in)
		}
	}
	off := strings.Index(text[base:], s.find)
	if off < 0 {
		t.Fatalf("fixture: %q not in the text", s.find)
	}
	off += base
	stop := off + len(s.find)
	switch s.to {
	case "":
	case "$":
		stop = len(text)
	default:
		i := strings.Index(text[off:], s.to)
		if i < 0 {
			t.Fatalf("fixture: %q not after %q", s.to, s.find)
		}
		stop = off + i + len(s.to)
	}
	return utf8.RuneCountInString(text[:off]), utf8.RuneCountInString(text[:stop])
}
