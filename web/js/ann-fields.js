// ann-fields.js looks at an annotation as named fields, the way the
// server's history names them: 'start', 'end', 'label' and 'attrs.NAME'.
// Undo, the colleague notes and the history section all work field by
// field, since two people's changes to one annotation merge per field
// (an update's attrs is a merge patch). Pure: the node tests use it as is.

const BASE = ['start', 'end', 'label'];

/** norm is a field's value with "not set" (undefined, null, "") as null. */
export function norm(v) {
  return v === undefined || v === null || v === '' ? null : v;
}

/** valueOf returns field f of annotation a (null: not set, or no annotation). */
export function valueOf(a, f) {
  if (!a) return null;
  if (f.startsWith('attrs.')) return norm(a.attrs ? a.attrs[f.slice(6)] : undefined);
  return norm(a[f]);
}

/** fieldsOf lists the fields a has a value in, base fields first, then attributes by name. */
export function fieldsOf(a) {
  if (!a) return [];
  const attrs = Object.keys(a.attrs || {})
    .filter((k) => norm(a.attrs[k]) !== null)
    .sort()
    .map((k) => `attrs.${k}`);
  return [...BASE, ...attrs];
}

/** diff lists the fields whose values differ between a and b: [{field, old, new}]. */
export function diff(a, b) {
  const out = [];
  const seen = new Set();
  for (const f of [...fieldsOf(a), ...fieldsOf(b)]) {
    if (seen.has(f)) continue;
    seen.add(f);
    const o = valueOf(a, f);
    const n = valueOf(b, f);
    if (o !== n) out.push({ field: f, old: o, new: n });
  }
  return out;
}

/**
 * patchOf turns {field: value} into an update's body: start, end, label
 * as they are, attributes as a merge patch (null removes one).
 */
export function patchOf(values) {
  const p = {};
  for (const [f, v] of Object.entries(values)) {
    if (f.startsWith('attrs.')) {
      p.attrs = p.attrs || {};
      p.attrs[f.slice(6)] = norm(v);
    } else p[f] = v;
  }
  return p;
}

/** fieldsOfPatch lists the fields an update's body names. */
export function fieldsOfPatch(patch) {
  const out = BASE.filter((k) => k in patch);
  for (const k of Object.keys(patch.attrs || {})) out.push(`attrs.${k}`);
  return out;
}

/** mergeAttrs applies merge patch p to attrs as the server does: null or "" removes a key. */
export function mergeAttrs(attrs, p) {
  const out = { ...(attrs || {}) };
  for (const [k, v] of Object.entries(p || {})) {
    if (norm(v) === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** fieldName is what people call field f: "verdict" for attrs.verdict. */
export function fieldName(f) {
  return f.startsWith('attrs.') ? f.slice(6) : f;
}

/** showValue is a value for a note: "—" for not set. */
export function showValue(v) {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

/** names joins field names for a sentence: "verdict", "verdict and note", "a, b and c". */
export function names(fields) {
  const n = fields.map(fieldName);
  return n.length < 2 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}
