// render.js draws the screen from the store. render() may run any number of
// times: each part redraws only when what it shows changed (compared by
// value or by identity), so the article text is laid out once per article
// and highlights repaint only when annotations or the selection change.
//
// Elements carry ids and action names (data-action, data-id) for main.js's
// delegated listeners; never state.
import { h, fill, safeHref, truncate, oneLine, formatDate } from './dom.js';
import { TextView } from './textview.js';
import { exportURL } from './api.js';
import { sameTextSpans } from './matches.js';
import { suggestions } from './suggest.js';
import { PeerHighlighter, people, initials, colorOf, safeColor } from './presence.js';

/** EXPORT_FORMATS are the formats of GET /api/export, with what each is for. */
export const EXPORT_FORMATS = [
  ['jsonl', 'gloss JSONL', 'Every field and annotation; imports back'],
  ['doccano', 'doccano', 'JSONL with [start, end, label] spans'],
  ['labelstudio', 'Label Studio', 'JSON tasks with labels and attributes'],
  ['spacy', 'spaCy / Prodigy', 'JSONL with tokens and token-aligned spans'],
  ['conll', 'CoNLL', 'IOB2 tags: a token a line, a column per label'],
  ['w3c', 'W3C Web Annotation', 'JSON-LD with position and quote selectors'],
  ['brat', 'brat', '.txt and .ann standoff files in a .tar.gz'],
  ['csv', 'CSV', 'One span a row, for spreadsheets'],
  ['claimreview', 'ClaimReview', 'schema.org JSON-LD for claims with a verdict'],
];

const LIVE_TEXT = {
  connecting: ['Connecting…', 'Opening the live connection'],
  live: ['Live', 'Changes are saved and shared as you make them'],
  reconnecting: ['Reconnecting…', 'The connection dropped; your changes are kept and sent when it is back'],
  offline: ['Offline', 'No connection; your changes are kept in this browser and sent when it is back'],
  rest: ['Saved directly', "Live updates are not available here: your changes are saved, others' show after a reload"],
};

/** liveLabel says what the status indicator shows for live state l. */
export function liveLabel(l) {
  const [text, title] = LIVE_TEXT[l.status] || ['', ''];
  const n = l.pending || 0;
  const more = n ? `${n} pending change${n === 1 ? '' : 's'}` : '';
  if (l.status === 'offline' || (l.status === 'reconnecting' && n)) return { text: more ? `${text} · ${more}` : text, title };
  return { text, title };
}

