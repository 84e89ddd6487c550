// render-relations.js shows the open article's relations (relations.js)
// and runs the linking mode.
//
// Drawing (Renderer's methods, see render.js): for the selected
// annotation, the other end of each of its links is tinted and an arc
// (one line) or a curved connector (lines apart) goes from the link's
// start to its end, in an SVG layer over the text that is redrawn as the
// page scrolls or resizes; the popover lists the links ("said by → Wang
// Wenbin", with ×) and offers "Link… (r)"; the side list counts each
// span's links. While linking, a bar at the bottom says what to choose,
// the spans that may be chosen are tinted and the one Enter takes is
// marked, with a dashed line from the start to it.
//
// Linking (bindRelations, wired by main.js): r (or Link…) with an
// annotation selected starts it; a click on a target, or Tab / arrows and
// Enter, chooses; when several relation types fit, a small menu asks
// which; Esc cancels. The link goes to History (relations.js): live,
// undoable.
import { h, fill, truncate, oneLine, swatch } from './dom.js';
import { mayChange, whyNot } from './perm.js';
import {
  relationTypes,
  typesFrom,
  typesTouching,
  targetsFor,
  fitting,
  nearest,
  stepTarget,
  relationsOf,
  linkingPrompt,
  describeLink,
  typeName,
  orWords,
  whyNotLink,
} from './relations.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

/** linkIcon is a small chain-link glyph (an inline SVG). */
export function linkIcon() {
  return svg(
    'svg',
    { class: 'link-icon', viewBox: '0 0 24 24', width: 12, height: 12, 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: 'M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71' }),
    svg('path', { d: 'M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71' }),
  );
}

/** linkBadge is the side list's count of a span's links (null for none). */
export function linkBadge(n) {
  if (!n) return null;
  const t = `${n} link${n === 1 ? '' : 's'}: select it to see ${n === 1 ? 'it' : 'them'}`;
  return h('span', { class: 'rel-count', title: t, 'aria-label': t }, linkIcon(), String(n));
}

const HL = {
  end: 'gloss-rel-end', // the other ends of the selected annotation's links
  hot: 'gloss-rel-hot', // both ends of the link hovered in the popover
  target: 'gloss-link-target', // what may be chosen while linking
  cand: 'gloss-link-cand', // what Enter would choose
};

// quoted is a span's text, shortened, in quotation marks (its own, when
// it has them: a QUOTE usually does).
function quoted(text, n) {
  const t = oneLine(text).replace(/^["“”„«»‘’‚‹›「」]+|["“”„«»‘’‚‹›「」]+$/gu, '');
  return `“${truncate(t, n)}”`;
}

