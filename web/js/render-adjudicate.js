// render-adjudicate.js draws the review page (Renderer's adjudicatePage,
// see render.js) over the gold editor: the review panel beside the text
// (the candidates, merged or each annotator side by side, with Accept and
// Reject), the candidates' underlines in the text, a bar with the current
// candidate on narrow screens, the review keys in the help, and the page's
// empty states. Its elements are its own, made on first use, with their
// own delegated listener dispatching on data-action (rv-*); what the
// buttons do is adjudicate.js's.
import { h, fill, swatch, truncate, oneLine } from './dom.js';
import { people } from './presence.js';
import { perArticle, LAYER_STATUS } from './assign.js';
import {
  KINDS,
  STATES,
  REVIEW_KEYS,
  reviewModel,
  reviewing,
  pageState,
  refusal,
  whoLine,
  conflictLine,
  summaryLine,
  progressLine,
  acceptAllPlan,
  candidateAt,
  focusCandidate,
  setCurrent,
  setMode,
  accept,
  reject,
  acceptAgreed,
  reviewed,
  step,
  loadReview,
  nextToReview,
} from './adjudicate.js';

const PREFIX = 'gloss-rv-';

/**
 * CandidatePainter underlines the open candidates in the text, one CSS
 * highlight per kind (adjudicate.css styles them: dashed agreed, wavy
 * disputed, dotted partly/one person), and tints the current one.
 */
export class CandidatePainter {
  constructor() {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.names = ['agreed', 'disputed', 'some', 'current'];
  }

  clear() {
    if (!this.supported) return;
    for (const n of this.names) CSS.highlights.delete(PREFIX + n);
  }

  paint(view, candidates, currentKey) {
    if (!this.supported) return;
    if (!view) return this.clear();
    const by = { agreed: [], disputed: [], some: [], current: [] };
    const n = view.map.lengthCP;
    for (const c of candidates) {
      if (c.end > n) continue;
      const r = () => view.staticRange(c.start, c.end);
      if (c.key === currentKey) by.current.push(r());
      if (c.state !== 'open') continue;
      by[c.kind === 'one' ? 'some' : c.kind].push(r());
    }
    for (const [name, ranges] of Object.entries(by)) {
      if (!ranges.length) {
        CSS.highlights.delete(PREFIX + name);
        continue;
      }
      const hl = new Highlight(...ranges);
      // Under the gold highlights (priority 0 and up); the current one's
      // tint above them, under the selection.
      hl.priority = name === 'current' ? 4 : -1;
      CSS.highlights.set(PREFIX + name, hl);
    }
  }
}

function kindChip(c) {
  const k = KINDS[c.kind];
  return h('span', { class: `rv-kind is-${c.kind}`, title: k.long }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, k.icon), k.word);
}

function stateChip(c) {
  if (c.state === 'open') return null;
  const st = STATES[c.state];
  const title = c.state === 'rejected' && c.rejectedBy ? `Rejected by ${c.rejectedBy}` : st.long;
  return h('span', { class: `rv-state is-${c.state}`, title }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, st.icon), st.word);
}

function labelChip(labels, name) {
  const l = labels.find((x) => x.name === name) || { color: '#64748b' };
  return h('span', { class: 'rv-label' }, swatch(l.color), name);
}

// actions are a candidate's buttons: what can be done with it now.
function actions(c, compact = false) {
  const key = c.key;
  if (c.state === 'accepted') {
    return h('div', { class: 'rv-acts' }, h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-accept', key }, title: 'Show it in gold and edit its attributes (a)' }, 'Open in gold'));
  }
  if (c.state === 'rejected') {
    return h(
      'div',
      { class: 'rv-acts' },
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-unreject', key }, title: 'Take the rejection back (x)' }, 'Undo reject'),
      compact ? null : h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'rv-accept', key }, title: 'Accept it into gold after all (a)' }, 'Accept'),
    );
  }
  return h(
    'div',
    { class: 'rv-acts' },
    h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'rv-accept', key }, title: 'Create it in gold with the attributes they agree on (a)' }, 'Accept'),
    h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-reject', key }, title: 'Leave it out of gold (x)' }, 'Reject'),
  );
}

