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
// span before the spans inside it), then label, then layer (see Layers),
// then id.
//
// Attributes: an empty value means "unset" and is written by no format
// but jsonl and csv, which copy the map as it is. Where attributes are
// listed one by one, those the label declares come in schema order, then
// any others by name.
//
// # Layers
//
// In a project of independent annotators each annotator has a layer of
// each article, beside the gold (adjudicated) layer. Annotation.Layer
// says which layer a span came from: the application leaves it "" on every
// span of a gold-only export, which every format writes exactly as before
// projects had layers, and sets it on every span of an export of all
// layers or of one annotator's: "gold" (model.Gold) for the gold layer's
// spans, else the annotator's user name. A document of an export of all
// layers holds the spans of every layer, so one text span may come several
// times, once per layer. Every format but conll says which layer each span
// came from, as its section below tells; where layers are ordered, the
// gold layer comes first, then the annotators' by name. A span whose Layer
// is "" among spans that have one counts as the gold layer's where a format
// lists or groups layers (doccano, labelstudio, conll, csv), and goes
// without a layer where a format names each span's.
//
// # Relations
//
// A relation (model.Relation) links two annotations of one layer: its
// type (said_by, supported_by, … as the project's schema declares them)
// goes from its start span to its end span. Doc.Relations name their ends
// by annotation id within the relation's layer (an id may come once per
// layer in an export of all layers). A relation is written only when both
// its ends are: one whose end a filter took out of the export (labels,
// authors, attributes, a selection of annotations), or Clean cut, or a
// format left out (spacy's spans over whitespace), is left out too. In
// every format that holds them, relations come after the spans, ordered
// by the export order of their start span, then of their end span, then
// by type and id; each belongs to the layer of its ends, which the
// formats that name layers say as they do for spans. A document without
// relations is written exactly as before relations existed. conll, csv
// and claimreview have no place for a relation and write none.
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
// With layers, each annotation has "layer" after its id:
// {"id":101,"layer":"ana","start":123,…}.
//
// "relations", after "annotations" and only when the article has some,
// lists them as the API does, but for the article id: "from" and "to" are
// ids of the line's annotations (of the relation's layer, named after its
// id in a layered export, as on annotations):
//
//	"relations":[{"id":151,"type":"said_by","from":107,"to":109,"author":"li.wei",
//	  "created_at":"…","version":14}]
//
// doccano (.jsonl): doccano's sequence-labeling JSONL. doccano reads "text"
// and "label" and keeps any other key as metadata; gloss adds the article
// id, and title, source and url when set:
//
//	{"id":1,"text":"…","label":[[123,194,"CLAIM"],…],"title":"…","source":"…","url":"…"}
//
// doccano's [start, end, label] triples have no room for a layer: with
// layers, "label_layers" follows "label" and names the layer of each of
// its triples, in the same order, and doccano keeps it as metadata:
//
//	"label":[[123,194,"CLAIM"],[123,194,"CLAIM"],[309,331,"SPEAKER"]],"label_layers":["gold","ana","ana"]
//
// An article with relations also gets what doccano's relation projects
// read ("JSONL(Relation)" import): "entities", the spans of "label" again
// as objects whose id is their index in "label" (so label_layers names
// their layers too), and "relations" between those ids, each with the
// gloss relation id:
//
//	"entities":[{"id":0,"start_offset":123,"end_offset":194,"label":"CLAIM"},…],
//	"relations":[{"id":151,"from_id":6,"to_id":8,"type":"said_by"}]
//
// "label" stays, so that every line loads in a sequence-labeling project
// too (which keeps entities and relations as metadata); a relation upload
// keeps "label" as metadata instead, and reads no spans from a line
// without relations, which has no "entities". doccano drops overlapping
// entities unless the project allows them, and a relation with them, so
// turn "Allow overlapping entity" on.
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
// With layers, the task has one annotation per layer that has spans in the
// article, the gold layer first, then the annotators' by name, each
// holding the results of its own spans, and each says whose it is:
// "ground_truth" is true on the gold layer's and false on the others'
// (written out, since Label Studio's import takes a missing ground_truth
// for true), and "meta":{"layer":"ana"} names the layer. Label Studio
// keeps who made an annotation only as one of its own users (completed_by:
// a user id, or the email of a member on import), which gloss cannot know,
// so the layer goes in a key that Label Studio's import ignores (it gives
// the annotations to whoever imports them) and other readers can use. A
// layer without spans in the article has no annotation. Region ids stay
// unique in a task: should an id come twice, the later region's gets
// "-2", "-3", ….
//
//	"annotations":[{"ground_truth":true,"meta":{"layer":"gold"},"result":[…]},
//	               {"ground_truth":false,"meta":{"layer":"ana"},"result":[…]}]
//
// Each relation is a "relation" result after the spans' in the
// annotation of its layer, between the region ids of its ends, with its
// type as its one label, as the Label Studio editor saves a relation drawn
// with a <Relations> label:
//
//	{"from_id":"107","to_id":"109","type":"relation","direction":"right","labels":["said_by"]}
//
// A labeling config that shows all of it names the text "text", the
// labels control "label", one per-region Choices or TextArea per
// attribute (perRegion="true"), and the relation types as Relation
// labels, e.g.
//
//	<View><Relations><Relation value="said_by"/><Relation value="supported_by"/></Relations>
//	<Labels name="label" toName="text"><Label value="CLAIM"/>…</Labels><Text name="text" value="$text"/>
//	<Choices name="verdict" toName="text" perRegion="true"><Choice value="true"/>…</Choices>
//	<TextArea name="speaker" toName="text" perRegion="true"/></View>
//
// spacy (.jsonl): the spaCy/Prodigy span shape, one article a line. Tokens
// come from the tokenizer described below, offsets in code points;
// token_end is inclusive, as Prodigy writes it. A span whose edges fall
// inside a token keeps its exact start and end and points at the tokens
// that overlap it; a span over whitespace only (no token) is left out.
// Attributes, authors and times are not written. With layers, each span
// has "layer" last, a key Prodigy keeps:
// {"start":123,"end":194,"label":"CLAIM","token_start":21,"token_end":31,"layer":"ana"}.
//
//	{"text":"…","tokens":[{"text":"Chinese","start":0,"end":7,"id":0,"ws":true},…],
//	 "spans":[{"start":123,"end":194,"label":"CLAIM","token_start":21,"token_end":31}],
//	 "meta":{"id":1,"title":"…","source":"…","url":"…"}}
//
// Relations, when the article has some, are "relations" after "spans", as
// Prodigy's rel recipes write them: "head" and "child" are the last tokens
// of the start and end spans (Prodigy's token addressing), "head_span" and
// "child_span" those spans (start, end, token_start, token_end, label),
// which tell nested spans apart when their last tokens are the same; with
// layers, "layer" comes last:
//
//	"relations":[{"head":223,"child":239,"head_span":{"start":1189,"end":1311,"token_start":203,
//	  "token_end":223,"label":"QUOTE"},"child_span":{"start":1404,"end":1415,"token_start":238,"token_end":239,
//	  "label":"SPEAKER"},"label":"said_by"}]
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
// A conll file holds one layer, since a tag column cannot say whose a span
// is (the spans of two annotators would read as one's, and one label's
// would merge). An export of the gold layer or of one annotator's is
// written as above, without the layer's name; the first span of another
// layer than the spans before it fails Encode with EINVALID, naming both.
// OneLayer lets an application refuse such an export before it starts.
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
// With layers, each annotation names its layer in "gloss:layer", after
// "modified" (the gloss prefix declares it, as it does the other gloss
// terms); creator stays the annotation's author:
// {…,"creator":{"type":"Person","name":"ana"},"created":"…","modified":"…","gloss:layer":"ana","body":[…],…}.
//
// Each relation is a linking annotation after the article's annotations
// (motivation "linking", as Recogito writes relations): its id is
// BaseURL/articles/ID/relations/RID (urn:gloss:relation:RID), its body
// the relation type as a tagging TextualBody, its targets the IRIs of its
// start and end annotations, in that order; creator and created are the
// relation's, and gloss:layer its layer. JSON keeps the targets' order; a
// JSON-LD processor turns them into two oa:hasTarget values, which RDF
// does not order, so there the direction is lost:
//
//	{"id":"http://127.0.0.1:8080/articles/1/relations/151","type":"Annotation","motivation":"linking",
//	 "creator":{"type":"Person","name":"li.wei"},"created":"…",
//	 "body":[{"type":"TextualBody","purpose":"tagging","value":"said_by"}],
//	 "target":["http://127.0.0.1:8080/articles/1/annotations/107","http://127.0.0.1:8080/articles/1/annotations/109"]}
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
// Authors, times and ids are not written. With layers, each span's T line
// and its A lines are followed by an AnnotatorNotes line, which brat shows
// with the span: "#1<TAB>AnnotatorNotes T1<TAB>layer: ana" (numbered on,
// one per span). Relations follow the spans as R lines,
// "R1<TAB>said_by Arg1:T7 Arg2:T9" (a relation's layer is its arguments',
// so it gets no note). annotation.conf declares under [relations] the
// schema's relation types, "said_by<TAB>Arg1:QUOTE, Arg2:SPEAKER", then any
// other type met, and widens a type's arguments to the labels its
// relations link, since brat refuses a relation its configuration does
// not allow.
//
// csv (.csv): a header row, then one span a row (RFC 4180, encoding/csv):
// article_id, title, start, end, label, text, attrs (a JSON object),
// author, layer. The layer column is in every csv export: the span's
// layer, "gold" in a gold-only export. The header alone when there is no
// span. A title, text, attrs, author or layer cell that begins with =, +,
// -, @, a tab or a carriage return gets a leading apostrophe (spreadsheets
// would run it as a formula); UnCell takes it off.
//
// claimreview (.jsonld): a JSON array of schema.org ClaimReview objects, one
// a line, for every CLAIM span whose verdict attribute is set and not
// "unverified", in the shape schema.org and Google's fact-check markup
// read: url (and @id) is the fact-check page itself: the claim's
// review_url attribute, else the project's claimreview url_template with
// {article} and {annotation} filled in, else the claim in this gloss's
// editor (BaseURL/#/articles/ID?annotation=AID); claimReviewed is the
// span text; reviewRating has the verdict as alternateName and a
// ratingValue on a 1 (worst) to 5 (best) scale: false 1, misleading 2,
// true 5 (another verdict gets no ratingValue); itemReviewed is a Claim
// with the article's published date and, when the article has a URL, an
// appearance: the article's own page (url, headline its title); citation
// lists the evidence attribute; author is the project's publisher (an
// Organization, with its URL) when the project names one, else the
// annotation's author (a Person); datePublished is the date (UTC) the
// claim was last updated. With layers (one claim may then be reviewed in
// several layers, by its annotators and in the adjudicated gold layer),
// each ClaimReview names its layer in "gloss:layer", after author, which
// schema.org has no term for; its @context is then
// ["https://schema.org",{"gloss":GlossNS}], so that JSON-LD processors
// keep the term.
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
// cut out of the text and the other spans remapped, in every format. An
// article has one text for all its layers, so with layers Clean cuts what
// any layer marks BOILERPLATE, from the spans of every layer.
// SplitPart and ParseSplit let a caller deal documents into train, dev and
// test files by a stable hash of a key.
package export
