// render-annotations-view.js draws the Annotations view (Renderer's
// annotationsPage, see render.js): the filters (label, the label's
// attributes, author, article status, text), how many match (announced),
// the results, each annotation in its sentence with its label, attributes,
// article and author, Load more, and Export this selection.
//
// The page's section is its own: made here on first use, beside the
// others in <main>, with its own listeners dispatching on data-action
// (av-*). The filter form is built when the project or the label changes
// and only synced otherwise, so that typing in it is never interrupted.
// It also keeps the list header's Annotations link pointing at the open
// project.
import { h, fill, swatch, truncate } from './dom.js';
import { ARTICLE_STATUSES, independent, statusName } from './assign.js';
import { EXPORT_FORMATS } from './render-export.js';
import {
  PAGE,
  attrField,
  attrFieldText,
  attrList,
  annotationHref,
  chooseFormat,
  clearFilters,
  contextParts,
  countText,
  exportHref,
  exportNote,
  exportPlan,
  hasFilters,
  loadMore,
  plural,
  reloadView,
  setFilters,
  viewHash,
} from './annotations-view.js';

// TYPING waits this long after the last key before a typed filter applies.
const TYPING = 300;

/** annotationsViewMethods are Renderer's methods for the Annotations view; render.js adds them to the class. */
export const annotationsViewMethods = {
  annotationsPage(s) {
    this.annotationsLink(s);
    const on = s.route.view === 'annotations';
    if (!this.el.annView) {
      if (!on) return;
      this.annotationsRoot();
    }
    const E = this.el.annView;
    E.root.hidden = !on;
    if (!on) return;
    const V = s.annView || null;
    const p = V ? (s.projects || []).find((x) => x.id === V.project) || null : null;
    if (this.changed('av-head', [p, V && V.project])) fill(E.project, p ? p.name : V ? `Project ${V.project}` : '');
    const missing = !!V && V.missing;
    E.form.hidden = missing;
    E.bar.hidden = missing;
    if (this.changed('av-form', [p && p.labels, p && p.mode, V && V.project, V && V.filters.label, missing])) this.avForm(E, p, V);
    if (V) this.avSync(E, V);
    if (this.changed('av-seen', [V && V.results, p && p.members])) this.avLists(E, p, V);
    const live = countText(V, statusName);
    if (E.count.textContent !== live) E.count.textContent = live;
    if (this.changed('av-export', [V && V.total, V && V.results, V && V.format, V && V.exporting, V && V.exportError, V && V.filters, p && p.can])) this.avExport(E, p, V);
    if (this.changed('av-results', [V && V.results, V && V.error, V && V.missing, V && V.loading && !V.results.length, p && p.labels])) this.avResults(E, p, V);
    E.list.classList.toggle('loading', !!V && V.loading && V.results.length > 0);
    if (this.changed('av-more', [V && V.results.length, V && V.total, V && V.more, V && V.error])) {
      const left = V && !V.error ? V.total - V.results.length : 0;
      E.more.hidden = !(left > 0);
      const btn = E.more.querySelector('button');
      btn.disabled = !!(V && V.more);
      btn.textContent = V && V.more ? 'Loading…' : `Load ${Math.min(PAGE, left)} more`;
      fill(E.more.querySelector('.av-shown'), V && V.results.length ? `${V.results.length} of ${plural(V.total, 'annotation')} shown` : '');
    }
  },

  // annotationsLink points the list header's Annotations link at the
  // open project's view.
  annotationsLink(s) {
    if (!this.changed('av-link', [s.projectId])) return;
    const link = (this.el.annLink ||= document.getElementById('annotations-link'));
    if (!link) return;
    link.hidden = s.projectId == null;
    if (s.projectId != null) link.href = viewHash(s.projectId);
  },

  // annotationsRoot makes the page's section and its listeners.
  annotationsRoot() {
    const E = {};
    E.project = h('span', { class: 'av-project' });
    E.form = h('form', { class: 'card av-filters', role: 'search', 'aria-label': 'Filter the annotations', novalidate: true });
    E.count = h('p', { id: 'av-count', class: 'av-count', role: 'status', 'aria-live': 'polite' });
    E.exportBox = h('div', { class: 'av-export' });
    E.bar = h('div', { class: 'av-bar' }, E.count, E.exportBox);
    E.list = h('ol', { class: 'av-results', 'aria-labelledby': 'av-title', 'aria-describedby': 'av-count' });
    E.empty = h('div', { class: 'av-empty' });
    E.more = h(
      'div',
      { class: 'av-more', hidden: true },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'av-more' } }, 'Load more'),
      h('span', { class: 'av-shown muted' }),
    );
    E.download = h('a', { id: 'av-download', class: 'sr-only', download: '', tabindex: '-1', 'aria-hidden': 'true' });
    E.root = h(
      'section',
      { id: 'annotations-view', class: 'page-view annotations-view', 'aria-labelledby': 'av-title', hidden: true },
      h('div', { class: 'page-head' }, h('h1', { id: 'av-title' }, 'Annotations'), E.project, h('span', { class: 'spacer' }), h('a', { href: '#/' }, '← Articles')),
      E.form,
      E.bar,
      E.empty,
      E.list,
      E.more,
      E.download,
      h('datalist', { id: 'av-authors' }),
    );
    document.querySelector('main').appendChild(E.root);
    this.el.annView = E;

    const store = this.store;
    // Typed filters waiting to apply, by their field (data-action and name).
    const timers = (E.timers = new Map());
    const later = (key, fn) => {
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => (timers.delete(key), fn()), TYPING));
    };
    const now = (key, fn) => {
      clearTimeout(timers.get(key));
      timers.delete(key);
      fn();
    };
    // What a field typed into means, applied after a pause or at once.
    const typed = (el) => {
      switch (el.dataset.action) {
        case 'av-author':
          return ['av-author', () => setFilters(store, { author: el.value.trim() })];
        case 'av-q':
          return ['av-q', () => setFilters(store, { q: el.value })];
        case 'av-attr-text':
          return ['av-attr-text' + el.dataset.name, () => setFilters(store, { attrs: { [el.dataset.name]: attrField(el.value) } })];
      }
      return null;
    };
    const act = (e) => {
      const el = e.target.closest && e.target.closest('[data-action^="av-"]');
      return el && E.root.contains(el) ? el : null;
    };
    E.root.addEventListener('input', (e) => {
      const el = act(e);
      const t = el && typed(el);
      if (t) later(...t);
    });
    E.root.addEventListener('change', (e) => {
      const el = act(e);
      // A field taken away as the form is rebuilt says nothing new.
      if (!el || E.rebuilding) return;
      const t = typed(el);
      if (t) return now(...t);
      switch (el.dataset.action) {
        case 'av-label':
          return setFilters(store, { label: el.value });
        case 'av-status':
          return setFilters(store, { status: el.value });
        case 'av-attr-enum': {
          const name = el.dataset.name;
          const vals = [...E.form.querySelectorAll(`[data-action="av-attr-enum"]`)].filter((x) => x.dataset.name === name && x.checked).map((x) => x.value);
          return setFilters(store, { attrs: { [name]: vals.length ? vals : null } });
        }
        case 'av-format':
          return chooseFormat(store, el.value);
      }
    });
    // Enter in a field applies everything typed at once.
    E.form.addEventListener('submit', (e) => {
      e.preventDefault();
      for (const el of E.form.querySelectorAll('input[type="search"], input[type="text"]')) {
        const t = typed(el);
        if (t) now(...t);
      }
    });
    E.root.addEventListener('click', async (e) => {
      const el = act(e);
      if (!el) {
        // A click anywhere on a result (not on its link) opens it too.
        const li = e.target.closest && e.target.closest('.av-hit');
        if (li && !e.target.closest('a, button, input, select') && !String(window.getSelection() || '')) location.hash = li.dataset.href;
        return;
      }
      switch (el.dataset.action) {
        case 'av-clear':
          for (const key of [...timers.keys()]) now(key, () => {});
          return clearFilters(store);
        case 'av-more':
          return loadMore(store);
        case 'av-reload':
          return reloadView(store);
        case 'av-export': {
          const href = await exportHref(store);
          if (!href) return;
          E.download.href = href;
          E.download.click();
        }
      }
    });
  },

  // avForm builds the filter controls for project p and the label chosen.
  avForm(E, p, V) {
    const labels = (p && p.labels) || [];
    const f = V ? V.filters : { label: '', attrs: {} };
    const label = labels.find((l) => l.name === f.label) || null;
    const statuses = ARTICLE_STATUSES[independent(p) ? 'independent' : 'shared'];
    const shownStatuses = f.status && !statuses.some(([v]) => v === f.status) ? [...statuses, [f.status, statusName(f.status)]] : statuses;
    const unknownLabel = f.label && !label ? [h('option', { value: f.label }, `${f.label} (not in this project)`)] : [];
    const focused = document.activeElement && E.form.contains(document.activeElement) ? document.activeElement.id : '';
    E.rebuilding = true;
    fill(
      E.form,
      h(
        'div',
        { class: 'av-row' },
        field('Label', h('select', { id: 'av-label', dataset: { action: 'av-label' } }, h('option', { value: '' }, 'Any label'), labels.map((l) => h('option', { value: l.name }, l.name)), unknownLabel)),
        field('Author', h('input', { id: 'av-author', type: 'text', list: 'av-authors', autocomplete: 'off', spellcheck: 'false', placeholder: 'Anyone', dataset: { action: 'av-author' } })),
        field('Article status', h('select', { id: 'av-status', dataset: { action: 'av-status' } }, h('option', { value: '' }, 'Any status'), shownStatuses.map(([v, name]) => h('option', { value: v }, name)))),
        field('Text of the span', h('input', { id: 'av-q', type: 'search', autocomplete: 'off', placeholder: 'e.g. café, Putin', dataset: { action: 'av-q' } }), 'av-field-q'),
      ),
      label && (label.attrs || []).length
        ? h(
            'fieldset',
            { class: 'av-attrs' },
            h('legend', {}, swatch(label.color), `${label.name} attributes`),
            label.attrs.map((a) => attrControl(a, f.attrs[a.name])),
          )
        : f.label && !label && Object.keys(f.attrs).length
          ? h('p', { class: 'muted small' }, `Attributes: ${Object.entries(f.attrs).map(([n, v]) => `${n} = ${attrFieldText(v) || '(set)'}`).join('; ')}`)
          : null,
      h(
        'div',
        { class: 'av-form-foot' },
        h('p', { class: 'av-hint muted small' }, 'Filters apply as you choose and type; the address keeps them, so a link to this page shows the same selection.'),
        h('button', { type: 'button', class: 'btn small', dataset: { action: 'av-clear' } }, 'Clear filters'),
      ),
    );
    E.rebuilding = false;
    this.memo.delete('av-seen');
    if (focused) {
      const el = document.getElementById(focused);
      if (el) el.focus();
    }
  },

  // avSync puts the filters' values into the controls. A field keeps what
  // is typed in it while that waits to apply, and whenever it means what
  // the filters say already ("Wang " is "Wang"): typing is never undone.
  avSync(E, V) {
    const f = V.filters;
    const set = (el, v, means) => {
      if (!el || E.timers.has(el.dataset.action + (el.dataset.name || ''))) return;
      if (means ? means(el.value) === means(v) : el.value === v) return;
      el.value = v;
    };
    set(E.form.querySelector('#av-label'), f.label);
    set(E.form.querySelector('#av-status'), f.status);
    set(E.form.querySelector('#av-author'), f.author, (v) => v.trim());
    set(E.form.querySelector('#av-q'), f.q);
    for (const el of E.form.querySelectorAll('[data-action="av-attr-text"]')) set(el, attrFieldText(f.attrs[el.dataset.name]), (v) => attrFieldText(attrField(v)));
    for (const el of E.form.querySelectorAll('[data-action="av-attr-enum"]')) el.checked = (f.attrs[el.dataset.name] || []).includes(el.value);
    const clear = E.form.querySelector('[data-action="av-clear"]');
    if (clear) clear.disabled = !hasFilters(f);
  },

  // avLists offers, as the fields' suggestions, the project's members and
  // the authors and text attribute values seen in the results so far.
  avLists(E, p, V) {
    const seen = (this.avSeen ||= new Map());
    const add = (key, v) => {
      if (!v) return;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key).add(v);
    };
    const pid = V ? V.project : 0;
    for (const r of (V && V.results) || []) {
      add(`${pid}\u0000author`, r.author);
      for (const [n, v] of Object.entries(r.attrs || {})) add(`${pid}\u0000${r.label}\u0000${n}`, v);
    }
    const authors = new Set([...((p && p.members) || []).map((m) => m.name), ...(seen.get(`${pid}\u0000author`) || [])]);
    fill(E.root.querySelector('#av-authors'), [...authors].sort().map((n) => h('option', { value: n })));
    const label = V && V.filters.label;
    for (const dl of E.form.querySelectorAll('datalist[data-name]')) {
      const vals = [...(seen.get(`${pid}\u0000${label}\u0000${dl.dataset.name}`) || [])].sort();
      fill(dl, vals.slice(0, 200).map((v) => h('option', { value: v })));
    }
  },

  // avExport draws Export this selection (for those who may export).
  avExport(E, p, V) {
    const may = !!p && (p.can || []).includes('export');
    E.exportBox.hidden = !may || !V || V.missing || !!V.error;
    if (E.exportBox.hidden) return fill(E.exportBox);
    const plan = exportPlan(V.project, V.filters, V, V.format);
    const off = !V.total || plan.how === 'none' || V.exporting;
    const note = V.exportError || (plan.how === 'need-ids' ? exportNote({ how: 'ids' }, V) : exportNote(plan, V));
    const focused = E.exportBox.contains(document.activeElement) ? document.activeElement.dataset.action : '';
    fill(
      E.exportBox,
      h(
        'div',
        { class: 'av-export-row' },
        h('label', { class: 'av-format' }, h('span', {}, 'Format'), h('select', { dataset: { action: 'av-format' } }, EXPORT_FORMATS.map(([id, name, desc]) => h('option', { value: id, selected: id === V.format, title: desc }, name)))),
        h(
          'button',
          { type: 'button', class: 'btn primary', dataset: { action: 'av-export' }, disabled: off, 'aria-describedby': 'av-export-note' },
          V.exporting ? 'Preparing…' : 'Export this selection',
        ),
      ),
      h('p', { id: 'av-export-note', class: 'av-export-note' + (V.exportError ? ' error' : ''), role: V.exportError ? 'alert' : null }, note),
    );
    if (focused) {
      const el = E.exportBox.querySelector(`[data-action="${focused}"]`);
      if (el && !el.disabled) el.focus();
    }
  },

  // avResults draws the results, or what stands in for them.
  avResults(E, p, V) {
    const colours = new Map(((p && p.labels) || []).map((l) => [l.name, l]));
    let empty = null;
    if (!V || (V.loading && !V.results.length)) empty = h('p', { class: 'card empty-note' }, 'Loading the annotations…');
    else if (V.missing) empty = h('div', { class: 'card av-empty-card' }, h('h2', {}, 'No such project'), h('p', {}, `There is no project ${V.project}, or you are not one of its members.`), h('p', {}, h('a', { href: '#/' }, 'Back to the articles')));
    else if (V.error)
      empty = h(
        'div',
        { class: 'notice error av-error', role: 'alert' },
        h('p', {}, 'The annotations could not be loaded: ', V.error),
        h('p', {}, h('button', { type: 'button', class: 'btn small', dataset: { action: 'av-reload' } }, 'Try again')),
      );
    else if (!V.results.length)
      empty = hasFilters(V.filters)
        ? h(
            'div',
            { class: 'card av-empty-card' },
            h('h2', {}, 'No annotation matches these filters'),
            h('p', {}, 'Try fewer filters: another label or value, anyone as author, any status, or less of the text. The text matches inside a span, ignoring case and accents written either way.'),
            h('p', {}, h('button', { type: 'button', class: 'btn', dataset: { action: 'av-clear' } }, 'Clear filters')),
          )
        : h('div', { class: 'card av-empty-card' }, h('h2', {}, 'No annotations yet'), h('p', {}, 'Open an article and label some text: every annotation of the project shows here, in its sentence.'), h('p', {}, h('a', { href: '#/' }, 'Go to the articles')));
    fill(E.empty, empty);
    E.empty.hidden = !empty;
    E.list.hidden = !!empty;
    fill(E.list, empty ? null : V.results.map((r) => hit(r, colours.get(r.label))));
  },
};

