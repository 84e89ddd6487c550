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

/** exportScope says which articles an export of project takes, with options o. */
export function exportScope(project, o) {
  if (!project) return '';
  return `${o.done ? 'Done articles' : 'Every article'} of ${project.name}`;
}

/** exportMethods are Renderer's methods for the export menu; render.js adds them to the class. */
export const exportMethods = {
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
  },
};
