package export

import (
	"io"
	"time"
)

// Claim label and attributes the claimreview format reads.
const (
	claimLabel      = "CLAIM"
	verdictAttr     = "verdict"
	evidenceAttr    = "evidence"
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
	URL           string       `json:"url,omitempty"`
	ClaimReviewed string       `json:"claimReviewed"`
	DatePublished string       `json:"datePublished,omitempty"`
	Author        *schemaThing `json:"author,omitempty"`
	Layer         string       `json:"gloss:layer,omitempty"` // "" in a gold-only export
	ReviewRating  schemaRating `json:"reviewRating"`
	ItemReviewed  schemaClaim  `json:"itemReviewed"`
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
	Type       string      `json:"@type"`
	Appearance schemaThing `json:"appearance"`
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
		cr := claimReview{
			Context:       schemaOrg,
			Type:          claimReviewType,
			ID:            annotationIRI(art, a, i, e.base),
			URL:           a.Attrs[evidenceAttr],
			ClaimReviewed: a.Text,
			ReviewRating: schemaRating{Type: "Rating", RatingValue: verdictRatings[verdict],
				BestRating: ratingBest, WorstRating: ratingWorst, AlternateName: verdict},
			ItemReviewed: schemaClaim{Type: "Claim", Appearance: schemaThing{Type: "CreativeWork",
				URL: articleIRI(art, e.base), Headline: art.Title}},
		}
		if !a.UpdatedAt.IsZero() {
			cr.DatePublished = a.UpdatedAt.UTC().Format(time.DateOnly)
		}
		if a.Author != "" {
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