function candidateItem(c, m, labels, extra = null) {
  return h(
    'li',
    { class: `rv-cand is-${c.kind} st-${c.state}`, dataset: { key: c.key } },
    h(
      'button',
      { type: 'button', class: 'rv-focus', dataset: { action: 'rv-focus', key: c.key }, title: 'Show it in the text' },
      h('span', { class: 'rv-line' }, kindChip(c), labelChip(labels, c.label), stateChip(c)),
      h('span', { class: 'rv-text' }, truncate(oneLine(c.text), 110)),
      h('span', { class: 'rv-who' }, whoLine(c, m.submitted.length)),
      c.conflicts.length ? h('span', { class: 'rv-conflict' }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, '≠ '), c.conflicts.map(conflictLine).join('; ')) : null,
      attrLine(c),
      extra,
    ),
    actions(c),
  );
}

function attrLine(c) {
  const parts = Object.entries(c.attrs).map(([k, v]) => `${k}: ${v}`);
  return parts.length ? h('span', { class: 'rv-attrs' }, truncate(parts.join(' · '), 80)) : null;
}

// groupMerged is a group in one list: a disputed stretch says so and
// holds its versions together.
function groupMerged(g, m, labels) {
  const many = g.candidates.length > 1;
  return h(
    'li',
    { class: 'rv-group' + (many ? ' is-disputed' : '') },
    many ? h('p', { class: 'rv-group-head' }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, '≠ '), `${g.candidates.length} versions of one passage: accept the right one, reject the others`) : null,
    h('ol', { class: 'rv-cands' }, g.candidates.map((c) => candidateItem(c, m, labels))),
  );
}

// groupLayers is a group side by side: a row per submitted annotator with
// what they marked there (or nothing), and what gold holds.
function groupLayers(g, m, labels, gold) {
  const rows = m.submitted.map((name) => {
    const mine = g.candidates.filter((c) => c.who.includes(name));
    return h(
      'div',
      { class: 'rv-row', role: 'row' },
      h('span', { class: 'rv-row-name', role: 'rowheader' }, name),
      h(
        'div',
        { class: 'rv-row-cells', role: 'cell' },
        mine.length
          ? mine.map((c) =>
              h(
                'div',
                { class: `rv-cell is-${c.kind} st-${c.state}`, dataset: { key: c.key } },
                h(
                  'button',
                  { type: 'button', class: 'rv-focus', dataset: { action: 'rv-focus', key: c.key }, title: 'Show it in the text' },
                  h('span', { class: 'rv-line' }, kindChip(c), labelChip(labels, c.label), stateChip(c)),
                  h('span', { class: 'rv-text' }, truncate(oneLine(c.text), 80)),
                  c.conflicts.length ? h('span', { class: 'rv-conflict' }, c.conflicts.map(conflictLine).join('; ')) : attrLine(c),
                ),
                actions(c, true),
              ),
            )
          : h('span', { class: 'rv-nothing' }, 'nothing marked here'),
      ),
    );
  });
  const inGold = gold.filter((a) => a.start < g.end && g.start < a.end);
  rows.push(
    h(
      'div',
      { class: 'rv-row is-gold', role: 'row' },
      h('span', { class: 'rv-row-name', role: 'rowheader' }, 'gold'),
      h(
        'div',
        { class: 'rv-row-cells', role: 'cell' },
        inGold.length
          ? inGold.map((a) => h('button', { type: 'button', class: 'rv-gold', dataset: { action: 'rv-gold', id: String(a.id) }, title: 'Open it in gold' }, labelChip(labels, a.label), ' ', truncate(oneLine(a.text), 60)))
          : h('span', { class: 'rv-nothing' }, 'nothing yet'),
      ),
    ),
  );
  return h('li', { class: 'rv-group rv-side' + (g.candidates.length > 1 ? ' is-disputed' : ''), role: 'table', 'aria-label': 'What each annotator marked here' }, rows);
}

function legend() {
  return h(
    'ul',
    { class: 'rv-legend', 'aria-label': 'What the underlines mean' },
    ['agreed', 'disputed', 'some'].map((k) =>
      h('li', { title: KINDS[k].long }, h('span', { class: `rv-sample is-${k}`, 'aria-hidden': 'true' }, 'text'), h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, KINDS[k].icon), k === 'some' ? 'Partly / one person' : KINDS[k].word),
    ),
  );
}

function keyHints() {
  const k = (x) => h('kbd', {}, x);
  return h('p', { class: 'rv-keys-hint' }, k('j'), '/', k('k'), ' next/previous · ', k('a'), ' accept · ', k('x'), ' reject · ', k('Shift'), k('A'), ' all agreed · ', k('?'), ' help');
}

