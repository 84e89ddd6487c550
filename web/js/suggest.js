// suggest.js offers values for a text attribute from the article itself:
// a QUOTE's speaker is usually marked nearby as a SPEAKER, and the same
// speaker is quoted more than once.

/** MAX_SUGGESTIONS bounds the list an attribute field offers. */
export const MAX_SUGGESTIONS = 12;

/**
 * suggestions returns values for the text attribute called name on
 * annotation an: first the texts of the article's annotations labelled
 * like the attribute (speaker → SPEAKER), nearest to an first; then the
 * values other annotations of an's label have for it, most used first.
 * Each value once, whitespace folded, never an's own current value.
 */
export function suggestions(an, name, annotations) {
  const label = name.toUpperCase();
  const near = annotations
    .filter((a) => a.label === label && a.id !== an.id && a.text)
    .map((a) => ({ v: a.text, d: a.end <= an.start ? an.start - a.end : a.start >= an.end ? a.start - an.end : 0 }))
    .sort((x, y) => x.d - y.d)
    .map((x) => x.v);
  const used = new Map();
  for (const a of annotations) {
    const v = a.id !== an.id && a.label === an.label && a.attrs ? a.attrs[name] : '';
    if (v) used.set(v, (used.get(v) || 0) + 1);
  }
  const often = [...used.entries()].sort((x, y) => y[1] - x[1]).map(([v]) => v);
  const out = [];
  const seen = new Set([fold(an.attrs && an.attrs[name])]);
  for (const v of [...near, ...often]) {
    const f = fold(v);
    if (!f || seen.has(f)) continue;
    seen.add(f);
    out.push(f);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

function fold(v) {
  return (v || '').replace(/\s+/g, ' ').trim();
}