export const STATUSES = [
  ['new', 'New'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
];
const statusName = Object.fromEntries(STATUSES);

const PANEL_ITEMS = 100; // per label before "show all": keeps huge articles cheap

function same(a, b) {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

function badge(status) {
  return h('span', { class: `badge status-${status}` }, statusName[status] || status);
}

function kbd(k) {
  return h('kbd', {}, k);
}

function swatch(color) {
  return h('span', { class: 'swatch', style: { '--c': /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#64748b' } });
}

export class Renderer {
  /**
   * @param {import('./state.js').Store} store
   * @param {import('./highlight.js').Highlighter} hl
   */
  constructor(store, hl) {
    this.store = store;
    this.hl = hl;
    this.view = null; // TextView of the open article
    this.memo = new Map();
    this.expanded = new Set(); // panel groups shown in full
    this.moreKey = ''; // what the popover's count of repeats was counted for
    this.more = 0;
    const $ = (id) => document.getElementById(id);
    this.el = {
      project: $('project'),
      who: $('who'),
      listView: $('list-view'),
      articleView: $('article-view'),
      q: $('q'),
      statusFilter: $('status-filter'),
      importBox: $('import-result'),
      rows: $('rows'),
      listEmpty: $('list-empty'),
      pager: $('pager'),
      importBtn: $('import-btn'),
      head: $('art-head'),
      text: $('text'),
      labels: $('labels'),
      undo: $('undo'),
      redo: $('redo'),
      status: $('status'),
      panel: $('panel'),
      popover: $('popover'),
      toast: $('toast'),
      help: $('help'),
      helpLabels: $('help-labels'),
      newProject: $('new-project'),
      npError: $('np-error'),
      crumb: $('crumb'),
      toolbar: document.querySelector('.toolbar'),
      live: $('live'),
      liveStatus: $('live-status'),
      peers: $('peers'),
      exportList: $('export-list'),
      exportArticle: $('export-article'),
      peerFlags: $('peer-flags'),
    };
    this.peerHl = new PeerHighlighter();
  }

  // changed reports whether deps differ from the last call with this key.
  changed(key, deps) {
    if (this.memo.has(key) && same(this.memo.get(key), deps)) return false;
    this.memo.set(key, deps);
    return true;
  }

  render() {
    const s = this.store.get();
    this.header(s);
    const v = s.route.view;
    this.el.listView.hidden = v !== 'list';
    this.el.articleView.hidden = v !== 'article';
    document.body.dataset.view = v;
    if (v === 'list') this.list(s);
    if (v === 'article') this.article(s);
    this.toast(s);
    this.help(s);
    this.newProject(s);
  }

  newProject(s) {
    if (!this.changed('new-project', [s.newProject])) return;
    const np = s.newProject;
    this.el.newProject.hidden = !np;
    this.el.npError.hidden = !(np && np.error);
    this.el.npError.textContent = (np && np.error) || '';
  }

  header(s) {
    if (this.changed('projects', [s.projects, s.projectId, s.me])) {
      fill(
        this.el.project,
        s.projects.map((p) => h('option', { value: String(p.id), selected: p.id === s.projectId }, p.name)),
        s.me && s.me.role === 'admin' ? h('option', { value: 'new' }, 'New project…') : null,
      );
    }
    if (this.changed('me', [s.me])) {
      fill(this.el.who, s.me ? [h('span', { class: 'who-name' }, s.me.name), h('span', { class: 'role' }, s.me.role)] : null);
    }
    const a = s.route.view === 'article' ? s.article : null;
    this.presence(s, a);
    if (this.changed('crumb', [s.route.view, a && a.title])) {
      fill(this.el.crumb, a ? [h('a', { href: '#/' }, 'Articles'), h('span', { class: 'sep' }, '/'), h('span', { class: 'cur' }, a.title || 'Untitled')] : null);
    }
  }

  presence(s, a) {
    const l = s.live;
    const show = !!a && l.status !== 'closed';
    if (!this.changed('live', [show, l.status, l.pending, l.users, l.you])) return;
    this.el.live.hidden = !show;
    if (!show) return;
    const { text, title } = liveLabel(l);
    this.el.liveStatus.className = `live-status is-${l.status}`;
    this.el.liveStatus.title = title;
    fill(this.el.liveStatus, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), h('span', { class: 'live-text' }, text));
    // Alone, your own avatar would only repeat your name next to it.
    let ps = l.status === 'live' ? people(l.users, l.you) : [];
    if (ps.length === 1 && ps[0].you) ps = [];
    const shown = ps.slice(0, 6);
    fill(
      this.el.peers,
      shown.map((p) =>
        h(
          'li',
          { class: 'avatar' + (p.you ? ' you' : ''), style: { '--c': p.color }, dataset: { name: p.name } },
          p.you || !p.selections.length
            ? h('span', { class: 'avatar-face', role: 'img', title: p.you ? `${p.name} (you)` : p.name, 'aria-label': p.you ? `${p.name} (you)` : p.name }, initials(p.name))
            : h('button', { type: 'button', class: 'avatar-face', title: `${p.name}: show their selection`, 'aria-label': `${p.name}: show their selection`, dataset: { action: 'goto-peer', name: p.name } }, initials(p.name)),
        ),
      ),
      ps.length > shown.length ? h('li', { class: 'avatar more', title: ps.slice(shown.length).map((p) => p.name).join(', ') }, `+${ps.length - shown.length}`) : null,
    );
  }

  /**
   * refreshFlags places the name flags again, e.g. after scrolling has
   * laid out paragraphs of a long article that were only estimated.
   */
  refreshFlags() {
    const s = this.store.get();
    if (!this.view || !this.el.peerFlags.firstChild) return;
    this.peerFlags(s.live.status === 'live' ? people(s.live.users, s.live.you) : []);
  }

  // peerFlags puts each other person's name at the start of their
  // selection, in their colour.
  peerFlags(ps) {
    const box = this.el.peerFlags;
    const flags = [];
    if (this.view) {
      const host = box.offsetParent || box.parentElement;
      const hr = host.getBoundingClientRect();
      const n = this.view.map.lengthCP;
      for (const p of ps) {
        if (p.you) continue;
        for (const sel of p.selections) {
          const start = Math.max(0, Math.min(sel.start, n));
          const end = Math.max(start, Math.min(sel.end, n));
          if (end <= start) continue;
          const rect = [...this.view.liveRange(start, end).getClientRects()].find((r) => r.width > 0);
          if (!rect) continue;
          flags.push(
            h('span', { class: 'peer-flag', style: { '--c': p.color, left: `${Math.round(rect.left - hr.left)}px`, top: `${Math.round(rect.top - hr.top)}px` } }, p.name),
          );
        }
      }
    }
    fill(box, flags);
  }

  // exportMenu fills a details.menu with the export choices for a project.
  exportMenu(el, s, project, scope) {
    const o = s.exportOpts;
    if (!this.changed(`export-${el.id}`, [project, o.format, o.done, o.clean, scope])) return;
    const href = exportURL({ format: o.format, project, done: o.done, clean: o.clean });
    if (!el.firstChild) {
      const group = `${el.id}-format`;
      fill(
        el,
        h('summary', { class: 'btn', title: 'Download annotations' }, 'Export', h('span', { class: 'caret', 'aria-hidden': 'true' })),
        h(
          'div',
          { class: 'menu-panel', role: 'group', 'aria-label': 'Export' },
          h('p', { class: 'menu-title' }, 'Format'),
          h(
            'div',
            { class: 'formats' },
            EXPORT_FORMATS.map(([id, name, desc]) =>
              h(
                'label',
                { class: 'format' },
                h('input', { type: 'radio', name: group, value: id, dataset: { action: 'export-format' } }),
                h('span', { class: 'format-name' }, name),
                h('span', { class: 'format-desc' }, desc),
              ),
            ),
          ),
          h(
            'div',
            { class: 'menu-opts' },
            h('label', { class: 'check' }, h('input', { type: 'checkbox', dataset: { action: 'export-done' } }), h('span', {}, 'Only done articles')),
            h('label', { class: 'check' }, h('input', { type: 'checkbox', dataset: { action: 'export-clean' } }), h('span', {}, 'Cut boilerplate out of the text')),
          ),
          h('div', { class: 'menu-foot' }, h('span', { class: 'scope muted small' }), h('a', { class: 'btn primary download', download: '', dataset: { action: 'export-download' } }, 'Download')),
        ),
      );
    }
    for (const r of el.querySelectorAll('[data-action="export-format"]')) r.checked = r.value === o.format;
    el.querySelector('[data-action="export-done"]').checked = !!o.done;
    el.querySelector('[data-action="export-clean"]').checked = !!o.clean;
    el.querySelector('.scope').textContent = scope;
    const link = el.querySelector('.download');
    link.href = href;
    link.hidden = project == null;
  }

  list(s) {
    const L = s.list;
    this.exportMenu(this.el.exportList, s, s.projectId, exportScope(this.store.project(), s.exportOpts));
    if (document.activeElement !== this.el.q && this.el.q.value !== L.q) this.el.q.value = L.q;
    if (this.el.statusFilter.value !== L.status) this.el.statusFilter.value = L.status;
    const rows = this.changed('list', [L.articles, L.loading, L.error, L.total, L.offset]);
    if (rows) {
      fill(
        this.el.rows,
        L.articles.map((a) =>
          h(
            'tr',
            { dataset: { action: 'open', id: String(a.id) } },
            h('td', { class: 'c-title' }, h('a', { href: `#/articles/${a.id}` }, a.title || 'Untitled')),
            h('td', { class: 'c-source' }, a.source || '—'),
            h('td', { class: 'c-status' }, badge(a.status)),
            h('td', { class: 'c-num' }, String(a.annotations ?? 0)),
            h('td', { class: 'c-date' }, h('time', { datetime: a.imported_at }, formatDate(a.imported_at))),
          ),
        ),
      );
      let empty = '';
      if (L.error) empty = L.error;
      else if (!L.loading && L.articles.length === 0) {
        empty = L.q || L.status ? 'No articles match.' : 'No articles yet. Import .txt, .jsonl or .json files to start.';
      }
      this.el.listEmpty.hidden = !empty;
      fill(this.el.listEmpty, empty);
      this.el.listView.classList.toggle('loading', L.loading);
      const from = L.total === 0 ? 0 : L.offset + 1;
      const to = Math.min(L.offset + L.articles.length, L.total);
      fill(
        this.el.pager,
        h('span', { class: 'count' }, L.total === 0 ? '' : `${from}–${to} of ${L.total}`),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'page', dir: '-1' }, disabled: L.offset === 0 }, '← Newer'),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'page', dir: '1' }, disabled: to >= L.total }, 'Older →'),
      );
    }
    // Who is on each article changes while the list is open (it is
    // refreshed in the background): only those marks are redrawn, so that
    // focus and hover on the rows stay.
    if (this.changed('list-here', [L.here]) || rows) {
      for (const tr of this.el.rows.children) {
        const cell = tr.firstElementChild;
        const old = cell.querySelector('.here');
        if (old) old.remove();
        const mark = hereNow(L.here && L.here[tr.dataset.id]);
        if (mark) cell.append(mark);
      }
    }
    if (this.changed('import', [s.importing, s.importResult])) {
      this.el.importBtn.classList.toggle('busy', s.importing);
      const r = s.importResult;
      this.el.importBox.hidden = !r && !s.importing;
      if (s.importing) fill(this.el.importBox, h('p', {}, 'Importing…'));
      else if (r && r.error) {
        this.el.importBox.className = 'notice error';
        fill(this.el.importBox, h('p', {}, 'Import failed: ', r.error), h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'dismiss-import' } }, 'Dismiss'));
      } else if (r) {
        const created = r.articles.filter((a) => a.created).length;
        const dup = r.articles.length - created;
        this.el.importBox.className = 'notice';
        fill(
          this.el.importBox,
          h('p', {}, `Imported ${created} article${created === 1 ? '' : 's'}` + (dup ? `; ${dup} already in the project.` : '.')),
          h(
            'ul',
            {},
            r.articles.slice(0, 20).map((a) =>
              h('li', {}, h('a', { href: `#/articles/${a.id}` }, a.title || `Article ${a.id}`), a.created ? null : h('span', { class: 'muted' }, ' (already there)')),
            ),
          ),
          h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'dismiss-import' } }, 'Dismiss'),
        );
      }
    }
  }

  article(s) {
    const a = s.article;
    const labels = this.store.labels();
    if (this.changed('art-head', [a, a && a.title, s.articleError])) {
      if (!a) {
        fill(this.el.head, s.articleError ? h('p', { class: 'notice error' }, s.articleError, ' ', h('a', { href: '#/' }, 'Back to the list')) : h('p', { class: 'muted' }, 'Loading…'));
      } else {
        const href = safeHref(a.url);
        const meta = [a.source && h('span', {}, a.source), a.published && h('time', { datetime: a.published }, formatDate(a.published))].filter(Boolean);
        fill(
          this.el.head,
          h('h1', { class: 'title' }, a.title || 'Untitled'),
          h(
            'p',
            { class: 'byline' },
            meta.flatMap((m, i) => (i ? [h('span', { class: 'dot' }, '·'), m] : [m])),
            href ? [meta.length ? h('span', { class: 'dot' }, '·') : null, h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, new URL(href).host)] : null,
          ),
        );
      }
    }
    if (this.changed('text', [a])) {
      this.view = a ? new TextView(this.el.text, a.text) : null;
      if (!a) this.el.text.replaceChildren();
      this.hl.clear();
      this.expanded.clear();
      // The text and its highlights first; the side panel a frame later.
      this.deferPanel = !!a;
    }
    if (a) {
      this.exportMenu(this.el.exportArticle, s, a.project, exportScope(this.store.project(a.project), s.exportOpts));
    }
    if (this.changed('peers-hl', [this.view, s.live.users, s.live.you, s.live.status, window.innerWidth])) {
      const ps = this.view && s.live.status === 'live' ? people(s.live.users, s.live.you) : [];
      this.peerHl.paint(this.view, ps);
      this.peerFlags(ps);
    }
    if (this.changed('toolbar', [labels, s.canUndo, s.canRedo, a && a.status])) {
      fill(
        this.el.labels,
        labels.map((l) =>
          h(
            'button',
            { type: 'button', class: 'label-btn', dataset: { action: 'label', label: l.name }, title: `Label the selection ${l.name}` + (l.hotkey ? ` (${l.hotkey})` : '') },
            swatch(l.color),
            h('span', { class: 'name' }, l.name),
            l.hotkey ? kbd(l.hotkey) : null,
          ),
        ),
      );
      this.el.undo.disabled = !s.canUndo;
      this.el.redo.disabled = !s.canRedo;
      if (a) this.el.status.value = a.status;
      this.el.status.disabled = !a;
    }
    // Wait for the schema: without it there is nothing to colour spans with.
    if (a && this.view && s.projects.length && this.changed('hl', [this.view, s.annRev, s.selectedId, labels, s.hidden, s.hiddenAuthors])) {
      this.hl.setLabels(labels);
      this.hl.paint(this.view, this.store.shown(), s.selectedId);
      // The side panel can wait a frame: the text comes first.
      if (this.changed('panel-due', [a, s.annRev, labels])) this.deferPanel = true;
      // Runs after this frame has painted: the mark a benchmark waits for.
      setTimeout(() => {
        performance.mark('gloss:rendered');
        if (this.deferPanel) {
          this.deferPanel = false;
          this.store.emit('panel');
        }
      }, 0);
    }
    if (!this.deferPanel && this.changed('panel', [a, s.annRev, labels, this.expanded.size, s.live.status === 'live', s.me, s.hidden, s.hiddenAuthors])) {
      this.panel(s, labels);
      this.memo.delete('panel-sel');
    }
    if (!this.deferPanel && this.changed('panel-sel', [s.selectedId])) {
      for (const el of this.el.panel.querySelectorAll('.ann.selected')) el.classList.remove('selected');
      if (s.selectedId != null) {
        const el = this.el.panel.querySelector(`.ann[data-id="${s.selectedId}"]`);
        if (el) el.classList.add('selected');
      }
    }
    this.popover(s, labels);
  }

  panel(s, labels) {
    const all = this.store.sorted();
    if (!s.article) {
      this.el.panel.replaceChildren();
      return;
    }
    const anns = s.hiddenAuthors.length ? all.filter((an) => this.store.authorShown(an)) : all;
    // Unsaved changes are marked only while they wait for a connection:
    // live, the ack comes within a frame or two.
    const marks = s.live.status !== 'live';
    const groups = new Map(labels.map((l) => [l.name, []]));
    for (const an of anns) {
      if (!groups.has(an.label)) groups.set(an.label, []);
      groups.get(an.label).push(an);
    }
    const sections = [];
    for (const [name, list] of groups) {
      const l = labels.find((x) => x.name === name) || { name, color: '#64748b', attrs: [] };
      const hidden = s.hidden.includes(name);
      const shown = hidden ? [] : this.expanded.has(name) ? list : list.slice(0, PANEL_ITEMS);
      // Hide or show the label's highlights (not offered for a label with none).
      const eye =
        list.length || hidden
          ? h(
              'button',
              {
                type: 'button',
                class: 'icon-btn eye',
                dataset: { action: 'toggle-label', label: name },
                'aria-pressed': String(!hidden),
                title: hidden ? `Show the ${name} highlights` : `Hide the ${name} highlights`,
                'aria-label': hidden ? `Show ${name}` : `Hide ${name}`,
              },
              hidden ? 'Show' : 'Hide',
            )
          : null;
      sections.push(
        h(
          'section',
          { class: 'group' + (list.length === 0 ? ' empty' : '') + (hidden ? ' hidden-label' : '') },
          h('h3', {}, swatch(l.color), h('span', { class: 'name' }, name), h('span', { class: 'count' }, String(list.length)), eye),
          list.length === 0 || hidden
            ? null
            : h(
                'ol',
                {},
                shown.map((an) =>
                  h(
                    'li',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'ann' + (marks && an.pending ? ' pending' : ''),
                        dataset: { action: 'goto', id: String(an.id) },
                        style: { '--c': l.color },
                        title: marks && an.pending ? 'Not saved yet: sent when the connection is back' : null,
                      },
                      h('span', { class: 'snippet' }, truncate(oneLine(an.text), 90)),
                      attrLine(l, an),
                      byLine(an, s.me),
                      marks && an.pending ? h('span', { class: 'unsaved' }, 'not saved yet') : null,
                    ),
                  ),
                ),
              ),
          !hidden && list.length > shown.length ? h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'expand', label: name } }, `Show all ${list.length}`) : null,
        ),
      );
    }
    fill(
      this.el.panel,
      h('header', { class: 'panel-head' }, h('h2', {}, 'Annotations'), h('span', { class: 'count' }, anns.length === all.length ? String(all.length) : `${anns.length} of ${all.length}`)),
      authorFilter(all, s),
      all.length === 0 ? h('p', { class: 'hint' }, 'Select text, then press a label key or click a label above.') : null,
      sections,
    );
  }

  popover(s, labels) {
    const pop = this.el.popover;
    const an = s.selectedId != null ? this.store.annotation(s.selectedId) : null;
    if (!an || !this.view) {
      if (!pop.hidden) {
        pop.hidden = true;
        pop.replaceChildren();
      }
      this.memo.delete('pop');
      return;
    }
    // Rebuild when another annotation or label is shown; otherwise only
    // refresh the values, so that a click or typing in progress survives
    // the answer to the previous change. A new annotation's temporary id
    // becoming its real one is not another annotation.
    const prev = this.memo.get('pop');
    if (prev && prev[0] !== an.id && this.store.currentId(prev[0]) === an.id) {
      prev[0] = an.id;
      pop.dataset.id = String(an.id);
    }
    // How many other places have the same text without this label: the
    // popover offers to label them all.
    const moreKey = `${an.id} ${an.label} ${an.start} ${an.end} ${s.annRev}`;
    if (this.moreKey !== moreKey) {
      this.moreKey = moreKey;
      this.more = sameTextSpans(this.view.text, this.view.map, an, this.store.sorted()).length;
    }
    const more = this.more;
    const ew = s.everywhere && s.everywhere.id === an.id ? s.everywhere : null;
    if (!this.changed('pop', [an.id, an.label, labels, more, ew])) {
      if (this.changed('pop-values', [an])) this.refreshPopover(an);
    } else {
      this.memo.set('pop-values', [an]);
      const focused = pop.contains(document.activeElement) ? document.activeElement.dataset.name || document.activeElement.dataset.action : null;
      const l = labels.find((x) => x.name === an.label) || { name: an.label, color: '#64748b', attrs: [] };
      const anns = this.store.sorted();
      const fields = (l.attrs || []).map((spec) => attrField(spec, an.attrs ? an.attrs[spec.name] : '', spec.type === 'text' ? suggestions(an, spec.name, anns) : []));
      fill(
        pop,
        h(
          'div',
          { class: 'pop-head' },
          h(
            'select',
            { class: 'label-select', dataset: { action: 'relabel' }, 'aria-label': 'Label', style: { '--c': l.color } },
            labels.map((x) => h('option', { value: x.name, selected: x.name === an.label }, x.name)),
          ),
          h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'close-popover' }, title: 'Close (Esc)', 'aria-label': 'Close' }, '×'),
        ),
        h('blockquote', { class: 'pop-text' }, popText(an)),
        h(
          'div',
          { class: 'pop-edges', role: 'group', 'aria-label': 'Move the span by a word' },
          h('span', { class: 'field-name' }, 'Start'),
          edgeButton('start', -1, '‹', 'One word earlier (Alt+Shift+←)'),
          edgeButton('start', 1, '›', 'One word later (Alt+Shift+→)'),
          h('span', { class: 'field-name' }, 'End'),
          edgeButton('end', -1, '‹', 'One word earlier (Shift+←)'),
          edgeButton('end', 1, '›', 'One word later (Shift+→)'),
        ),
        fields.length ? h('div', { class: 'fields' }, fields) : null,
        h(
          'div',
          { class: 'pop-foot' },
          h('span', { class: 'muted small' }, an.author ? `by ${an.author}` : ''),
          more
            ? h(
                'button',
                { type: 'button', class: 'btn small', dataset: { action: 'label-all' }, title: `The same text is in ${more} more ${more === 1 ? 'place' : 'places'}: label ${more === 1 ? 'it' : 'them'} ${an.label} too (one undo takes them away)` },
                `Label ${more} more`,
              )
            : null,
          h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'delete-ann' } }, 'Delete'),
        ),
        everywhereRow(an, ew),
      );
      pop.hidden = false;
      pop.dataset.id = String(an.id);
      if (focused) {
        const el = pop.querySelector(`[data-name="${CSS.escape(focused)}"]`) || pop.querySelector(`[data-action="${CSS.escape(focused)}"]`);
        if (el) el.focus();
      }
    }
    this.placePopover(an);
  }

  refreshPopover(an) {
    const pop = this.el.popover;
    for (const el of pop.querySelectorAll('[data-action="attr"]')) {
      if (el === document.activeElement) continue;
      const v = (an.attrs && an.attrs[el.dataset.name]) || '';
      if (el.tagName === 'SELECT' && v && ![...el.options].some((o) => o.value === v)) el.appendChild(h('option', { value: v }, v));
      if (el.value !== v) el.value = v;
    }
    const q = pop.querySelector('.pop-text');
    if (q) q.textContent = popText(an);
  }

  /**
   * placePopover puts the popover under the end of the annotation, or
   * above its start when there is no room below and there is above.
   */
  placePopover(an) {
    const pop = this.el.popover;
    const host = pop.offsetParent || pop.parentElement;
    const rects = this.view.liveRange(an.start, an.end).getClientRects();
    if (!rects.length) return;
    let r = rects[rects.length - 1];
    const hr = host.getBoundingClientRect();
    const w = pop.offsetWidth;
    const ph = pop.offsetHeight;
    const bars = this.el.toolbar.getBoundingClientRect().bottom; // the sticky bars cover what is above
    let top = r.bottom - hr.top + 10;
    if (r.bottom + 10 + ph > window.innerHeight && rects[0].top - 10 - ph > bars) {
      r = rects[0];
      top = r.top - hr.top - 10 - ph;
    }
    let left = r.left - hr.left;
    left = Math.max(0, Math.min(left, hr.width - w));
    pop.style.left = `${Math.round(left)}px`;
    pop.style.top = `${Math.round(top)}px`;
  }

  toast(s) {
    if (!this.changed('toast', [s.toast])) return;
    const t = s.toast;
    this.el.toast.className = t ? `toast show ${t.kind}` : 'toast';
    fill(
      this.el.toast,
      t ? h('span', {}, t.message) : null,
      t && t.action ? h('button', { type: 'button', class: 'toast-action', dataset: { action: 'toast-action' } }, t.action.label) : null,
      t ? h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'dismiss-toast' }, 'aria-label': 'Dismiss' }, '×') : null,
    );
  }

  help(s) {
    const labels = this.store.labels().length ? this.store.labels() : (this.store.project() || { labels: [] }).labels;
    if (!this.changed('help', [s.help, labels])) return;
    this.el.help.hidden = !s.help;
    fill(
      this.el.helpLabels,
      labels.filter((l) => l.hotkey).map((l) => h('li', {}, h('span', { class: 'k' }, kbd(l.hotkey)), h('span', {}, 'label the selection ', swatch(l.color), h('strong', {}, l.name)))),
    );
  }
}

