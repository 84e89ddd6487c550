// dom.js builds elements. Strings always become text nodes: nothing in
// gloss ever assigns innerHTML, so article text and names from the server
// cannot turn into markup.

const PROPS = new Set(['hidden', 'disabled', 'checked', 'selected', 'value', 'multiple', 'required', 'open']);

/**
 * h creates an element. props: class, text, dataset {..}, style {..},
 * on {event: fn}, the boolean/value properties in PROPS, and any other key
 * as an attribute (null and false leave it out). children: nodes, strings,
 * numbers, arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') {
      for (const [p, sv] of Object.entries(v)) el.style.setProperty(p, sv);
    } else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** fill replaces el's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** swatch is a chip of colour (a label's); a colour that is not #rrggbb shows grey. */
export function swatch(color) {
  return h('span', { class: 'swatch', style: { '--c': /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#64748b' } });
}

/** safeHref returns url when it is an absolute http(s) URL, else null. */
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * truncate shortens s to at most n characters (code points), keeping its
 * start and its end with an ellipsis between. The cuts fall between words
 * where a space is near (a few characters lost rather than "Beijing
 * cal … "), and at the character in scripts written without spaces.
 */
export function truncate(s, n) {
  const cps = Array.from(s || '');
  if (cps.length <= n) return s || '';
  let head = Math.ceil((n - 1) * 0.6);
  let tail = n - 1 - head;
  const slack = Math.max(2, Math.floor(n / 5)); // how far a cut may move to reach a space
  const space = (c) => /\s/.test(c || '');
  if (!space(cps[head]) && !space(cps[head - 1])) {
    for (let i = head - 1; i >= head - slack && i > 0; i--) {
      if (space(cps[i])) {
        head = i;
        break;
      }
    }
  }
  const from = cps.length - tail;
  if (!space(cps[from]) && !space(cps[from - 1])) {
    for (let i = from + 1; i <= from + slack && i < cps.length; i++) {
      if (space(cps[i - 1])) {
        tail = cps.length - i;
        break;
      }
    }
  }
  return cps.slice(0, head).join('').trimEnd() + ' … ' + cps.slice(cps.length - tail).join('').trimStart();
}

/** oneLine collapses runs of whitespace (newlines included) to one space. */
export function oneLine(s) {
  return (s || '').replace(/\s+/g, ' ').trim();
}

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** formatDate shows an RFC 3339 or YYYY-MM-DD date, or the input as is. */
export function formatDate(s) {
  if (!s) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const [y, m, d] = s.split('-').map(Number);
    return dateFmt.format(new Date(y, m - 1, d));
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : dateFmt.format(new Date(t));
}
