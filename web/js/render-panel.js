// render-panel.js draws the side panel (Renderer's panel, see render.js):
// the article's annotations grouped by label, each label's Hide/Show, and
// the authors to show or hide.
import { h, fill, truncate, oneLine, swatch } from './dom.js';
import { colorOf } from './presence.js';
import { linkCounts } from './relations.js';
import { linkBadge } from './render-relations.js';

const PANEL_ITEMS = 100; // per label before "show all": keeps huge articles cheap

/** panelMethods are Renderer's methods for the side panel; render.js adds them to the class. */
export const panelMethods = {
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
    const links = linkCounts(s.relations, (id) => this.store.annotation(id));
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
                { 'aria-label': name },
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
                      // Its name is what it shows, the label first for a
                      // screen reader (an aria-label of the whole text would
                      // not match the cut text people see: WCAG 2.5.3).
                      h('span', { class: 'sr-only' }, `${an.label}: `),
                      h('span', { class: 'snippet' }, truncate(oneLine(an.text), 90)),
                      attrLine(l, an),
                      linkBadge(links.get(an.id)),
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
  },
};

function attrLine(label, an) {
  const parts = [];
  for (const spec of label.attrs || []) {
    const v = an.attrs && an.attrs[spec.name];
    if (v) parts.push(`${spec.name}: ${v}`);
  }
  return parts.length ? h('span', { class: 'attrs' }, truncate(parts.join(' · '), 70)) : null;
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

// byLine names the author of someone else's annotation, in their colour,
// so that in a shared session each card says whose it is.
function byLine(an, me) {
  if (!an.author || (me && an.author === me.name)) return null;
  return h('span', { class: 'by', style: { '--u': colorOf(an.author) } }, an.author);
}