function exportScope(project, o) {
  if (!project) return '';
  return `${o.done ? 'Done articles' : 'Every article'} of ${project.name}`;
}

function popText(an) {
  return truncate(oneLine(an.text), 160);
}

function attrLine(label, an) {
  const parts = [];
  for (const spec of label.attrs || []) {
    const v = an.attrs && an.attrs[spec.name];
    if (v) parts.push(`${spec.name}: ${v}`);
  }
  return parts.length ? h('span', { class: 'attrs' }, truncate(parts.join(' · '), 70)) : null;
}

// hereNow shows who has an article open live, as small avatars after its
// title in the list: where a review session is going on.
function hereNow(users) {
  if (!users || !users.length) return null;
  const names = users.map((u) => u.name).join(', ');
  return h(
    'span',
    { class: 'here', role: 'img', title: `Open now: ${names}`, 'aria-label': `Open now: ${names}` },
    users.slice(0, 4).map((u) => h('span', { class: 'avatar-face small', style: { '--c': safeColor(u.color) } }, initials(u.name))),
    users.length > 4 ? h('span', { class: 'avatar-face small more' }, `+${users.length - 4}`) : null,
  );
}

// authorFilter lists the people who annotated the article, when there
// are several, each a toggle that shows or hides their annotations: a
// reviewer looks at one person's work at a time.
function authorFilter(anns, s) {
  const names = [...new Set(anns.map((an) => an.author || ''))].filter(Boolean);
  if (names.length < 2 && !s.hiddenAuthors.length) return null;
  const me = s.me ? s.me.name : '';
  names.sort((a, b) => (a === me ? -1 : b === me ? 1 : a.localeCompare(b)));
  return h(
    'div',
    { class: 'authors', role: 'group', 'aria-label': 'Show the annotations of' },
    names.map((n) => {
      const on = !s.hiddenAuthors.includes(n);
      return h(
        'button',
        {
          type: 'button',
          class: 'author' + (on ? '' : ' off'),
          dataset: { action: 'toggle-author', author: n },
          'aria-pressed': String(on),
          title: on ? `Hide ${n === me ? 'your' : `${n}'s`} annotations` : `Show ${n === me ? 'your' : `${n}'s`} annotations`,
          style: { '--u': colorOf(n) },
        },
        n === me ? `${n} (you)` : n,
      );
    }),
  );
}

