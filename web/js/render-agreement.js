// render-agreement.js draws the Agreement page (Renderer's agreementPage,
// see render.js): the project's summary, the label and metric selectors,
// the per-label table (Krippendorff's alpha), a heatmap per label (the
// annotators × annotators matrix of kappa or F1) and the list of the
// articles where a pair, or everyone, disagrees most.
//
// The page's section is its own: made here on first use, beside the
// others in <main>, with its own delegated listeners dispatching on
// data-action (ag-*). Every figure is printed; colour only helps the eye.
import { h, fill, swatch } from './dom.js';
import {
  METRICS,
  metricOf,
  formatCount,
  formatFigure,
  plural,
  listNames,
  diffText,
  whyUndefined,
  whyNoAlpha,
  cellTitle,
  pairSummary,
  buildMatrix,
  labelsShown,
  heatmapLabels,
  colorFor,
  LEGEND,
  pageState,
  noSharedArticle,
  chooseView,
  loadAgreement,
  openDisagreements,
  closeDisagreements,
  panelTitle,
  reviewHref,
} from './agreement.js';

// figure is a number printed on its colour (a pill), or "–" on hatching
// with why in its title.
function figure(v, why, cls = 'ag-pill') {
  const c = colorFor(v);
  return h('span', { class: cls + (c ? '' : ' is-null'), style: c ? { '--ag-bg': c.bg, '--ag-ink': c.ink } : null, title: c ? null : why }, formatFigure(v));
}