function field(name, control, cls = '') {
  return h('label', { class: 'field' + (cls ? ' ' + cls : '') }, h('span', { class: 'field-name' }, name), control);
}

// attrControl is one attribute's filter: its values as checkboxes (an
// enum), else a field for exact values with the values seen offered.
function attrControl(a, values) {
  if (a.type === 'enum' && (a.values || []).length) {
    return h(
      'fieldset',
      { class: 'av-attr av-enum' },
      h('legend', {}, a.name),
      a.values.map((v) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', value: v, checked: (values || []).includes(v), dataset: { action: 'av-attr-enum', name: a.name } }), h('span', {}, v)),
      ),
    );
  }
  const id = `av-attr-${a.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return h(
    'label',
    { class: 'field av-attr' },
    h('span', { class: 'field-name' }, a.name),
    h('input', {
      id,
      type: 'text',
      list: id + '-values',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: a.type === 'url' ? 'Exact address, * for any' : 'Exact value, * for any',
      title: 'The exact value (several: separate them with commas); * keeps those where it is set at all',
      dataset: { action: 'av-attr-text', name: a.name },
    }),
    h('datalist', { id: id + '-values', dataset: { name: a.name } }),
  );
}

// hit is one result: the span in its sentence (the link to its place),
// then its label, attributes, article and author.
function hit(r, label) {
  const c = contextParts(r);
  const color = label && /^#[0-9a-fA-F]{6}$/.test(label.color) ? label.color : '#64748b';
  const attrs = attrList(r.attrs, label);
  const href = annotationHref(r);
  return h(
    'li',
    { class: 'av-hit', dataset: { id: String(r.id), article: String(r.article), href } },
    h(
      'a',
      { class: 'av-context', href },
      c.cutBefore ? h('span', { class: 'av-cut', 'aria-hidden': 'true' }, '… ') : null,
      c.before ? h('span', { class: 'av-before' }, c.before) : null,
      h('mark', { class: 'av-span', style: { '--c': color }, title: c.cutSpan ? r.text : null }, c.span),
      c.after ? h('span', { class: 'av-after' }, c.after) : null,
      c.cutAfter ? h('span', { class: 'av-cut', 'aria-hidden': 'true' }, ' …') : null,
    ),
    h(
      'div',
      { class: 'av-meta' },
      h('span', { class: 'av-label' }, swatch(color), r.label),
      attrs.length
        ? h(
            'span',
            { class: 'av-attr-list' },
            attrs.map(([n, v], i) => [
              i ? h('span', { class: 'av-sep' }, ' · ') : null,
              h('span', { class: 'av-attr-val', title: v.length > 60 ? `${n}: ${v}` : null }, h('span', { class: 'av-attr-name' }, n + ':'), ' ', truncate(v, 60)),
            ]),
          )
        : null,
      h('span', { class: 'av-where' }, 'in ', h('cite', { class: 'av-title' }, r.title || `Article ${r.article}`)),
      h('span', { class: 'av-author' }, 'by ', r.author || 'unknown'),
    ),
  );
}
