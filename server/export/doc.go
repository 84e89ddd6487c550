// Package export writes articles and their annotations in the formats
// annotation and NLP tools read. Encoders are plain Go over an io.Writer:
// no HTTP, no database. They stream: each Encode writes one article and
// keeps nothing of it, so memory stays flat whatever the size of the
// corpus (a JSON array's brackets and an archive's last entries are what
// Close is for).
//
// # Offsets
//
// Every offset in every format counts Unicode code points of the article
// text (Python's str indexing), end exclusive, and every span text the
// formats carry is text[start:end] in those units, sliced from the article
// text (model.RuneIndex) rather than taken from Annotation.Text. An
// annotation whose offsets do not fit its text fails Encode with EINVALID.
// Annotations are written sorted by start, longest first (an enclosing
// span before the spans inside it), then label, then id.
//
// Attributes: an empty value means "unset" and is written by no format
// but jsonl and csv, which copy the map as it is. Where attributes are
// listed one by one, those the label declares come in schema order, then
// any others by name.
//
// # Formats
//
// jsonl, the gloss native format (.jsonl): one article a line, every field
// as model.Article marshals it, except that "annotations" holds the spans
// instead of their count:
//
//	{"id":1,"project":1,"title":"…","source":"…","url":"…","published":"…","imported_at":"…",
//	 "status":"…","text":"…","length":3260,"hash":"…","meta":{…},"version":13,
//	 "annotations":[{"id":101,"start":123,"end":194,"label":"CLAIM","text":"…",
//	   "attrs":{"verdict":"true"},"author":"maria","created_at":"…","updated_at":"…","version":1}]}
//
// doccano (.jsonl): doccano's sequence-labeling JSONL. doccano reads "text"
// and "label" and keeps any other key as metadata; gloss adds the article
// id, and title, source and url when set:
//
//	{"id":1,"text":"…","label":[[123,194,"CLAIM"],…],"title":"…","source":"…","url":"…"}
//
// labelstudio (.json): a JSON array of Label Studio tasks, one a line.
// data holds the text and the article's metadata; one annotation holds
// every span as a "labels" result whose region id is the gloss annotation
// id. Each attribute is one more result with the same region id, the way
// Label Studio stores per-region controls: "choices" for an enum attribute,
// "textarea" for the others, with from_name the attribute's name:
//
//	{"id":1,"data":{"text":"…","title":"…","source":"…","url":"…","published":"…","meta":{…}},
//	 "annotations":[{"result":[
//	   {"id":"101","from_name":"label","to_name":"text","type":"labels",
//	    "value":{"start":123,"end":194,"text":"…","labels":["CLAIM"]}},
//	   {"id":"101","from_name":"verdict","to_name":"text","type":"choices",
//	    "value":{"start":123,"end":194,"choices":["true"]}},
//	   {"id":"103","from_name":"speaker","to_name":"text","type":"textarea",
//	    "value":{"start":309,"end":331,"text":["Xi Jinping"]}}]}]}
//
// A labeling config that shows all of it names the text "text", the
// labels control "label", and one per-region Choices or TextArea per
// attribute (perRegion="true"), e.g.
//
//	<View><Labels name="label" toName="text"><Label value="CLAIM"/>…</Labels><Text name="text" value="$text"/>
//	<Choices name="verdict" toName="text" perRegion="true"><Choice value="true"/>…</Choices>
//	<TextArea name="speaker" toName="text" perRegion="true"/></View>
//
// spacy (.jsonl): the spaCy/Prodigy span shape, one article a line. Tokens
// come from the tokenizer described below, offsets in code points;
// token_end is inclusive, as Prodigy writes it. A span whose edges fall
// inside a token keeps its exact start and end and points at the tokens
// that overlap it; a span over whitespace only (no token) is left out.
// Attributes, authors and times are not written.
//
//	{"text":"…","tokens":[{"text":"Chinese","start":0,"end":7,"id":0,"ws":true},…],
//	 "spans":[{"start":123,"end":194,"label":"CLAIM","token_start":21,"token_end":31}],
//	 "meta":{"id":1,"title":"…","source":"…","url":"…"}}
//
// conll (.conll): CoNLL IOB2, one token a line, space-separated columns:
// the token, then one tag column per label of the document's project in
// schema order (for the default schema BOILERPLATE QUOTE CLAIM SPEAKER),
// then any label used but not declared, sorted. Overlapping spans of
// different labels thus keep their own column; spans of one label that
// overlap merge in its column, a B- marking where each starts. Each
// article opens with "-DOCSTART-" and an O per column, then a blank line;
// a blank line ends every sentence; a span that runs over a sentence
// boundary goes on with I-. The file has no header: this comment is where
// the columns are named. Attributes and offsets are not written.
//
//	-DOCSTART- O O O O
//
//	after O O O O
//	the O O B-CLAIM O
//	International O O I-CLAIM O
//
// w3c (.jsonld): one W3C Web Annotation AnnotationCollection (JSON-LD)
// whose embedded first AnnotationPage lists every annotation, one a line;
// "total" comes last, once it is known. Each annotation has a
// TextualBody with purpose "tagging" holding the label, then one
// TextualBody with purpose "describing" per attribute, naming it in
// "gloss:attr"; creator, created and modified (UTC, to the second); and a
// target whose source is the article's URL, or BaseURL/articles/ID when it
// has none (urn:gloss:article:ID without a BaseURL), with a
// TextPositionSelector (code points) and a TextQuoteSelector (exact, and
// prefix and suffix of up to 32 code points). Annotation ids are
// BaseURL/articles/ID/annotations/AID (urn:gloss:annotation:AID).
//
// So that a w3c export can be imported on its own, the first annotation of
// each article describes its source instead of only naming it: an object
// with the IRI as "id", "type":"Text", "format":"text/plain", and the
// article in gloss-namespaced terms "gloss:title", "gloss:source",
// "gloss:url", "gloss:published", "gloss:meta" and "gloss:text" (the full
// text). The @context lists the Web Annotation context, then one that
// declares the gloss prefix (GlossNS) and gloss:meta as a JSON literal, so
// that JSON-LD processors keep those terms. The following annotations of the article name the source by IRI
// alone. An article without annotations is not in a w3c export.
//
//	{"id":"http://127.0.0.1:8080/articles/1/annotations/101","type":"Annotation","motivation":"tagging",
//	 "creator":{"type":"Person","name":"maria"},"created":"…","modified":"…",
//	 "body":[{"type":"TextualBody","purpose":"tagging","value":"CLAIM"},
//	         {"type":"TextualBody","purpose":"describing","value":"true","gloss:attr":"verdict"}],
//	 "target":{"source":{"id":"https://…","type":"Text","format":"text/plain","gloss:title":"…","gloss:text":"…"},
//	   "selector":[{"type":"TextPositionSelector","start":123,"end":194},
//	               {"type":"TextQuoteSelector","exact":"…","prefix":"…","suffix":"…"}]}}
//
// brat (.tar.gz): a gzipped tar of brat standoff files: NAME.txt (the
// text) and NAME.ann per article, where NAME is the article id zero-padded
// to eight digits (00000001), and annotation.conf last, declaring every
// label and attribute met. T lines carry code-point offsets, as brat
// counts. Since a brat annotation line may not hold a line break, a span
// that crosses one is written as fragments, "start end;start end", split
// at each \n or \r (which belong to no fragment), with the fragments'
// texts joined by a space in the text column, as brat does (a span of
// line breaks only stays one fragment, its breaks shown as spaces). The
// text column is everything after the line's second tab, as brat reads
// it, so a tab in the span's text is written as it is. Each
// set attribute is an A line, "A1<TAB>verdict T1 false"; so that a value
// stays one field, '%', whitespace and control characters in it are
// percent-encoded as UTF-8 bytes ("Xi Jinping" is written Xi%20Jinping).
// annotation.conf lists an enum attribute's values; brat has no free-text
// attributes, so text and url attributes are declared without values
// (tools reading .ann files get them; brat's own UI flags them).
// Authors, times and ids are not written.
//
// csv (.csv): a header row, then one span a row (RFC 4180, encoding/csv):
// article_id, title, start, end, label, text, attrs (a JSON object), author.
// The header alone when there is no span. A title, text, attrs or author
// cell that begins with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe (spreadsheets would run it as a formula); UnCell
// takes it off.
//
// claimreview (.jsonld): a JSON array of schema.org ClaimReview objects, one
// a line, for every CLAIM span whose verdict attribute is set and not
// "unverified": claimReviewed is the span text; reviewRating has the
// verdict as alternateName and a ratingValue on a 1 (worst) to 5 (best)
// scale: false 1, misleading 2, true 5 (another verdict gets no
// ratingValue); itemReviewed is a Claim whose appearance is the article
// (url as in w3c, headline its title); author is the annotation's author,
// datePublished the date (UTC) it was last updated, url its evidence
// attribute when set, and @id the annotation's IRI as in w3c.
//
// # Tokens and sentences
//
// spacy and conll share one tokenizer and sentence splitter, in
// tokenize.go, whose comment states the rules: whitespace is never a
// token; punctuation and quotes split off words; numbers like 2,000 and
// abbreviations like U.S. stay whole; grapheme clusters (emoji sequences,
// flags, combining marks) are never split; CJK characters and emoji are a
// token each. Sentences end at line breaks and at . ! ? followed by space
// and a capital or an opening quote.
//
// # Clean and split
//
// Options.Clean runs Clean on each document first: BOILERPLATE spans are
// cut out of the text and the other spans remapped, in every format.
// SplitPart and ParseSplit let a caller deal documents into train, dev and
// test files by a stable hash of a key.
package export
