// highlight.js paints annotations with the CSS Custom Highlight API: no
// element per span, so thousands of spans paint at close to plain-text
// speed and the text's DOM never changes.
//
// One Highlight per (label, nesting level). Each level has its own
// underline offset and a higher priority than the level below it, so the
// underlines of nested and overlapping spans stack instead of hiding each
// other, and a translucent background per label shows the extent of each.

// Levels beyond the last share its style; three lines under a word is
// already a lot to read.
export const MAX_LEVEL = 3;
const PREFIX = 'gloss-';

const hex = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/;

/** rgb turns "#rrggbb" into "r g b"; anything else becomes a neutral grey. */
export function rgb(color) {
  const m = hex.exec(color || '');
  if (!m) return '100 116 139';
  return [m[1], m[2], m[3]].map((h) => parseInt(h, 16)).join(' ');
}

/** luminance is the relative luminance of "r g b" (WCAG 2). */
export function luminance(c) {
  const [r, g, b] = c.split(' ').map((x) => {
    const v = Number(x) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * mix takes "r g b" a fraction f of the way to "r g b" to, e.g. to white
 * for a line that has to show on a dark page.
 */
export function mix(c, to, f) {
  const a = c.split(' ').map(Number);
  const b = to.split(' ').map(Number);
  return a.map((x, i) => Math.round(x + (b[i] - x) * f)).join(' ');
}

/** contrast is the WCAG 2 contrast ratio of two "r g b" colours. */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * reach returns "r g b" moved toward to (black or white) in steps of 5%
 * until it has ratio:1 against bg. A label's colour is whatever the
 * project chose (#00ff00 included), and has to show on the page.
 */
export function reach(c, to, bg, ratio) {
  for (let f = 0; f < 1; f += 0.05) {
    const d = mix(c, to, f);
    if (contrast(d, bg) >= ratio) return d;
  }
  return to;
}

/**
 * onWhite is the shade of a label colour that a tag with white text takes
 * (4.5:1).
 */
export function onWhite(c) {
  return reach(c, '0 0 0', '255 255 255', 4.5);
}

// The pages' backgrounds (gloss.css's --bg, light and dark): the
// underlines keep 3:1 against them, as WCAG asks of the graphics that
// tell things apart.
export const PAGE_LIGHT = '246 245 241';
export const PAGE_DARK = '22 24 28';

/** lineLight and lineDark are a label colour's underline in each mode. */
export function lineLight(c) {
  return reach(c, '0 0 0', PAGE_LIGHT, 3);
}
export function lineDark(c) {
  return reach(mix(c, '255 255 255', 0.35), '255 255 255', PAGE_DARK, 3);
}

/**
 * assignLevels gives each span {start, end, label?} a nesting level by
 * greedy interval colouring: in reading order (start ascending, longer
 * first), each span takes the lowest level that no span overlapping it
 * holds, so an outer span gets 0 and the spans inside it 1, 2, ... A span
 * that starts where one of the same label ends counts as overlapping it:
 * on one level their tint and underline would run on as one span, on two
 * the underline steps where one ends and the next begins. Returns the
 * levels in the order of spans.
 */
export function assignLevels(spans) {
  const cmp = (a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end;
  const order = spans.map((_, i) => i);
  // The store hands spans over in reading order already: sort only if not.
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) sorted = cmp(i - 1, i) <= 0;
  if (!sorted) order.sort(cmp);
  const ends = []; // ends[k]: where the span holding level k stops
  const labels = []; // labels[k]: that span's label
  const levels = new Array(spans.length);
  for (const i of order) {
    const s = spans[i];
    let k = 0;
    while (k < ends.length && (ends[k] > s.start || (ends[k] === s.start && s.label !== undefined && labels[k] === s.label))) k++;
    ends[k] = s.end;
    labels[k] = s.label;
    levels[i] = k;
  }
  return levels;
}

export class Highlighter {
  constructor() {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.style = document.createElement('style');
    this.style.dataset.gloss = 'highlights';
    document.head.appendChild(this.style);
    this.labels = [];
    this.view = null;
    this.ranges = new Map(); // annotation id -> {start, end, range} over this.view
    this.member = new Map(); // annotation id -> {name, range}: where it is painted
    this.groups = new Map(); // highlight name -> Highlight, registered in CSS.highlights
  }

  /**
   * setLabels installs the ::highlight rules for a label schema. Names are
   * built from indexes, never from label names, so that nothing from the
   * schema reaches CSS except validated colours.
   */
  setLabels(labels) {
    const key = labels.map((l) => l.name + l.color).join('|');
    if (key === this.labelsKey) return;
    this.labelsKey = key;
    this.labels = labels;
    // The underlines keep 3:1 against the page: a light label colour
    // (amber) goes darker in light mode; in dark mode every label colour
    // goes a third toward white (a dark blue line on a dark page is hardly
    // there). In dark mode the selection's yellow is fainter: over four
    // nested tints and the selection the light text keeps 4.5:1
    // (web/a11y_e2e_test.go measures it for the default labels in both
    // modes).
    const rules = [];
    const dark = [];
    labels.forEach((l, i) => {
      const c = rgb(l.color);
      const [ll, ld] = [lineLight(c), lineDark(c)];
      for (let lv = 0; lv <= MAX_LEVEL; lv++) {
        // Level 0 sits closest to the text; each deeper level 4px lower.
        rules.push(
          `::highlight(${PREFIX}${i}-${lv}){background-color:rgb(${c}/.13);` +
            `text-decoration:underline 2px rgb(${ll});text-underline-offset:${3 + lv * 4}px;` +
            `text-decoration-skip-ink:none}`,
        );
        dark.push(`::highlight(${PREFIX}${i}-${lv}){text-decoration-color:rgb(${ld})}`);
      }
      // The annotation under the mouse: its own extent, darker than the
      // tints of the spans it crosses (render-brackets.js).
      rules.push(`::highlight(${PREFIX}hover-${i}){background-color:rgb(${c}/.3)}`);
    });
    rules.push(
      `::highlight(${PREFIX}selected){background-color:rgb(250 204 21/.38)}`,
      `::highlight(${PREFIX}flash){background-color:rgb(250 204 21/.6)}`,
    );
    dark.push(
      `::highlight(${PREFIX}selected){background-color:rgb(250 204 21/.2)}`,
      `::highlight(${PREFIX}flash){background-color:rgb(250 204 21/.32)}`,
    );
    rules.push(`@media (prefers-color-scheme: dark){${dark.join('\n')}}`);
    this.style.textContent = rules.join('\n');
  }

  /** clear removes every highlight this painter set. */
  clear() {
    if (!this.supported) return;
    for (const name of this.groups.keys()) CSS.highlights.delete(name);
    CSS.highlights.delete(`${PREFIX}selected`);
    this.hover(null);
    this.groups.clear();
    this.member.clear();
    this.ranges.clear();
    this.view = null;
  }

  group(name, level) {
    let g = this.groups.get(name);
    if (!g) {
      g = new Highlight();
      g.priority = level;
      this.groups.set(name, g);
      CSS.highlights.set(name, g);
    }
    return g;
  }

  /**
   * paint shows annotations (objects with id, start, end, label; code
   * points) over view, and marks selectedId. Highlights persist between
   * calls and only the spans that appeared, moved, changed label or level,
   * or went away are added to or taken out of them: the browser then
   * repaints those alone, and adding one span to thousands takes a frame.
   */
  paint(view, annotations, selectedId) {
    if (!this.supported) return;
    if (view !== this.view) {
      this.clear();
      this.view = view;
    }
    const labelIndex = new Map(this.labels.map((l, i) => [l.name, i]));
    const spans = [];
    for (const a of annotations) {
      let c = this.ranges.get(a.id);
      if (!c || c.start !== a.start || c.end !== a.end) {
        c = { start: a.start, end: a.end, range: view.staticRange(a.start, a.end) };
        this.ranges.set(a.id, c);
      }
      spans.push({ id: a.id, start: a.start, end: a.end, label: a.label, range: c.range });
    }
    const levels = assignLevels(spans);
    const seen = new Set();
    let selected = null;
    spans.forEach((s, i) => {
      seen.add(s.id);
      if (s.id === selectedId) selected = s.range;
      const li = labelIndex.get(s.label) ?? -1;
      const level = Math.min(levels[i], MAX_LEVEL);
      const name = li < 0 ? null : `${PREFIX}${li}-${level}`; // a label the schema lost: not painted
      const m = this.member.get(s.id);
      if (m && m.name === name && m.range === s.range) return;
      if (m && m.name) this.groups.get(m.name).delete(m.range);
      if (name) this.group(name, level).add(s.range);
      this.member.set(s.id, { name, range: s.range });
    });
    for (const [id, m] of this.member) {
      if (seen.has(id)) continue;
      if (m.name) this.groups.get(m.name).delete(m.range);
      this.member.delete(id);
      this.ranges.delete(id);
    }
    const sel = `${PREFIX}selected`;
    if (selected) {
      const h = new Highlight(selected);
      h.priority = MAX_LEVEL + 1;
      CSS.highlights.set(sel, h);
    } else {
      CSS.highlights.delete(sel);
    }
  }

  /**
   * hover tints range (a StaticRange of the painted view) in the colour of
   * label, over the tints below it; null takes the tint away.
   */
  hover(range, label) {
    if (!this.supported) return;
    for (const name of this.hovered || []) CSS.highlights.delete(name);
    this.hovered = [];
    const li = this.labels.findIndex((l) => l.name === label);
    if (!range || li < 0) return;
    const name = `${PREFIX}hover-${li}`;
    const h = new Highlight(range);
    h.priority = MAX_LEVEL + 1;
    CSS.highlights.set(name, h);
    this.hovered.push(name);
  }

  /** flash briefly emphasises one range, e.g. after scrolling to it. */
  flash(range) {
    if (!this.supported) return;
    const h = new Highlight(range);
    h.priority = MAX_LEVEL + 2;
    CSS.highlights.set(`${PREFIX}flash`, h);
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => CSS.highlights.delete(`${PREFIX}flash`), 700);
  }
}
