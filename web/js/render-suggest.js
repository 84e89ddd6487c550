// render-suggest.js draws the detectors' suggestions (Renderer's
// suggestPage, see render.js; suggest-view.js runs them): a dashed outline
// in the label's colour over each suggested span with a "suggested" tag at
// its start (annotations are tinted and underlined solid: the two never
// look alike), the focused one's card (label, score, how it was found, the
// speaker of a quote, Accept and Reject), the toolbar's "Suggestions (N)"
// toggle with its filters, "N suggested" in the side list's label groups,
// and the keys in the help. Its elements are its own, made on first use,
// with their own listeners dispatching on data-action (sg-*).
import { h, fill, swatch, truncate, oneLine } from './dom.js';
import { rgb, onWhite, lineDark, MAX_LEVEL } from './highlight.js';
import {
  SUGGEST_KEYS,
  on,
  visibleOf,
  focusedOf,
  prefsOf,
  setPrefs,
  countByLabel,
  detectorWords,
  percent,
  decideRefusal,
  bulkQuestion,
  focus,
  step,
  decide,
  askAcceptAll,
  cancelAsk,
  acceptAll,
  jumpTo,
  loadSuggestions,
} from './suggest-view.js';

const PREFIX = 'gloss-sg-';

/**
 * SuggestionPainter outlines suggestions in the text with the CSS Custom
 * Highlight API: one highlight per label (dashed lines above and below,
 * no fill, under the annotations' highlights) and one for the focused
 * suggestion (thicker dashes, above them).
 */
export class SuggestionPainter {
  constructor() {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.style = document.createElement('style');
    this.style.dataset.gloss = 'suggestions';
    document.head.appendChild(this.style);
    this.names = new Set();
    this.labelsKey = '';
  }

  // setLabels writes the ::highlight rules of a label schema; names come
  // from indexes, colours through rgb() (validated), as in highlight.js.
  setLabels(labels) {
    const key = labels.map((l) => l.name + l.color).join('|');
    if (key === this.labelsKey) return;
    this.labelsKey = key;
    this.labels = labels;
    const rules = [];
    const dark = [];
    labels.forEach((l, i) => {
      const c = rgb(l.color);
      const d = darker(c);
      rules.push(
        `::highlight(${PREFIX}${i}){text-decoration:underline overline dashed 1px rgb(${d});text-underline-offset:4px;text-decoration-skip-ink:none}`,
        // No tint for the focused one either: a tint is what annotations have.
        `::highlight(${PREFIX}f${i}){text-decoration:underline overline dashed 2.5px rgb(${d});text-underline-offset:4px;text-decoration-skip-ink:none}`,
      );
      // On a dark page the dashes go lighter, not darker.
      dark.push(`::highlight(${PREFIX}${i}),::highlight(${PREFIX}f${i}){text-decoration-color:rgb(${lineDark(c)})}`);
    });
    rules.push(`@media (prefers-color-scheme: dark){${dark.join('\n')}}`);
    this.style.textContent = rules.join('\n');
  }

  clear() {
    if (!this.supported) return;
    for (const n of this.names) CSS.highlights.delete(n);
    this.names.clear();
  }

  paint(view, list, focusedId) {
    if (!this.supported) return;
    this.clear();
    if (!view) return;
    const index = new Map((this.labels || []).map((l, i) => [l.name, i]));
    const by = new Map();
    const n = view.map.lengthCP;
    for (const s of list) {
      const i = index.get(s.label);
      if (i === undefined || s.end > n || s.end <= s.start) continue;
      const name = PREFIX + (s.id === focusedId ? 'f' : '') + i;
      if (!by.has(name)) by.set(name, []);
      by.get(name).push(view.staticRange(s.start, s.end));
    }
    for (const [name, ranges] of by) {
      const hl = new Highlight(...ranges);
      // Under the annotations (priority 0 and up); the focused one's
      // tint above them, as a selected annotation's is.
      hl.priority = name.startsWith(PREFIX + 'f') ? MAX_LEVEL + 1 : -2;
      CSS.highlights.set(name, hl);
      this.names.add(name);
    }
  }
}

