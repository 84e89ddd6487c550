// presence.js shows who else is on the article: their initials in the top
// bar (render.js draws those) and, faintly in each one's colour, the text
// they have selected. Selections are CSS Custom Highlights, one per person;
// their colours arrive at run time, so the ::highlight() rules go into a
// constructed style sheet with insertRule (allowed by the page's CSP, and
// nothing but validated colours reaches it).
import { rgb } from './highlight.js';

const PREFIX = 'gloss-peer-';
const hex = /^#[0-9a-fA-F]{6}$/;

/** safeColor returns color when it is "#rrggbb", else a neutral grey. */
export function safeColor(color) {
  return hex.test(color || '') ? color : '#64748b';
}

// palette and colorOf are server/live's ColorOf: a user's colour is the
// same in presence, which the server sends, and beside their annotations,
// which carry only the author's name.
const palette = ['#e11d48', '#7c3aed', '#0e7490', '#4d7c0f', '#c2410c', '#be185d', '#4f46e5', '#0f766e'];
const utf8 = new TextEncoder();

/** colorOf returns the colour of a user name: FNV-1a over its UTF-8 bytes. */
export function colorOf(name) {
  let x = 2166136261;
  for (const b of utf8.encode(String(name))) x = Math.imul(x ^ b, 16777619) >>> 0;
  return palette[x % palette.length];
}

/**
 * initials returns one or two letters for a name: the first letters of its
 * first two words ("Ana María" → "AM", "ben.k" → "BK"), or its first
 * letter.
 */
export function initials(name) {
  const words = String(name || '?')
    .split(/[\s._@-]+/u)
    .filter(Boolean);
  const first = (w) => Array.from(w)[0].toLocaleUpperCase();
  if (words.length >= 2) return first(words[0]) + first(words[1]);
  return words.length ? first(words[0]) : '?';
}

/**
 * people turns the server's presence list (one entry per open socket) into
 * one entry per person, you first, then the others by name; each keeps the
 * selections of all its sockets.
 */
export function people(users, you) {
  const byName = new Map();
  for (const u of users || []) {
    if (!u || !u.name) continue;
    let p = byName.get(u.name);
    if (!p) {
      p = { name: u.name, color: safeColor(u.color), you: !!you && u.name === you.name, selections: [] };
      byName.set(u.name, p);
    }
    if (u.selection && u.selection.end > u.selection.start) p.selections.push(u.selection);
  }
  return [...byName.values()].sort((a, b) => (a.you === b.you ? a.name.localeCompare(b.name) : a.you ? -1 : 1));
}

export class PeerHighlighter {
  constructor() {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.sheet = null;
    this.slots = new Map(); // name and colour -> slot index with a rule
    this.names = new Set(); // highlight names set in CSS.highlights
    if (this.supported && typeof CSSStyleSheet !== 'undefined' && 'adoptedStyleSheets' in document) {
      this.sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    }
  }

  // slot returns the index of a person's highlight, adding its rule the
  // first time the person is seen.
  slot(name, color) {
    const key = `${name}\u0000${color}`;
    let i = this.slots.get(key);
    if (i === undefined) {
      i = this.slots.size;
      this.slots.set(key, i);
      if (this.sheet) {
        this.sheet.insertRule(`::highlight(${PREFIX}${i}){background-color:rgb(${rgb(color)}/.2);text-decoration:underline dotted 2px rgb(${rgb(color)}/.75);text-underline-offset:4px}`, this.sheet.cssRules.length);
      }
    }
    return i;
  }

  /**
   * paint shows the selections of the people (from people()) other than
   * you over view; one Highlight per person, below the annotations'.
   */
  paint(view, persons) {
    if (!this.supported) return;
    const want = new Map();
    if (view) {
      const n = view.map ? view.map.lengthCP : null;
      for (const p of persons) {
        if (p.you) continue;
        for (const s of p.selections) {
          const start = Math.max(0, s.start);
          const end = n === null ? s.end : Math.min(n, s.end);
          if (end <= start) continue;
          const name = PREFIX + this.slot(p.name, p.color);
          if (!want.has(name)) want.set(name, []);
          want.get(name).push(view.staticRange(start, end));
        }
      }
    }
    for (const name of this.names) if (!want.has(name)) CSS.highlights.delete(name);
    this.names = new Set(want.keys());
    for (const [name, ranges] of want) {
      const h = new Highlight(...ranges);
      h.priority = -1;
      CSS.highlights.set(name, h);
    }
  }
}