/** agreementMethods are Renderer's methods for the Agreement page; render.js adds them to the class. */
export const agreementMethods = {
  agreementPage(s) {
    const on = s.route.view === 'agreement';
    if (!this.el.agreementView) {
      if (!on) return;
      this.agreementRoot();
    }
    const E = this.el.agreementView;
    E.root.hidden = !on;
    if (!on) return;
    const A = s.agreement || null;
    const p = A ? (s.projects || []).find((x) => x.id === A.project) || null : null;
    const state = pageState(p, A);
    const r = A && A.report;
    if (this.changed('ag-head', [state, p, r, A && A.project])) {
      fill(E.project, p ? p.name : A ? `Project ${A.project}` : '');
      fill(E.summary, state === 'report' || state === 'one' ? summary(p, r) : null);
    }
    if (this.changed('ag-body', [state, r, A && A.error, A && A.refused, A && A.label, A && A.metric, p && p.labels, p && p.mode])) {
      this.agreementBody(E, state, p, A);
      this.memo.delete('ag-open');
      this.memo.delete('ag-busy');
    }
    if (this.changed('ag-busy', [A && A.loading])) {
      for (const btn of E.body.querySelectorAll('[data-action="ag-reload"]')) btn.disabled = !!(A && A.loading);
      const btn = E.body.querySelector('.ag-refresh');
      if (btn) btn.textContent = A && A.loading ? 'Refreshing…' : 'Refresh';
    }
    const show = state === 'report';
    const panel = show ? A.panel : null;
    if (this.changed('ag-panel', [show, panel, r])) {
      const opened = !!panel && (!this.agPanelKey || this.agPanelKey !== panelKey(panel));
      this.agPanelKey = panel ? panelKey(panel) : '';
      // The list arriving redraws the panel: the focus stays in it.
      const inside = E.panel.contains(document.activeElement);
      this.disagreementPanel(E, show, panel, r, p);
      if (panel && (opened || inside)) E.panel.querySelector('#ag-panel-title').focus();
    }
    if (this.changed('ag-open', [panel && panelKey(panel)])) {
      for (const el of E.body.querySelectorAll('[aria-current="true"]')) el.removeAttribute('aria-current');
      if (panel) {
        const sel = panel.a && panel.b ? `[data-action="ag-cell"][data-label="${cssq(panel.label)}"][data-a="${cssq(panel.a)}"][data-b="${cssq(panel.b)}"]` : `[data-action="ag-label"][data-label="${cssq(panel.label)}"]`;
        for (const el of E.body.querySelectorAll(sel)) el.setAttribute('aria-current', 'true');
      }
    }
  },

  // agreementRoot makes the page's section and its listeners.
  agreementRoot() {
    const E = {};
    E.project = h('span', { class: 'ag-project' });
    E.summary = h('p', { class: 'ag-summary' });
    E.body = h('div', { class: 'ag-main' });
    E.panel = h('aside', { id: 'ag-panel', class: 'card ag-panel', 'aria-labelledby': 'ag-panel-title', hidden: true });
    E.layout = h('div', { class: 'ag-layout' }, E.body, E.panel);
    E.root = h(
      'section',
      { id: 'agreement-view', class: 'page-view agreement-view', 'aria-labelledby': 'ag-title', hidden: true },
      h('div', { class: 'page-head' }, h('h1', { id: 'ag-title' }, 'Agreement'), E.project, h('span', { class: 'spacer' }), h('a', { href: '#/' }, '← Articles')),
      E.summary,
      E.layout,
    );
    document.querySelector('main').appendChild(E.root);
    this.el.agreementView = E;

    const store = this.store;
    const act = (e) => {
      const el = e.target.closest && e.target.closest('[data-action^="ag-"]');
      return el && E.root.contains(el) ? el : null;
    };
    E.root.addEventListener('click', (e) => {
      const el = act(e);
      if (!el) return;
      const A = store.get().agreement;
      switch (el.dataset.action) {
        case 'ag-cell':
          this.agOpener = el;
          openDisagreements(store, { label: el.dataset.label, a: el.dataset.a, b: el.dataset.b });
          break;
        case 'ag-label':
          this.agOpener = el.tagName === 'BUTTON' ? el : el.querySelector('button');
          openDisagreements(store, { label: el.dataset.label });
          break;
        case 'ag-close':
          this.closeAgreementPanel();
          break;
        case 'ag-reload':
          if (A) loadAgreement(store, A.project);
          break;
      }
    });
    E.root.addEventListener('change', (e) => {
      const el = act(e);
      if (!el) return;
      if (el.dataset.action === 'ag-label-pick') chooseView(store, { label: el.value });
      if (el.dataset.action === 'ag-metric') chooseView(store, { metric: el.value });
    });
    // Escape closes the list (after the editor's own Escape: help, menus).
    document.addEventListener('keydown', (e) => {
      const s = store.get();
      if (e.key !== 'Escape' || e.defaultPrevented || s.route.view !== 'agreement' || !(s.agreement && s.agreement.panel)) return;
      e.preventDefault();
      this.closeAgreementPanel();
    });
  },

  // closeAgreementPanel closes the disagreement list and gives the focus
  // back to the cell or row that opened it.
  closeAgreementPanel() {
    const back = this.agOpener;
    this.agOpener = null;
    closeDisagreements(this.store);
    if (back && back.isConnected) back.focus();
  },

  agreementBody(E, state, p, A) {
    const body = E.body;
    switch (state) {
      case 'loading':
        fill(body, h('p', { class: 'card empty-note' }, 'Loading the agreement figures…'));
        return;
      case 'missing':
        fill(body, emptyCard('No such project', `There is no project ${A.project}, or you are not one of its members.`, backLink()));
        return;
      case 'refused':
        fill(body, emptyCard('Not for your role', A.refused || 'Agreement figures are for the project’s reviewers, managers and admins.', backLink('Back to your articles')));
        return;
      case 'error':
        fill(
          body,
          h('div', { class: 'notice error ag-error', role: 'alert' }, h('p', {}, 'The agreement figures could not be loaded: ', A.error), h('p', {}, h('button', { type: 'button', class: 'btn small', dataset: { action: 'ag-reload' } }, 'Try again'))),
        );
        return;
      case 'shared':
        fill(
          body,
          emptyCard(
            'This project is in shared mode',
            'Agreement needs independent annotation: a manager switches the project to independent mode in its settings.',
            h('p', {}, 'In shared mode everyone works on one layer together, so there are no separate layers to compare. In independent mode each annotator marks an article on their own, blind to the others, and submits it; the figures here compare what they submitted.'),
          ),
        );
        return;
      case 'none':
        fill(
          body,
          emptyCard(
            'No submitted layers yet',
            'Figures appear once annotators submit their layer of an article. An article counts as soon as two annotators have submitted it.',
            p && p.annotators_per_article ? h('p', {}, `This project asks for ${plural(p.annotators_per_article, 'annotator')} per article.`) : null,
            refreshButton(),
          ),
        );
        return;
      case 'one': {
        const who = A.report.annotators[0];
        fill(
          body,
          emptyCard(
            who ? `Only ${who} has submitted layers so far` : 'No annotator to compare',
            `Agreement compares annotators with each other: it needs a second annotator to submit a layer of an article ${who || 'someone'} submitted too.`,
            refreshButton(),
          ),
        );
        return;
      }
    }
    const r = A.report;
    const colours = new Map(((p && p.labels) || []).map((l) => [l.name, l.color]));
    const shown = labelsShown(r, A.label);
    const { maps, blank } = heatmapLabels(r, shown, A.label);
    const notes = [];
    if (p && p.mode !== 'independent') notes.push('This project is in shared mode now: these figures are from the layers submitted while it was independent.');
    if (noSharedArticle(r)) notes.push(`No article has been submitted by two annotators yet, so there is nothing to compare: every figure is undefined (–) until two annotators submit the same article.`);
    fill(
      body,
      controls(r, A),
      notes.map((n) => h('p', { class: 'notice' }, n)),
      h(
        'section',
        { class: 'card ag-labels-card', 'aria-labelledby': 'ag-labels-title' },
        h('h2', { id: 'ag-labels-title' }, 'Per label'),
        h('p', { class: 'ag-intro' }, 'Krippendorff’s alpha over all annotators. Click a label to list the articles where the annotators disagree most.'),
        h('div', { class: 'ag-scroll' }, labelTable(shown, colours)),
      ),
      h(
        'section',
        { class: 'ag-heatmaps', 'aria-labelledby': 'ag-heat-title' },
        h('div', { class: 'ag-heat-head' }, h('h2', { id: 'ag-heat-title' }, `${metricOf(A.metric).name} per pair`), legend()),
        h('p', { class: 'ag-intro' }, 'Each cell compares two annotators over the articles both submitted. Click a cell, or focus it and press Enter, to list where they disagree.'),
        h('div', { class: 'ag-heat-grid' }, maps.map((l) => heatmap(r, l, A.metric, colours.get(l.label)))),
        blank.length
          ? h(
              'p',
              { class: 'ag-blank' },
              `No matrix for ${listNames(blank.map((l) => l.label))}: no annotator marked any span of ${blank.length === 1 ? 'it' : 'them'} in the articles they share, so there is nothing to compare. Choose ${blank.length === 1 ? 'it' : 'one'} under Labels to see ${blank.length === 1 ? 'its' : 'the'} matrix anyway.`,
            )
          : null,
      ),
      explain(),
    );
  },

  // disagreementPanel draws the list beside the figures. Closed, it says
  // what a click does (wide windows keep its column, so nothing moves
  // when it opens; narrow ones hide it).
  disagreementPanel(E, show, panel, r, p) {
    E.layout.classList.toggle('has-panel', show);
    E.panel.hidden = !show;
    E.panel.classList.toggle('is-open', !!panel);
    if (!panel) {
      fill(
        E.panel,
        show ? h('p', { class: 'ag-hint' }, h('strong', {}, 'Where do they disagree?'), ' Click a cell of a matrix, or a label in the table, to list the articles where those annotators disagree most, each linked to its review.') : null,
      );
      return;
    }
    const pair = panel.a && panel.b ? (r.pairs || []).find((x) => x.label === panel.label && x.a === panel.a && x.b === panel.b) : null;
    const lab = !panel.a ? (r.labels || []).find((l) => l.label === panel.label) : null;
    const about = pair
      ? pair.articles
        ? `${pairSummary(pair)}, over ${plural(pair.units, 'code point')} in ${plural(pair.articles, 'article')} both submitted.`
        : whyUndefined(pair, 'kappa')
      : lab
        ? `Krippendorff’s alpha ${formatFigure(lab.alpha)} over ${plural(lab.annotators, 'annotator')}, ${plural(lab.units, 'code point')} in ${plural(lab.articles, 'article')}.`
        : '';
    let list;
    if (panel.loading) list = h('p', { class: 'muted' }, 'Loading…');
    else if (panel.error) list = h('p', { class: 'form-msg error', role: 'alert' }, panel.error);
    else {
      const differ = panel.list.filter((d) => d.disagree > 0);
      const same = panel.list.filter((d) => !(d.disagree > 0));
      const who = panel.a && panel.b ? 'they' : 'the annotators';
      list = [
        differ.length
          ? h('ol', { class: 'ag-articles' }, differ.map((d) => articleItem(d, !panel.b)))
          : h('p', { class: 'ag-none' }, panel.list.length ? `No disagreement: ${who} coded every code point of ${plural(panel.list.length, 'article')} the same way for ${panel.label}.` : `No article to compare: ${who} have not both submitted one.`),
        differ.length && same.length
          ? h('details', { class: 'ag-same' }, h('summary', {}, `${plural(same.length, 'article')} where ${who} agree on every code point`), h('ol', { class: 'ag-articles' }, same.map((d) => articleItem(d, !panel.b))))
          : null,
      ];
    }
    const colour = ((p && p.labels) || []).find((l) => l.name === panel.label);
    fill(
      E.panel,
      h(
        'header',
        { class: 'ag-panel-head' },
        h('h2', { id: 'ag-panel-title', tabindex: '-1' }, colour ? swatch(colour.color) : null, panelTitle(panel)),
        h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'ag-close' }, 'aria-label': 'Close the list (Esc)', title: 'Close (Esc)' }, '×'),
      ),
      about ? h('p', { class: 'ag-about' }, about) : null,
      h('p', { class: 'ag-intro' }, 'Most disagreement first. Each opens the article’s review.'),
      list,
    );
  },
};

