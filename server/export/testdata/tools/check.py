"""Loads gloss exports the way Python tools read them and compares what
they read with what gloss meant.

    python3 check.py DIR [SCHEMA_ORG_CONTEXT]

DIR holds truth.json (the documents, spans and relations as gloss meant
them, written by tools_test.go) and the exports: doccano.jsonl, spacy.jsonl, conll.conll
and claimreview.jsonld. When truth.json says "layered", each span names its
layer, every check also compares the layer each format gives a span, and
there is no conll.conll (a CoNLL file holds one layer). SCHEMA_ORG_CONTEXT is a copy of the schema.org
JSON-LD context from an npm package (see package.json); without it the
JSON-LD checks report what is missing.

Prints one JSON object, {"checks": [...]}, each check with its name, the
tool it ran, "missing" (what to install when the tool is not there), "known_issue"
(a fault of the tool itself, not of the file, that keeps it from reading
the file as it is),
"errors" (each a mismatch between what the tool read and the truth),
counts and notes. Exits non-zero only when the script itself breaks.

Offsets: Python str indexing counts code points, which is what doccano
and spaCy mean by a character offset, so text[start:end] is exactly what
those tools take a span to cover.
"""

import json
import os
import sys


def main():
    d = sys.argv[1]
    ctx = sys.argv[2] if len(sys.argv) > 2 else ""
    with open(os.path.join(d, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    checks = [
        run("doccano", "doccano's JSONL import rules", check_doccano, d, truth),
        run("doccano-relations", "doccano's JSONL(Relation) import rules", check_doccano_relations, d, truth),
        run("doccano-auto-encoding", "doccano's Auto encoding guess, python3-chardet", check_doccano_encoding, d, truth),
        run("spacy", "spaCy/Prodigy span offsets, python3 str indexing", check_spacy, d, truth),
        run("claimreview-pyld", "PyLD expand, schema.org context", check_claimreview_pyld, d, truth, ctx),
        run("claimreview-rdflib", "rdflib JSON-LD parser + SPARQL, schema.org context", check_claimreview_rdflib, d, truth, ctx),
    ]
    if not truth.get("layered"):
        checks.insert(3, run("conll", "NLTK ConllCorpusReader + conlltags2tree", check_conll, d, truth))
    json.dump({"checks": checks}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


class Missing(Exception):
    """A tool the check needs is not installed; the message says what to install."""


def run(name, tool, fn, *args):
    out = {"name": name, "tool": tool, "missing": "", "known_issue": "", "errors": [], "notes": [],
           "files": 0, "docs": 0, "spans": 0}
    try:
        fn(out, *args)
    except Missing as e:
        out["missing"] = str(e)
    return out


def err(out, msg):
    if len(out["errors"]) < 50:
        out["errors"].append(msg)


def is_space(s):
    return s != "" and s.isspace()


def key(s):
    return (s["start"], s["end"], s["label"], s.get("layer", ""))


def truth_relations(doc, keep=lambda s: True):
    """The doc's relations as (type, key(start span), key(end span)),
    sorted; keep drops those with an end it refuses."""
    spans = {(s.get("layer", ""), s["id"]): s for s in doc["spans"]}
    out = []
    for r in doc["relations"]:
        a, b = spans[(r.get("layer", ""), r["from"])], spans[(r.get("layer", ""), r["to"])]
        if keep(a) and keep(b):
            out.append((r["type"], key(a), key(b)))
    return sorted(out)


def compare_relations(out, doc, got, want):
    """Compares relations as read, (type, key(start), key(end)), with the
    truth's, as multisets."""
    got = sorted(got)
    if got != want:
        missing = [r for r in want if r not in got]
        extra = [r for r in got if r not in want]
        err(out, f"doc {doc['id']}: relations differ: missing {missing}, unexpected {extra}")
    else:
        out["relations"] = out.get("relations", 0) + len(got)


# doccano


def check_doccano_encoding(out, d, truth):
    """Guesses doccano.jsonl's encoding as doccano's import does when its
    Encoding field is left at "Auto" (the default): chardet.detect on a
    file smaller than 8192 bytes; on a larger one the incremental detector,
    fed 8192 bytes at a time until it is sure, and UTF-8 if it never is.
    Anything but UTF-8 (or ASCII, its subset) garbles the text or fails the
    import. chardet is known to take UTF-8 with emoji for Windows-1254
    (chardet issue #148), which is reported as a known tool issue."""
    try:
        import chardet
    except ImportError:
        raise Missing("python3-chardet (apt-get install -y python3-chardet)")
    out["files"] = 1
    with open(os.path.join(d, "doccano.jsonl"), "rb") as f:
        raw = f.read()
    if len(raw) < 8192:
        enc = chardet.detect(raw).get("encoding") or "utf-8"
    else:
        det = chardet.UniversalDetector()
        for i in range(0, len(raw), 8192):
            det.feed(raw[i:i + 8192])
            if det.done:
                break
        enc = det.result["encoding"] if det.done and det.result["encoding"] else "utf-8"
    out["notes"].append(f"chardet {chardet.__version__} guesses {enc} for {len(raw)} bytes")
    if enc.lower().replace("-", "").replace("_", "") in ("utf8", "ascii"):
        return
    try:
        raw.decode(enc)
        what = "garbles every non-ASCII character"
    except UnicodeDecodeError as e:
        what = f"fails ({e.reason} at byte {e.start})"
    out["known_issue"] = (f"doccano's Auto encoding would read this UTF-8 file as {enc} (chardet {chardet.__version__}), "
                          f"which {what}; import it with Encoding set to utf_8")


def check_doccano(out, d, truth):
    """Reads doccano.jsonl as doccano's sequence-labeling import does, with
    its Encoding field set to utf_8: one JSON object a line, "text" the
    data, "label" a list of [start_offset, end_offset, label] whose entries
    must be non-negative ints with start < end and a non-empty label (one
    bad entry and doccano drops every label of that line), and every other
    key kept as metadata."""
    path = os.path.join(d, "doccano.jsonl")
    out["files"] = 1
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line.rstrip()) for line in f if line.rstrip()]
    docs = truth["docs"]
    if len(rows) != len(docs):
        err(out, f"{len(rows)} lines, want {len(docs)} documents")
    dropped = 0
    for row, doc in zip(rows, docs):
        out["docs"] += 1
        text = row.pop("text", None)
        if text != doc["text"]:
            err(out, f"doc {doc['id']}: text differs from the article's")
            continue
        # What a relation project reads; checked by check_doccano_relations.
        row.pop("entities", None)
        row.pop("relations", None)
        labels = row.pop("label", None)
        if not isinstance(labels, list):
            err(out, f"doc {doc['id']}: label is {type(labels).__name__}, want a list")
            continue
        # label_layers, parallel to label, is metadata to doccano.
        layers = row.get("label_layers", [""] * len(labels))
        if not (isinstance(layers, list) and len(layers) == len(labels) and all(isinstance(x, str) for x in layers)):
            err(out, f"doc {doc['id']}: label_layers {layers!r} does not name the layer of each of {len(labels)} labels")
            continue
        got = []
        for e, layer in zip(labels, layers):
            ok = (isinstance(e, list) and len(e) == 3
                  and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in e[:2])
                  and e[0] < e[1] and isinstance(e[2], str) and e[2] != "")
            if not ok:
                err(out, f"doc {doc['id']}: entry {e!r} fails doccano's SpanLabel rules: the whole line's labels would be dropped")
                continue
            got.append({"start": e[0], "end": e[1], "label": e[2], "layer": layer, "text": text[e[0]:e[1]]})
        compare_spans(out, doc, got, doc["spans"])
        # Metadata doccano keeps: everything but text and label.
        want_meta = {"id": doc["id"]}
        if truth.get("layered"):
            want_meta["label_layers"] = layers
        for k in ("title", "source", "url"):
            if doc.get(k):
                want_meta[k] = doc[k]
        if row != want_meta:
            err(out, f"doc {doc['id']}: metadata {row!r}, want {want_meta!r}")
        # doccano's SpanCleaner keeps overlapping spans only in a project
        # with "Allow overlapping entity" set; count what it would drop.
        last = -1
        for s in sorted(got, key=lambda s: s["start"]):
            if s["start"] >= last:
                last = s["end"]
            else:
                dropped += 1
    out["notes"].append(f"{dropped} overlapping spans are dropped by a doccano project without 'Allow overlapping entity'")


