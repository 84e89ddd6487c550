// Package importer reads articles, and the annotations that come with
// them, from the files people bring: plain text, gloss's own jsonl export,
// doccano, Label Studio and W3C Web Annotation. Decoders are plain Go over
// an io.Reader, with no database: Decode streams, calling back once per
// article, so a file of any length is read in memory of one article.
//
// Offsets are Unicode code points of the article text, end exclusive, in
// every format (as the export package writes them). Every span is checked
// against its text: offsets out of range or start >= end are an EINVALID
// error naming the file and line, as is malformed JSON; Annotation.Text is
// always sliced from the text, never read from the file. Hostile input
// never panics (see FuzzDecode). A record over MaxRecordBytes is ETOOLARGE.
// JSON files may start with a UTF-8 byte order mark.
//
// Every Record has Article.Text, Length and Hash set, and a Title: when
// the file names none, the first non-empty line of the text, cut at a
// word boundary to 100 code points with "…" (Title). Where a format names
// no source, Source is the file name. Ids, versions and counts are zero.
//
// Relations (Record.Relations) link two of the record's annotations by
// index. A relation that names an annotation the record lacks, links one
// to itself, or has no type is an EINVALID error naming the file, line
// and relation. Whether the project's schema allows a relation (its type,
// the labels of its ends) is checked by whoever stores it
// (service.ImportFiles, before anything is stored).
//
// # Formats, and what each keeps
//
// txt: the whole file is one article. It must be UTF-8 ("FILE: not UTF-8
// text (invalid byte at offset N)" otherwise, N counted in the file's
// bytes). A leading byte order mark is dropped, and CRLF and lone CR line
// ends become LF, before any offset exists, so that texts from any
// platform hash and count alike. Title from the text, source the file name.
// No annotations. (JSON formats keep their text exactly as given: offsets
// in the file refer to it.)
//
// jsonl: gloss's own export, one article a line (see package export).
// Keeps everything but the ids and versions the store assigns: title,
// source, url, published, imported_at, status, meta, text, and each
// span's offsets, label, attrs, author, created_at and updated_at. Length,
// hash and span texts are recomputed. "relations" are read with their
// type, author and created_at; their "from" and "to" name annotations of
// the line by id within the relation's "layer" (none: gold), as an export
// of all layers may give one id in several layers.
//
// doccano: JSONL of {"text", "label": [[start, end, "LABEL"], ...]}; the
// older "labels" key and relation projects' "entities"
// ([{"id", "start_offset", "end_offset", "label"}]) are read too; a line
// with entities takes its spans from them, and a "label" beside them (as
// gloss's export writes both) must hold the same spans in the same order.
// "relations" ([{"from_id", "to_id", "type"}]) link entities of the line
// by id (ints in doccano; any JSON scalar here); relations without
// entities are an error. "title", "source", "url" and "published" fill
// those fields; "id" is dropped; the keys of a "meta" object and every
// other key go to Meta (but doccano's empty "Comments" and "relations"
// lists). Loses attributes, authors and times. Labels that are not spans
// (text classification) are an error.
//
// labelstudio: a JSON array of tasks (a single task object, or tasks one
// after another, are read too). data.text is the text; data.title, source,
// url and published fill those fields; data.meta's keys and any other data
// key go to Meta. The first entry of "annotations" is read, or of
// "predictions" when there are no annotations. Each "labels" result is a
// span (one per label it lists); "choices" and "textarea" results become
// attributes of the spans with the same region id, named by their
// from_name (several choices joined by ",", several texts by a newline);
// "relation" results of that annotation become relations, one per label
// in their "labels", from the span of the region from_id to that of to_id
// (a region with several labels: its first span), the other way with
// "direction":"left" ("bi" is read as "right"); a relation without a
// label has no gloss type and is skipped; one naming a region that is no
// labels result of the annotation is an error. Other result types are
// ignored. Author is completed_by when it is a
// name or a user object with an email, for spans and relations. Loses
// times, and authors in gloss's own export (which writes no completed_by).
//
// w3c: what gloss's w3c export writes: an AnnotationCollection with an
// embedded first AnnotationPage, an AnnotationPage, or a bare array of
// annotations. The annotation format has no place for the annotated text,
// so gloss's export embeds it (with title, source, url, published and
// meta, as gloss:text, gloss:title, ...) in the target source of each
// article's first annotation, and the importer requires it there: an
// annotation whose source names an article whose text the file did not
// carry earlier is an error, as are annotations of one article
// interleaved with another's. A span is where its TextPositionSelector
// says when that agrees with the TextQuoteSelector; otherwise the quote
// is searched for, with its prefix and suffix, then alone. The label is
// the first body with purpose "tagging" (or "classifying", or none); each
// body with "gloss:attr" is an attribute. Author is the creator's name
// (or nickname); created and modified are the times, to the second. An
// annotation with motivation "linking" is a relation: its type is its
// first tagging (or purpose-less) body, and its two targets (IRIs, or
// objects with an id) are the ids of annotations of the same article
// before it, the start first; creator and created as for spans. Keeps
// everything the jsonl import keeps but imported_at and status; articles
// without annotations are not in a w3c export at all.
//
// Export by package export, then import and export again gives the same
// bytes for jsonl, doccano, labelstudio and w3c once the fields a format
// loses are put back (see TestRoundTrip, which lists them); every one of
// them keeps each relation's type and ends, jsonl and w3c its author and
// time too.
package importer