/**
 * darker takes "r g b" to a shade a fifth darker: thin dashes in a light
 * label colour (amber) would fall under 3:1 against the page.
 */
export function darker(c) {
  return c
    .split(' ')
    .map((x) => Math.round(Number(x) * 0.8))
    .join(' ');
}

function labelOf(labels, name) {
  return labels.find((l) => l.name === name) || { name, color: '#64748b' };
}

function kbd(k) {
  return h('kbd', {}, k);
}

/** suggestMethods are Renderer's methods for suggestions; render.js adds them to the class. */
export const suggestMethods = {
  suggestPage(s) {
    const show = on(s);
    if (!this.el.suggest) {
      if (!show) return;
      this.suggestRoot();
    }
    const E = this.el.suggest;
    this.suggestHelp(show);
    if (!show) {
      if (this.changed('sg-off', [show])) {
        E.bar.hidden = true;
        E.card.hidden = true;
        fill(E.marks);
        this.sgPaint.clear();
        for (const el of document.querySelectorAll('#panel .sg-jump')) el.remove();
        this.memo.delete('sg-paint');
        this.memo.delete('sg-marks');
      }
      return;
    }
    this.memo.delete('sg-off');
    const S = s.suggest && s.suggest.article === s.article.id ? s.suggest : null;
    const labels = this.store.labels();
    const prefs = prefsOf(this.store);
    const vis = visibleOf(this.store);
    const cur = focusedOf(this.store);
    const why = decideRefusal(s);
    E.bar.hidden = false;
    if (this.changed('sg-bar', [S && S.loading, S && S.error, S && S.list, prefs, vis, labels])) this.suggestBar(E, S, prefs, vis, labels);
    if (!this.view || !s.projects.length) return;
    if (this.changed('sg-paint', [this.view, vis, cur && cur.id, labels])) {
      this.sgPaint.setLabels(labels);
      this.sgPaint.paint(this.view, vis, cur ? cur.id : null);
    }
    // The tags follow the text's layout: again when the width changes.
    if (this.changed('sg-marks', [this.view, vis, cur && cur.id, labels, window.innerWidth, s.selectedId])) this.suggestMarks(E, vis, cur, labels);
    if (this.changed('sg-card', [cur, S && S.asking, why, labels, vis])) this.suggestCard(E, cur, S, why, labels, vis);
    if (cur && this.changed('sg-place', [cur, window.innerWidth, S && S.asking, why])) this.placeSuggestionCard(cur);
    this.suggestPanel(s, prefs, vis, labels);
  },

  // suggestRoot makes the elements and their listeners.
  suggestRoot() {
    const E = {};
    E.toggle = h('button', { type: 'button', class: 'btn sg-toggle', dataset: { action: 'sg-toggle' } });
    E.menuBody = h('div', { class: 'menu-panel sg-menu-body', role: 'group', 'aria-label': 'Filter the suggestions' });
    E.menu = h(
      'details',
      { class: 'menu sg-menu' },
      h('summary', { class: 'btn sg-filter', title: 'Which suggestions to show: labels and the lowest score', 'aria-label': 'Filter the suggestions' }, h('span', { class: 'caret', 'aria-hidden': 'true' })),
      E.menuBody,
    );
    E.bar = h('div', { id: 'suggest-bar', class: 'sg-bar', role: 'group', 'aria-label': 'Suggestions', hidden: true }, E.toggle, E.menu);
    E.card = h('div', { id: 'suggest-card', class: 'sg-card', role: 'dialog', 'aria-label': 'Suggestion', tabindex: '-1', hidden: true });
    E.marks = h('div', { id: 'suggest-marks', class: 'sg-marks', 'aria-hidden': 'true' });
    document.getElementById('labels').after(E.bar);
    const reader = document.querySelector('#article-view .reader');
    reader.appendChild(E.marks);
    reader.appendChild(E.card);
    this.el.suggest = E;
    this.sgPaint = new SuggestionPainter();

    const store = this.store;
    document.addEventListener('click', (e) => {
      const el = e.target.closest && e.target.closest('[data-action^="sg-"]');
      if (!el || el.disabled) return;
      switch (el.dataset.action) {
        case 'sg-toggle':
          setPrefs(store, { shown: !prefsOf(store).shown });
          break;
        case 'sg-accept':
          decide(true);
          break;
        case 'sg-reject':
          decide(false);
          break;
        case 'sg-close':
          focus(null);
          break;
        case 'sg-step':
          step(Number(el.dataset.by));
          break;
        case 'sg-all':
          askAcceptAll();
          break;
        case 'sg-confirm':
          acceptAll();
          break;
        case 'sg-cancel':
          cancelAsk();
          break;
        case 'sg-jump':
          jumpTo(el.dataset.label);
          break;
        case 'sg-retry': {
          const a = store.get().article;
          if (a) loadSuggestions(store, a.id);
          break;
        }
      }
    });
    E.menuBody.addEventListener('change', (e) => {
      const el = e.target;
      if (el.dataset.action === 'sg-label') {
        const off = new Set(prefsOf(store).hiddenLabels);
        if (el.checked) off.delete(el.dataset.label);
        else off.add(el.dataset.label);
        setPrefs(store, { hiddenLabels: [...off] });
      }
    });
    E.menuBody.addEventListener('input', (e) => {
      const el = e.target;
      if (el.dataset.action === 'sg-min') setPrefs(store, { minScore: Number(el.value) / 100 });
    });
    // Long articles lay paragraphs out as they scroll into view: the tags
    // are placed again then.
    let frame = 0;
    window.addEventListener(
      'scroll',
      () => {
        if (frame || !this.view || !this.view.root.classList.contains('long')) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          this.memo.delete('sg-marks');
          this.suggestPage(store.get());
        });
      },
      { passive: true },
    );
  },

  // suggestBar fills the toolbar's toggle and its filter menu.
  suggestBar(E, S, prefs, vis, labels) {
    const list = S ? S.list : [];
    const n = vis.length;
    const hiddenN = prefs.shown ? list.length - n : 0;
    const count = S && S.loading && !S.list.length ? '…' : S && S.error ? '!' : String(prefs.shown ? n : list.length);
    E.toggle.setAttribute('aria-pressed', String(prefs.shown));
    E.toggle.classList.toggle('is-off', !prefs.shown);
    E.toggle.title = S && S.error
      ? `The suggestions could not be loaded: ${S.error}`
      : prefs.shown
        ? `Hide the ${n} suggestion${n === 1 ? '' : 's'} (spans proposed by the detectors, not annotations yet)` + (hiddenN ? `; ${hiddenN} more filtered out` : '')
        : `Show the ${list.length} suggestion${list.length === 1 ? '' : 's'}: spans the detectors propose for you to accept or reject`;
    fill(E.toggle, h('span', { class: 'sg-icon', 'aria-hidden': 'true' }), h('span', {}, 'Suggestions'), ' ', h('span', { class: 'count' }, `(${count})`));
    const counts = countByLabel(list);
    const names = labels.map((l) => l.name).filter((x) => counts[x] || prefs.hiddenLabels.includes(x));
    const pct = Math.round((prefs.minScore || 0) * 100);
    fill(
      E.menuBody,
      h('p', { class: 'menu-title' }, 'Show suggestions of'),
      names.length
        ? names.map((name) => {
            const l = labelOf(labels, name);
            return h(
              'label',
              { class: 'check sg-check' },
              h('input', { type: 'checkbox', checked: !prefs.hiddenLabels.includes(name), dataset: { action: 'sg-label', label: name } }),
              swatch(l.color),
              h('span', { class: 'sg-check-name' }, name),
              h('span', { class: 'count' }, String(counts[name] || 0)),
            );
          })
        : h('p', { class: 'muted small' }, S && S.loading ? 'Loading…' : 'The detectors propose nothing for this article.'),
      h(
        'label',
        { class: 'field sg-min' },
        h('span', { class: 'field-name' }, 'Lowest score ', h('output', { class: 'sg-min-out' }, `${pct}%`)),
        h('input', { type: 'range', min: '0', max: '100', step: '5', value: String(pct), dataset: { action: 'sg-min' }, 'aria-label': 'Lowest score shown, in percent' }),
      ),
      S && S.error ? h('p', { class: 'sg-error small' }, S.error, ' ', h('button', { type: 'button', class: 'link', dataset: { action: 'sg-retry' } }, 'Try again')) : null,
      h('p', { class: 'muted small' }, 'Kept in this browser.'),
    );
  },

  // suggestMarks puts a "suggested" tag at the start of each suggestion
  // (one for those starting at the same place: "2 suggested"), moving a
  // tag along its line where it would cover the one before it.
  suggestMarks(E, vis, cur, labels) {
    const host = E.marks.offsetParent || E.marks.parentElement;
    if (!host) return;
    const hr = host.getBoundingClientRect();
    const view = this.view;
    const n = view.map.lengthCP;
    const at = new Map(); // start -> {rect, list}
    for (const s of vis) {
      if (s.end > n) continue;
      let m = at.get(s.start);
      if (!m) {
        const rect = [...view.liveRange(s.start, s.end).getClientRects()].find((r) => r.width > 0);
        if (!rect) continue;
        m = { rect, list: [] };
        at.set(s.start, m);
      }
      m.list.push(s);
    }
    const tags = [];
    for (const { rect, list } of at.values()) {
      const focused = !!cur && list.some((s) => s.id === cur.id);
      const l = labelOf(labels, (focused ? cur : list[0]).label);
      const c = /^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#64748b';
      const tag = h(
        'span',
        { class: 'sg-mark' + (focused ? ' is-focused' : ''), style: { '--c': c, '--cd': `rgb(${onWhite(rgb(c))})`, left: `${Math.round(rect.left - hr.left)}px`, top: `${Math.round(rect.top - hr.top)}px` } },
        list.length > 1 ? `${list.length} suggested` : 'suggested',
      );
      tags.push({ tag, left: rect.left - hr.left, top: Math.round(rect.top - hr.top) });
    }
    fill(E.marks, tags.map((t) => t.tag));
    // One read of the tags' widths, then the moves.
    const widths = tags.map((t) => t.tag.offsetWidth);
    const lineEnd = new Map(); // top -> where the last tag on that line ends
    tags
      .map((t, i) => ({ ...t, w: widths[i] }))
      .sort((a, b) => a.top - b.top || a.left - b.left)
      .forEach((t) => {
        const end = lineEnd.get(t.top);
        if (end !== undefined && t.left < end + 3) {
          t.left = end + 3;
          t.tag.style.left = `${Math.round(t.left)}px`;
        }
        lineEnd.set(t.top, t.left + t.w);
      });
  },

  // suggestCard fills the focused suggestion's card.
  suggestCard(E, cur, S, why, labels, vis) {
    const card = E.card;
    if (!cur) {
      if (!card.hidden) {
        card.hidden = true;
        card.replaceChildren();
      }
      return;
    }
    const l = labelOf(labels, cur.label);
    const i = vis.findIndex((x) => x.id === cur.id);
    const same = vis.filter((x) => x.label === cur.label).length;
    const asking = S && S.asking && S.asking.label === cur.label ? S.asking : null;
    const speaker = cur.attrs && cur.attrs.speaker;
    const disabled = !!why;
    card.style.setProperty('--c', /^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#64748b');
    card.dataset.id = cur.id;
    fill(
      card,
      h(
        'div',
        { class: 'sg-head' },
        h('span', { class: 'sg-badge', title: 'Proposed by a detector; not an annotation until accepted' }, 'Suggestion'),
        h('span', { class: 'sg-label' }, swatch(l.color), cur.label),
        h('span', { class: 'sg-score', title: 'How sure the detector is' }, percent(cur.score)),
        h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'sg-close' }, title: 'Close (Esc)', 'aria-label': 'Close' }, '×'),
      ),
      h('blockquote', { class: 'sg-text' }, truncate(oneLine(cur.text), 160)),
      h('p', { class: 'sg-how' }, h('span', { class: 'field-name' }, 'Found: '), detectorWords(cur.detector, cur.features)),
      speaker ? h('p', { class: 'sg-speaker' }, h('span', { class: 'field-name' }, 'Speaker: '), speaker) : null,
      why ? h('p', { class: 'sg-why', role: 'note' }, why) : null,
      asking
        ? h(
            'div',
            { class: 'sg-ask', role: 'alertdialog', 'aria-label': bulkQuestion(asking.n, asking.label) },
            h('p', {}, h('strong', {}, bulkQuestion(asking.n, asking.label)), ' ', h('span', { class: 'muted' }, 'Each becomes an annotation.')),
            h(
              'div',
              { class: 'sg-acts' },
              h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'sg-confirm' }, disabled }, `Accept ${asking.n}`),
              h('button', { type: 'button', class: 'btn small', dataset: { action: 'sg-cancel' } }, 'Cancel'),
            ),
          )
        : h(
            'div',
            { class: 'sg-acts' },
            h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'sg-accept' }, disabled, title: why || `Make it a ${cur.label} annotation (a or Enter)` }, 'Accept', kbd('a')),
            h('button', { type: 'button', class: 'btn small', dataset: { action: 'sg-reject' }, disabled, title: why || 'Not a ' + cur.label + ': it will not be proposed here again (x)' }, 'Reject', kbd('x')),
            h(
              'span',
              { class: 'sg-nav' },
              h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'sg-step', by: '-1' }, title: 'Previous suggestion ([)', 'aria-label': 'Previous suggestion' }, '‹'),
              h('span', { class: 'count' }, `${i + 1} of ${vis.length}`),
              h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'sg-step', by: '1' }, title: 'Next suggestion (])', 'aria-label': 'Next suggestion' }, '›'),
            ),
          ),
      !asking && same > 1
        ? h(
            'button',
            { type: 'button', class: 'link sg-all', dataset: { action: 'sg-all' }, disabled, title: why || `Accept every ${cur.label} suggestion shown on this article (Shift+A)` },
            `Accept all ${same} ${cur.label} suggestions`,
            ' ',
            kbd('Shift'),
            kbd('A'),
          )
        : null,
    );
    card.hidden = false;
  },

  /**
   * placeSuggestionCard puts the card under the end of the suggestion,
   * or above its start when there is no room below and there is above.
   */
  placeSuggestionCard(cur) {
    const card = this.el.suggest.card;
    if (!this.view || cur.end > this.view.map.lengthCP) return;
    const host = card.offsetParent || card.parentElement;
    const rects = this.view.liveRange(cur.start, cur.end).getClientRects();
    if (!rects.length) return;
    let r = rects[rects.length - 1];
    const hr = host.getBoundingClientRect();
    const w = card.offsetWidth;
    const ph = card.offsetHeight;
    const bars = this.el.toolbar.getBoundingClientRect().bottom;
    let top = r.bottom - hr.top + 12;
    // While revealSuggestion scrolls, the text is not where it will be:
    // below, where the scroll leaves room.
    if (!this.sgScrolling && r.bottom + 12 + ph > window.innerHeight && rects[0].top - 22 - ph > bars) {
      r = rects[0];
      top = r.top - hr.top - 22 - ph; // above the "suggested" tag
    }
    const edge = hr.width < 500 ? 8 : 0;
    const left = Math.max(edge, Math.min(r.left - hr.left, hr.width - w - edge));
    card.style.left = `${Math.round(left)}px`;
    card.style.top = `${Math.round(top)}px`;
  },

  /** revealSuggestion scrolls suggestion s into view (with room for its card) and flashes it. */
  revealSuggestion(s) {
    const view = this.view;
    if (!view || s.end > view.map.lengthCP) return;
    const rect = view.liveRange(s.start, s.end).getBoundingClientRect();
    const top = this.el.toolbar.getBoundingClientRect().bottom + 40;
    const bottom = window.innerHeight - 220; // the card goes below it
    if (rect.top < top || rect.bottom > bottom) {
      window.scrollBy({ top: rect.top - Math.max(top, (window.innerHeight - 220) / 3), behavior: 'smooth' });
      this.sgScrolling = true;
      clearTimeout(this.sgScrollTimer);
      this.sgScrollTimer = setTimeout(() => {
        this.sgScrolling = false;
      }, 1000);
    }
    this.hl.flash(view.staticRange(s.start, s.end));
  },

  /** focusSuggestionCard moves the keyboard focus to the card once it is drawn (to its question, when it asks one). */
  focusSuggestionCard() {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const card = this.el.suggest && this.el.suggest.card;
        if (!card || card.hidden) return;
        const q = card.querySelector('[data-action="sg-confirm"]:not(:disabled)');
        (q || card).focus({ preventScroll: true });
      }),
    );
  },

  /** topOffset is the code point at the top of the screen, where stepping starts from. */
  topOffset() {
    const view = this.view;
    if (!view) return 0;
    const box = view.root.getBoundingClientRect();
    const y = this.el.toolbar.getBoundingClientRect().bottom + 20;
    return view.offsetAtPoint(box.left + 4, y) ?? (box.top > y ? 0 : view.map.lengthCP);
  },

  // suggestPanel puts "N suggested" under each label of the side list
  // that has suggestions shown; a click goes to them.
  suggestPanel(s, prefs, vis, labels) {
    const panel = this.el.panel;
    const head = panel.firstElementChild;
    const counts = countByLabel(vis);
    if (!this.changed('sg-panel', [head, vis, labels, !decideRefusal(s)]) || !head) return;
    for (const el of panel.querySelectorAll('.sg-jump, .sg-legend')) el.remove();
    if (vis.length) {
      // What the dashed spans are, for whoever meets them first.
      const keys = decideRefusal(s) ? ['.'] : [', ', kbd('a'), ' accepts, ', kbd('x'), ' rejects.'];
      head.after(
        h(
          'p',
          { class: 'sg-legend' },
          h('span', { class: 'sg-icon', 'aria-hidden': 'true' }),
          h('span', {}, 'Dashed spans are suggestions, not annotations yet: ', kbd(']'), ' goes to the next', keys),
        ),
      );
    }
    for (const g of panel.querySelectorAll('.group')) {
      const name = g.querySelector('h3 .name');
      const n = name ? counts[name.textContent] || 0 : 0;
      if (!n) continue;
      const label = name.textContent;
      g.querySelector('h3').after(
        h(
          'button',
          { type: 'button', class: 'sg-jump', dataset: { action: 'sg-jump', label }, style: { '--c': labelOf(labels, label).color }, title: `Go to the ${label} suggestions (] and [ step through them)` },
          h('span', { class: 'sg-icon', 'aria-hidden': 'true' }),
          `${n} suggested`,
        ),
      );
    }
  },

  // suggestHelp lists the suggestion keys in the help while an article is open.
  suggestHelp(show) {
    if (!this.changed('sg-help', [show])) return;
    let ul = document.getElementById('help-suggest');
    if (!show) {
      if (ul) ul.hidden = true;
      return;
    }
    if (!ul) {
      ul = h(
        'ul',
        { id: 'help-suggest', class: 'keys', 'aria-label': 'Suggestions' },
        h('li', { class: 'sg-help-head' }, h('strong', {}, 'Suggestions'), h('span', { class: 'muted small' }, 'dashed outlines: proposed, not annotations yet')),
        SUGGEST_KEYS.map((r) => h('li', {}, h('span', { class: 'k' }, r.keys.map((x, i) => [i ? (r.or ? ' or ' : ' ') : '', kbd(x)])), h('span', {}, r.what))),
      );
      const after = document.querySelector('#help ul.keys:not(#help-labels):not(#help-review)');
      if (after) after.after(ul);
    }
    ul.hidden = false;
  },
};
