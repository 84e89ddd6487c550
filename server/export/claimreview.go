package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
)

// Claim label and attributes the claimreview format reads.
const (
	claimLabel      = "CLAIM"
	verdictAttr     = "verdict"
	evidenceAttr    = "evidence"
	reviewURLAttr   = "review_url"
	unverified      = "unverified"
	schemaOrg       = "https://schema.org"
	ratingBest      = 5
	ratingWorst     = 1
	claimReviewType = "ClaimReview"
)

// claimReviewLayerContext is the @context of a ClaimReview that names its
// layer: schema.org has no term for whose review among several of one
// claim is the adjudicated one, so gloss:layer says it, the gloss prefix
// declared as in w3c exports.
var claimReviewLayerContext = []any{schemaOrg, map[string]string{"gloss": GlossNS}}

// verdictRatings maps a verdict onto schema.org's numeric rating scale
// (worst 1, best 5). A verdict not listed gets no ratingValue, only its
// alternateName.
var verdictRatings = map[string]int{"false": 1, "misleading": 2, "true": 5}

type claimReview struct {
	Context       any          `json:"@context"` // schemaOrg, or claimReviewLayerContext with a layer
	Type          string       `json:"@type"`
	ID            string       `json:"@id"`
	URL           string       `json:"url"`
	ClaimReviewed string       `json:"claimReviewed"`
	DatePublished string       `json:"datePublished,omitempty"`
	Author        *schemaThing `json:"author,omitempty"`
	Layer         string       `json:"gloss:layer,omitempty"` // "" in a gold-only export
	ReviewRating  schemaRating `json:"reviewRating"`
	ItemReviewed  schemaClaim  `json:"itemReviewed"`
	Citation      []string     `json:"citation,omitempty"`
}

type schemaThing struct {
	Type     string `json:"@type"`
	Name     string `json:"name,omitempty"`
	URL      string `json:"url,omitempty"`
	Headline string `json:"headline,omitempty"`
}

type schemaRating struct {
	Type          string `json:"@type"`
	RatingValue   int    `json:"ratingValue,omitempty"`
	BestRating    int    `json:"bestRating"`
	WorstRating   int    `json:"worstRating"`
	AlternateName string `json:"alternateName"`
}

type schemaClaim struct {
	Type          string       `json:"@type"`
	DatePublished string       `json:"datePublished,omitempty"`
	Appearance    *schemaThing `json:"appearance,omitempty"`
}

type claimReviewEncoder struct {
	aw   *arrayWriter
	base string
}

func newClaimReview(w io.Writer, opt Options) Encoder {
	return &claimReviewEncoder{aw: newArrayWriter(w, "["), base: opt.BaseURL}
}

func (e *claimReviewEncoder) Encode(d Doc) error {
	_, anns, err := prepare(d)
	if err != nil {
		return e.aw.fail(err)
	}
	art := d.Article
	for i, a := range anns {
		verdict := a.Attrs[verdictAttr]
		if a.Label != claimLabel || verdict == "" || verdict == unverified {
			continue
		}
		page := reviewURL(d, a, i, e.base)
		cr := claimReview{
			Context:       schemaOrg,
			Type:          claimReviewType,
			ID:            page,
			URL:           page,
			ClaimReviewed: a.Text,
			ReviewRating: schemaRating{Type: "Rating", RatingValue: verdictRatings[verdict],
				BestRating: ratingBest, WorstRating: ratingWorst, AlternateName: verdict},
			ItemReviewed: schemaClaim{Type: "Claim", DatePublished: publishedDate(art.Published)},
		}
		if art.URL != "" {
			// Where the claim was made: the article's own page.
			cr.ItemReviewed.Appearance = &schemaThing{Type: "CreativeWork", URL: art.URL, Headline: art.Title}
		}
		if ev := a.Attrs[evidenceAttr]; ev != "" {
			cr.Citation = []string{ev}
		}
		if !a.UpdatedAt.IsZero() {
			cr.DatePublished = a.UpdatedAt.UTC().Format(time.DateOnly)
		}
		if pub := d.Project.ClaimReview; pub != nil && pub.Publisher != "" {
			cr.Author = &schemaThing{Type: "Organization", Name: pub.Publisher, URL: pub.PublisherURL}
		} else if a.Author != "" {
			cr.Author = &schemaThing{Type: "Person", Name: a.Author}
		}
		if a.Layer != "" {
			cr.Context, cr.Layer = claimReviewLayerContext, a.Layer
		}
		if err := e.aw.elem(cr); err != nil {
			return err
		}
	}
	return nil
}

func (e *claimReviewEncoder) Close() error { return e.aw.close("") }

// reviewURL is the fact-check page of a claim: its review_url attribute,
// else the project's URL template with the ids filled in, else the claim
// in this gloss's editor (which opens at #/articles/ID: /articles/ID
// alone is no page).
func reviewURL(d Doc, a model.Annotation, i int, base string) string {
	if u := a.Attrs[reviewURLAttr]; u != "" {
		return u
	}
	art := d.Article
	if pub := d.Project.ClaimReview; pub != nil && pub.URLTemplate != "" {
		return strings.NewReplacer("{article}", strconv.FormatUint(art.ID, 10), "{annotation}", strconv.FormatUint(a.ID, 10)).Replace(pub.URLTemplate)
	}
	base = strings.TrimRight(base, "/")
	if base == "" {
		return annotationIRI(art, a, i, "")
	}
	return fmt.Sprintf("%s/#/articles/%d?annotation=%d", base, art.ID, a.ID)
}

// publishedDate keeps the date of an article's published field (a date or
// an RFC 3339 time), "" when it is neither.
func publishedDate(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return s
	}
	return ""
}