function edgeButton(edge, dir, text, title) {
  return h('button', { type: 'button', class: 'icon-btn edge', dataset: { action: 'edge', edge, dir: String(dir) }, title, 'aria-label': `${edge === 'start' ? 'Start' : 'End'}: ${title}` }, text);
}

// everywhereRow offers to label the annotation's text in every article of
// the project: a link first, then what the count found and a confirm.
function everywhereRow(an, ew) {
  if (!ew) {
    return h(
      'div',
      { class: 'pop-everywhere' },
      h('button', { type: 'button', class: 'link', dataset: { action: 'everywhere' }, title: `Find this text in every article of the project and label it ${an.label}` }, 'Label it in every article…'),
    );
  }
  if (ew.loading) return h('div', { class: 'pop-everywhere muted' }, 'Looking through the project…');
  if (ew.error) return h('div', { class: 'pop-everywhere error' }, ew.error);
  if (!ew.places) return h('div', { class: 'pop-everywhere muted' }, `Every place with this text is labelled ${an.label} already.`);
  const where = `${ew.places} ${ew.places === 1 ? 'place' : 'places'} in ${ew.articles} ${ew.articles === 1 ? 'article' : 'articles'}`;
  return h(
    'div',
    { class: 'pop-everywhere' },
    h('span', {}, `${where} not labelled ${an.label} yet.`),
    h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'everywhere-apply' } }, 'Label them'),
    h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'everywhere-cancel' } }, 'Cancel'),
  );
}