/** relationMethods are Renderer's methods for relations; render.js adds them to the class. */
export const relationMethods = {
  /** relations draws the links, the linking bar and the type menu (after the highlights). */
  relations(s) {
    const linking = s.article && this.view ? s.linking : null;
    document.body.classList.toggle('linking', !!linking);
    this.linkBar(s, linking);
    if (this.changed('rel-hl', [this.view, s.relRev, s.annRev, s.selectedId, linking, s.relHover, s.hidden, s.hiddenAuthors])) this.relHighlights(s, linking);
    this.drawArcs();
    this.linkMenu(s, linking);
    this.hotRow(s);
  },

  // relHighlights paints the linked ends and, while linking, the targets.
  relHighlights(s, linking) {
    if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined') return;
    const sets = { end: [], hot: [], target: [], cand: [] };
    const view = this.view;
    const an = (id) => this.store.annotation(id);
    const shown = new Set(view ? this.store.shown().map((a) => a.id) : []);
    const range = (a) => view.staticRange(a.start, a.end);
    if (view && linking) {
      const from = an(linking.from);
      if (from) {
        for (const t of targetsFor(relationTypes(s), from, this.store.shown(), s.relations)) {
          sets[t.annotation.id === linking.cand ? 'cand' : 'target'].push(range(t.annotation));
        }
      }
    } else if (view && s.selectedId != null) {
      for (const r of relationsOf(s.relations, s.selectedId, an)) {
        const other = an(r.from === s.selectedId ? r.to : r.from);
        if (!other || !shown.has(other.id)) continue;
        if (r.id === s.relHover) {
          sets.hot.push(range(other), range(an(s.selectedId)));
        } else sets.end.push(range(other));
      }
    }
    for (const [k, name] of Object.entries(HL)) {
      if (!sets[k].length) {
        CSS.highlights.delete(name);
        continue;
      }
      const hl = new Highlight(...sets[k]);
      hl.priority = k === 'cand' || k === 'hot' ? 7 : 6;
      CSS.highlights.set(name, hl);
    }
  },

  // arcsFor lists what to draw: [{id, from, to, type, preview, hot}].
  arcsFor(s) {
    const an = (id) => this.store.annotation(id);
    const linking = s.linking;
    if (linking) {
      const from = an(linking.from);
      const to = linking.cand != null ? an(linking.cand) : null;
      return from && to ? [{ id: 'preview', from, to, type: '', preview: true }] : [];
    }
    if (s.selectedId == null) return [];
    const shown = new Set(this.store.shown().map((a) => a.id));
    return relationsOf(s.relations, s.selectedId, an)
      .filter((r) => shown.has(r.from) && shown.has(r.to))
      .map((r) => ({ id: r.id, from: an(r.from), to: an(r.to), type: r.type, hot: r.id === s.relHover, pending: !!r.pending }));
  },

  /**
   * drawArcs draws the selected annotation's links over the text, where
   * the spans are on screen now; it is cheap, and runs on every render and
   * on scroll (long articles lay paragraphs out as they come into view).
   */
  drawArcs() {
    const s = this.store.get();
    const arcs = s.route.view === 'article' && s.article && this.view ? this.arcsFor(s) : [];
    if (!arcs.length && !this.relLayer) return;
    const layer = this.relLayerEl();
    const box = layer.getBoundingClientRect();
    const rel = (r) => ({ left: r.left - box.left, right: r.right - box.left, top: r.top - box.top, bottom: r.bottom - box.top });
    const rects = (a) => [...this.view.liveRange(a.start, a.end).getClientRects()].filter((r) => r.width > 0.5).map(rel);
    const drawn = [];
    for (const arc of arcs) {
      const A = rects(arc.from);
      const B = rects(arc.to);
      if (!A.length || !B.length) continue;
      drawn.push({ ...arc, geo: connector(A, B) });
    }
    const key = JSON.stringify(drawn.map((d) => [d.id, d.type, d.hot, d.preview, d.pending, d.geo.d]));
    if (key === this.relArcsKey) return;
    this.relArcsKey = key;
    const g = this.relLayer.svg.querySelector('g');
    g.replaceChildren(
      ...drawn.map((d) =>
        svg(
          'g',
          { class: 'rel-arc' + (d.hot ? ' hot' : '') + (d.preview ? ' preview' : '') + (d.pending ? ' pending' : ''), 'data-rel-id': String(d.id) },
          svg('path', { class: 'rel-path', d: d.geo.d, 'marker-end': 'url(#rel-arrow)' }),
          svg('circle', { class: 'rel-dot', cx: d.geo.start.x, cy: d.geo.start.y, r: 3 }),
        ),
      ),
    );
    fill(
      this.relLayer.tags,
      drawn
        .filter((d) => d.type)
        .map((d) => h('span', { class: 'rel-tag' + (d.hot ? ' hot' : ''), style: { left: `${Math.round(d.geo.mid.x)}px`, top: `${Math.round(d.geo.mid.y)}px` } }, typeName(d.type))),
    );
  },

  // relLayerEl makes (once) the layer the arcs are drawn in, at the top
  // left of the reader; nothing in it takes clicks.
  relLayerEl() {
    if (this.relLayer) return this.relLayer.el;
    const reader = this.el.text.parentElement;
    const el = h('div', { class: 'rel-layer', id: 'rel-layer', 'aria-hidden': 'true' });
    const root = svg(
      'svg',
      { class: 'rel-svg', width: 1, height: 1 },
      svg(
        'defs',
        {},
        svg('marker', { id: 'rel-arrow', viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' }, svg('path', { d: 'M 0 1 L 9 5 L 0 9 z', class: 'rel-head' })),
      ),
      svg('g', {}),
    );
    const tags = h('div', { class: 'rel-tags' });
    el.append(root, tags);
    reader.prepend(el);
    this.relLayer = { el, svg: root, tags };
    return el;
  },

  // linkBar says what linking is about and how to finish it.
  linkBar(s, linking) {
    const from = linking ? this.store.annotation(linking.from) : null;
    const cand = linking && linking.cand != null ? this.store.annotation(linking.cand) : null;
    if (!this.changed('link-bar', [from, cand, linking && linking.menu, s.projects])) return;
    let bar = document.getElementById('link-bar');
    if (!from) {
      if (bar) bar.hidden = true;
      return;
    }
    if (!bar) {
      bar = h('div', { id: 'link-bar', class: 'link-bar', role: 'status', 'aria-live': 'polite' });
      document.body.appendChild(bar);
    }
    bar.hidden = false;
    const l = this.store.label(from.label);
    const types = relationTypes(s);
    fill(
      bar,
      h(
        'p',
        { class: 'link-what' },
        h('strong', {}, 'Linking '),
        swatch(l ? l.color : '#64748b'),
        h('span', { class: 'link-label' }, from.label),
        ' ',
        h('span', { class: 'link-snippet' }, quoted(from.text, 48)),
        h('span', { class: 'link-arrow' }, ' → '),
        h('strong', {}, linkingPrompt(types, from)),
      ),
      h(
        'p',
        { class: 'link-how' },
        linking.menu
          ? ['Choose the kind of link, or ', h('kbd', {}, 'Esc'), ' to choose another']
          : [
              'Click it, or ',
              h('kbd', {}, 'Tab'),
              ' to the next and ',
              h('kbd', {}, 'Enter'),
              cand ? [' (now ', h('span', { class: 'link-cand' }, quoted(cand.text, 28)), ')'] : null,
              ' · ',
              h('kbd', {}, 'Esc'),
              ' to cancel',
            ],
      ),
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'link-cancel' } }, 'Cancel'),
    );
  },

  // linkMenu asks which kind of link, when several fit the chosen target.
  linkMenu(s, linking) {
    const menu = linking && linking.menu;
    const to = menu ? this.store.annotation(menu.to) : null;
    if (!this.changed('link-menu', [menu, to, this.view])) {
      if (to && this.relMenu && !this.relMenu.hidden) this.placeLinkMenu(to);
      return;
    }
    if (!to || !this.view) {
      if (this.relMenu) this.relMenu.hidden = true;
      return;
    }
    if (!this.relMenu) {
      this.relMenu = h('div', { class: 'link-menu', role: 'menu', 'aria-label': 'Kind of link' });
      this.el.text.parentElement.appendChild(this.relMenu);
    }
    const m = this.relMenu;
    m.hidden = false;
    // The keys stay with the page (render-relations' keydown): ↑ ↓ move the
    // current kind, Enter takes it. Moving the focus into the menu in the
    // middle of a key press would let that press click it.
    const cur = menu.index || 0;
    fill(
      m,
      h('p', { class: 'link-menu-head' }, 'Link as ', h('span', { class: 'muted' }, '(↑ ↓, Enter)')),
      menu.types.map((t, i) =>
        h('button', { type: 'button', role: 'menuitem', id: `link-type-${i}`, class: 'link-type' + (i === cur ? ' current' : ''), tabindex: '-1', dataset: { action: 'link-type', type: t } }, typeName(t)),
      ),
    );
    m.setAttribute('aria-activedescendant', `link-type-${cur}`);
    this.placeLinkMenu(to);
  },

  placeLinkMenu(to) {
    const m = this.relMenu;
    const host = m.offsetParent || m.parentElement;
    const rs = this.view.liveRange(to.start, to.end).getClientRects();
    if (!rs.length) return;
    let r = rs[rs.length - 1];
    const hr = host.getBoundingClientRect();
    let top = r.bottom - hr.top + 8;
    // Under the span, unless the linking bar would cover it: then above.
    if (r.bottom + 8 + m.offsetHeight > window.innerHeight - 110 && rs[0].top - 8 - m.offsetHeight > 0) {
      r = rs[0];
      top = r.top - hr.top - 8 - m.offsetHeight;
    }
    const left = Math.max(0, Math.min(r.left - hr.left, hr.width - m.offsetWidth));
    m.style.left = `${Math.round(left)}px`;
    m.style.top = `${Math.round(top)}px`;
  },

  /**
   * popRelations fills the popover's Links section for annotation an:
   * its links, each with × (may: this user may change an), and Link… (r).
   */
  popRelations(box, s, an, may) {
    if (!box) return;
    const types = relationTypes(s);
    const starts = typesFrom(types, an.label);
    const anOf = (id) => this.store.annotation(id);
    const rels = typesTouching(types, an.label).length ? relationsOf(s.relations, an.id, anOf) : [];
    if (!starts.length && !rels.length) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    box.hidden = false;
    const focused = box.contains(document.activeElement) ? document.activeElement.dataset.relId || document.activeElement.dataset.action : null;
    const link = starts.length
      ? h(
          'span',
          { class: 'rel-link-wrap', title: may ? null : whyNot(an, s) },
          h(
            'button',
            {
              type: 'button',
              class: 'btn small rel-link',
              dataset: { action: 'link' },
              disabled: !may,
              title: may ? `Link this ${an.label}: ${linkingPrompt(types, an)} (r), then click it or press Enter` : null,
              'aria-keyshortcuts': 'r',
            },
            linkIcon(),
            'Link… ',
            h('kbd', {}, 'r'),
          ),
        )
      : null;
    fill(
      box,
      h('div', { class: 'rel-head' }, h('span', { class: 'field-name' }, rels.length ? `Links (${rels.length})` : 'Links'), link),
      rels.length
        ? h(
            'ul',
            { class: 'rel-list' },
            rels.map((r) => {
              const d = describeLink(r, an.id);
              const other = anOf(d.other);
              const l = this.store.label(other.label);
              const mayDel = mayChange(s, r);
              const sentence = d.dir === 'out' ? `This ${an.label} is ${d.verb} the ${other.label} “${oneLine(other.text)}”` : `The ${other.label} “${oneLine(other.text)}” is ${d.verb} this ${an.label}`;
              return h(
                'li',
                { class: 'rel-row' + (r.pending ? ' pending' : ''), dataset: { relId: String(r.id) } },
                h(
                  'button',
                  { type: 'button', class: 'rel-go', dataset: { action: 'rel-goto', id: String(other.id), relId: String(r.id) }, title: `${sentence}. Click to go to it; Delete removes the link` },
                  d.dir === 'out' ? [h('span', { class: 'rel-verb' }, d.verb), h('span', { class: 'rel-arrow' }, '→')] : h('span', { class: 'rel-arrow' }, '←'),
                  swatch(l ? l.color : '#64748b'),
                  h('span', { class: 'rel-other' }, d.dir === 'out' ? truncate(oneLine(other.text), 34) : quoted(other.text, 30)),
                  d.dir === 'in' ? h('span', { class: 'rel-verb' }, `${d.verb} this`) : null,
                ),
                h(
                  'span',
                  { class: 'rel-del-wrap', title: mayDel ? null : whyNotLink(r, s) },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'icon-btn rel-del',
                      dataset: { action: 'unrelate', relId: String(r.id) },
                      disabled: !mayDel,
                      title: mayDel ? 'Remove this link (Delete)' : null,
                      'aria-label': `Remove the link: ${sentence}`,
                    },
                    '×',
                  ),
                ),
              );
            }),
          )
        : null,
    );
    if (focused) {
      const el = box.querySelector(`[data-rel-id="${CSS.escape(focused)}"].rel-go`) || box.querySelector(`[data-action="${CSS.escape(focused)}"]`);
      if (el && !el.disabled) el.focus();
    }
    this.memo.delete('pop-rel-hot');
  },

  // hotRow marks the popover's link that is hovered (the rows stay: a row
  // rebuilt under the mouse would be hovered anew).
  hotRow(s) {
    if (!this.changed('pop-rel-hot', [s.relHover, s.relRev, s.selectedId])) return;
    for (const row of this.el.popover.querySelectorAll('.rel-row')) row.classList.toggle('hot', Number(row.dataset.relId) === s.relHover);
  },
};