function panelKey(panel) {
  return [panel.label, panel.a, panel.b].join('\u0000');
}

// cssq quotes s for a CSS attribute selector's "…".
function cssq(s) {
  return String(s).replace(/["\\]/g, '\\$&');
}

function backLink(text = 'Back to the articles') {
  return h('p', {}, h('a', { href: '#/' }, text));
}

function refreshButton() {
  return h('p', {}, h('button', { type: 'button', class: 'btn', dataset: { action: 'ag-reload' } }, 'Refresh'));
}

function emptyCard(title, text, ...more) {
  return h('div', { class: 'card ag-empty' }, h('h2', {}, title), h('p', {}, text), ...more);
}

function summary(p, r) {
  const names = r.annotators || [];
  return [
    h('span', {}, h('strong', {}, plural(r.submitted, 'article')), ' with submitted layers'),
    h('span', { class: 'dot', 'aria-hidden': 'true' }, '·'),
    h('span', {}, h('strong', {}, plural(names.length, 'annotator')), names.length ? ': ' + listNames(names) : ''),
    p && p.mode === 'independent' && p.annotators_per_article ? [h('span', { class: 'dot', 'aria-hidden': 'true' }, '·'), h('span', {}, `${plural(p.annotators_per_article, 'annotator')} asked per article`)] : null,
  ];
}

function controls(r, A) {
  const labels = (r.labels || []).map((l) => l.label);
  return h(
    'div',
    { class: 'ag-controls' },
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'field-name' }, 'Labels'),
      h('select', { dataset: { action: 'ag-label-pick' } }, h('option', { value: '', selected: !A.label }, 'All labels'), labels.map((l) => h('option', { value: l, selected: A.label === l }, l))),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'field-name' }, 'Heatmaps show'),
      h('select', { dataset: { action: 'ag-metric' } }, METRICS.map((m) => h('option', { value: m.key, selected: metricOf(A.metric).key === m.key }, m.name))),
    ),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', class: 'btn ag-refresh', dataset: { action: 'ag-reload' }, title: 'Read the figures again: layers submitted since are counted' }, 'Refresh'),
  );
}