// byLine names the author of someone else's annotation, in their colour,
// so that in a shared session each card says whose it is.
function byLine(an, me) {
  if (!an.author || (me && an.author === me.name)) return null;
  return h('span', { class: 'by', style: { '--u': colorOf(an.author) } }, an.author);
}

// attrField is the popover's field for one attribute; a text field
// offers suggested values (suggest.js) as a datalist.
function attrField(spec, value, offered = []) {
  const id = `attr-${spec.name}`;
  value = value || '';
  let input;
  if (spec.type === 'enum') {
    const values = spec.values || [];
    input = h(
      'select',
      { id, dataset: { action: 'attr', name: spec.name } },
      h('option', { value: '', selected: value === '' }, '—'),
      values.map((v) => h('option', { value: v, selected: v === value }, v)),
      value && !values.includes(value) ? h('option', { value, selected: true }, value) : null,
    );
  } else {
    input = h('input', {
      id,
      type: spec.type === 'url' ? 'url' : 'text',
      value,
      placeholder: spec.type === 'url' ? 'https://' : '',
      spellcheck: spec.type === 'url' ? 'false' : null,
      autocomplete: 'off',
      list: offered.length ? `${id}-offered` : null,
      dataset: { action: 'attr', name: spec.name },
    });
  }
  return h(
    'label',
    { class: 'field', for: id },
    h('span', { class: 'field-name' }, spec.name),
    input,
    offered.length ? h('datalist', { id: `${id}-offered` }, offered.map((v) => h('option', { value: v }))) : null,
  );
}
