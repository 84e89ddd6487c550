// render-export.js draws the Export menu of the list and of the article
// toolbar (Renderer's exportMenu, see render.js).
import { h, fill } from './dom.js';
import { exportURL } from './api.js';

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

/**
 * exportScope says which articles an export of project takes, with options
 * o; article is the open one, which the article toolbar's menu exports
 * alone unless "Only this article" is unticked.
 */
export function exportScope(project, o, article = null) {
  if (!project) return '';
  if (article && thisArticle(o)) return `This article only`;
  return `${o.done ? 'Done articles' : 'Every article'} of ${project.name}`;
}

/** thisArticle reports whether the article toolbar exports the open article alone (the default). */
export function thisArticle(o) {
  return o.thisArticle !== false;
}

/** exportMethods are Renderer's methods for the export menu; render.js adds them to the class. */
export const exportMethods = {
  // exportMenu fills a details.menu with the export choices for a project.
  //
  // articleId, in the article toolbar, offers "Only this article".
  exportMenu(el, s, project, scope, articleId = null) {
    const o = s.exportOpts;
    if (!this.changed(`export-${el.id}`, [project, o.format, o.done, o.clean, o.thisArticle, scope, articleId])) return;
    const only = articleId != null && thisArticle(o);
    const href = exportURL({ format: o.format, project, done: !only && o.done, clean: o.clean, articles: only ? String(articleId) : '' });
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
            articleId != null
              ? h('label', { class: 'check' }, h('input', { type: 'checkbox', dataset: { action: 'export-this' } }), h('span', {}, 'Only this article'))
              : null,
            h('label', { class: 'check' }, h('input', { type: 'checkbox', dataset: { action: 'export-done' } }), h('span', {}, 'Only done articles')),
            h('label', { class: 'check' }, h('input', { type: 'checkbox', dataset: { action: 'export-clean' } }), h('span', {}, 'Cut boilerplate out of the text')),
          ),
          h('div', { class: 'menu-foot' }, h('span', { class: 'scope muted small' }), h('a', { class: 'btn primary download', download: '', dataset: { action: 'export-download' } }, 'Download')),
        ),
      );
    }
    for (const r of el.querySelectorAll('[data-action="export-format"]')) r.checked = r.value === o.format;
    const done = el.querySelector('[data-action="export-done"]');
    done.checked = !!o.done;
    done.closest('label').hidden = only; // one article: its status does not choose it
    const one = el.querySelector('[data-action="export-this"]');
    if (one) one.checked = only;
    el.querySelector('[data-action="export-clean"]').checked = !!o.clean;
    el.querySelector('.scope').textContent = scope;
    const link = el.querySelector('.download');
    link.href = href;
    link.hidden = project == null;
  },
};
