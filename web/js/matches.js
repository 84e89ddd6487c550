// matches.js finds the other places where an annotation's text occurs, so
// that one click labels them all: boilerplate (teasers, "Similar News:",
// link lists) and repeated quotes come back word for word in scraped news.

import { snapToWords } from './selection.js';

/** MAX_MATCHES bounds how many places one click labels. */
export const MAX_MATCHES = 500;

/**
 * covers reports whether any of spans (code points) covers [start, end):
 * a place inside a span of the same label is labelled already (a
 * BOILERPLATE tail holds every "Read more »" in it), here and in the
 * server's label-text alike.
 */
export function covers(spans, start, end) {
  return spans.some((a) => a.start <= start && end <= a.end);
}

/**
 * sameTextSpans returns the code-point spans {start, end} where an's text
 * occurs again in text, in order, that no span of an's label covers yet.
 * When an starts and ends at word edges, so must the places (a label on
 * "Putin" does not go to "Putinism"). Places that overlap an, or the previous
 * place found, are skipped. map is text's OffsetMap; annotations are the
 * article's.
 */
export function sameTextSpans(text, map, an, annotations) {
  const { s16, e16, needle, wholeWords } = textOf(text, map, an);
  if (!needle.trim()) return [];
  const same = annotations.filter((a) => a.label === an.label);
  const out = [];
  for (let i = text.indexOf(needle); i >= 0 && out.length < MAX_MATCHES; ) {
    const j = i + needle.length;
    if (i < e16 && j > s16) {
      i = text.indexOf(needle, Math.max(i + 1, e16)); // an itself, or over it
    } else if (!wholeWords || sameSpan(snapToWords(text, i, j), i, j)) {
      const [start, end] = map.spanToCodePoints(i, j);
      if (!covers(same, start, end)) out.push({ start, end });
      i = text.indexOf(needle, j);
    } else {
      i = text.indexOf(needle, i + 1);
    }
  }
  return out;
}

/**
 * textOf is what an covers in text: its UTF-16 span, the text itself, and
 * whether it starts and ends at word edges (then its repeats must too,
 * here and in the server's label-text).
 */
export function textOf(text, map, an) {
  const [s16, e16] = map.spanToUTF16(an.start, an.end);
  return { s16, e16, needle: text.slice(s16, e16), wholeWords: sameSpan(snapToWords(text, s16, e16), s16, e16) };
}

function sameSpan([a, b], s, e) {
  return a === s && b === e;
}