function labelTable(rows, colours) {
  return h(
    'table',
    { class: 'ag-table' },
    h('caption', { class: 'sr-only' }, 'Agreement per label'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Label'),
        h('th', { scope: 'col', class: 'num' }, h('abbr', { title: 'Krippendorff’s alpha, nominal' }, 'Alpha')),
        h('th', { scope: 'col', class: 'num' }, 'Annotators'),
        h('th', { scope: 'col', class: 'num' }, 'Articles'),
        h('th', { scope: 'col', class: 'num' }, 'Code points'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((l) =>
        h(
          'tr',
          { class: 'ag-label-row', dataset: { action: 'ag-label', label: l.label } },
          h(
            'th',
            { scope: 'row' },
            h(
              'button',
              { type: 'button', class: 'ag-label-btn', dataset: { action: 'ag-label', label: l.label }, 'aria-label': `${l.label}: list the articles where the annotators disagree most`, title: 'List the articles where the annotators disagree most' },
              swatch(colours.get(l.label)),
              l.label,
            ),
          ),
          h('td', { class: 'num alpha' }, figure(l.alpha, l.alpha === null ? whyNoAlpha(l) : null), l.alpha === null ? h('span', { class: 'sr-only' }, ` (undefined: ${whyNoAlpha(l)})`) : null),
          h('td', { class: 'num count', dataset: { th: 'Annotators' } }, formatCount(l.annotators)),
          h('td', { class: 'num count', dataset: { th: 'Articles' } }, formatCount(l.articles)),
          h('td', { class: 'num count', dataset: { th: 'Code points' } }, formatCount(l.units)),
        ),
      ),
    ),
  );
}

function legend() {
  return h(
    'div',
    { class: 'ag-legend', role: 'group', 'aria-label': 'Colour scale' },
    h('span', { class: 'ag-legend-name' }, 'Low'),
    LEGEND.map((v) => {
      const c = colorFor(v);
      return h('span', { class: 'ag-legend-step', style: { '--ag-bg': c.bg, '--ag-ink': c.ink } }, v === 0 ? '≤0' : v.toFixed(1));
    }),
    h('span', { class: 'ag-legend-name' }, 'high'),
    h('span', { class: 'ag-legend-null' }, h('span', { class: 'ag-legend-step is-null', title: 'Undefined: hover or focus a cell to see why' }, '–'), h('span', { class: 'ag-legend-name' }, 'undefined')),
  );
}

function heatmap(r, l, metric, colour) {
  const m = metricOf(metric);
  const { names, rows } = buildMatrix(r, l.label, m.key);
  const id = 'ag-heat-' + l.label.replace(/[^A-Za-z0-9_-]/g, '_');
  return h(
    'figure',
    { class: 'card ag-heat', dataset: { label: l.label }, 'aria-labelledby': id },
    h('h3', { id }, swatch(colour), l.label, h('span', { class: 'ag-heat-metric' }, m.short)),
    h(
      'div',
      { class: 'ag-scroll' },
      h(
        'table',
        { class: 'ag-matrix' },
        h('caption', { class: 'sr-only' }, `${l.label}: ${m.name} between each pair of annotators`),
        h('thead', {}, h('tr', {}, h('td', { class: 'ag-corner' }), names.map((n) => h('th', { scope: 'col', title: n }, h('span', { class: 'ag-name' }, n))))),
        h(
          'tbody',
          {},
          rows.map((row, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', title: names[i] }, h('span', { class: 'ag-name' }, names[i])),
              row.map((c, j) => (c.diagonal ? h('td', { class: 'ag-diag' }, h('span', { class: 'sr-only' }, 'same annotator')) : cellOf(c, l.label, m, names[i], names[j]))),
            ),
          ),
        ),
      ),
    ),
  );
}

function cellOf(c, label, m, row, col) {
  const p = c.pair || { a: c.a, b: c.b, label, articles: 0, units: 0, kappa: null, f1_exact: null, f1_overlap: null };
  const color = colorFor(c.value);
  const what = c.value === null ? `${m.name} undefined. ${whyUndefined(p, m.key)}` : `${m.name} ${formatFigure(c.value)}, over ${plural(p.units, 'code point')} in ${plural(p.articles, 'article')}.`;
  return h(
    'td',
    { class: 'ag-cell' },
    h(
      'button',
      {
        type: 'button',
        class: 'ag-fig' + (color ? '' : ' is-null'),
        style: color ? { '--ag-bg': color.bg, '--ag-ink': color.ink } : null,
        dataset: { action: 'ag-cell', label, a: c.a, b: c.b, row, col },
        title: cellTitle(p, m.key),
        'aria-label': `${row} and ${col}: ${what} Show where they disagree.`,
      },
      formatFigure(c.value),
    ),
  );
}

function articleItem(d, many) {
  const share = d.units ? Math.min(1, d.disagree / d.units) : 0;
  return h(
    'li',
    { dataset: { article: String(d.article) } },
    h(
      'a',
      { href: reviewHref(d.article) },
      h('span', { class: 'ag-art-title' }, d.title || `Article ${d.article}`),
      h('span', { class: 'ag-art-diff' }, diffText(d), d.units ? ` (${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%)` : '', many && d.annotators ? ` · ${plural(d.annotators, 'annotator')}` : ''),
      h('span', { class: 'ag-bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${(share * 100).toFixed(1)}%` } })),
    ),
  );
}

function explain() {
  return h(
    'details',
    { class: 'card ag-explain' },
    h('summary', {}, 'How these figures are computed'),
    h(
      'ul',
      {},
      h('li', {}, 'Only submitted layers count; a layer still in progress is left out. Two annotators are compared over the articles both submitted.'),
      h('li', {}, 'The units are code points (characters, as Python counts them). A code point is marked for a label when it lies inside any span of that label.'),
      h('li', {}, h('strong', {}, 'Cohen’s kappa'), ' compares two annotators’ marked and unmarked code points, corrected for chance: 1 is identical, 0 is what chance would give, below 0 worse than chance. As a rough guide (Landis and Koch): 0.41–0.60 moderate, 0.61–0.80 substantial, above 0.80 almost perfect.'),
      h('li', {}, h('strong', {}, 'F1, exact spans'), ' counts spans with the same start and end as matched; ', h('strong', {}, 'F1, overlapping spans'), ' matches spans that overlap, each at most once. F1 = 2 × matched ÷ (spans of one + spans of the other).'),
      h('li', {}, h('strong', {}, 'Krippendorff’s alpha'), ' (nominal) measures all annotators of a label at once, over the articles two or more of them submitted; an annotator who did not submit an article is missing there, not counted as disagreeing.'),
      h('li', {}, '“–” means undefined: no shared article, no span of the label, or no variation at all. Hover over a cell, or focus it, to read which.'),
    ),
  );
}