/**
 * connector returns the path from span A to span B (each its boxes on
 * screen, in the layer's coordinates, in order): an arc over the line when
 * the facing boxes share one, else a curve from below the upper span to
 * above the lower one. {d, start, mid}.
 */
export function connector(A, B) {
  const before = A[0].top < B[0].top - 2 || (Math.abs(A[0].top - B[0].top) <= 2 && A[0].left <= B[0].left);
  const a = before ? A[A.length - 1] : A[0];
  const b = before ? B[0] : B[B.length - 1];
  const ax = (a.left + a.right) / 2;
  const bx = (b.left + b.right) / 2;
  const lineH = Math.min(a.bottom - a.top, b.bottom - b.top);
  const r1 = (n) => Math.round(n * 10) / 10;
  if (Math.abs(a.top - b.top) < lineH / 2) {
    const y = Math.min(a.top, b.top) + 3;
    const lift = Math.min(46, 18 + Math.abs(bx - ax) / 10);
    return {
      d: `M ${r1(ax)} ${r1(y)} C ${r1(ax)} ${r1(y - lift)}, ${r1(bx)} ${r1(y - lift)}, ${r1(bx)} ${r1(y)}`,
      start: { x: r1(ax), y: r1(y) },
      mid: { x: (ax + bx) / 2, y: y - lift * 0.75 },
    };
  }
  const y1 = before ? a.bottom - 3 : a.top + 3;
  const y2 = before ? b.top + 3 : b.bottom - 3;
  const dy = y2 - y1;
  return {
    d: `M ${r1(ax)} ${r1(y1)} C ${r1(ax)} ${r1(y1 + dy / 2)}, ${r1(bx)} ${r1(y2 - dy / 2)}, ${r1(bx)} ${r1(y2)}`,
    start: { x: r1(ax), y: r1(y1) },
    mid: { x: (ax + bx) / 2, y: (y1 + y2) / 2 },
  };
}