def check_doccano_relations(out, d, truth):
    """Reads doccano.jsonl as doccano's relation-extraction import
    ("JSONL(Relation)") does: "entities" as SpanLabel objects (an int id,
    non-negative int offsets with start < end, a non-empty label),
    "relations" as RelationLabel objects (int from_id and to_id naming
    entities of the line, since doccano looks each up by id and fails on
    one it lacks, and a non-empty type); every other key, "label" too, is
    metadata. A line with relations must carry entities, the same spans as
    its "label" in the same order (label_layers names their layers), and
    read back as the truth's relations; a line without relations has none
    (that upload reads no spans from it: noted)."""
    out["files"] = 1
    with open(os.path.join(d, "doccano.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    bare = 0
    for row, doc in zip(rows, truth["docs"]):
        out["docs"] += 1
        want = truth_relations(doc)
        if "relations" not in row:
            if want:
                err(out, f"doc {doc['id']}: no relations, want {len(want)}")
            if "entities" in row:
                err(out, f"doc {doc['id']}: entities without relations")
            bare += 1
            continue
        ents, rels = row.get("entities"), row["relations"]
        labels = row["label"]
        layers = row.get("label_layers", [""] * len(labels))
        if not isinstance(ents, list) or len(ents) != len(labels):
            err(out, f"doc {doc['id']}: {len(ents or [])} entities for {len(labels)} labels")
            continue
        byid = {}
        for i, e in enumerate(ents):
            ok = (isinstance(e, dict) and isinstance(e.get("id"), int) and not isinstance(e.get("id"), bool)
                  and all(isinstance(e.get(k), int) and e[k] >= 0 for k in ("start_offset", "end_offset"))
                  and e["start_offset"] < e["end_offset"] and isinstance(e.get("label"), str) and e["label"] != "")
            if not ok:
                err(out, f"doc {doc['id']}: entity {e!r} fails doccano's SpanLabel rules")
                continue
            if [e["start_offset"], e["end_offset"], e["label"]] != labels[i]:
                err(out, f"doc {doc['id']}: entity {i} {e!r} is not label {labels[i]!r}")
            if e["id"] in byid:
                err(out, f"doc {doc['id']}: entity id {e['id']} twice")
            byid[e["id"]] = {"start": e["start_offset"], "end": e["end_offset"], "label": e["label"], "layer": layers[i]}
            out["spans"] += 1
        got = []
        for r in rels:
            ok = (isinstance(r, dict) and all(isinstance(r.get(k), int) and not isinstance(r.get(k), bool) for k in ("from_id", "to_id"))
                  and isinstance(r.get("type"), str) and r["type"] != "")
            if not ok:
                err(out, f"doc {doc['id']}: relation {r!r} fails doccano's RelationLabel rules")
                continue
            if r["from_id"] not in byid or r["to_id"] not in byid:
                err(out, f"doc {doc['id']}: relation {r!r} names an entity the line lacks (doccano's import fails on it)")
                continue
            got.append((r["type"], key(byid[r["from_id"]]), key(byid[r["to_id"]])))
        compare_relations(out, doc, got, want)
    if bare:
        out["notes"].append(f"{bare} lines without relations carry no entities: a relation upload reads no spans from them")
    out["notes"].append(f"{out.get('relations', 0)} relations read back as meant")


def compare_spans(out, doc, got, want):
    """Compares spans as read (start, end, label, text) with the truth, as
    multisets, and checks each read span's text against the truth's."""
    gk = sorted(key(s) for s in got)
    wk = sorted(key(s) for s in want)
    if gk != wk:
        missing = [k for k in wk if k not in gk]
        extra = [k for k in gk if k not in wk]
        err(out, f"doc {doc['id']}: spans differ: missing {missing}, unexpected {extra}")
    texts = {key(s): s["text"] for s in want}
    for s in got:
        w = texts.get(key(s))
        if w is not None and s["text"] != w:
            err(out, f"doc {doc['id']}: {s['label']} [{s['start']},{s['end']}) reads {s['text']!r}, want {w!r}")
        elif w is not None:
            out["spans"] += 1


# spaCy


def check_spacy(out, d, truth):
    """Checks spacy.jsonl the way a spaCy or Prodigy user reads it:
    text[start:end] is the span (doc.char_span counts characters as Python
    does); each token's text is text[start:end] of its offsets, ids count
    from 0, tokens do not overlap, hold no whitespace and cover every
    non-space character; ws says whether whitespace follows; a span's
    token_start..token_end (inclusive) are exactly the tokens it overlaps;
    spans over whitespace only are left out."""
    path = os.path.join(d, "spacy.jsonl")
    out["files"] = 1
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    docs = truth["docs"]
    if len(rows) != len(docs):
        err(out, f"{len(rows)} lines, want {len(docs)} documents")
    for row, doc in zip(rows, docs):
        out["docs"] += 1
        text = row["text"]
        if text != doc["text"]:
            err(out, f"doc {doc['id']}: text differs from the article's")
            continue
        if row.get("meta", {}).get("id") != doc["id"]:
            err(out, f"doc {doc['id']}: meta.id is {row.get('meta', {}).get('id')!r}")
        toks = row["tokens"]
        check_tokens(out, doc, text, toks)
        want = [s for s in doc["spans"] if not is_space(s["text"])]
        got = []
        for s in row["spans"]:
            got.append({"start": s["start"], "end": s["end"], "label": s["label"], "layer": s.get("layer", ""),
                        "text": text[s["start"]:s["end"]]})
            over = [t["id"] for t in toks if t["start"] < s["end"] and t["end"] > s["start"]]
            if not over or (s["token_start"], s["token_end"]) != (over[0], over[-1]):
                err(out, f"doc {doc['id']}: {s['label']} [{s['start']},{s['end']}) points at tokens "
                         f"{s['token_start']}..{s['token_end']}, it overlaps {over[:1]}..{over[-1:]}")
        compare_spans(out, doc, got, want)
        check_spacy_relations(out, doc, row, toks)
        left = len(doc["spans"]) - len(want)
        if left:
            out["notes"].append(f"doc {doc['id']}: {left} whitespace-only spans left out, as doc.go says")


def check_spacy_relations(out, doc, row, toks):
    """Reads "relations" as Prodigy's rel recipes write them and as
    explosion's rel_component tutorial (parse_data.py) reads them: head and
    child are the last tokens of the start and end spans, head_span and
    child_span those spans, which must be spans of the line (with the
    relation's layer). Relations whose ends are whitespace-only spans,
    which spacy.jsonl leaves out, are left out too. Where head or child is
    the last token of more than one span of the line, the token alone (all
    that parse_data.py reads) does not name the span: noted."""
    rels = row.get("relations", [])
    if not doc["relations"] and "relations" in row:
        err(out, f"doc {doc['id']}: relations key without relations")
    spans = {(s["start"], s["end"], s["token_start"], s["token_end"], s["label"], s.get("layer", "")): s for s in row["spans"]}
    ends = {}
    for s in row["spans"]:
        ends.setdefault((s.get("layer", ""), s["token_end"]), []).append(s)
    got, ambiguous = [], 0
    for r in rels:
        layer = r.get("layer", "")
        hs, cs = r["head_span"], r["child_span"]
        found = [spans.get((x["start"], x["end"], x["token_start"], x["token_end"], x["label"], layer)) for x in (hs, cs)]
        if None in found:
            err(out, f"doc {doc['id']}: relation {r!r}: head_span or child_span is no span of the line")
            continue
        if r["head"] != hs["token_end"] or r["child"] != cs["token_end"]:
            err(out, f"doc {doc['id']}: relation {r['label']}: head {r['head']}, child {r['child']} are not its spans' last tokens")
        if len(ends[(layer, r["head"])]) > 1 or len(ends[(layer, r["child"])]) > 1:
            ambiguous += 1
        got.append((r["label"], key(found[0]), key(found[1])))
    compare_relations(out, doc, got, truth_relations(doc, lambda s: not is_space(s["text"])))
    if ambiguous:
        out["notes"].append(f"doc {doc['id']}: {ambiguous} relations have a head or child token that ends more than one span; head_span/child_span tell them apart")


def check_tokens(out, doc, text, toks):
    covered = [False] * len(text)
    prev = 0
    for i, t in enumerate(toks):
        s, e = t["start"], t["end"]
        if t["id"] != i or s < prev or e <= s or text[s:e] != t["text"]:
            err(out, f"doc {doc['id']}: token {i} {t!r} is not text[{s}:{e}] in order")
            return
        if any(c.isspace() for c in t["text"]):
            err(out, f"doc {doc['id']}: token {i} {t['text']!r} holds whitespace")
        if t["ws"] != (e < len(text) and text[e].isspace()):
            err(out, f"doc {doc['id']}: token {i} {t['text']!r} has ws={t['ws']}")
        for j in range(s, e):
            covered[j] = True
        prev = e
    for j, c in enumerate(text):
        if not covered[j] and not c.isspace():
            err(out, f"doc {doc['id']}: character {j} {c!r} is in no token")
            return


# CoNLL


def check_conll(out, d, truth):
    """Reads conll.conll with NLTK's ConllCorpusReader, one reader per label
    column (that column read as the tag column), and decodes each
    sentence's IOB2 tags into chunks with nltk.chunk.conlltags2tree. The
    tokens must be spacy.jsonl's (the same tokenizer, checked against the
    text by the spacy check), and the chunks those the truth's spans make:
    each span tags the tokens it overlaps, B- on its first, I- on the rest;
    spans of one label that overlap merge; a chunk ends at a sentence end
    (NLTK reads an I- that opens a sentence as the start of a chunk)."""
    try:
        from nltk.chunk import conlltags2tree
        from nltk.corpus.reader import ConllCorpusReader
        from nltk.tree import Tree
    except ImportError:
        raise Missing("python3-nltk (apt-get install -y python3-nltk)")
    with open(os.path.join(d, "spacy.jsonl"), encoding="utf-8") as f:
        spacy = [json.loads(line) for line in f if line.strip()]
    labels = truth["columns"]
    out["files"] = 1
    chunks = {}
    sents = None
    for col, label in enumerate(labels):
        types = ["ignore"] * (len(labels) + 1)
        types[0] = "words"
        types[col + 1] = "pos"  # the reader's (word, tag) accessor
        reader = ConllCorpusReader(d, ["conll.conll"], tuple(types))
        tagged = list(reader.tagged_sents())
        if sents is None:
            sents = tagged
        # NLTK drops a -DOCSTART- row, leaving an empty sentence: that is
        # where each document starts.
        docs = split_docs(tagged)
        for di, doc_sents in enumerate(docs):
            pos = 0
            for sent in doc_sents:
                tree = conlltags2tree([(w, "", t) for w, t in sent], chunk_types=labels)
                i = pos
                for node in tree:
                    if isinstance(node, Tree):
                        n = len(node.leaves())
                        chunks.setdefault(di, []).append((node.label(), i, i + n))
                        i += n
                    else:
                        i += 1
                pos += len(sent)
    docs = split_docs(sents)
    if len(docs) != len(truth["docs"]):
        err(out, f"{len(docs)} documents (-DOCSTART-), want {len(truth['docs'])}")
        return
    for di, (doc_sents, doc, sp) in enumerate(zip(docs, truth["docs"], spacy)):
        out["docs"] += 1
        words = [w for s in doc_sents for w, _ in s]
        toks = sp["tokens"]
        if words != [t["text"] for t in toks]:
            err(out, f"doc {doc['id']}: NLTK reads {len(words)} tokens that are not spacy.jsonl's {len(toks)}")
            continue
        bounds = set()
        n = 0
        for s in doc_sents:
            n += len(s)
            bounds.add(n)
        want = expected_chunks(doc, toks, labels, bounds)
        got = sorted(chunks.get(di, []))
        if got != want:
            missing = [c for c in want if c not in got][:5]
            extra = [c for c in got if c not in want][:5]
            err(out, f"doc {doc['id']}: NLTK chunks differ: missing {missing}, unexpected {extra}")
            continue
        # Figures: spans that came back as one chunk of exactly their tokens.
        exact = 0
        for s in doc["spans"]:
            over = [t["id"] for t in toks if t["start"] < s["end"] and t["end"] > s["start"]]
            if over and (s["label"], over[0], over[-1] + 1) in got:
                exact += 1
        out["spans"] += exact
        out["notes"].append(f"doc {doc['id']}: {len(got)} chunks; {exact} of {len(doc['spans'])} spans are one chunk of "
                            "exactly their tokens (the others merge with a span of their label or cross a sentence end)")


def split_docs(sents):
    docs = []
    for s in sents:
        if not s:
            docs.append([])
        elif docs:
            docs[-1].append(s)
    return docs


def expected_chunks(doc, toks, labels, bounds):
    want = []
    for label in labels:
        inside = [False] * len(toks)
        begins = set()
        for s in doc["spans"]:
            if s["label"] != label:
                continue
            over = [t["id"] for t in toks if t["start"] < s["end"] and t["end"] > s["start"]]
            if not over:
                continue
            begins.add(over[0])
            for i in over:
                inside[i] = True
        start = None
        for i in range(len(toks) + 1):
            # A chunk ends before a B-, an O, a sentence end or the end.
            if start is not None and (i == len(toks) or not inside[i] or i in begins or i in bounds):
                want.append((label, start, i))
                start = None
            if i < len(toks) and inside[i] and start is None:
                start = i
    return sorted(want)


# ClaimReview


RATING = {"false": 1, "misleading": 2, "true": 5}
SDO = "http://schema.org/"
GLOSS = "https://github.com/gloss-dev/gloss#"


def expected_reviews(truth):
    base = truth["base_url"]
    want = {}
    for doc in truth["docs"]:
        page = doc.get("url") or None  # the article's own page, when it has one
        for s in doc["spans"]:
            attrs = s.get("attrs", {})
            v = attrs.get("verdict", "")
            if s["label"] != "CLAIM" or v in ("", "unverified"):
                continue
            # The fact-check page: review_url, else the claim in the editor.
            iri = attrs.get("review_url") or f"{base}/#/articles/{doc['id']}?annotation={s['id']}"
            want[iri] = {
                "claimReviewed": s["text"], "alternateName": v, "ratingValue": RATING.get(v),
                "url": iri, "appearance": page, "headline": doc["title"] if page else None,
                "citation": attrs.get("evidence") or None, "layer": s.get("layer") or None,
            }
    return want


def load_context(path):
    if not path or not os.path.exists(path):
        raise Missing("the schema.org context from @fedify/vocab-runtime: run server/export/testdata/tools/install.sh")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def compare_reviews(out, got, want):
    out["files"] = 1
    out["docs"] = len(want)
    for iri, w in want.items():
        g = got.get(iri)
        if g is None:
            err(out, f"{iri}: no ClaimReview node read")
            continue
        if g != w:
            err(out, f"{iri}: read {g!r}, want {w!r}")
        else:
            out["spans"] += 1
    for iri in got:
        if iri not in want:
            err(out, f"{iri}: a ClaimReview no CLAIM span with a verdict asks for")


def check_claimreview_pyld(out, d, truth, ctx_path):
    """Expands claimreview.jsonld with PyLD, serving the schema.org context
    from a local copy and refusing any other URL, and reads each
    ClaimReview back from the expanded graph by its full IRIs."""
    try:
        from pyld import jsonld
    except ImportError:
        raise Missing("python3-pyld (apt-get install -y python3-pyld)")
    ctx = load_context(ctx_path)

    def loader(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": ctx}
        raise jsonld.JsonLdError(f"no offline copy of {url}", "jsonld.LoadDocumentError", code="loading document failed")

    with open(os.path.join(d, "claimreview.jsonld"), encoding="utf-8") as f:
        data = json.load(f)
    expanded = jsonld.expand(data, {"documentLoader": loader})

    def one(node, prop, ns=SDO):
        vs = node.get(ns + prop, [])
        if len(vs) != 1:
            return None if not vs else ("several", len(vs))
        v = vs[0]
        return v.get("@id", v.get("@value", v))

    got = {}
    for n in expanded:
        if SDO + "ClaimReview" not in n.get("@type", []):
            continue
        rating = n[SDO + "reviewRating"][0]
        app = (n[SDO + "itemReviewed"][0].get(SDO + "appearance") or [None])[0]
        got[n["@id"]] = {
            "claimReviewed": one(n, "claimReviewed"), "alternateName": one(rating, "alternateName"),
            "ratingValue": one(rating, "ratingValue"), "url": one(n, "url"),
            "appearance": one(app, "url") if app else None, "headline": one(app, "headline") if app else None,
            "citation": one(n, "citation"), "layer": one(n, "layer", GLOSS),
        }
    compare_reviews(out, got, expected_reviews(truth))


def check_claimreview_rdflib(out, d, truth, ctx_path):
    """Parses claimreview.jsonld into an RDF graph with rdflib's JSON-LD
    parser and reads the reviews back with SPARQL. rdflib 6 has no
    document loader hook, so each object's "@context": "https://schema.org"
    is replaced with the local copy of that context before parsing (also
    in the list that adds the gloss prefix to a review with a layer)."""
    try:
        import rdflib
    except ImportError:
        raise Missing("python3-rdflib (apt-get install -y python3-rdflib)")
    ctx = load_context(ctx_path)["@context"]
    with open(os.path.join(d, "claimreview.jsonld"), encoding="utf-8") as f:
        data = json.load(f)
    with_layer = ["https://schema.org", {"gloss": GLOSS}]
    for o in data:
        if o.get("@context") == "https://schema.org":
            o["@context"] = ctx
        elif o.get("@context") == with_layer and truth.get("layered"):
            o["@context"] = [ctx, with_layer[1]]
        else:
            err(out, f"{o.get('@id')}: @context is {o.get('@context')!r}")
    g = rdflib.Graph()
    g.parse(data=json.dumps(data), format="json-ld")
    q = """PREFIX s: <http://schema.org/>
PREFIX gloss: <""" + GLOSS + """>
SELECT ?r ?text ?alt ?val ?url ?page ?headline ?cit ?layer WHERE {
  ?r a s:ClaimReview ; s:claimReviewed ?text ; s:reviewRating ?rating ; s:itemReviewed ?claim .
  ?rating a s:Rating ; s:alternateName ?alt .
  ?claim a s:Claim .
  OPTIONAL { ?claim s:appearance ?app . ?app s:url ?page ; s:headline ?headline }
  OPTIONAL { ?rating s:ratingValue ?val }
  OPTIONAL { ?r s:url ?url }
  OPTIONAL { ?r s:citation ?cit }
  OPTIONAL { ?r gloss:layer ?layer }
}"""
    got = {}
    opt = lambda x: str(x) if x is not None else None
    for r, text, alt, val, url, page, headline, cit, layer in g.query(q):
        if str(r) in got:
            err(out, f"{r}: several rows (a property holds more than one value)")
        got[str(r)] = {
            "claimReviewed": str(text), "alternateName": str(alt), "ratingValue": val.toPython() if val is not None else None,
            "url": opt(url), "appearance": opt(page), "headline": opt(headline), "citation": opt(cit),
            "layer": opt(layer),
        }
    compare_reviews(out, got, expected_reviews(truth))
    out["notes"].append(f"{len(g)} triples")


if __name__ == "__main__":
    main()