/** adjudicateMethods are Renderer's methods for the review page; render.js adds them to the class. */
export const adjudicateMethods = {
  adjudicatePage(s) {
    const on = reviewing(s);
    const a = on ? s.article : null;
    const p = a ? (s.projects || []).find((x) => x.id === a.project) || null : null;
    if (!this.el.review) {
      if (!on) return;
      this.reviewRoot();
    }
    const E = this.el.review;
    const R = on ? s.review || null : null;
    const state = on ? pageState(p, R && R.id === s.route.id ? R : null) : 'off';
    document.body.classList.toggle('reviewing', on);
    document.body.classList.toggle('rv-blocked', on && (state === 'refused' || state === 'missing'));
    // Nothing to decide (yet): on narrow screens the panel, which says why, comes before the text.
    document.body.classList.toggle('rv-idle', on && ['loading', 'none', 'shared', 'error'].includes(state));
    this.reviewHelp(on);
    if (!on) {
      if (this.changed('rv-off', [on])) {
        this.cands.clear();
        E.panel.hidden = true;
        E.notice.hidden = true;
        E.bar.hidden = true;
      }
      return;
    }
    this.memo.delete('rv-off');
    E.panel.hidden = state === 'refused' || state === 'missing';
    if (a && this.changed('rv-title', [a.title])) document.title = `Review · ${a.title || 'Untitled'} · gloss`;

    // Refused or gone: a plain notice instead of the editor.
    if (this.changed('rv-notice', [state, p, R && R.error])) {
      E.notice.hidden = !(state === 'refused' || state === 'missing');
      if (state === 'refused') {
        fill(E.notice, h('h2', {}, 'Not for your role'), h('p', {}, refusal(p)), h('p', {}, h('a', { href: `#/articles/${s.route.id}` }, 'Open the article'), ' · ', h('a', { href: '#/' }, 'Back to your articles')));
      } else if (state === 'missing') {
        fill(E.notice, h('h2', {}, 'No such article'), h('p', {}, R.error), h('p', {}, h('a', { href: '#/' }, 'Back to the articles')));
      }
    }

    const m = state === 'ready' ? reviewModel(this.store) : null;
    const cur = m && R.current ? m.byKey.get(R.current) || null : null;
    const gold = a ? this.store.sorted() : [];
    const others = s.live.status === 'live' ? people(s.live.users, s.live.you).filter((x) => !x.you).map((x) => x.name) : [];
    if (this.changed('rv-head', [state, m, R && R.busy, a && a.status, others.join(','), R && R.mode, R && R.error, R && R.data, p])) {
      this.reviewHead(E, state, m, R, a, p, others);
    }
    if (this.changed('rv-list', [state, m, R && R.mode, R && R.data, R && R.error, p, state === 'ready' && R.mode === 'layers' ? s.annRev : 0, this.store.labels()])) {
      this.reviewList(E, state, m, R, gold, p);
      this.memo.delete('rv-cur');
    }
    if (this.changed('rv-cur', [cur, m])) {
      for (const el of E.panel.querySelectorAll('[aria-current="true"]')) el.removeAttribute('aria-current');
      if (cur) for (const el of E.panel.querySelectorAll(`[data-key="${CSS.escape(cur.key)}"]`)) el.setAttribute('aria-current', 'true');
      this.reviewBar(E, m, cur);
    }
    if (this.view && this.changed('rv-paint', [this.view, m, cur && cur.key])) this.cands.paint(this.view, m ? m.candidates : [], cur ? cur.key : null);
  },

  // reviewRoot makes the page's elements and their listener.
  reviewRoot() {
    const E = {};
    E.head = h('header', { class: 'rv-head' });
    E.intro = h('div', { class: 'rv-intro' });
    E.list = h('div', { class: 'rv-body' });
    E.panel = h('aside', { id: 'review-panel', class: 'rv-panel', 'aria-label': 'Review', hidden: true }, E.head, E.intro, E.list);
    E.bar = h('div', { id: 'rv-bar', class: 'rv-bar', role: 'region', 'aria-label': 'The candidate being decided', hidden: true });
    E.notice = h('section', { id: 'rv-notice', class: 'card rv-notice', role: 'alert', hidden: true });
    const view = document.getElementById('article-view');
    const ws = view.querySelector('.workspace');
    ws.appendChild(E.panel);
    view.insertBefore(E.notice, ws);
    view.appendChild(E.bar);
    this.el.review = E;
    this.cands = new CandidatePainter();

    const store = this.store;
    const key = (el) => el.dataset.key;
    const onClick = (e) => {
      const el = e.target.closest && e.target.closest('[data-action^="rv-"]');
      if (!el) return;
      switch (el.dataset.action) {
        case 'rv-focus':
          store.select(null);
          focusCandidate(key(el));
          break;
        case 'rv-accept':
          accept(key(el));
          break;
        case 'rv-reject':
        case 'rv-unreject':
          reject(key(el));
          break;
        case 'rv-agreed':
          acceptAgreed();
          break;
        case 'rv-reviewed':
          reviewed(false);
          break;
        case 'rv-step':
          step(Number(el.dataset.by));
          break;
        case 'rv-mode':
          setMode(store, el.dataset.mode);
          break;
        case 'rv-gold':
          this.goGold(Number(el.dataset.id));
          break;
        case 'rv-retry':
          loadReview(store, store.get().route.id);
          break;
        case 'rv-next-article':
          this.nextArticle(el);
          break;
      }
    };
    E.panel.addEventListener('click', onClick);
    E.bar.addEventListener('click', onClick);
    // A click on an underlined candidate in the text makes it the current
    // one (a click on gold opens its popover, as in the editor).
    document.getElementById('text').addEventListener('click', (e) => {
      const s = store.get();
      if (!reviewing(s) || !this.view) return;
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const m = reviewModel(store);
      const cp = this.view.offsetAtPoint(e.clientX, e.clientY);
      const c = m && cp !== null ? candidateAt(m.candidates, cp) : null;
      if (c) {
        setCurrent(store, c.key);
        this.revealInPanel(c);
      }
    });
  },

  goGold(id) {
    const a = this.store.annotation(id);
    if (!a || !this.view) return;
    this.store.select(id);
    this.revealRange(a.start, a.end);
  },

  async nextArticle(el) {
    const s = this.store.get();
    el.disabled = true;
    try {
      const to = await nextToReview(this.store, s.article && s.article.project, s.route.id);
      if (to) location.hash = `#/articles/${to}/review`;
      else this.store.toast('No other article waits for review in this project.', 'info');
    } catch (err) {
      this.store.toast(err.message);
    } finally {
      el.disabled = false;
    }
  },

  /** revealCandidate scrolls candidate c into view, in the text and in the panel, and flashes it. */
  revealCandidate(c) {
    this.revealRange(c.start, c.end);
    this.revealInPanel(c);
  },

  revealRange(start, end) {
    const view = this.view;
    if (!view || end > view.map.lengthCP) return;
    const rect = view.liveRange(start, end).getBoundingClientRect();
    const top = 130; // below the sticky bars
    const bar = this.el.review && !this.el.review.bar.hidden ? this.el.review.bar.getBoundingClientRect().height : 0;
    const bottom = window.innerHeight - 40 - bar;
    if (rect.top < top || rect.bottom > bottom) {
      window.scrollBy({ top: rect.top - Math.max(top, (bottom - top) / 3 + top / 2), behavior: 'smooth' });
    }
    this.hl.flash(view.staticRange(start, end));
  },

  // revealInPanel scrolls the panel (when it scrolls by itself, beside
  // the text) to c's card; below the text (narrow screens) the page is
  // left where it is.
  revealInPanel(c) {
    const panel = this.el.review && this.el.review.panel;
    if (!panel || panel.scrollHeight <= panel.clientHeight || getComputedStyle(panel).position !== 'sticky') return;
    requestAnimationFrame(() => {
      const item = panel.querySelector(`[data-key="${CSS.escape(c.key)}"]`);
      if (!item) return;
      const pr = panel.getBoundingClientRect();
      const ir = item.getBoundingClientRect();
      const head = this.el.review.head.getBoundingClientRect().height;
      if (ir.top < pr.top + head + 8 || ir.bottom > pr.bottom - 8) panel.scrollBy({ top: ir.top - pr.top - head - 40, behavior: 'smooth' });
    });
  },

  // reviewHead fills the panel's sticky head (the counts and the two
  // actions that end a pass) and the intro under it, which scrolls away:
  // the layers, who else is reviewing, the view and what the marks mean.
  reviewHead(E, state, m, R, a, p, others) {
    const head = [h('div', { class: 'rv-title' }, h('h2', {}, 'Review'), m ? h('span', { class: 'count' }, summaryLine(m.counts)) : null)];
    const intro = [];
    if (m) {
      const plan = acceptAllPlan(m);
      const done = a && a.status === 'reviewed';
      head.push(
        h(
          'div',
          { class: 'rv-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn' + (plan.n ? ' primary' : ''),
              dataset: { action: 'rv-agreed' },
              disabled: !plan.n || R.busy === 'agreed',
              title:
                plan.how === 'local'
                  ? `Accept the ${plan.n} agreed spans that are open (not the ${m.counts.agreedRejected} rejected) (Shift+A)`
                  : plan.n
                    ? `Create in gold every span all ${m.submitted.length} annotators marked alike (Shift+A)`
                    : m.counts.agreed
                      ? 'Every agreed span is decided'
                      : 'No span is agreed by everyone',
            },
            R.busy === 'agreed' ? 'Accepting…' : `Accept all agreed (${plan.n})`,
          ),
          done
            ? h('span', { class: 'rv-done', role: 'status', title: 'Locked for its annotators' }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, '✓'), 'Reviewed')
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn',
                  dataset: { action: 'rv-reviewed' },
                  disabled: R.busy === 'reviewed',
                  title: 'Done: locks the article for its annotators (Ctrl+Enter: and open the next one to review)',
                },
                'Mark reviewed',
              ),
          done ? h('button', { type: 'button', class: 'btn', dataset: { action: 'rv-next-article' } }, 'Next to review →') : null,
        ),
      );
      intro.push(
        h(
          'p',
          { class: 'rv-layers' },
          h('span', { class: 'muted' }, 'Layers:'),
          m.layers.map((l) =>
            h(
              'span',
              { class: `rv-layer is-${l.status}`, title: `${l.name}: ${(LAYER_STATUS[l.status] || l.status).toLowerCase()}, ${l.annotations} span${l.annotations === 1 ? '' : 's'}` },
              h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, l.status === 'submitted' ? '✓' : '…'),
              l.name,
              l.status === 'submitted' ? null : h('span', { class: 'muted' }, ` (${(LAYER_STATUS[l.status] || l.status).toLowerCase()})`),
            ),
          ),
          m.submitted.length < m.k ? h('span', { class: 'rv-waiting' }, `${m.submitted.length} of ${m.k} submitted`) : null,
        ),
      );
    }
    if (others.length) intro.push(h('p', { class: 'rv-others' }, h('span', { class: 'rv-icon', 'aria-hidden': 'true' }, '👥 '), `Also reviewing now: ${others.join(', ')}`));
    if (m && m.candidates.length) {
      intro.push(
        h(
          'div',
          { class: 'rv-tools' },
          h(
            'div',
            { class: 'rv-mode', role: 'group', 'aria-label': 'Show the candidates' },
            [
              ['merged', 'Merged'],
              ['layers', 'Side by side'],
            ].map(([mode, text]) => h('button', { type: 'button', class: 'seg', dataset: { action: 'rv-mode', mode }, 'aria-pressed': String(R.mode === mode) }, text)),
          ),
          legend(),
        ),
        keyHints(),
      );
    }
    fill(E.head, head);
    fill(E.intro, intro);
  },

  reviewList(E, state, m, R, gold, p) {
    const labels = this.store.labels();
    switch (state) {
      case 'loading':
        fill(E.list, h('p', { class: 'rv-empty muted' }, 'Loading the annotators’ layers…'));
        return;
      case 'shared':
        fill(
          E.list,
          h(
            'div',
            { class: 'rv-empty' },
            h('h3', {}, 'Review needs independent annotation'),
            h('p', {}, `In ${p ? p.name : 'this project'} everyone annotates one shared copy of each article, so there are no separate layers to compare: the article itself is what you edit.`),
            h('p', {}, 'A manager can switch the project to “Independently (blind)” in Members & settings: then each annotator works on their own copy, submits it, and this page compares them.'),
            h('p', {}, h('a', { class: 'btn small', href: `#/articles/${this.store.get().route.id}` }, 'Open the article')),
          ),
        );
        return;
      case 'error':
        fill(E.list, h('div', { class: 'notice error', role: 'alert' }, h('p', {}, 'The annotators’ layers could not be loaded: ', R.error), h('p', {}, h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-retry' } }, 'Try again'))));
        return;
      case 'none': {
        const layers = [...(R.data.layers || [])].sort((x, y) => x.name.localeCompare(y.name));
        const k = perArticle(p);
        fill(
          E.list,
          h(
            'div',
            { class: 'rv-empty' },
            h('h3', {}, `0 of ${k} submitted — nothing to review yet`),
            h('p', {}, 'Candidates appear here once annotators submit their copy of this article.'),
            layers.length
              ? h('ul', { class: 'rv-waitlist' }, layers.map((l) => h('li', {}, h('strong', {}, l.name), `: ${(LAYER_STATUS[l.status] || l.status).toLowerCase()}`)))
              : h('p', { class: 'muted' }, 'Nobody has been given this article yet.'),
            h('p', { class: 'muted small' }, 'You can edit gold in the text meanwhile.'),
          ),
        );
        return;
      }
      case 'ready':
        break;
      default:
        fill(E.list);
        return;
    }
    const waiting = m.submitted.length < m.k ? h('p', { class: 'rv-partial' }, progressLine(m), '. What you see is theirs alone so far.') : null;
    if (!m.candidates.length) {
      fill(E.list, waiting, h('div', { class: 'rv-empty' }, h('h3', {}, 'Nothing marked'), h('p', {}, 'The submitted layers hold no spans. Mark it reviewed when gold is right.')));
      return;
    }
    const items = m.groups.map((g) => (R.mode === 'layers' ? groupLayers(g, m, labels, gold) : groupMerged(g, m, labels)));
    fill(E.list, waiting, h('ol', { class: 'rv-groups' + (R.mode === 'layers' ? ' is-side' : '') }, items));
  },

  // reviewBar is the current candidate with its buttons, fixed at the
  // bottom of narrow screens, where the panel is below the text.
  reviewBar(E, m, cur) {
    E.bar.hidden = !m || !m.candidates.length;
    if (E.bar.hidden) return;
    const open = m.counts.open;
    const nav = h(
      'div',
      { class: 'rv-bar-nav' },
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-step', by: '-1' }, 'aria-label': 'Previous open candidate (k)', title: 'Previous open candidate (k)' }, '‹'),
      h('span', { class: 'rv-bar-count' }, `${open} open`),
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-step', by: '1' }, 'aria-label': 'Next open candidate (j)', title: 'Next open candidate (j)' }, '›'),
    );
    if (!cur) {
      fill(E.bar, nav, h('p', { class: 'rv-bar-text' }, open ? 'Press › (or j) for the first open candidate.' : 'Every candidate is decided.'));
      return;
    }
    const plan = acceptAllPlan(m);
    const acts = actions(cur, true);
    if (plan.n) acts.appendChild(h('button', { type: 'button', class: 'btn small', dataset: { action: 'rv-agreed' }, title: 'Accept every agreed candidate (Shift+A)' }, `All agreed (${plan.n})`));
    fill(
      E.bar,
      nav,
      h('div', { class: 'rv-bar-text', dataset: { key: cur.key } }, h('span', { class: 'rv-line' }, kindChip(cur), labelChip(this.store.labels(), cur.label), stateChip(cur)), h('span', { class: 'rv-who' }, whoLine(cur, m.submitted.length))),
      acts,
    );
  },

  // reviewHelp lists the review keys in the help while the page is open.
  reviewHelp(on) {
    if (!this.changed('rv-help', [on])) return;
    let ul = document.getElementById('help-review');
    if (!on) {
      if (ul) ul.hidden = true;
      return;
    }
    if (!ul) {
      const k = (x) => h('kbd', {}, x);
      ul = h(
        'ul',
        { id: 'help-review', class: 'keys', 'aria-label': 'Review' },
        h('li', { class: 'rv-help-head' }, h('strong', {}, 'Review'), h('span', { class: 'muted small' }, 'on this page')),
        REVIEW_KEYS.map((r) => h('li', {}, h('span', { class: 'k' }, r.keys.map((x, i) => [i ? (r.or ? ' or ' : ' ') : '', k(x)])), h('span', {}, r.what))),
      );
      const labels = document.getElementById('help-labels');
      labels.parentElement.insertBefore(ul, labels);
    }
    ul.hidden = false;
  },
};