/**
 * bindRelations wires linking to the page: the r key (main.js calls
 * start for it), the popover's Link…, ×, and links, the clicks and keys of
 * the linking mode, and the arcs following the scroll. d: {store, edits,
 * renderer, goto (gotoAnnotation)}. It returns {start, cancel}.
 */
export function bindRelations(d) {
  const { store, edits, renderer } = d;
  const get = () => store.get();

  function targets() {
    const s = get();
    const from = s.linking ? store.annotation(s.linking.from) : null;
    return from ? targetsFor(relationTypes(s), from, store.shown(), s.relations) : [];
  }

  // reveal scrolls annotation id into view when it is off screen.
  function reveal(id) {
    const a = store.annotation(id);
    const view = renderer.view;
    if (!a || !view) return;
    const rect = view.liveRange(a.start, a.end).getBoundingClientRect();
    const top = 130;
    const bottom = window.innerHeight - 110; // above the linking bar
    if (rect.top < top || rect.bottom > bottom) window.scrollBy({ top: rect.top - Math.max(top, window.innerHeight / 3), behavior: 'smooth' });
  }

  /** start begins linking from the selected annotation; it reports whether it did. */
  function start() {
    const s = get();
    const from = s.selectedId != null ? store.annotation(s.selectedId) : null;
    if (!from || !renderer.view) return false;
    const types = relationTypes(s);
    const starts = typesFrom(types, from.label);
    if (!starts.length) {
      const into = types.filter((t) => (t.to || []).includes(from.label));
      store.toast(
        into.length
          ? `A ${from.label} is where a link ends: select the ${orWords(into.flatMap((t) => t.from))} and press r to link it to this ${from.label}.`
          : `No kind of link starts at a ${from.label} in this project.`,
        'info',
      );
      return true;
    }
    if (!mayChange(s, from)) {
      store.toast(`You cannot link it: ${whyNot(from, s)}`);
      return true;
    }
    const ts = targetsFor(types, from, store.shown(), s.relations);
    if (!ts.length) {
      const labels = starts.flatMap((t) => t.to || []);
      const any = store.sorted().some((a) => a.id !== from.id && labels.includes(a.label));
      const hidden = store.sorted().some((a) => a.id !== from.id && labels.includes(a.label) && !store.shown().includes(a));
      store.toast(
        hidden
          ? `The ${orWords(labels)} spans are hidden: show them in the side list to link this ${from.label} to one.`
          : any
            ? `This ${from.label} is linked to every ${orWords(labels)} here already.`
            : `No ${orWords(labels)} to link this ${from.label} to yet: label one first.`,
        'info',
      );
      return true;
    }
    if (document.activeElement && document.getElementById('popover').contains(document.activeElement)) document.activeElement.blur();
    const cand = ts[nearest(from, ts)].annotation.id;
    store.set({ linking: { from: from.id, cand, menu: null }, relHover: null }, 'linking');
    reveal(cand);
    return true;
  }

  /** cancel ends linking; the start stays selected. */
  function cancel() {
    const s = get();
    if (!s.linking) return;
    const from = s.linking.from;
    store.set({ linking: null }, 'linking');
    if (store.annotation(from)) store.select(from);
  }

  function step(by) {
    const s = get();
    const cand = stepTarget(targets(), s.linking.cand, by);
    if (cand == null) return;
    store.set({ linking: { ...s.linking, cand, menu: null } }, 'linking');
    reveal(cand);
  }

  // choose takes annotation id as the link's end: at once when one kind
  // of link fits, after the menu when several do.
  function choose(id) {
    const s = get();
    const L = s.linking;
    const from = store.annotation(L.from);
    const to = store.annotation(id);
    if (!from || !to || to.id === from.id) return;
    const starts = typesFrom(relationTypes(s), from.label);
    const fit = fitting(starts, from, to, s.relations);
    if (!fit.length) {
      const already = starts.some((t) => (t.to || []).includes(to.label));
      store.toast(already ? `This ${from.label} is linked to that ${to.label} already.` : `A ${from.label} links to a ${orWords(starts.flatMap((t) => t.to || []))}, not a ${to.label}.`, 'info');
      return;
    }
    if (fit.length > 1) {
      store.set({ linking: { ...L, cand: to.id, menu: { to: to.id, types: fit, index: 0 } } }, 'linking');
      return;
    }
    relate(fit[0], to.id);
  }

  function relate(type, to) {
    const s = get();
    const L = s.linking;
    if (!L) return;
    const from = store.annotation(L.from);
    const end = store.annotation(to);
    store.set({ linking: null }, 'linking');
    if (!from || !end) return;
    store.select(from.id);
    const t = relationTypes(s).find((x) => x.name === type);
    edits.relate({ type, from: from.id, to: end.id }).then((r) => {
      if (r && t && t.fill) store.toast(`Linked: ${typeName(type)} ${quoted(end.text, 40)}, ${t.fill} filled in. Ctrl+Z undoes both.`, 'info');
    });
  }

  function unrelate(id) {
    const row = document.querySelector(`#popover .rel-row[data-rel-id="${CSS.escape(String(id))}"]`);
    const next = row && (row.nextElementSibling || row.previousElementSibling);
    const nextId = next ? next.dataset.relId : null;
    if (get().relHover === id) store.set({ relHover: null }, 'rel-hover');
    edits.unrelate(id);
    // Focus stays in the list: on the next link, else on Link….
    requestAnimationFrame(() => {
      const el = (nextId && document.querySelector(`#popover .rel-go[data-rel-id="${CSS.escape(nextId)}"]`)) || document.querySelector('#popover [data-action="link"]');
      if (el && !el.disabled) el.focus();
    });
  }

  // Clicks while linking choose (in the text, or a card of the side
  // list); they go no further, so nothing else is selected.
  document.addEventListener(
    'click',
    (e) => {
      const s = get();
      if (!s.linking || !(e.target instanceof Element)) return;
      const t = e.target;
      if (t.closest('.link-bar, .link-menu')) return;
      let id = null;
      const card = t.closest('#panel .ann[data-id]');
      const view = renderer.view;
      if (card) id = Number(card.dataset.id);
      else if (view && view.root.contains(t)) {
        const sel = window.getSelection();
        if (sel && !sel.isCollapsed && view.root.contains(sel.anchorNode)) return; // a drag
        const cp = view.offsetAtPoint(e.clientX, e.clientY);
        if (cp !== null) id = atPoint(cp, targets().map((x) => x.annotation)) ?? atPoint(cp, store.shown());
      } else return;
      e.preventDefault();
      e.stopPropagation();
      if (id === null || id === s.linking.from) return;
      if (s.linking.menu) store.set({ linking: { ...s.linking, menu: null } }, 'linking');
      choose(id);
    },
    true,
  );

  // The actions of the popover's Links, the bar and the menu.
  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('[data-action]') : null;
    if (!el) return;
    switch (el.dataset.action) {
      case 'link':
        start();
        return;
      case 'link-cancel':
        cancel();
        return;
      case 'link-type':
        relate(el.dataset.type, get().linking && get().linking.menu ? get().linking.menu.to : null);
        return;
      case 'unrelate':
        unrelate(Number(el.dataset.relId));
        return;
      case 'rel-goto':
        if (d.goto) d.goto(Number(el.dataset.id));
        return;
    }
  });

  // Keys: the linking mode's first (capture), then Delete on a focused link.
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = get();
      const L = s.linking;
      const key = e.key || '';
      const eat = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (!L) {
        const row = e.target instanceof Element ? e.target.closest('#popover .rel-row') : null;
        if (row && (key === 'Delete' || key === 'Backspace') && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const del = row.querySelector('.rel-del');
          eat();
          if (del && del.disabled) store.toast(`You cannot remove this link: ${del.parentElement.title || 'not yours'}`);
          else unrelate(Number(row.dataset.relId));
        }
        return;
      }
      if (e.ctrlKey || e.metaKey) {
        cancel(); // Ctrl+Z and the like: about the text again
        return;
      }
      if (L.menu) {
        const n = L.menu.types.length;
        const i = L.menu.index || 0;
        if (key === 'Escape') {
          eat();
          store.set({ linking: { ...L, menu: null } }, 'linking');
        } else if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Tab') {
          eat();
          const by = key === 'ArrowUp' || (key === 'Tab' && e.shiftKey) ? -1 : 1;
          store.set({ linking: { ...L, menu: { ...L.menu, index: (i + by + n) % n } } }, 'linking');
        } else if (key === 'Enter' || key === ' ') {
          eat();
          relate(L.menu.types[i], L.menu.to);
        } else if (key.length === 1 || key === 'Delete' || key === 'Backspace') eat();
        return;
      }
      switch (key) {
        case 'Escape':
          eat();
          cancel();
          return;
        case 'Tab':
          eat();
          step(e.shiftKey ? -1 : 1);
          return;
        case 'ArrowRight':
        case 'ArrowDown':
        case ']':
          eat();
          step(1);
          return;
        case 'ArrowLeft':
        case 'ArrowUp':
        case '[':
          eat();
          step(-1);
          return;
        case 'Enter':
        case ' ':
          if (e.target instanceof Element && e.target.closest('button, a[href]')) return; // that control's
          eat();
          if (L.cand != null) choose(L.cand);
          return;
      }
      // Nothing else acts on the text while linking (a label key would
      // relabel the start, Delete delete it).
      if (key.length === 1 || key === 'Delete' || key === 'Backspace') eat();
    },
    true,
  );

  // Hovering or focusing a link in the popover emphasises both its ends.
  const hover = (id) => {
    if (get().relHover !== id) store.set({ relHover: id }, 'rel-hover');
  };
  const relOf = (t) => {
    const row = t instanceof Element ? t.closest('#popover .rel-row') : null;
    return row ? Number(row.dataset.relId) : null;
  };
  document.addEventListener('mouseover', (e) => {
    const id = relOf(e.target);
    if (id !== null) hover(id);
  });
  document.addEventListener('mouseout', (e) => {
    if (relOf(e.target) !== null && relOf(e.relatedTarget) === null) hover(relOf(document.activeElement)); // back to the focused one, if any
  });
  document.addEventListener('focusin', (e) => {
    const id = relOf(e.target);
    if (id !== null) hover(id);
  });
  document.addEventListener('focusout', (e) => {
    if (relOf(e.target) !== null && relOf(e.relatedTarget) === null) hover(null);
  });

  // The arcs follow what moves under them.
  let frame = 0;
  window.addEventListener(
    'scroll',
    () => {
      if (frame || !renderer.relLayer) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        renderer.drawArcs();
      });
    },
    { passive: true },
  );

  // Linking ends when its start goes (deleted by someone, the article
  // closed); its candidate moves on when that one goes.
  store.addEventListener('change', (e) => {
    const what = e.detail.what;
    if (what !== 'annotations' && what !== 'relations' && what !== 'article' && what !== 'hidden') return;
    const s = get();
    const L = s.linking;
    if (!L) return;
    if (!store.annotation(L.from)) {
      store.set({ linking: null }, 'linking');
      store.toast('Linking stopped: the annotation it started at is gone.', 'info');
      return;
    }
    const ts = targets();
    if (!ts.some((t) => t.annotation.id === L.cand)) {
      const from = store.annotation(L.from);
      store.set({ linking: { ...L, cand: ts.length ? ts[nearest(from, ts)].annotation.id : null, menu: null } }, 'linking');
    }
  });

  return { start, cancel };
}

// atPoint returns the id of the smallest span of list covering code point cp, or null.
function atPoint(cp, list) {
  let best = null;
  for (const a of list) {
    if (a.start <= cp && cp < a.end && (!best || a.end - a.start < best.end - best.start)) best = a;
  }
  return best ? best.id : null;
}
